"""Suggested claims for an article, and turning one into a claim with one key.

The GUI (View ▸ Suggested claims, the margin marker) and ``factcheck suggest`` both call
``suggest_claims``; accepting a suggestion applies the edit from ``suggestion_to_claim_edit``,
which is an ordinary ``CreateClaim`` (undoable like any new claim) that also fills in the
claimant and the claim date found with the suggestion.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.suggestions import THRESHOLD, Suggestion, suggest
from factcheck_app.services.changes import Changes
from factcheck_app.services.edits import CreateClaim, EditContext
from factcheck_app.services.project import Project
from factcheck_app.storage.repositories import get_claim_row

Span = Literal["sentence", "quote"]


def suggest_claims(project: Project, article_id: int, *, threshold: float = THRESHOLD) -> list[Suggestion]:
    """Ranked suggestions for an article, leaving out sentences that already hold a claim."""
    article = project.article(article_id)
    taken = [(c.anchor.start, c.anchor.end) for c in project.claims(article_id)]
    return [
        s
        for s in suggest(article.text, article_date=article.published, threshold=threshold)
        if not any(start < s.end and s.start < end for start, end in taken)
    ]


class CreateSuggestedClaim(CreateClaim):
    """A new claim on a suggested sentence, with its claimant and date: one undo step."""

    text = "New claim from suggestion"

    def __init__(self, article_id: int, anchor_text: str, start: int, end: int, claimant: str, claim_date: date | None):
        super().__init__(article_id, anchor_for_span(anchor_text, start, end))
        self.claimant = " ".join(claimant.split())
        self.claim_date = claim_date

    def apply(self, ctx: EditContext) -> Changes:
        changes = super().apply(ctx)
        assert self.claim_id is not None
        row = get_claim_row(ctx.session, self.claim_id)
        row.claimant = self.claimant
        row.claim_date = self.claim_date
        return changes


def suggestion_to_claim_edit(
    project: Project, article_id: int, suggestion: Suggestion, *, span: Span = "sentence"
) -> CreateClaim:
    """The edit that makes ``suggestion`` a claim: the whole sentence, or only its quoted words.

    The claim date is the article's date when the sentence is attributed (what was said is
    dated by the report of it); an unattributed sentence gets no claimant and no date.
    """
    article = project.article(article_id)
    start, end = suggestion.start, suggestion.end
    if span == "quote":
        if suggestion.quote_span is None:
            raise InvalidInput("This suggestion quotes nobody: make the claim on the whole sentence.")
        start, end = suggestion.quote_span
    if article.text[suggestion.start : suggestion.end] != suggestion.text:
        raise InvalidInput("The article has changed since this suggestion was made: ask for suggestions again.")
    claim_date = (suggestion.claim_date or article.published) if suggestion.claimant else None
    return CreateSuggestedClaim(article_id, article.text, start, end, suggestion.claimant, claim_date)
