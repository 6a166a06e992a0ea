"""Selection snapping: a drag that cuts a word becomes a claim on whole words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck_app.domain.snapping import SNAP_LIMIT, snap_to_words
from factcheck_app.domain.text_units import is_word_char

TEXT = 'The council said the £85 million harbour wall would be 40% finished by "late-2026", at $1,250.5 a metre.'


def snapped(text: str, start_piece: str, end_piece: str) -> str:
    """Snap a selection from the start of ``start_piece`` to the end of ``end_piece``."""
    start = text.index(start_piece)
    end = text.index(end_piece, start) + len(end_piece)
    a, b = snap_to_words(text, start, end)
    return text[a:b]


def test_a_cut_figure_gets_its_currency_sign_and_digits_back() -> None:
    """The sloppy drag of issue 15: '5 million harbour wa' is the £85 million harbour wall."""
    assert snapped(TEXT, "5 million", "harbour wa") == "£85 million harbour wall"


def test_percent_signs_quotes_hyphens_and_decimals_stay_attached() -> None:
    assert snapped(TEXT, "0% fin", "0% fin") == "40% finished"
    assert snapped(TEXT, "ate-20", "ate-20") == '"late-2026"'
    assert snapped(TEXT, ",250", ",250") == "$1,250.5"


def test_a_selection_on_word_boundaries_is_left_alone() -> None:
    """'million' selected exactly: the '£85' before it is another word."""
    assert snapped(TEXT, "million", "million") == "million"
    assert snapped(TEXT, "harbour wall", "harbour wall") == "harbour wall"


def test_sentence_punctuation_and_spaces_are_not_taken_in() -> None:
    assert snapped(TEXT, "a metr", "a metr") == "a metre"
    start = TEXT.index(" harbour")
    assert TEXT.__getitem__(slice(*snap_to_words(TEXT, start, start + len(" harbour ")))) == "harbour"


def test_combining_marks_and_emoji_are_never_cut() -> None:
    text = "Le maire a nie\u0301 la rumeur 👍🏽 hier."
    start = text.index("ie\u0301")
    a, b = snap_to_words(text, start, start + 2)  # between 'e' and its accent
    assert text[a:b] == "nie\u0301"


def test_text_without_word_boundaries_is_not_swallowed() -> None:
    """Chinese, or a PDF layer without spaces: no boundary within reach, the selection stands."""
    text = "据报道" * 30
    assert snap_to_words(text, 40, 44) == (40, 44)


def test_odd_offsets_are_clamped_and_blank_selections_come_back_empty() -> None:
    assert snap_to_words("", 0, 5) == (0, 0)
    start, end = snap_to_words("a   b", 1, 4)
    assert start == end
    assert snap_to_words("word", 3, 1) == (0, 4)
    assert snap_to_words("word", -4, 99) == (0, 4)


WORDY = st.lists(st.sampled_from([*"ab£%-'\" .,\n😊", "e\u0301", "\u0301"]), max_size=60).map("".join)


@given(WORDY, st.data())
def test_snapping_keeps_the_selection_and_cuts_no_word(text: str, data: st.DataObject) -> None:
    """The snapped span holds every selected word character, cuts no word where the text has
    boundaries, and snapping it again changes nothing."""
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = snap_to_words(text, start, end)
    assert 0 <= a <= b <= len(text)
    selected = text[start:end].strip()
    if selected:
        assert a <= start + (len(text[start:end]) - len(text[start:end].lstrip()))
        assert b >= end - (len(text[start:end]) - len(text[start:end].rstrip()))
        assert text[a:b] == text[a:b].strip()
        if a > 0 and b - a < SNAP_LIMIT:
            assert not (is_word_char(text[a - 1]) and is_word_char(text[a]))
        if b < len(text) and b - a < SNAP_LIMIT:
            assert not (is_word_char(text[b - 1]) and is_word_char(text[b]))
    assert snap_to_words(text, a, b) == (a, b)
