"""Review: blind second verdicts, disagreements, agreement, publication and complaints (issue #17).

The corrections themselves need no command: a published claim's verdict or rationale changed
in the editor is turned into a correction (with its note) by ``Workspace.run_edit``, the one
place every edit passes, and so is "published" chosen in the status box.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from factcheck_app.ui.actions import Actions, Window

if TYPE_CHECKING:
    from factcheck_app.domain.corrections import Complaint
    from factcheck_app.services.agreement import AgreementReport
    from factcheck_app.services.second_opinion import SideBySide


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReviewDesk:
    """The project as the review dialogs see it (their ``DisagreementDesk`` and ``ComplaintDesk``):
    reads through the services, changes through the workspace (undoable, errors told)."""

    def __init__(self, actions: ReviewActions) -> None:
        self._actions = actions
        self.workspace = actions.workspace
        self._quotes: dict[int, str] = {}

    def _project(self) -> Any:
        project = self.workspace.project
        if project is None:
            from factcheck_app.domain.errors import InvalidInput

            raise InvalidInput("No project is open.")
        return project

    def writable(self) -> bool:
        return self.workspace.writable

    def today(self) -> date:
        return date.today()

    def verdict_labels(self) -> Sequence[str]:
        return self.workspace.scale.labels

    def quote(self, claim_id: int) -> str:
        if claim_id not in self._quotes:
            found = self._project().find_claims({claim_id})
            self._quotes[claim_id] = found[0].quote if found else f"claim {claim_id} (deleted)"
        return self._quotes[claim_id]

    def forget_quotes(self) -> None:
        self._quotes.clear()

    # -- disagreements ------------------------------------------------------------------------

    def disagreements(self, unsettled_only: bool) -> list[SideBySide]:
        if self.workspace.project is None:
            return []
        from factcheck_app.services.second_opinion import disagreements

        return disagreements(self.workspace.project, unsettled_only=unsettled_only)

    def resolve(self, opinion_id: int, verdict: str, reason: str) -> bool:
        from factcheck_app.services.review_edits import ResolveDisagreement

        return self.workspace.attempt(lambda: ResolveDisagreement(opinion_id, verdict, reason))

    # -- complaints ---------------------------------------------------------------------------

    def complaints(self) -> list[Complaint]:
        if self.workspace.project is None:
            return []
        from factcheck_app.services.corrections import complaints

        return complaints(self.workspace.project)

    def claim_for_complaint(self) -> tuple[int, str] | None:
        claim_id = self._actions.editor.current_claim_id()
        project = self.workspace.project
        if claim_id is None or project is None:
            return None
        from factcheck_app.domain.claims import PUBLISHED
        from factcheck_app.services.corrections import published_versions

        claim = self._actions.window.claims_panel.model.claim(claim_id)
        if claim is None or (claim.status != PUBLISHED and not published_versions(project, claim_id)):
            return None
        return claim_id, claim.quote

    def days(self) -> int:
        from factcheck_app.domain.corrections import complaint_days

        return complaint_days(self._project().settings()) if self.workspace.project is not None else 7

    def set_days(self, text: str) -> bool:
        from factcheck_app.domain.corrections import COMPLAINT_DAYS_SETTING, check_complaint_days
        from factcheck_app.services.edits import SetProjectSetting

        project = self._project()
        seen = project.settings().get(COMPLAINT_DAYS_SETTING)
        return self.workspace.attempt(
            lambda: SetProjectSetting(COMPLAINT_DAYS_SETTING, check_complaint_days(text), seen=seen)
        )

    def add(self, claim_id: int, complainant: str, what: str, channel: str, received: datetime) -> bool:
        from factcheck_app.services.review_edits import AddComplaint

        return self.workspace.attempt(
            lambda: AddComplaint(claim_id, complainant, what, channel=channel, received_at=received)
        )

    def handle(self, complaint: Complaint, handling: str, outcome: str) -> bool:
        from factcheck_app.services.review_edits import HandleComplaint

        return self.workspace.attempt(
            lambda: HandleComplaint(complaint.id, handling=handling, outcome=outcome, seen=complaint)
        )

    def close(self, complaint_id: int, outcome: str) -> bool:
        from factcheck_app.services.review_edits import CloseComplaint

        return self.workspace.attempt(lambda: CloseComplaint(complaint_id, outcome or None))


class ReviewActions(Actions):
    def __init__(self, window: Window, widget: QMainWindow) -> None:
        super().__init__(window, widget)
        self.editor = window.claims_panel.editor
        self.desk = ReviewDesk(self)
        self.ask_action = self.action(
            "&Ask for a second verdict…",
            self.ask_second_verdict,
            QKeySequence("Ctrl+Alt+2"),
            "A blind second verdict from another analyst, on this claim or on every listed one",
        )
        self.queue_action = self.action(
            "&My second verdicts…",
            self.show_queue,
            QKeySequence("Ctrl+Alt+M"),
            "Claims waiting for your blind second verdict",
        )
        self.disagreements_action = self.action(
            "&Disagreements…",
            self.show_disagreements,
            QKeySequence("Ctrl+Alt+N"),
            "Both verdicts side by side, and their resolution",
        )
        self.agreement_action = self.action(
            "A&greement…",
            self.show_agreement,
            QKeySequence("Ctrl+Alt+3"),
            "Percent agreement and Krippendorff's alpha of the second verdicts",
        )
        self.publish_action = self.action(
            "&Publish claim",
            self.publish_current,
            QKeySequence("Ctrl+Alt+U"),
            "Publish the selected claim (its published version is kept)",
        )
        self.complaints_action = self.action(
            "&Complaints…",
            self.show_complaints,
            QKeySequence("Ctrl+Alt+I"),
            "Complaints against published claims, their handling and due dates",
        )
        self.workspace.changed.connect(lambda _changes, _remote: self.desk.forget_quotes())

    def update_enabled(self) -> None:
        s = self.state()
        self.ask_action.setEnabled(s.writable and s.claim)
        self.queue_action.setEnabled(s.writable)
        self.publish_action.setEnabled(s.writable and s.claim)
        for action in (self.disagreements_action, self.agreement_action, self.complaints_action):
            action.setEnabled(s.project)  # reading them needs no write access

    def _open(self, kind: type[QDialog]) -> QDialog | None:
        """The open dialog of this kind, raised (one of each per window)."""
        for dialog in self.feedback.open_dialogs:
            if isinstance(dialog, kind) and dialog.isVisible():
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        return None

    def _keep(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace.closed.connect(dialog.close)
        self.feedback.keep_open(dialog)

    # -- second verdicts ----------------------------------------------------------------------

    def analysts_seen(self) -> list[str]:
        """Everyone in the project's history (and every analyst asked before), others first."""
        project = self.workspace.project
        if project is None:
            return []
        from factcheck_app.services.second_opinion import second_opinions

        names: dict[str, str] = {}
        with self.feedback.busy():
            for name in project.analysts():
                names.setdefault(name.casefold(), name)
            for opinion in second_opinions(project):
                names.setdefault(opinion.analyst.casefold(), opinion.analyst)
        names.pop(project.analyst.casefold(), None)
        return sorted((n for n in names.values() if n.strip()), key=str.casefold)

    def ask_second_verdict(self) -> None:
        if not self.workspace.writable:
            return
        self.workspace.save_typing()
        from factcheck_app.ui.dialogs.second_verdict_request_dialog import SecondVerdictRequestDialog

        claim_id = self.editor.current_claim_id()
        claim = self.window.claims_panel.model.claim(claim_id) if claim_id is not None else None
        panel = self.window.claims_panel
        dialog = SecondVerdictRequestDialog(
            self.analysts_seen(),
            claim_id=claim_id,
            quote=claim.quote if claim is not None else "",
            listed=panel.listed_claim_ids(),
            filter_text=panel.filter.text(),
            parent=self.widget,
        )
        dialog.accepted.connect(lambda: self.request_second_verdicts(dialog.claim_ids(), dialog.chosen_analyst()))
        self._keep(dialog)

    def request_second_verdicts(self, claim_ids: Sequence[int], analyst: str) -> bool:
        """Ask ``analyst`` about the claims that can be asked about; name the ones left out."""
        project = self.workspace.project
        if project is None:
            return False
        from factcheck_app.services.second_opinion import plan_second_opinions

        with self.feedback.reporting() as outcome:
            plan = plan_second_opinions(project, claim_ids, analyst)
        if outcome.failed:
            return False
        asked = 0
        if plan.edit is not None:
            if not self.workspace.run_edit(plan.edit):
                return False
            asked = len(plan.edit.claim_ids)
        said = f"Asked {plan.edit.analyst if plan.edit else analyst} for a blind second verdict on {asked} claim(s)."
        if plan.skipped:
            left_out = "\n".join(f"• “{_short(self.desk.quote(i))}”: {why}" for i, why in plan.skipped.items())
            self.feedback.notice(f"{said}\nNot asked ({len(plan.skipped)}):\n{left_out}")
        else:
            self.feedback.status(said, 8000)
        return asked > 0

    def show_queue(self) -> None:
        from factcheck_app.ui.views.second_verdicts_panel import SecondVerdictsPanel

        if self.workspace.project is None or self._open(SecondVerdictsPanel) is not None:
            return
        self._keep(SecondVerdictsPanel(self.workspace, self.widget))

    def show_disagreements(self) -> None:
        from factcheck_app.ui.dialogs.disagreement_dialog import DisagreementDialog

        if self.workspace.project is None or self._open(DisagreementDialog) is not None:
            return
        with self.feedback.reporting() as outcome:
            dialog = DisagreementDialog(self.desk, self.widget)
        if not outcome.failed:
            self.workspace.changed.connect(dialog.project_changed)
            self._keep(dialog)

    # -- agreement ----------------------------------------------------------------------------

    def agreement_for(self, period: str) -> AgreementReport | None:
        project = self.workspace.project
        if project is None:
            return None
        from factcheck_app.services.agreement import agreement_report

        with self.feedback.busy():
            return agreement_report(project, period=period)
        return None

    def show_agreement(self) -> None:
        from factcheck_app.ui.dialogs.agreement_dialog import AgreementDialog

        if self.workspace.project is None or self._open(AgreementDialog) is not None:
            return
        dialog = AgreementDialog(self.agreement_for, self.widget)
        self.workspace.changed.connect(dialog.project_changed)
        self._keep(dialog)

    # -- publication and complaints -----------------------------------------------------------

    def publish_current(self) -> None:
        """Publish the selected claim (the workspace asks for a note when it republishes a change)."""
        self.workspace.save_typing()
        claim_id = self.editor.current_claim_id()
        if claim_id is None or not self.workspace.writable:
            return
        from factcheck_app.domain.claims import PUBLISHED
        from factcheck_app.services.edits import SetStatus

        if self.workspace.run_edit(SetStatus(claim_id, PUBLISHED)):
            self.feedback.status("Published: this version is kept; later changes are corrections.", 8000)

    def show_complaints(self) -> None:
        from factcheck_app.ui.dialogs.complaints_dialog import ComplaintsDialog

        if self.workspace.project is None:
            return
        existing = self._open(ComplaintsDialog)
        if isinstance(existing, ComplaintsDialog):
            existing.refresh()  # another claim may be selected now
            return
        dialog = ComplaintsDialog(self.desk, self.widget)
        self.workspace.changed.connect(dialog.project_changed)
        self.window.claims_panel.claim_selected.connect(dialog.project_changed)
        self._keep(dialog)
