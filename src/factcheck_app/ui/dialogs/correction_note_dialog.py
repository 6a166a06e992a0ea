"""The correction note, asked before a published claim's verdict or rationale changes.

Readers saw the published version; changing it silently would rewrite the record (IFCN
commitment 5, EFCSN Article 3.3). The dialog shows what was published beside what it is
about to say, lets the analyst finish the new rationale here (the editor saves typing after
a short pause, so the question may come mid-sentence), and cannot be accepted without a note.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True, slots=True)
class CorrectionAnswer:
    note: str  # what changed and why, as readers will read it
    rationale: str  # the rationale as corrected (the one typed, finished in the dialog)


def _verdict(label: str | None) -> str:
    return label or "no verdict"


class CorrectionNoteDialog(QDialog):
    def __init__(
        self,
        *,
        quote: str,
        published: tuple[str | None, str],
        verdict: str | None,
        rationale: str,
        publishing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctionNoteDialog")
        self.setWindowTitle("Publish a correction" if publishing else "Correct a published claim")
        self.resize(560, 520)
        short = quote if len(quote) <= 120 else quote[:119] + "…"
        intro = QLabel(
            f"“{short}” is published. "
            + (
                "Publishing it again with this change is a correction: "
                if publishing
                else "Changing its verdict or rationale is a correction: "
            )
            + "say what changed and why. The note is kept with every published version, "
            "shown in ClaimReview, the report and the corrections log."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        old_verdict, old_rationale = published
        self.verdict_line = QLabel(
            f"{_verdict(old_verdict)} → {_verdict(verdict)}"
            if old_verdict != verdict
            else f"{_verdict(verdict)} (unchanged)"
        )
        self.verdict_line.setObjectName("correctionVerdict")
        self.verdict_line.setTextFormat(Qt.TextFormat.PlainText)
        self.published_rationale = QPlainTextEdit(old_rationale)
        self.published_rationale.setObjectName("publishedRationale")
        self.published_rationale.setReadOnly(True)
        self.published_rationale.setMaximumHeight(90)
        self.rationale = QPlainTextEdit(rationale)
        self.rationale.setObjectName("correctionRationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setReadOnly(publishing)  # republishing: the claim as it stands is what goes out
        self.note = QPlainTextEdit()
        self.note.setObjectName("correctionNote")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("What changed, and why (readers see this), e.g. “The 2025 audit corrects …”")
        form = QFormLayout()
        form.addRow("Verdict", self.verdict_line)
        form.addRow("Published rationale", self.published_rationale)
        form.addRow("New rationale", self.rationale)
        form.addRow("Correction &note", self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Publish correction" if publishing else "Record correction")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.note.textChanged.connect(self._note_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self._note_changed()
        self.note.setFocus()

    def _note_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.note.toPlainText().strip()))

    def answer(self) -> CorrectionAnswer:
        return CorrectionAnswer(self.note.toPlainText().strip(), self.rationale.toPlainText().strip())


def ask_correction_note(
    parent: QWidget | None,
    *,
    quote: str,
    published: tuple[str | None, str],
    verdict: str | None,
    rationale: str,
    publishing: bool = False,
) -> CorrectionAnswer | None:
    """Ask and wait (the edit waits for the answer); None when the analyst cancels."""
    dialog = CorrectionNoteDialog(
        quote=quote, published=published, verdict=verdict, rationale=rationale, publishing=publishing, parent=parent
    )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()
    finally:
        dialog.deleteLater()
