"""A date the analyst can type (2025-03-20) or pick from a calendar; empty means no date.

QDateEdit cannot show "no date" except as a special minimum value, does not accept typing
over that value, and walks its day/month/year sections on Tab: a keyboard user was stuck
in it, and an empty claim date showed as 2000-01-01.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from factcheck_app.domain.errors import InvalidInput

_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date_text(text: str) -> date | None:
    """``2025-03-20`` or ``20250320`` → a date; empty → None; anything else → InvalidInput."""
    text = text.strip()
    if not text:
        return None
    compact = _COMPACT.match(text)
    if compact:
        text = "-".join(compact.groups())
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"“{text}” is not a date: type it as 2025-03-20, or leave it empty.") from None


class DateField(QLineEdit):
    picked = Signal()  # a date was chosen in the calendar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("yyyy-mm-dd")
        self.setToolTip("The date the claim was made, e.g. 2025-03-20 (empty: unknown)")
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 48)
        self.calendar_action = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip("Pick the date from a calendar")
        self.calendar_action.triggered.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None

    def value(self) -> date | None:
        return parse_date_text(self.text())

    def set_value(self, when: date | None) -> None:
        self.setText(when.isoformat() if when else "")

    def show_calendar(self) -> None:
        """A calendar under the field; a click (or Return) on a day fills the field."""
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.activated.connect(self._chosen)
            self.calendar.clicked.connect(self._chosen)
        try:
            current = self.value()
        except InvalidInput:
            current = None
        self.calendar.setSelectedDate(QDate(current) if current else QDate.currentDate())
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _chosen(self, qdate: QDate) -> None:
        assert self.calendar is not None
        self.calendar.hide()
        self.setText(qdate.toString("yyyy-MM-dd"))
        self.setFocus()
        self.picked.emit()
