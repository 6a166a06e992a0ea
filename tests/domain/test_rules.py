"""Tags, sources, verdict scale and article text rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.articles import content_hash, normalise_text, paragraph_spans, title_from_text
from factcheck_app.domain.claims import Claim, count_by_verdict
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.sources import Source, validate_source
from factcheck_app.domain.tags import normalise_tags, parse_tag_list
from factcheck_app.domain.verdicts import DEFAULT_SCALE, tint


def test_tags_are_cleaned_and_deduplicated_case_insensitively() -> None:
    """'US position' and 'us  position' are one tag; order is kept."""
    assert normalise_tags(["US position", " us  position", "Defence"]) == ("US position", "Defence")
    assert parse_tag_list("a, b,, A") == ("a", "b")


def test_source_url_without_scheme_gets_https() -> None:
    """An analyst pasting example.org/x gets a working link."""
    assert validate_source(Source(None, "example.org/report")).url == "https://example.org/report"


def test_source_needs_url_or_title_and_a_real_url() -> None:
    """Empty sources and non-URLs are refused with a message."""
    with pytest.raises(InvalidInput):
        validate_source(Source(None, "  ", "  "))
    with pytest.raises(InvalidInput, match="not a web address"):
        validate_source(Source(None, "javascript:alert(1)"))


def test_default_scale_maps_to_claimreview_ratings() -> None:
    """True is best (5), False worst (1); every label has a rating."""
    assert DEFAULT_SCALE.best_rating == 5
    assert DEFAULT_SCALE.worst_rating == 1
    assert DEFAULT_SCALE.get("True").rating_value == 5
    assert DEFAULT_SCALE.get("False").rating_value == 1
    assert DEFAULT_SCALE.resolve("mostly TRUE") == "Mostly true"
    with pytest.raises(InvalidInput, match="not a verdict"):
        DEFAULT_SCALE.resolve("Pants on fire")


def test_tint_is_lighter_and_valid() -> None:
    """A highlight tint mixes toward white."""
    assert tint("#000000", 0.5) == "#808080"
    assert tint("#c62828", 0.0) == "#c62828"


def test_text_normalisation_is_canonical() -> None:
    """BOM and CR/LF are removed so offsets are stable."""
    assert normalise_text("\ufeffa\r\nb\rc\n\n") == "a\nb\nc\n"
    assert content_hash("a") != content_hash("b")


def test_title_from_long_first_line_is_first_sentence() -> None:
    """A long first paragraph gives its first sentence as title."""
    text = "Short sentence here. " + "word " * 100
    assert title_from_text(text, "x") == "Short sentence here"
    assert title_from_text("\n\n", "fallback") == "fallback"


def test_paragraph_spans_skip_blank_lines() -> None:
    """Paragraph numbers count only non-empty lines."""
    assert paragraph_spans("a\n\nbc\n") == [(0, 1), (3, 5)]


def test_count_by_verdict_in_scale_order() -> None:
    """Counts follow the scale, then 'No verdict yet'."""
    now = datetime(2026, 1, 1)
    anchor = anchor_for_span("abc", 0, 3)

    def claim(i: int, verdict: str | None) -> Claim:
        return Claim(i, 1, anchor, (), verdict, "", (), "a", now, "a", now, 1)

    rows = count_by_verdict([claim(1, "False"), claim(2, "True"), claim(3, None), claim(4, "False")], DEFAULT_SCALE)
    assert rows == [("True", 1), ("False", 2), ("No verdict yet", 1)]
