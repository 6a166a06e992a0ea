"""File ▸ New, Open, Open recent, Open project archive, Quit: which project the window shows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu

from factcheck_app.ui import settings
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.feedback import APP_NAME
from factcheck_app.ui.file_dialogs import ARCHIVE_FILTER, PROJECT_FILTER, open_file, save_file
from factcheck_app.ui.opening import Opener, set_analyst_name


class ProjectFileActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow, opener: Opener) -> None:
        super().__init__(window, widget)
        self.opener = opener
        self.new_project_action = self.action("&New project…", self.new_project_dialog, QKeySequence.StandardKey.New)
        self.open_project_action = self.action(
            "&Open project…", self.open_project_dialog, QKeySequence.StandardKey.Open
        )
        self.import_archive_action = self.action(
            "Open project &archive…",
            self.import_archive_dialog,
            QKeySequence("Ctrl+Alt+O"),
            tip="Make a new project from a shared archive",
        )
        self.quit_action = self.action("&Quit", widget.close, QKeySequence("Ctrl+Q"))
        self.recent_menu = QMenu("Open &recent", widget)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def update_enabled(self) -> None:
        # Each makes or opens a project: useful with or without one open.
        for action in (self.new_project_action, self.open_project_action, self.import_archive_action):
            action.setEnabled(True)
        self.quit_action.setEnabled(True)

    def new_project_dialog(self) -> None:
        path = save_file(self.widget, "New project", "Untitled.factcheck", PROJECT_FILTER, "projects")
        if path:
            self.opener.create(path)

    def open_project_dialog(self) -> None:
        path = open_file(self.widget, "Open project", PROJECT_FILTER, "projects")
        if path:
            self.opener.open(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_projects()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.opener.open(p))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction("Open the sample project", self.opener.open_sample)

    def import_archive_dialog(self) -> None:
        archive = open_file(self.widget, "Open project archive", ARCHIVE_FILTER, "archives")
        if not archive:
            return
        target = save_file(
            self.widget,
            "Save the new project as",
            Path(archive).with_suffix(".factcheck").name,
            PROJECT_FILTER,
            "projects",
        )
        if target:
            self.import_archive(archive, target)

    def import_archive(self, archive: str | Path, target: str | Path) -> bool:
        """Make a new project from an archive and open it; the current project stays as it was."""
        from factcheck_app.services.archive import import_archive
        from factcheck_app.ui.worker import run_waiting

        with self.feedback.reporting() as outcome:
            created = run_waiting(lambda: import_archive(archive, target), self.widget, what="Open project archive")
        return not outcome.failed and created is not None and self.opener.open(created)

    # -- first start ------------------------------------------------------------------

    def ask_name_at_first_start(self) -> None:
        """Ask once who the analyst is: the name goes into the history, sign-offs and as the
        author of Word comments, where the computer's login name ("root") says nothing."""
        store = settings.settings()
        if store.value("analyst/asked", False, type=bool) or store.value("analyst/name", ""):
            return
        store.setValue("analyst/asked", True)
        dialog = QInputDialog(self.widget)
        dialog.setObjectName("analystNameDialog")
        dialog.setWindowTitle(f"Welcome to {APP_NAME}")
        dialog.setLabelText(
            "Your name, as it should appear in the history, on sign-offs and as the author of comments "
            "in Word reports (Edit ▸ Preferences changes it later):"
        )
        dialog.setTextValue("")
        dialog.textValueSelected.connect(
            lambda name: set_analyst_name(self.workspace, self.feedback, name) if name.strip() else None
        )
        self.feedback.keep_open(dialog)
