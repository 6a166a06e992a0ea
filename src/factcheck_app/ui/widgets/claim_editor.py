"""Editor for the selected claim: verdict, tags, rationale, sources.

It only emits what the analyst asked for; the main window turns each request into
an undoable edit. ``show_claim`` refreshes the fields without echoing signals back.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.claims import STATUS_LABELS, Claim
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Evidence
from factcheck_app.domain.tags import parse_tag_list
from factcheck_app.domain.verdicts import VerdictScale

NO_VERDICT = "— no verdict yet —"
RATIONALE_SAVE_DELAY_MS = 700
STANCE_MARKS = {"supports": "✔ supports — ", "contradicts": "✖ contradicts — ", "context": "ⓘ context — "}
STATE_NOTES = {
    "changed": (
        "#b45309",
        "<b>⚠ The quoted words changed</b> in the new version of the article. Check that the verdict still holds.",
    ),
    "orphaned": (
        "#c62828",
        "<b>✖ Orphaned:</b> these words are not in the new version. Select the new wording in the article "
        "and use <b>Re-attach claim</b> (Ctrl+R).",
    ),
}


def _swatch(colour: str) -> QPixmap:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour))
    return pixmap


class ClaimEditor(QWidget):
    verdict_requested = Signal(int, object)  # claim id, label or None
    tags_requested = Signal(int, tuple)
    rationale_requested = Signal(int, str)
    details_requested = Signal(int, dict)  # claim id, {field: value}
    status_requested = Signal(int, str)
    history_requested = Signal(int)
    add_source_requested = Signal(int)
    remove_source_requested = Signal(int, int)  # claim id, source id
    files_requested = Signal(int)  # source id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("claimEditor")
        self._claim: Claim | None = None
        self._typing_base: Claim | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.quote = QLabel()
        self.quote.setObjectName("claimQuote")
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.quote)
        self.state_note = QLabel()
        self.state_note.setObjectName("anchorStateNote")
        self.state_note.setWordWrap(True)
        self.state_note.hide()
        layout.addWidget(self.state_note)
        self.already_checked = QLabel()
        self.already_checked.setObjectName("alreadyChecked")
        self.already_checked.setWordWrap(True)
        self.already_checked.hide()
        layout.addWidget(self.already_checked)

        form = QFormLayout()
        self.verdict = QComboBox()
        self.verdict.setObjectName("verdictBox")
        self.tags = QLineEdit(placeholderText="Comma-separated, e.g. US position, Defence")
        self.tags.setObjectName("tagsEdit")
        self.rationale = QPlainTextEdit()
        self.rationale.setObjectName("rationaleEdit")
        self.rationale.setPlaceholderText("Why this verdict? What do the sources show?")
        self.rationale.setTabChangesFocus(True)
        self.restated = QLineEdit(placeholderText="The claim in neutral words (for ClaimReview)")
        self.restated.setObjectName("restatedEdit")
        self.claimant = QLineEdit(placeholderText="Who said it")
        self.claimant.setObjectName("claimantEdit")
        self.claim_date = QDateEdit()
        self.claim_date.setCalendarPopup(True)
        self.claim_date.setDisplayFormat("yyyy-MM-dd")
        self.claim_date.setSpecialValueText("—")
        self.claim_date.setMinimumDate(QDate(1900, 1, 1))
        claimant_row = QHBoxLayout()
        claimant_row.addWidget(self.claimant, 1)
        claimant_row.addWidget(QLabel("on"))
        claimant_row.addWidget(self.claim_date)
        self.status = QComboBox()
        self.status.setObjectName("statusBox")
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.reviewer = QLineEdit(placeholderText="Reviewer")
        self.reviewer.setObjectName("reviewerEdit")
        self.assignee = QLineEdit(placeholderText="Assigned to")
        self.assignee.setObjectName("assigneeEdit")
        self.history_button = QPushButton("History…")
        review_row = QHBoxLayout()
        review_row.addWidget(self.status)
        review_row.addWidget(QLabel("reviewer"))
        review_row.addWidget(self.reviewer, 1)
        review_row.addWidget(self.assignee, 1)
        review_row.addWidget(self.history_button)
        self.signoff = QLabel()
        self.signoff.setObjectName("signoffLabel")
        form.addRow("&Verdict", self.verdict)
        form.addRow("Restat&ed", self.restated)
        form.addRow("Claimant", claimant_row)
        form.addRow("T&ags", self.tags)
        form.addRow("&Rationale", self.rationale)
        form.addRow("Status", review_row)
        form.addRow("", self.signoff)
        layout.addLayout(form, 1)

        sources_header = QHBoxLayout()
        sources_header.addWidget(QLabel("<b>Sources</b>"))
        sources_header.addStretch(1)
        self.add_source = QPushButton("Add source…")
        self.remove_source = QPushButton("Remove")
        self.files_button = QPushButton("Files…")
        self.files_button.setToolTip("Attach local files (PDF, images, saved pages) to the selected source")
        sources_header.addWidget(self.files_button)
        sources_header.addWidget(self.add_source)
        sources_header.addWidget(self.remove_source)
        layout.addLayout(sources_header)
        self.sources = QListWidget()
        self.sources.setObjectName("sourcesList")
        self.sources.setMaximumHeight(110)
        self.sources.setToolTip("Double-click to open the source in your browser")
        layout.addWidget(self.sources)

        self._rationale_timer = QTimer(self, singleShot=True, interval=RATIONALE_SAVE_DELAY_MS)
        self._rationale_timer.timeout.connect(self.flush_rationale)
        self.verdict.activated.connect(self._verdict_chosen)
        self.restated.editingFinished.connect(lambda: self._detail_finished("restated", self.restated))
        self.claimant.editingFinished.connect(lambda: self._detail_finished("claimant", self.claimant))
        self.reviewer.editingFinished.connect(lambda: self._detail_finished("reviewer", self.reviewer))
        self.assignee.editingFinished.connect(lambda: self._detail_finished("assignee", self.assignee))
        self.claim_date.editingFinished.connect(self._date_finished)
        self.status.activated.connect(self._status_chosen)
        self.history_button.clicked.connect(lambda: self._claim and self.history_requested.emit(self._claim.id))
        self.tags.editingFinished.connect(self._tags_finished)
        self.rationale.textChanged.connect(self._rationale_typed)
        for line in (self.tags, self.restated, self.claimant, self.reviewer, self.assignee):
            line.textEdited.connect(self._typing_started)
        self.add_source.clicked.connect(lambda: self._claim and self.add_source_requested.emit(self._claim.id))
        self.remove_source.clicked.connect(self._remove_source)
        self.files_button.clicked.connect(self._files)
        self.sources.itemDoubleClicked.connect(self._open_source)
        self.sources.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.show_claim(None, None)

    def set_scale(self, scale: VerdictScale) -> None:
        self.verdict.blockSignals(True)
        self.verdict.clear()
        self.verdict.addItem(NO_VERDICT, None)
        for verdict in scale.verdicts:
            self.verdict.addItem(_swatch(verdict.colour), verdict.label, verdict.label)
            self.verdict.setItemData(self.verdict.count() - 1, verdict.description, Qt.ItemDataRole.ToolTipRole)
        self.verdict.blockSignals(False)

    def current_claim_id(self) -> int | None:
        return self._claim.id if self._claim else None

    def base_claim(self) -> Claim | None:
        """The claim as it was when the analyst started typing what is about to be saved.

        A live update may refresh the claim meanwhile; an edit based on this snapshot is
        then checked against what the analyst actually saw, not against the refresh.
        """
        return self._typing_base or self._claim

    def _typing_started(self) -> None:
        if self._typing_base is None:
            self._typing_base = self._claim

    def show_claim(self, claim: Claim | None, scale: VerdictScale | None, *, removed: bool = False) -> None:
        """Show ``claim``; typing not yet saved is kept (or saved first when switching).

        ``removed`` says the shown claim no longer exists, so pending typing has
        nowhere to go and is dropped rather than sent to a deleted claim.
        """
        switching = claim is None or self._claim is None or claim.id != self._claim.id
        if switching:
            self.already_checked.hide()
        if switching and not removed:
            self.flush_rationale()
            self._tags_finished()
        self._claim = claim
        enabled = claim is not None
        for widget in (
            self.verdict,
            self.tags,
            self.rationale,
            self.sources,
            self.add_source,
            self.restated,
            self.claimant,
            self.claim_date,
            self.status,
            self.reviewer,
            self.assignee,
            self.history_button,
        ):
            widget.setEnabled(enabled)
        if claim is None:
            self.state_note.hide()
            self.quote.setText("<i>Select words in the article and press <b>New claim</b> (Ctrl+K).</i>")
            self._set_silently(tags="", rationale="", verdict=None)
            self.sources.clear()
            self._update_buttons()
            return
        self.quote.setText(f"“{claim.quote}”")
        self._show_review(claim, keep=not switching)
        note = STATE_NOTES.get(claim.anchor_state)
        self.state_note.setVisible(note is not None)
        if note is not None:
            colour, text = note
            self.state_note.setText(f"<span style='color:{colour}'>{text}</span>")
        keep_tags = not switching and self.tags.isModified()
        keep_rationale = not switching and self._rationale_timer.isActive()
        pending = (self.restated, self.claimant, self.reviewer, self.assignee)
        if switching or not (keep_tags or keep_rationale or any(w.isModified() for w in pending)):
            self._typing_base = None
        self._set_silently(
            tags=None if keep_tags else ", ".join(claim.tags),
            rationale=None if keep_rationale else claim.rationale,
            verdict=claim.verdict,
        )
        self.sources.clear()
        for evidence in claim.evidence or tuple(Evidence(s) for s in claim.sources):
            source = evidence.source
            stance = STANCE_MARKS.get(evidence.stance, "")
            detail = " · ".join(
                x
                for x in (
                    source.publisher,
                    source.kind,
                    evidence.location,
                    source.accessed and f"accessed {source.accessed}",
                )
                if x
            )
            text = f"{stance}{source.display_title}\n{source.url}" + (f"\n{detail}" if detail else "")
            if evidence.excerpt:
                text += f"\n“{evidence.excerpt}”"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, source.id)
            item.setToolTip(source.note or source.url)
            self.sources.addItem(item)
        self._update_buttons()

    def show_similar(self, similar) -> None:  # type: ignore[no-untyped-def]
        """'Already checked': earlier claims that say much the same, with their verdicts."""
        if not similar:
            self.already_checked.hide()
            return
        lines = [
            f"• “{html.escape(s.claim.quote[:90])}” — <b>{html.escape(s.claim.verdict or 'no verdict yet')}</b>"
            f" <span style='color:#666'>({html.escape(s.article_title[:50])})</span>"
            for s in similar
        ]
        self.already_checked.setText("<b>Already checked?</b> Similar claims in this project:<br>" + "<br>".join(lines))
        self.already_checked.show()

    def _show_review(self, claim: Claim, *, keep: bool) -> None:
        widgets = (self.restated, self.claimant, self.reviewer, self.assignee, self.claim_date, self.status)
        for widget in widgets:
            widget.blockSignals(True)
        for edit, value in (
            (self.restated, claim.restated),
            (self.claimant, claim.claimant),
            (self.reviewer, claim.reviewer),
        ):
            if not (keep and edit.isModified()):
                edit.setText(value)
                edit.setCursorPosition(0)  # show the beginning of a long restated claim
        when = claim.claim_date
        self.claim_date.setDate(QDate(when.year, when.month, when.day) if when else self.claim_date.minimumDate())
        self.status.setCurrentIndex(max(0, self.status.findData(claim.status)))
        for widget in widgets:
            widget.blockSignals(False)
        if claim.approved_by:
            self.signoff.setText(f"✔ Approved by {claim.approved_by} on {claim.approved_at:%Y-%m-%d %H:%M}")
        else:
            self.signoff.setText(f"Written by {claim.created_by}; last change by {claim.updated_by}")

    def _detail_finished(self, field: str, edit: QLineEdit) -> None:
        if self._claim is None or not edit.isModified():
            return
        edit.setModified(False)
        value = edit.text().strip()
        if value != getattr(self._claim, field):
            self.details_requested.emit(self._claim.id, {field: value})

    def _date_finished(self) -> None:
        if self._claim is None:
            return
        qdate = self.claim_date.date()
        value = None if qdate == self.claim_date.minimumDate() else date(qdate.year(), qdate.month(), qdate.day())
        if value != self._claim.claim_date:
            self.details_requested.emit(self._claim.id, {"claim_date": value})

    def _status_chosen(self, index: int) -> None:
        if self._claim is not None:
            status = self.status.itemData(index)
            if status != self._claim.status:
                self.status_requested.emit(self._claim.id, status)
                self.status.setCurrentIndex(max(0, self.status.findData(self._claim.status)))  # until saved

    def _set_silently(self, *, tags: str | None, rationale: str | None, verdict: str | None) -> None:
        for widget in (self.tags, self.rationale, self.verdict):
            widget.blockSignals(True)
        if tags is not None:
            self.tags.setText(tags)  # also clears isModified()
        if rationale is not None:
            self._rationale_timer.stop()
            if rationale != self.rationale.toPlainText():
                self.rationale.setPlainText(rationale)
        index = self.verdict.findData(verdict) if verdict else 0
        self.verdict.setCurrentIndex(max(index, 0))
        for widget in (self.tags, self.rationale, self.verdict):
            widget.blockSignals(False)

    def _update_buttons(self) -> None:
        chosen = self._claim is not None and self.sources.currentRow() >= 0
        self.remove_source.setEnabled(chosen)
        self.files_button.setEnabled(chosen)

    def _files(self) -> None:
        item = self.sources.currentItem()
        if item is not None:
            self.files_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _verdict_chosen(self, index: int) -> None:
        if self._claim is not None:
            label = self.verdict.itemData(index)
            if label != self._claim.verdict:
                self.verdict_requested.emit(self._claim.id, label)

    def _tags_finished(self) -> None:
        if self._claim is None or not self.tags.isModified():
            return
        try:
            tags = parse_tag_list(self.tags.text())
        except InvalidInput as error:
            self.tags.setToolTip(str(error))
            return
        self.tags.setToolTip("")
        self.tags.setModified(False)
        if tags != self._claim.tags:
            self.tags_requested.emit(self._claim.id, tags)

    def _rationale_typed(self) -> None:
        if self._claim is not None:
            if not self._rationale_timer.isActive():
                self._typing_started()
            self._rationale_timer.start()

    def flush_rationale(self) -> None:
        """Save pending rationale typing now (called on switch, close and export)."""
        if not self._rationale_timer.isActive():
            return
        self._rationale_timer.stop()
        if self._claim is not None:
            text = self.rationale.toPlainText().strip()
            if text != self._claim.rationale:
                self.rationale_requested.emit(self._claim.id, text)

    def _remove_source(self) -> None:
        item = self.sources.currentItem()
        if self._claim is not None and item is not None:
            self.remove_source_requested.emit(self._claim.id, int(item.data(Qt.ItemDataRole.UserRole)))

    def _open_source(self, item: QListWidgetItem) -> None:
        """Open a source in the system browser — only after showing where it leads."""
        source_id = item.data(Qt.ItemDataRole.UserRole)
        url = next((s.url for s in (self._claim.sources if self._claim else ()) if s.id == source_id), "")
        if not url:
            return
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            "Open source",
            f"Open this address in your web browser?\n\n{url}",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl(url))
