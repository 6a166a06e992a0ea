"""Blind second verdicts: ask, show blind, compare, resolve, and the optional approval rule.

The edits live in services/review_edits.py; this module is what the GUI and the CLI read:
the second checker's blind view, the pending requests, the side-by-side comparison once both
verdicts are in, and the rule "approval needs a second verdict that agrees, or a recorded
resolution" (off unless the project turns on ``gate.second_opinion``).

NOTE on blindness: the app shows the second checker only ``BlindClaim`` (the quote, the
restated claim, the evidence). It cannot stop someone who opens the claim's history or the
project file with another tool; it is a working rule made easy to keep, not a secret.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck_app.domain.agreement import Resolution, SecondOpinion
from factcheck_app.domain.claims import APPROVED, PUBLISHED
from factcheck_app.domain.errors import InvalidInput, NotFound
from factcheck_app.domain.gates import GateProblem
from factcheck_app.services.project import Project
from factcheck_app.services.review_edits import RequestSecondOpinions, clean_name, why_not_requestable
from factcheck_app.storage.orm import ClaimRow, SettingRow
from factcheck_app.storage.review_orm import (
    ANSWERED,
    REQUESTED,
    ResolutionRow,
    SecondOpinionRow,
    opinion_from_row,
    resolution_from_row,
)

RULE_SETTING = "gate.second_opinion"  # "on" turns the rule on; off by default
RULE = "second_opinion"


# -- asking -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SecondOpinionPlan:
    """What asking for second verdicts on a batch would do: the edit, and the claims left out."""

    edit: RequestSecondOpinions | None  # None when no claim of the batch can be asked about
    skipped: Mapping[int, str]  # claim id → why not


def plan_second_opinions(project: Project, claim_ids: Iterable[int], analyst: str) -> SecondOpinionPlan:
    """For a batch chosen by a filter: ask about the claims that can be, say why not for the rest."""
    analyst = clean_name(analyst)
    if not analyst:
        raise InvalidInput("Name the analyst who gives the second verdict.")
    wanted = list(dict.fromkeys(claim_ids))
    ok: list[int] = []
    skipped: dict[int, str] = {}
    with project.read_session() as session:
        for claim_id in wanted:
            row = session.get(ClaimRow, claim_id)
            reason = (
                f"There is no claim {claim_id} in this project."
                if row is None
                else why_not_requestable(session, row, analyst)
            )
            if reason is None:
                ok.append(claim_id)
            else:
                skipped[claim_id] = reason
    return SecondOpinionPlan(RequestSecondOpinions(ok, analyst) if ok else None, skipped)


# -- what the second checker sees -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlindEvidence:
    """A cited source as the second checker sees it: what it is and the passage, not the
    first analyst's reading of it (stance) nor the library's note about it."""

    title: str
    url: str
    publisher: str
    author: str
    published: date | None
    kind: str
    excerpt: str
    location: str


@dataclass(frozen=True, slots=True)
class BlindClaim:
    """Everything that may be shown to the second checker, and nothing else."""

    opinion_id: int
    claim_id: int
    analyst: str  # who is asked
    quote: str
    context_before: str
    context_after: str
    restated: str
    claimant: str
    claim_date: date | None
    article_title: str
    article_url: str
    evidence: tuple[BlindEvidence, ...]
    verdicts: tuple[str, ...]  # the scale to choose from


def blind_view(project: Project, opinion_id: int) -> BlindClaim:
    """The claim as the second checker may see it: never the first verdict or rationale."""
    opinion = second_opinion(project, opinion_id)
    claim = project.claim(opinion.claim_id)
    article = project.article(claim.article_id)
    return BlindClaim(
        opinion_id=opinion.id,
        claim_id=claim.id,
        analyst=opinion.analyst,
        quote=claim.quote,
        context_before=claim.anchor.prefix,
        context_after=claim.anchor.suffix,
        restated=claim.restated,
        claimant=claim.claimant,
        claim_date=claim.claim_date,
        article_title=article.title,
        article_url=article.url,
        evidence=tuple(
            BlindEvidence(
                title=item.source.title,
                url=item.source.url,
                publisher=item.source.publisher,
                author=item.source.author,
                published=item.source.published,
                kind=item.source.kind,
                excerpt=item.excerpt,
                location=item.location,
            )
            for item in claim.evidence
        ),
        verdicts=project.verdict_scale().labels,
    )


# -- reading the record -----------------------------------------------------------------


def second_opinion(project: Project, opinion_id: int) -> SecondOpinion:
    with project.read_session() as session:
        row = session.get(SecondOpinionRow, opinion_id)
        if row is None:
            raise NotFound(f"There is no request for a second verdict with id {opinion_id}.")
        return opinion_from_row(row)


def second_opinions(project: Project, claim_id: int | None = None) -> list[SecondOpinion]:
    """Every request (of one claim, or all), oldest first."""
    with project.read_session() as session:
        query = select(SecondOpinionRow).order_by(SecondOpinionRow.id)
        if claim_id is not None:
            query = query.where(SecondOpinionRow.claim_id == claim_id)
        return [opinion_from_row(row) for row in session.scalars(query)]


def pending_requests(project: Project, analyst: str | None = None) -> list[SecondOpinion]:
    """Requests still waiting (for one analyst: their queue)."""
    pending = [o for o in second_opinions(project) if o.state == REQUESTED]
    if analyst is not None:
        pending = [o for o in pending if o.analyst.casefold() == clean_name(analyst).casefold()]
    return pending


def resolutions(project: Project, claim_id: int | None = None) -> list[Resolution]:
    with project.read_session() as session:
        query = select(ResolutionRow).order_by(ResolutionRow.id)
        if claim_id is not None:
            query = query.where(ResolutionRow.claim_id == claim_id)
        return [resolution_from_row(row) for row in session.scalars(query)]


@dataclass(frozen=True, slots=True)
class SideBySide:
    """Both verdicts of a claim once the second is in, with the resolution if one was made."""

    opinion: SecondOpinion
    current_verdict: str | None  # the claim's verdict now
    resolution: Resolution | None

    @property
    def agree(self) -> bool:
        return self.opinion.first_verdict == self.opinion.verdict

    @property
    def settled(self) -> bool:
        """Agreed, or resolved (the latest resolution is what the claim says now)."""
        if self.resolution is not None:
            return self.resolution.verdict == self.current_verdict
        return self.agree and self.opinion.verdict == self.current_verdict


def _side_by_side(session: Session, opinion: SecondOpinionRow) -> SideBySide:
    claim = session.get(ClaimRow, opinion.claim_id)
    latest = session.scalars(
        select(ResolutionRow).where(ResolutionRow.opinion_id == opinion.id).order_by(ResolutionRow.id.desc())
    ).first()
    return SideBySide(
        opinion_from_row(opinion),
        claim.verdict if claim is not None else None,
        resolution_from_row(latest) if latest is not None else None,
    )


def _latest_answered(session: Session, claim_id: int) -> SecondOpinionRow | None:
    query = (
        select(SecondOpinionRow)
        .where(SecondOpinionRow.claim_id == claim_id, SecondOpinionRow.state == ANSWERED)
        .order_by(SecondOpinionRow.answered_at.desc(), SecondOpinionRow.id.desc())
    )
    return session.scalars(query).first()


def side_by_side(project: Project, claim_id: int) -> SideBySide:
    """The latest pair of verdicts of a claim; refused while the second is not in (blindness)."""
    with project.read_session() as session:
        row = _latest_answered(session, claim_id)
        if row is None:
            pending = session.scalars(
                select(SecondOpinionRow).where(
                    SecondOpinionRow.claim_id == claim_id, SecondOpinionRow.state == REQUESTED
                )
            ).first()
            if pending is not None:
                raise InvalidInput(f"The second verdict from {pending.analyst} is not in yet.")
            raise InvalidInput(f"Claim {claim_id} has no second verdict.")
        return _side_by_side(session, row)


def disagreements(project: Project, *, unsettled_only: bool = True) -> list[SideBySide]:
    """Claims whose two verdicts differ (only those not resolved yet, unless asked for all)."""
    with project.read_session() as session:
        answered = session.scalars(
            select(SecondOpinionRow).where(SecondOpinionRow.state == ANSWERED).order_by(SecondOpinionRow.id)
        ).all()
        latest: dict[int, SecondOpinionRow] = {}
        for row in answered:
            latest[row.claim_id] = row
        found = [_side_by_side(session, row) for row in latest.values()]
    found = [s for s in found if not s.agree or s.resolution is not None]
    return [s for s in found if not s.settled] if unsettled_only else found


# -- the approval rule ------------------------------------------------------------------


def rule_is_on(settings: Mapping[str, str]) -> bool:
    return settings.get(RULE_SETTING, "off") == "on"


def approval_refusal(session: Session, claim_id: int) -> str | None:
    """Why the project's second-verdict rule refuses approving this claim now (None: it allows).

    For ``SetStatus.apply`` (services/edits.py) inside its own transaction, so the rule is
    checked against what is committed at the moment of approval.
    """
    setting = session.get(SettingRow, RULE_SETTING)
    if setting is None or not rule_is_on({RULE_SETTING: setting.value}):
        return None
    claim = session.get(ClaimRow, claim_id)
    if claim is None:
        return None
    return _refusal(session, claim)


def _refusal(session: Session, claim: ClaimRow) -> str | None:
    pending = session.scalars(
        select(SecondOpinionRow).where(SecondOpinionRow.claim_id == claim.id, SecondOpinionRow.state == REQUESTED)
    ).first()
    if pending is not None:
        return f"This claim waits for a blind second verdict from {pending.analyst}; approve it once that is in."
    row = _latest_answered(session, claim.id)
    if row is None:
        return "This project's rule: approval needs a blind second verdict. Ask another analyst for one first."
    pair = _side_by_side(session, row)
    if pair.settled:
        return None
    if pair.resolution is not None:
        return (
            f"The disagreement was resolved as “{pair.resolution.verdict}”, but the claim now says "
            f"“{claim.verdict or 'no verdict'}”: resolve it again before approving."
        )
    return (
        f"The second verdict (“{row.verdict}”, by {row.analyst}) differs from this claim's "
        f"(“{claim.verdict or 'no verdict'}”): record a resolution before approving."
    )


def second_opinion_gate(project: Project, claim_id: int) -> str | None:
    """The rule for one claim, as a message, or None when approving is allowed."""
    with project.read_session() as session:
        return approval_refusal(session, claim_id)


def second_opinion_problems(project: Project) -> list[GateProblem]:
    """Approved or published claims the rule would refuse now (for the Problems list)."""
    found: list[GateProblem] = []
    with project.read_session() as session:
        setting = session.get(SettingRow, RULE_SETTING)
        if setting is None or not rule_is_on({RULE_SETTING: setting.value}):
            return found
        query = select(ClaimRow).where(ClaimRow.status.in_((APPROVED, PUBLISHED))).order_by(ClaimRow.id)
        for claim in session.scalars(query):
            reason = _refusal(session, claim)
            if reason is not None:
                quote = claim.exact if len(claim.exact) <= 60 else claim.exact[:59] + "…"
                found.append(GateProblem(claim.id, RULE, f"“{quote}” is {claim.status}, but: {reason}"))
    return found
