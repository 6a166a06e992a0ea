"""A claim's history: who changed what, when — read from the append-only log."""

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

HIDDEN_FIELDS = {
    "updated_at",
    "updated_by",
    "version",
    "prefix",
    "suffix",
    "created_at",
    "created_by",
    "id",
    "article_id",
}


def describe_change(before: dict[str, object] | None, after: dict[str, object] | None) -> str:
    """'verdict: True → False; tags: … → …' — the fields an analyst cares about."""
    if before is None and after is not None:
        return "created"
    if after is None:
        return "deleted"
    assert before is not None
    parts = []
    for key in sorted(set(before) | set(after)):
        if key in HIDDEN_FIELDS or before.get(key) == after.get(key):
            continue
        parts.append(f"{key.replace('_', ' ')}: {_short(before.get(key))} → {_short(after.get(key))}")
    return "; ".join(parts) or "no visible change"


def _short(value: object, limit: int = 60) -> str:
    if value in (None, "", [], ()):
        return "—"
    if isinstance(value, list):
        value = ", ".join(str(v.get("title") or v.get("url")) if isinstance(v, dict) else str(v) for v in value)
    if isinstance(value, dict):
        value = value.get("exact", str(value))
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        previous = None
        for row, entry in enumerate(entries):
            values = (
                f"{entry.at:%Y-%m-%d %H:%M:%S}",
                entry.analyst,
                entry.action,
                describe_change(previous, entry.state),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
            previous = entry.state
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
