"""Re-anchoring claims on a revised article: found, moved, changed — or honestly orphaned."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.anchors import (
    ANCHORED,
    CHANGED,
    MOVED,
    ORPHANED,
    Anchor,
    Confidence,
    MatchLevel,
    anchor_for_quote,
    anchor_for_span,
)
from factcheck_app.domain.reanchor import Reanchorer

ARTICLE = (
    "The minister said the budget would rise by four percent next year.\n"
    "Opposition leaders said the budget would rise by far less than promised.\n"
    "Officials later confirmed the hospital wing will open in March.\n"
)


def test_unchanged_text_keeps_every_claim_in_place() -> None:
    """Same text: same offsets, state anchored."""
    anchor = anchor_for_quote(ARTICLE, "the hospital wing will open in March")
    result = Reanchorer(ARTICLE, ARTICLE).reanchor(anchor)
    assert result.state == ANCHORED and result.anchor == anchor


def test_text_inserted_before_moves_the_claim() -> None:
    """An update line at the top shifts the claim; it follows its words."""
    anchor = anchor_for_quote(ARTICLE, "the hospital wing will open in March")
    revised = "UPDATED 18:40: adds reaction.\n" + ARTICLE
    result = Reanchorer(ARTICLE, revised).reanchor(anchor)
    assert result.state == MOVED
    assert revised[result.anchor.start : result.anchor.end] == "the hospital wing will open in March"


def test_repeated_words_are_told_apart_by_context() -> None:
    """'the budget would rise by' occurs twice; the second claim stays on the second one."""
    second = ARTICLE.index("the budget would rise by far")
    anchor = anchor_for_span(ARTICLE, second, second + len("the budget would rise by"))
    revised = "Breaking.\n" + ARTICLE.replace("The minister said", "The finance minister said on Monday")
    result = Reanchorer(ARTICLE, revised).reanchor(anchor)
    assert result.anchor.start == revised.index("the budget would rise by far")


def test_reworded_claim_is_changed_not_lost() -> None:
    """A claim whose words were edited is re-attached and flagged as changed."""
    anchor = anchor_for_quote(ARTICLE, "the hospital wing will open in March")
    revised = ARTICLE.replace("will open in March", "will open in April")
    result = Reanchorer(ARTICLE, revised).reanchor(anchor)
    assert result.state == CHANGED
    assert revised[result.anchor.start : result.anchor.end] == "the hospital wing will open in April"


def test_deleted_passage_is_orphaned_never_moved_elsewhere() -> None:
    """When the sentence is gone, the claim is orphaned, not stuck on similar words."""
    anchor = anchor_for_quote(ARTICLE, "Officials later confirmed the hospital wing will open in March")
    revised = ARTICLE.replace("Officials later confirmed the hospital wing will open in March.\n", "")
    result = Reanchorer(ARTICLE, revised).reanchor(anchor)
    assert result.state == ORPHANED
    assert result.anchor.exact == anchor.exact
    assert not result.anchor.matches(revised)


def test_astral_characters_do_not_shift_anchors() -> None:
    """Emoji before a claim (two UTF-16 units each) do not disturb Python offsets."""
    text = "Reactions 👍👍 poured in. The mayor 🧐 denied the report.\n"
    anchor = anchor_for_quote(text, "denied the report")
    revised = "🔥 Live: " + text
    result = Reanchorer(text, revised).reanchor(anchor)
    assert revised[result.anchor.start : result.anchor.end] == "denied the report"


def test_real_article_revision(coalition_article: Path) -> None:
    """A revision of the coalition article with edits around and inside claims."""
    old = coalition_article.read_text(encoding="utf-8")
    new = "UPDATED 18:40 GMT with the Kremlin's reaction.\n" + old.replace(
        "has so far declined to commit to supporting", "has so far refused to commit to backing"
    ).replace("Kremlin spokesman Dmitry Peskov told reporters", "Dmitry Peskov said").replace(
        "On Tuesday, Trump and Putin", "Earlier this week, Trump and Putin"
    )
    reanchorer = Reanchorer(old, new)
    cases = {
        "the United States has so far declined to commit to supporting any Western military presence in Ukraine": CHANGED,
        "Kremlin spokesman Dmitry Peskov told reporters": ORPHANED,
        "Europe has embarked on a militarisation of itself": MOVED,
        "held a phone conversation, agreeing on an initial step toward peace in Ukraine": MOVED,
    }
    for quote, state in cases.items():
        result = reanchorer.reanchor(anchor_for_quote(old, quote))
        assert result.state == state, quote
        if state != ORPHANED:
            found = new[result.anchor.start : result.anchor.end]
            assert found == result.anchor.exact
            assert result.score >= 0.75


# -- property tests -----------------------------------------------------------

# Distinct tokens: the base text never repeats a word, so a claim has one true place.
BASE_WORDS = [f"w{i}x" for i in range(400)]
INSERT_WORDS = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "news", "update", "."]), min_size=1, max_size=8
)


def _text(n: int) -> str:
    return " ".join(BASE_WORDS[:n])


def _outside_edits(draw, text: str, start: int, end: int) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """Up to five edits (position, characters deleted, text inserted) in original offsets that
    overlap neither each other nor the claim ``text[start:end]`` and the spaces around it."""
    regions = ((0, start - 1), (end + 1, len(text)))  # text[start - 1] and text[end] stay
    edits = []
    for _ in range(draw(st.integers(0, 5))):
        low, high = draw(st.sampled_from(regions))
        delete = draw(st.integers(0, min(6, high - low)))
        position = draw(st.integers(low, high - delete))
        edits.append((position, delete, " " + " ".join(draw(INSERT_WORDS)) + " "))
    # Drop an edit that starts inside the deletion of the one before it.
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if not kept or edit[0] >= kept[-1][0] + kept[-1][1]:
            kept.append(edit)
    return kept


@st.composite
def claim_and_outside_edits(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(30, 120))
    text = _text(n)
    words = text.split(" ")
    first = draw(st.integers(1, n - 8))
    length = draw(st.integers(2, 6))
    start = len(" ".join(words[:first])) + 1
    end = start + len(" ".join(words[first : first + length]))
    return text, start, end, _outside_edits(draw, text, start, end)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """The text with non-overlapping edits, given in original offsets, applied in one pass."""
    pieces, cursor = [], 0
    for position, delete, insert in sorted(edits):
        assert position >= cursor, "overlapping edits"
        pieces += [text[cursor:position], insert]
        cursor = position + delete
    return "".join(pieces) + text[cursor:]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(claim_and_outside_edits())
def test_edits_outside_a_claim_never_orphan_or_misplace_it(case) -> None:  # type: ignore[no-untyped-def]
    """Random inserts and deletes outside the quoted words: the claim is found on its words."""
    text, start, end, edits = case
    anchor = anchor_for_span(text, start, end)
    new = _apply(text, edits)
    new_start = start + sum(len(insert) - delete for position, delete, insert in edits if position < start)
    assert new[new_start : new_start + end - start] == anchor.exact  # the generator kept its promise
    result = Reanchorer(text, new).reanchor(anchor)
    assert result.state in (ANCHORED, MOVED)
    assert result.anchor.start == new_start
    assert new[result.anchor.start : result.anchor.end] == anchor.exact


@st.composite
def claim_and_inside_edit(draw):  # type: ignore[no-untyped-def]
    n = draw(st.integers(30, 120))
    text = _text(n)
    words = text.split(" ")
    first = draw(st.integers(1, n - 10))
    length = draw(st.integers(3, 8))
    start = len(" ".join(words[:first])) + 1
    end = start + len(" ".join(words[first : first + length]))
    position = draw(st.integers(start, end - 1))
    # An insert right at the start is an edit *before* the claim: there, delete at least one character.
    delete = draw(st.integers(1 if position == start else 0, end - position))
    replacement = " ".join(draw(INSERT_WORDS))
    return text, start, end, position, delete, replacement


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(claim_and_inside_edit())
def test_edits_inside_a_claim_find_its_passage_or_orphan_it(case) -> None:  # type: ignore[no-untyped-def]
    """An edit inside the quote: the claim lands on the edited passage or is orphaned — never elsewhere."""
    text, start, end, position, delete, replacement = case
    anchor = anchor_for_span(text, start, end)
    new = text[:position] + replacement + text[position + delete :]
    true_start, true_end = start, end + len(replacement) - delete
    assert anchor.exact not in new  # the generator kept its promise: the quoted words were edited
    result = Reanchorer(text, new).reanchor(anchor)
    assert result.state in (CHANGED, ORPHANED)
    if result.state == ORPHANED:
        assert not result.anchor.matches(new)
        return
    # the found passage overlaps where the edited quote really is
    assert result.anchor.start < true_end and result.anchor.end > true_start
    assert new[result.anchor.start : result.anchor.end] == result.anchor.exact


def test_hypothesis_is_really_installed() -> None:
    """The property tests above run with the real hypothesis engine."""
    import hypothesis

    assert hypothesis.__version__
    with pytest.raises(AssertionError):
        assert Reanchorer("a b c", "a b c").reanchor(anchor_for_quote("a b c", "b")).state == ORPHANED


# -- issue 15: occurrences, spacing, edges, confidence ---------------------------

REPEATED = (
    "The council met on Monday. The harbour wall will cost £85 million. Residents objected.\n"
    "On Tuesday the mayor spoke. The harbour wall will cost £85 million. Nobody asked why.\n"
    "A week later the vote came. The harbour wall will cost £85 million. It passed.\n"
)
WALL = "The harbour wall will cost £85 million"


def test_an_edited_occurrence_is_changed_in_place_never_moved_to_a_repeat() -> None:
    """The bug of issue 15: the second copy's words edited; the claim was reported 'moved' onto
    the first copy. It is changed, where its words are now."""
    second = REPEATED.index(WALL, REPEATED.index(WALL) + 1)
    anchor = anchor_for_span(REPEATED, second, second + len(WALL))
    revised = REPEATED.replace("spoke. The harbour wall will cost £85", "spoke. The harbour wall will cost £95")
    result = Reanchorer(REPEATED, revised).reanchor(anchor)
    assert result.state == CHANGED
    assert result.anchor.exact == "The harbour wall will cost £95 million"
    assert result.anchor.start == revised.index("The harbour wall will cost £95 million")
    assert result.confidence.level is MatchLevel.CHANGED and 0.9 < result.confidence.similarity < 1.0


def test_a_deleted_occurrence_is_orphaned_not_given_to_a_repeat() -> None:
    second = REPEATED.index(WALL, REPEATED.index(WALL) + 1)
    anchor = anchor_for_span(REPEATED, second, second + len(WALL))
    revised = REPEATED.replace("spoke. The harbour wall will cost £85 million.", "spoke.")
    result = Reanchorer(REPEATED, revised).reanchor(anchor)
    assert result.state == ORPHANED and result.confidence == Confidence(MatchLevel.ORPHANED, 0.0, "none")


def test_when_another_copy_is_edited_the_claim_stays_on_its_own() -> None:
    third = REPEATED.rindex(WALL)
    anchor = anchor_for_span(REPEATED, third, third + len(WALL))
    revised = "Live.\n" + REPEATED.replace("Monday. The harbour wall", "Monday. The sea wall")
    result = Reanchorer(REPEATED, revised).reanchor(anchor)
    assert result.state == MOVED and result.anchor.start == revised.rindex(WALL)


def test_a_lost_space_in_a_pdf_text_layer_does_not_widen_onto_the_neighbour() -> None:
    """'thatNetherfield Park': the claim is 'Netherfield Park', not 'thatNetherfield Park'."""
    old = 'have you heard that Netherfield Park is let at last?" she asked.'
    new = 'have you heard thatNetherfield Park is taken at last?" she asked.'
    anchor = anchor_for_quote(old, "Netherfield Park is let")
    result = Reanchorer(old, new).reanchor(anchor)
    assert result.state == CHANGED and result.anchor.exact == "Netherfield Park is taken"


def test_letter_spaced_and_re_extracted_text_is_matched_ignoring_spacing() -> None:
    old = "IT IS A TRUTH universally acknowledged that a zombie in possession of\nbrains must be"
    spaced = old.replace("a zombie in", "a z o m b i e in").replace("\n", "\r\n")
    result = Reanchorer(old, spaced).reanchor(anchor_for_quote(old, "zombie in possession of\nbrains"))
    assert result.anchor.exact == "z o m b i e in possession of\r\nbrains"
    assert result.state == CHANGED and result.confidence.similarity == 1.0
    assert result.confidence.label() == "Changed (spacing only)" and result.confidence.method == "spacing"


def test_edge_inputs_never_raise() -> None:
    """Empty texts, quotes longer than the text or past its end, one character, at either end."""
    anchor = anchor_for_quote("Some document text", "text")
    assert Reanchorer("Some document text", "").reanchor(anchor).state == ORPHANED
    assert Reanchorer("Some document text", "   \n").reanchor(anchor).state == ORPHANED
    assert Reanchorer("", "Some document text").reanchor(anchor).anchor.exact == "text"
    past_end = Anchor(14, 40, "text and a good deal more than the article has", "", "")
    assert Reanchorer("Some document text", "Some document te").reanchor(past_end).state == ORPHANED
    long_quote = anchor_for_quote(ARTICLE, ARTICLE.strip())
    assert Reanchorer(ARTICLE, "Short.").reanchor(long_quote).state == ORPHANED
    first, last = anchor_for_quote("a b c", "a"), anchor_for_quote("a b c", "c")
    assert Reanchorer("a b c", "x a b c").reanchor(first).anchor.start == 2
    assert Reanchorer("a b c", "a b c d").reanchor(last).state == ANCHORED


def test_stale_offsets_are_repaired_only_when_the_quote_is_unambiguous() -> None:
    """The repair in Check: offsets off the quote, same text. One occurrence: found again.
    Repeated words and no context or position to choose by: orphaned."""
    text = "yada lorem yada"
    assert Reanchorer(text, text).reanchor(Anchor(3, 8, "lorem", "", "")).anchor.start == 5
    assert Reanchorer(text, text).reanchor(Anchor(40, 44, "yada", "", "")).state == ORPHANED


def test_every_result_carries_its_confidence() -> None:
    anchor = anchor_for_quote(ARTICLE, "the hospital wing will open in March")
    same = Reanchorer(ARTICLE, ARTICLE).reanchor(anchor)
    moved = Reanchorer(ARTICLE, "Update.\n" + ARTICLE).reanchor(anchor)
    changed = Reanchorer(ARTICLE, ARTICLE.replace("March", "April")).reanchor(anchor)
    assert (same.confidence.level, same.confidence.label()) == (MatchLevel.EXACT, "Exact")
    assert (moved.confidence.level, moved.confidence.label()) == (MatchLevel.MOVED, "Moved")
    assert changed.confidence.level is MatchLevel.CHANGED
    assert changed.confidence.label() == f"Changed ({int(changed.confidence.similarity * 100)}% similar)"
    for result in (same, moved, changed):
        assert result.confidence.state == result.state and result.score == result.confidence.similarity


def test_a_revision_of_endless_repeats_is_answered_and_never_puts_a_long_quote_on_it() -> None:
    """A new version that is 200 kB of "a a a …" (issue 21's hostile revision): every claim gets an
    answer — a long quote is orphaned, a one-letter quote lands on the same letter — and the work
    is bounded: only the candidates nearest to the mapped position are weighed (MAX_CANDIDATES),
    where before every pair of 100,000 occurrences was compared (minutes)."""
    old = "The minister said a tram will carry 50,000 passengers a day, a record.\n" * 3
    new = "a " * 100_000
    reanchorer = Reanchorer(old, new)
    long_quote = reanchorer.reanchor(anchor_for_quote(old, "carry 50,000 passengers a day", occurrence=2))
    assert long_quote.state == ORPHANED
    letter = reanchorer.reanchor(anchor_for_quote(old, "a", occurrence=4))
    assert letter.state in (MOVED, ORPHANED)
    if letter.state == MOVED:
        assert new[letter.anchor.start : letter.anchor.end] == "a"
