"""View ▸ Suggested claims: the sentences of the article on screen worth checking, ranked and explained.

Working out the suggestions of a 20,000-word article takes about half a second, so it is
never done on the GUI thread, nor while the analyst waits if it can be helped: right after
an article is imported (or a new version of it), the worker works them out from the text
alone (``services.suggestions.find_suggestions``, pure: the worker never touches the
project) and the GUI thread keeps them in the project. Opening the article then reads them
back (a few milliseconds). Suggestions missing or made from another text or model (an older
project, a new model) are worked out on the worker while the panel says "Finding
suggestions…". The last articles' suggestions are also held here, so going back to an
article or making a claim costs nothing. Sentences that hold a claim are left out
(``services.suggestions.unclaimed``), so a sentence that becomes a claim leaves the list. The
desk archive is then asked, on the worker too, whether each sentence was checked before.

The panel only says what the analyst wants: ``chosen`` (show this sentence in the article),
``claim_wanted`` (make it a claim: the command in ``actions/view.py`` runs the edit) and
``marks_changed`` (the sentences the article view marks; none while the panel is hidden).
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.suggestions import Suggestion
from factcheck_app.ui import settings
from factcheck_app.ui.desk_archive import lookup
from factcheck_app.ui.models.suggestions_model import COL_CLAIMANT, COL_SCORE, COL_SENTENCE, SuggestionsModel
from factcheck_app.ui.worker import Control, Task
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.domain.articles import Article
    from factcheck_app.services.changes import Changes
    from factcheck_app.services.project import Project

CACHED_ARTICLES = 16
LOOKUP_BATCH = 8  # earlier checks handed to the table a few at a time, not one redraw each
RESIZE_ROWS = 50  # rows the score and claimant columns are sized to

Key = tuple[int, int, date | None]  # article id, hash of its text, its date
FINDING = "Finding suggestions…"


class SuggestionsPanel(QDockWidget):
    chosen = Signal(object)  # Suggestion: show it in the article
    claim_wanted = Signal(object, str)  # Suggestion, "sentence" | "quote"
    marks_changed = Signal(object)  # list[Suggestion] the article marks ([] when hidden)

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__("Suggested claims", parent)
        self.setObjectName("suggestionsDock")
        self.workspace = workspace
        self.model = SuggestionsModel()
        self._cache: OrderedDict[Key, list[Suggestion]] = OrderedDict()
        self._task: Task | None = None  # one piece of work on the worker at a time
        self._task_is_lookup = False
        self._again = False  # show the article on screen again when the worker is free
        self._lookups_wanted = False  # ask the desk archive about the rows shown, when free
        self._to_find: OrderedDict[int, None] = OrderedDict()  # articles whose suggestions to work out
        self._quiet = False  # the table's current row is being set by the panel, not the analyst
        self._build()
        workspace.article_changed.connect(lambda _article_id: self.refresh())
        workspace.changed.connect(self._changed)
        workspace.closed.connect(self._closed)
        workspace.opened.connect(lambda _project: self._follow_writable())
        self.visibilityChanged.connect(lambda _visible: self.refresh())

    def _build(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 6)
        self.note = QLabel()
        self.note.setObjectName("suggestionsNote")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableView()
        self.table.setObjectName("suggestionsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SENTENCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CLAIMANT, QHeaderView.ResizeMode.ResizeToContents)
        # NOTE: the columns fit the first rows (the strongest suggestions), not every row: with
        # all 700 of a 20,000-word article Qt asked the model 35,000 times for their sizes, and
        # the list took 300 ms to appear after the suggestions were read.
        header.setResizeContentsPrecision(RESIZE_ROWS)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.clicked.connect(self._clicked)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.make_button = QPushButton("&Make claim")
        self.make_button.setToolTip("Make the selected sentence a claim, with its claimant and date (Enter)")
        self.quote_button = QPushButton("Make claim of the &quote")
        self.quote_button.setToolTip("Make a claim of the quoted words only (Shift+Enter)")
        self.make_button.clicked.connect(lambda: self.want_claim("sentence"))
        self.quote_button.clicked.connect(lambda: self.want_claim("quote"))
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.quote_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setWidget(body)
        self.make_claim_action = self._key_action("Make claim from suggestion", "sentence", ("Return", "Enter"))
        self.make_quote_claim_action = self._key_action(
            "Make claim of the suggestion's quote", "quote", ("Shift+Return", "Shift+Enter")
        )
        self._follow_writable()

    def _key_action(self, text: str, span: str, keys: tuple[str, ...]) -> QAction:
        """A key that works while the panel has the focus (listed in Help ▸ Keyboard shortcuts)."""
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip("In View ▸ Suggested claims")
        action.triggered.connect(lambda _checked=False: self.want_claim(span))
        self.addAction(action)
        return action

    # -- what the analyst does --------------------------------------------------------

    def current(self) -> Suggestion | None:
        index = self.table.currentIndex()
        return self.model.suggestion(index.row()) if index.isValid() else None

    def want_claim(self, span: str) -> None:
        suggestion = self.current()
        if suggestion is None:
            self.note.setText("Choose a suggestion first (click it, or use the arrow keys).")
            return
        if span == "quote" and suggestion.quote_span is None:
            self.note.setText("This sentence quotes nobody: Enter makes a claim of the whole sentence.")
            return
        self.claim_wanted.emit(suggestion, span)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        suggestion = self.model.suggestion(current.row()) if current.isValid() else None
        self.quote_button.setEnabled(self.workspace.writable and suggestion is not None and bool(suggestion.quote_span))
        if suggestion is not None and not self._quiet:
            self.chosen.emit(suggestion)

    def _clicked(self, index: QModelIndex) -> None:
        suggestion = self.model.suggestion(index.row())
        if suggestion is not None:
            self.chosen.emit(suggestion)

    def _follow_writable(self) -> None:
        writable = self.workspace.writable
        for widget in (self.make_button, self.make_claim_action, self.make_quote_claim_action):
            widget.setEnabled(writable)
        current = self.current()
        self.quote_button.setEnabled(writable and current is not None and bool(current.quote_span))

    # -- following the workspace ------------------------------------------------------------

    def refresh(self) -> None:
        """Show the suggestions of the article on screen: held here, kept in the project, or
        (missing or stale) worked out on the worker meanwhile."""
        project, article_id = self.workspace.project, self.workspace.article_id
        if not self.isVisible() or project is None or article_id is None:
            self._show([], "" if self.isVisible() else self.note.text())
            return
        if self._task is not None and self._task_is_lookup:
            self._task.cancel()  # earlier checks of the rows shown before: no longer wanted
        try:
            article = project.article(article_id)
            found = self._known(project, article)
        except FactcheckError as error:
            self._show([], str(error))
            return
        if found is None:
            self._show([], FINDING)
            self._find(article_id, first=True)
            return
        from factcheck_app.services.suggestions import unclaimed

        shown = unclaimed(found, project.claims(article_id))
        self._show(shown, _count_note(len(shown)))
        self._lookups_wanted = True
        self._next()

    def _known(self, project: Project, article: Article) -> list[Suggestion] | None:
        """The article's suggestions held here or kept in the project; None when to be worked out."""
        key: Key = (article.id, hash(article.text), article.published)
        found = self._cache.get(key)
        if found is None:
            from factcheck_app.services.suggestions import stored_suggestions

            found = stored_suggestions(project, article)
            if found is None:
                return None
            self._hold(key, found)
        self._cache.move_to_end(key)
        return found

    def _hold(self, key: Key, found: list[Suggestion]) -> None:
        self._cache[key] = found
        while len(self._cache) > CACHED_ARTICLES:
            self._cache.popitem(last=False)

    def _find(self, article_id: int, *, first: bool = False) -> None:
        """Work out the article's suggestions on the worker (``first``: before the others waiting)."""
        self._to_find[article_id] = None
        if first:
            self._to_find.move_to_end(article_id, last=False)
        self._next()

    def _next(self) -> None:
        """Start the next piece of work when the worker is free: the article on screen first,
        then the earlier checks of its rows, then the articles imported meanwhile."""
        if self._task is not None:
            return
        if self._again:
            self._again = False
            self.refresh()
            if self._task is not None:
                return
        if self._lookups_wanted:
            self._lookups_wanted = False
            if self._look_up_earlier():
                return
        project = self.workspace.project
        while self._to_find and project is not None:
            article_id, _ = self._to_find.popitem(last=False)
            try:
                article = project.article(article_id)
                if self._known_without_reading(project, article):
                    continue
            except FactcheckError:
                continue  # deleted meanwhile (an undone import)
            self._start_finding(project, article)
            return
        self._to_find.clear()

    def _start_finding(self, project: Project, article: Article) -> None:
        text, published = article.text, article.published
        self._start(
            lambda _control: _find_suggestions(text, published),
            lambda found: self._found(project, article.id, text, published, found),
        )

    def _known_without_reading(self, project: Project, article: Article) -> bool:
        if (article.id, hash(article.text), article.published) in self._cache:
            return True
        from factcheck_app.services.suggestions import has_stored_suggestions

        return has_stored_suggestions(project, article)

    def _found(self, project: Project, article_id: int, text: str, published: date | None, found: Any) -> None:
        """The worker has worked out an article's suggestions: keep them in the project and here."""
        if self.workspace.project is not project:
            return  # the project was closed meanwhile
        from factcheck_app.services.suggestions import store_suggestions

        store_suggestions(project, article_id, text, found)
        self._hold((article_id, hash(text), published), found)
        if article_id == self.workspace.article_id:
            self._again = True  # shown when the worker has finished

    def _show(self, suggestions: list[Suggestion], note: str) -> None:
        self.note.setText(note)
        if suggestions != self.model.suggestions():
            row = self.table.currentIndex().row()
            self.model.reset(suggestions)
            if suggestions and row >= 0:
                # the analyst goes on from where they were (no jump in the article)
                self._quiet = True
                self.table.setCurrentIndex(self.model.index(min(row, len(suggestions) - 1), COL_SENTENCE))
                self._quiet = False
        self._follow_writable()
        self.marks_changed.emit(suggestions if self.isVisible() else [])

    def _look_up_earlier(self) -> bool:
        """Ask the desk archive about each sentence not yet asked (on the worker); False when
        there is nothing to ask."""
        index = settings.desk_index_path()
        texts = [s.text for s in self.model.suggestions() if not self.model.looked_up(s.text)]
        if not texts or not index.is_file():
            return False

        def work(control: Control) -> None:
            batch: dict[str, Any] = {}
            for text in texts:
                if control.cancelled:
                    break
                found = lookup(text, limit=1, index=index)
                batch[text] = found[0] if found else None
                if len(batch) >= LOOKUP_BATCH:
                    control.hand_over(batch)
                    batch = {}
            control.hand_over(batch)

        self._start(work, lambda _result: None, self.model.set_earlier, lookup=True)
        return True

    def archive_grew(self) -> None:
        """Files were added to the desk archive: ask it again."""
        self.model.forget_earlier()
        self.refresh()

    def _start(self, work: Any, done: Any, item: Any = None, *, lookup: bool = False) -> None:
        task = Task(work, self, what="Suggested claims")
        task.done.connect(done)
        if item is not None:
            task.item.connect(item)
        task.failed.connect(self.note.setText)
        # NOTE: done and failed arrive on the GUI thread (the thread's own finished signal is
        # emitted on the worker: a lambda on it would run our code there). The task is deleted
        # once its thread has really ended.
        task.done.connect(lambda _result: self._finished(task))
        task.failed.connect(lambda _message: self._finished(task))
        task.thread.finished.connect(task.deleteLater)
        self._task = task
        self._task_is_lookup = lookup
        task.start()

    def _finished(self, task: Task) -> None:
        if self._task is task:
            self._task = None
            self._next()

    def _changed(self, changes: Changes, remote: bool) -> None:
        if not remote and self.workspace.writable:
            # imported here (a new article or a new version of one): worked out now, kept in the
            # project, so opening the article shows its suggestions at once. Another analyst's
            # window does the same for what they import.
            for article_id in sorted(changes.articles_added):
                self._find(article_id)
        if changes.touches_claims or self.workspace.article_id in changes.articles_updated:
            self.refresh()

    def _closed(self) -> None:
        self.stop()
        self._task = None
        self._again = self._lookups_wanted = False
        self._to_find.clear()
        self._cache.clear()
        self._show([], "")

    def stop(self) -> None:
        """The project or the window closes: every worker is stopped and waited for."""
        for task in self.findChildren(Task):
            task.stop()


def _find_suggestions(text: str, published: date | None) -> list[Suggestion]:
    from factcheck_app.services.suggestions import find_suggestions

    return find_suggestions(text, published)


def _count_note(count: int) -> str:
    if count == 0:
        return "No sentence left here looks worth checking."
    return f"{count} sentence(s) worth checking, strongest first. Hover for why; Enter makes a claim."
