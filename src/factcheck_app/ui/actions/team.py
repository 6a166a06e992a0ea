"""Team projects: connect to one, copy a project to a server or a file, and see others'
changes as they save them (live updates, also for a read-only window on a file)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.ui import settings
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.file_dialogs import PROJECT_FILTER, save_file
from factcheck_app.ui.opening import login_name

LIVE_POLL_MS = 2000  # team projects: others' changes appear within this (ui/live.py polls)


class TeamActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.live: Any = None  # LiveUpdates while a team project (or a read-only window) is open
        self.connect_action = self.action(
            "Connect to &team project…",
            self.connect_dialog,
            QKeySequence("Ctrl+Shift+O"),
            "Open a project shared on a PostgreSQL server",
        )
        self.copy_to_file_action = self.action(
            "A &file…", lambda: self.copy_project_dialog(False), QKeySequence("Ctrl+Alt+F"), "A local copy"
        )
        self.copy_to_server_action = self.action(
            "A team &server…",
            lambda: self.copy_project_dialog(True),
            QKeySequence("Ctrl+Alt+T"),
            "Move this project to PostgreSQL so the desk can share it",
        )
        self.team_label = QLabel()
        self.team_label.setObjectName("teamLabel")
        self.team_label.hide()
        widget.statusBar().addPermanentWidget(self.team_label)
        self.workspace.opened.connect(self._opened)
        self.workspace.closed.connect(self._closed)

    def update_enabled(self) -> None:
        project = self.state().project
        self.connect_action.setEnabled(True)  # opens a project: useful with or without one
        self.copy_to_file_action.setEnabled(project)  # a copy only reads: read-only projects too
        self.copy_to_server_action.setEnabled(project)

    # -- connecting and copying ---------------------------------------------------------

    def connect_dialog(self) -> None:
        """File ▸ Connect to team project: a PostgreSQL database shared by the desk."""
        from factcheck_app.ui.dialogs.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.widget, user=login_name())
        if dialog.exec() == dialog.DialogCode.Accepted:
            self.window.open_project(dialog.url(), password=dialog.typed_password(), create=dialog.create.isChecked())

    def copy_project_dialog(self, to_server: bool) -> None:
        """Copy this project to a new file, or into an empty database on a team server."""
        project = self.workspace.project
        if project is None:
            return
        if to_server:
            from factcheck_app.ui.dialogs.connect_dialog import ConnectDialog

            dialog = ConnectDialog(self.widget, user=login_name(), title="Copy to a team server")
            dialog.create.hide()
            if dialog.exec() != dialog.DialogCode.Accepted:
                return
            self.copy_project_to(dialog.url(), password=dialog.typed_password())
        else:
            path = save_file(
                self.widget, "Copy project to a file", f"{project.name}.factcheck", PROJECT_FILTER, "projects"
            )
            if path:
                self.copy_project_to(path)

    def copy_project_to(self, target: str, *, password: str | None = None) -> str | None:
        """Copy the open project (every row, with its history) to ``target``; returns where it went."""
        project = self.workspace.project
        if project is None:
            return None
        from factcheck_app.domain.errors import NeedsPassword
        from factcheck_app.services.copy import copy_project

        self.workspace.save_typing()
        asked: NeedsPassword | None = None
        with self.feedback.busy() as outcome:
            try:
                report = copy_project(project.location, target, target_password=password)
            except NeedsPassword as error:
                asked = error
        if asked is not None:
            typed = self.feedback.ask_password(str(asked))
            return self.copy_project_to(target, password=typed) if typed is not None else None
        if outcome.failed:
            return None
        settings.remember_project(report.target)
        self.feedback.notice(
            f"Copied {report.rows.get('claims', 0)} claims and {report.rows.get('articles', 0)} articles "
            f"({report.total:,} rows in all) to {report.target}. Open it from File ▸ Open recent."
        )
        return str(report.target)

    # -- live updates --------------------------------------------------------------------

    def _opened(self, project: Any) -> None:
        if project.location.is_server or project.read_only:
            from factcheck_app.ui.live import LiveUpdates

            self.live = LiveUpdates(project, self)
            self.live.arrived.connect(self.show_others_changes)
            self.live.failed.connect(self._live_failed)
            self.live.start()
        self.team_label.setVisible(project.location.is_server)
        self.team_label.setText(f"Team project on {project.location.display_name.split(' on ', 1)[-1]} · live")
        self.team_label.setToolTip(
            f"{project.location.display_url}\nYou are “{project.analyst}”. Others' changes appear within "
            f"{LIVE_POLL_MS // 1000} s; a change to something someone else changed first asks you."
        )

    def _closed(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live.deleteLater()
            self.live = None
        self.team_label.hide()

    def poll_others(self) -> None:
        """Show what other analysts saved since the last look, now (the background poller does
        this every few seconds by itself)."""
        project = self.workspace.project
        if project is None:
            return
        try:
            remote = project.others_changes()
        except FactcheckError as error:
            self._live_failed(str(error))
            return
        self.show_others_changes(remote)

    def _live_failed(self, message: str) -> None:
        self.feedback.status(f"Live updates paused (trying again): {message}", 10_000)

    def show_others_changes(self, remote: Any) -> None:
        if self.workspace.project is None or not remote:
            return
        self.workspace.apply_changes(remote.changes, remote=True)
        count = len(remote.changes.claims_updated | remote.changes.claims_removed)
        what = f"{count} claim(s)" if count else "the project"
        who = ", ".join(sorted(remote.analysts))
        self.feedback.status(f"{who} changed {what}.", 8000)
