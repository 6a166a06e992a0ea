"""Tables of the review record: blind second verdicts, their resolutions, published versions
and corrections, complaints (issue #17).

They live beside ``orm.py`` on the same ``Base``; ``storage/schema.py`` imports this module so
that every use of ``Base.metadata`` (the schema check, copies, value checks) knows them.

NOTE: ``claim_id`` here is a plain indexed integer, not a foreign key. The record outlives
its claim on purpose: undoing a deleted claim (which comes back with the same id, ids are
never reused) finds its second verdicts and published versions again, and the corrections
log keeps the published history of a claim that was later deleted (a retraction is part of
an honest record). The services check that a claim exists before they write about it.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from factcheck_app.domain.agreement import Resolution, SecondOpinion
from factcheck_app.domain.corrections import Complaint, PublishedVersion
from factcheck_app.storage.orm import NEVER_REUSE_IDS, Base, Date, DateTime

REQUESTED, ANSWERED = "requested", "answered"


class SecondOpinionRow(Base):
    """A blind second verdict: asked of a named analyst, answered without seeing the first.

    ``first_*`` are copied from the claim when the second verdict comes in, so the pair that
    agreement is measured on stays as it was, whatever happens to the claim afterwards.
    """

    __tablename__ = "second_opinions"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    analyst: Mapped[str] = mapped_column(String(200))  # asked for the second verdict
    requested_by: Mapped[str] = mapped_column(String(200))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    state: Mapped[str] = mapped_column(String(20), default=REQUESTED, server_default=REQUESTED)
    verdict: Mapped[str | None] = mapped_column(Text, nullable=True)
    rationale: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    first_analyst: Mapped[str] = mapped_column(String(200), default="", server_default="")
    first_verdict: Mapped[str | None] = mapped_column(Text, nullable=True)
    first_rationale: Mapped[str] = mapped_column(Text, default="", server_default="")


class ResolutionRow(Base):
    """Which verdict stands after a disagreement, who decided and why."""

    __tablename__ = "second_opinion_resolutions"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("second_opinions.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    resolved_by: Mapped[str] = mapped_column(String(200))
    resolved_at: Mapped[datetime] = mapped_column(DateTime)
    verdict: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class PublishedVersionRow(Base):
    """One published state of a claim: number 1 is the first publication, every later one a
    correction (with its note). Rows are only added; undo removes the one its edit added."""

    __tablename__ = "published_versions"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(Text)  # JSON: verdict, rationale, restated as published
    published_at: Mapped[datetime] = mapped_column(DateTime)
    published_by: Mapped[str] = mapped_column(String(200))
    correction_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    corrected_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    corrected_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


class ComplaintRow(Base):
    """A complaint about a published claim, from receipt to its outcome."""

    __tablename__ = "complaints"
    __table_args__ = NEVER_REUSE_IDS
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(Integer, index=True)
    complainant: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(100), default="", server_default="")
    what: Mapped[str] = mapped_column(Text)
    handling: Mapped[str] = mapped_column(Text, default="", server_default="")
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    due: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    closed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")


# -- rows → snapshots (the services hand these out; rows never leave storage/services) --------


def opinion_from_row(row: SecondOpinionRow) -> SecondOpinion:
    return SecondOpinion(
        id=row.id,
        claim_id=row.claim_id,
        analyst=row.analyst,
        requested_by=row.requested_by,
        requested_at=row.requested_at,
        state=row.state,
        verdict=row.verdict,
        rationale=row.rationale,
        answered_at=row.answered_at,
        first_analyst=row.first_analyst,
        first_verdict=row.first_verdict,
        first_rationale=row.first_rationale,
    )


def resolution_from_row(row: ResolutionRow) -> Resolution:
    return Resolution(row.id, row.opinion_id, row.claim_id, row.resolved_by, row.resolved_at, row.verdict, row.reason)


def version_from_row(row: PublishedVersionRow) -> PublishedVersion:
    try:
        snapshot = json.loads(row.snapshot)
    except (TypeError, ValueError):
        snapshot = {}
    if not isinstance(snapshot, dict):
        snapshot = {}
    verdict = snapshot.get("verdict")
    return PublishedVersion(
        id=row.id,
        claim_id=row.claim_id,
        number=row.number,
        verdict=verdict if isinstance(verdict, str) else None,
        rationale=str(snapshot.get("rationale") or ""),
        restated=str(snapshot.get("restated") or ""),
        published_at=row.published_at,
        published_by=row.published_by,
        correction_note=row.correction_note,
        corrected_at=row.corrected_at,
        corrected_by=row.corrected_by,
    )


def version_snapshot(verdict: str | None, rationale: str, restated: str) -> str:
    """The JSON kept for a published version: what readers saw."""
    return json.dumps({"verdict": verdict, "rationale": rationale, "restated": restated}, ensure_ascii=False)


def complaint_from_row(row: ComplaintRow) -> Complaint:
    return Complaint(
        id=row.id,
        claim_id=row.claim_id,
        complainant=row.complainant,
        received_at=row.received_at,
        channel=row.channel,
        what=row.what,
        handling=row.handling,
        outcome=row.outcome,
        due=row.due,
        recorded_by=row.recorded_by,
        closed_at=row.closed_at,
        closed_by=row.closed_by,
    )
