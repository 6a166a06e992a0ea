"""The suggested claims of the article on screen, as a table: score, sentence, claimant, earlier check.

A thin adapter over ``domain.suggestions.Suggestion`` values (ranked by the domain): the
rows are replaced when the article or its claims change, and the "Checked before" column
fills in as the desk archive answers, row by row, without resetting the view.
Everything shown comes from the article (untrusted text): tooltips go through ``plain_tooltip``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from factcheck_app.domain.suggestions import Suggestion
from factcheck_app.ui.desk_archive import checked_before
from factcheck_app.ui.tooltips import plain_tooltip

if TYPE_CHECKING:
    from factcheck_app.services.desk_archive import ArchivedVerdict

COL_SCORE, COL_SENTENCE, COL_CLAIMANT, COL_EARLIER = range(4)
HEADERS = ("Score", "Sentence", "Claimant", "Checked before")
SENTENCE_CHARS = 160  # a long sentence is cut in the cell; the tooltip and the article show all of it

Index = QModelIndex | QPersistentModelIndex


class SuggestionsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Suggestion] = []
        self._earlier: dict[str, ArchivedVerdict | None] = {}  # sentence → earlier check, once looked up

    # -- what the panel sets ------------------------------------------------------------

    def reset(self, suggestions: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(suggestions)
        self.endResetModel()

    def set_earlier(self, found: Mapping[str, ArchivedVerdict | None]) -> None:
        """Earlier verdicts by sentence text; only the rows they concern are redrawn."""
        self._earlier.update(found)
        for row, suggestion in enumerate(self._rows):
            if suggestion.text in found:
                self.dataChanged.emit(self.index(row, COL_EARLIER), self.index(row, COL_EARLIER))

    def forget_earlier(self) -> None:
        """The archive grew: every earlier check is looked up again."""
        self._earlier.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, COL_EARLIER), self.index(len(self._rows) - 1, COL_EARLIER))

    def looked_up(self, text: str) -> bool:
        return text in self._earlier

    def earlier(self, text: str) -> ArchivedVerdict | None:
        return self._earlier.get(text)

    def suggestion(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def suggestions(self) -> list[Suggestion]:
        return list(self._rows)

    # -- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        suggestion = self.suggestion(index.row()) if index.isValid() else None
        if suggestion is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(suggestion, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.explanation(suggestion))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return suggestion
        return None

    def _display(self, suggestion: Suggestion, column: int) -> str:
        if column == COL_SCORE:
            return f"{round(suggestion.score * 100)}%"
        if column == COL_SENTENCE:
            text = " ".join(suggestion.text.split())
            return text if len(text) <= SENTENCE_CHARS else text[: SENTENCE_CHARS - 1] + "…"
        if column == COL_CLAIMANT:
            return suggestion.claimant
        found = self._earlier.get(suggestion.text)
        return checked_before(found) if found is not None else ""

    def explanation(self, suggestion: Suggestion) -> str:
        """Why the sentence is suggested, and what the desk found before (plain text)."""
        lines = [f"{suggestion.explanation} (score {suggestion.score:.2f})", "", suggestion.text]
        found = self._earlier.get(suggestion.text)
        if found is not None:
            lines += ["", checked_before(found), f"“{found.claim}”"]
        return "\n".join(lines)
