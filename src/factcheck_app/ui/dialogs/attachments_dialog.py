"""The files attached to one source: open (private copy), save as, attach more, remove."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.sources import Source


class AttachmentShelf(Protocol):
    """What the dialog needs: a source's files and what can be done with them."""

    def attachments(self, source_id: int) -> Sequence[Attachment]: ...
    def attach_file(self, source_id: int, path: str | Path) -> bool: ...
    def open_attachment(self, attachment_id: int) -> Path | None: ...
    def save_attachment_dialog(self, attachment_id: int) -> None: ...
    def remove_attachment(self, attachment_id: int) -> bool: ...


class AttachmentsDialog(QDialog):
    def __init__(self, shelf: AttachmentShelf, source: Source, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shelf = shelf
        self.source = source
        self.setWindowTitle(f"Files of “{source.display_title}”")
        self.resize(560, 320)
        layout = QVBoxLayout(self)
        self.files = QListWidget()
        self.files.setObjectName("attachmentsList")
        self.files.itemDoubleClicked.connect(lambda _item: self.open_selected())
        layout.addWidget(self.files)
        row = QHBoxLayout()
        for text, slot in (
            ("Attach file…", self.attach),
            ("Open", self.open_selected),
            ("Save as…", self.save_selected),
            ("Remove", self.remove_selected),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.files.clear()
        for attachment in self.shelf.attachments(self.source.id):
            item = QListWidgetItem(
                f"{attachment.name} — {attachment.size / 1024:,.0f} KB, added by {attachment.added_by} "
                f"on {attachment.added_at:%Y-%m-%d}"
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(f"SHA-256 {attachment.sha256}")
            self.files.addItem(item)

    def _selected(self) -> int | None:
        item = self.files.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def attach(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, "Attach files to this source")
        for path in paths:
            self.shelf.attach_file(self.source.id, path)
        self.refresh()

    def open_selected(self) -> None:
        attachment_id = self._selected()
        if attachment_id is not None:
            self.shelf.open_attachment(attachment_id)

    def save_selected(self) -> None:
        attachment_id = self._selected()
        if attachment_id is not None:
            self.shelf.save_attachment_dialog(attachment_id)

    def remove_selected(self) -> None:
        attachment_id = self._selected()
        if attachment_id is not None:
            self.shelf.remove_attachment(attachment_id)
            self.refresh()
