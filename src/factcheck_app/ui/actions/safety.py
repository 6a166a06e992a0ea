"""Safety: backups (now, automatic, on opening), restore, check and repair."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.ui.actions import Actions, Window

BACKUP_INTERVAL_MS = 10 * 60 * 1000  # while the project changes, a backup every 10 minutes
BACKUP_AFTER_OPENING_MS = 1500


class SafetyActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.backup_action = self.action(
            "&Back up now", self.backup_now, QKeySequence("Ctrl+Alt+B"), tip="Copy the project to its backups folder"
        )
        self.restore_action = self.action("&Restore from backup…", self.restore_dialog, QKeySequence("Ctrl+Alt+R"))
        self.check_action = self.action(
            "&Check project…", self.check_dialog, QKeySequence("Ctrl+Alt+C"), tip="Look for damage and repair it"
        )
        self._timer = QTimer(self, interval=BACKUP_INTERVAL_MS)
        self._timer.timeout.connect(lambda: self.auto_backup("auto"))
        self._timer.start()
        self.workspace.opened.connect(self._opened)

    def update_enabled(self) -> None:
        s = self.state()
        self.backup_action.setEnabled(s.on_file)  # a read-only project is backed up too
        self.restore_action.setEnabled(s.on_file and s.writable)
        self.check_action.setEnabled(s.project)

    def _opened(self, project: Any) -> None:
        if not project.read_only and project.location.path is not None:
            QTimer.singleShot(BACKUP_AFTER_OPENING_MS, lambda: self.auto_backup("on-open"))

    def auto_backup(self, reason: str) -> Path | None:
        """Back up if the project changed since its last backup; never interrupts work."""
        project = self.workspace.project
        if project is None or project.read_only or project.location.path is None:
            return None
        from factcheck_app.services.backups import backup_if_changed

        try:
            return backup_if_changed(project, reason=reason)
        except FactcheckError as error:
            self.feedback.status(f"Automatic backup failed: {error}", 10000)
            return None

    def backup_now(self) -> Path | None:
        project = self.workspace.project
        if project is None or project.location.path is None:
            return None
        from factcheck_app.services.backups import make_backup

        with self.feedback.reporting() as outcome:
            path = make_backup(project.location.path, reason="manual", counter=project.edit_counter())
        if outcome.failed:
            return None
        self.feedback.status(f"Backed up to {path}", 8000)
        return path

    def restore_dialog(self) -> None:
        project = self.workspace.project
        if project is None or project.location.path is None:
            return
        from factcheck_app.services.backups import list_backups

        backups = list_backups(project.location.path)
        if not backups:
            self.feedback.notice("This project has no backups yet.")
            return
        labels = [f"{b.created:%Y-%m-%d %H:%M:%S} — {b.reason} ({b.size // 1024:,} KB)" for b in backups]
        label = self.feedback.ask_choice("Restore from backup", "Replace the project with the backup of:", labels)
        if label:
            self.restore_backup(backups[labels.index(label)].path)

    def restore_backup(self, backup: Path) -> bool:
        """Close the project, restore the backup over it (current state saved first), reopen."""
        project = self.workspace.project
        if project is None or project.location.path is None:
            return False
        from factcheck_app.services.backups import restore_backup

        path = project.location.path
        self.workspace.close()
        try:
            safety = restore_backup(path, backup)
        except FactcheckError as error:
            self.feedback.error(error)
            self.window.open_project(path)
            return False
        opened = self.window.open_project(path)
        self.feedback.status(f"Restored. The replaced state was backed up to {safety.name}.", 15000)
        return opened

    def check_dialog(self) -> None:
        report = self.check_project(repair=False)
        if report is None:
            return
        repairable = any(p.repairable for p in report.problems) and self.workspace.writable
        if repairable and self.feedback.ask_yes_no(report.summary() + "\n\nRepair what can be repaired?"):
            report = self.check_project(repair=True)
        if report is not None:
            self.feedback.notice(report.summary())

    def check_project(self, *, repair: bool) -> Any:
        project = self.workspace.project
        if project is None:
            return None
        from factcheck_app.services.check import check_project

        if repair:
            self.backup_now()
        with self.feedback.reporting() as outcome:
            report = check_project(project, repair=repair)
        if outcome.failed:
            return None
        if repair and report.repaired:
            self.workspace.undo_stack.clear()  # repaired rows may no longer match what undo remembers
            self.window.reload_views()
        return report
