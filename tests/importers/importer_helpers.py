"""Shared by the importer tests: the fixture folders, the article they all carry, invariants."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from factcheck_app.domain.articles import ArticleDraft, normalise_text

DATA = Path(__file__).resolve().parent.parent / "data"
ARTICLES = DATA / "articles"
BAD = DATA / "bad"


def _load_fixture_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_fixtures", DATA / "make_fixtures.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_fixtures", module)
    spec.loader.exec_module(module)
    return module


fixtures = _load_fixture_script()
ARTICLE = fixtures.ARTICLE
PAGE_FURNITURE: tuple[str, ...] = fixtures.PAGE_FURNITURE


def block_texts(draft: ArticleDraft, kind: str | None = None) -> list[str]:
    """The text of each block of ``draft`` (of one ``kind`` if given), in order."""
    return [draft.text[block.start : block.end] for block in draft.blocks if kind is None or block.kind == kind]


def assert_well_formed(draft: ArticleDraft) -> None:
    """The invariants every draft keeps, whatever its format."""
    assert draft.text and normalise_text(draft.text) == draft.text
    previous_end = 0
    for block in draft.blocks:
        assert previous_end <= block.start < block.end <= len(draft.text)
        segment = draft.text[block.start : block.end]
        assert segment == segment.strip() and "\n\n" not in segment
        previous_end = block.end
    if draft.pages:
        assert draft.pages[0].start == 0 and draft.pages[-1].end == len(draft.text)
        for before, after in zip(draft.pages, draft.pages[1:], strict=False):
            assert before.end == after.start
