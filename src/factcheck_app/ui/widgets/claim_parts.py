"""Small pieces of the claim editor: how a quote and a verdict swatch look, the anchor-state
notes, the "already checked?" note, and a focus-out watch (QPlainTextEdit has no
editingFinished)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

STATE_NOTES = {
    "changed": (
        "#b45309",
        "<b>⚠ The quoted words changed</b> in the new version of the article. Check that the verdict still holds.",
    ),
    "orphaned": (
        "#c62828",
        "<b>✖ Orphaned:</b> these words are not in the new version. Select the new wording in the article "
        "and use <b>Re-attach claim</b> (Ctrl+R).",
    ),
}


EMPTY_VALUES: dict[str, object] = {
    "verdict": None,
    "tags": "",
    "rationale": "",
    "restated": "",
    "claimant": "",
    "reviewer": "",
    "assignee": "",
    "claim_date": None,
    "status": "draft",
}


def quoted(text: str) -> str:
    """The words in curly quotes, without doubling marks the quote already has."""
    opening = "" if text[:1] in "“\"«‘'" else "“"
    closing = "" if text[-1:] in "”\"»’'" else "”"
    return f"{opening}{text}{closing}"


def swatch(colour: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return pixmap


def words(text: str) -> str:
    return " ".join(text.split())


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class FocusOutWatch(QObject):
    """Calls ``on_focus_out`` when the watched widget loses keyboard focus (QPlainTextEdit has
    no editingFinished signal)."""

    def __init__(self, on_focus_out: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_focus_out = on_focus_out

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._on_focus_out()
        return False


class AlreadyChecked(QLabel):
    """'Already checked?': earlier claims that say much the same, with their verdicts."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("alreadyChecked")
        self.setWordWrap(True)
        self.hide()

    def show_similar(self, similar: Sequence[Any]) -> None:
        if not similar:
            self.hide()
            return
        lines = [
            f"• “{html.escape(s.claim.quote[:90])}” — <b>{html.escape(s.claim.verdict or 'no verdict yet')}</b>"
            f" <span style='color:#666'>({html.escape(s.article_title[:50])})</span>"
            for s in similar
        ]
        self.setText(
            "<b>Already checked?</b> Similar claims, in this project or the desk archive:<br>" + "<br>".join(lines)
        )
        self.show()
