"""PDF articles: the text layer re-flowed into paragraphs, with the page of every character."""

from __future__ import annotations

import re
from datetime import date

from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts

from factcheck_app.importers.pdf import _join
from factcheck_app.importers.registry import read_article_file

# Page 1 of bridge.pdf ends after "…found that a quarter of them had lost" (see make_fixtures.py).
ACROSS_THE_PAGE_BREAK = (
    "Inspectors drilled 40 samples from the deck and found that a quarter of them had lost more than "
    "30 per cent of their original thickness."
)


def test_pdf_metadata_is_read() -> None:
    """Title, author and creation date come from the document information."""
    draft = read_article_file(ARTICLES / "bridge.pdf")
    assert (draft.format, draft.title, draft.author, draft.published) == (
        "pdf",
        ARTICLE.headline,
        ARTICLE.author,
        date(2025, 3, 14),
    )
    assert_well_formed(draft)


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
