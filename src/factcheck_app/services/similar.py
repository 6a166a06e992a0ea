"""Already checked: claims in the project that say much the same as this one.

Analysts meet the same talking point in many articles; before checking it again they
should see the earlier verdict. Matching is fuzzy (rapidfuzz token-set ratio) on the quote
and the restated claim, so word order and small edits do not hide a repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_app.domain.claims import Claim
from factcheck_app.services.project import Project

THRESHOLD = 75  # 0..100: below this, "similar" is more noise than help


@dataclass(frozen=True, slots=True)
class SimilarClaim:
    claim: Claim
    article_title: str
    score: float


def _wording(claim: Claim) -> str:
    return f"{claim.quote} {claim.restated}".strip()


def similar_claims(
    project: Project, claim: Claim, *, limit: int = 5, threshold: float = THRESHOLD
) -> list[SimilarClaim]:
    """Other claims of the project (any article) close to ``claim``, best first, with verdicts first."""
    from rapidfuzz import fuzz, process

    others = [c for c in project.claims() if c.id != claim.id]
    if not others:
        return []
    titles = {a.id: a.title for a in project.articles()}
    matches = process.extract(
        _wording(claim),
        [_wording(c) for c in others],
        scorer=fuzz.token_set_ratio,
        limit=limit * 3,
        score_cutoff=threshold,
    )
    found = [
        SimilarClaim(others[index], titles.get(others[index].article_id, ""), score) for _, score, index in matches
    ]
    found.sort(key=lambda s: (s.claim.verdict is None, -s.score))
    return found[:limit]
