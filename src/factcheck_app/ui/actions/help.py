"""Help ▸ User guide, Keyboard shortcuts, About: always available."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from factcheck_app import __version__
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.feedback import APP_NAME


class HelpActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.guide_action = self.action("&User guide", self.show_user_guide, QKeySequence.StandardKey.HelpContents)
        self.shortcuts_action = self.action(
            "&Keyboard shortcuts", self.show_shortcuts, QKeySequence("Ctrl+/"), "Every command and its keys"
        )
        self.about_action = self.action("&About Factcheck App", self.show_about, QKeySequence("Shift+F1"))

    def update_enabled(self) -> None:
        for action in (self.guide_action, self.shortcuts_action, self.about_action):
            action.setEnabled(True)

    def show_user_guide(self) -> None:
        from factcheck_app.ui.dialogs.help_dialog import show_user_guide

        show_user_guide(self.widget)

    def show_shortcuts(self) -> None:
        from factcheck_app.ui.dialogs.help_dialog import show_shortcuts

        show_shortcuts(self.widget, self.widget.findChildren(QAction))

    def show_about(self) -> None:
        QMessageBox.about(
            self.widget,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Annotate articles with claims, verdicts and sources; export Word reports.</p>"
            "<p>Licence: GPL-3.0-or-later.</p>"
            "<p>Built with Qt for Python (PySide6), SQLAlchemy, Alembic, python-docx and charset-normalizer.</p>",
        )
