"""What the analyst does with a claim whose words a new version of the article changed.

Re-anchoring flags such a claim (anchor state "changed") and keeps the wording its verdict
was checked against. Two answers end the wait: *the verdict still holds* for the new words
(the flag and the kept wording go, the history names who decided and when), or *re-open*
the claim (back to draft, to check again; the flag stays until someone confirms).
"""

from __future__ import annotations

from factcheck_app.domain.anchors import ANCHORED, CHANGED
from factcheck_app.domain.claims import DRAFT
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.changes import Changes, claims_updated
from factcheck_app.services.edits import Edit, EditContext, SetStatus
from factcheck_app.storage.repositories import get_claim_row

CONFIRM_TEXT = "Confirm verdict still holds"
REOPEN_TEXT = "Re-open claim"


class ConfirmVerdictHolds(Edit):
    """The analyst read the new wording and the verdict stands: the claim is anchored again."""

    text = CONFIRM_TEXT
    fields = {"claim": ("anchor_state", "anchor_similarity", "anchor_method", "checked_wording")}

    def __init__(self, claim_id: int) -> None:
        self.claim_id = claim_id
        self._old: tuple[str, float | None, str, str] | None = None

    def proposed(self, undo: bool) -> dict[str, object]:
        if undo:
            return {"anchor_state": self._old[0]} if self._old else {}
        return {"anchor_state": ANCHORED}

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        if row.anchor_state != CHANGED:
            raise InvalidInput(f"Claim {self.claim_id} is not flagged as changed: there is nothing to confirm.")
        self._old = (row.anchor_state, row.anchor_similarity, row.anchor_method, row.checked_wording)
        # The measured confidence described the flag; once confirmed there is nothing to measure.
        row.anchor_state, row.anchor_similarity, row.anchor_method, row.checked_wording = ANCHORED, None, "", ""
        row.updated_by, row.updated_at = ctx.analyst, ctx.now
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        row = get_claim_row(ctx.session, self.claim_id)
        row.anchor_state, row.anchor_similarity, row.anchor_method, row.checked_wording = self._old
        row.updated_by, row.updated_at = ctx.analyst, ctx.now
        return claims_updated(self.claim_id)


class ReopenClaim(SetStatus):
    """Back to draft to check the claim again; its changed flag and checked wording stay."""

    def __init__(self, claim_id: int) -> None:
        super().__init__(claim_id, DRAFT)
        self.text = REOPEN_TEXT

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        if row.status == DRAFT:
            raise InvalidInput(f"Claim {self.claim_id} is already a draft.")
        return super().apply(ctx)
