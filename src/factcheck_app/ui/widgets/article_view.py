"""The article, read-only, with every claim highlighted in its verdict colour.

Highlights are extra selections: they are painted over the layout and never
re-layout the document (per-span char-format edits are ~50× slower), and only the
claims near the visible part are highlighted, so a long article opens at once. Offsets cross the Qt boundary in one place:
``domain.anchors`` converts code points ↔ UTF-16 units.

Highlight colours come from ``domain.contrast``: a tint of the verdict (or tag) colour
toward the page that keeps the text drawn on it at WCAG AA (≥ 4.5:1) in light and dark
palettes, with the text colour set explicitly; they are recomputed when the palette changes.

Suggested claims (View ▸ Suggested claims) get a dotted underline in the same pass: no
background, so the text keeps its contrast, and a line colour kept at ≥ 3:1 against the page
(WCAG's non-text minimum) in either palette.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPalette, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from factcheck_app.domain.anchors import Utf16Map
from factcheck_app.domain.articles import TextBlock
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.contrast import highlight_background, readable_accent
from factcheck_app.domain.suggestions import Suggestion
from factcheck_app.domain.verdicts import NO_VERDICT_COLOUR, VerdictScale, colour_of
from factcheck_app.ui.tooltips import plain_tooltip

HIGHLIGHT_MARGIN_CHARS = 20_000
SUGGESTION_COLOUR = "#1e88e5"  # blue: a hue no default verdict uses; moved toward the text as needed
_SUGGESTION_PROPERTY = QTextCharFormat.Property.UserProperty + 1
# A line break that ends a paragraph (not part of a blank line already in the text).
_SINGLE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


class ArticleView(QPlainTextEdit):
    claim_clicked = Signal(int)
    selection_changed_to_span = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.15)
        self.setFont(font)
        self.document().setDocumentMargin(18)
        self._text = ""
        self._offsets = Utf16Map("")
        # Placed cursors by span, kept while the text stays: a claim's highlight is painted again
        # on each selection, scroll and edit, and placing its cursor was most of that.
        self._cursors: dict[tuple[int, int], QTextCursor] = {}
        self._claims: list[Claim] = []
        self._suggested: list[Suggestion] = []
        self._scale: VerdictScale | None = None
        self._current: int | None = None
        self._tag_colours: dict[str, str] | None = None  # None: colour by verdict
        self._highlight_timer = QTimer(self, singleShot=True, interval=0)
        self._highlight_timer.timeout.connect(self._repaint_highlights)
        self.verticalScrollBar().valueChanged.connect(self._schedule_highlights)
        self.selectionChanged.connect(lambda: self.selection_changed_to_span.emit(self.textCursor().hasSelection()))

    # -- content -------------------------------------------------------------

    def show_article(self, text: str, blocks: Sequence[TextBlock] = ()) -> None:
        """Show ``text`` with an empty line after each paragraph, for readability.

        NOTE: QPlainTextEdit ignores paragraph margins, but it lays out only what is on
        screen, where QTextEdit lays out the whole article as soon as one highlight is set
        (0.6 s on 2.5 M characters). The empty lines exist only on screen; the offset map
        keeps every claim on the canonical text.
        """
        self._text = text
        breaks = [m.start() for m in _SINGLE_NEWLINE.finditer(text)]
        self._offsets = Utf16Map(text, inserted_after=breaks)
        self._cursors.clear()
        self._claims = []
        self._suggested = []
        self._current = None
        self.setExtraSelections([])
        # NOTE: setPlainText types the new text in the cursor's character format; after an
        # article whose first line is a heading that format is bold and large, and the whole
        # next article came out as a heading. Start from the plain format every time.
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.setCurrentCharFormat(QTextCharFormat())
        self.setPlainText(_SINGLE_NEWLINE.sub("\n\n", text))
        self._format_headings(blocks)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _format_headings(self, blocks: Sequence[TextBlock]) -> None:
        """Headings look like headings; the text (and every offset) stays the same."""
        headings = [b for b in blocks if b.kind == "heading" and b.end > b.start]
        if not headings:
            return
        base = self.font().pointSizeF()
        batch = QTextCursor(self.document())
        batch.beginEditBlock()
        for block in headings:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(base * (1.35 if block.level <= 1 else 1.15 if block.level == 2 else 1.0))
            start = self._offsets.to_utf16(block.start)
            cursor = QTextCursor(self.document().findBlock(start))
            cursor.setPosition(start)
            cursor.setPosition(self._offsets.to_utf16(block.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        batch.endEditBlock()

    def text(self) -> str:
        return self._text

    def set_claims(self, claims: Iterable[Claim], scale: VerdictScale) -> None:
        self._claims = sorted(claims, key=lambda c: (c.anchor.start, c.anchor.end))
        self._scale = scale
        self._repaint_highlights()

    def set_suggestions(self, suggestions: Iterable[Suggestion]) -> None:
        """Mark these sentences as worth checking (none: the marks go)."""
        self._suggested = sorted(suggestions, key=lambda s: s.start)
        self._repaint_highlights()

    def suggestion_marks(self) -> list[QTextEdit.ExtraSelection]:
        """The dotted underlines on screen now (what a person sees under the suggested sentences)."""
        return [s for s in self.extraSelections() if s.format.property(_SUGGESTION_PROPERTY)]  # type: ignore[attr-defined]

    def set_tag_colours(self, colours: dict[str, str] | None) -> None:
        """Colour highlights by tag (the first tag of a claim that has a colour), or by verdict (None)."""
        self._tag_colours = colours

    def _colour_for(self, claim: Claim) -> str:
        if self._tag_colours is not None:
            for tag in claim.tags:
                if tag in self._tag_colours:
                    return self._tag_colours[tag]
            return NO_VERDICT_COLOUR
        assert self._scale is not None
        return colour_of(self._scale, claim.verdict)

    def set_current_claim(self, claim_id: int | None) -> None:
        self._current = claim_id
        self._repaint_highlights()

    def _repaint_highlights(self) -> None:
        """Highlight the claims in and near the visible part of the article.

        NOTE: placing a QTextCursor forces the document to be laid out up to that
        point, so highlighting every claim of a long article at once costs ~0.7 s
        (2.5 M characters). Only the visible window (plus a margin) is highlighted,
        again on every scroll or resize, which costs a few milliseconds.
        """
        self._highlight_timer.stop()
        if self._scale is None and not self._suggested:
            return
        low, high = self._visible_range()
        page = self.palette().color(QPalette.ColorRole.Base).name()
        text = self.palette().color(QPalette.ColorRole.Text).name()
        selections = self._suggestion_selections(low, high, page, text)
        current: QTextEdit.ExtraSelection | None = None
        for claim in self._claims if self._scale is not None else ():
            if claim.anchor.end < low or claim.anchor.start > high:
                continue
            if not claim.anchor.matches(self._text):
                continue  # never paint a claim on words that are no longer its words
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(claim.anchor.start, claim.anchor.end)  # type: ignore[misc]
            fmt = QTextCharFormat()
            colour = self._colour_for(claim)
            is_current = claim.id == self._current
            background = highlight_background(colour, text, page, current=is_current)
            fmt.setBackground(QColor(background))
            fmt.setForeground(QColor(text))  # the colour the contrast was measured against
            if is_current:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(readable_accent(colour, background, text)))
            fmt.setToolTip(plain_tooltip(f"{claim.verdict or 'No verdict yet'} — click to open the claim"))
            selection.format = fmt  # type: ignore[misc]
            if claim.id == self._current:
                current = selection
            else:
                selections.append(selection)
        if current is not None:
            selections.append(current)  # painted last: on top of overlapping claims
        self.setExtraSelections(selections)

    def _suggestion_selections(self, low: int, high: int, page: str, text: str) -> list[QTextEdit.ExtraSelection]:
        """Dotted underlines under the suggested sentences on screen (painted beneath the claims)."""
        line = QColor(readable_accent(SUGGESTION_COLOUR, page, text))
        selections = []
        for suggestion in self._suggested:
            if suggestion.end < low or suggestion.start > high:
                continue
            if self._text[suggestion.start : suggestion.end] != suggestion.text:
                continue  # made for other words (the article changed since)
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(line)
            fmt.setProperty(_SUGGESTION_PROPERTY, True)
            fmt.setToolTip(plain_tooltip(f"Suggested claim: {suggestion.explanation}"))
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_for(suggestion.start, suggestion.end)  # type: ignore[misc]
            selection.format = fmt  # type: ignore[misc]
            selections.append(selection)
        return selections

    def _visible_range(self) -> tuple[int, int]:
        """Python offsets of the text on screen, widened by a margin for smooth scrolling."""
        viewport = self.viewport()
        first = self._offsets.to_index(self.cursorForPosition(viewport.rect().topLeft()).position())
        # NOTE: hit-testing the bottom corner would lay out the document that far; an
        # estimate of what a screen can hold is enough (it is doubled to be safe).
        metrics = self.fontMetrics()
        per_screen = (viewport.width() // max(1, metrics.averageCharWidth())) * (
            viewport.height() // max(1, metrics.lineSpacing())
        )
        return max(0, first - HIGHLIGHT_MARGIN_CHARS), first + 2 * per_screen + HIGHLIGHT_MARGIN_CHARS

    def _schedule_highlights(self) -> None:
        if (self._claims or self._suggested) and not self._highlight_timer.isActive():
            self._highlight_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._schedule_highlights()

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (View ▸ Theme, or the desktop's) needs new highlight colours."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._schedule_highlights()

    # -- navigation ----------------------------------------------------------

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        kept = self._cursors.get((start, end))
        if kept is None:
            kept = self._cursors[(start, end)] = self._place_cursor(start, end)
        return QTextCursor(kept)  # a copy: callers may move theirs

    def _place_cursor(self, start: int, end: int) -> QTextCursor:
        # NOTE: a cursor made on the block is placed in O(1); QTextCursor(document)
        # followed by a far setPosition costs ~0.5 ms each on a long article.
        position = self._offsets.to_utf16(start)
        cursor = QTextCursor(self.document().findBlock(position))
        cursor.setPosition(position)
        cursor.setPosition(self._offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def reveal(self, start: int, end: int) -> None:
        """Select the span and scroll it to the middle of the view."""
        self.setTextCursor(self._cursor_for(start, end))
        self.centerCursor()

    def select_span(self, start: int, end: int) -> None:
        """Select canonical offsets ``start``–``end`` (as a user dragging over the words)."""
        self.setTextCursor(self._cursor_for(start, end))

    def position_of(self, index: int) -> int:
        """The Qt cursor position of a canonical text offset."""
        return self._offsets.to_utf16(index)

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as Python string offsets, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.to_index(cursor.selectionStart()), self._offsets.to_index(cursor.selectionEnd())

    def claim_at(self, offset: int) -> Claim | None:
        """The innermost (shortest) claim covering ``offset``."""
        covering = [c for c in self._claims if c.anchor.start <= offset < c.anchor.end and c.anchor.matches(self._text)]
        return min(covering, key=lambda c: c.anchor.end - c.anchor.start) if covering else None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        position = self.cursorForPosition(event.position().toPoint()).position()
        claim = self.claim_at(self._offsets.to_index(position))
        if claim is not None:
            self.claim_clicked.emit(claim.id)
