"""The project's sources library: every source, how many claims cite it, edit one for all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.sources import Source

COLUMNS = ("Title", "Publisher", "Kind", "Cited by", "Files", "Address")


class SourceLibrary(Protocol):
    """What the dialog needs: the project's sources, what cites them, and the edits it offers."""

    def sources(self) -> Sequence[Source]: ...
    def claims(self) -> Sequence[Claim]: ...
    def all_attachments(self) -> Sequence[Attachment]: ...
    def update_source(self, source: Source, base: Source | None = None) -> bool: ...
    def attachments_dialog(self, source_id: int) -> None: ...


class SourcesDialog(QDialog):
    def __init__(self, library: SourceLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Sources library")
        self.resize(900, 460)
        layout = QVBoxLayout(self)
        self.filter = QLineEdit(placeholderText="Filter sources…")
        self.filter.textChanged.connect(self.refresh)
        layout.addWidget(self.filter)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("sourcesTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.edit_row(row))
        layout.addWidget(self.table)
        row = QHBoxLayout()
        edit = QPushButton("Edit…")
        edit.clicked.connect(lambda: self.edit_row(self.table.currentRow()))
        files = QPushButton("Files…")
        files.clicked.connect(self.files)
        row.addWidget(edit)
        row.addWidget(files)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        library = self.library
        cited: dict[int, int] = {}
        for claim in library.claims():
            for source in claim.sources:
                cited[source.id] = cited.get(source.id, 0) + 1
        files: dict[int, int] = {}
        for attachment in library.all_attachments():
            files[attachment.source_id] = files.get(attachment.source_id, 0) + 1
        words = self.filter.text().casefold().split()
        sources = [
            s
            for s in library.sources()
            if all(w in f"{s.title} {s.url} {s.publisher} {s.author} {s.kind} {s.note}".casefold() for w in words)
        ]
        self.sources = sources
        self.table.setRowCount(len(sources))
        for row, source in enumerate(sources):
            values = (
                source.display_title,
                source.publisher,
                source.kind,
                str(cited.get(source.id, 0)),
                str(files.get(source.id, 0)),
                source.url,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, source.id)
                self.table.setItem(row, column, item)

    def edit_row(self, row: int) -> None:
        if not 0 <= row < len(self.sources):
            return
        from factcheck_app.ui.dialogs.source_dialog import SourceDialog

        source = self.sources[row]
        dialog = SourceDialog(self, source=source)
        if dialog.exec() == SourceDialog.DialogCode.Accepted and dialog.source() is not None:
            self.library.update_source(dialog.source(), base=source)
            self.refresh()

    def files(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.sources):
            self.library.attachments_dialog(self.sources[row].id)
            self.refresh()
