"""View ▸ Suggested claims: the sentences of the article on screen worth checking, ranked and explained.

Suggestions are computed on the worker (the first look at a 20,000-word article takes about
half a second) from the article's text alone, with the pure ``domain.suggestions.suggest``
— the worker never touches the project, which the GUI thread keeps using meanwhile — and
cached per article and text, so going back to an article or making a claim costs nothing.
Sentences that hold a claim are left out (the rule ``services.suggestions.suggest_claims``
applies), so a sentence that becomes a claim leaves the list. The desk archive is then asked,
on the worker too, whether each sentence was checked before.

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

from factcheck_app.domain.suggestions import Suggestion
from factcheck_app.ui import settings
from factcheck_app.ui.desk_archive import lookup
from factcheck_app.ui.models.suggestions_model import COL_CLAIMANT, COL_SCORE, COL_SENTENCE, SuggestionsModel
from factcheck_app.ui.worker import Control, Task
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes

CACHED_ARTICLES = 16
LOOKUP_BATCH = 8  # earlier checks handed to the table a few at a time, not one redraw each

Key = tuple[int, int, date | None]  # article id, hash of its text, its date


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
        self._task: Task | None = None
        self._again = False  # asked to refresh while the worker was busy
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
        """Show the suggestions of the article on screen (computed on the worker if not cached)."""
        project, article_id = self.workspace.project, self.workspace.article_id
        if not self.isVisible() or project is None or article_id is None:
            self._show([], "" if self.isVisible() else self.note.text())
            return
        if self._task is not None:  # one worker at a time: it is told to stop, then we look again
            self._task.cancel()
            self._again = True
            return
        article = project.article(article_id)
        key: Key = (article_id, hash(article.text), article.published)
        cached = self._cache.get(key)
        if cached is None:
            self.note.setText("Looking for sentences worth checking…")
            text, published = article.text, article.published
            self._start(lambda _control: _suggest(text, published), lambda found: self._computed(key, found))
            return
        self._cache.move_to_end(key)
        taken = [(c.anchor.start, c.anchor.end) for c in project.claims(article_id)]
        shown = [s for s in cached if not any(start < s.end and s.start < end for start, end in taken)]
        self._show(shown, _count_note(len(shown)))
        self._look_up_earlier()

    def _computed(self, key: Key, found: list[Suggestion]) -> None:
        self._cache[key] = found
        while len(self._cache) > CACHED_ARTICLES:
            self._cache.popitem(last=False)
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

    def _look_up_earlier(self) -> None:
        """Ask the desk archive about each sentence not yet asked (on the worker)."""
        index = settings.desk_index_path()
        texts = [s.text for s in self.model.suggestions() if not self.model.looked_up(s.text)]
        if not texts or not index.is_file():
            return

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

        self._start(work, lambda _result: None, self.model.set_earlier)

    def archive_grew(self) -> None:
        """Files were added to the desk archive: ask it again."""
        self.model.forget_earlier()
        self.refresh()

    def _start(self, work: Any, done: Any, item: Any = None) -> None:
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
        task.start()

    def _finished(self, task: Task) -> None:
        if self._task is task:
            self._task = None
        if self._again:
            self._again = False
            self.refresh()

    def _changed(self, changes: Changes, _remote: bool) -> None:
        if changes.touches_claims or self.workspace.article_id in changes.articles_updated:
            self.refresh()

    def _closed(self) -> None:
        self.stop()
        self._cache.clear()
        self._show([], "")

    def stop(self) -> None:
        """The project or the window closes: every worker is stopped and waited for."""
        for task in self.findChildren(Task):
            task.stop()


def _suggest(text: str, published: date | None) -> list[Suggestion]:
    from factcheck_app.domain.suggestions import suggest

    return suggest(text, article_date=published)


def _count_note(count: int) -> str:
    if count == 0:
        return "No sentence left here looks worth checking."
    return f"{count} sentence(s) worth checking, strongest first. Hover for why; Enter makes a claim."
