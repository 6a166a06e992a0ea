"""Claims: a statement in an article, and what the analyst found about it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from factcheck_app.domain.anchors import Anchor
from factcheck_app.domain.sources import Source
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

    @property
    def quote(self) -> str:
        return self.anchor.exact


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
