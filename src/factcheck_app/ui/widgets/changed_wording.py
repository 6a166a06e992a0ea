"""The wording a verdict was checked against beside the claim's words now, and the two answers.

Shown in the claim editor while a new version of the article has changed the claim's words:
"Checked wording" with the words that went struck through, "Now" with the words that came
underlined, then *Confirm verdict still holds* (the flag goes, the history names who) or
*Re-open* (back to draft, to check again). The article's words are untrusted text: every
piece is escaped before it becomes markup.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from factcheck_app.domain.claims import DRAFT, Claim
from factcheck_app.domain.word_diff import DELETE, INSERT, word_diff

CONFIRM_LABEL = "Confirm verdict still holds"
REOPEN_LABEL = "Re-open"


def wording_html(segments: list[tuple[int, str]], *, side: int) -> str:
    """One side of a word diff as markup: ``side`` DELETE is the checked wording (deleted words
    struck through), INSERT the current one (inserted words underlined). Each piece is escaped."""
    parts = []
    for op, text in segments:
        if op == -side:
            continue
        piece = html.escape(text)
        if op == side:
            piece = f"<s>{piece}</s>" if side == DELETE else f"<u>{piece}</u>"
        parts.append(piece)
    return "<span style='white-space: pre-wrap'>" + "".join(parts) + "</span>"


class ChangedWording(QFrame):
    confirm_requested = Signal(int)  # claim id
    reopen_requested = Signal(int)  # claim id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changedWording")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._claim_id: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        grid = QGridLayout()
        self.checked = self._wording_label("checkedWording")
        self.now = self._wording_label("currentWording")
        grid.addWidget(QLabel("<b>Checked wording</b>"), 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.checked, 0, 1)
        grid.addWidget(QLabel("<b>Now</b>"), 1, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.now, 1, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        self.confirm_button = QPushButton(CONFIRM_LABEL)
        self.confirm_button.setObjectName("confirmVerdictButton")
        self.confirm_button.setToolTip(
            "The verdict is right for the new words: clear the flag (recorded in the history)"
        )
        self.reopen_button = QPushButton(REOPEN_LABEL)
        self.reopen_button.setObjectName("reopenClaimButton")
        self.reopen_button.setToolTip("Send the claim back to draft to check it again")
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(lambda: self._emit(self.confirm_requested))
        self.reopen_button.clicked.connect(lambda: self._emit(self.reopen_requested))
        self.hide()

    @staticmethod
    def _wording_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_claim(self, claim: Claim | None) -> None:
        """Show the comparison for a claim whose words changed; hide it for any other."""
        if claim is None or not claim.wording_changed:
            self._claim_id = None
            self.hide()
            return
        self._claim_id = claim.id
        segments = word_diff(claim.checked_wording, claim.quote)
        self.checked.setText(wording_html(segments, side=DELETE))
        self.now.setText(wording_html(segments, side=INSERT))
        self.reopen_button.setEnabled(claim.status != DRAFT)
        self.show()

    def _emit(self, signal: Signal) -> None:
        if self._claim_id is not None:
            signal.emit(self._claim_id)  # type: ignore[attr-defined]
