"""The codebook: tags as a tree (by path), with counts and colours; rename, merge, delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.tags import Tag


class Codebook(Protocol):
    """What the dialog needs: the project's tags and the edits it offers."""

    def tags(self) -> Sequence[Tag]: ...
    def rename_tag(self, old: str, new: str) -> bool: ...
    def delete_tag(self, name: str) -> bool: ...
    def set_tag_colour(self, name: str, colour: str) -> bool: ...


class TagsDialog(QDialog):
    def __init__(self, codebook: Codebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.codebook = codebook
        self.setWindowTitle("Tags")
        self.resize(480, 420)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget()
        self.tree.setObjectName("tagsTree")
        self.tree.setHeaderLabels(["Tag", "Claims"])
        layout.addWidget(self.tree)
        row = QHBoxLayout()
        for text, slot in (
            ("Rename…", self.rename),
            ("Merge into…", self.merge),
            ("Colour…", self.colour),
            ("Delete", self.delete),
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
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for tag in self.codebook.tags():
            parent = items.get(tag.parent or "")
            item = QTreeWidgetItem([tag.name.rsplit("/", 1)[-1], str(tag.claims)])
            item.setData(0, Qt.ItemDataRole.UserRole, tag.name)
            if tag.colour:
                item.setBackground(0, QColor(tag.colour).lighter(170))
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[tag.name] = item
        self.tree.expandAll()

    def selected(self) -> str | None:
        item = self.tree.currentItem()
        return str(item.data(0, Qt.ItemDataRole.UserRole)) if item is not None else None

    def rename(self) -> None:
        name = self.selected()
        if name:
            new, ok = QInputDialog.getText(self, "Rename tag", "New name (use / for a sub-tag):", text=name)
            if ok and new.strip():
                self.codebook.rename_tag(name, new)
                self.refresh()

    def merge(self) -> None:
        name = self.selected()
        if name:
            others = [t.name for t in self.codebook.tags() if t.name != name]
            target, ok = QInputDialog.getItem(self, "Merge tag", f"Merge “{name}” into:", others, 0, False)
            if ok and target:
                self.codebook.rename_tag(name, target)
                self.refresh()

    def colour(self) -> None:
        name = self.selected()
        if name:
            chosen = QColorDialog.getColor(parent=self, title=f"Colour of “{name}”")
            if chosen.isValid():
                self.codebook.set_tag_colour(name, chosen.name())
                self.refresh()

    def delete(self) -> None:
        name = self.selected()
        if name:
            self.codebook.delete_tag(name)
            self.refresh()
