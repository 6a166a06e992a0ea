"""Edit the project's verdict scale: labels, colours, ClaimReview ratings, descriptions; presets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.verdicts import PRESETS, Verdict, VerdictScale, validate_scale

COL_LABEL, COL_RATING, COL_COLOUR, COL_DESCRIPTION = range(4)
ORIGINAL = Qt.ItemDataRole.UserRole + 1  # the label a row had when the dialog opened (renames)


class ScaleDialog(QDialog):
    def __init__(self, scale: VerdictScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verdict scale")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.name = QLineEdit(scale.name)
        top.addWidget(QLabel("Name"))
        top.addWidget(self.name, 1)
        self.presets = QComboBox()
        for preset in PRESETS:
            self.presets.addItem(preset.name)
        use = QPushButton("Use preset")
        use.clicked.connect(lambda: self.load(PRESETS[self.presets.currentIndex()], keep_originals=True))
        top.addWidget(self.presets)
        top.addWidget(use)
        layout.addLayout(top)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("scaleTable")
        self.table.setHorizontalHeaderLabels(["Label", "Rating (1–10)", "Colour", "Description"])
        self.table.horizontalHeader().setSectionResizeMode(COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._pick_colour)
        layout.addWidget(self.table)
        buttons_row = QHBoxLayout()
        for text, slot in (
            ("Add", self.add_row),
            ("Remove", self.remove_row),
            ("Up", lambda: self.move(-1)),
            ("Down", lambda: self.move(1)),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        note = QLabel("Rename a label to carry its claims along. Double-click a colour to change it.")
        note.setStyleSheet("color:#555")
        buttons_row.addWidget(note)
        layout.addLayout(buttons_row)
        self.error = QLabel()
        self.error.setStyleSheet("color:#c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._result: tuple[VerdictScale, dict[str, str]] | None = None
        self.load(scale, keep_originals=False)

    def load(self, scale: VerdictScale, *, keep_originals: bool) -> None:
        """Show ``scale``; with a preset, rows whose label already existed keep their claims."""
        originals = {
            self._text(r, COL_LABEL): self.table.item(r, COL_LABEL).data(ORIGINAL) for r in range(self.table.rowCount())
        }
        self.table.setRowCount(0)
        self.name.setText(scale.name)
        for verdict in scale.verdicts:
            original = originals.get(verdict.label) if keep_originals else verdict.label
            self._append(verdict, original)

    def _append(self, verdict: Verdict, original: str | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        label = QTableWidgetItem(verdict.label)
        label.setData(ORIGINAL, original)
        self.table.setItem(row, COL_LABEL, label)
        self.table.setItem(row, COL_RATING, QTableWidgetItem(str(verdict.rating_value)))
        colour = QTableWidgetItem(verdict.colour)
        colour.setBackground(QColor(verdict.colour))
        self.table.setItem(row, COL_COLOUR, colour)
        self.table.setItem(row, COL_DESCRIPTION, QTableWidgetItem(verdict.description))

    def add_row(self) -> None:
        self._append(Verdict("New verdict", 3, "#9e9e9e"), None)

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def move(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = [self.table.takeItem(row, c) for c in range(4)]
        others = [self.table.takeItem(target, c) for c in range(4)]
        for column in range(4):
            self.table.setItem(target, column, items[column])
            self.table.setItem(row, column, others[column])
        self.table.setCurrentCell(target, 0)

    def _pick_colour(self, row: int, column: int) -> None:
        if column != COL_COLOUR:
            return
        chosen = QColorDialog.getColor(QColor(self._text(row, COL_COLOUR)), self, "Verdict colour")
        if chosen.isValid():
            item = self.table.item(row, COL_COLOUR)
            item.setText(chosen.name())
            item.setBackground(chosen)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def scale_and_renames(self) -> tuple[VerdictScale, dict[str, str]]:
        verdicts = []
        renames: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            label = self._text(row, COL_LABEL)
            try:
                rating = int(self._text(row, COL_RATING))
            except ValueError as error:
                raise InvalidInput(f"The rating of “{label}” must be a whole number.") from error
            verdicts.append(Verdict(label, rating, self._text(row, COL_COLOUR), self._text(row, COL_DESCRIPTION)))
            original = self.table.item(row, COL_LABEL).data(ORIGINAL)
            if original and original != label:
                renames[original] = label
        return validate_scale(VerdictScale(self.name.text(), tuple(verdicts))), renames

    def accept(self) -> None:
        try:
            self._result = self.scale_and_renames()
        except InvalidInput as error:
            self.error.setText(str(error))
            return
        super().accept()

    def result_scale(self) -> tuple[VerdictScale, dict[str, str]] | None:
        return self._result
