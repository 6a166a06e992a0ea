"""The claims panel: filter, the claims table and the claim editor under it.

It lists the claims of the article on screen (or of every article, with *All articles*),
follows the workspace's changes claim by claim, and says which claim is selected
(``claim_selected``) and which claims the article shows (``claims_shown``).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.claims import Claim
from factcheck_app.ui.models.claims_model import (
    COL_ANCHOR,
    COL_QUOTE,
    COL_SOURCES,
    COL_STATUS,
    COL_TAGS,
    COL_VERDICT,
    ClaimsTableModel,
    HeldClaims,
)
from factcheck_app.ui.warmup import warm_up
from factcheck_app.ui.widgets.claim_editor import ClaimEditor
from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes

RESIZE_PRECISION_ROWS = 200
# Above this many claims (half a second to read), *All articles* reads them on a worker thread.
READ_ALL_IN_BACKGROUND_FROM = 5_000
FILTER_HINT = "Filter: words, or verdict:false tag:budget status:approved claimant:…"


class _AllClaimsRead(QObject):
    """Carries every claim, read on a worker thread, to the GUI thread."""

    done = Signal(int, object)  # which read, the claims ready to hold (None: the read failed)


class ClaimsPanel(QWidget):
    claim_selected = Signal(object)  # Claim or None
    claims_shown = Signal(object)  # the claims of the article on screen (its highlights)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._model_holds_all = False
        self._loading = 0  # which read of every claim is wanted (a newer one replaces it)
        self._arrived = _AllClaimsRead(self)
        self._arrived.done.connect(self._all_read)
        self._reading_all = False
        self._edited_while_reading: set[int] = set()
        self._reveal_after_read: int | None = None
        self._scale = workspace.scale
        self.filter = QLineEdit(placeholderText=FILTER_HINT)
        self.filter.setObjectName("claimFilter")
        self.filter.setClearButtonEnabled(True)
        self.model = ClaimsTableModel(self._scale, self)
        self.filter.textChanged.connect(self._filter_changed)
        self.table = self._build_table()
        self.editor = ClaimEditor()
        self.editor.set_scale(self._scale)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 6, 6)
        self.claims_label = QLabel("<b>Claims</b>")
        self.all_articles = QCheckBox("All articles")
        self.all_articles.setObjectName("allArticles")
        self.all_articles.setToolTip("List and filter the claims of every article in the project")
        self.all_articles.toggled.connect(self._all_articles_toggled)
        label_row = QHBoxLayout()
        label_row.addWidget(self.claims_label)
        label_row.addStretch(1)
        label_row.addWidget(self.all_articles)
        layout.addLayout(label_row)
        layout.addWidget(self.filter)
        self.filter_note = QLabel()
        self.filter_note.setObjectName("filterNote")
        self.filter_note.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_note.setWordWrap(True)
        self.filter_note.hide()
        layout.addWidget(self.filter_note)
        inner = QSplitter(Qt.Orientation.Vertical)
        inner.setObjectName("claimsSplitter")
        inner.addWidget(self.table)
        inner.addWidget(self.editor)
        inner.setSizes([300, 420])
        layout.addWidget(inner)

        workspace.claim_on_screen = self.claim_on_screen
        workspace.typing_wanted.connect(self.editor.save_typing)
        workspace.opened.connect(lambda _project: self._follow_writable())
        workspace.opened.connect(warm_up)
        workspace.closed.connect(self._closed)
        workspace.article_changed.connect(self._article_changed)
        workspace.changed.connect(self._changed)

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("claimsTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setTabKeyNavigation(False)  # Tab moves on to the editor; arrows move between claims
        table.setSortingEnabled(True)
        table.sortByColumn(COL_QUOTE, Qt.SortOrder.AscendingOrder)
        # Two lines per claim: long quotes stay readable. A fixed row height (not
        # ResizeToContents) keeps 20,000 claims fast: no per-row measuring.
        table.setWordWrap(True)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() * 2 + 10)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        # NOTE: sized to the content of the rows on screen and 200 more, not of every row:
        # measuring all of them after each edit read 24,000 cells per change on a big project.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        for column in (COL_VERDICT, COL_SOURCES, COL_ANCHOR, COL_STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TAGS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_TAGS, 110)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    # -- what others ask ----------------------------------------------------------

    def claim_on_screen(self, claim_id: int) -> Claim | None:
        """The claim as the analyst sees it (the editor's copy first): what an edit is based on."""
        base = self.editor.base_claim() if self.editor.current_claim_id() == claim_id else None
        return base or self.model.claim(claim_id)

    def claims_in_view(self) -> list[Claim]:
        """The claims of the article on screen (the panel may list every article's)."""
        return self.model.claims_of(self.workspace.article_id)

    def listed_claim_ids(self) -> list[int]:
        """The claims the filter lets through, in the table's order."""
        rows = (self.model.claim_at(row) for row in range(self.model.rowCount()))
        return [claim.id for claim in rows if claim is not None]

    def select_claim(self, claim_id: int) -> None:
        """Select the claim in the table (which scrolls the article to it)."""
        row = self.model.row_of(claim_id)
        if row < 0 and self.filter.text():
            self.filter.clear()
            row = self.model.row_of(claim_id)
        if row < 0:
            return
        index = self.model.index(row, COL_QUOTE)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)

    def reveal_claim(self, claim_id: int) -> None:
        """Select a claim wherever it is (a Problems entry): list every article if needed."""
        if self.model.row_of(claim_id) < 0 and not self.all_articles.isChecked():
            self._reveal_after_read = claim_id  # when every claim is read on the worker
            self.all_articles.setChecked(True)
        if self.model.row_of(claim_id) >= 0:
            self._reveal_after_read = None
            self.select_claim(claim_id)

    def reload_all(self) -> None:
        """Read every claim shown again (after a repair)."""
        self._model_holds_all = False

    # -- following the workspace ------------------------------------------------

    def _follow_writable(self) -> None:
        self.editor.setEnabled(self.workspace.writable or self.workspace.project is None)

    def _closed(self) -> None:
        self._model_holds_all = False
        self._loading += 1
        self._reading_all = False
        self.model.reset([])
        self.editor.show_claim(None, None)
        self._follow_writable()

    def _sync_scale(self) -> None:
        if self._scale is self.workspace.scale:
            return
        self._scale = self.workspace.scale
        self.model.set_scale(self._scale)
        self.editor.set_scale(self._scale)

    def _article_changed(self, article_id: int | None) -> None:
        self._sync_scale()
        project = self.workspace.project
        if project is None or article_id is None:
            self.model.reset([])
            self.claims_shown.emit([])
            self.editor.show_claim(None, None)
            self._update_label()
            return
        if not self.all_articles.isChecked():
            self._model_holds_all = False
            self.model.reset(project.claims(article_id))
        elif not self._model_holds_all:
            self._all_articles_toggled(True)
            return
        self.claims_shown.emit(self.claims_in_view())
        self.editor.show_claim(None, None)
        self._update_label()

    def _changed(self, changes: Changes, remote: bool) -> None:
        project = self.workspace.project
        if project is None:
            return
        if "verdict_scale" in changes.settings_changed:
            self._sync_scale()
            self.claims_shown.emit(self.claims_in_view())
            current = self.editor.current_claim_id()
            if current is not None:
                self.editor.show_claim(self.model.claim(current), self._scale)
        if not changes.touches_claims:
            return
        if self._reading_all:
            self._edited_while_reading |= changes.claims_added | changes.claims_updated | changes.claims_removed
        current = self.editor.current_claim_id()
        if current is not None and current in changes.claims_removed:
            self.editor.show_claim(None, None, removed=True)
        for claim_id in changes.claims_removed:
            self.model.remove(claim_id)
        for claim in project.find_claims(changes.claims_added | changes.claims_updated):
            if self._model_holds_all or claim.article_id == self.workspace.article_id:
                self.model.upsert(claim)
            else:
                self.model.remove(claim.id)
        self.claims_shown.emit(self.claims_in_view())
        self._update_label()
        current = self.editor.current_claim_id()
        if changes.claims_added and not remote:
            newest = max(changes.claims_added)
            if self.model.claim(newest) is not None:
                self.select_claim(newest)
        elif current is not None and current in changes.claims_updated:
            self.editor.show_claim(self.model.claim(current), self._scale)

    # -- the analyst's choices ----------------------------------------------------------

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        claim = self.model.claim_at(current.row()) if current.isValid() else None
        if claim is not None and claim.article_id != self.workspace.article_id:
            self.workspace.set_article(claim.article_id)  # a claim of another article (All articles)
        self.editor.show_claim(claim, self._scale)
        self.claim_selected.emit(claim)

    def _all_articles_toggled(self, checked: bool) -> None:
        """List the claims of every article (filter across the project) or of this one only."""
        current = self.editor.current_claim_id()
        self._model_holds_all = False
        self._loading += 1  # a read of every claim still running is no longer wanted
        self._reading_all = False
        project, article_id = self.workspace.project, self.workspace.article_id
        if project is not None and article_id is not None:
            if checked and sum(project.claim_counts().values()) > READ_ALL_IN_BACKGROUND_FROM:
                self._read_all_in_background(project)
                return
            self._model_holds_all = checked
            self.model.reset(project.claims(None if checked else article_id))
            self.claims_shown.emit(self.claims_in_view())
        self._update_label()
        if current is not None:
            self.select_claim(current)

    def _read_all_in_background(self, project: Any) -> None:
        """Read every claim on a worker thread: the article's claims stay listed (and editable)
        meanwhile, and what is edited during the read is read again when it is done."""
        generation, arrived = self._loading, self._arrived
        self._edited_while_reading = set()
        self._reading_all = True
        total = sum(project.claim_counts().values())
        self.claims_label.setText(f"<b>Claims</b> (reading all {total:,}…)")

        model = self.model

        def read() -> None:
            try:
                held: HeldClaims | None = model.prepare(project.claims(None))
            except Exception:  # noqa: BLE001 - closed or unreadable meanwhile: said on the GUI thread
                held = None
            arrived.done.emit(generation, held)

        threading.Thread(target=read, name="factcheck-all-claims", daemon=True).start()

    def _all_read(self, generation: int, claims: HeldClaims | None) -> None:
        project = self.workspace.project
        if generation != self._loading or project is None or not self.all_articles.isChecked():
            return  # unticked, another project, or a newer read took its place
        if claims is None:
            self.all_articles.setChecked(False)
            self.workspace.feedback.status("Could not read every claim of the project: use Check project.", 10_000)
            return
        current = self.editor.current_claim_id()
        self._reading_all = False
        self._model_holds_all = True
        self.model.reset(claims)
        edited, self._edited_while_reading = self._edited_while_reading, set()
        found = {claim.id: claim for claim in project.find_claims(edited)}
        for claim_id in edited:
            if claim_id in found:
                self.model.upsert(found[claim_id])
            else:
                self.model.remove(claim_id)
        self.claims_shown.emit(self.claims_in_view())
        self._update_label()
        wanted, self._reveal_after_read = self._reveal_after_read or current, None
        if wanted is not None:
            self.select_claim(wanted)

    def _filter_changed(self, text: str) -> None:
        current = self.editor.current_claim_id()
        self.model.set_filter(text)
        warning = self.model.filter_warning
        self.filter_note.setText(f"⚠ {warning}" if warning else "")
        if warning:
            from factcheck_app.ui.theme import readable_text_colour

            self.filter_note.setStyleSheet(f"color: {readable_text_colour('#b45309', self.palette())}")
        self.filter_note.setVisible(bool(warning))
        if current is not None and self.model.row_of(current) >= 0:
            self.select_claim(current)
        self._update_label()

    # -- looks ----------------------------------------------------------------------

    def _update_label(self) -> None:
        self._update_anchor_column()
        shown, total = self.model.rowCount(), self.model.claim_count()
        count = f"{total}" if shown == total else f"{shown} of {total}"
        self.claims_label.setText(f"<b>Claims</b> ({count})")

    def _update_anchor_column(self) -> None:
        """The Anchor column only appears when some claim moved, changed or is orphaned."""
        needed = self.model.has_unanchored()
        self.table.setColumnHidden(COL_ANCHOR, not needed)
        self._keep_quote_readable()

    def _keep_quote_readable(self) -> None:
        """The Quote column keeps at least a third of the table: when the Anchor column appears
        in a narrow panel, the Tags column gives up its room (tags wrap) rather than the quote
        shrinking to "…"."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        others = sum(
            header.sectionSize(column)
            for column in (COL_VERDICT, COL_SOURCES, COL_ANCHOR, COL_STATUS)
            if not self.table.isColumnHidden(column)
        )
        room_for_tags = width - others - width // 3
        tags = header.sectionSize(COL_TAGS)
        if room_for_tags < tags:
            header.resizeSection(COL_TAGS, max(60, room_for_tags))
