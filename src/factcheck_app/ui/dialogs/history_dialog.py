"""A claim's history: who changed what, when — read from the append-only log (worded by services/history.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.services.history import describe_history
from factcheck_app.ui.tooltips import plain_tooltip


class HistoryDialog(QDialog):
    def __init__(self, entries, title: str, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle(f"History — {title}")
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(len(entries), 4)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(["When", "Who", "Edit", "What changed"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (entry, change) in enumerate(zip(entries, describe_history(entries), strict=True)):
            values = (f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.analyst, entry.action, change)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(value))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
