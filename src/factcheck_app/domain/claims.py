"""Claims: a statement in an article, and what the analyst found about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from factcheck_app.domain.anchors import ANCHORED, CHANGED, MOVED, Anchor, Confidence, MatchLevel
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
    # How the last new version of the article found the claim: similarity 0..1 (None: the claim
    # was never re-anchored, or the analyst has confirmed it since) and method ("diff", "fuzzy"…).
    anchor_similarity: float | None = None
    anchor_method: str = ""
    # The quote its verdict was checked against, while a new version has changed the words
    # (empty otherwise): shown beside the new wording until the analyst confirms or re-opens.
    checked_wording: str = ""

    @property
    def quote(self) -> str:
        return self.anchor.exact

    @property
    def confidence(self) -> Confidence | None:
        """How sure re-anchoring was; None when nothing was measured (a claim no new version
        has moved, one the analyst confirmed or re-attached, one re-anchored before 0008)."""
        if self.anchor_similarity is None:
            return None
        level = _LEVEL_OF_STATE.get(self.anchor_state, MatchLevel.ORPHANED)
        return Confidence(level, self.anchor_similarity, self.anchor_method or "diff")

    @property
    def wording_changed(self) -> bool:
        """True while the claim's words differ from those its verdict was checked against."""
        return self.anchor_state == CHANGED and bool(self.checked_wording)


_LEVEL_OF_STATE = {
    ANCHORED: MatchLevel.EXACT,
    MOVED: MatchLevel.MOVED,
    CHANGED: MatchLevel.CHANGED,
}


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
