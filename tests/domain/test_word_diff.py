"""Word diff: the wording that was checked beside the new wording, word by word."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.word_diff import DELETE, EQUAL, INSERT, checked_wording, current_wording, tokens, word_diff


def test_a_changed_month_is_one_word_out_and_one_in() -> None:
    segments = word_diff("the hospital wing will open in March", "the hospital wing will open in April")
    assert segments == [(EQUAL, "the hospital wing will open in "), (DELETE, "March"), (INSERT, "April")]


def test_figures_and_hyphenated_words_are_whole_tokens() -> None:
    assert tokens("£8.5m state-of-the-art, it's 40%") == [
        "£",
        "8.5m",
        " ",
        "state-of-the-art",
        ",",
        " ",
        "it's",
        " ",
        "40",
        "%",
    ]
    segments = word_diff("costs £8.5m today", "costs £9.5m today")
    assert (DELETE, "8.5m") in segments and (INSERT, "9.5m") in segments


def test_identical_and_empty_wordings() -> None:
    assert word_diff("same words", "same words") == [(EQUAL, "same words")]
    assert word_diff("", "") == []
    assert word_diff("", "new") == [(INSERT, "new")]
    assert word_diff("old", "") == [(DELETE, "old")]


def test_accented_words_stay_whole() -> None:
    segments = word_diff("a nie\u0301 la rumeur", "a confirme\u0301 la rumeur")
    assert (DELETE, "nie\u0301") in segments and (INSERT, "confirme\u0301") in segments


@given(st.text(max_size=80), st.text(max_size=80))
def test_segments_rebuild_both_wordings(checked: str, current: str) -> None:
    """Whatever the texts (emoji, marks, CRLF), the segments spell out both wordings in order."""
    segments = word_diff(checked, current)
    assert checked_wording(segments) == checked
    assert current_wording(segments) == current
    assert all(text for _, text in segments)
    assert all(a[0] != b[0] for a, b in pairwise(segments))
