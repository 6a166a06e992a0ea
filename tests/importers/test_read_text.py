"""Plain-text articles: any encoding, normalised line ends, hard wrapping undone."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from importer_helpers import ARTICLE, ARTICLES, assert_well_formed, block_texts, fixtures

from factcheck_app.importers.registry import draft_from_bytes, draft_from_text, read_article_file


@pytest.mark.parametrize("name", ["bridge-utf8.txt", "bridge-utf16.txt", "bridge-cp1252.txt"])
def test_every_encoding_gives_the_same_text(name: str) -> None:
    """UTF-8, UTF-16 with CRLF and cp1252 with CRLF give the same canonical text."""
    draft = read_article_file(ARTICLES / name)
    assert draft.text == fixtures.article_plain_text()
    assert draft.format == "text"
    assert draft.title == ARTICLE.headline
    assert draft.original_name == name
    assert_well_formed(draft)


def test_each_line_is_a_paragraph_block() -> None:
    """A plain text keeps its lines: one paragraph block per non-empty line."""
    draft = read_article_file(ARTICLES / "bridge-utf8.txt")
    assert block_texts(draft) == draft.text.rstrip("\n").split("\n")
    assert {block.kind for block in draft.blocks} == {"paragraph"}


def test_hard_wrapped_paragraphs_are_joined() -> None:
    """Wire copy wrapped at 70 columns is re-flowed so a sentence crossing a line is one string."""
    draft = read_article_file(ARTICLES / "bridge-wrapped.txt")
    for paragraph in ARTICLE.paragraphs():
        assert paragraph in block_texts(draft)
    assert draft.text.count("\n\n") == len(draft.blocks) - 1


def test_unwrapped_text_is_left_alone() -> None:
    """Short lines that are not greedy wrapping (a list of points, a poem) are not joined."""
    text = "Key points\n\nThe bridge closes in May.\nA ferry will run.\nCosts have doubled.\n\nMore soon.\n"
    assert draft_from_bytes(text.encode(), "points.txt").text == text


def test_list_items_stay_on_their_lines_in_wrapped_text() -> None:
    """Bullets inside hard-wrapped copy keep their own lines."""
    wrapped = fixtures.article_hard_wrapped()
    text = wrapped.replace(
        "\n\nWhat the survey found", "\n\n- First point of the survey\n- Second point\n\nWhat the survey found"
    )
    draft = draft_from_bytes(text.encode(), "wire.txt")
    assert "\n- First point of the survey\n- Second point\n" in draft.text


def test_pasted_text_is_a_paste_draft() -> None:
    """Pasted text becomes a draft marked as pasted, titled by its first line."""
    draft = draft_from_text("Headline here\r\nFirst paragraph.\r\n")
    assert (draft.format, draft.title, draft.text) == ("paste", "Headline here", "Headline here\nFirst paragraph.\n")
    assert draft.original_name == "Pasted text"


def test_ten_megabyte_text_imports_quickly(tmp_path: Path) -> None:
    """A 10 MB cp1252 text (charset detection on a sample, not the whole file) imports in under 2 s."""
    line = fixtures.article_plain_text().encode("cp1252")
    path = tmp_path / "archive.txt"
    path.write_bytes(line * (10_000_000 // len(line)))
    started = time.perf_counter()
    draft = read_article_file(path)
    elapsed = time.perf_counter() - started
    assert "“entirely predictable”" in draft.text
    assert elapsed < 2.0, f"10 MB text took {elapsed:.2f} s"
