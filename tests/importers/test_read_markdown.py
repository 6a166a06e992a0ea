"""Markdown articles: headings as heading blocks without their marks, paragraphs joined."""

from __future__ import annotations

from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts

from factcheck_app.importers.markdown import read_markdown_text
from factcheck_app.importers.registry import read_article_file


def test_markdown_fixture_imports_with_headings() -> None:
    """# and ## headings become heading blocks of level 1 and 2, without the # marks."""
    draft = read_article_file(ARTICLES / "bridge.md")
    assert draft.format == "markdown"
    assert draft.title == ARTICLE.headline
    assert draft.text.startswith(ARTICLE.headline + "\n\n")
    headings = [(draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"]
    assert headings[:3] == [(ARTICLE.headline, 1), ("What the survey found", 2), ("What happens next", 2)]
    assert "#" not in draft.text
    assert_well_formed(draft)


def test_wrapped_source_lines_become_one_paragraph() -> None:
    """Paragraphs wrapped at 80 columns in the source are whole paragraph blocks."""
    draft = read_article_file(ARTICLES / "bridge.md")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in block_texts(draft, "paragraph")


def test_setext_heading_and_list_items() -> None:
    """An underlined heading is a heading; each list item is a list block with its marker."""
    draft = read_article_file(ARTICLES / "bridge.md")
    assert ("Eastgate bridge in figures", 2) in [
        (draft.text[b.start : b.end], b.level) for b in draft.blocks if b.kind == "heading"
    ]
    assert block_texts(draft, "list") == [f"- {label}: {value}" for label, value in ARTICLE.table]


def test_quotes_code_and_hard_breaks() -> None:
    """A block quote loses its > marks, fenced code keeps its lines, a hard break stays a line break."""
    draft = read_markdown_text(
        "> The deck is\n> beyond repair.\n\n```\nspan = 84 m\n  width = 4 m\n```\n\nLine one  \nline two\n"
    )
    assert block_texts(draft, "quote") == ["The deck is beyond repair."]
    assert "span = 84 m\nwidth = 4 m" in draft.text
    assert "Line one\nline two" in draft.text
