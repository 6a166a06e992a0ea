"""Edits of the review record: second verdicts, resolutions, publication, corrections, complaints.

Each is an ``Edit`` like those of services/edits.py, so the GUI's undo stack, the CLI and
the history treat them alike: ``Project.apply`` runs one in a short write transaction and
logs the claim it concerns (the history's action text says what was done, by whom).

Concurrency (PostgreSQL team mode): a write to the claim row itself (a resolution's verdict,
a corrected verdict or rationale, the status) goes through the claim's version column and
``based_on`` like every claim edit. The review tables have no version column: rows are
locked (``FOR UPDATE``) and each edit checks that a row is still as it saw or left it
(``Edit._guard``), so undoing an answered request, or answering one twice, is a conflict
instead of a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factcheck_app.domain.claims import MAX_RATIONALE_CHARS, PUBLISHED
from factcheck_app.domain.corrections import Complaint, due_date, is_correction
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.changes import Changes, claims_updated
from factcheck_app.services.edits import Edit, EditContext, SetStatus
from factcheck_app.storage.orm import ClaimRow, SettingRow
from factcheck_app.storage.repositories import load_scale
from factcheck_app.storage.review_orm import (
    ANSWERED,
    REQUESTED,
    ComplaintRow,
    PublishedVersionRow,
    ResolutionRow,
    SecondOpinionRow,
    version_from_row,
    version_snapshot,
)

MAX_NOTE_CHARS = 10_000
_KEEP: object = object()  # RecordCorrection: leave the verdict or rationale as it is


def clean_name(name: str) -> str:
    return " ".join(name.split())


def _required_text(text: str, what: str, limit: int = MAX_NOTE_CHARS) -> str:
    text = text.strip()
    if not text:
        raise InvalidInput(f"Write {what}.")
    if len(text) > limit:
        raise InvalidInput(f"{what[0].upper()}{what[1:]} is longer than {limit:,} characters.")
    return text


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _claim(session: Session, claim_id: int, *, lock: bool = False) -> ClaimRow:
    row = session.get(ClaimRow, claim_id, with_for_update=lock or None)
    if row is None:
        raise InvalidInput(f"There is no claim {claim_id} in this project (it may have been deleted).")
    return row


def _stamp(row: ClaimRow, ctx: EditContext) -> None:
    row.updated_by = ctx.analyst
    row.updated_at = ctx.now


def _locked(session: Session, kind: type, row_id: int | None, what: str) -> Any:
    row = session.get(kind, row_id, with_for_update=True) if row_id is not None else None
    if row is None:
        raise InvalidInput(f"{what} no longer exists in this project.")
    return row


# -- blind second verdicts -------------------------------------------------------------


def open_request(session: Session, claim_id: int) -> SecondOpinionRow | None:
    query = select(SecondOpinionRow).where(SecondOpinionRow.claim_id == claim_id, SecondOpinionRow.state == REQUESTED)
    return session.scalars(query).first()


def why_not_requestable(session: Session, claim: ClaimRow, analyst: str) -> str | None:
    """Why ``analyst`` cannot be asked for a blind second verdict on this claim (None: they can)."""
    if not analyst:
        return "Name the analyst who gives the second verdict."
    if analyst.casefold() in {claim.created_by.casefold(), claim.assignee.casefold()}:
        return f"{analyst} wrote or was assigned claim {claim.id}: a second verdict needs another analyst."
    pending = open_request(session, claim.id)
    if pending is not None:
        return f"Claim {claim.id} already waits for a second verdict from {pending.analyst}."
    return None


class RequestSecondOpinions(Edit):
    """Ask a named analyst for a blind second verdict on one claim or a batch (one undo step)."""

    def __init__(self, claim_ids: Sequence[int], analyst: str) -> None:
        self.claim_ids = tuple(dict.fromkeys(claim_ids))
        if not self.claim_ids:
            raise InvalidInput("Choose at least one claim for a second verdict.")
        self.analyst = clean_name(analyst)
        if not self.analyst:
            raise InvalidInput("Name the analyst who gives the second verdict.")
        self.opinion_ids: list[int] = []
        many = f" on {len(self.claim_ids)} claims" if len(self.claim_ids) > 1 else ""
        self.text = f"Ask {self.analyst} for a blind second verdict{many}"

    def apply(self, ctx: EditContext) -> Changes:
        created: list[int] = []
        for index, claim_id in enumerate(self.claim_ids):
            claim = _claim(ctx.session, claim_id, lock=True)  # two analysts asking at once: one waits
            reason = why_not_requestable(ctx.session, claim, self.analyst)
            if reason is not None:
                raise InvalidInput(reason)
            row = SecondOpinionRow(
                id=self.opinion_ids[index] if index < len(self.opinion_ids) else None,
                claim_id=claim_id,
                analyst=self.analyst,
                requested_by=ctx.analyst,
                requested_at=ctx.now,
                state=REQUESTED,
            )
            ctx.session.add(row)
            ctx.session.flush()
            created.append(row.id)
        self.opinion_ids = created
        return claims_updated(*self.claim_ids)

    def revert(self, ctx: EditContext) -> Changes:
        for opinion_id in self.opinion_ids:
            row = ctx.session.get(SecondOpinionRow, opinion_id, with_for_update=True)
            if row is None:
                continue
            self._guard(
                row.state == REQUESTED,
                what="The request for a second verdict",
                undo=True,
                detail=f"{row.analyst} has answered it since; undoing would discard their verdict.",
            )
            ctx.session.delete(row)
        return claims_updated(*self.claim_ids)


class AnswerSecondOpinion(Edit):
    """The second analyst's own verdict and rationale, given blind.

    The claim's verdict and rationale at this moment are copied beside it: that pair is what
    agreement is measured on, whatever the claim becomes afterwards.
    """

    def __init__(self, opinion_id: int, verdict: str, rationale: str) -> None:
        self.opinion_id = opinion_id
        self.verdict = verdict
        self.rationale = _required_text(rationale, "the reasons for your verdict (the rationale)", MAX_RATIONALE_CHARS)
        self.text = f"Blind second verdict: {' '.join(verdict.split())}"
        self.claim_id: int | None = None
        self._given: tuple[str, str, datetime] | None = None

    def apply(self, ctx: EditContext) -> Changes:
        row: SecondOpinionRow = _locked(ctx.session, SecondOpinionRow, self.opinion_id, "This request")
        if ctx.analyst.casefold() != row.analyst.casefold():
            raise InvalidInput(f"Only {row.analyst} was asked for this second verdict.")
        self._guard(
            row.state == REQUESTED,
            what="The request for a second verdict",
            undo=False,
            detail="It was answered meanwhile.",
        )
        verdict = load_scale(ctx.session).resolve(self.verdict)
        if verdict is None:
            raise InvalidInput("Give a verdict.")
        claim = _claim(ctx.session, row.claim_id)
        row.first_analyst = claim.assignee or claim.created_by
        row.first_verdict = claim.verdict
        row.first_rationale = claim.rationale
        row.verdict, row.rationale, row.answered_at, row.state = verdict, self.rationale, ctx.now, ANSWERED
        self.claim_id = row.claim_id
        self._given = (verdict, self.rationale, ctx.now)
        return claims_updated(row.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._given is not None
        row: SecondOpinionRow = _locked(ctx.session, SecondOpinionRow, self.opinion_id, "This second verdict")
        resolved = ctx.session.scalars(select(ResolutionRow.id).where(ResolutionRow.opinion_id == row.id)).first()
        self._guard(
            row.state == ANSWERED and (row.verdict, row.rationale, row.answered_at) == self._given and resolved is None,
            what="The second verdict",
            undo=True,
            detail="It was resolved or changed since; undo that first.",
        )
        row.state, row.verdict, row.rationale, row.answered_at = REQUESTED, None, "", None
        row.first_analyst, row.first_verdict, row.first_rationale = "", None, ""
        return claims_updated(row.claim_id)


class ResolveDisagreement(Edit):
    """Which verdict stands after a disagreement, who decided and why; the claim takes it."""

    fields = {"claim": ("verdict",)}

    def __init__(self, opinion_id: int, verdict: str, reason: str) -> None:
        self.opinion_id = opinion_id
        self.verdict = verdict
        self.reason = _required_text(reason, "why this verdict stands")
        self.resolution_id: int | None = None
        self.claim_id: int | None = None
        self._old_verdict: str | None = None
        self._changed_claim = False
        self.text = f"Resolve disagreement: {' '.join(verdict.split())} — {_short(self.reason)}"

    def proposed(self, undo: bool) -> dict[str, object]:
        return {"verdict": self._old_verdict if undo else self.verdict}

    def apply(self, ctx: EditContext) -> Changes:
        opinion: SecondOpinionRow = _locked(ctx.session, SecondOpinionRow, self.opinion_id, "This second verdict")
        if opinion.state != ANSWERED:
            raise InvalidInput("The second verdict is not in yet: there is nothing to resolve.")
        chosen = load_scale(ctx.session).resolve(self.verdict)
        if chosen is None:
            raise InvalidInput("Choose the verdict that stands.")
        claim = _claim(ctx.session, opinion.claim_id)
        if opinion.first_verdict == opinion.verdict == claim.verdict == chosen:
            raise InvalidInput("The two verdicts agree: there is nothing to resolve.")
        row = ResolutionRow(
            id=self.resolution_id,
            opinion_id=opinion.id,
            claim_id=opinion.claim_id,
            resolved_by=ctx.analyst,
            resolved_at=ctx.now,
            verdict=chosen,
            reason=self.reason,
        )
        ctx.session.add(row)
        self._old_verdict = claim.verdict
        self._changed_claim = claim.verdict != chosen
        if self._changed_claim:
            claim.verdict = chosen
            _stamp(claim, ctx)
        ctx.session.flush()
        self.resolution_id, self.claim_id = row.id, opinion.claim_id
        return claims_updated(opinion.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self.claim_id is not None
        row = ctx.session.get(ResolutionRow, self.resolution_id, with_for_update=True)
        if row is not None:
            ctx.session.delete(row)
        if self._changed_claim:  # the claim's version was checked by Project (based on what we left)
            claim = _claim(ctx.session, self.claim_id)
            claim.verdict = self._old_verdict
            _stamp(claim, ctx)
        return claims_updated(self.claim_id)


# -- publication and corrections --------------------------------------------------------


def latest_version_row(session: Session, claim_id: int) -> PublishedVersionRow | None:
    query = (
        select(PublishedVersionRow)
        .where(PublishedVersionRow.claim_id == claim_id)
        .order_by(PublishedVersionRow.number.desc(), PublishedVersionRow.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


def _guard_latest(edit: Edit, session: Session, version_id: int | None, claim_id: int) -> PublishedVersionRow | None:
    """Undo of a publication or correction: only while its version is still the latest."""
    if version_id is None:
        return None
    row = session.get(PublishedVersionRow, version_id, with_for_update=True)
    if row is None:
        return None
    newest = session.scalar(
        select(func.max(PublishedVersionRow.number)).where(PublishedVersionRow.claim_id == claim_id)
    )
    edit._guard(
        newest == row.number,
        what="The published claim",
        undo=True,
        detail="It was corrected again since; undo the later correction first.",
    )
    return row


class PublishClaim(SetStatus):
    """Set a claim to published and keep the version readers see.

    Publishing again after the claim went back to draft with a changed verdict or rationale
    is a correction: it needs ``note`` (what changed, why). Publishing again unchanged adds
    no version.
    """

    def __init__(self, claim_id: int, note: str = "") -> None:
        super().__init__(claim_id, PUBLISHED)
        self.note = note.strip()
        self.version_id: int | None = None
        if self.note:
            self.text = f"Publish with correction: {_short(self.note)}"

    def apply(self, ctx: EditContext) -> Changes:
        changes = super().apply(ctx)
        claim = _claim(ctx.session, self.claim_id)
        latest = latest_version_row(ctx.session, self.claim_id)
        previous = version_from_row(latest) if latest is not None else None
        corrects = is_correction(previous, claim.verdict, claim.rationale)
        if previous is not None and corrects and not self.note:
            raise InvalidInput(
                f"This claim was published before as “{previous.verdict or 'no verdict'}” with another rationale "
                "or verdict: publishing the change is a correction; write a correction note."
                if previous.verdict == claim.verdict
                else f"This claim was published before as “{previous.verdict or 'no verdict'}”: publishing it as "
                f"“{claim.verdict}” is a correction; write a correction note."
            )
        if self.note and not corrects:
            raise InvalidInput(
                "Nothing in the verdict or rationale changed since it was published: there is no correction to note."
                if previous is not None
                else "This claim was never published: there is nothing to correct yet."
            )
        if previous is not None and not corrects:
            self.version_id = None
            return changes
        row = PublishedVersionRow(
            id=self.version_id,
            claim_id=self.claim_id,
            number=(previous.number + 1) if previous is not None else 1,
            snapshot=version_snapshot(claim.verdict, claim.rationale, claim.restated),
            published_at=ctx.now,
            published_by=ctx.analyst,
            correction_note=self.note,
            corrected_at=ctx.now if self.note else None,
            corrected_by=ctx.analyst if self.note else "",
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.version_id = row.id
        return changes

    def revert(self, ctx: EditContext) -> Changes:
        row = _guard_latest(self, ctx.session, self.version_id, self.claim_id)
        if row is not None:
            ctx.session.delete(row)
        return super().revert(ctx)


class RecordCorrection(Edit):
    """Correct a published claim openly: the note says what changed and why.

    With ``verdict`` or ``rationale`` the change is made in the same step (one undo); without
    them the claim's current verdict and rationale (changed by edits just before) are what is
    published now. Every earlier published version is kept. A claim published before schema
    0007 has no recorded version: its state before this correction becomes version 1.
    """

    fields = {"claim": ("verdict", "rationale")}

    def __init__(self, claim_id: int, note: str, *, verdict: object = _KEEP, rationale: object = _KEEP) -> None:
        self.claim_id = claim_id
        self.note = _required_text(note, "a correction note (what changed and why)")
        if rationale is not _KEEP:
            if not isinstance(rationale, str):
                raise InvalidInput("The rationale must be text.")
            if len(rationale) > MAX_RATIONALE_CHARS:
                raise InvalidInput(f"The rationale is longer than {MAX_RATIONALE_CHARS:,} characters.")
            rationale = rationale.strip()
        self.verdict = verdict
        self.rationale = rationale
        self.version_id: int | None = None
        self.baseline_id: int | None = None
        self._old: tuple[str | None, str] | None = None
        self.text = f"Correction: {_short(self.note)}"

    def proposed(self, undo: bool) -> dict[str, object]:
        if undo and self._old is not None:
            return {"verdict": self._old[0], "rationale": self._old[1]}
        return {k: v for k, v in (("verdict", self.verdict), ("rationale", self.rationale)) if v is not _KEEP}

    def apply(self, ctx: EditContext) -> Changes:
        claim = _claim(ctx.session, self.claim_id)
        if claim.status != PUBLISHED:
            raise InvalidInput(
                f"Claim {self.claim_id} is not published now: its changes become a correction when it is published again."
            )
        latest = latest_version_row(ctx.session, self.claim_id)
        if latest is None:  # published before the record began: what it is now is what was published
            latest = PublishedVersionRow(
                id=self.baseline_id,
                claim_id=self.claim_id,
                number=1,
                snapshot=version_snapshot(claim.verdict, claim.rationale, claim.restated),
                published_at=claim.approved_at or claim.updated_at,
                published_by=claim.approved_by or claim.updated_by,
            )
            ctx.session.add(latest)
            ctx.session.flush()
            self.baseline_id = latest.id
        self._old = (claim.verdict, claim.rationale)
        if self.verdict is not _KEEP:
            claim.verdict = load_scale(ctx.session).resolve(cast("str | None", self.verdict))
        if self.rationale is not _KEEP:
            claim.rationale = str(self.rationale)
        if not is_correction(version_from_row(latest), claim.verdict, claim.rationale):
            raise InvalidInput(
                "Nothing in the verdict or rationale differs from what was published: there is nothing to correct."
            )
        if (claim.verdict, claim.rationale) != self._old:
            _stamp(claim, ctx)
        row = PublishedVersionRow(
            id=self.version_id,
            claim_id=self.claim_id,
            number=latest.number + 1,
            snapshot=version_snapshot(claim.verdict, claim.rationale, claim.restated),
            published_at=ctx.now,
            published_by=ctx.analyst,
            correction_note=self.note,
            corrected_at=ctx.now,
            corrected_by=ctx.analyst,
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.version_id = row.id
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        row = _guard_latest(self, ctx.session, self.version_id, self.claim_id)
        if row is not None:
            ctx.session.delete(row)
        if self.baseline_id is not None:
            baseline = ctx.session.get(PublishedVersionRow, self.baseline_id, with_for_update=True)
            if baseline is not None:
                ctx.session.delete(baseline)
        claim = _claim(ctx.session, self.claim_id)
        if (claim.verdict, claim.rationale) != self._old:
            claim.verdict, claim.rationale = self._old
            _stamp(claim, ctx)
        return claims_updated(self.claim_id)


# -- complaints -------------------------------------------------------------------------


def _setting(session: Session, key: str) -> dict[str, str]:
    row = session.get(SettingRow, key)
    return {key: row.value} if row is not None else {}


@dataclass(frozen=True, slots=True)
class _ComplaintState:
    handling: str
    outcome: str
    closed_at: datetime | None

    @classmethod
    def of(cls, row: ComplaintRow | Complaint) -> _ComplaintState:
        return cls(row.handling, row.outcome, row.closed_at)


class AddComplaint(Edit):
    """Record a complaint against a published claim; it is due within the project's working days."""

    def __init__(
        self, claim_id: int, complainant: str, what: str, *, channel: str = "", received_at: datetime | None = None
    ) -> None:
        self.claim_id = claim_id
        self.complainant = _required_text(" ".join(complainant.split()), "who complained", 500)
        self.what = _required_text(what, "what the complaint says")
        self.channel = " ".join(channel.split())[:100]
        self.received_at = received_at
        self.complaint_id: int | None = None
        self.due: date | None = None
        self.text = f"Complaint from {self.complainant}" + (f" ({self.channel})" if self.channel else "")

    def apply(self, ctx: EditContext) -> Changes:
        from factcheck_app.domain.corrections import COMPLAINT_DAYS_SETTING

        claim = _claim(ctx.session, self.claim_id)
        if claim.status != PUBLISHED and latest_version_row(ctx.session, self.claim_id) is None:
            raise InvalidInput(f"Claim {self.claim_id} was never published: a complaint is about a published claim.")
        received = self.received_at or ctx.now
        row = ComplaintRow(
            id=self.complaint_id,
            claim_id=self.claim_id,
            complainant=self.complainant,
            received_at=received,
            channel=self.channel,
            what=self.what,
            due=due_date(received, _setting(ctx.session, COMPLAINT_DAYS_SETTING)),
            recorded_by=ctx.analyst,
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.complaint_id, self.due = row.id, row.due
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(ComplaintRow, self.complaint_id, with_for_update=True)
        if row is not None:
            self._guard(
                _ComplaintState.of(row) == _ComplaintState("", "", None),
                what="The complaint",
                undo=True,
                detail="It was handled or closed since; undoing would discard that.",
            )
            ctx.session.delete(row)
        return claims_updated(self.claim_id)


class HandleComplaint(Edit):
    """Note how a complaint is being handled and what came of it (still open)."""

    def __init__(
        self,
        complaint_id: int,
        *,
        handling: str | None = None,
        outcome: str | None = None,
        seen: Complaint | None = None,
    ) -> None:
        if handling is None and outcome is None:
            raise InvalidInput("Say how the complaint is handled, or its outcome.")
        self.complaint_id = complaint_id
        self.handling = handling.strip() if handling is not None else None
        self.outcome = outcome.strip() if outcome is not None else None
        self._seen = _ComplaintState.of(seen) if seen is not None else None
        self._before: _ComplaintState | None = None
        self._after: _ComplaintState | None = None
        self.claim_id: int | None = None
        self.text = "Handle complaint"

    def apply(self, ctx: EditContext) -> Changes:
        row: ComplaintRow = _locked(ctx.session, ComplaintRow, self.complaint_id, "This complaint")
        expected = self._before if self._before is not None else self._seen
        if expected is not None:
            self._guard(_ComplaintState.of(row) == expected, what="The complaint", undo=False, detail="")
        self._before = _ComplaintState.of(row)
        if self.handling is not None:
            row.handling = self.handling
        if self.outcome is not None:
            row.outcome = self.outcome
        self._after = _ComplaintState.of(row)
        self.claim_id = row.claim_id
        return claims_updated(row.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._before is not None
        row: ComplaintRow = _locked(ctx.session, ComplaintRow, self.complaint_id, "This complaint")
        self._guard(_ComplaintState.of(row) == self._after, what="The complaint", undo=True, detail="")
        row.handling, row.outcome = self._before.handling, self._before.outcome
        return claims_updated(row.claim_id)


class CloseComplaint(Edit):
    """Close a complaint with its outcome (what was decided, and any correction made)."""

    def __init__(self, complaint_id: int, outcome: str | None = None) -> None:
        self.complaint_id = complaint_id
        self.outcome = outcome.strip() if outcome is not None else None
        self._old_outcome = ""
        self._closed_at: datetime | None = None
        self.text = "Close complaint"

    def apply(self, ctx: EditContext) -> Changes:
        row: ComplaintRow = _locked(ctx.session, ComplaintRow, self.complaint_id, "This complaint")
        if row.closed_at is not None:
            raise InvalidInput(f"The complaint from {row.complainant} was already closed by {row.closed_by}.")
        outcome = self.outcome if self.outcome else row.outcome
        if not outcome:
            raise InvalidInput("Say the outcome before closing the complaint.")
        self._old_outcome = row.outcome
        row.outcome, row.closed_at, row.closed_by = outcome, ctx.now, ctx.analyst
        self._closed_at = ctx.now
        return claims_updated(row.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row: ComplaintRow = _locked(ctx.session, ComplaintRow, self.complaint_id, "This complaint")
        self._guard(row.closed_at == self._closed_at, what="The complaint", undo=True, detail="")
        row.outcome, row.closed_at, row.closed_by = self._old_outcome, None, ""
        return claims_updated(row.claim_id)
