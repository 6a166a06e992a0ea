"""Schema and migrations: created by Alembic, walked up and down, newer files refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from factcheck_app.domain.errors import NewerProject, NotAProject, ProjectInUse
from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.engine import APPLICATION_ID, locate, make_engine
from factcheck_app.storage.orm import Base


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_constant_matches_migration_scripts() -> None:
    """The fast start-up check uses the same head as Alembic."""
    assert schema.script_heads() == (schema.HEAD_REVISION,)
    assert schema.script_revisions() == schema.KNOWN_REVISIONS


def test_new_project_is_at_head_with_all_tables(tmp_path: Path) -> None:
    """A new project is created by the migrations and marked as ours."""
    with Project.create(tmp_path / "p.factcheck"):
        pass
    engine = make_engine(locate(tmp_path / "p.factcheck"))
    assert schema.current_revision(engine) == schema.HEAD_REVISION
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
    raw = sqlite3.connect(tmp_path / "p.factcheck")
    assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    raw.close()


def test_orm_matches_migrations(tmp_path: Path) -> None:
    """Alembic autogenerate finds nothing to add: the ORM and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Project.create(tmp_path / "p.factcheck"):
        pass
    engine = make_engine(locate(tmp_path / "p.factcheck"))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_migration_walks_down_and_up(tmp_path: Path) -> None:
    """Each revision downgrades to base and upgrades to head again."""
    with Project.create(tmp_path / "p.factcheck"):
        pass
    engine = make_engine(locate(tmp_path / "p.factcheck"))
    schema.downgrade(engine, "base")
    with engine.connect() as conn:
        assert "claims" not in inspect(conn).get_table_names()
    schema.upgrade(engine)
    assert schema.current_revision(engine) == schema.HEAD_REVISION
    engine.dispose()


def test_connections_enforce_foreign_keys_wal_and_busy_timeout(tmp_path: Path) -> None:
    """Every connection gets the pragmas that keep data safe."""
    with Project.create(tmp_path / "p.factcheck"):
        pass
    engine = make_engine(locate(tmp_path / "p.factcheck"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()


def test_newer_project_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    """A project from a future version is not opened and not touched."""
    path = tmp_path / "future.factcheck"
    with Project.create(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.commit()
    raw.execute("PRAGMA journal_mode=DELETE")
    raw.close()
    before = _digest(path)
    with pytest.raises(NewerProject, match="newer version"):
        Project.open(path)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not a Factcheck project"),
        (b"Just some notes, not a database.\n" * 10, "not a Factcheck project"),
        (bytes(range(256)) * 20, "not a Factcheck project"),
    ],
    ids=["empty", "text", "binary"],
)
def test_file_that_is_not_a_project_is_refused_untouched(tmp_path: Path, content: bytes, message: str) -> None:
    """Opening junk names the problem and leaves the file as it was."""
    path = tmp_path / "junk.factcheck"
    path.write_bytes(content)
    with pytest.raises(NotAProject, match=message):
        Project.open(path)
    assert path.read_bytes() == content


def test_database_of_another_app_is_refused_untouched(tmp_path: Path) -> None:
    """A SQLite file that is not ours (e.g. a browser history) is refused."""
    path = tmp_path / "places.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    raw.commit()
    raw.close()
    before = _digest(path)
    with pytest.raises(NotAProject, match="another application"):
        Project.open(path)
    assert _digest(path) == before


def test_second_writer_is_told_and_may_open_read_only(tmp_path: Path) -> None:
    """One writer per project; a second instance gets a clear message and read-only access."""
    path = tmp_path / "p.factcheck"
    with Project.create(path) as first:
        with pytest.raises(ProjectInUse, match="open in another"):
            Project.open(path)
        with Project.open(path, read_only=True) as second:
            assert second.read_only
            assert second.articles() == first.articles()
    with Project.open(path) as again:  # released on close
        assert not again.read_only


def test_lock_of_a_killed_instance_does_not_block(tmp_path: Path) -> None:
    """A crashed app (SIGKILL) leaves no lock behind that refuses the next start."""
    import subprocess
    import sys

    path = tmp_path / "p.factcheck"
    with Project.create(path):
        pass
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom factcheck_app.services.project import Project\n"
            f"p = Project.open({str(path)!r})\nprint('open', flush=True)\ntime.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "open"
    with pytest.raises(ProjectInUse):
        Project.open(path)
    child.kill()
    child.wait()
    with Project.open(path) as reopened:
        assert not reopened.read_only


def test_migrations_walk_down_and_up_on_a_populated_project(tmp_path: Path) -> None:
    """Each revision goes down and up again on a project full of work, which survives intact."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.articles import ArticleDraft
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import CreateClaim, ImportArticle

    path = tmp_path / "full.factcheck"
    text = "The mayor said the bridge will open in 2030 and cost 472 million dollars.\n"
    with Project.create(path) as project:
        article = ImportArticle(ArticleDraft(title="Bridge", text=text))
        project.apply(article)
        project.apply(
            CreateClaim(
                article.article_id,
                anchor_for_quote(text, "cost 472 million dollars"),
                tags=["Budget"],
                verdict="False",
                rationale="Costs rose.",
                sources=[Source(None, "https://example.org/budget", "Budget")],
            )
        )
        before = project.claims()
    engine = make_engine(locate(path))
    revisions = schema.KNOWN_REVISIONS
    for target in reversed(revisions[:-1]):
        schema.downgrade(engine, target)
        assert schema.current_revision(engine) == target
    for target in revisions[1:]:
        schema.upgrade(engine, target)
        assert schema.current_revision(engine) == target
    engine.dispose()
    with Project.open(path) as project:
        after = project.claims()
    assert [(c.quote, c.tags, c.verdict, c.rationale, c.sources) for c in after] == [
        (c.quote, c.tags, c.verdict, c.rationale, c.sources) for c in before
    ]
