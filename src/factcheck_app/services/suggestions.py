"""Suggested claims for an article, kept with the project, and turning one into a claim with one key.

The GUI (View ▸ Suggested claims, the margin marker) and ``factcheck suggest`` both call
``suggest_claims``; accepting a suggestion applies the edit from ``suggestion_to_claim_edit``,
which is an ordinary ``CreateClaim`` (undoable like any new claim) that also fills in the
claimant and the claim date found with the suggestion.

Working out the suggestions of a 20,000-word article takes about half a second, so they are
kept in the project (storage/suggestion_cache.py) under the SHA-256 of the article's text and
the model's version: ``find_suggestions`` works them out (pure, for a worker thread),
``store_suggestions`` keeps them, ``stored_suggestions`` gives them back while the text and
the model are the ones they were made from. A new version of an article is a new article
with a new text: its suggestions are worked out anew; so are all of them after a model change.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Literal

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.articles import Article, content_hash
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.suggestions import THRESHOLD, Suggestion, model_version, suggest
from factcheck_app.services.changes import Changes
from factcheck_app.services.edits import CreateClaim, EditContext
from factcheck_app.services.project import Project
from factcheck_app.storage import suggestion_cache
from factcheck_app.storage.repositories import get_claim_row

Span = Literal["sentence", "quote"]
log = logging.getLogger(__name__)


def suggest_claims(project: Project, article_id: int, *, threshold: float = THRESHOLD) -> list[Suggestion]:
    """Ranked suggestions for an article, leaving out sentences that already hold a claim.

    At the shipped threshold (or a stricter one) they come from the project when kept there,
    and are kept there when worked out here (a project open for writing).
    """
    article = project.article(article_id)
    if threshold >= THRESHOLD:
        found = [s for s in article_suggestions(project, article) if s.score >= threshold]
    else:
        found = suggest(article.text, article_date=article.published, threshold=threshold)
    return unclaimed(found, project.claims(article_id))


def unclaimed(suggestions: Iterable[Suggestion], claims: Iterable[Claim]) -> list[Suggestion]:
    """The suggestions whose sentence holds no claim (a claim on any part of it takes it out)."""
    taken = [(c.anchor.start, c.anchor.end) for c in claims]
    return [s for s in suggestions if not any(start < s.end and s.start < end for start, end in taken)]


def article_suggestions(project: Project, article: Article) -> list[Suggestion]:
    """Every suggestion of the article at the shipped threshold, best first: kept ones, or
    worked out now (and kept, when the project is open for writing)."""
    found = stored_suggestions(project, article)
    if found is None:
        found = find_suggestions(article.text, article.published)
        store_suggestions(project, article.id, article.text, found)
    return found


def find_suggestions(text: str, published: date | None) -> list[Suggestion]:
    """Work out the suggestions of a text (pure: safe on a worker thread, touches no project)."""
    return suggest(text, article_date=published)


def stored_suggestions(project: Project, article: Article) -> list[Suggestion] | None:
    """The suggestions kept for this article's text by this model; None when there are none
    (never worked out, made from another text or by another model, or unreadable)."""
    with project.read_session() as session:
        payload = suggestion_cache.read_payload(session, article.id, content_hash(article.text), model_version())
    if payload is None:
        return None
    return suggestion_cache.decode(payload, article.text, article.published)


def has_stored_suggestions(project: Project, article: Article) -> bool:
    """Whether suggestions for this article's text by this model are kept (without reading them)."""
    with project.read_session() as session:
        key = suggestion_cache.stored_key(session, article.id)
    return key == (content_hash(article.text), model_version())


def stored_suggestion_key(project: Project, article_id: int) -> tuple[str, str] | None:
    """(SHA-256 of the text, model version) the article's kept suggestions were made from, if any."""
    with project.read_session() as session:
        return suggestion_cache.stored_key(session, article_id)


def store_suggestions(project: Project, article_id: int, text: str, suggestions: list[Suggestion]) -> bool:
    """Keep the suggestions worked out from ``text`` for the article; False when they could not be
    kept (a read-only project, the article deleted meanwhile, a busy or full disk).

    Nothing is lost then: they are worked out again next time. No undo step, no history.
    """
    if project.read_only:
        return False
    payload = suggestion_cache.encode(suggestions)
    try:
        with _cache_writer(project) as session:
            suggestion_cache.write_payload(
                session, article_id, content_hash(text), model_version(), payload, datetime.now()
            )
    except SQLAlchemyError as error:
        log.info("suggestions of article %s not kept: %s", article_id, getattr(error, "orig", error))
        return False
    return True


@contextmanager
def _cache_writer(project: Project) -> Iterator[Session]:
    """A short write transaction of its own (BEGIN IMMEDIATE on SQLite), outside the edits.

    NOTE: the engine is the project's own, reached through its read session's bind: the
    suggestions are derived data, so they go neither through ``Project.apply`` (an undo step
    and a history entry) nor ``maintenance_session`` (which counts as a change for backups).
    """
    with project.read_session() as reader:
        engine = reader.get_bind()
    with Session(engine.execution_options(factcheck_write=True)) as session, session.begin():
        yield session


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
