"""Copying a project between a SQLite file and a PostgreSQL database, both ways, losslessly."""

from __future__ import annotations

from pathlib import Path

import pytest

from db_state import table_rows
from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import ProjectError
from factcheck_app.domain.sources import Source
from factcheck_app.services.copy import copy_project
from factcheck_app.services.edits import AddSource, AttachFile, CreateClaim, SetStatus, SetTagColour
from factcheck_app.services.project import Project
from factcheck_app.services.sample import create_sample_project


@pytest.fixture
def rich_file(tmp_path: Path) -> Path:
    """The sample project plus evidence, an attached file, a tag colour, a status and non-ASCII text."""
    path = create_sample_project(tmp_path / "rich.factcheck")
    attachment = tmp_path / "étude.pdf"
    attachment.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    with Project.open(path, analyst="zoë") as project:
        claim = project.claims()[0]
        add = AddSource(
            claim.id,
            Source(None, "https://example.org/étude", "Étude — 2026"),
            excerpt="« 31 000 voyageurs »",
            location="p. 4",
            stance="contradicts",
        )
        project.apply(add)
        assert add.source_id is not None
        project.apply(AttachFile(add.source_id, attachment))
        project.apply(SetTagColour(claim.tags[0], "#1e88e5"))
        project.apply(SetStatus(claim.id, "in_review"))
    return path


def test_sqlite_to_postgresql_and_back_is_lossless(rich_file: Path, pg_database: str, tmp_path: Path) -> None:
    """Every row of every table (history, evidence, attachment bytes, settings) survives both copies."""
    original = table_rows(rich_file)
    to_server = copy_project(rich_file, pg_database)
    assert to_server.rows["claims"] == len(original["claims"]) > 0
    assert table_rows(pg_database) == original
    back = tmp_path / "back.factcheck"
    copy_project(pg_database, back)
    assert table_rows(back) == original
    assert back.stat().st_mode & 0o077 == 0  # the local copy is private like any project file


def test_new_work_after_a_copy_gets_fresh_ids(rich_file: Path, pg_database: str) -> None:
    """Copied rows keep their ids; the server's id sequences move past them, so a new claim just works."""
    copy_project(rich_file, pg_database)
    with Project.open(pg_database, analyst="anna") as team:
        article = team.articles()[0]
        before = {c.id for c in team.claims()}
        quote = article.text.split(".")[0][:30].strip()
        create = CreateClaim(article.id, anchor_for_quote(article.text, quote))
        team.apply(create)
        assert create.claim_id not in before
        assert len(team.claims()) == len(before) + 1
        assert team.history("claim", create.claim_id)[0].analyst == "anna"


def test_copy_refuses_a_database_that_is_not_empty(rich_file: Path, pg_database: str) -> None:
    """A second copy into the same database is refused and leaves the first one as it was."""
    copy_project(rich_file, pg_database)
    first = table_rows(pg_database)
    with pytest.raises(ProjectError, match="already holds a Factcheck project"):
        copy_project(rich_file, pg_database)
    assert table_rows(pg_database) == first


def test_copy_refuses_an_existing_file(rich_file: Path, tmp_path: Path) -> None:
    """Copying onto an existing file is refused before anything is written."""
    target = tmp_path / "taken.factcheck"
    target.write_bytes(b"someone's file")
    with pytest.raises(ProjectError, match="already exists"):
        copy_project(rich_file, target)
    assert target.read_bytes() == b"someone's file"


def test_a_failed_copy_leaves_nothing_behind(rich_file: Path, pg_database: str, tmp_path: Path) -> None:
    """A copy that fails half-way (a text PostgreSQL cannot store) rolls back: the database stays empty."""
    from db_state import plant

    broken = tmp_path / "broken.factcheck"
    copy_project(rich_file, broken)
    plant(broken, "UPDATE claims SET rationale = 'nul ' || char(0) || ' byte' WHERE id = 1")
    with pytest.raises(ProjectError, match="nothing was kept"):
        copy_project(broken, pg_database)
    assert table_rows(pg_database) == {}


def test_copy_from_a_server_that_cannot_be_reached_says_so(tmp_path: Path) -> None:
    """A wrong port gets a sentence about the server, and no file is created."""
    target = tmp_path / "local.factcheck"
    with pytest.raises(ProjectError, match="Cannot reach the PostgreSQL server"):
        copy_project("postgresql://nobody@127.0.0.1:1/none", target)
    assert not target.exists()
