"""Word articles: paragraphs, headings and tables in reading order, core properties as metadata."""

from __future__ import annotations

from datetime import date

from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts

from factcheck_app.importers.registry import read_article_file


def test_docx_metadata_comes_from_core_properties() -> None:
    """Title, author and created date are read from the document's core properties."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    assert (draft.format, draft.title, draft.author, draft.published) == (
        "docx",
        ARTICLE.headline,
        ARTICLE.author,
        date(2025, 3, 14),
    )
    assert_well_formed(draft)


def test_docx_headings_keep_their_levels() -> None:
    """The Title style is a level-1 heading and Heading 2 paragraphs are level-2 headings."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    headings = [(draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"]
    assert headings == [(ARTICLE.headline, 1), ("What the survey found", 2), ("What happens next", 2)]


def test_docx_paragraphs_are_whole() -> None:
    """Every paragraph of the article is one paragraph block."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    paragraphs = block_texts(draft, "paragraph")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in paragraphs


def test_docx_table_is_read_in_place() -> None:
    """The table's rows come between the paragraphs around it, cells separated by " | "."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    rows = "\n".join(f"{label} | {value}" for label, value in ARTICLE.table)
    assert block_texts(draft, "table") == [rows]
    assert draft.text.index("structures of this age.") < draft.text.index(rows) < draft.text.index("What happens next")


def test_docx_shows_tracked_changes_as_word_does() -> None:
    """A tracked insertion is part of the text; a tracked deletion is not."""
    draft = read_article_file(ARTICLES / "bridge.docx")
    assert "will start eighteen months later" in draft.text
    assert "begin" not in draft.text.split("What the survey found")[0]


def test_macro_enabled_document_imports_its_text() -> None:
    """A .docm imports the same text as the .docx; its macro part is never touched."""
    docm = read_article_file(ARTICLES / "bridge-macro.docm")
    docx = read_article_file(ARTICLES / "bridge.docx")
    assert (docm.format, docm.text, docm.blocks) == ("docx", docx.text, docx.blocks)
