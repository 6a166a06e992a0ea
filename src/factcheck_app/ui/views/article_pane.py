"""The article on screen and its highlights, following the workspace and the claims panel.

The article view is a plain widget (``widgets/article_view.py``); this puts the workspace's
article in it, colours its claims by verdict or by tag, and marks the selected claim.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from factcheck_app.domain.claims import Claim
from factcheck_app.ui.widgets.article_view import ArticleView
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes

PLACEHOLDER = (
    "No article yet.\n\nImport one with File ▸ Import article… (Ctrl+I), drop Word, PDF, web page or "
    "text files on this window, or paste copied text with Ctrl+Shift+V.\n\n"
    "Then select the words of a claim and press Ctrl+K. Help ▸ User guide explains the rest."
)


class ArticlePane(QObject):
    def __init__(self, workspace: Workspace, view: ArticleView) -> None:
        super().__init__(view)
        self.workspace = workspace
        self.view = view
        self.by_tag = False
        self._claims: list[Claim] = []
        view.setAcceptDrops(False)  # dropped files go to the window: import
        view.setPlaceholderText(PLACEHOLDER)
        workspace.article_changed.connect(self._show_article)
        workspace.closed.connect(lambda: self.view.show_article(""))
        workspace.changed.connect(self._changed)

    def _show_article(self, article_id: int | None) -> None:
        project = self.workspace.project
        if project is None or article_id is None:
            self.view.show_article("")
            return
        article = project.article(article_id)
        self.view.show_article(article.text, article.blocks)

    def show_claims(self, claims: list[Claim]) -> None:
        """Highlight ``claims`` (those of the article on screen)."""
        self._claims = claims
        self.view.set_claims(claims, self.workspace.scale)

    def show_selected(self, claim: Claim | None) -> None:
        self.view.set_current_claim(claim.id if claim else None)
        if claim is not None:
            self.view.reveal(claim.anchor.start, claim.anchor.end)

    def set_by_tag(self, by_tag: bool) -> None:
        """Colour highlights by verdict (default) or by the claim's first tag with a colour."""
        project = self.workspace.project
        self.by_tag = by_tag
        if project is None:
            return
        colours = {t.name: t.colour for t in project.tags() if t.colour}
        self.view.set_tag_colours(colours if by_tag else None)
        self.view.set_claims(self._claims, self.workspace.scale)

    def _changed(self, changes: Changes, _remote: bool) -> None:
        if "tags" in changes.settings_changed and self.by_tag:
            self.set_by_tag(True)
