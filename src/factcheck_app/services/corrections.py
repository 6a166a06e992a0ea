"""The corrections ledger: published versions, corrections, complaints, and what exports need.

Edits (publish, correct, complaints) are in services/review_edits.py. Here: the question the
GUI and CLI ask before changing a published claim (``needs_correction_note``), the record as
snapshots, overdue complaints and unrecorded corrections for Problems, the corrections log
(``exporters/corrections_log.py`` writes it) and ClaimReview's ``dateModified``.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from sqlalchemy import select

from factcheck_app.domain.claims import PUBLISHED
from factcheck_app.domain.corrections import (
    Complaint,
    PublishedVersion,
    is_correction,
    overdue_problems,
    unrecorded_correction_problems,
)
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.gates import GateProblem
from factcheck_app.exporters.corrections_log import CorrectionEntry
from factcheck_app.services.project import Project
from factcheck_app.storage.orm import ArticleRow, ClaimRow
from factcheck_app.storage.review_orm import ComplaintRow, PublishedVersionRow, complaint_from_row, version_from_row


def published_versions(project: Project, claim_id: int | None = None) -> list[PublishedVersion]:
    """Every published version (of one claim, or all), by claim then number."""
    with project.read_session() as session:
        query = select(PublishedVersionRow).order_by(PublishedVersionRow.claim_id, PublishedVersionRow.number)
        if claim_id is not None:
            query = query.where(PublishedVersionRow.claim_id == claim_id)
        return [version_from_row(row) for row in session.scalars(query)]


def latest_versions(project: Project) -> dict[int, PublishedVersion]:
    latest: dict[int, PublishedVersion] = {}
    for version in published_versions(project):
        latest[version.claim_id] = version
    return latest


def corrected_claims(project: Project) -> dict[int, PublishedVersion]:
    """Claim id → its latest correction, for every claim corrected after publication."""
    return {claim_id: v for claim_id, v in latest_versions(project).items() if v.is_correction}


def needs_correction_note(project: Project, claim_id: int, new_verdict: str | None, new_rationale: str) -> bool:
    """Ask before an edit of a published claim: would it correct what readers saw?

    True when the claim is published now and the new verdict or rationale differs from its
    latest published version (or, published before the record began, from what it says now).
    Then the GUI/CLI asks for a note and applies ``RecordCorrection(claim_id, note, verdict=…,
    rationale=…)`` instead of a plain edit.
    """
    claim = project.claim(claim_id)
    if claim.status != PUBLISHED:
        return False
    versions = published_versions(project, claim_id)
    if versions:
        return is_correction(versions[-1], new_verdict, new_rationale)
    return new_verdict != claim.verdict or " ".join(new_rationale.split()) != " ".join(claim.rationale.split())


def complaints(project: Project, claim_id: int | None = None, *, open_only: bool = False) -> list[Complaint]:
    with project.read_session() as session:
        query = select(ComplaintRow).order_by(ComplaintRow.due, ComplaintRow.id)
        if claim_id is not None:
            query = query.where(ComplaintRow.claim_id == claim_id)
        if open_only:
            query = query.where(ComplaintRow.closed_at.is_(None))
        return [complaint_from_row(row) for row in session.scalars(query)]


def complaint(project: Project, complaint_id: int) -> Complaint:
    with project.read_session() as session:
        row = session.get(ComplaintRow, complaint_id)
        if row is None:
            raise NotFound(f"There is no complaint with id {complaint_id} in this project.")
        return complaint_from_row(row)


def _quotes(project: Project, claim_ids: set[int]) -> dict[int, str]:
    if not claim_ids:
        return {}
    with project.read_session() as session:
        rows = session.execute(select(ClaimRow.id, ClaimRow.exact).where(ClaimRow.id.in_(claim_ids)))
        return {int(i): str(q) for i, q in rows}


def overdue_complaints(project: Project, today: date) -> list[GateProblem]:
    """Open complaints past their due date, as Problems entries (rule ``complaint_overdue``)."""
    open_ones = complaints(project, open_only=True)
    late = [c for c in open_ones if c.is_overdue(today)]
    return overdue_problems(late, today, _quotes(project, {c.claim_id for c in late}))


def unrecorded_corrections(project: Project) -> list[GateProblem]:
    """Published claims changed since publication without a correction note (rule ``correction_note``)."""
    latest = latest_versions(project)
    with project.read_session() as session:
        rows = session.execute(
            select(ClaimRow.id, ClaimRow.exact, ClaimRow.verdict, ClaimRow.rationale).where(
                ClaimRow.status == PUBLISHED, ClaimRow.id.in_(list(latest))
            )
        ).all()
    return unrecorded_correction_problems(((int(i), q, v, r) for i, q, v, r in rows), latest)


def corrections_log(project: Project) -> list[CorrectionEntry]:
    """Every correction, newest first: what a desk publishes as its corrections page.

    A claim deleted after it was corrected stays in the log (its quote unknown then).
    """
    versions = published_versions(project)
    by_claim: dict[int, list[PublishedVersion]] = {}
    for version in versions:
        by_claim.setdefault(version.claim_id, []).append(version)
    with project.read_session() as session:
        claims = {row.id: row for row in session.scalars(select(ClaimRow).where(ClaimRow.id.in_(list(by_claim))))}
        articles = {
            int(i): (str(t), str(u))
            for i, t, u in session.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.url).where(
                    ArticleRow.id.in_({c.article_id for c in claims.values()})
                )
            )
        }
        entries: list[CorrectionEntry] = []
        for claim_id, history in by_claim.items():
            claim = claims.get(claim_id)
            title, url = articles.get(claim.article_id, ("", "")) if claim is not None else ("", "")
            for before, after in pairwise(history):
                entries.append(
                    CorrectionEntry(
                        claim_id=claim_id,
                        quote=claim.exact if claim is not None else "",
                        restated=after.restated,
                        claimant=claim.claimant if claim is not None else "",
                        article_title=title,
                        article_url=url,
                        first_published=history[0].published_at,
                        corrected_at=after.corrected_at or after.published_at,
                        corrected_by=after.corrected_by or after.published_by,
                        verdict_before=before.verdict,
                        verdict_after=after.verdict,
                        rationale_changed=" ".join(before.rationale.split()) != " ".join(after.rationale.split()),
                        note=after.correction_note,
                        version=after.number,
                    )
                )
    entries.sort(key=lambda e: (e.corrected_at, e.claim_id, e.version), reverse=True)
    return entries


def claimreview_corrections(project: Project) -> dict[int, tuple[str, str]]:
    """Claim id → (dateModified, correction note) of its latest correction, for ClaimReview.

    dateModified is an ISO 8601 date (as the exporter writes datePublished).
    """
    return {
        claim_id: ((v.corrected_at or v.published_at).date().isoformat(), v.correction_note)
        for claim_id, v in corrected_claims(project).items()
    }
