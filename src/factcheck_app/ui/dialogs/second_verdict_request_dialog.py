"""Ask a named analyst for a blind second verdict: on the selected claim, or on every claim
the filter lists (a batch, e.g. ``status:approved tag:budget``).

The analyst is chosen from the names seen in the project's history, or typed: a colleague
who never edited this project can be asked too.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


class SecondVerdictRequestDialog(QDialog):
    def __init__(
        self,
        analysts: Sequence[str],
        *,
        claim_id: int | None,
        quote: str,
        listed: Sequence[int],
        filter_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secondVerdictRequestDialog")
        self.setWindowTitle("Ask for a second verdict")
        self._claim_id = claim_id
        self._listed = list(listed)
        intro = QLabel(
            "The analyst you ask sees the quote, the restated claim and the evidence, not the "
            "verdict or rationale given so far, and records their own. Agreement is measured on both."
        )
        intro.setWordWrap(True)
        self.analyst = QComboBox()
        self.analyst.setObjectName("secondAnalyst")
        self.analyst.setEditable(True)
        self.analyst.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.analyst.addItems(list(analysts))
        self.analyst.setCurrentIndex(-1)
        line = self.analyst.lineEdit()
        if line is not None:
            line.setPlaceholderText("Name of the second analyst")
        short = quote if len(quote) <= 70 else quote[:69] + "…"
        self.this_claim = QRadioButton(
            f"This claim: “{short}”" if claim_id is not None else "This claim (none selected)"
        )
        self.this_claim.setObjectName("askThisClaim")
        filtered = f" (filter: {filter_text})" if filter_text.strip() else ""
        self.listed_claims = QRadioButton(f"All {len(self._listed)} claims listed{filtered}")
        self.listed_claims.setObjectName("askListedClaims")
        self.this_claim.setEnabled(claim_id is not None)
        self.listed_claims.setEnabled(len(self._listed) > 0)
        (self.this_claim if claim_id is not None else self.listed_claims).setChecked(True)
        form = QFormLayout()
        form.addRow("&Analyst", self.analyst)
        form.addRow("Claims", self.this_claim)
        form.addRow("", self.listed_claims)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Ask")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.analyst.editTextChanged.connect(lambda text: self.ok_button.setEnabled(bool(text.strip())))
        self.ok_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.analyst.setFocus(Qt.FocusReason.OtherFocusReason)

    def chosen_analyst(self) -> str:
        return " ".join(self.analyst.currentText().split())

    def claim_ids(self) -> list[int]:
        if self.this_claim.isChecked() and self._claim_id is not None:
            return [self._claim_id]
        return list(self._listed)
