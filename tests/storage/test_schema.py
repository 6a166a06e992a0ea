"""Schema and migrations: created by Alembic, walked up and down, newer files refused.

Tests taking ``project_target`` run on a SQLite file and on a PostgreSQL database; the
others are about the SQLite file itself (its header, pragmas and lock).
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from db_state import plant, table_rows
from factcheck_app.domain.errors import NewerProject, NotAProject, ProjectInUse, ProjectReadOnly
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


def test_new_project_is_at_head_with_all_tables(project_target: str, backend: str) -> None:
    """A new project is created by the migrations (and a SQLite file is marked as ours)."""
    with Project.create(project_target):
        pass
    engine = make_engine(locate(project_target))
    assert schema.current_revision(engine) == schema.HEAD_REVISION
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
    if backend == "sqlite":
        raw = sqlite3.connect(project_target)
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        raw.close()


def test_orm_matches_migrations(project_target: str) -> None:
    """Alembic autogenerate finds nothing to add: the ORM and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Project.create(project_target):
        pass
    engine = make_engine(locate(project_target))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_migration_walks_down_and_up(project_target: str) -> None:
    """Each revision downgrades to base and upgrades to head again."""
    with Project.create(project_target):
        pass
    engine = make_engine(locate(project_target))
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


def test_newer_team_project_is_refused_and_left_unchanged(pg_database: str) -> None:
    """On a server too, a project from a future version is opened neither way, and no row changes."""
    with Project.create(pg_database):
        pass
    plant(pg_database, "UPDATE alembic_version SET version_num = '9999_future'")
    before = table_rows(pg_database)
    with pytest.raises(NewerProject, match="newer version"):
        Project.open(pg_database)
    with pytest.raises(NewerProject, match="newer version"):
        Project.open(pg_database, read_only=True)
    assert table_rows(pg_database) == before


def test_older_project_is_upgraded_only_when_opened_for_writing(project_target: str) -> None:
    """An older schema is refused read-only (it must be upgraded) and migrated to head on a writable open."""
    with Project.create(project_target):
        pass
    engine = make_engine(locate(project_target))
    schema.downgrade(engine, "0001")
    with pytest.raises(ProjectReadOnly, match="older version"):
        Project.open(project_target, read_only=True)
    assert schema.current_revision(engine) == "0001"
    with Project.open(project_target) as upgraded:
        assert upgraded.articles() == []
    assert schema.current_revision(engine) == schema.HEAD_REVISION
    engine.dispose()


def test_read_only_server_connections_refuse_writes(pg_database: str) -> None:
    """A read-only team project is read-only in the database too, not only in the app."""
    with Project.create(pg_database):
        pass
    engine = make_engine(locate(pg_database), read_only=True)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SHOW default_transaction_read_only").scalar() == "on"
            with pytest.raises(DBAPIError, match="read-only transaction"):
                conn.exec_driver_sql("UPDATE settings SET value = value")
    finally:
        engine.dispose()


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
        with pytest.raises(ProjectInUse, match="is open for writing in "):
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


def test_migrations_walk_down_and_up_on_a_populated_project(project_target: str) -> None:
    """Each revision goes down and up again on a project full of work, which survives intact."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.articles import ArticleDraft
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import CreateClaim, ImportArticle

    text = "The mayor said the bridge will open in 2030 and cost 472 million dollars.\n"
    with Project.create(project_target) as project:
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
    engine = make_engine(locate(project_target))
    revisions = schema.KNOWN_REVISIONS
    for target in reversed(revisions[:-1]):
        schema.downgrade(engine, target)
        assert schema.current_revision(engine) == target
    for target in revisions[1:]:
        schema.upgrade(engine, target)
        assert schema.current_revision(engine) == target
    engine.dispose()
    with Project.open(project_target) as project:
        after = project.claims()
        # New rows still get fresh ids after the walk (a server's sequences survived it).
        more = CreateClaim(
            article.article_id,
            anchor_for_quote(text, "open in 2030"),
            sources=[Source(None, "https://example.org/plan")],
        )
        project.apply(more)
        assert project.claim(more.claim_id).quote == "open in 2030"
    assert [(c.quote, c.tags, c.verdict, c.rationale, c.sources) for c in after] == [
        (c.quote, c.tags, c.verdict, c.rationale, c.sources) for c in before
    ]


def _id_tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables if [c.name for c in t.primary_key.columns] == ["id"]]


def test_ids_are_never_handed_out_twice(project_target: str, backend: str) -> None:
    """Every table with its own id: AUTOINCREMENT on SQLite (``sqlite_sequence`` keeps the largest
    id ever given), a sequence on PostgreSQL (which never goes back)."""
    with Project.create(project_target):
        pass
    engine = make_engine(locate(project_target))
    tables = _id_tables()
    assert {"articles", "claims", "sources", "tags", "attachments", "history", "verdicts"} <= set(tables)
    with engine.connect() as conn:
        for table in tables:
            if backend == "sqlite":
                sql = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).scalar()
                assert "PRIMARY KEY AUTOINCREMENT" in sql, table
            else:
                sequence = conn.exec_driver_sql(f"SELECT pg_get_serial_sequence('{table}', 'id')").scalar()
                assert sequence is not None, table
    engine.dispose()


def test_migration_to_autoincrement_keeps_rows_and_ids_down_and_up(project_target: str) -> None:
    """Going down to the previous revision and up again keeps every row with its id, and the
    newest claim, deleted before the walk, does not lend its id (or history) to the next one."""
    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.domain.articles import ArticleDraft
    from factcheck_app.domain.sources import Source
    from factcheck_app.services.edits import CreateClaim, DeleteClaim, ImportArticle

    text = "The mayor said the bridge will open in 2030 and cost 472 million dollars.\n"
    with Project.create(project_target) as project:
        article = ImportArticle(ArticleDraft(title="Bridge", text=text))
        project.apply(article)
        for quote in ("cost 472 million dollars", "open in 2030"):
            claim = CreateClaim(
                article.article_id,  # type: ignore[arg-type]
                anchor_for_quote(text, quote),
                tags=["Budget"],
                sources=[Source(None, f"https://example.org/{len(quote)}")],
            )
            project.apply(claim)
        project.apply(DeleteClaim(claim.claim_id))  # type: ignore[arg-type]
    before = table_rows(project_target)
    engine = make_engine(locate(project_target))
    previous = "0005"  # the revision before ids were never reused (0006)
    schema.downgrade(engine, previous)
    lower = table_rows(project_target)  # tables of later revisions (0007 on) are gone, empty here
    # Columns of later revisions (0008's on claims) went too: they were added last, after the others.
    width = {k: len(rows[0]) for k, rows in lower.items() if rows}
    assert {k: v for k, v in lower.items() if k != "alembic_version"} == {
        k: sorted((row[: width.get(k)] for row in v), key=repr)
        for k, v in before.items()
        if k in lower and k != "alembic_version"
    }
    schema.upgrade(engine)
    engine.dispose()
    assert table_rows(project_target) == before
    with Project.open(project_target) as project:
        again = CreateClaim(article.article_id, anchor_for_quote(text, "open in 2030"))  # type: ignore[arg-type]
        project.apply(again)
        assert again.claim_id is not None and again.claim_id > claim.claim_id  # type: ignore[operator]
        assert [entry.action for entry in project.history("claim", again.claim_id)] == ["New claim"]
