"""PDF articles: the text layer re-flowed into paragraphs, with the page of every character."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts
from pypdf import PdfReader, PdfWriter

from factcheck_app.importers.pdf import _join
from factcheck_app.importers.registry import read_article_file

# Page 1 of bridge.pdf ends after "…found that a quarter of them had lost" (see make_fixtures.py).
ACROSS_THE_PAGE_BREAK = (
    "Inspectors drilled 40 samples from the deck and found that a quarter of them had lost more than "
    "30 per cent of their original thickness."
)


def test_pdf_metadata_is_read() -> None:
    """Title and author come from the document information; its creation date (and XMP's
    create date) only say when the PDF was made, so the publication date is left empty."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    assert (draft.format, draft.title, draft.author, draft.published) == (
        "pdf",
        ARTICLE.headline,
        ARTICLE.author,
        None,
    )
    assert_well_formed(draft)


_XMP = (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"{attributes}>'
    "{elements}</rdf:Description></rdf:RDF></x:xmpmeta>"
    '<?xpacket end="w"?>'
)


def _printed_today(
    tmp_path: Path, *, info: dict[str, str] | None = None, elements: str = "", attributes: str = ""
) -> Path:
    """bridge.pdf as a reporter's "print to PDF" of it today: fresh file dates, the given metadata."""
    writer = PdfWriter(clone_from=PdfReader(ARTICLES / "bridge.pdf"))
    writer.add_metadata(
        {"/CreationDate": "D:20260410091500+02'00'", "/ModDate": "D:20260410091500+02'00'", **(info or {})}
    )
    xmp = _XMP.format(
        attributes=attributes,
        elements="<xmp:CreateDate>2026-04-10T09:15:00+02:00</xmp:CreateDate>"
        "<xmp:ModifyDate>2026-04-10T09:15:00+02:00</xmp:ModifyDate>"
        "<dc:date><rdf:Seq><rdf:li>2026-04-10</rdf:li></rdf:Seq></dc:date>" + elements,
    )
    writer.xmp_metadata = xmp.encode("utf-8")
    path = tmp_path / "printed.pdf"
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_creation_date_is_not_the_publication_date(tmp_path: Path) -> None:
    """A 2025 article printed to PDF in 2026: the file's creation, modification, XMP create
    and dc:date all say 2026-04-10, none of which is when the article was published."""
    path = _printed_today(tmp_path)
    reader = PdfReader(path)
    assert reader.metadata is not None and reader.metadata.creation_date.date() == date(2026, 4, 10)
    draft = read_article_file(path)
    assert (draft.title, draft.author, draft.published) == (ARTICLE.headline, ARTICLE.author, None)


def test_prism_publication_date_is_the_publication_date(tmp_path: Path) -> None:
    """XMP prism:publicationDate (written by publishing systems) is real publication metadata."""
    path = _printed_today(tmp_path, elements="<prism:publicationDate>2025-03-14T07:30:00Z</prism:publicationDate>")
    assert read_article_file(path).published == date(2025, 3, 14)


def test_prism_publication_date_as_attribute_or_per_platform(tmp_path: Path) -> None:
    """The same property written as an attribute, or (PRISM 2.1+) as a bag with one date per
    platform, of which the first publication counts."""
    path = _printed_today(tmp_path, attributes=' prism:publicationDate="2025-03-13"')
    assert read_article_file(path).published == date(2025, 3, 13)
    bag = (
        "<prism:publicationDate><rdf:Bag>"
        '<rdf:li prism:platform="print">2025-03-15</rdf:li><rdf:li prism:platform="web">2025-03-14</rdf:li>'
        "</rdf:Bag></prism:publicationDate>"
    )
    assert read_article_file(_printed_today(tmp_path, elements=bag)).published == date(2025, 3, 14)


def test_dcterms_issued_is_the_publication_date(tmp_path: Path) -> None:
    """Dublin Core's dcterms:issued ("date of formal issuance, e.g. publication") is used."""
    path = _printed_today(tmp_path, elements="<dcterms:issued>2025-02-28</dcterms:issued>")
    assert read_article_file(path).published == date(2025, 2, 28)


def test_custom_publication_date_entry_is_the_publication_date(tmp_path: Path) -> None:
    """A custom document information entry named "PublicationDate" (newsroom systems) is used."""
    path = _printed_today(tmp_path, info={"/PublicationDate": "D:20250301060000Z", "/Desk": "Metro"})
    assert read_article_file(path).published == date(2025, 3, 1)


@pytest.mark.parametrize(
    "elements",
    [
        "<prism:publicationDate>2025</prism:publicationDate>",  # a year is not a day to cite
        "<prism:publicationDate>2025-03</prism:publicationDate>",
        "<prism:publicationDate>14 March 2025</prism:publicationDate>",
        "<prism:publicationDate>2025-02-30</prism:publicationDate>",
        "<prism:coverDate>2025-04-01</prism:coverDate>",  # a magazine's cover date is not its publication
    ],
    ids=["year", "month", "prose", "impossible", "cover-date"],
)
def test_vague_or_other_dates_are_not_used(tmp_path: Path, elements: str) -> None:
    """Only a whole, valid day in a property that means "published" becomes the date."""
    assert read_article_file(_printed_today(tmp_path, elements=elements)).published is None


def test_broken_xmp_packet_is_ignored(tmp_path: Path) -> None:
    """Metadata that is not well-formed XML (or declares entities) costs the date, never the article."""
    for packet in (
        b"<x:xmpmeta><rdf:RDF>not closed",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY d "2025-03-14">]>'
        b'<x xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/">'
        b"<prism:publicationDate>&d;</prism:publicationDate></x>",
    ):
        writer = PdfWriter(clone_from=PdfReader(ARTICLES / "bridge.pdf"))
        writer.xmp_metadata = packet
        path = tmp_path / "broken-xmp.pdf"
        with path.open("wb") as out:
            writer.write(out)
        draft = read_article_file(path)
        assert (draft.title, draft.published) == (ARTICLE.headline, None)


def test_every_paragraph_is_one_block() -> None:
    """Lines are joined back into the article's paragraphs, one block each."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    paragraphs = block_texts(draft, "paragraph")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in paragraphs


def test_sentence_across_the_page_break_is_quotable() -> None:
    """The sentence that starts on page 1 and ends on page 2 is one substring of the text."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    start = draft.text.index(ACROSS_THE_PAGE_BREAK)
    first, second = draft.pages
    assert first.start <= start < first.end < start + len(ACROSS_THE_PAGE_BREAK) <= second.end
    assert (first.label, second.label) == ("1", "2")


def test_soft_hyphenation_is_undone() -> None:
    """A word hyphenated at a line end ("infrastruc-" / "ture") is whole again."""
    text = read_article_file(ARTICLES / "bridge.pdf").text
    assert not re.search(r"\w- \w|\w-\n", text)
    assert "the council’s head of infrastructure." in text


def test_ligatures_are_spelled_out() -> None:
    """Ligature glyphs (ﬁ, ﬀ) in the text layer become plain letters, so "fits" can be found."""
    text = read_article_file(ARTICLES / "bridge.pdf").text
    assert "no longer fits" in text and "its own staff." in text
    assert "\ufb01" not in text and "\ufb00" not in text


def test_running_header_and_page_numbers_are_dropped() -> None:
    """The header repeated on each page and the page numbers are not article text."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    assert "Friday 14 March 2025" not in draft.text
    assert all(not line.strip().isdigit() for line in draft.text.splitlines())


def test_headings_are_found_by_font_size() -> None:
    """The 17 pt headline (wrapped over lines) and the 12 pt subheadings become heading blocks."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    headings = [(draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"]
    assert headings == [(ARTICLE.headline, 1), ("What the survey found", 2), ("What happens next", 2)]


def test_printed_page_labels_are_used() -> None:
    """An excerpt whose pages are numbered 12 and 13 cites those numbers."""
    draft = read_article_file(ARTICLES / "bridge-pages-12-13.pdf")
    assert [span.label for span in draft.pages] == ["12", "13"]


def test_pdf_with_an_empty_user_password_opens() -> None:
    """A PDF encrypted only to restrict printing (empty open password) imports normally."""
    restricted = read_article_file(ARTICLES / "bridge-print-restricted.pdf")
    assert restricted.text == read_article_file(ARTICLES / "bridge.pdf").text


def test_line_end_hyphens_that_belong_to_the_word_stay() -> None:
    """ "Anglo-" + "Saxon" and a compound the document spells with a hyphen keep the hyphen."""
    assert _join("an Anglo-", "Saxon village", set()) == "an Anglo-Saxon village"
    assert _join("a well-", "known bridge", {"well-known"}) == "a well-known bridge"
    assert _join("an exam-", "ple of", set()) == "an example of"
