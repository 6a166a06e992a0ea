"""The list of articles (latest version of each), following the workspace.

Choosing an item puts its article on screen; the list follows when the article changes
for another reason (a claim of another article chosen, an import, an undo).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from factcheck_app.ui.tooltips import plain_tooltip
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.domain.articles import Article
    from factcheck_app.services.changes import Changes


def _label(article: Article) -> str:
    return article.title if article.revision == 1 else f"{article.title}  · v{article.revision}"


class ArticleList(QListWidget):
    titles_changed = Signal(object)  # article id → casefolded title (the filter's ``article:`` field)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.setObjectName("articleList")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.currentItemChanged.connect(self._chosen)
        workspace.opened.connect(lambda _project: self.reload(select=None))
        workspace.closed.connect(self.clear)
        workspace.changed.connect(self._changed)
        workspace.article_changed.connect(self._follow)

    def _changed(self, changes: Changes, remote: bool) -> None:
        if remote:
            if changes.articles_updated or changes.articles_removed:
                self.reload(select=None)
        elif changes.articles_added or changes.articles_removed:
            added = sorted(changes.articles_added)
            self.reload(select=added[-1] if added else None)
        elif changes.articles_updated:
            self._relabel()

    def reload(self, select: int | None) -> None:
        """List the articles again; show ``select`` (else the one on screen, else the first)."""
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.articles import latest_versions

        articles = latest_versions(project.articles())
        self.titles_changed.emit({a.id: a.title.casefold() for a in articles})
        current = self.workspace.article_id
        wanted = select if select is not None else current
        if wanted not in {a.id for a in articles}:
            wanted = articles[0].id if articles else None
        self.blockSignals(True)
        self.clear()
        chosen: QListWidgetItem | None = None
        for article in articles:
            item = QListWidgetItem(_label(article))
            item.setData(Qt.ItemDataRole.UserRole, article.id)
            item.setToolTip(plain_tooltip(f"{article.title}\n{article.url or article.original_name}"))
            self.addItem(item)
            if article.id == wanted:
                chosen = item
        self.blockSignals(False)
        if chosen is not None:
            self.setCurrentItem(chosen)  # puts it on screen (the list was empty: the item is new)
            if self.workspace.article_id != wanted or select is not None:
                self.workspace.set_article(wanted)
        else:
            self.workspace.set_article(None)

    def _relabel(self) -> None:
        """Refresh titles after a metadata edit, keeping the view as it is."""
        project = self.workspace.project
        if project is None:
            return
        by_id = {a.id: a for a in project.articles()}
        for row in range(self.count()):
            item = self.item(row)
            article = by_id.get(int(item.data(Qt.ItemDataRole.UserRole)))
            if article is not None:
                item.setText(_label(article))
                item.setToolTip(plain_tooltip(f"{article.title}\n{article.url or article.original_name}"))
        self.titles_changed.emit({a.id: a.title.casefold() for a in by_id.values()})

    def _chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.workspace.set_article(int(item.data(Qt.ItemDataRole.UserRole)))

    def _follow(self, article_id: int | None) -> None:
        """Another article came on screen (e.g. its claim was chosen): select it, quietly."""
        for row in range(self.count()):
            item = self.item(row)
            if int(item.data(Qt.ItemDataRole.UserRole)) == article_id:
                if self.currentItem() is not item:
                    self.blockSignals(True)
                    self.setCurrentItem(item)
                    self.blockSignals(False)
                return
