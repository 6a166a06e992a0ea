"""Two analysts' edits of one text: merged when they touch different words, refused otherwise."""

from __future__ import annotations

from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

from factcheck_app.domain.text_merge import merge_texts


def test_a_sentence_added_in_front_and_one_at_the_end_are_both_kept() -> None:
    assert merge_texts("Anna one.", "Anna one. Anna two.", "Bea adds. Anna one.") == "Bea adds. Anna one. Anna two."


def test_changes_to_different_words_are_both_kept() -> None:
    base = "Unemployment rose to 5% in March, the ministry said."
    mine = "Unemployment rose to 5.2% in March, the ministry said."
    theirs = "Unemployment rose to 5% in March, the labour ministry said."
    assert merge_texts(base, mine, theirs) == "Unemployment rose to 5.2% in March, the labour ministry said."


def test_the_same_word_changed_two_ways_is_a_conflict() -> None:
    assert merge_texts("Rose to 5% in March.", "Rose to 6% in March.", "Rose to 7% in March.") is None


def test_two_texts_typed_into_an_empty_field_are_a_conflict() -> None:
    assert merge_texts("", "Anna's reasoning", "Bea's reasoning") is None


def test_neighbouring_words_changed_by_each_side_are_both_kept() -> None:
    assert merge_texts("one two three", "one 2 three", "one two 3") == "one 2 3"


def test_changes_touching_each_other_are_a_conflict_not_a_guess_at_their_order() -> None:
    assert merge_texts("one two three", "one 2 three", "one two, three") is None


def test_one_side_unchanged_gives_the_other() -> None:
    assert merge_texts("a b", "a b", "a c") == "a c"
    assert merge_texts("a b", "a c", "a b") == "a c"
    assert merge_texts("a b", "a c", "a c") == "a c"


_words = st.lists(st.sampled_from(["the", "rate", "rose", "5%", "in", "March", ".", ","]), max_size=12)


@given(_words, _words, _words)
def test_a_merge_holds_every_word_of_the_base_and_of_both_additions(
    base: list[str], mine_extra: list[str], theirs_extra: list[str]
) -> None:
    """Mine appends, theirs prepends: a merge (either way round) has each side's words once."""
    text = " ".join(base)
    mine = " ".join([*base, *mine_extra])
    theirs = " ".join([*theirs_extra, *base])
    assume(mine != theirs)  # the same change made twice is kept once
    merged = merge_texts(text, mine, theirs)
    assert merged == merge_texts(text, theirs, mine)
    if merged is not None:
        assert Counter(merged.split()) == Counter(base) + Counter(mine_extra) + Counter(theirs_extra)


def test_a_front_and_an_end_addition_to_distinct_words_always_merge() -> None:
    assert merge_texts("rate rose", "rate rose in March", "The rate rose") == "The rate rose in March"
