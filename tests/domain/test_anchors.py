"""Anchors: offsets plus quote with context, and the UTF-16 boundary."""

from __future__ import annotations

import pytest

from factcheck_app.domain.anchors import (
    CONTEXT_CHARS,
    anchor_for_quote,
    anchor_for_span,
    find_occurrences,
    index_to_utf16,
    utf16_to_index,
)
from factcheck_app.domain.errors import AmbiguousQuote, InvalidInput, QuoteNotFound

TEXT = "Alpha beta gamma. " * 5 + "The unique sentence is here. " + "Delta epsilon. " * 5


def test_anchor_keeps_exact_quote_and_context() -> None:
    """A span's anchor holds the exact words and up to 32 characters each side."""
    start = TEXT.index("unique")
    anchor = anchor_for_span(TEXT, start, start + len("unique sentence"))
    assert anchor.exact == "unique sentence"
    assert anchor.prefix == TEXT[start - CONTEXT_CHARS : start]
    assert anchor.suffix == TEXT[anchor.end : anchor.end + CONTEXT_CHARS]
    assert anchor.matches(TEXT)


def test_anchor_trims_whitespace_dragged_into_selection() -> None:
    """A selection one space too wide stores only the words."""
    start = TEXT.index("unique") - 1
    anchor = anchor_for_span(TEXT, start, start + len(" unique "))
    assert anchor.exact == "unique"


def test_blank_selection_is_refused() -> None:
    """Only whitespace selected is not a claim."""
    with pytest.raises(InvalidInput):
        anchor_for_span("a   b", 1, 4)


def test_quote_not_in_article_is_refused() -> None:
    """The CLI refuses a quote that is not in the text."""
    with pytest.raises(QuoteNotFound):
        anchor_for_quote(TEXT, "not in there")


def test_repeated_quote_needs_occurrence() -> None:
    """A quote found five times is ambiguous unless an occurrence is chosen."""
    with pytest.raises(AmbiguousQuote, match="5 times"):
        anchor_for_quote(TEXT, "Alpha beta")
    third = anchor_for_quote(TEXT, "Alpha beta", occurrence=3)
    assert third.start == find_occurrences(TEXT, "Alpha beta")[2]
    with pytest.raises(InvalidInput):
        anchor_for_quote(TEXT, "Alpha beta", occurrence=6)


def test_utf16_conversion_round_trips_astral_characters() -> None:
    """Emoji count two UTF-16 units in Qt and one code point in Python."""
    text = "Fact 🧐 check 👍 done"
    for index in range(len(text) + 1):
        assert utf16_to_index(text, index_to_utf16(text, index)) == index
    assert index_to_utf16(text, text.index("check")) == text.index("check") + 1


def test_utf16_map_agrees_with_the_plain_conversions() -> None:
    """The precomputed map gives the same offsets as the one-off functions, both ways."""
    from factcheck_app.domain.anchors import Utf16Map

    for text in ("plain ascii", "Fact 🧐 check 👍👍 done 𝔘", "é à ü", ""):
        mapping = Utf16Map(text)
        for index in range(len(text) + 1):
            assert mapping.to_utf16(index) == index_to_utf16(text, index)
            assert mapping.to_index(mapping.to_utf16(index)) == index
        for unit in range(index_to_utf16(text, len(text)) + 1):
            assert mapping.to_index(unit) == utf16_to_index(text, unit)


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.text(max_size=200), st.data())
def test_fuzzed_offset_arithmetic_round_trips(text: str, data) -> None:  # type: ignore[no-untyped-def]
    """For any text (astral characters, inserted display lines), index → Qt → index is the identity."""
    from factcheck_app.domain.anchors import Utf16Map

    breaks = sorted(set(data.draw(st.lists(st.integers(0, max(0, len(text) - 1)), max_size=10)))) if text else []
    mapping = Utf16Map(text, inserted_after=breaks)
    for index in range(len(text) + 1):
        assert mapping.to_index(mapping.to_utf16(index)) == index
    assert mapping.to_utf16(len(text)) == len(text.encode("utf-16-le")) // 2 + len(breaks)


@given(st.text(min_size=1, max_size=120), st.data())
def test_fuzzed_spans_anchor_to_their_own_words(text: str, data) -> None:  # type: ignore[no-untyped-def]
    """Any non-blank span anchors to a quote that is exactly the text at its offsets."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    anchor = anchor_for_span(text, start, end)
    assert anchor.matches(text)
    assert anchor.exact == text[start:end].strip()
    assert text[: anchor.start].endswith(anchor.prefix) and text[anchor.end :].startswith(anchor.suffix)


def test_squeezed_text_finds_words_whatever_their_spacing() -> None:
    """The offset map of the spacing-insensitive search: spans start and end on the words themselves."""
    from factcheck_app.domain.text_units import Squeezed

    text = "a z o m b i e\r\nin  thatNetherfield Park"
    squeezed = Squeezed(text)
    assert [text[s:e] for s, e in squeezed.find_all("zombie in")] == ["z o m b i e\r\nin"]
    assert [text[s:e] for s, e in squeezed.find_all("that Netherfield")] == ["thatNetherfield"]
    assert squeezed.find_all("   ") == [] and Squeezed("").find_all("x") == []
