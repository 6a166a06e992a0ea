"""The Word report: every test writes a real .docx and reads it back with python-docx."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from factcheck_app.domain.anchors import Anchor, anchor_for_quote
from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import FactcheckError
from factcheck_app.domain.sources import Source
from factcheck_app.domain.verdicts import DEFAULT_SCALE, colour_of, tint
from factcheck_app.exporters import docx_report
from factcheck_app.exporters.docx_report import ORPHAN_NOTE, ReportInput, write_docx_report

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


def test_source_details_follow_the_link(tmp_path: Path) -> None:
    """Publisher, access date and note follow the source's title."""
    article = make_article()
    source = Source(1, "https://stats.example/u", "Labour market", "Statistics office", date(2025, 2, 3), "Table 4")
    claim = make_claim(article, "unemployment fell to 3%", sources=(source,))
    document = write_and_read(tmp_path, [article], [claim])
    item = paragraph_after(document, "Sources")
    assert item == "Labour market — Statistics office · accessed 3 February 2025 · Table 4"


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
    (table,) = document.tables
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

    monkeypatch.setattr(docx_report, "open", refuse, raising=False)
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
    from dataclasses import replace as _replace

    from factcheck_app.domain.anchors import anchor_for_span
    from factcheck_app.domain.articles import PageSpan

    article = make_article()
    middle = len(article.text) // 2
    paged = _replace(article, pages=(PageSpan(0, middle, "1"), PageSpan(middle, len(article.text), "2")))
    start = paged.text.index(" ", middle) + 1
    end = paged.text.index(" ", start + 10)
    claim = make_claim(paged, paged.text[start:end], anchor=anchor_for_span(paged.text, start, end))
    document = write_and_read(tmp_path, [paged], [claim])
    assert "(p. 2)" in "\n".join(p.text for p in document.paragraphs)
