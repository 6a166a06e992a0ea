"""Disagreements side by side: both verdicts and rationales once the blind second is in, and
the resolution (which verdict stands, who decided, why), recorded in the claim's history.

It is shown only what ``side_by_side``/``disagreements`` give, which refuse a pair whose
second verdict is not in yet: the first analyst's rationale never reaches the second checker
through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from factcheck_app.services.second_opinion import SideBySide


class DisagreementDesk(Protocol):
    """What the dialog needs of the project (``ui/actions/review.py`` gives it)."""

    def writable(self) -> bool: ...

    def verdict_labels(self) -> Sequence[str]: ...

    def disagreements(self, unsettled_only: bool) -> list[SideBySide]: ...

    def quote(self, claim_id: int) -> str: ...

    def resolve(self, opinion_id: int, verdict: str, reason: str) -> bool: ...


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_box(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setReadOnly(True)
    return box


class DisagreementDialog(QDialog):
    def __init__(self, desk: DisagreementDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("disagreementDialog")
        self.setWindowTitle("Disagreements")
        self.resize(980, 620)
        self.pairs: list[SideBySide] = []
        self.list = QListWidget()
        self.list.setObjectName("disagreementList")
        self.list.currentRowChanged.connect(lambda _row: self._show_current())
        self.show_resolved = QCheckBox("Show &resolved ones too")
        self.show_resolved.setObjectName("showResolved")
        self.show_resolved.toggled.connect(lambda _on: self.refresh())

        self.first_title, self.second_title = QLabel(), QLabel()
        self.first_verdict, self.second_verdict = QLabel(), QLabel()
        for label, name in ((self.first_verdict, "firstVerdict"), (self.second_verdict, "secondVerdictShown")):
            label.setObjectName(name)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.first_rationale = _text_box("firstRationale")
        self.second_rationale = _text_box("secondRationaleShown")
        self.state = QLabel()
        self.state.setObjectName("disagreementState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        grid = QGridLayout()
        grid.addWidget(self.first_title, 0, 0)
        grid.addWidget(self.second_title, 0, 1)
        grid.addWidget(self.first_verdict, 1, 0)
        grid.addWidget(self.second_verdict, 1, 1)
        grid.addWidget(self.first_rationale, 2, 0)
        grid.addWidget(self.second_rationale, 2, 1)

        self.verdict = QComboBox()
        self.verdict.setObjectName("resolutionVerdict")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("resolutionReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("Why this verdict stands (kept in the claim's history)")
        self.reason.setMaximumHeight(90)
        self.resolve_button = QPushButton("Re&solve")
        self.resolve_button.setObjectName("resolveButton")
        self.resolve_button.clicked.connect(self.resolve)
        self.reason.textChanged.connect(self._update_button)
        self.resolve_box = QGroupBox("Resolve…: the verdict that stands, and why")
        resolve_layout = QVBoxLayout(self.resolve_box)
        choose_row = QHBoxLayout()
        verdict_label = QLabel("&Verdict")
        verdict_label.setBuddy(self.verdict)
        choose_row.addWidget(verdict_label)
        choose_row.addWidget(self.verdict, 1)
        choose_row.addWidget(self.resolve_button)
        resolve_layout.addLayout(choose_row)
        resolve_layout.addWidget(self.reason)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(grid, 1)
        right_layout.addWidget(self.state)
        right_layout.addWidget(self.resolve_box)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.show_resolved)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.refresh()

    def project_changed(self, *_args: object) -> None:
        """The project changed (mine or someone else's edit): show it as it is now."""
        self.refresh()

    def refresh(self) -> None:
        """Read the disagreements again, keeping the claim on screen when it is still listed."""
        current = self.current_pair()
        keep = current.opinion.id if current is not None else None
        self.pairs = self.desk.disagreements(unsettled_only=not self.show_resolved.isChecked())
        self.list.blockSignals(True)
        self.list.clear()
        for pair in self.pairs:
            mark = "✔ " if pair.settled else "≠ "
            item = QListWidgetItem(
                f"{mark}“{_short(self.desk.quote(pair.opinion.claim_id), 50)}”\n"
                f"{pair.opinion.first_verdict or 'no verdict'} / {pair.opinion.verdict or 'no verdict'}"
            )
            self.list.addItem(item)
        ids = [p.opinion.id for p in self.pairs]
        self.list.setCurrentRow(ids.index(keep) if keep in ids else (0 if ids else -1))
        self.list.blockSignals(False)
        unsettled = sum(1 for p in self.pairs if not p.settled)
        self.setWindowTitle(f"Disagreements ({unsettled} to resolve)")
        self._show_current()

    def current_pair(self) -> SideBySide | None:
        row = self.list.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def _show_current(self) -> None:
        pair = self.current_pair()
        self.verdict.clear()
        self.reason.clear()
        if pair is None:
            for label in (self.first_title, self.second_title, self.first_verdict, self.second_verdict):
                label.clear()
            self.first_rationale.clear()
            self.second_rationale.clear()
            self.state.setText("No disagreement to resolve." if not self.show_resolved.isChecked() else "")
            self._update_button()
            return
        opinion = pair.opinion
        self.first_title.setText(f"<b>First verdict</b> — {_escape(opinion.first_analyst or 'the claim')}")
        self.second_title.setText(f"<b>Blind second verdict</b> — {_escape(opinion.analyst)}")
        self.first_verdict.setText(opinion.first_verdict or "no verdict")
        self.second_verdict.setText(opinion.verdict or "no verdict")
        self.first_rationale.setPlainText(opinion.first_rationale)
        self.second_rationale.setPlainText(opinion.rationale)
        now = pair.current_verdict or "no verdict"
        if pair.resolution is not None:
            r = pair.resolution
            self.state.setText(
                f"Resolved by {r.resolved_by} on {r.resolved_at:%Y-%m-%d}: “{r.verdict}” — {r.reason}"
                f"\nThe claim says “{now}” now." + ("" if pair.settled else " Resolve it again.")
            )
        else:
            self.state.setText(f"The claim says “{now}” now. Choose the verdict that stands and say why.")
        choices = [v for v in (opinion.first_verdict, opinion.verdict) if v]
        choices += [label for label in self.desk.verdict_labels() if label not in choices]
        for choice in dict.fromkeys(choices):
            self.verdict.addItem(choice, choice)
        self._update_button()

    def _update_button(self) -> None:
        ready = self.current_pair() is not None and bool(self.reason.toPlainText().strip())
        self.resolve_box.setEnabled(self.desk.writable() and self.current_pair() is not None)
        self.resolve_button.setEnabled(ready and self.desk.writable())

    def resolve(self) -> bool:
        pair = self.current_pair()
        verdict = self.verdict.currentData()
        if pair is None or verdict is None:
            return False
        if not self.desk.resolve(pair.opinion.id, str(verdict), self.reason.toPlainText()):
            return False
        self.refresh()
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
