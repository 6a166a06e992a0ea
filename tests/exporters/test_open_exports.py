"""Open exports: ClaimReview and Web Annotation JSON-LD and CSV, each read back and checked."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from factcheck_app.domain.anchors import CHANGED, ORPHANED, Anchor, anchor_for_quote
from factcheck_app.domain.articles import Article, ArticleDraft
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import DEFAULT_SCALE, Verdict, VerdictScale
from factcheck_app.exporters.claimreview import build_claim_reviews, claim_reviewed_text
from factcheck_app.exporters.csv_export import COLUMNS, defuse, render_csv
from factcheck_app.exporters.webannotation import ORPHANED_NOTE, build_annotation_collection, to_json
from factcheck_app.services import exports as exports_module
from factcheck_app.services.edits import CreateClaim, ImportArticle, SetProjectSetting
from factcheck_app.services.exports import export_open_format
from factcheck_app.services.project import Project

CREATED = datetime(2025, 3, 14, 9, 30)
UPDATED = datetime(2025, 3, 15, 17, 5, 42)

SPEECH = (
    "Der Minister sagte, die Arbeitslosigkeit sei auf 3 % gefallen 📉.\n"
    "Er fügte hinzu, die Kriminalität habe sich seit 2010 verdoppelt.\n"
    "Die Opposition nannte die Rede „reine Fiktion“ 🙄.\n"
)
WEB = Article(
    id=4,
    title="Haushaltsrede — Faktencheck",
    text=SPEECH,
    url="https://nachrichten.example/haushaltsrede",
    author="Jürgen Weiß",
    published=date(2025, 3, 1),
    content_hash="",
    imported_at=CREATED,
    original_name="rede.html",
    format="html",
    site_name="Nachrichten Beispiel",
)
PASTED = Article(
    id=9,
    title="Pasted note",
    text="=cmd|' /C calc'!A0 is what the spreadsheet said.\n",
    url="",
    author="",
    published=None,
    content_hash="",
    imported_at=CREATED,
    original_name="",
    format="paste",
)
ARTICLES = {WEB.id: WEB, PASTED.id: PASTED}
STUDY = Source(11, "https://statistik.example/arbeitsmarkt-2024", "Arbeitsmarkt 2024", "Statistikamt")
INTERVIEW = Source(12, "", "Interview with the ministry’s press office")


def make_claim(
    article: Article,
    quote: str,
    *,
    claim_id: int,
    verdict: str | None,
    rationale: str = "",
    tags: tuple[str, ...] = (),
    sources: tuple[Source, ...] = (),
    anchor: Anchor | None = None,
    state: str = "anchored",
) -> Claim:
    return Claim(
        id=claim_id,
        article_id=article.id,
        anchor=anchor or anchor_for_quote(article.text, quote),
        tags=tags,
        verdict=verdict,
        rationale=rationale,
        sources=sources,
        created_by="zoë",
        created_at=CREATED,
        updated_by="zoë",
        updated_at=UPDATED,
        version=3,
        anchor_state=state,
    )


UNEMPLOYMENT = make_claim(
    WEB,
    "die Arbeitslosigkeit sei auf 3 % gefallen 📉",
    claim_id=1,
    verdict="Mostly false",
    rationale="Die Quote lag bei 5,8 %;\nsiehe Tabelle 2, „Jahresmittel“.",
    tags=("Arbeit", "Zahlen 🔢"),
    sources=(STUDY, INTERVIEW),
)
CRIME = make_claim(WEB, "die Kriminalität habe sich seit 2010 verdoppelt", claim_id=2, verdict=None)
FICTION = make_claim(
    WEB,
    "„reine Fiktion“",
    claim_id=3,
    verdict="Misleading",
    anchor=Anchor(0, 0, "„reine Fiktion“", "Die Opposition nannte die Rede ", " 🙄."),
    state=ORPHANED,
)
FORMULA = make_claim(
    PASTED,
    "=cmd|' /C calc'!A0",
    claim_id=4,
    verdict="False",
    rationale="+SUM(1,2) looks like a formula",
    tags=("@mention", "-minus", "plain"),
    sources=(Source(13, "", '=HYPERLINK("http://evil.example")'),),
)
CLAIMS = [UNEMPLOYMENT, CRIME, FICTION, FORMULA]


# -- ClaimReview -------------------------------------------------------------------


def reviews(**kwargs) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    options = {"organisation": "Faktencheck Nord 🧭", "base_url": "https://checks.example/2025/rede"} | kwargs
    built = build_claim_reviews(CLAIMS, ARTICLES, DEFAULT_SCALE, **options)
    parsed = json.loads(built.to_json())
    assert isinstance(parsed, list)
    return parsed


def test_claimreview_is_one_review_per_rated_claim() -> None:
    """Unrated claims are skipped and counted; the file is a JSON array of ClaimReviews."""
    built = build_claim_reviews(CLAIMS, ARTICLES, DEFAULT_SCALE, organisation="Nord")
    assert built.skipped == (CRIME.id,)
    parsed = json.loads(built.to_json())
    assert [r["claimReviewed"] for r in parsed] == [claim_reviewed_text(c) for c in (UNEMPLOYMENT, FICTION, FORMULA)]
    for review in parsed:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"


def test_claimreview_fields_of_a_claim() -> None:
    """Every property Google's fact-check markup asks for, with the project's values."""
    review = reviews()[0]
    assert review["claimReviewed"] == "die Arbeitslosigkeit sei auf 3 % gefallen 📉"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    assert review["itemReviewed"] == {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jürgen Weiß"},
        "datePublished": "2025-03-01",
        "appearance": {
            "@type": "NewsArticle",
            "url": "https://nachrichten.example/haushaltsrede",
            "headline": "Haushaltsrede — Faktencheck",
            "datePublished": "2025-03-01",
            "author": {"@type": "Person", "name": "Jürgen Weiß"},
            "publisher": {"@type": "Organization", "name": "Nachrichten Beispiel"},
        },
    }
    assert review["author"] == {"@type": "Organization", "name": "Faktencheck Nord 🧭"}
    assert review["datePublished"] == "2025-03-15"
    assert review["url"] == "https://checks.example/2025/rede#claim-1"


def test_claimreview_rating_values_follow_the_scale() -> None:
    """ratingValue is the verdict's value on the scale, also for off-line labels (Misleading)."""
    by_label = {r["reviewRating"]["alternateName"]: r["reviewRating"]["ratingValue"] for r in reviews()}
    assert by_label == {"Mostly false": 2, "Misleading": 2, "False": 1}
    scale = VerdictScale("Ten", (Verdict("Correct", 10, "#00ff00"), Verdict("Wrong", 0, "#ff0000")))
    claim = make_claim(WEB, "die Kriminalität", claim_id=8, verdict="Wrong")
    (review,) = build_claim_reviews([claim], ARTICLES, scale, organisation="X").items
    assert review["reviewRating"]["ratingValue"] == 0
    assert (review["reviewRating"]["bestRating"], review["reviewRating"]["worstRating"]) == (10, 0)


def test_claimreview_leaves_out_what_is_unknown() -> None:
    """No claimant, date, URL or base URL: the properties are absent, never empty strings."""
    formula = reviews(base_url="")[2]
    assert "url" not in formula
    assert formula["itemReviewed"] == {
        "@type": "Claim",
        "appearance": {"@type": "CreativeWork", "headline": "Pasted note"},
    }


def test_claimreview_text_is_one_line() -> None:
    """A quote spanning lines reads as one sentence in claimReviewed."""
    text = "first line\nsecond   line\n"
    article = Article(1, "t", text, "", "", None, "", CREATED, "")
    claim = make_claim(article, "first line\nsecond   line", claim_id=1, verdict="True")
    assert claim_reviewed_text(claim) == "first line second line"


# -- W3C Web Annotation ------------------------------------------------------------


def annotations() -> tuple[dict, list[dict]]:  # type: ignore[type-arg]
    parsed = json.loads(to_json(build_annotation_collection(CLAIMS, ARTICLES, label="Rede")))
    return parsed, parsed["first"]["items"]


def test_web_annotation_collection_holds_every_claim() -> None:
    """One AnnotationCollection in the anno.jsonld context, rated or not."""
    collection, items = annotations()
    context = collection["@context"]
    assert context == "http://www.w3.org/ns/anno.jsonld" or context[0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["label"] == "Rede"
    assert collection["total"] == len(items) == len(CLAIMS)
    assert collection["first"]["type"] == "AnnotationPage"
    assert [a["id"] for a in items] == [f"urn:factcheck:claim:{c.id}" for c in CLAIMS]
    assert all(a["type"] == "Annotation" for a in items)


def test_web_annotation_selectors_find_the_words() -> None:
    """TextQuote and TextPosition selectors; positions count code points, so emoji are one each."""
    _collection, items = annotations()
    target = items[0]["target"]
    assert target["source"] == WEB.url
    quote, position = target["selector"]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": UNEMPLOYMENT.quote,
        "prefix": UNEMPLOYMENT.anchor.prefix,
        "suffix": UNEMPLOYMENT.anchor.suffix,
    }
    assert position["type"] == "TextPositionSelector"
    assert SPEECH[position["start"] : position["end"]] == UNEMPLOYMENT.quote
    assert items[3]["target"]["source"] == "urn:factcheck:article:9"  # an article with no URL


def test_web_annotation_bodies_carry_verdict_rationale_tags_sources() -> None:
    """Each body says its purpose: assessing, commenting, tagging, linking."""
    _collection, items = annotations()
    first = items[0]
    assert first["motivation"] == "assessing"
    bodies = first["body"]
    assert [(b["type"], b["purpose"]) for b in bodies] == [
        ("TextualBody", "assessing"),
        ("TextualBody", "commenting"),
        ("TextualBody", "tagging"),
        ("TextualBody", "tagging"),
        ("SpecificResource", "linking"),
        ("TextualBody", "linking"),
    ]
    assert [b.get("value") for b in bodies[:4]] == ["Mostly false", UNEMPLOYMENT.rationale, "Arbeit", "Zahlen 🔢"]
    assert bodies[4]["source"] == {"id": STUDY.url, "label": STUDY.title}
    assert bodies[5]["value"] == INTERVIEW.title
    assert first["creator"] == {"type": "Person", "name": "zoë"}
    expected_created = CREATED.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert first["created"] == expected_created and first["modified"].endswith("Z")
    unrated = items[1]
    assert unrated["motivation"] == "highlighting" and "body" not in unrated


def test_web_annotation_orphan_keeps_quote_without_position() -> None:
    """An orphaned claim has no TextPositionSelector, its quote, and a note saying why."""
    _collection, items = annotations()
    orphan = items[2]
    assert orphan["target"]["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": "„reine Fiktion“",
            "prefix": "Die Opposition nannte die Rede ",
            "suffix": " 🙄.",
        }
    ]
    assert orphan["note"] == ORPHANED_NOTE
    assert "note" not in items[0]


def test_web_annotation_changed_claim_is_noted() -> None:
    """A claim whose words changed in a revision keeps both selectors and says it changed."""
    changed = make_claim(WEB, "die Kriminalität", claim_id=5, verdict="True", state=CHANGED)
    collection = build_annotation_collection([changed], ARTICLES)
    (item,) = collection["first"]["items"]
    assert len(item["target"]["selector"]) == 2 and "revised" in item["note"]


# -- CSV ---------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_csv_has_one_row_per_claim_with_dataset_columns() -> None:
    """Reviewer, claim text, claimant, dates, URL and rating first; our fields after."""
    rows = read_csv(render_csv(CLAIMS, ARTICLES, DEFAULT_SCALE, organisation="Nord 🧭", base_url="https://c.example/"))
    assert [r["claim_id"] for r in rows] == ["1", "2", "3", "4"]
    first = rows[0]
    assert first == first | {
        "reviewer": "Nord 🧭",
        "claim_text": "die Arbeitslosigkeit sei auf 3 % gefallen 📉",
        "claimant": "Jürgen Weiß",
        "claim_date": "2025-03-01",
        "review_date": "2025-03-15",
        "review_url": "https://c.example/#claim-1",
        "rating": "Mostly false",
        "rating_value": "2",
        "best_rating": "5",
        "worst_rating": "1",
        "article_id": "4",
        "article_title": "Haushaltsrede — Faktencheck",
        "article_url": WEB.url,
        "quote": UNEMPLOYMENT.quote,
        "anchor_state": "anchored",
        "tags": "Arbeit; Zahlen 🔢",
        "rationale": "Die Quote lag bei 5,8 %;\nsiehe Tabelle 2, „Jahresmittel“.",
        "sources": f"{STUDY.url} | {INTERVIEW.title}",
        "created_by": "zoë",
        "updated_at": "2025-03-15T17:05:42",
    }
    assert SPEECH[int(first["start"]) : int(first["end"])] == UNEMPLOYMENT.quote


def test_csv_unrated_and_orphaned_rows() -> None:
    """No verdict: rating cells empty. Orphaned: no offsets, the quote kept."""
    rows = read_csv(render_csv(CLAIMS, ARTICLES, DEFAULT_SCALE, organisation="Nord"))
    unrated, orphan = rows[1], rows[2]
    assert [unrated[k] for k in ("rating", "rating_value", "best_rating", "worst_rating", "review_url")] == [""] * 5
    assert (orphan["start"], orphan["end"], orphan["anchor_state"]) == ("", "", ORPHANED)
    assert orphan["quote"] == "„reine Fiktion“" and orphan["rating"] == "Misleading"


def test_csv_cells_cannot_run_as_formulas() -> None:
    """Text starting with = + - @ gets a leading apostrophe; our own numbers are untouched."""
    (row,) = read_csv(render_csv([FORMULA], ARTICLES, DEFAULT_SCALE, organisation="@org"))
    assert row["reviewer"] == "'@org"
    assert row["claim_text"] == "'=cmd|' /C calc'!A0"
    assert row["quote"] == "'=cmd|' /C calc'!A0"
    assert row["rationale"] == "'+SUM(1,2) looks like a formula"
    assert row["tags"] == "'@mention; -minus; plain"
    assert row["sources"] == '\'=HYPERLINK("http://evil.example")'
    assert row["rating_value"] == "1" and row["claim_id"] == "4"
    assert [defuse(s) for s in ("-3", "\tx", "plain", "a=b")] == ["'-3", "'\tx", "plain", "a=b"]
    dangerous = [v for v in row.values() if v[:1] in ("=", "+", "-", "@")]
    assert dangerous == []


# -- through a project ---------------------------------------------------------------


@pytest.fixture
def checked(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Project.create(tmp_path / "rede.factcheck", analyst="zoë") as project:
        edit = ImportArticle(ArticleDraft(title=WEB.title, text=SPEECH, url=WEB.url, author=WEB.author))
        project.apply(edit)
        assert edit.article_id is not None
        for quote, verdict in ((UNEMPLOYMENT.quote, "False"), (CRIME.quote, None)):
            project.apply(CreateClaim(edit.article_id, anchor_for_quote(SPEECH, quote), verdict=verdict))
        yield project


def test_export_writes_each_format_and_counts(checked: Project, tmp_path: Path) -> None:
    """Each open format is written (suffix added when missing); ClaimReview says what it skipped."""
    results = {fmt: export_open_format(checked, tmp_path / f"out-{fmt}", fmt) for fmt in exports_module.OPEN_FORMATS}
    assert {fmt: r.path.name for fmt, r in results.items()} == {
        "claimreview": "out-claimreview.jsonld",
        "webannotation": "out-webannotation.jsonld",
        "csv": "out-csv.csv",
    }
    assert (results["claimreview"].exported, results["claimreview"].skipped) == (1, 1)
    assert "1 without a verdict left out" in results["claimreview"].summary
    assert (results["webannotation"].exported, results["csv"].exported) == (2, 2)
    (review,) = json.loads(results["claimreview"].path.read_text(encoding="utf-8"))
    assert review["author"]["name"] == "zoë"  # no organisation set: the analyst signs
    assert "url" not in review
    assert [note.split(" ", 3)[:3] for note in results["claimreview"].notes] == [
        ["No", "public", "address"],
        ["No", "organisation", "is"],
    ]
    assert results["csv"].notes == ()
    assert json.loads(results["webannotation"].path.read_text(encoding="utf-8"))["total"] == 2
    assert len(read_csv(results["csv"].path.read_bytes())) == 2


def test_export_uses_organisation_and_base_url_settings(checked: Project, tmp_path: Path) -> None:
    """The organisation and claimreview_base_url project settings reach the files."""
    checked.apply(SetProjectSetting("organisation", "Faktencheck Nord"))
    checked.apply(SetProjectSetting("claimreview_base_url", "https://checks.example/rede"))
    result = export_open_format(checked, tmp_path / "reviews.json", "claimreview")
    assert result.path.name == "reviews.json"  # a suffix the analyst chose is kept
    assert result.notes == ()
    (review,) = json.loads(result.path.read_text(encoding="utf-8"))
    assert review["author"]["name"] == "Faktencheck Nord"
    claim_id = checked.claims()[0].id
    assert review["url"] == f"https://checks.example/rede#claim-{claim_id}"
    (row, _unrated) = read_csv(export_open_format(checked, tmp_path / "claims.csv", "csv").path.read_bytes())
    assert (row["reviewer"], row["review_url"]) == ("Faktencheck Nord", review["url"])


def test_unknown_format_is_refused(checked: Project, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Unknown export format “pdf”"):
        export_open_format(checked, tmp_path / "x.pdf", "pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_failed_export_leaves_the_old_file_and_no_temporary(
    checked: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written via a temporary file and os.replace: a failure changes nothing on disk."""
    target = tmp_path / "claims.csv"
    target.write_text("previous export", encoding="utf-8")

    def refuse_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(exports_module.os, "replace", refuse_replace)
    with pytest.raises(FactcheckError, match=r"Cannot replace “claims\.csv”"):
        export_open_format(checked, target, "csv")
    assert target.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".tmp", ".csv")] == ["claims.csv"]
    monkeypatch.undo()
    with pytest.raises(FactcheckError, match="does not exist"):
        export_open_format(checked, tmp_path / "missing" / "claims.csv", "csv")
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(FactcheckError, match="is a folder"):
        export_open_format(checked, folder, "csv")
    assert not (tmp_path / "exports.csv").exists()


def test_restated_claim_claimant_and_date_win_in_claimreview_and_csv(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The analyst's restated claim, claimant and claim date are what the open formats publish."""
    import csv
    import json
    from datetime import date

    from factcheck_app.domain.anchors import anchor_for_quote
    from factcheck_app.services.edits import CreateClaim, SetClaimDetails
    from factcheck_app.services.exports import export_open_format
    from factcheck_app.services.project import Project

    article_file = tmp_path / "a.txt"
    article_file.write_text("Headline\nThe minister said unemployment halved since 2020.\n", encoding="utf-8")
    from factcheck_app.services.articles import import_article_edit

    with Project.create(tmp_path / "p.factcheck") as project:
        edit = import_article_edit(article_file)
        project.apply(edit)
        text = project.article(edit.article_id).text
        claim = CreateClaim(edit.article_id, anchor_for_quote(text, "unemployment halved since 2020"), verdict="False")
        project.apply(claim)
        project.apply(
            SetClaimDetails(
                claim.claim_id,
                restated="Unemployment has fallen by half since 2020.",
                claimant="Labour minister",
                claim_date=date(2026, 5, 4),
            )
        )
        reviews = json.loads(export_open_format(project, tmp_path / "r.jsonld", "claimreview").path.read_text("utf-8"))
        rows = list(
            csv.DictReader(
                export_open_format(project, tmp_path / "r.csv", "csv").path.read_text("utf-8-sig").splitlines()
            )
        )
    assert reviews[0]["claimReviewed"] == "Unemployment has fallen by half since 2020."
    assert reviews[0]["itemReviewed"]["author"]["name"] == "Labour minister"
    assert reviews[0]["itemReviewed"]["datePublished"] == "2026-05-04"
    assert (rows[0]["claimant"], rows[0]["claim_date"]) == ("Labour minister", "2026-05-04")
