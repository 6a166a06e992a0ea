"""Someone else changed what I was editing: show their change and mine, let me choose.

Nothing is lost either way: their change is already saved; mine is only written when I
choose it (and then their version stays in the history, where it can be looked up).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.services.conflicts import EditConflict
from factcheck_app.ui.tooltips import plain_tooltip


class ConflictDialog(QDialog):
    """Accepted = go ahead with mine (on top of theirs); rejected = keep theirs."""

    def __init__(self, conflict: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle("Changed by someone else")
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        when = f" at {conflict.at:%H:%M}" if conflict.at else ""
        change = "deleted" if conflict.deleted else "changed"
        step = f"undo “{conflict.edit_text}”" if conflict.undo else f"change “{conflict.edit_text}”"
        intro = QLabel(
            f"<b>{html.escape(conflict.what)}</b> was {change} by <b>{html.escape(conflict.by)}</b>{when} "
            f"after you saw it. Your {html.escape(step)} has <b>not</b> been saved yet."
            + (f"<br>{html.escape(conflict.detail)}" if conflict.detail else "")
            + "<br>Their change is saved. Keep it, or write yours over it (theirs stays in the history)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(conflict.clashes), 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(["", "When you looked", f"Now — {conflict.by}{when}", "Yours"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(True)
        for row, clash in enumerate(conflict.clashes):
            for column, text in enumerate((clash.label, clash.seen, clash.theirs, clash.mine)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(text))
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.table.setVisible(bool(conflict.clashes))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.keep_theirs = QPushButton("Keep their change" if conflict.undo else "Keep theirs")
        self.keep_theirs.setToolTip("Drop your change; the screen shows their version")
        mine_label = "Undo anyway" if conflict.undo else "Use mine"
        self.use_mine = QPushButton(mine_label)
        self.use_mine.setToolTip("Write your change over theirs (theirs stays in the claim's history)")
        self.use_mine.setEnabled(not (conflict.deleted and not conflict.undo))
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.use_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_theirs.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_use_mine(conflict: EditConflict, parent: QWidget | None) -> bool:
    """Show the conflict; True when the analyst chooses their own change."""
    return ConflictDialog(conflict, parent).exec() == QDialog.DialogCode.Accepted
