"""Claims read a batch at a time (storage/claim_batches.py), on SQLite and on PostgreSQL.

The batches must hold exactly the claims ``Project.claims()`` reads, in its order, with the
same tags and sources: the links come from two separate streams merged by order, and the
light values of ``publish_batches`` from a separate soundness check.
"""

from __future__ import annotations

import dataclasses

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.published_claims import ClaimToPublish
from factcheck_app.domain.sources import Source
from factcheck_app.services.edits import AddSource, CreateClaim
from factcheck_app.services.project import Project
from factcheck_app.storage.claim_batches import (
    _CLAIM_COLUMN_TYPES,
    article_heads,
    claim_batches,
    count_claims,
    publish_batches,
)
from factcheck_app.storage.orm import ClaimRow

QUOTES = ("50,000 passengers a day", "cost twice the budget", "open in 2027", "City hall says")


def published_fields(claim: Claim | ClaimToPublish) -> tuple[object, ...]:
    anchor = claim.anchor
    return (
        claim.id, claim.article_id, (anchor.start, anchor.end, anchor.exact, anchor.prefix, anchor.suffix),
        claim.tags, claim.verdict, claim.rationale, claim.sources, claim.created_by, claim.created_at,
        claim.updated_at, claim.anchor_state, claim.restated, claim.claimant, claim.claim_date, claim.quote,
    )  # fmt: skip


def test_batches_hold_the_claims_in_order_with_their_links(imported) -> None:  # type: ignore[no-untyped-def]
    """Claims out of id order in the article, some with tags and several sources, batches of 3."""
    project, article = imported
    made = []
    for number in range(11):
        quote = QUOTES[(number * 3) % len(QUOTES)]
        create = CreateClaim(
            article.id,
            anchor_for_quote(article.text, quote),
            tags=[f"tag {number % 3}", "shared"][: number % 3],
            verdict="False" if number % 2 else None,
            sources=[Source(None, f"https://stats.example/{number}", f"Table {number}")] if number % 4 else [],
        )
        project.apply(create)
        made.append(create.claim_id)
    project.apply(AddSource(made[5], Source(None, "https://stats.example/extra", "Extra"), stance="supports"))
    expected = project.claims()
    assert len(expected) == 11 and [c.id for c in expected] != sorted(c.id for c in expected)
    with project.read_session() as session:
        full = [list(batch) for batch in claim_batches(session, size=3)]
        light = [list(batch) for batch in publish_batches(session, size=3)]
        assert count_claims(session) == 11
        heads = article_heads(session)
    assert [len(batch) for batch in full] == [3, 3, 3, 2]
    assert [claim for batch in full for claim in batch] == expected
    flat = [claim for batch in light for claim in batch]
    assert all(isinstance(claim, ClaimToPublish) for claim in flat)  # sound rows: the light values
    assert [published_fields(claim) for claim in flat] == [published_fields(claim) for claim in expected]
    assert heads[article.id] == dataclasses.replace(project.article(article.id), text="", blocks=(), pages=())


def test_every_claims_column_has_a_sound_type_named() -> None:
    """A column added to claims must be named in the light path's check (else it goes unchecked)."""
    assert set(_CLAIM_COLUMN_TYPES) == set(ClaimRow.__table__.columns.keys())


def test_an_empty_project_has_no_batches(project: Project) -> None:
    with project.read_session() as session:
        assert list(claim_batches(session)) == [] and list(publish_batches(session)) == []
        assert count_claims(session) == 0 and article_heads(session) == {}
