"""Backups: made with SQLite's backup API, only when something changed, thinned, restorable.

Backups are copies of the SQLite file (with its permissions): those tests are sqlite_only.
A team project on PostgreSQL is backed up by whoever runs the server (pg_dump), not by the app.
"""

from __future__ import annotations

import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.backups import backups_to_delete
from factcheck_app.domain.errors import NotAProject, ProjectInUse, ProjectReadOnly
from factcheck_app.services.backups import backup_if_changed, list_backups, make_backup, restore_backup
from factcheck_app.services.edits import CreateClaim, SetProjectSetting, SetVerdict
from factcheck_app.services.project import Project


@pytest.mark.sqlite_only
def test_backup_is_a_complete_project_readable_by_owner_only(imported) -> None:  # type: ignore[no-untyped-def]
    """A backup opens as a project with the same claims, and is mode 0600."""
    project, article = imported
    project.apply(CreateClaim(article.id, anchor_for_quote(article.text, "carry 50,000 passengers a day")))
    backup = make_backup(project.location.path, reason="manual", counter=project.edit_counter())
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert sqlite3.connect(backup).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Project.open(backup, read_only=True) as copy:
        assert [c.quote for c in copy.claims()] == ["carry 50,000 passengers a day"]


@pytest.mark.sqlite_only
def test_new_project_file_is_readable_by_owner_only(project) -> None:  # type: ignore[no-untyped-def]
    """Projects hold sensitive work: mode 0600."""
    assert stat.S_IMODE(project.location.path.stat().st_mode) == 0o600


@pytest.mark.sqlite_only
def test_backup_only_when_something_changed(imported) -> None:  # type: ignore[no-untyped-def]
    """Opening twice without edits makes one backup, not two."""
    project, article = imported
    assert backup_if_changed(project) is not None
    assert backup_if_changed(project) is None
    project.apply(CreateClaim(article.id, anchor_for_quote(article.text, "cost twice the budget")))
    assert backup_if_changed(project) is not None
    assert len(list_backups(project.location.path)) == 2


def test_team_project_is_not_backed_up_by_the_app(pg_database: str) -> None:
    """A team project has no file to copy: the app makes no backup of it, even after changes."""
    with Project.create(pg_database, analyst="tester") as project:
        project.apply(SetProjectSetting("organisation", "Newsroom"))
        assert project.edit_counter() > 0
        assert backup_if_changed(project) is None


def test_thinning_keeps_recent_daily_and_weekly() -> None:
    """Hourly backups for 90 days thin to ≤20 recent + ~14 daily + ~8 weekly."""
    now = datetime(2026, 11, 25, 12, 0)
    stamps = [now - timedelta(hours=h) for h in range(0, 24 * 90)]
    doomed = backups_to_delete(stamps, now)
    kept = sorted(set(stamps) - doomed)
    assert now in kept
    assert len(kept) <= 20 + 14 + 9
    assert min(kept) >= now - timedelta(weeks=9)
    assert sum(1 for t in kept if now - t <= timedelta(days=1)) == 20


@pytest.mark.sqlite_only
def test_restore_brings_back_the_old_state_and_keeps_a_safety_copy(imported) -> None:  # type: ignore[no-untyped-def]
    """Restore replaces the project with the backup; the replaced state is backed up first."""
    project, article = imported
    edit = CreateClaim(article.id, anchor_for_quote(article.text, "carry 50,000 passengers a day"), verdict="True")
    project.apply(edit)
    backup = make_backup(project.location.path, counter=project.edit_counter())
    project.apply(SetVerdict(edit.claim_id, "False"))
    path = project.location.path
    with pytest.raises(ProjectInUse):
        restore_backup(path, backup)
    project.close()
    safety = restore_backup(path, backup)
    with Project.open(path) as restored:
        assert restored.claim(edit.claim_id).verdict == "True"
    with Project.open(safety, read_only=True) as replaced:
        assert replaced.claim(edit.claim_id).verdict == "False"


@pytest.mark.sqlite_only
def test_restore_refuses_a_file_that_is_not_a_backup(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A text file offered as a backup is refused; the project is untouched."""
    junk = tmp_path / "junk.factcheck"
    junk.write_text("not a backup", encoding="utf-8")
    path = project.location.path
    project.close()
    before = path.read_bytes()
    with pytest.raises(NotAProject):
        restore_backup(path, junk)
    assert path.read_bytes() == before


def test_older_project_is_backed_up_before_upgrade(tmp_path: Path) -> None:
    """Opening a project of an older schema backs it up, then migrates it."""
    from factcheck_app.storage import schema
    from factcheck_app.storage.engine import locate, make_engine

    path = tmp_path / "old.factcheck"
    with Project.create(path):
        pass
    engine = make_engine(locate(path))
    schema.downgrade(engine, "0001")
    engine.dispose()
    with Project.open(path) as upgraded:
        assert upgraded.articles() == []
    reasons = [b.reason for b in list_backups(path)]
    assert reasons == ["before-upgrade"]
    with pytest.raises(ProjectReadOnly, match="older version"):
        Project.open(list_backups(path)[0].path, read_only=True)  # the backup kept the old schema


@pytest.mark.sqlite_only
def test_restore_refuses_a_backup_from_a_newer_version(imported) -> None:  # type: ignore[no-untyped-def]
    """A "backup" whose schema is newer than the app is refused as opening it would be; nothing changes."""
    from factcheck_app.domain.errors import NewerProject

    project, _article = imported
    backup = make_backup(project.location.path, counter=project.edit_counter())
    with sqlite3.connect(backup) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.close()
    path = project.location.path
    project.close()
    before = path.read_bytes()
    with pytest.raises(NewerProject, match="newer version"):
        restore_backup(path, backup)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "planted",
    [
        "CREATE TRIGGER t AFTER INSERT ON claims BEGIN DELETE FROM claims; END",
        "CREATE VIEW endless AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n",
    ],
    ids=["trigger", "endless-view"],
)
def test_restore_refuses_a_backup_with_code_the_app_did_not_write(imported, planted: str) -> None:  # type: ignore[no-untyped-def]
    """A trigger-laden or endless-view "backup" is refused before anything reads it; the project is untouched."""
    from factcheck_app.domain.errors import ForeignSchema

    project, _article = imported
    backup = make_backup(project.location.path, counter=project.edit_counter())
    with sqlite3.connect(backup) as connection:
        connection.execute(planted)
    connection.close()
    path = project.location.path
    project.close()
    before = path.read_bytes()
    with pytest.raises(ForeignSchema):
        restore_backup(path, backup)
    assert path.read_bytes() == before
