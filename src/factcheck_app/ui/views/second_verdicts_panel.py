"""My second verdicts: the requests waiting for the analyst at the keyboard, each shown blind.

NOTE on blindness: this window reads only ``blind_view`` (the quote with its context, the
restated claim, claimant, article and the evidence's sources and passages) and never the
claim itself, so the first verdict, its rationale and the first analyst's reading of each
source (its stance) are not on screen here. The main window still shows the claim to anyone
who selects it: blindness is a working rule this window makes easy to keep, not a secret.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.ui.workspace import Workspace

if TYPE_CHECKING:
    from factcheck_app.services.changes import Changes
    from factcheck_app.services.second_opinion import BlindClaim

CHOOSE = "— choose your verdict —"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def blind_html(claim: BlindClaim) -> str:
    """The blind view as the second checker reads it (every value escaped: article text is data)."""
    parts = [
        f"<p><i>{_escape(claim.context_before)}</i><b>{_escape(claim.quote)}</b><i>{_escape(claim.context_after)}</i></p>"
    ]
    if claim.restated:
        parts.append(f"<p><b>Restated claim:</b> {_escape(claim.restated)}</p>")
    said = claim.claimant + (f", {claim.claim_date.isoformat()}" if claim.claim_date else "")
    if said:
        parts.append(f"<p><b>Said by:</b> {_escape(said)}</p>")
    parts.append(f"<p><b>Article:</b> {_escape(claim.article_title)} {_escape(claim.article_url)}</p>")
    if claim.evidence:
        parts.append("<p><b>Evidence</b></p><ol>")
        for item in claim.evidence:
            about = ", ".join(x for x in (item.publisher, item.author, item.kind) if x)
            when = f" ({item.published.isoformat()})" if item.published else ""
            line = f"<li>{_escape(item.title or item.url)}{_escape(when)}"
            line += f"<br/>{_escape(about)}" if about else ""
            line += f"<br/>{_escape(item.url)}" if item.url and item.title else ""
            if item.excerpt:
                line += f"<br/>“{_escape(item.excerpt)}”" + (f" — {_escape(item.location)}" if item.location else "")
            parts.append(line + "</li>")
        parts.append("</ol>")
    else:
        parts.append("<p><i>No evidence cited yet.</i></p>")
    return "".join(parts)


class SecondVerdictsPanel(QDialog):
    """The queue (left) and the blind claim with my verdict (right); follows the workspace."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("secondVerdictsPanel")
        self.resize(900, 560)
        self.requests = QListWidget()
        self.requests.setObjectName("secondVerdictRequests")
        self.requests.currentItemChanged.connect(lambda _now, _before: self._show_current())
        self.claim_view = QTextBrowser()
        self.claim_view.setObjectName("blindClaim")
        self.claim_view.setOpenLinks(False)
        self.verdict = QComboBox()
        self.verdict.setObjectName("secondVerdict")
        self.rationale = QPlainTextEdit()
        self.rationale.setObjectName("secondRationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText("Your reasons, from the evidence (the first analyst's are not shown)")
        self.record_button = QPushButton("&Record verdict")
        self.record_button.setObjectName("recordSecondVerdict")
        self.record_button.clicked.connect(self.record)
        self.verdict.currentIndexChanged.connect(lambda _i: self._update_button())
        self.rationale.textChanged.connect(self._update_button)
        self.empty_note = QLabel()
        self.empty_note.setObjectName("secondVerdictsNote")
        self.empty_note.setWordWrap(True)

        form = QFormLayout()
        form.addRow("&Verdict", self.verdict)
        form.addRow("R&ationale", self.rationale)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.claim_view, 3)
        right_layout.addLayout(form, 2)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.record_button)
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.requests)
        splitter.addWidget(right)
        splitter.setSizes([300, 600])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        workspace.changed.connect(self._changed)
        workspace.closed.connect(self.close)
        self.refresh()

    # -- following the project ------------------------------------------------------------

    def _changed(self, changes: Changes, _remote: bool) -> None:
        if changes.touches_claims:
            self.refresh()

    def refresh(self) -> None:
        """List my pending requests again, keeping the one on screen (and what I typed) if still there."""
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.services.second_opinion import pending_requests

        current = self.current_opinion_id()
        pending = pending_requests(project, project.analyst)
        quotes = {c.id: c.quote for c in project.find_claims({o.claim_id for o in pending})}
        self.setWindowTitle(f"My second verdicts — {project.analyst} ({len(pending)} waiting)")
        self.requests.blockSignals(True)
        self.requests.clear()
        for opinion in pending:
            item = QListWidgetItem(
                f"“{_short(quotes.get(opinion.claim_id, ''), 60)}”\nasked by {opinion.requested_by}, "
                f"{opinion.requested_at:%Y-%m-%d}"
            )
            item.setData(Qt.ItemDataRole.UserRole, opinion.id)
            self.requests.addItem(item)
        ids = [o.id for o in pending]
        self.requests.setCurrentRow(ids.index(current) if current in ids else (0 if ids else -1))
        self.requests.blockSignals(False)
        self.empty_note.setText(
            f"Claims waiting for your blind second verdict, {project.analyst}: choose one, read the evidence, "
            "give your own verdict and reasons."
            if pending
            else f"Nothing is waiting for a second verdict from {project.analyst}."
        )
        if current is None or current not in ids:
            self._show_current()  # the request on screen was answered (or none was shown)

    def current_opinion_id(self) -> int | None:
        item = self.requests.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show_current(self) -> None:
        project = self.workspace.project
        opinion_id = self.current_opinion_id()
        self.rationale.clear()
        self.verdict.clear()
        if project is None or opinion_id is None:
            self.claim_view.clear()
            self._update_button()
            return
        from factcheck_app.services.second_opinion import blind_view

        with self.workspace.feedback.reporting() as outcome:
            claim = blind_view(project, opinion_id)
        if outcome.failed:
            return
        self.claim_view.setHtml(blind_html(claim))
        self.verdict.addItem(CHOOSE, None)
        for label in claim.verdicts:
            self.verdict.addItem(label, label)
        self.verdict.setCurrentIndex(0)
        self._update_button()

    def _update_button(self) -> None:
        ready = self.verdict.currentData() is not None and bool(self.rationale.toPlainText().strip())
        self.record_button.setEnabled(ready and self.workspace.writable)

    # -- my answer ------------------------------------------------------------------------

    def record(self) -> bool:
        """Record my verdict and rationale for the request on screen (one undoable step)."""
        opinion_id, verdict = self.current_opinion_id(), self.verdict.currentData()
        if opinion_id is None or verdict is None:
            return False
        rationale = self.rationale.toPlainText()
        from factcheck_app.services.review_edits import AnswerSecondOpinion

        if not self.workspace.attempt(lambda: AnswerSecondOpinion(opinion_id, str(verdict), rationale)):
            return False
        self.workspace.feedback.status(f"Your second verdict “{verdict}” is recorded.", 8000)
        return True
