"""Claims: a statement in an article, and what the analyst found about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from factcheck_app.domain.anchors import Anchor
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Evidence, Source
from factcheck_app.domain.verdicts import VerdictScale

MAX_RATIONALE_CHARS = 100_000


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    article_id: int
    anchor: Anchor
    tags: tuple[str, ...]
    verdict: str | None
    rationale: str
    sources: tuple[Source, ...]
    created_by: str
    created_at: datetime
    updated_by: str
    updated_at: datetime
    version: int
    anchor_state: str = "anchored"
    restated: str = ""  # the claim in neutral words, as ClaimReview's claimReviewed
    claimant: str = ""  # who made the claim (person or organisation)
    claim_date: date | None = None
    status: str = "draft"
    assignee: str = ""
    reviewer: str = ""
    approved_by: str = ""
    approved_at: datetime | None = None
    evidence: tuple[Evidence, ...] = ()  # the sources with what each shows (same order as sources)

    @property
    def quote(self) -> str:
        return self.anchor.exact


DRAFT, IN_REVIEW, APPROVED, PUBLISHED = "draft", "in_review", "approved", "published"
STATUSES = (DRAFT, IN_REVIEW, APPROVED, PUBLISHED)
STATUS_LABELS = {DRAFT: "Draft", IN_REVIEW: "In review", APPROVED: "Approved", PUBLISHED: "Published"}


def check_status_change(claim: Claim, new_status: str, analyst: str) -> None:
    """The newsroom's sign-off rules; raises InvalidInput with the reason when refused.

    A claim goes draft → in review → approved → published (and may go back to draft).
    Approval needs a reviewer, is given by that reviewer, and never by the claim's author.
    """
    if new_status not in STATUSES:
        raise InvalidInput(f"“{new_status}” is not a status; use one of: {', '.join(STATUS_LABELS.values())}.")
    if new_status == APPROVED:
        if not claim.reviewer:
            raise InvalidInput("Name a reviewer before approving this claim.")
        if analyst.casefold() == claim.created_by.casefold():
            raise InvalidInput(f"{analyst} wrote this claim, so cannot approve it: a second person must review it.")
        if analyst.casefold() != claim.reviewer.casefold():
            raise InvalidInput(f"Only the reviewer ({claim.reviewer}) can approve this claim.")
        if claim.verdict is None:
            raise InvalidInput("A claim needs a verdict before it can be approved.")
    if new_status == PUBLISHED and claim.status != APPROVED:
        raise InvalidInput("Only an approved claim can be published.")
    if new_status == IN_REVIEW and claim.status not in (DRAFT, IN_REVIEW):
        raise InvalidInput("Return the claim to draft before sending it to review again.")


def count_by_verdict(claims: Iterable[Claim], scale: VerdictScale) -> list[tuple[str, int]]:
    """Counts in scale order, then "No verdict yet"; labels with no claim are left out."""
    counts = Counter(c.verdict for c in claims)
    rows = [(label, counts[label]) for label in scale.labels if counts[label]]
    unknown = sum(n for label, n in counts.items() if label is not None and label not in scale.labels)
    if unknown:
        rows.append(("Other", unknown))
    if counts[None]:
        rows.append(("No verdict yet", counts[None]))
    return rows
