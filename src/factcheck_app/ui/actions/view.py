"""View: highlight colours, the Problems panel, the claims filter, the theme."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.theme import theme_menu


class ViewActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.highlight_by_tag_action = self.action(
            "Highlight by &tag colour", self._highlight_mode_changed, QKeySequence("Ctrl+Shift+H")
        )
        self.highlight_by_tag_action.setCheckable(True)
        self.problems_action = self.action(
            "&Problems",
            window.problems_panel.toggle,
            QKeySequence("Ctrl+Shift+P"),
            "Claims that break the verdict rules",
        )
        self.find_action = self.action(
            "&Filter claims", window.claims_panel.filter.setFocus, QKeySequence.StandardKey.Find
        )
        self.theme_menu: QMenu = theme_menu(widget)

    def update_enabled(self) -> None:
        # Highlights, problems and the filter are about a project's claims: read-only ones too.
        project = self.state().project
        for action in (self.highlight_by_tag_action, self.problems_action, self.find_action):
            action.setEnabled(project)
        for action in self.theme_menu.actions():
            action.setEnabled(True)

    def _highlight_mode_changed(self) -> None:
        self.window.article_pane.set_by_tag(self.highlight_by_tag_action.isChecked())
