"""How far blind second verdicts agree: percent agreement and Krippendorff's alpha (ordinal),
for the project, per pair of analysts and per period, with the confusion table.

The numbers are ``agreement_report``'s (the same as ``factcheck agreement --json`` and the
Word report); this window only lays them out, and says what was left out of alpha and why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.agreement import PERIODS

if TYPE_CHECKING:
    from factcheck_app.domain.agreement import Agreement
    from factcheck_app.services.agreement import AgreementReport

ReportFor = Callable[[str], "AgreementReport | None"]  # period → the report (None: refused, told)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def alpha_text(result: Agreement) -> str:
    return "—" if result.alpha is None else f"{result.alpha:.3f}"


def _table(name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


RESULT_HEADERS = ("Pairs", "Agreed", "Agreement", "Alpha (ordinal)")


def _result_cells(result: Agreement) -> list[str]:
    return [str(result.pairs), str(result.agreed), percent(result.percent_agreement), alpha_text(result)]


class AgreementDialog(QDialog):
    def __init__(self, report_for: ReportFor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Agreement of blind second verdicts")
        self.resize(820, 640)
        self._report_for = report_for
        self.period = QComboBox()
        self.period.setObjectName("agreementPeriod")
        for name in PERIODS:
            self.period.addItem(name.capitalize(), name)
        self.period.setCurrentIndex(PERIODS.index("month"))
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.per_pair = _table("agreementPerPair", ("Analysts", *RESULT_HEADERS))
        self.per_period = _table("agreementPerPeriod", ("Period", *RESULT_HEADERS))
        self.confusion = QTableWidget()
        self.confusion.setObjectName("confusionTable")
        self.confusion.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.confusion_note = QLabel("Rows: the first verdict. Columns: the blind second verdict.")
        period_row = QHBoxLayout()
        period_label = QLabel("&Period")
        period_label.setBuddy(self.period)
        period_row.addWidget(period_label)
        period_row.addWidget(self.period)
        period_row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("<b>Per pair of analysts</b>"))
        layout.addWidget(self.per_pair, 1)
        layout.addLayout(period_row)
        layout.addWidget(self.per_period, 1)
        layout.addWidget(QLabel("<b>Confusion table</b>"))
        layout.addWidget(self.confusion_note)
        layout.addWidget(self.confusion, 2)
        layout.addWidget(buttons)
        self.report: AgreementReport | None = None
        self.refresh()

    def project_changed(self, *_args: object) -> None:
        """The project changed (mine or someone else's edit): show it as it is now."""
        self.refresh()

    def refresh(self) -> None:
        report = self._report_for(str(self.period.currentData()))
        if report is None:
            return
        self.report = report
        overall = report.overall
        lines = [
            f"{overall.pairs} claims rated twice; {overall.agreed} agree: "
            f"percent agreement {percent(overall.percent_agreement)}.",
            f"Krippendorff's alpha (ordinal, on {' › '.join(report.line)}): {alpha_text(overall)}"
            + (f" ({overall.alpha_note})" if overall.alpha_note else "")
            + f", from {overall.ordinal_pairs} pairs.",
        ]
        if overall.excluded_off_line:
            lines.append(
                f"{overall.excluded_off_line} pairs are off the ordinal line "
                f"({', '.join(overall.off_line_labels)}): in the agreement and the table, not in alpha."
            )
        if overall.missing:
            lines.append(f"{overall.missing} pairs lack a verdict and are not counted.")
        self.summary.setText("\n".join(lines))
        _fill(self.per_pair, [[" & ".join(pair), *_result_cells(r)] for pair, r in report.per_pair.items()])
        _fill(self.per_period, [[key, *_result_cells(r)] for key, r in report.per_period.items()])
        table = overall.confusion
        labels = list(table.labels)
        self.confusion.setRowCount(len(labels))
        self.confusion.setColumnCount(len(labels))
        self.confusion.setHorizontalHeaderLabels(labels)
        self.confusion.setVerticalHeaderLabels(labels)
        for r, row in enumerate(table.counts):
            for c, count in enumerate(row):
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if r == c and count:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.confusion.setItem(r, c, item)
        self.confusion.resizeColumnsToContents()
