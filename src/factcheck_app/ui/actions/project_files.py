"""File ▸ New, Open, Open recent, Open project archive, Desk archive, Quit: which project the window
shows and what it is compared with; Project ▸ Settings: the open project's own settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu

from factcheck_app.ui import settings
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.desk_archive import ARCHIVE_SOURCES_FILTER, DeskArchive
from factcheck_app.ui.feedback import APP_NAME
from factcheck_app.ui.file_dialogs import ARCHIVE_FILTER, PROJECT_FILTER, open_file, open_files, save_file
from factcheck_app.ui.opening import Opener, set_analyst_name


class ProjectFileActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow, opener: Opener, desk_archive: DeskArchive) -> None:
        super().__init__(window, widget)
        self.opener = opener
        self.desk_archive = desk_archive
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
        self.add_to_desk_archive_action = self.action(
            "&Add projects or ClaimReview feeds to the archive…",
            self.add_to_desk_archive_dialog,
            QKeySequence("Ctrl+Alt+A"),
            tip="Let suggestions and new claims find what the desk checked before",
        )
        self.settings_action = self.action(
            "Project &settings…",
            self.settings_dialog,
            QKeySequence("Ctrl+Alt+P"),
            tip="The organisation, the ClaimReview address and the verdict rules",
        )
        self.quit_action = self.action("&Quit", widget.close, QKeySequence("Ctrl+Q"))
        self.recent_menu = QMenu("Open &recent", widget)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def update_enabled(self) -> None:
        # Each makes or opens a project: useful with or without one open.
        for action in (self.new_project_action, self.open_project_action, self.import_archive_action):
            action.setEnabled(True)
        self.quit_action.setEnabled(True)
        # The desk archive is the analyst's, not the project's: it grows with or without one open.
        self.add_to_desk_archive_action.setEnabled(True)
        self.settings_action.setEnabled(self.state().writable)

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

    # -- the desk archive and the project's settings -----------------------------------

    def add_to_desk_archive_dialog(self) -> None:
        paths = open_files(
            self.widget, "Add projects or ClaimReview feeds to the desk archive", ARCHIVE_SOURCES_FILTER, "desk"
        )
        if paths:
            self.desk_archive.add(paths)

    def settings_dialog(self) -> None:
        project = self.workspace.project
        if project is None or not self.workspace.writable:
            return
        from factcheck_app.services.settings import setting_edits
        from factcheck_app.ui.dialogs.settings_dialog import SettingsDialog

        shown = project.settings()
        dialog = SettingsDialog(shown, self.widget, project_name=project.name)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        with self.feedback.reporting() as outcome:
            # each checked against what the dialog showed: a setting someone else changed
            # meanwhile is refused, never overwritten
            edits = setting_edits(shown, dialog.values())
        if outcome.failed or not edits:
            return
        with self.workspace.macro("Change project settings"):
            for edit in edits:
                if not self.workspace.run_edit(edit):
                    break

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
