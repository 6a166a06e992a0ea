"""Table model of the claims panel: quote, verdict, tags, sources.

Sorting and filtering happen here, in Python lists, rather than in a
QSortFilterProxyModel, whose per-comparison callbacks into Python cost seconds on
large projects. Changes from edits are applied row by row so the view keeps its
selection and scroll position.

NOTE: a desk's project holds 100,000 claims, so nothing done per edit or per keystroke
walks or sorts them all. Every claim is kept once in sort order with its sort key
(``_order``/``_order_keys``, ascending; a descending sort only reads the rows backwards),
the listed rows are the same kind of list, and a claim is found or placed by bisecting
its key (every key ends with the claim's id, so keys are unique). A filter keystroke
scans the kept order (no sort) against each claim's kept casefolded text (``_texts``).
Per-article lists and the count of claims that lost their words are kept too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from factcheck_app.domain.claim_filter import ClaimFilter, claim_haystack, parse_claim_filter
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
    """The sort key of a column; each ends with the claim's id, so no two claims tie."""
    if column == COL_VERDICT:
        order = {label: i for i, label in enumerate(scale.labels)}
        return lambda c: (order.get(c.verdict or "", len(order)), c.anchor.start, c.id)
    if column == COL_TAGS:
        return lambda c: (", ".join(c.tags).casefold(), c.anchor.start, c.id)
    if column == COL_SOURCES:
        return lambda c: (len(c.sources), c.anchor.start, c.id)
    if column == COL_STATUS:
        return lambda c: (STATUSES.index(c.status) if c.status in STATUSES else 9, c.anchor.start, c.id)
    if column == COL_ANCHOR:
        # Worst first: orphans, then changed claims from the least similar, moved, anchored.
        order = {"orphaned": 0, "changed": 1, "moved": 2, "anchored": 3}
        return lambda c: (order.get(c.anchor_state, 4), c.anchor_similarity or 0.0, c.anchor.start, c.id)
    return _article_order


def _article_order(claim: Claim) -> tuple[int, int, int]:
    return (claim.article_id, claim.anchor.start, claim.id)


@dataclass(slots=True)
class HeldClaims:
    """Claims indexed and sorted (by ``key``) for the model to hold: see ``ClaimsTableModel.prepare``."""

    key: Callable[[Claim], Any]
    by_id: dict[int, Claim]
    by_article: dict[int, dict[int, Claim]]
    unanchored: set[int]
    keys: list[Any]
    order: list[Claim]

    @property
    def claims(self) -> list[Claim]:
        return self.order


class ClaimsTableModel(QAbstractTableModel):
    def __init__(self, scale: VerdictScale, parent: Any = None) -> None:
        super().__init__(parent)
        self._scale = scale
        self._all: dict[int, Claim] = {}
        self._by_article: dict[int, dict[int, Claim]] = {}
        self._texts: list[str] | None = None  # each claim's casefolded text, beside _order (built at the first filter)
        self._unanchored: set[int] = set()  # claims whose words moved, changed or were lost
        self._key: Callable[[Claim], Any] = _article_order
        self._order: list[Claim] = []  # every claim, ascending by key
        self._order_keys: list[Any] = []
        self._rows: list[Claim] = []  # the claims the filter lets through, ascending by key
        self._row_keys: list[Any] = []
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
        claim = self.claim_at(index.row()) if index.isValid() else None
        if claim is None:
            return None
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder, *, again: bool = False) -> None:
        """Sort by ``column``; ``again``: its keys changed (the scale's order of verdicts)."""
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids_in_display_order()
        if column != self._sort_column or again:
            self._sort_column = column
            self._key = _sort_key(column, self._scale)
            self._sort_all()
        self._sort_order = order
        self._rows, self._row_keys = self._filtered()
        new = {claim_id: row for row, claim_id in enumerate(self._ids_in_display_order())}
        for persistent in self.persistentIndexList():
            row = persistent.row()
            if 0 <= row < len(old_ids) and old_ids[row] in new:
                self.changePersistentIndex(persistent, self.index(new[old_ids[row]], persistent.column()))
        self.layoutChanged.emit()

    # -- our interface ------------------------------------------------------

    def set_scale(self, scale: VerdictScale) -> None:
        self._scale = scale
        self._query = parse_claim_filter(self._filter, scale.labels)  # its verdict warnings follow the scale
        if self._sort_column == COL_VERDICT:  # the verdicts' order is the scale's
            self.sort(self._sort_column, self._sort_order, again=True)

    def set_article_titles(self, titles: dict[int, str]) -> None:
        """The project's article titles (casefolded), which ``article:`` filter words look in."""
        self._article_titles = dict(titles)

    def reset(self, claims: Iterable[Claim] | HeldClaims) -> None:
        """Hold these claims (or claims ``prepare`` got ready, when still sorted as the table is)."""
        held = claims if isinstance(claims, HeldClaims) else None
        if held is None or held.key is not self._key:
            held = self.prepare(held.claims if held is not None else claims)  # type: ignore[union-attr]
        self.beginResetModel()
        self._all, self._by_article, self._unanchored = held.by_id, held.by_article, held.unanchored
        self._order, self._order_keys, self._texts = held.order, held.keys, None
        self._rows, self._row_keys = self._filtered()
        self.endResetModel()

    def prepare(self, claims: Iterable[Claim]) -> HeldClaims:
        """Index and sort claims for ``reset``: plain Python, so a worker thread can do it while
        the window goes on (sorting 100,000 claims took half a second of the GUI thread)."""
        key = self._key
        by_id = {c.id: c for c in claims}
        by_article: dict[int, dict[int, Claim]] = {}
        for claim in by_id.values():
            by_article.setdefault(claim.article_id, {})[claim.id] = claim
        keyed = sorted(((key(c), c) for c in by_id.values()), key=lambda pair: pair[0])
        return HeldClaims(
            key=key,
            by_id=by_id,
            by_article=by_article,
            unanchored={c.id for c in by_id.values() if c.anchor_state != "anchored"},
            keys=[k for k, _ in keyed],
            order=[c for _, c in keyed],
        )

    def set_filter(self, text: str) -> None:
        self._filter = text.casefold().strip()
        self._query = parse_claim_filter(self._filter, self._scale.labels)
        self.beginResetModel()
        self._rows, self._row_keys = self._filtered()
        self.endResetModel()

    @property
    def filter_warning(self) -> str:
        """Why the filter may show nothing ("Unknown status “bogus”: use draft, review, approved,
        published."), or "" when every part of it can match; for the window to show by the box."""
        return " ".join(self._query.warnings)

    def claims(self) -> list[Claim]:
        """All claims held (filtered out ones included), in article order."""
        return sorted(self._all.values(), key=_article_order)

    def claims_of(self, article_id: int | None) -> list[Claim]:
        """The claims held of one article, in its order (what its highlights show)."""
        return sorted(self._by_article.get(article_id, {}).values(), key=_article_order) if article_id else []

    def claim_count(self) -> int:
        """How many claims are held, the filtered-out ones included."""
        return len(self._all)

    def has_unanchored(self) -> bool:
        """True when some claim held moved, changed or lost its words in a new version."""
        return bool(self._unanchored)

    def claim(self, claim_id: int) -> Claim | None:
        return self._all.get(claim_id)

    def row_of(self, claim_id: int) -> int:
        claim = self._all.get(claim_id)
        if claim is None:
            return -1
        index = bisect_left(self._row_keys, self._key(claim))
        if index < len(self._rows) and self._rows[index].id == claim_id:
            return self._position(index)
        return -1

    def claim_at(self, row: int) -> Claim | None:
        return self._rows[self._position(row)] if 0 <= row < len(self._rows) else None

    def remove(self, claim_id: int) -> None:
        claim = self._all.get(claim_id)
        if claim is None:
            return
        row = self.row_of(claim_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            index = self._position(row)
            del self._rows[index], self._row_keys[index]
            self.endRemoveRows()
        self._forget(claim)

    def upsert(self, claim: Claim) -> None:
        """Insert a new claim at its sorted place, or refresh an existing one."""
        old = self._all.get(claim.id)
        row = self.row_of(claim.id) if old is not None else -1
        if old is not None:
            self._forget(old)
        self._remember(claim)
        key = self._key(claim)
        if not self._matches(claim):
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                index = self._position(row)
                del self._rows[index], self._row_keys[index]
                self.endRemoveRows()
            return
        if row < 0:
            index = bisect_left(self._row_keys, key)
            wanted = len(self._rows) - index if self._descending else index
            self.beginInsertRows(QModelIndex(), wanted, wanted)
            self._rows.insert(index, claim)
            self._row_keys.insert(index, key)
            self.endInsertRows()
            return
        old_index = self._position(row)
        del self._rows[old_index], self._row_keys[old_index]
        index = bisect_left(self._row_keys, key)
        if index == old_index:  # stays where it is
            self._rows.insert(index, claim)
            self._row_keys.insert(index, key)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
            return
        assert old is not None  # it was listed
        self._rows.insert(old_index, old)  # put back for the move's "before" state
        self._row_keys.insert(old_index, self._key(old))
        wanted = (len(self._rows) - 1 - index) if self._descending else index
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), wanted if wanted < row else wanted + 1)
        del self._rows[old_index], self._row_keys[old_index]
        self._rows.insert(index, claim)
        self._row_keys.insert(index, key)
        self.endMoveRows()

    # -- helpers -------------------------------------------------------------

    @property
    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _position(self, row: int) -> int:
        """Where the table's ``row`` is in the ascending lists (and back: the mapping is its own inverse)."""
        return len(self._rows) - 1 - row if self._descending else row

    def _ids_in_display_order(self) -> list[int]:
        ids = [c.id for c in self._rows]
        return ids[::-1] if self._descending else ids

    def _sort_all(self) -> None:
        keyed = sorted(((self._key(c), c) for c in self._all.values()), key=lambda pair: pair[0])
        self._order_keys = [k for k, _ in keyed]
        self._order = [c for _, c in keyed]
        self._texts = None

    def _remember(self, claim: Claim) -> None:
        self._all[claim.id] = claim
        self._by_article.setdefault(claim.article_id, {})[claim.id] = claim
        if claim.anchor_state != "anchored":
            self._unanchored.add(claim.id)
        key = self._key(claim)
        index = bisect_left(self._order_keys, key)
        self._order_keys.insert(index, key)
        self._order.insert(index, claim)
        if self._texts is not None:
            self._texts.insert(index, claim_haystack(claim))

    def _forget(self, claim: Claim) -> None:
        self._all.pop(claim.id, None)
        self._by_article.get(claim.article_id, {}).pop(claim.id, None)
        self._unanchored.discard(claim.id)
        index = bisect_left(self._order_keys, self._key(claim))
        if index < len(self._order) and self._order[index].id == claim.id:
            del self._order[index], self._order_keys[index]
            if self._texts is not None:
                del self._texts[index]

    def _matches(self, claim: Claim) -> bool:
        """Every word must match somewhere; ``verdict:``, ``tag:``, ``status:``, ``claimant:``,
        ``anchor:``, ``article:`` words match that field only (see domain/claim_filter.py)."""
        return self._query.empty or self._query.matches(claim, self._article_titles)

    def _filtered(self) -> tuple[list[Claim], list[Any]]:
        """The listed claims and their keys, in the kept order (a filter never sorts)."""
        if self._query.empty:
            return list(self._order), list(self._order_keys)
        if self._texts is None:
            self._texts = [claim_haystack(claim) for claim in self._order]
        texts, query = self._texts, self._query
        if query.terms:
            kept = [i for i, claim in enumerate(self._order) if query.matches(claim, self._article_titles, texts[i])]
        else:  # plain words only: one pass per word over the kept texts, each on fewer claims
            first, *others = query.words
            kept = [i for i, text in enumerate(texts) if first in text]
            for word in others:
                kept = [i for i in kept if word in texts[i]]
        return [self._order[i] for i in kept], [self._order_keys[i] for i in kept]
