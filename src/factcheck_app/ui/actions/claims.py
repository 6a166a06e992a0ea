"""Claims: make one from the selected words, delete, re-attach, and every edit the claim
editor asks for (verdict, tags, rationale, details, status, sources, history)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow

from factcheck_app.ui.actions import Actions, Window

NEW_CLAIM_SHORTCUT = QKeySequence("Ctrl+K")
# Held while pressing Ctrl+K or choosing New claim: the claim is the characters selected, exactly.
EXACT_SPAN_MODIFIER = Qt.KeyboardModifier.AltModifier
EXACT_SPAN_SHORTCUT = QKeySequence("Ctrl+Alt+K")


def exact_span_held() -> bool:
    return bool(QGuiApplication.keyboardModifiers() & EXACT_SPAN_MODIFIER)


class ClaimActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.editor = window.claims_panel.editor
        self.new_claim_action = self.action(
            "&New claim",
            self.new_claim_from_selection,
            NEW_CLAIM_SHORTCUT,
            "Make a claim of the selected words, widened to whole words (hold Alt for exactly the characters selected)",
        )
        # Ctrl+Alt+K: no menu item of its own (the menu's is New claim with Alt held), but
        # listed in Help ▸ Keyboard shortcuts beside the others.
        self.exact_claim_action = self.action(
            "New claim of exactly the characters selected",
            lambda: self.new_claim_from_selection(exact=True),
            EXACT_SPAN_SHORTCUT,
            "New claim with Alt held: the selection is not widened to whole words",
        )
        widget.addAction(self.exact_claim_action)
        self.delete_claim_action = self.action(
            "&Delete claim", self.delete_current_claim, QKeySequence.StandardKey.Delete
        )
        self.delete_claim_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.claims_panel.table.addAction(self.delete_claim_action)
        self.reattach_action = self.action(
            "&Re-attach claim to selection",
            self.reattach_current_claim,
            QKeySequence("Ctrl+R"),
            "Put the selected claim on the words selected in the article",
        )
        self._listen_to_editor()

    def update_enabled(self) -> None:
        s = self.state()
        self.new_claim_action.setEnabled(s.writable and s.article)
        self.exact_claim_action.setEnabled(s.writable and s.article)
        self.delete_claim_action.setEnabled(s.writable and s.claim)
        self.reattach_action.setEnabled(s.writable and s.claim)

    def _listen_to_editor(self) -> None:
        from_editor = self.editor
        from_editor.verdict_requested.connect(self._set_verdict)
        from_editor.tags_requested.connect(self._set_tags)
        from_editor.rationale_requested.connect(self._set_rationale)
        from_editor.details_requested.connect(self._set_details)
        from_editor.status_requested.connect(self._set_status)
        from_editor.add_source_requested.connect(self._add_source)
        from_editor.remove_source_requested.connect(self._remove_source)
        from_editor.history_requested.connect(self.show_history)
        from_editor.changed_wording.confirm_requested.connect(self._confirm_verdict)
        from_editor.changed_wording.reopen_requested.connect(self._reopen)

    # -- the menu --------------------------------------------------------------------

    def new_claim_from_selection(self, *, exact: bool = False) -> None:
        article_id = self.workspace.article_id
        if self.workspace.project is None or article_id is None:
            return
        snap = not (exact or exact_span_held())
        anchor = self._anchor_from_selection("Select the words of the claim in the article first.", snap=snap)
        if anchor is None:
            return
        from factcheck_app.services.edits import CreateClaim

        edit = CreateClaim(article_id, anchor)
        if self.workspace.run_edit(edit):
            self.editor.verdict.setFocus()
            self._offer_similar(edit.claim_id)

    def delete_current_claim(self) -> None:
        self.workspace.save_typing()
        claim_id = self.editor.current_claim_id()
        if claim_id is None:
            return
        from factcheck_app.services.edits import DeleteClaim

        self.workspace.run_edit(DeleteClaim(claim_id))

    def reattach_current_claim(self) -> None:
        claim_id = self.editor.current_claim_id()
        if self.workspace.project is None or claim_id is None:
            return
        anchor = self._anchor_from_selection("Select the words to attach the claim to, then Re-attach.")
        if anchor is None:
            return
        from factcheck_app.services.edits import ReattachClaim

        self.workspace.run_edit(ReattachClaim(claim_id, anchor))

    def _anchor_from_selection(self, hint: str, *, snap: bool = False) -> Any:
        """The anchor of the words selected in the article, or None (with ``hint`` shown).

        ``snap`` widens a selection that cuts a word to whole words: "5 million" of "£85
        million" is not what the article says.
        """
        view = self.window.article_view
        span = view.selected_span()  # Python offsets (the view converts Qt's UTF-16 units)
        if span is None:
            self.feedback.status(hint, 6000)
            return None
        from factcheck_app.domain.anchors import anchor_for_span
        from factcheck_app.domain.snapping import snap_to_words

        text = view.text()
        start, end = span
        if snap:
            start, end = snap_to_words(text, start, end)
        with self.feedback.reporting():
            return anchor_for_span(text, start, end)
        return None

    def _offer_similar(self, claim_id: int | None) -> None:
        """When a claim is made, show earlier claims that say much the same (with verdicts)."""
        project = self.workspace.project
        if project is None or claim_id is None:
            return
        from factcheck_app.domain.errors import FactcheckError
        from factcheck_app.services.similar import similar_claims

        try:
            found = similar_claims(project, project.claim(claim_id))
        except FactcheckError:
            return
        from factcheck_app.ui.desk_archive import desk_archive_matches  # earlier checks in other projects

        found = [*found, *desk_archive_matches(project.claim(claim_id))]
        self.editor.show_similar(found)
        if found:
            self.feedback.status(f"{len(found)} similar claim(s) checked before: see the editor.", 8000)

    # -- what the editor asks ---------------------------------------------------------------

    def _confirm_verdict(self, claim_id: int) -> None:
        from factcheck_app.services.anchor_edits import ConfirmVerdictHolds

        self.workspace.save_typing()
        self.workspace.run_edit(ConfirmVerdictHolds(claim_id))

    def _reopen(self, claim_id: int) -> None:
        from factcheck_app.services.anchor_edits import ReopenClaim

        self.workspace.save_typing()
        self.workspace.run_edit(ReopenClaim(claim_id))

    def _set_verdict(self, claim_id: int, label: str | None) -> None:
        from factcheck_app.services.edits import SetVerdict

        self.workspace.run_edit(SetVerdict(claim_id, label))

    def _set_tags(self, claim_id: int, tags: tuple[str, ...]) -> None:
        from factcheck_app.services.edits import SetTags

        self.workspace.run_edit(SetTags(claim_id, tags))

    def _set_rationale(self, claim_id: int, text: str) -> None:
        from factcheck_app.services.edits import SetRationale

        self.workspace.run_edit(SetRationale(claim_id, text))

    def _set_details(self, claim_id: int, values: dict[str, Any]) -> None:
        from factcheck_app.services.edits import SetClaimDetails

        self.workspace.run_edit(SetClaimDetails(claim_id, **values))

    def _set_status(self, claim_id: int, status: str) -> None:
        from factcheck_app.services.edits import SetStatus

        self.workspace.run_edit(SetStatus(claim_id, status))

    def _add_source(self, claim_id: int) -> None:
        from factcheck_app.ui.dialogs.source_dialog import SourceDialog

        dialog = SourceDialog(self.widget)
        if dialog.exec() == SourceDialog.DialogCode.Accepted and dialog.source() is not None:
            self.add_source(claim_id, dialog.source(), **dialog.evidence())

    def add_source(self, claim_id: int, source: Any, **evidence: str) -> bool:
        from factcheck_app.services.edits import AddSource

        return self.workspace.attempt(lambda: AddSource(claim_id, source, **evidence))

    def _remove_source(self, claim_id: int, source_id: int) -> None:
        from factcheck_app.services.edits import RemoveSource

        self.workspace.run_edit(RemoveSource(claim_id, source_id))

    def show_history(self, claim_id: int) -> None:
        project = self.workspace.project
        if project is None:
            return
        from factcheck_app.ui.dialogs.history_dialog import HistoryDialog

        claim = self.window.claims_panel.model.claim(claim_id)
        title = claim.quote[:60] if claim else str(claim_id)
        dialog = HistoryDialog(project.history("claim", claim_id), title, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.feedback.keep_open(dialog)
