"""View: highlight colours, the Problems panel, suggested claims, the claims filter, the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from factcheck_app.ui import settings
from factcheck_app.ui.actions import Actions, Window
from factcheck_app.ui.theme import theme_menu

if TYPE_CHECKING:
    from factcheck_app.domain.suggestions import Suggestion
    from factcheck_app.ui.views.suggestions_panel import SuggestionsPanel

SUGGESTIONS_SHORTCUT = QKeySequence("Ctrl+Shift+K")  # Ctrl+K makes a claim; this finds sentences to make one of
SUGGESTIONS_KEY = "view/suggested_claims"  # the panel is on again at the next start if it was on at the last


class ViewActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow, suggestions: SuggestionsPanel) -> None:
        super().__init__(window, widget)
        self.suggestions = suggestions
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
        self.suggestions_action = self.action(
            "&Suggested claims",
            self._suggestions_toggled,
            SUGGESTIONS_SHORTCUT,
            "Sentences of the article worth checking, ranked and explained, found on this computer",
        )
        self.suggestions_action.setCheckable(True)
        suggestions.visibilityChanged.connect(self._suggestions_visibility)
        if settings.settings().value(SUGGESTIONS_KEY, False, type=bool):
            self.suggestions_action.setChecked(True)
            self._show_suggestions()
        suggestions.claim_wanted.connect(self.make_claim_from_suggestion)
        self.find_action = self.action(
            "&Filter claims", window.claims_panel.filter.setFocus, QKeySequence.StandardKey.Find
        )
        self.theme_menu: QMenu = theme_menu(widget)

    def update_enabled(self) -> None:
        # Highlights, problems, suggestions and the filter are about a project's articles and
        # claims: read-only ones too (a read-only project shows suggestions; it cannot take them).
        project = self.state().project
        actions = (self.highlight_by_tag_action, self.problems_action, self.suggestions_action, self.find_action)
        for action in actions:
            action.setEnabled(project)
        for action in self.theme_menu.actions():
            action.setEnabled(True)

    def _highlight_mode_changed(self) -> None:
        self.window.article_pane.set_by_tag(self.highlight_by_tag_action.isChecked())

    # -- suggested claims ---------------------------------------------------------------

    def _suggestions_toggled(self) -> None:
        on = self.suggestions_action.isChecked()
        settings.settings().setValue(SUGGESTIONS_KEY, on)
        if not on:
            self.suggestions.hide()
            return
        self._show_suggestions()
        self.suggestions.table.setFocus()

    def _show_suggestions(self) -> None:
        # A strip under the article: five or so sentences, leaving the claims table its rows.
        self.suggestions.show()
        self.widget.resizeDocks([self.suggestions], [170], Qt.Orientation.Vertical)

    def _suggestions_visibility(self, visible: bool) -> None:
        # NOTE: a dock tabbed behind another reports itself hidden; the check mark follows what
        # the analyst sees, and the dock's own close button unticks it.
        self.suggestions_action.setChecked(visible)

    def make_claim_from_suggestion(self, suggestion: Suggestion, span: str) -> bool:
        """Enter in the panel: the sentence (or, with Shift, its quoted words) becomes a claim
        with its claimant and date: one undo step; the claims panel selects it."""
        project, article_id = self.workspace.project, self.workspace.article_id
        if project is None or article_id is None or not self.workspace.writable:
            return False
        from factcheck_app.services.suggestions import suggestion_to_claim_edit
        from factcheck_app.ui.desk_archive import earlier_checks

        with self.feedback.reporting() as outcome:
            edit = suggestion_to_claim_edit(
                project, article_id, suggestion, span="quote" if span == "quote" else "sentence"
            )
        if outcome.failed or not self.workspace.run_edit(edit) or edit.claim_id is None:
            return False
        self.feedback.status("Claim made from the suggestion: Ctrl+Z takes it back.", 6000)
        self.window.claims_panel.editor.show_similar(earlier_checks(project, project.claim(edit.claim_id)))
        return True
