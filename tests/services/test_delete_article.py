"""Deleting an article: its versions and claims go with it, and undo brings back every detail."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from sqlalchemy import func, select

from factcheck_app.domain.anchors import anchor_for_quote
from factcheck_app.domain.errors import InvalidInput, NotFound
from factcheck_app.domain.sources import Source
from factcheck_app.services.articles import (
    article_deletion,
    import_article_edit,
    import_revision_edit,
    latest_versions,
)
from factcheck_app.services.conflicts import EditConflict
from factcheck_app.services.edits import (
    AddSource,
    CreateClaim,
    DeleteArticle,
    SetClaimDetails,
    SetTagColour,
    SetTags,
    SetVerdictScale,
)
from factcheck_app.services.exports import export_open_format
from factcheck_app.services.reports import export_report
from factcheck_app.storage.orm import ClaimSourceRow, ClaimTagRow

OTHER_ARTICLE = "The harbour authority says the new ferry will run every 20 minutes from May.\n"


def _claim(project, article, quote: str, **kwargs) -> int:  # type: ignore[no-untyped-def]
    edit = CreateClaim(article.id, anchor_for_quote(article.text, quote), **kwargs)
    project.apply(edit)
    assert edit.claim_id is not None
    return edit.claim_id


@pytest.fixture
def worked(imported, tmp_path: Path):  # type: ignore[no-untyped-def]
    """(project, tram article, its claim ids, ferry article, its claim id): claims with the works."""
    project, tram = imported
    ridership = _claim(
        project,
        tram,
        "carry 50,000 passengers a day",
        tags=["Transport", "Numbers"],
        verdict="Mostly false",
        rationale="The ridership study says 31,000.",
        sources=[Source(None, "https://example.org/study", "Ridership study")],
    )
    project.apply(
        AddSource(
            ridership,
            Source(None, "https://example.org/minutes", "Council minutes"),
            excerpt="31,000 boardings",
            location="p. 4",
            stance="contradicts",
        )
    )
    project.apply(SetClaimDetails(ridership, claimant="City hall", claim_date=date(2025, 3, 1), restated="50k a day"))
    project.apply(SetTagColour("Transport", "#1e88e5"))
    budget = _claim(project, tram, "cost twice the budget", tags=["Money"], verdict="True")
    project.apply(SetTags(budget, ["Money", "Transport"]))
    ferry_file = tmp_path / "ferry.txt"
    ferry_file.write_text(OTHER_ARTICLE, encoding="utf-8")
    imported_ferry = import_article_edit(ferry_file)
    project.apply(imported_ferry)
    ferry = project.article(imported_ferry.article_id)
    ferry_claim = _claim(
        project,
        ferry,
        "every 20 minutes",
        tags=["Transport"],
        sources=[Source(None, "https://example.org/study", "Ridership study")],
    )
    return project, tram, [ridership, budget], ferry, ferry_claim


def _everything(project) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Articles, claims (row versions aside), tags and sources, as the project holds them."""
    with project.read_session() as session:
        links = (
            sorted((x.claim_id, x.tag_id, x.position) for x in session.scalars(select(ClaimTagRow))),
            sorted(
                (x.claim_id, x.source_id, x.position, x.excerpt, x.location, x.stance)
                for x in session.scalars(select(ClaimSourceRow))
            ),
        )
    return {
        "articles": [replace(a, version=0) for a in project.articles()],
        "claims": [replace(c, version=0) for c in project.claims()],
        "tags": [(t.name, t.colour, t.claims) for t in project.tags()],
        "sources": [replace(s, version=0) for s in project.sources()],
        "links": links,
    }


def _link_count(project, claim_ids: list[int]) -> int:  # type: ignore[no-untyped-def]
    with project.read_session() as session:
        tags = session.scalar(select(func.count()).select_from(ClaimTagRow).where(ClaimTagRow.claim_id.in_(claim_ids)))
        sources = session.scalar(
            select(func.count()).select_from(ClaimSourceRow).where(ClaimSourceRow.claim_id.in_(claim_ids))
        )
    return int(tags or 0) + int(sources or 0)


def test_claim_count_for_the_confirmation(worked) -> None:  # type: ignore[no-untyped-def]
    """Before anything is deleted, the window can ask "Delete “…” and its 2 claims?"."""
    project, tram, claim_ids, ferry, _ferry_claim = worked
    deletion = article_deletion(project, tram.id)
    assert deletion.claim_count == 2
    assert sorted(c.id for c in deletion.claims) == sorted(claim_ids)
    assert deletion.question == f"Delete “{tram.title}” and its 2 claims?"
    assert article_deletion(project, ferry.id).question == f"Delete “{ferry.title}” and its 1 claim?"
    assert len(project.articles()) == 2  # asking changed nothing


def test_delete_takes_the_claims_with_their_tags_and_evidence(worked) -> None:  # type: ignore[no-untyped-def]
    """The article and its claims are gone (links too); the other article, its claim and the sources library stay."""
    project, tram, claim_ids, ferry, ferry_claim = worked
    sources_before = project.sources()
    ferry_before = project.claim(ferry_claim)
    delete = DeleteArticle(tram.id)
    changes = project.apply(delete)
    assert changes.articles_removed == {tram.id}
    assert changes.claims_removed == set(claim_ids)
    assert [a.id for a in project.articles()] == [ferry.id]
    assert [c.id for c in project.claims()] == [ferry_claim]
    with pytest.raises(NotFound):
        project.article(tram.id)
    for claim_id in claim_ids:
        with pytest.raises(NotFound):
            project.claim(claim_id)
    assert _link_count(project, claim_ids) == 0
    assert project.claim(ferry_claim) == ferry_before
    assert project.sources() == sources_before  # the library keeps its sources, as after deleting one claim
    assert {t.name: t.claims for t in project.tags()}.get("Money", 0) == 0


def test_undo_restores_the_article_and_every_claim_exactly(worked) -> None:  # type: ignore[no-untyped-def]
    """Same ids, anchors, verdicts, tags (order and colour), evidence, details, authors and dates."""
    project, tram, claim_ids, _ferry, _ferry_claim = worked
    before = _everything(project)
    delete = DeleteArticle(tram.id)
    project.apply(delete)
    project.revert(delete)
    assert _everything(project) == before
    # redo and undo again: the same ids every time
    project.apply(delete)
    assert [c.id for c in project.claims()] == [_ferry_claim]
    project.revert(delete)
    assert _everything(project) == before
    # and the restored claims are ordinary claims again
    project.apply(SetTags(claim_ids[1], ["Money"]))
    assert project.claim(claim_ids[1]).tags == ("Money",)


def test_history_records_the_delete_and_keeps_what_came_before(worked) -> None:  # type: ignore[no-untyped-def]
    """The append-only history shows the deletion (state None) and, after undo, the claim again."""
    project, tram, claim_ids, _ferry, _ferry_claim = worked
    earlier = project.history("claim", claim_ids[0])
    delete = DeleteArticle(tram.id, title=tram.title)
    project.apply(delete)
    after_delete = project.history("claim", claim_ids[0])
    assert after_delete[: len(earlier)] == earlier
    assert after_delete[-1].state is None and after_delete[-1].action == f"Delete article “{tram.title}”"
    assert project.history("article", tram.id)[-1].state is None
    project.revert(delete)
    restored = project.history("claim", claim_ids[0])
    assert restored[-1].action == f"Undo: Delete article “{tram.title}”"
    assert restored[-1].state is not None and restored[-1].state["verdict"] == "Mostly false"


def test_report_and_exports_after_delete_do_not_mention_it(worked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The Word report, ClaimReview JSON-LD and CSV name only the article that is left."""
    project, tram, _claim_ids, ferry, _ferry_claim = worked
    project.apply(DeleteArticle(tram.id))
    report = export_report(project, tmp_path / "report.docx")
    document = docx.Document(str(report))
    words = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert ferry.title in words and "every 20 minutes" in words
    for gone in (tram.title, "50,000 passengers", "cost twice the budget", "ridership study says 31,000"):
        assert gone.casefold() not in words.casefold()
    claimreview = export_open_format(project, tmp_path / "reviews.jsonld", "claimreview").path.read_text("utf-8")
    assert tram.title not in claimreview and "50,000" not in claimreview
    json.loads(claimreview)
    rows = list(csv.reader(export_open_format(project, tmp_path / "claims.csv", "csv").path.open(encoding="utf-8")))
    assert len(rows) == 2  # the header and the ferry claim
    assert not any(tram.title in cell or "50,000" in cell for row in rows for cell in row)


def test_deleting_an_article_deletes_all_its_versions(worked, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With versions, the whole article goes: the older version does not come back as the article."""
    project, tram, claim_ids, ferry, _ferry_claim = worked
    new_file = tmp_path / "tram-v2.txt"
    new_file.write_text("UPDATED with the mayor's reply.\n" + tram.text, encoding="utf-8")
    revision = import_revision_edit(tram.id, new_file)
    project.apply(revision)
    assert revision.article_id is not None
    before = _everything(project)
    for chosen in (revision.article_id, tram.id):  # from the latest version, or from an old one in the diff view
        deletion = article_deletion(project, chosen)
        assert [v.id for v in deletion.versions] == [tram.id, revision.article_id]
        assert deletion.question == f"Delete “{tram.title}” and its 2 claims? All 2 versions of the article go."
        delete = deletion.edit()
        changes = project.apply(delete)
        assert changes.articles_removed == {tram.id, revision.article_id}
        assert [a.id for a in latest_versions(project.articles())] == [ferry.id]
        assert not set(claim_ids) & {c.id for c in project.claims()}
        project.revert(delete)
        assert _everything(project) == before
        assert project.article(revision.article_id).revision_of == tram.id


def test_claims_added_since_the_confirmation_are_not_deleted_unseen(worked) -> None:  # type: ignore[no-untyped-def]
    """The analyst agreed to delete 2 claims; a third one appeared meanwhile: refused until they choose."""
    project, tram, _claim_ids, _ferry, _ferry_claim = worked
    deletion = article_deletion(project, tram.id)
    newcomer = _claim(project, tram, "open in 2027")
    delete = deletion.edit()
    with pytest.raises(EditConflict) as caught:
        project.apply(delete)
    assert "1 claim(s) were added" in str(caught.value)
    assert project.claim(newcomer).article_id == tram.id
    delete.rebase(caught.value)  # "Delete anyway"
    project.apply(delete)
    assert {c.article_id for c in project.claims()} == {_ferry.id}
    project.revert(delete)
    assert project.claim(newcomer).quote == "open in 2027"


def test_undo_needs_the_verdicts_of_the_deleted_claims(worked) -> None:  # type: ignore[no-untyped-def]
    """A verdict dropped from the scale meanwhile: undo says so instead of failing on the database."""
    project, tram, _claim_ids, _ferry, _ferry_claim = worked
    delete = DeleteArticle(tram.id)
    project.apply(delete)
    scale = project.verdict_scale()
    project.apply(SetVerdictScale(replace(scale, verdicts=tuple(v for v in scale.verdicts if v.label != "True"))))
    with pytest.raises(InvalidInput, match="“True”"):
        project.revert(delete)
    assert [a.id for a in project.articles()] == [_ferry.id]
