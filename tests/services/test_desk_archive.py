"""The desk archive: a claim checked in another project, or in an imported ClaimReview feed, is found again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.articles import ArticleDraft
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.services.desk_archive import add_claimreview_feed, add_project, search
from factcheck_app.services.edits import CreateClaim, ImportArticle, SetClaimDetails
from factcheck_app.services.project import Project
from factcheck_app.storage.desk_index import DeskIndex

OLD_ARTICLE = (
    "Mayor Elena Ruiz said violent crime fell by twenty per cent in Riverton last year. "
    "The new tram line will open in 2027. Bus fares rose by 5 percent in March."
)
FEED = {
    "@context": "https://schema.org",
    "@type": "DataFeed",
    "dataFeedElement": [
        {
            "@type": "DataFeedItem",
            "item": [
                {
                    "@type": "ClaimReview",
                    "url": "https://factcheck.example/reviews/insulin",
                    "datePublished": "2025-10-02",
                    "claimReviewed": "Governor Boyle voted against capping insulin at $35 a month",
                    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Laura Kim"}},
                    "reviewRating": {"@type": "Rating", "ratingValue": 3, "alternateName": "Half true"},
                }
            ],
        },
        {"@type": "DataFeedItem", "item": {"@type": "Article", "headline": "Not a review"}},
    ],
}


def _old_project(path: Path) -> None:
    with Project.create(path, analyst="anna") as project:
        imported = ImportArticle(ArticleDraft(title="Crime", text=OLD_ARTICLE))
        project.apply(imported)
        assert imported.article_id is not None
        quote = "violent crime fell by twenty per cent in Riverton last year"
        crime = CreateClaim(imported.article_id, anchor_for_quote(OLD_ARTICLE, quote), verdict="Mostly false")
        project.apply(crime)
        assert crime.claim_id is not None
        project.apply(SetClaimDetails(crime.claim_id, claimant="Mayor Elena Ruiz", claim_date=date(2025, 2, 1)))
        project.apply(CreateClaim(imported.article_id, anchor_for_quote(OLD_ARTICLE, "Bus fares rose by 5 percent")))


def test_a_claim_checked_in_another_project_is_found_with_its_verdict(tmp_path: Path) -> None:
    """A reworded repeat (digits for words, % for per cent, no title) finds the old verdict and project."""
    old = tmp_path / "last-year.factcheck"
    _old_project(old)
    index = tmp_path / "data" / "desk-index.sqlite"
    assert add_project(index, old) == 2
    found = search(index, "Ruiz claims Riverton's violent crime fell 20% last year")
    assert [v.verdict for v in found] == ["Mostly false"]
    assert found[0].source == str(old.resolve()) and found[0].source_kind == "project"
    assert found[0].claimant == "Mayor Elena Ruiz" and found[0].claim_date == "2025-02-01"
    assert search(index, "The tram line will open in 2027 after a long delay") == []


def test_adding_a_project_again_refreshes_it_instead_of_doubling(tmp_path: Path) -> None:
    """Re-indexing the same project replaces its claims (reopened from disk)."""
    old = tmp_path / "last-year.factcheck"
    _old_project(old)
    index = tmp_path / "desk-index.sqlite"
    add_project(index, old)
    add_project(index, old)
    with DeskIndex(index) as reopened:
        assert reopened.origins() == [(str(old.resolve()), "project", 2)]
    assert len(search(index, "violent crime fell by 20 percent in Riverton last year")) == 1


def test_a_claimreview_feed_is_indexed_with_verdict_claimant_and_url(tmp_path: Path) -> None:
    """A schema.org DataFeed file: the review is found by a paraphrase; the non-review item is skipped."""
    feed = tmp_path / "feed.jsonld"
    feed.write_text(json.dumps(FEED), encoding="utf-8")
    index = tmp_path / "desk-index.sqlite"
    assert add_claimreview_feed(index, feed) == 1
    found = search(index, "Kim says Boyle voted against a cap of $35 a month on insulin")
    assert len(found) == 1
    assert (found[0].verdict, found[0].claimant, found[0].url, found[0].claim_date) == (
        "Half true",
        "Laura Kim",
        "https://factcheck.example/reviews/insulin",
        "2025-10-02",
    )


def test_a_file_that_is_not_a_feed_is_refused_in_one_line(tmp_path: Path) -> None:
    """Not JSON, or JSON without a ClaimReview: a clear message, and the index is left as it was."""
    index = tmp_path / "desk-index.sqlite"
    broken = tmp_path / "broken.jsonld"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInput, match="is not JSON-LD"):
        add_claimreview_feed(index, broken)
    empty = tmp_path / "empty.jsonld"
    empty.write_text(json.dumps({"@type": "Article"}), encoding="utf-8")
    with pytest.raises(InvalidInput, match="holds no ClaimReview"):
        add_claimreview_feed(index, empty)
