"""Disk full, read-only and locked files: a clear message, the edit not applied, earlier work intact."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import ProjectError, ProjectReadOnly
from factcheck_app.services.edits import CreateClaim, SetRationale
from factcheck_app.services.project import Project

QUOTE = "carry 50,000 passengers a day"


def limit_pages(project: Project, extra_pages: int):  # type: ignore[no-untyped-def]
    """Make the database 'full' a few pages from now, as a full disk would."""
    path = project.location.path
    pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    event.listen(project._engine, "connect", cap)
    project._engine.dispose()
    return cap


def test_disk_full_refuses_the_edit_and_keeps_earlier_work(imported) -> None:  # type: ignore[no-untyped-def]
    """When the disk fills, the edit fails with a plain message and nothing half-written remains."""
    project, article = imported
    first = CreateClaim(article.id, anchor_for_quote(article.text, QUOTE), rationale="kept")
    project.apply(first)
    cap = limit_pages(project, 2)
    saved = "kept"
    with pytest.raises(ProjectError, match=r"disk holding .* is full"):
        for attempt in range(50):
            text = f"{attempt} " + "x" * 90_000
            project.apply(SetRationale(first.claim_id, text))
            saved = text
    assert project.claim(first.claim_id).rationale == saved  # the failed edit left no trace
    assert sqlite3.connect(project.location.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    event.remove(project._engine, "connect", cap)  # space freed again
    project._engine.dispose()
    project.apply(SetRationale(first.claim_id, "after space was freed"))
    assert project.claim(first.claim_id).rationale == "after space was freed"


def test_read_only_copy_opens_read_only_and_refuses_edits(imported, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A project file we may not write opens read-only; an edit is refused, the file unchanged."""
    project, article = imported
    path = project.location.path
    project.close()
    copy = tmp_path / "copy.factcheck"
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o444)
    real_access = __import__("os").access
    # NOTE: the suite runs as root in CI, for whom permission bits do not apply; os.access
    # is answered as for an ordinary user, and SQLite then really opens the file read-only.
    monkeypatch.setattr("os.access", lambda p, mode: False if str(p) == str(copy) else real_access(p, mode))
    before = copy.read_bytes()
    with Project.open(copy) as viewer:
        assert viewer.read_only
        assert [a.id for a in viewer.articles()] == [article.id]
        with pytest.raises(ProjectReadOnly, match="read-only"):
            viewer.apply(CreateClaim(article.id, anchor_for_quote(article.text, QUOTE)))
    assert copy.read_bytes() == before


def test_locked_database_gives_a_clear_message(imported) -> None:  # type: ignore[no-untyped-def]
    """Another program holding a write lock past the busy timeout: plain message, edit not applied."""
    project, article = imported
    blocker = sqlite3.connect(project.location.path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:

        def short_timeout(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA busy_timeout=200")

        event.listen(project._engine, "connect", short_timeout)
        project._engine.dispose()
        with pytest.raises(ProjectError, match="busy in another program"):
            project.apply(CreateClaim(article.id, anchor_for_quote(article.text, QUOTE)))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert project.claims() == []
