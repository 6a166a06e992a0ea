"""Add a source to a claim: where the evidence can be checked by a reader."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import SOURCE_KINDS, STANCES, Source, validate_source
from factcheck_app.ui.widgets.date_field import DateField


class SourceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, source: Source | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit source" if source is not None else "Add source")
        self._editing = source
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.url = QLineEdit(placeholderText="https://…")
        self.title = QLineEdit(placeholderText="What a reader will see, e.g. the document's title")
        self.publisher = QLineEdit(placeholderText="Organisation or outlet")
        self.accessed = DateField()
        self.accessed.set_value(date.today())
        self.accessed.setToolTip("When you read the source, e.g. 2025-03-20")
        self.author = QLineEdit(placeholderText="Person or body who wrote it")
        self.kind = QComboBox()
        self.kind.addItem("—", "")
        for kind in SOURCE_KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("About the source itself (reliability, how it was obtained…)")
        self.note.setFixedHeight(56)
        self.note.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.excerpt = QPlainTextEdit()
        self.excerpt.setPlaceholderText("The passage of the source that bears on the claim")
        self.excerpt.setFixedHeight(70)
        self.excerpt.setTabChangesFocus(True)
        self.location = QLineEdit(placeholderText="p. 4, table 2, 00:12:30…")
        self.stance = QComboBox()
        self.stance.addItem("—", "")
        for stance in STANCES:
            self.stance.addItem(stance.capitalize(), stance)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        form.addRow("&URL", self.url)
        form.addRow("&Title", self.title)
        form.addRow("&Publisher", self.publisher)
        form.addRow("Aut&hor", self.author)
        form.addRow("&Kind", self.kind)
        form.addRow("&Accessed", self.accessed)
        form.addRow("&Note", self.note)
        if source is None:  # evidence belongs to a claim, not to the library entry
            form.addRow(QLabel("<b>What it shows for this claim</b>"))
            form.addRow("&Excerpt", self.excerpt)
            form.addRow("&Location", self.location)
            form.addRow("&Stance", self.stance)
        else:
            self.url.setText(source.url)
            self.title.setText(source.title)
            self.publisher.setText(source.publisher)
            self.author.setText(source.author)
            self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind)))
            self.note.setPlainText(source.note)
            self.accessed.set_value(source.accessed)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._source: Source | None = None

    def accept(self) -> None:
        try:
            accessed = self.accessed.value()
            self._source = validate_source(
                Source(
                    id=self._editing.id if self._editing is not None else None,
                    url=self.url.text(),
                    title=self.title.text(),
                    publisher=self.publisher.text(),
                    accessed=accessed,
                    note=self.note.toPlainText(),
                    author=self.author.text(),
                    kind=self.kind.currentData(),
                    published=self._editing.published if self._editing is not None else None,
                )
            )
        except InvalidInput as error:
            self.error.setText(str(error))
            return
        super().accept()

    def source(self) -> Source | None:
        return self._source

    def evidence(self) -> dict[str, str]:
        """Excerpt, location and stance, as AddSource takes them."""
        return {
            "excerpt": self.excerpt.toPlainText(),
            "location": self.location.text(),
            "stance": self.stance.currentData(),
        }
