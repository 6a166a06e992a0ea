"""Table model of the claims panel: quote, verdict, tags, sources.

Sorting and filtering happen here, in Python lists, rather than in a
QSortFilterProxyModel, whose per-comparison callbacks into Python cost seconds on
large projects. Changes from edits are applied row by row so the view keeps its
selection and scroll position.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from factcheck_app.domain.claim_filter import ClaimFilter, parse_claim_filter
from factcheck_app.domain.claims import STATUS_LABELS, STATUSES, Claim
from factcheck_app.domain.verdicts import VerdictScale, colour_of
from factcheck_app.ui.theme import readable_text_colour
from factcheck_app.ui.tooltips import plain_tooltip

COL_QUOTE, COL_VERDICT, COL_TAGS, COL_SOURCES, COL_STATUS, COL_ANCHOR = range(6)
HEADERS = ("Quote", "Verdict", "Tags", "Src", "Status", "Anchor")  # "Src": a count; the quote needs the room
HEADER_TIPS = (
    "The claim's words",
    "",
    "",
    "Sources cited",
    "Review status",
    "Where the claim is in the latest version",
)
ANCHOR_LABELS = {"anchored": "", "moved": "moved", "changed": "⚠ changed", "orphaned": "✖ orphaned"}
ANCHOR_TIPS = {
    "moved": "The same words, found elsewhere in the new version of the article.",
    "changed": "The words of this claim differ in the new version of the article: check the verdict.",
    "orphaned": "Not found in the new version. Select the new wording and use Re-attach claim.",
}
ANCHOR_COLOURS = {"changed": "#b45309", "orphaned": "#c62828", "moved": "#616161"}
ANCHOR_MARKS = {"changed": "⚠ ", "orphaned": "✖ "}
METHOD_WORDS = {
    "diff": "followed through the changes between the versions",
    "context": "found by its surrounding words",
    "position": "found by its position",
    "spacing": "found with spacing ignored",
    "fuzzy": "found as the most similar passage where the old words were",
    "none": "not found",
}


def anchor_label(claim: Claim) -> str:
    """The Anchor cell: the stored confidence ("⚠ Changed (87% similar)"), else the bare state.

    The similarity goes on the row's second line ("⚠ changed" over "87% similar"): the column
    is sized to its text, and one long line would take the room the quote needs in a narrow
    panel. The tooltip has the whole label ("Changed (87% similar)")."""
    confidence = claim.confidence
    if confidence is None:
        return ANCHOR_LABELS.get(claim.anchor_state, claim.anchor_state)
    level, _, detail = confidence.label().partition(" (")
    mark = ANCHOR_MARKS.get(claim.anchor_state, "")
    return f"{mark}{level.lower()}\n{detail.removesuffix(')')}" if detail else f"{mark}{level.lower()}"


def anchor_tip(claim: Claim) -> str | None:
    tip = ANCHOR_TIPS.get(claim.anchor_state)
    confidence = claim.confidence
    if confidence is not None:
        how = METHOD_WORDS.get(confidence.method, confidence.method)
        line = f"{confidence.label()}: {how}."
        tip = f"{line}\n{tip}" if tip else line
    return tip


ClaimIdRole = Qt.ItemDataRole.UserRole + 1
ClaimRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


def _sort_key(column: int, scale: VerdictScale) -> Callable[[Claim], Any]:
    if column == COL_VERDICT:
        order = {label: i for i, label in enumerate(scale.labels)}
        return lambda c: (order.get(c.verdict or "", len(order)), c.anchor.start)
    if column == COL_TAGS:
        return lambda c: (", ".join(c.tags).casefold(), c.anchor.start)
    if column == COL_SOURCES:
        return lambda c: (len(c.sources), c.anchor.start)
    if column == COL_STATUS:
        return lambda c: (STATUSES.index(c.status) if c.status in STATUSES else 9, c.anchor.start)
    if column == COL_ANCHOR:
        # Worst first: orphans, then changed claims from the least similar, moved, anchored.
        order = {"orphaned": 0, "changed": 1, "moved": 2, "anchored": 3}
        return lambda c: (order.get(c.anchor_state, 4), c.anchor_similarity or 0.0, c.anchor.start)
    return lambda c: (c.article_id, c.anchor.start, c.id)


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, scale: VerdictScale, parent: Any = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._all: dict[int, Claim] = {}
        self._rows: list[Claim] = []
        self._filter = ""
        self._query = ClaimFilter()
        self._sort_column = COL_QUOTE
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._article_titles: dict[int, str] = {}  # article id → casefolded title, for "article:" words

    # -- Qt interface --------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section] or None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        claim = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_QUOTE:
                return " ".join(claim.quote.split())
            if column == COL_VERDICT:
                return claim.verdict or "—"
            if column == COL_TAGS:
                return ", ".join(claim.tags)
            if column == COL_SOURCES:
                return str(len(claim.sources)) if claim.sources else ""
            if column == COL_ANCHOR:
                return anchor_label(claim)
            if column == COL_STATUS:
                return STATUS_LABELS.get(claim.status, claim.status)
        elif role == Qt.ItemDataRole.ForegroundRole and column == COL_ANCHOR:
            colour = ANCHOR_COLOURS.get(claim.anchor_state)
            if not colour:
                return None
            return QColor(readable_text_colour(colour, on=QPalette.ColorRole.Base))
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_ANCHOR:
                return anchor_tip(claim)
            if column == COL_QUOTE:
                return plain_tooltip(f"“{claim.quote}”\n\n{claim.rationale}" if claim.rationale else f"“{claim.quote}”")
            if column == COL_SOURCES:
                return plain_tooltip("\n".join(s.display_title for s in claim.sources)) or None
        elif role == Qt.ItemDataRole.DecorationRole and column == COL_VERDICT:
            return QColor(colour_of(self._scale, claim.verdict))
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SOURCES:
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == ClaimIdRole:
            return claim.id
        elif role == ClaimRole:
            return claim
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        old_ids = [c.id for c in self._rows]
        self._rows = self._visible()
        new = {c.id: i for i, c in enumerate(self._rows)}
        for persistent in self.persistentIndexList():
            row = persistent.row()
            if 0 <= row < len(old_ids) and old_ids[row] in new:
                self.changePersistentIndex(persistent, self.index(new[old_ids[row]], persistent.column()))
        self.layoutChanged.emit()

    # -- our interface ------------------------------------------------------

    def set_scale(self, scale: VerdictScale) -> None:
        self._scale = scale
        self._query = parse_claim_filter(self._filter, scale.labels)  # its verdict warnings follow the scale

    def set_article_titles(self, titles: dict[int, str]) -> None:
        """The project's article titles (casefolded), which ``article:`` filter words look in."""
        self._article_titles = dict(titles)

    def reset(self, claims: Iterable[Claim]) -> None:
        self.beginResetModel()
        self._all = {c.id: c for c in claims}
        self._rows = self._visible()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._filter = text.casefold().strip()
        self._query = parse_claim_filter(self._filter, self._scale.labels)
        self.beginResetModel()
        self._rows = self._visible()
        self.endResetModel()

    @property
    def filter_warning(self) -> str:
        """Why the filter may show nothing ("Unknown status “bogus”: use draft, review, approved,
        published."), or "" when every part of it can match; for the window to show by the box."""
        return " ".join(self._query.warnings)

    def claims(self) -> list[Claim]:
        """All claims held (filtered out ones included), in article order."""
        return sorted(self._all.values(), key=lambda c: (c.article_id, c.anchor.start, c.id))

    def claim(self, claim_id: int) -> Claim | None:
        return self._all.get(claim_id)

    def row_of(self, claim_id: int) -> int:
        for row, claim in enumerate(self._rows):
            if claim.id == claim_id:
                return row
        return -1

    def claim_at(self, row: int) -> Claim | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def remove(self, claim_id: int) -> None:
        self._all.pop(claim_id, None)
        row = self.row_of(claim_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def upsert(self, claim: Claim) -> None:
        """Insert a new claim at its sorted place, or refresh an existing one."""
        self._all[claim.id] = claim
        row = self.row_of(claim.id)
        visible = self._matches(claim)
        if row >= 0 and visible:
            self._rows[row] = claim
            wanted = self._position_for(claim, exclude=row)
            if wanted == row:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), wanted if wanted < row else wanted + 1)
            self._rows.insert(wanted, self._rows.pop(row))
            self.endMoveRows()
        elif row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        elif visible:
            wanted = self._position_for(claim)
            self.beginInsertRows(QModelIndex(), wanted, wanted)
            self._rows.insert(wanted, claim)
            self.endInsertRows()

    # -- helpers -------------------------------------------------------------

    def _matches(self, claim: Claim) -> bool:
        """Every word must match somewhere; ``verdict:``, ``tag:``, ``status:``, ``claimant:``,
        ``anchor:``, ``article:`` words match that field only (see domain/claim_filter.py)."""
        return self._query.empty or self._query.matches(claim, self._article_titles)

    def _visible(self) -> list[Claim]:
        key = _sort_key(self._sort_column, self._scale)
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted((c for c in self._all.values() if self._matches(c)), key=key, reverse=reverse)

    def _position_for(self, claim: Claim, exclude: int = -1) -> int:
        key = _sort_key(self._sort_column, self._scale)
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        mine = key(claim)
        position = 0
        for row, other in enumerate(self._rows):
            if row == exclude:
                continue
            theirs = key(other)
            if (theirs > mine) if reverse else (theirs < mine):
                position += 1
        return position
