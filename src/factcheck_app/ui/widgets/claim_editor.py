"""Editor for the selected claim: verdict, tags, rationale, sources.

It only emits what the analyst asked for; the claim commands (``ui/actions/claims.py``)
turn each request into an undoable edit. The sources list is ``evidence_list.py``. ``show_claim`` refreshes the fields without echoing signals back.

NOTE: typing reaches the project through one path, ``save_typing``. A field the analyst
typed in is *pending* (``_pending``) until that path saves it; it runs on focus-out, after
a short pause in typing, when another claim or article is shown, on close and before an
export. A refresh (my own edit echoing back, another analyst's live update) never
overwrites a pending field. Earlier, each field had its own rule (a timer's state, the
widget's modified flag) and one of them silently dropped the rationale.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from factcheck_app.domain.claims import STATUS_LABELS, Claim
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.tags import parse_tag_list
from factcheck_app.domain.text_merge import merge_texts
from factcheck_app.domain.verdicts import VerdictScale
from factcheck_app.ui.theme import readable_text_colour
from factcheck_app.ui.tooltips import plain_tooltip
from factcheck_app.ui.widgets.changed_wording import ChangedWording
from factcheck_app.ui.widgets.claim_parts import (
    EMPTY_VALUES,
    STATE_NOTES,
    AlreadyChecked,
    FocusOutWatch,
    buddy_label,
    quoted,
    swatch,
    words,
)
from factcheck_app.ui.widgets.date_field import DateField
from factcheck_app.ui.widgets.evidence_list import EvidenceList

NO_VERDICT = "— no verdict yet —"
# A pause this long in typing saves what was typed (focus-out and switching save at once).
SAVE_PAUSE_MS = 700
# The free-text fields saved after a pause. Tags are saved on focus-out, Return and switching
# only: a half-typed tag ("US pos") would otherwise become a term of the project's codebook.
PAUSE_SAVED = ("rationale", "restated", "claimant", "reviewer", "assignee", "claim_date")
DETAIL_FIELDS = ("restated", "claimant", "reviewer", "assignee", "claim_date")
# Text fields two analysts may add to at once: non-overlapping edits are merged (text_merge.py).
MERGED_TEXT = ("rationale", "restated")


class ClaimEditor(QWidget):
    verdict_requested = Signal(int, object)  # claim id, label or None
    tags_requested = Signal(int, tuple)
    rationale_requested = Signal(int, str)
    details_requested = Signal(int, dict)  # claim id, {field: value}
    status_requested = Signal(int, str)
    history_requested = Signal(int)

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
        self.changed_wording = ChangedWording()  # the checked words beside the new ones; confirm / re-open
        layout.addWidget(self.changed_wording)
        self.already_checked = AlreadyChecked()
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
        self.claim_date = DateField()
        self.claim_date.setObjectName("claimDateEdit")
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
        review_row.addWidget(buddy_label("revie&wer", self.reviewer))
        review_row.addWidget(self.reviewer, 1)
        review_row.addWidget(self.assignee, 1)
        review_row.addWidget(self.history_button)
        self.signoff = QLabel()
        self.signoff.setObjectName("signoffLabel")
        self.signoff.setTextFormat(Qt.TextFormat.PlainText)  # names come from other people: never markup
        # NOTE: mnemonics chosen not to clash with the menu bar (File, Edit, Article, Project,
        # View, Help): Alt+D, T, M, G, R, U, W reach the fields from anywhere in the window.
        form.addRow("Ver&dict", self.verdict)
        form.addRow("Res&tated", self.restated)
        form.addRow(buddy_label("Clai&mant", self.claimant), claimant_row)
        form.addRow("Ta&gs", self.tags)
        form.addRow("&Rationale", self.rationale)
        form.addRow(buddy_label("Stat&us", self.status), review_row)
        form.addRow("", self.signoff)
        layout.addLayout(form, 1)

        self.sources = EvidenceList()
        self.add_source = self.sources.add_source
        self.remove_source = self.sources.remove_source
        self.files_button = self.sources.files_button
        self.add_source_requested = self.sources.add_source_requested
        self.remove_source_requested = self.sources.remove_source_requested
        self.files_requested = self.sources.files_requested
        layout.addLayout(self.sources.header())
        layout.addWidget(self.sources)

        self._pending: set[str] = set()  # fields typed in and not yet saved
        self._pause = QTimer(self, singleShot=True, interval=SAVE_PAUSE_MS)
        self._pause.timeout.connect(lambda: self.save_typing(during_pause=True))
        self._line_edits = {
            "restated": self.restated,
            "claimant": self.claimant,
            "reviewer": self.reviewer,
            "assignee": self.assignee,
            "tags": self.tags,
        }
        for field, line in self._line_edits.items():
            line.textEdited.connect(lambda _text, field=field: self._typed(field))
            line.editingFinished.connect(self.save_typing)
        self.rationale.textChanged.connect(lambda: self._typed("rationale"))
        self._focus_watch = FocusOutWatch(self.save_typing, self)
        self.rationale.installEventFilter(self._focus_watch)
        self.claim_date.textEdited.connect(lambda _text: self._typed("claim_date"))
        self.claim_date.editingFinished.connect(self.save_typing)
        self.claim_date.picked.connect(lambda: (self._typed("claim_date"), self.save_typing()))
        self.verdict.activated.connect(self._verdict_chosen)
        self.status.activated.connect(self._status_chosen)
        self.history_button.clicked.connect(lambda: self._claim and self.history_requested.emit(self._claim.id))
        chain = (
            self.verdict,
            self.restated,
            self.claimant,
            self.claim_date,
            self.tags,
            self.rationale,
            self.status,
            self.reviewer,
            self.assignee,
            self.history_button,
            self.files_button,
            self.add_source,
            self.remove_source,
            self.sources,
        )
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.show_claim(None, None)

    def set_scale(self, scale: VerdictScale) -> None:
        self.verdict.blockSignals(True)
        self.verdict.clear()
        self.verdict.addItem(NO_VERDICT, None)
        for verdict in scale.verdicts:
            self.verdict.addItem(swatch(verdict.colour), verdict.label, verdict.label)
            self.verdict.setItemData(
                self.verdict.count() - 1, plain_tooltip(verdict.description), Qt.ItemDataRole.ToolTipRole
            )
        self.verdict.blockSignals(False)

    def current_claim_id(self) -> int | None:
        return self._claim.id if self._claim else None

    def base_claim(self) -> Claim | None:
        """The claim as it was when the analyst started typing what is about to be saved.

        A live update may refresh the claim meanwhile; an edit based on this snapshot is
        then checked against what the analyst actually saw, not against the refresh.
        """
        return self._typing_base or self._claim

    def set_save_pause(self, milliseconds: int) -> None:
        """How long a pause in typing must last before it is saved (focus-out saves at once)."""
        self._pause.setInterval(milliseconds)

    def has_pending_typing(self) -> bool:
        """True while something typed in the editor is not yet in the project."""
        return bool(self._pending)

    def show_claim(self, claim: Claim | None, scale: VerdictScale | None, *, removed: bool = False) -> None:
        """Show ``claim``. Switching to another claim saves pending typing first; a refresh of
        the same claim keeps it on screen (it is saved by the usual path).

        ``removed`` says the shown claim no longer exists, so pending typing has
        nowhere to go and is dropped rather than sent to a deleted claim.
        """
        switching = claim is None or self._claim is None or claim.id != self._claim.id
        if switching:
            self.already_checked.hide()
            if not removed:
                self.save_typing()
            self._pending.clear()
            self._pause.stop()
            self._typing_base = None
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
            self.changed_wording.show_claim(None)
            self.quote.setTextFormat(Qt.TextFormat.RichText)
            self.quote.setText("<i>Select words in the article and press <b>New claim</b> (Ctrl+K).</i>")
            self.signoff.clear()
            self._show_values(EMPTY_VALUES)
            self.sources.show_claim(None)
            return
        self.quote.setTextFormat(Qt.TextFormat.PlainText)  # the article's words, never markup
        self.quote.setText(quoted(claim.quote))
        self.changed_wording.show_claim(claim)
        note = STATE_NOTES.get(claim.anchor_state)
        self.state_note.setVisible(note is not None)
        if note is not None:
            colour, text = note
            self.state_note.setText(f"<span style='color:{readable_text_colour(colour, self.palette())}'>{text}</span>")
        self._show_values(
            {
                "verdict": claim.verdict,
                "tags": ", ".join(claim.tags),
                "rationale": claim.rationale,
                "restated": claim.restated,
                "claimant": claim.claimant,
                "reviewer": claim.reviewer,
                "assignee": claim.assignee,
                "claim_date": claim.claim_date,
                "status": claim.status,
            }
        )
        if claim.approved_by:
            self.signoff.setText(f"✔ Approved by {claim.approved_by} on {claim.approved_at:%Y-%m-%d %H:%M}")
        else:
            self.signoff.setText(f"Written by {claim.created_by}; last change by {claim.updated_by}")
        self.sources.show_claim(claim)

    def show_similar(self, similar: Sequence[Any]) -> None:
        """'Already checked': earlier claims that say much the same, with their verdicts."""
        self.already_checked.show_similar(similar)

    def _show_values(self, values: dict[str, object]) -> None:
        """Put stored values in the fields, silently, leaving every pending field as typed."""
        widgets = (*self._line_edits.values(), self.rationale, self.claim_date, self.verdict, self.status)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            # NOTE: a field whose text differs from the stored value only by the spaces the save
            # trimmed is left alone: rewriting it would move the analyst's cursor mid-typing.
            for field, line in self._line_edits.items():
                stored = str(values[field])
                if field not in self._pending and words(line.text()) != words(stored):
                    line.setText(stored)
                    line.setCursorPosition(len(stored) if line.hasFocus() else 0)
            stored_rationale = str(values["rationale"])
            if "rationale" not in self._pending and self.rationale.toPlainText().strip() != stored_rationale:
                shown = self.rationale.toPlainText()
                position = self.rationale.textCursor().position()
                self.rationale.setPlainText(stored_rationale)
                if self.rationale.hasFocus():
                    # Keep the cursor before the same words when someone else's were put in front.
                    after = shown[position:].rstrip()
                    if stored_rationale.endswith(after):
                        position = len(stored_rationale) - len(after)
                    cursor = self.rationale.textCursor()
                    cursor.setPosition(min(position, len(stored_rationale)))
                    self.rationale.setTextCursor(cursor)
            if "claim_date" not in self._pending:
                when = values["claim_date"]
                self.claim_date.set_value(when if isinstance(when, date) else None)
            index = self.verdict.findData(values["verdict"]) if values["verdict"] else 0
            self.verdict.setCurrentIndex(max(index, 0))
            self.status.setCurrentIndex(max(0, self.status.findData(values["status"])))
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _typed(self, field: str) -> None:
        """The analyst changed a field: it is pending until ``save_typing`` runs."""
        if self._claim is None:
            return
        if not self._pending:
            self._typing_base = self._claim
        self._pending.add(field)
        if field in PAUSE_SAVED:
            self._pause.start()

    def save_typing(self, *, during_pause: bool = False) -> None:
        """Save every pending field of the shown claim: the one path from typing to the project.

        Runs on focus-out, after a pause in typing (``during_pause``: tags wait for focus-out),
        on switching claim or article, on close and before exports. The values are read
        before anything is sent, since each save refreshes the editor.
        """
        claim = self._claim
        if claim is None or not self._pending:
            return
        fields = [f for f in self._pending if not (during_pause and f not in PAUSE_SAVED)]
        if not fields:
            return
        self._pause.stop()
        tags: tuple[str, ...] | None = None
        if "tags" in fields:
            try:
                tags = parse_tag_list(self.tags.text())
            except InvalidInput as error:
                self.tags.setToolTip(str(error))
                fields.remove("tags")  # stays pending, the reason shown on the field
            else:
                self.tags.setToolTip("")
        claim_date: date | None = None
        if "claim_date" in fields:
            try:
                claim_date = self.claim_date.value()
            except InvalidInput as error:
                self.claim_date.setToolTip(str(error))
                fields.remove("claim_date")  # stays pending, the reason shown on the field
        rationale = self.rationale.toPlainText().strip()
        typed: dict[str, object] = {"rationale": rationale}
        for field in DETAIL_FIELDS:
            if field in fields:
                typed[field] = claim_date if field == "claim_date" else self._line_edits[field].text().strip()
        typed.update(self._merged_with_theirs(claim, typed, fields))
        rationale = str(typed["rationale"])
        details: dict[str, object] = {}
        for field in DETAIL_FIELDS:
            if field in fields and typed[field] != getattr(claim, field):
                details[field] = typed[field]
        self._pending.difference_update(fields)
        try:
            if "rationale" in fields and rationale != claim.rationale:
                self.rationale_requested.emit(claim.id, rationale)
            if details:
                self.details_requested.emit(claim.id, details)
            if tags is not None and tags != claim.tags:
                self.tags_requested.emit(claim.id, tags)
        finally:
            if not self._pending:
                self._typing_base = None

    def _merged_with_theirs(self, claim: Claim, typed: dict[str, object], fields: list[str]) -> dict[str, object]:
        """My typing on top of what someone else saved while I typed, when the two do not overlap.

        A live update refreshed the claim after I started typing (``_typing_base`` is older
        than the claim shown). Where they changed a text field I am saving, and their words
        and mine are different words, both go in and the save is based on their version: no
        conflict dialog for two people adding to one rationale. Anything else (overlapping
        words, a field that cannot be merged, other pending fields they changed) keeps the
        old base, so the save meets their change in the conflict dialog as before.
        """
        base = self._typing_base
        if base is None or base is claim:
            return {}
        merged: dict[str, object] = {}
        for field in self._pending | set(fields):
            mine, seen, theirs = typed.get(field), getattr(base, field), getattr(claim, field)
            if theirs == seen:
                continue
            if field not in MERGED_TEXT or field not in fields or not isinstance(mine, str):
                return {}
            result = merge_texts(str(seen), mine, str(theirs))
            if result is None:
                return {}
            merged[field] = result
        self._typing_base = claim  # every change of theirs is in what I save now
        return merged

    def _status_chosen(self, index: int) -> None:
        if self._claim is not None:
            status = self.status.itemData(index)
            if status != self._claim.status:
                self.status_requested.emit(self._claim.id, status)
                self.status.setCurrentIndex(max(0, self.status.findData(self._claim.status)))  # until saved

    def _verdict_chosen(self, index: int) -> None:
        if self._claim is not None:
            label = self.verdict.itemData(index)
            if label != self._claim.verdict:
                self.verdict_requested.emit(self._claim.id, label)
