"""The Word report: every test writes a real .docx and reads it back with python-docx."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Emu
from lxml import etree

from factcheck_app.domain.anchors import Anchor, anchor_for_quote
from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import FactcheckError, InvalidInput
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import DEFAULT_SCALE, colour_of, tint
from factcheck_app.exporters.docx_report import (
    CHANGED_NOTE,
    NO_VERDICT_LABEL,
    ORPHAN_NOTE,
    ReportInput,
    ReportOptions,
    write_docx_report,
)
from factcheck_app.resources import resource_path

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"

NOW = datetime(2025, 3, 14, 9, 30)

SPEECH = (
    "The minister said unemployment fell to 3% last year.\n"
    "\n"
    "She added that crime has doubled since 2010, a figure the police dispute.\n"
    "Opposition leaders called the speech “a work of fiction” 🙄 on Tuesday.\n"
)


def make_article(text: str = SPEECH, article_id: int = 1, title: str = "Budget speech") -> Article:
    return Article(
        id=article_id,
        title=title,
        text=text,
        url="https://news.example/budget-speech",
        author="Ana Ruiz",
        published=date(2025, 3, 1),
        content_hash="",
        imported_at=NOW,
        original_name="speech.txt",
    )


def make_claim(
    article: Article,
    quote: str,
    *,
    claim_id: int = 1,
    verdict: str | None = "False",
    rationale: str = "",
    sources: tuple[Source, ...] = (),
    anchor: Anchor | None = None,
) -> Claim:
    return Claim(
        id=claim_id,
        article_id=article.id,
        anchor=anchor or anchor_for_quote(article.text, quote),
        tags=("economy",),
        verdict=verdict,
        rationale=rationale,
        sources=sources,
        created_by="Ana Ruiz",
        created_at=NOW,
        updated_by="Ben Okafor",
        updated_at=NOW,
        version=1,
    )


def make_report(articles: Sequence[Article], claims: Sequence[Claim]) -> ReportInput:
    return ReportInput(
        title="Budget speech check",
        project_name="Election 2025",
        author="Jane Editor",
        generated_at=NOW,
        scale=DEFAULT_SCALE,
        articles=articles,
        claims=claims,
    )


def write_and_read(tmp_path: Path, articles: Sequence[Article], claims: Sequence[Claim]) -> Document:
    path = tmp_path / "report.docx"
    write_docx_report(make_report(articles, claims), path)
    return docx.Document(str(path))


def commented_text(document: Document) -> dict[int, str]:
    """Text between each comment's range start and end, paragraphs joined by newlines."""
    texts: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    tags = (qn("w:p"), qn("w:t"), qn("w:commentRangeStart"), qn("w:commentRangeEnd"))
    for element in document.element.body.iter(*tags):
        if element.tag == qn("w:commentRangeStart"):
            comment_id = int(element.get(qn("w:id")))
            open_ids.add(comment_id)
            texts[comment_id] = []
        elif element.tag == qn("w:commentRangeEnd"):
            open_ids.discard(int(element.get(qn("w:id"))))
        else:
            for comment_id in open_ids:
                texts[comment_id].append("\n" if element.tag == qn("w:p") else element.text or "")
    return {comment_id: "".join(parts) for comment_id, parts in texts.items()}


def runs_shaded(document: Document) -> list[tuple[str, str]]:
    """(text, fill) of every run with real-colour shading, in document order."""
    found = []
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            shading = run._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")
            if shading is not None:
                found.append((run.text, shading.get(qn("w:fill"))))
    return found


def paragraph_after(document: Document, text: str) -> str:
    paragraphs = [p.text for p in document.paragraphs]
    return paragraphs[paragraphs.index(text) + 1]


def test_comment_covers_exactly_the_claims_words(tmp_path: Path) -> None:
    """A claim's comment is anchored on its quoted words, nothing before or after."""
    article = make_article()
    claim = make_claim(article, "unemployment fell to 3%")
    document = write_and_read(tmp_path, [article], [claim])
    assert list(commented_text(document).values()) == ["unemployment fell to 3%"]


def test_comment_holds_verdict_and_rationale(tmp_path: Path) -> None:
    """The comment says the verdict and carries the rationale, line by line, by the analyst."""
    article = make_article()
    claim = make_claim(article, "unemployment fell to 3%", rationale="The rate was 4.1%.\nSource: statistics office.")
    document = write_and_read(tmp_path, [article], [claim])
    (comment,) = document.comments
    assert comment.text.splitlines() == ["Claim 1 — Verdict: False", "The rate was 4.1%.", "Source: statistics office."]
    assert comment.author == "Ben Okafor"
    assert comment.initials == "BO"


def test_source_is_a_hyperlink_to_its_url(tmp_path: Path) -> None:
    """A source with a URL is a clickable link whose relationship targets that URL."""
    article = make_article()
    source = Source(id=1, url="https://stats.example/labour?year=2024&m=3", title="Labour market, 2024")
    claim = make_claim(article, "unemployment fell to 3%", sources=(source,))
    document = write_and_read(tmp_path, [article], [claim])
    links = [link for paragraph in document.paragraphs for link in paragraph.hyperlinks]
    (link,) = [link for link in links if link.text == "Labour market, 2024"]
    rel = document.part.rels[link._hyperlink.rId]
    assert rel.is_external
    assert rel.reltype == RT.HYPERLINK
    assert rel.target_ref == "https://stats.example/labour?year=2024&m=3"
    assert link.runs[0].font.underline is True


def test_source_details_follow_the_link_and_its_number(tmp_path: Path) -> None:
    """Under a claim, a source shows its number in the sources list, then title, publisher, access date and note."""
    article = make_article()
    source = Source(1, "https://stats.example/u", "Labour market", "Statistics office", date(2025, 2, 3), "Table 4")
    claim = make_claim(article, "unemployment fell to 3%", sources=(source,))
    document = write_and_read(tmp_path, [article], [claim])
    item = paragraph_after(document, "Sources")
    assert item == "[1]\tLabour market — Statistics office · accessed 3 February 2025 · Table 4"


def test_summary_table_counts_claims_by_verdict(tmp_path: Path) -> None:
    """The summary table lists each verdict in scale order with its count, then the total."""
    article = make_article()
    claims = [
        make_claim(article, "crime has doubled since 2010", claim_id=1, verdict="False"),
        make_claim(article, "unemployment fell to 3%", claim_id=2, verdict="True"),
        make_claim(article, "a work of fiction", claim_id=3, verdict="False"),
        make_claim(article, "on Tuesday", claim_id=4, verdict=None),
    ]
    document = write_and_read(tmp_path, [article], claims)
    table = document.tables[0]  # the summary comes before the overview
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["Verdict", "Claims", "Share"],
        ["True", "1", "25%"],
        ["False", "2", "50%"],
        ["No verdict yet", "1", "25%"],
        ["Total", "4", "100%"],
    ]
    false_run = table.rows[2].cells[0].paragraphs[0].runs[0]
    assert str(false_run.font.color.rgb) == colour_of(DEFAULT_SCALE, "False").lstrip("#").upper()


def test_highlight_shades_the_claim_in_its_verdict_tint(tmp_path: Path) -> None:
    """The claim's words in the annotated article are shaded with the tint of the verdict colour."""
    article = make_article()
    claim = make_claim(article, "crime has doubled since 2010", verdict="Mostly false")
    document = write_and_read(tmp_path, [article], [claim])
    expected_fill = tint(colour_of(DEFAULT_SCALE, "Mostly false")).lstrip("#").upper()
    assert runs_shaded(document) == [("crime has doubled since 2010", expected_fill)]


def test_claim_section_gives_location_and_verdict(tmp_path: Path) -> None:
    """Each claim section quotes the words, says where they sit and shows the verdict in bold colour."""
    article = make_article()
    claim = make_claim(article, "crime has doubled since 2010", verdict="Half true")
    document = write_and_read(tmp_path, [article], [claim])
    assert paragraph_after(document, "Claim 1") == "“crime has doubled since 2010”"
    assert paragraph_after(document, "“crime has doubled since 2010”") == "From “Budget speech”, paragraph 2"
    verdict = next(p for p in document.paragraphs if p.text.startswith("Verdict: "))
    label = verdict.runs[1]
    assert (label.text, label.bold) == ("Half true", True)
    assert str(label.font.color.rgb) == "F9A825"


def test_rationale_lines_become_paragraphs(tmp_path: Path) -> None:
    """Each line of the rationale is its own paragraph under "Rationale"."""
    article = make_article()
    claim = make_claim(article, "unemployment fell to 3%", rationale="First point.\nSecond point.")
    document = write_and_read(tmp_path, [article], [claim])
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Rationale")
    assert texts[start + 1 : start + 4] == ["First point.", "Second point.", "Sources"]


def test_orphaned_anchor_is_flagged_and_not_highlighted(tmp_path: Path) -> None:
    """A claim whose offsets no longer hold its quote is flagged, with no shading and no comment."""
    article = make_article()
    stale = Anchor(start=4, end=12, exact="Minister", prefix="The ", suffix=" said")
    claim = make_claim(article, "", anchor=stale)
    document = write_and_read(tmp_path, [article], [claim])
    texts = [p.text for p in document.paragraphs]
    assert f"⚠ {ORPHAN_NOTE}" in texts
    assert "From “Budget speech”" in texts  # no paragraph number pointing at other words
    assert runs_shaded(document) == []
    assert len(document.comments) == 0


def test_overlapping_claims_both_get_comments(tmp_path: Path) -> None:
    """Two claims sharing words each get a comment over exactly their own words."""
    article = make_article()
    outer = make_claim(article, "crime has doubled since 2010, a figure the police dispute", claim_id=1)
    inner = make_claim(article, "doubled since 2010", claim_id=2, verdict="Misleading")
    document = write_and_read(tmp_path, [article], [outer, inner])
    by_claim = {comment.text.splitlines()[0]: comment.comment_id for comment in document.comments}
    ranges = commented_text(document)
    assert ranges[by_claim["Claim 1 — Verdict: False"]] == "crime has doubled since 2010, a figure the police dispute"
    assert ranges[by_claim["Claim 2 — Verdict: Misleading"]] == "doubled since 2010"
    misleading_fill = tint(colour_of(DEFAULT_SCALE, "Misleading")).lstrip("#").upper()
    assert ("doubled since 2010", misleading_fill) in runs_shaded(document)


def test_claim_across_paragraphs_is_commented_from_first_to_last_word(tmp_path: Path) -> None:
    """A claim crossing a paragraph break is one comment spanning both paragraphs."""
    article = make_article()
    claim = make_claim(article, "police dispute.\nOpposition leaders")
    document = write_and_read(tmp_path, [article], [claim])
    assert list(commented_text(document).values()) == ["police dispute.\nOpposition leaders"]
    assert paragraph_after(document, "“police dispute.\nOpposition leaders”") == "From “Budget speech”, paragraphs 2–3"


def test_non_ascii_text_is_anchored_exactly(tmp_path: Path) -> None:
    """Emoji and curly quotes before and inside a claim do not shift its anchor."""
    text = "🙄🙄 “Prices” fell — by 5 % — said the “expert” 👍 today.\n"
    article = make_article(text=text)
    claim = make_claim(article, "said the “expert” 👍")
    document = write_and_read(tmp_path, [article], [claim])
    assert list(commented_text(document).values()) == ["said the “expert” 👍"]
    assert [run_text for run_text, _ in runs_shaded(document)] == ["said the “expert” 👍"]


def test_header_and_footer_carry_title_and_page_numbers(tmp_path: Path) -> None:
    """The header shows the report title and the footer "Page X of Y" as PAGE and NUMPAGES fields."""
    article = make_article()
    document = write_and_read(tmp_path, [article], [make_claim(article, "on Tuesday")])
    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Budget speech check"
    footer = section.footer.paragraphs[0]
    instructions = [element.text.strip() for element in footer._p.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert footer.text == "Page 1 of 1"  # placeholders until Word lays the pages out


def test_permission_denied_raises_and_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the folder refuses a new file (as for a non-root user above), FactcheckError says so."""

    def refuse(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied", str(file))

    from factcheck_app.exporters import atomic

    monkeypatch.setattr(atomic, "open", refuse, raising=False)
    with pytest.raises(FactcheckError, match="may not write in this folder"):
        write_docx_report(make_report([make_article()], []), tmp_path / "report.docx")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_raises(tmp_path: Path) -> None:
    """Saving into a folder that does not exist raises FactcheckError naming the folder."""
    with pytest.raises(FactcheckError, match="does not exist"):
        write_docx_report(make_report([make_article()], []), tmp_path / "gone" / "report.docx")


def test_failure_while_writing_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If saving fails half-way (disk full), FactcheckError is raised and no file is left behind."""

    def disk_full(self: Document, stream: object) -> None:
        stream.write(b"PK\x03\x04 half a zip")  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", disk_full)
    with pytest.raises(FactcheckError, match="disk is full"):
        write_docx_report(make_report([make_article()], []), tmp_path / "report.docx")
    assert list(tmp_path.iterdir()) == []


def test_report_open_in_word_raises_and_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the old report cannot be replaced (open in Word), it stays as it was and no temp file remains."""
    path = tmp_path / "report.docx"
    path.write_bytes(b"previous report")

    def locked(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(FactcheckError, match="open in another program"):
        write_docx_report(make_report([make_article()], []), path)
    assert path.read_bytes() == b"previous report"
    assert list(tmp_path.iterdir()) == [path]


def test_claim_in_a_pdf_article_cites_its_page(tmp_path: Path) -> None:
    """A claim on page 2 of a PDF article says "p. 2" in its location line."""
    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.articles import PageSpan

    article = make_article()
    middle = len(article.text) // 2
    paged = replace(article, pages=(PageSpan(0, middle, "1"), PageSpan(middle, len(article.text), "2")))
    start = paged.text.index(" ", middle) + 1
    end = paged.text.index(" ", start + 10)
    claim = make_claim(paged, paged.text[start:end], anchor=anchor_for_span(paged.text, start, end))
    document = write_and_read(tmp_path, [paged], [claim])
    assert "(p. 2)" in "\n".join(p.text for p in document.paragraphs)


# -- options: sections, order, orphans, cover, template ------------------------------------

LOGO = Path(__file__).resolve().parents[2] / "resources" / "icons" / "factcheck-app-64.png"
SCALE_ORDER = [*DEFAULT_SCALE.labels, NO_VERDICT_LABEL]


def write_with(tmp_path: Path, articles: Sequence[Article], claims: Sequence[Claim], **options: object) -> Document:
    path = tmp_path / "report.docx"
    report = replace(make_report(articles, claims), options=ReportOptions(**options))  # type: ignore[arg-type]
    write_docx_report(report, path)
    return docx.Document(str(path))


def three_claims(article: Article) -> list[Claim]:
    labour = Source(id=1, url="https://stats.example/labour", title="Labour market, 2024", publisher="Stats office")
    police = Source(id=2, url="https://police.example/crime", title="Crime figures")
    memo = Source(id=3, url="", title="Interview with the minister's office")
    return [
        make_claim(article, "unemployment fell to 3%", claim_id=1, verdict="False", sources=(labour,)),
        make_claim(article, "crime has doubled since 2010", claim_id=2, verdict="True", sources=(police, labour)),
        make_claim(article, "a work of fiction", claim_id=3, verdict="Half true", sources=(memo, police)),
    ]


def bookmarks(document: Document) -> dict[str, str]:
    """Bookmark name -> text of the paragraph holding it."""
    found = {}
    for start in document.element.body.iter(qn("w:bookmarkStart")):
        paragraph = start.getparent()
        found[start.get(qn("w:name"))] = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return found


def styled(document: Document, style_name: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style_name]


def headings(document: Document, level: int) -> list[str]:
    return styled(document, f"Heading {level}")


def claim_sections(document: Document) -> dict[str, list[str]]:
    """Heading "Claim N" -> the texts of the paragraphs under it, up to the next heading."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading"):
            current = sections.setdefault(paragraph.text, []) if name == "Heading 2" else None
        elif current is not None:
            current.append(paragraph.text)
    return sections


def test_overview_has_a_row_per_claim_linking_to_its_heading(tmp_path: Path) -> None:
    """Each overview row's number is an internal link to the bookmark on that claim's heading."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article))
    overview = document.tables[1]
    header, *rows = overview.rows
    assert [cell.text for cell in header.cells] == ["#", "Claim", "Claimant", "Verdict", "Status"]
    assert len(rows) == 3
    marks = bookmarks(document)
    sections = claim_sections(document)
    for number, row in enumerate(rows, start=1):
        (link,) = row.cells[0].paragraphs[0].hyperlinks
        anchor = link._hyperlink.anchor
        assert link.text == str(number)
        assert marks[anchor] == f"Claim {number}"
        assert sections[f"Claim {number}"][0] == row.cells[1].text  # the same quote
        assert row.cells[2].text == "Ana Ruiz"  # the article's author stands in for the claimant


def test_overview_colours_the_verdict_and_says_where_the_claim_stands(tmp_path: Path) -> None:
    """The verdict cell is tinted in the verdict's colour; the status column names the anchor state."""
    article = make_article()
    claims = three_claims(article)
    claims[1] = replace(claims[1], anchor_state="changed")
    document = write_with(tmp_path, [article], claims)
    rows = document.tables[1].rows[1:]
    fill = rows[0].cells[3]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
    assert fill == tint(colour_of(DEFAULT_SCALE, "False")).lstrip("#").upper()
    assert [row.cells[4].text for row in rows] == ["In place", "⚠ Changed", "In place"]


def test_sources_are_numbered_once_and_cited_by_number(tmp_path: Path) -> None:
    """Each distinct source is listed once, numbered; claim sections cite the same numbers, linked to the list."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article))
    texts = [p.text for p in document.paragraphs]
    listed = [text for text in texts[len(texts) - texts[::-1].index("Sources") :] if text.startswith("[")]
    by_number = {entry.split("\t")[0]: entry.split("\t")[1].split(" — ")[0].split("\n")[0] for entry in listed}
    assert by_number == {
        "[1]": "Labour market, 2024",
        "[2]": "Crime figures",
        "[3]": "Interview with the minister's office",
    }
    cited = {
        heading: [line for line in lines if line.startswith("[")] for heading, lines in claim_sections(document).items()
    }
    for lines in cited.values():
        for line in lines:
            number, rest = line.split("\t")
            assert rest.startswith(by_number[number])
    assert [[line.split("\t")[0] for line in lines] for lines in cited.values()] == [
        ["[1]"],
        ["[2]", "[1]"],
        ["[3]", "[2]"],
    ]
    assert listed[0].endswith("Cited in claims 1 and 2")
    marks = bookmarks(document)
    internal = [link for p in document.paragraphs for link in p.hyperlinks if link._hyperlink.anchor]
    assert {link.text for link in internal if link.text.startswith("[")} == {"[1]", "[2]", "[3]"}
    for link in internal:
        assert link._hyperlink.anchor in marks
        if link.text.startswith("["):
            assert marks[link._hyperlink.anchor].startswith(link.text)


def test_sources_list_links_each_url(tmp_path: Path) -> None:
    """In the sources list a source's address is a clickable link to it."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article), sections=("sources",))
    links = [link for p in document.paragraphs for link in p.hyperlinks if link._hyperlink.rId]
    targets = {link.text: document.part.rels[link._hyperlink.rId].target_ref for link in links}
    assert targets == {url: url for url in ("https://stats.example/labour", "https://police.example/crime")}


def test_order_by_verdict_follows_the_scale(tmp_path: Path) -> None:
    """With order="verdict", claims come in the verdict scale's order, claims without a verdict last."""
    article = make_article()
    quotes = ["unemployment fell to 3%", "crime has doubled", "a work of fiction", "on Tuesday", "the police dispute"]
    verdicts = [None, "Misleading", "True", "False", "Half true"]
    claims = [
        make_claim(article, quote, claim_id=k, verdict=verdict)
        for k, (quote, verdict) in enumerate(zip(quotes, verdicts, strict=True), start=1)
    ]
    document = write_with(tmp_path, [article], claims, order="verdict")
    printed = [p.text.split(": ", 1)[1].split(" — ")[0] for p in document.paragraphs if p.text.startswith("Verdict: ")]
    assert printed == sorted(printed, key=SCALE_ORDER.index)
    assert printed == ["True", "Half true", "False", "Misleading", NO_VERDICT_LABEL]
    assert headings(document, 2) == [f"Claim {n}" for n in range(1, 6)]  # numbered in the printed order


def test_order_by_article_follows_the_text(tmp_path: Path) -> None:
    """By default claims are numbered in the order they appear in the article, whatever order they came in."""
    article = make_article()
    late = make_claim(article, "on Tuesday", claim_id=1)
    early = make_claim(article, "unemployment fell to 3%", claim_id=2)
    document = write_with(tmp_path, [article], [late, early])
    assert paragraph_after(document, "Claim 1") == "“unemployment fell to 3%”"
    assert paragraph_after(document, "Claim 2") == "“on Tuesday”"


def test_order_by_claimant_groups_claims(tmp_path: Path) -> None:
    """With order="claimant", claims are grouped by claimant (the article's author for now), A to Z."""
    zoe = replace(make_article(article_id=1, title="Speech"), author="Zoë Adams")
    bob = replace(make_article(article_id=2, title="Reply"), author="Bob Brown")
    claims = [make_claim(zoe, "on Tuesday", claim_id=1), make_claim(bob, "unemployment fell to 3%", claim_id=2)]
    document = write_with(tmp_path, [zoe, bob], claims, order="claimant")
    assert [row.cells[2].text for row in document.tables[1].rows[1:]] == ["Bob Brown", "Zoë Adams"]


def test_sections_turned_off_are_absent(tmp_path: Path) -> None:
    """Only the chosen sections are written: here the claims alone, with no cover, tables, appendix or list."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article), sections=("claims",))
    assert headings(document, 1) == ["Claims"]
    assert document.tables == []
    assert len(document.comments) == 0
    assert len(document.inline_shapes) == 0
    assert not document.sections[0].different_first_page_header_footer  # no cover page to keep bare
    assert "Report Cover Detail" not in {p.style.name for p in document.paragraphs}
    cited = [line for lines in claim_sections(document).values() for line in lines if "\t" in line]
    assert cited and all(line.startswith("•\t") for line in cited)  # no list to number them against
    assert not [link for p in document.paragraphs for link in p.hyperlinks if link._hyperlink.anchor]


def test_every_section_is_there_by_default(tmp_path: Path) -> None:
    """The full report: cover, summary, overview, claims, annotated article, sources, in that order."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article))
    assert headings(document, 1) == ["Summary", "Overview", "Claims", "Annotated article: Budget speech", "Sources"]
    assert styled(document, "Report Title") == ["Budget speech check"]
    assert document.sections[0].different_first_page_header_footer  # the cover has no header or footer


def test_orphaned_claims_are_left_out_when_asked(tmp_path: Path) -> None:
    """include_orphaned=False drops orphaned claims everywhere and the summary says how many."""
    from factcheck_app.domain.reanchor import orphan

    article = make_article()
    kept = make_claim(article, "unemployment fell to 3%", claim_id=1)
    lost = make_claim(article, "on Tuesday", claim_id=2)
    lost = replace(lost, anchor_state="orphaned", anchor=orphan(lost.anchor))
    document = write_with(tmp_path, [article], [kept, lost], include_orphaned=False)
    assert headings(document, 2) == ["Claim 1"]
    assert len(document.tables[1].rows) == 2
    text = "\n".join(p.text for p in document.paragraphs)
    assert "“on Tuesday”" not in text
    assert "1 claim whose words are no longer in the article is left out of this report." in text


def test_orphaned_claims_are_marked_and_listed_last_by_default(tmp_path: Path) -> None:
    """An orphaned claim is printed, marked, without a location, after its article's placed claims."""
    from factcheck_app.domain.reanchor import orphan

    article = make_article()
    lost = make_claim(article, "unemployment fell to 3%", claim_id=1)
    lost = replace(lost, anchor_state="orphaned", anchor=orphan(lost.anchor))
    kept = make_claim(article, "on Tuesday", claim_id=2)
    document = write_with(tmp_path, [article], [lost, kept])
    sections = claim_sections(document)
    assert sections["Claim 2"][:4] == [
        "“unemployment fell to 3%”",
        "From “Budget speech”",  # no paragraph number: the offsets point at other words
        "Claimant: Ana Ruiz, published 1 March 2025",
        f"⚠ {ORPHAN_NOTE}",
    ]
    assert [row.cells[4].text for row in document.tables[1].rows[1:]] == ["In place", "⚠ Orphaned"]
    assert "⚠ Claim 2 is not highlighted" in paragraph_after(
        document, "By Ana Ruiz · published 1 March 2025 · https://news.example/budget-speech"
    )
    assert list(commented_text(document).values()) == ["on Tuesday"]


def test_changed_claim_is_marked_and_still_highlighted(tmp_path: Path) -> None:
    """A claim whose words changed says so in its section and its comment, and is highlighted on the new words."""
    article = make_article()
    claim = replace(make_claim(article, "unemployment fell to 3%"), anchor_state="changed")
    document = write_with(tmp_path, [article], [claim])
    assert f"⚠ {CHANGED_NOTE}" in claim_sections(document)["Claim 1"]
    (comment,) = document.comments
    assert comment.text.splitlines()[1] == f"⚠ {CHANGED_NOTE}."
    assert list(commented_text(document).values()) == ["unemployment fell to 3%"]


def test_cover_carries_title_organisation_author_and_logo(tmp_path: Path) -> None:
    """The cover shows the logo (an inline picture part), the title, the organisation, the date and the author."""
    article = make_article()
    document = write_with(
        tmp_path,
        [article],
        three_claims(article),
        title="Harbour bridge check",
        organisation="Port Calder Gazette",
        author="Sam Lee",
        logo_path=LOGO,
    )
    (picture,) = document.inline_shapes
    image_part = document.part.related_parts[picture._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image_part.content_type == "image/png"
    assert image_part.blob == LOGO.read_bytes()
    assert picture._inline in list(document.paragraphs[0]._p.iter(qn("wp:inline")))  # first thing on the cover
    cover = [p.text for p in document.paragraphs[1:9]]
    assert cover[:2] == ["Harbour bridge check", "Port Calder Gazette"]
    assert "Date: 14 March 2025" in cover and "Author: Sam Lee" in cover
    assert document.core_properties.author == "Sam Lee"
    assert document.sections[0].header.paragraphs[0].text == "Port Calder Gazette · Harbour bridge check"


@pytest.mark.parametrize(
    ("make_logo", "message"),
    [
        (lambda folder: folder / "missing.png", "does not exist"),
        (lambda folder: _write(folder / "logo.gif", b"GIF89a\x01\x00\x01\x00"), "not a PNG or JPEG"),
        (lambda folder: _write(folder / "logo.png", b"\x89PNG\r\n\x1a\n"), "damaged"),
    ],
)
def test_bad_logo_raises_before_anything_is_written(tmp_path: Path, make_logo, message: str) -> None:  # type: ignore[no-untyped-def]
    """A missing, foreign or broken logo raises FactcheckError naming the problem, and no file is written."""
    folder = tmp_path / "in"
    folder.mkdir()
    logo = make_logo(folder)
    out = tmp_path / "out"
    out.mkdir()
    report = replace(make_report([make_article()], []), options=ReportOptions(logo_path=logo))
    with pytest.raises(FactcheckError, match=message):
        write_docx_report(report, out / "report.docx")
    assert list(out.iterdir()) == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_house_style_comes_from_the_bundled_template(tmp_path: Path) -> None:
    """Paragraphs carry the template's named styles, and the page is set up as the template says (A4)."""
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article))
    assert styled(document, "Claim Quote")[0] == "“unemployment fell to 3%”"
    assert "Report Title" in {style.name for style in document.styles}
    assert styled(document, "Report Label")[:2] == ["Rationale", "Sources"]
    assert document.tables[0].style.name == "Report Table"
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_user_template_without_our_styles_still_makes_a_report(tmp_path: Path) -> None:
    """A plain Word template lacking our style names falls back to built-in styles; its sample text is dropped."""
    template = docx.Document()
    template.add_paragraph("Letterhead sample text that must not appear in the report")
    template.sections[0].header.paragraphs[0].text = "DAILY BUGLE — INTERNAL"
    template.save(str(tmp_path / "newsroom.docx"))
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article), template_path=tmp_path / "newsroom.docx")
    names = {style.name for style in document.styles}
    assert "Claim Quote" not in names  # the template's own Intense Quote stands in for it
    assert styled(document, "Intense Quote")[0] == "“unemployment fell to 3%”"
    assert styled(document, "Title") == ["Budget speech check"]
    assert "Letterhead sample text that must not appear in the report" not in [p.text for p in document.paragraphs]
    assert document.sections[0].header.paragraphs[0].text == "DAILY BUGLE — INTERNAL"  # the newsroom's own header
    assert len(document.comments) == 3
    assert len(document.tables[1].rows) == 4


def test_template_with_no_styles_at_all_still_makes_a_report(tmp_path: Path) -> None:
    """A template stripped of every style but Normal still gives a full report: plain styles are added, tables get lines."""
    template = docx.Document()
    styles = template.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) != "Normal":
            styles.remove(style)
    template.save(str(tmp_path / "bare.docx"))
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article), template_path=tmp_path / "bare.docx")
    assert headings(document, 2) == ["Claim 1", "Claim 2", "Claim 3"]
    labels = [p for p in document.paragraphs if p.text == "Rationale"]
    assert labels and all(p.style.name == "Report Label" and p.style.font.bold for p in labels)  # emphasis kept
    assert document.tables[1]._tbl.tblPr.find(qn("w:tblBorders")) is not None


def test_word_template_file_dotx_is_accepted(tmp_path: Path) -> None:
    """A Word template saved as .dotx works like a .docx template."""
    bundled = resource_path("templates", "report.docx")
    with zipfile.ZipFile(bundled) as source, zipfile.ZipFile(tmp_path / "house.dotx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    article = make_article()
    document = write_with(tmp_path, [article], three_claims(article), template_path=tmp_path / "house.dotx")
    assert styled(document, "Claim Quote")[0] == "“unemployment fell to 3%”"


@pytest.mark.parametrize("content", [b"just some text, not a Word file", b"PK\x05\x06" + b"\x00" * 18])
def test_template_that_is_not_a_word_file_raises_and_writes_nothing(tmp_path: Path, content: bytes) -> None:
    """A template that is not a Word document raises FactcheckError with a clear message; no report is written."""
    template = tmp_path / "template.docx"
    template.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    report = replace(make_report([make_article()], []), options=ReportOptions(template_path=template))
    with pytest.raises(FactcheckError, match="is not a Word document"):
        write_docx_report(report, out / "report.docx")
    assert list(out.iterdir()) == []


def test_missing_template_raises(tmp_path: Path) -> None:
    """A template path that does not exist raises FactcheckError naming it."""
    report = replace(make_report([make_article()], []), options=ReportOptions(template_path=tmp_path / "gone.docx"))
    with pytest.raises(FactcheckError, match="does not exist"):
        write_docx_report(report, tmp_path / "report.docx")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [({"sections": ("cover", "appendix")}, "“appendix” is not a section"), ({"order": "date"}, "not an order")],
)
def test_unknown_section_or_order_is_refused(options: dict[str, object], message: str) -> None:
    """ReportOptions refuses a section or an order it does not know, naming the choices."""
    with pytest.raises(InvalidInput, match=message):
        ReportOptions(**options)  # type: ignore[arg-type]


def test_bundled_template_is_what_the_generator_makes(tmp_path: Path) -> None:
    """resources/templates/report.docx is up to date with make_report_template.py (same styles)."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "resources" / "templates" / "make_report_template.py"
    spec = importlib.util.spec_from_file_location("make_report_template", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = docx.Document(str(module.build(tmp_path / "fresh.docx")))
    bundled = docx.Document(str(resource_path("templates", "report.docx")))

    def style_xml(document: Document) -> dict[str, str]:
        return {style.name: etree.tostring(style.element) for style in document.styles}  # type: ignore[misc]

    assert style_xml(fresh) == style_xml(bundled)


def test_claimant_date_and_approval_are_shown(tmp_path: Path) -> None:
    """The restated claim, its own claimant and date are shown, and an approved claim names who approved it."""
    article = make_article()
    claim = replace(
        make_claim(article, "unemployment fell to 3%"),
        restated="Unemployment fell to 3% in 2024.",
        claimant="Mayor Elena Ruiz",
        claim_date=date(2025, 2, 28),
        status="approved",
        reviewer="Kim Lee",
        approved_by="Kim Lee",
        approved_at=datetime(2025, 3, 13, 17, 0),
    )
    document = write_with(tmp_path, [article], [claim])
    section = claim_sections(document)["Claim 1"]
    assert section[1] == "Claim as checked: Unemployment fell to 3% in 2024."
    assert "Claimant: Mayor Elena Ruiz, said 28 February 2025" in section
    assert section[-1] == "Checked by Ben Okafor, 14 March 2025. Approved by Kim Lee, 13 March 2025."
    assert document.tables[1].rows[1].cells[2].text == "Mayor Elena Ruiz"


# -- benchmarks/render_report.py: the report as editors will see it ---------------------------

RENDER_SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "render_report.py"


def test_render_script_says_what_is_missing_and_exits_2(tmp_path: Path) -> None:
    """Without LibreOffice and pdftoppm on PATH, the render script names them and exits with status 2."""
    report = tmp_path / "report.docx"
    write_docx_report(make_report([make_article()], []), report)
    done = subprocess.run(
        [sys.executable, str(RENDER_SCRIPT), str(report), str(tmp_path / "pages")],
        env={**os.environ, "PATH": str(tmp_path / "nothing-here")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "soffice" in done.stderr and "pdftoppm" in done.stderr


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext")), reason="LibreOffice is not installed"
)
def test_libreoffice_opens_the_report_and_renders_its_pages(tmp_path: Path) -> None:
    """LibreOffice reads the full report (logo, tables, links, comments) and the pages show the claims."""
    article = make_article()
    report = tmp_path / "report.docx"
    options = ReportOptions(organisation="Port Calder Gazette", logo_path=LOGO)
    write_docx_report(replace(make_report([article], three_claims(article)), options=options), report)
    done = subprocess.run(
        [sys.executable, str(RENDER_SCRIPT), str(report), str(tmp_path / "pages")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    pdf, *pages = (Path(line) for line in done.stdout.splitlines())
    assert pdf.suffix == ".pdf" and len(pages) >= 4
    assert all(page.read_bytes().startswith(b"\x89PNG") for page in pages)
    assert b"Claim 3" in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout


def test_evidence_stance_excerpt_and_location_are_printed(tmp_path: Path) -> None:
    """Under each cited source: what it shows for the claim (stance, excerpt, location)."""
    from dataclasses import replace as _replace

    from factcheck_app.domain.sources import Evidence

    article = make_article()
    source = Source(7, "https://stats.example.org/jobs", "Jobs report")
    claim = make_claim(article, article.text.split()[0], sources=(source,))
    claim = _replace(claim, evidence=(Evidence(source, "Unemployment fell 12%", "table 2", "contradicts"),))
    document = write_and_read(tmp_path, [article], [claim])
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Contradicts the claim: “Unemployment fell 12%” (table 2)" in text


def test_quote_that_carries_its_own_quotation_marks_is_not_quoted_twice(tmp_path: Path) -> None:
    """Words selected with their “ ” keep one pair of marks, in the claim section and the overview."""
    from factcheck_app.domain.sources import Evidence

    article = make_article(title="“A work of fiction”, says opposition")
    whole = make_claim(article, "“a work of fiction”", claim_id=1)
    opened = make_claim(article, "“a work of fiction", claim_id=2)
    partly = make_claim(article, "“a work of fiction” 🙄 on Tuesday", claim_id=3)
    source = Source(7, "https://news.example/reply", "Reply")
    whole = replace(whole, sources=(source,), evidence=(Evidence(source, "“Not fiction at all”", "", "contradicts"),))
    document = write_with(tmp_path, [article], [whole, opened, partly])
    sections = claim_sections(document)
    assert sections["Claim 1"][:2] == [
        "“a work of fiction”",
        "From “‘A work of fiction’, says opposition”, paragraph 3",
    ]
    assert sections["Claim 2"][0] == "“a work of fiction”"
    assert sections["Claim 3"][0] == "“‘a work of fiction’ 🙄 on Tuesday”"  # the inner quotation made single
    assert [row.cells[1].text for row in document.tables[1].rows[1:]] == [
        "“a work of fiction”",
        "“a work of fiction”",
        "“‘a work of fiction’ 🙄 on Tuesday”",
    ]
    assert "Contradicts the claim: “Not fiction at all”" in sections["Claim 1"]
    everything = "\n".join(p.text for p in document.paragraphs)
    assert "““" not in everything and "””" not in everything


# Advance widths of DejaVu Sans Bold (units per em: 2048), one of the widest common sans fonts:
# a column that holds a label set in it holds the label in the template's font too.
_DEJAVU_SANS_BOLD = {"⚠": 1836, " ": 713, "O": 1741, "r": 1010, "p": 1466, "h": 1458, "a": 1382, "n": 1458}
_DEJAVU_SANS_BOLD |= {"e": 1389, "d": 1466, "C": 1503, "g": 1466, "S": 1475, "t": 979, "u": 1458, "s": 1167}


def test_overview_status_column_fits_its_longest_label(tmp_path: Path) -> None:
    """“⚠ Orphaned” fits on one line of the status column: Word does not break it into "Orphane d"."""
    from factcheck_app.domain.reanchor import orphan

    article = make_article()
    lost = make_claim(article, "unemployment fell to 3%", claim_id=1)
    lost = replace(lost, anchor_state="orphaned", anchor=orphan(lost.anchor))
    changed = replace(make_claim(article, "on Tuesday", claim_id=2), anchor_state="changed")
    document = write_with(tmp_path, [article], [lost, changed])
    table = document.tables[1]
    assert [row.cells[4].text for row in table.rows[1:]] == ["⚠ Changed", "⚠ Orphaned"]
    size_pt = document.styles["Table Text"].font.size.pt
    margins = table.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    padding = sum(int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) for side in ("left", "right"))
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    cell_widths = {int(row.cells[4]._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for row in table.rows}
    assert cell_widths == {grid[4]}
    for label in ("⚠ Orphaned", "⚠ Changed", "Status"):
        twips = sum(_DEJAVU_SANS_BOLD[char] for char in label) / 2048 * size_pt * 20
        assert grid[4] - padding >= twips, label
    section = document.sections[0]
    text_width = Emu(section.page_width - section.left_margin - section.right_margin).twips
    assert sum(grid) <= text_width + len(grid)  # still within the page's text width (rounding aside)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _huge_png(path: Path) -> Path:
    """A PNG whose header says 100,000 × 100,000 pixels (the picture data itself is tiny)."""
    import struct
    import zlib

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + ihdr + b"\x00\x00\x00\x00IEND\xaeB`\x82")
    return path


@pytest.mark.parametrize(
    ("option", "make_input", "message"),
    [
        ("template_path", lambda folder: _fifo(folder / "template.docx"), "named pipe"),
        ("template_path", lambda folder: BAD / "zip-bomb.docx", "refused"),
        ("template_path", lambda folder: Path("/dev/zero"), "not a"),
        ("logo_path", lambda folder: _fifo(folder / "logo.png"), "named pipe"),
        ("logo_path", lambda folder: Path("/dev/zero"), "not a"),
        ("logo_path", lambda folder: _huge_png(folder / "logo.png"), "too large"),
    ],
)
def test_hostile_template_or_logo_is_refused_quickly(tmp_path: Path, option: str, make_input, message: str) -> None:  # type: ignore[no-untyped-def]
    """A FIFO, /dev/zero, a zip-bomb template or a 100,000-pixel-square logo: one clear message, no file written."""
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    given = make_input(folder)
    out = tmp_path / "out"
    out.mkdir()
    report = replace(make_report([make_article()], []), options=ReportOptions(**{option: given}))
    started = time.monotonic()
    with pytest.raises(FactcheckError, match=message):
        write_docx_report(report, out / "report.docx")
    assert time.monotonic() - started < 10
    assert list(out.iterdir()) == []
