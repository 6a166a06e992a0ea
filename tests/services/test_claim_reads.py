"""Reading every claim through plain SQL rows gives exactly what the ORM path gives.

Project.claims() and the batch readers use the plain-row path (storage/claim_reads.py) because
ORM objects cost seconds per ten thousand claims. These tests build real projects with tags in a
chosen order, evidence with excerpts and stances, several articles, a deleted claim and damaged
values, and compare both paths claim by claim — all claims, one article's, a few ids, many ids.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.sources import CONTRADICTS, SUPPORTS, Source
from factcheck_app.services.edits import AddSource, CreateClaim, DeleteClaim, ImportArticle, SetClaimDetails, SetTags
from factcheck_app.storage.claim_reads import load_claims_fast
from factcheck_app.storage.repositories import load_claims
from factcheck_app.storage.validation import damage_seen

TEXTS = (
    "The mayor said the tram will carry 50,000 passengers a day. Critics say it will cost twice the budget.\n",
    "Crime fell by 20 percent last year, the minister said. The opposition disputes the figure.\n",
)


def _desk(project) -> dict[str, int]:  # type: ignore[no-untyped-def]
    ids: dict[str, int] = {}
    for number, text in enumerate(TEXTS):
        imported = ImportArticle(ArticleDraft(title=f"Article {number}", text=text))
        project.apply(imported)
        for quote in ("said", "the", "cost twice the budget", "20 percent", "disputes the figure"):
            if quote in text:
                create = CreateClaim(imported.article_id, anchor_for_quote(text, quote, occurrence=1))
                project.apply(create)
                ids[f"{number}:{quote}"] = create.claim_id  # type: ignore[assignment]
    first, second = ids["0:said"], ids["1:said"]
    project.apply(SetTags(first, ["Transport", "Budget", "Mayor"]))
    project.apply(SetTags(second, ["Crime", "Transport"]))
    stats = Source(None, "https://stats.example.org/t1", title="Table 1", accessed=date(2026, 3, 1))
    project.apply(AddSource(first, stats, excerpt="46,000 a day", location="p. 3", stance=CONTRADICTS))
    project.apply(AddSource(first, Source(None, "https://example.org/plan"), stance=SUPPORTS))
    project.apply(AddSource(second, Source(None, "https://example.org/police"), excerpt="−18 %"))
    project.apply(SetClaimDetails(second, claimant="The minister", restated="Crime fell 20% in 2025"))
    project.apply(DeleteClaim(ids["0:the"]))
    return ids


def test_every_way_of_reading_claims_matches_the_orm(project) -> None:  # type: ignore[no-untyped-def]
    ids = _desk(project)
    with project.read_session() as session:
        everything = load_claims(session)
        assert load_claims_fast(session) == everything
        assert len(everything) == len(ids) - 1
        for article_id in {c.article_id for c in everything}:
            assert load_claims_fast(session, article_id) == load_claims(session, article_id)
        few = [ids["0:said"], ids["1:20 percent"]]
        assert load_claims_fast(session, ids=few) == load_claims(session, ids=few)
        many = [*few, *range(10_000, 11_500)]  # more ids than one SQL statement may bind
        assert load_claims_fast(session, ids=many) == load_claims(session, ids=many)
    claim = project.claims()[0] if project.claims()[0].tags else project.claim(ids["0:said"])
    assert project.claim(ids["0:said"]).tags == ("Transport", "Budget", "Mayor")
    assert [e.stance for e in project.claim(ids["0:said"]).evidence] == [CONTRADICTS, SUPPORTS]
    assert claim in project.claims()


@pytest.mark.sqlite_only
def test_damaged_values_become_the_same_stand_ins_on_both_paths(project) -> None:  # type: ignore[no-untyped-def]
    ids = _desk(project)
    path = project.location.path
    project.close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE claims SET start_offset = 'abc', end_offset = x'00ff' WHERE id = ?", (ids["0:said"],))
        db.execute("UPDATE claims SET status = 'bogus' WHERE id = ?", (ids["1:said"],))
        db.execute("UPDATE claim_sources SET stance = 7 WHERE claim_id = ?", (ids["1:said"],))
    db.close()
    from factcheck_app.services.project import Project

    with Project.open(path) as reopened, reopened.read_session() as session:
        damage_seen()
        slow = load_claims(session)
        noted_slow = sorted(map(str, damage_seen()))
        fast = load_claims_fast(session)
        noted_fast = sorted(map(str, damage_seen()))
    assert fast == slow
    assert noted_fast == noted_slow and noted_fast  # the damage is noted for the command to report
    orphaned = next(c for c in fast if c.id == ids["0:said"])
    assert orphaned.anchor_state == "orphaned"
