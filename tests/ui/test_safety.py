"""Safety from the window: backups, restore, check."""

from __future__ import annotations

from pathlib import Path

from people import make_us_claim


def test_backup_restore_and_check_from_the_window(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Back up now, change, restore: the claim is back as it was; Check finds nothing wrong."""
    window.open_project(project_path)
    claim = make_us_claim(window, qtbot)
    backup = window.commands.safety.backup_now()
    assert backup is not None and backup.exists()
    window.commands.claims.delete_claim_action.trigger()
    assert window.project.claims() == []
    assert window.commands.safety.restore_backup(backup)
    assert [c.id for c in window.project.claims()] == [claim.id]
    assert window.model.rowCount() == 1
    assert window.commands.safety.check_project(repair=False).ok


def test_opening_a_changed_project_backs_it_up(window, qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The automatic backup runs after opening when the project changed since its last backup."""
    from factcheck_app.services.backups import list_backups

    window.open_project(project_path)
    make_us_claim(window, qtbot)
    assert window.commands.safety.auto_backup("on-open") is not None
    assert window.commands.safety.auto_backup("auto") is None  # nothing changed since
    assert [b.reason for b in list_backups(project_path)] == ["on-open"]
