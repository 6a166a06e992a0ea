"""The article, read-only, with every claim highlighted in its verdict colour.

Highlights are QTextEdit extra selections: they are painted over the layout and
never re-layout the document, so thousands of claims cost milliseconds (per-span
char-format edits are ~50× slower). Offsets cross the Qt boundary in one place:
``domain.anchors`` converts code points ↔ UTF-16 units.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from factcheck_app.domain.anchors import index_to_utf16, utf16_to_index
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import VerdictScale, colour_of, tint


class ArticleView(QTextEdit):
    claim_clicked = Signal(int)
    selection_changed_to_span = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self._text = ""
        self._claims: list[Claim] = []
        self._scale: VerdictScale | None = None
        self._current: int | None = None
        self.selectionChanged.connect(lambda: self.selection_changed_to_span.emit(self.textCursor().hasSelection()))

    # -- content -------------------------------------------------------------

    def show_article(self, text: str) -> None:
        """Show ``text``; paragraphs get air between them in one edit block."""
        self._text = text
        self._claims = []
        self._current = None
        self.setExtraSelections([])
        self.setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        block_format = QTextBlockFormat()
        block_format.setBottomMargin(8)
        block_format.setLineHeight(125, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block_format)
        cursor.endEditBlock()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def text(self) -> str:
        return self._text

    def set_claims(self, claims: Iterable[Claim], scale: VerdictScale) -> None:
        self._claims = sorted(claims, key=lambda c: (c.anchor.start, c.anchor.end))
        self._scale = scale
        self._repaint_highlights()

    def set_current_claim(self, claim_id: int | None) -> None:
        self._current = claim_id
        self._repaint_highlights()

    def _repaint_highlights(self) -> None:
        if self._scale is None:
            return
        selections: list[QTextEdit.ExtraSelection] = []
        current: QTextEdit.ExtraSelection | None = None
        for claim in self._claims:
            if not claim.anchor.matches(self._text):
                continue  # never paint a claim on words that are no longer its words
            selection = QTextEdit.ExtraSelection()
            cursor = self._cursor_for(claim.anchor.start, claim.anchor.end)
            selection.cursor = cursor  # type: ignore[misc]
            fmt = QTextCharFormat()
            colour = colour_of(self._scale, claim.verdict)
            if claim.id == self._current:
                fmt.setBackground(QColor(tint(colour, 0.45)))
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(colour))
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            else:
                fmt.setBackground(QColor(tint(colour, 0.72)))
            fmt.setToolTip(f"{claim.verdict or 'No verdict yet'} — click to open the claim")
            selection.format = fmt  # type: ignore[misc]
            if claim.id == self._current:
                current = selection
            else:
                selections.append(selection)
        if current is not None:
            selections.append(current)  # painted last: on top of overlapping claims
        self.setExtraSelections(selections)

    # -- navigation ----------------------------------------------------------

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(index_to_utf16(self._text, start))
        cursor.setPosition(index_to_utf16(self._text, end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def reveal(self, start: int, end: int) -> None:
        """Select the span and scroll it to the middle of the view."""
        cursor = self._cursor_for(start, end)
        self.setTextCursor(cursor)
        rect = self.cursorRect(self._cursor_for(start, start))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as Python string offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            utf16_to_index(self._text, cursor.selectionStart()),
            utf16_to_index(self._text, cursor.selectionEnd()),
        )

    def claim_at(self, offset: int) -> Claim | None:
        """The innermost (shortest) claim covering ``offset``."""
        covering = [c for c in self._claims if c.anchor.start <= offset < c.anchor.end and c.anchor.matches(self._text)]
        return min(covering, key=lambda c: c.anchor.end - c.anchor.start) if covering else None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        claim = self.claim_at(utf16_to_index(self._text, position))
        if claim is not None:
            self.claim_clicked.emit(claim.id)
