"""Complaints against published claims: record one, note its handling, close it with its
outcome, each with its due date (working days, a project setting); overdue ones stand out.

EFCSN Article 3.3 asks that complaints are handled within a deadline: the table is sorted by
due date and an open complaint past it is marked "overdue" in a warning colour (and listed
in Problems by the services).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.corrections import Complaint
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.ui.theme import readable_text_colour
from factcheck_app.ui.widgets.date_field import DateField

CHANNELS = ("email", "web form", "phone", "letter", "social media", "in person")
HEADERS = ("Claim", "From", "Received", "Channel", "Due", "State")
OVERDUE_COLOUR = "#b91c1c"


class ComplaintDesk(Protocol):
    """What the dialog needs of the project (``ui/actions/review.py`` gives it)."""

    def writable(self) -> bool: ...

    def today(self) -> date: ...

    def complaints(self) -> list[Complaint]: ...

    def quote(self, claim_id: int) -> str: ...

    def claim_for_complaint(self) -> tuple[int, str] | None:
        """The selected claim (id, quote) a new complaint would be about; None when there is none."""
        ...

    def days(self) -> int: ...

    def set_days(self, text: str) -> bool: ...

    def add(self, claim_id: int, complainant: str, what: str, channel: str, received: datetime) -> bool: ...

    def handle(self, complaint: Complaint, handling: str, outcome: str) -> bool: ...

    def close(self, complaint_id: int, outcome: str) -> bool: ...


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def state_text(complaint: Complaint, today: date) -> str:
    if not complaint.is_open:
        return f"closed {complaint.closed_at:%Y-%m-%d}" if complaint.closed_at else "closed"
    if complaint.is_overdue(today):
        late = (today - complaint.due).days
        return f"overdue ({late} day{'s' if late != 1 else ''})"
    return "open"


class ComplaintsDialog(QDialog):
    def __init__(self, desk: ComplaintDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("complaintsDialog")
        self.setWindowTitle("Complaints")
        self.resize(940, 680)
        self.items: list[Complaint] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setObjectName("complaintsTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_cells: self._show_current())

        self.days = QLineEdit()
        self.days.setObjectName("complaintDays")
        self.days.setMaximumWidth(60)
        self.days_button = QPushButton("Set &deadline")
        self.days_button.clicked.connect(self.set_days)
        days_row = QHBoxLayout()
        days_row.addWidget(QLabel("Complaints are due within"))
        days_row.addWidget(self.days)
        days_row.addWidget(QLabel("working days (Monday–Friday) of their receipt."))
        days_row.addWidget(self.days_button)
        days_row.addStretch(1)

        self.add_box = self._build_add_box()
        self.handle_box = self._build_handle_box()
        boxes = QHBoxLayout()
        boxes.addWidget(self.add_box, 1)
        boxes.addWidget(self.handle_box, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(days_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(boxes)
        layout.addWidget(buttons)
        self.refresh()

    def _build_add_box(self) -> QGroupBox:
        box = QGroupBox("New complaint")
        self.add_about = QLabel()
        self.add_about.setObjectName("complaintClaim")
        self.add_about.setWordWrap(True)
        self.add_about.setTextFormat(Qt.TextFormat.PlainText)
        self.complainant = QLineEdit(placeholderText="Name, or organisation")
        self.complainant.setObjectName("complainant")
        self.received = DateField()
        self.received.setObjectName("complaintReceived")
        self.received.setToolTip("The day the complaint reached the desk, e.g. 2026-05-04")
        self.channel = QComboBox()
        self.channel.setObjectName("complaintChannel")
        self.channel.setEditable(True)
        self.channel.addItems(list(CHANNELS))
        self.what = QPlainTextEdit()
        self.what.setObjectName("complaintWhat")
        self.what.setTabChangesFocus(True)
        self.what.setPlaceholderText("What the complaint says")
        self.add_button = QPushButton("&Add complaint")
        self.add_button.setObjectName("addComplaint")
        self.add_button.clicked.connect(self.add)
        form = QFormLayout(box)
        form.addRow("About", self.add_about)
        form.addRow("&From", self.complainant)
        form.addRow("&Received", self.received)
        form.addRow("C&hannel", self.channel)
        form.addRow("&What", self.what)
        form.addRow("", self.add_button)
        return box

    def _build_handle_box(self) -> QGroupBox:
        box = QGroupBox("The selected complaint")
        self.detail = QLabel()
        self.detail.setObjectName("complaintDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.handling = QPlainTextEdit()
        self.handling.setObjectName("complaintHandling")
        self.handling.setTabChangesFocus(True)
        self.handling.setPlaceholderText("How it is being handled (who looks at it, what was asked)")
        self.outcome = QPlainTextEdit()
        self.outcome.setObjectName("complaintOutcome")
        self.outcome.setTabChangesFocus(True)
        self.outcome.setPlaceholderText("What was decided (and any correction made)")
        self.save_button = QPushButton("&Save handling")
        self.save_button.setObjectName("saveComplaint")
        self.save_button.clicked.connect(self.save_handling)
        self.close_button = QPushButton("&Close with outcome")
        self.close_button.setObjectName("closeComplaint")
        self.close_button.clicked.connect(self.close_complaint)
        form = QFormLayout(box)
        form.addRow(self.detail)
        form.addRow("Ha&ndling", self.handling)
        form.addRow("&Outcome", self.outcome)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        form.addRow("", row)
        return box

    # -- reading ----------------------------------------------------------------------------

    def project_changed(self, *_args: object) -> None:
        """The project changed (mine or someone else's edit): show it as it is now."""
        self.refresh()

    def refresh(self) -> None:
        """Read the complaints again (after my change, or someone else's)."""
        current = self.current()
        keep = current.id if current is not None else None
        today = self.desk.today()
        self.items = self.desk.complaints()
        self.days.setText(str(self.desk.days()))
        overdue = QBrush(QColor(readable_text_colour(OVERDUE_COLOUR, self.palette())))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.items))
        for row, c in enumerate(self.items):
            cells = (
                f"“{_short(self.desk.quote(c.claim_id))}”",
                c.complainant,
                f"{c.received_at:%Y-%m-%d}",
                c.channel,
                c.due.isoformat(),
                state_text(c, today),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c.is_overdue(today):
                    item.setForeground(overdue)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        ids = [c.id for c in self.items]
        self.table.setCurrentCell(ids.index(keep) if keep in ids else -1, 0)
        self.table.blockSignals(False)
        late = sum(1 for c in self.items if c.is_overdue(today))
        waiting = sum(1 for c in self.items if c.is_open)
        self.setWindowTitle(f"Complaints ({waiting} open, {late} overdue)")
        target = self.desk.claim_for_complaint()
        self.add_about.setText(
            f"“{_short(target[1], 90)}”" if target else "Select a published claim in the claims table first."
        )
        writable = self.desk.writable()
        self.add_box.setEnabled(writable and target is not None)
        self.days.setEnabled(writable)
        self.days_button.setEnabled(writable)
        self._show_current()

    def current(self) -> Complaint | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def overdue_rows(self) -> list[int]:
        today = self.desk.today()
        return [row for row, c in enumerate(self.items) if c.is_overdue(today)]

    def _show_current(self) -> None:
        c = self.current()
        self.handle_box.setEnabled(c is not None and c.is_open and self.desk.writable())
        if c is None:
            self.detail.setText("Select a complaint to handle or close it.")
            self.handling.clear()
            self.outcome.clear()
            return
        closed = f"\nClosed by {c.closed_by} on {c.closed_at:%Y-%m-%d}." if c.closed_at else ""
        self.detail.setText(
            f"From {c.complainant}, received {c.received_at:%Y-%m-%d}"
            + (f" by {c.channel}" if c.channel else "")
            + f", recorded by {c.recorded_by}. Due {c.due.isoformat()}.\n{c.what}{closed}"
        )
        self.handling.setPlainText(c.handling)
        self.outcome.setPlainText(c.outcome)

    # -- changing ----------------------------------------------------------------------------

    def set_days(self) -> bool:
        if not self.desk.set_days(self.days.text()):
            return False
        self.refresh()
        return True

    def add(self) -> bool:
        target = self.desk.claim_for_complaint()
        if target is None:
            return False
        try:
            day = self.received.value() or date.today()
        except InvalidInput as error:
            self.received.setToolTip(str(error))
            self.add_about.setText(str(error))
            return False
        received = datetime.now() if day == date.today() else datetime.combine(day, datetime.min.time())
        if not self.desk.add(
            target[0], self.complainant.text(), self.what.toPlainText(), self.channel.currentText(), received
        ):
            return False
        for field in (self.complainant, self.received):
            field.clear()
        self.what.clear()
        self.refresh()
        return True

    def save_handling(self) -> bool:
        c = self.current()
        if c is None or not self.desk.handle(c, self.handling.toPlainText(), self.outcome.toPlainText()):
            return False
        self.refresh()
        return True

    def close_complaint(self) -> bool:
        c = self.current()
        if c is None or not self.desk.close(c.id, self.outcome.toPlainText()):
            return False
        self.refresh()
        return True
