"""The claims filter: words and field terms, and a warning for a term that can match no claim."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from factcheck_app.domain.anchors import anchor_for_span
from factcheck_app.domain.claim_filter import parse_claim_filter
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.verdicts import DEFAULT_SCALE

TEXT = "The mayor said the tram will carry 50,000 passengers a day."
NOW = datetime(2026, 1, 1)
LABELS = DEFAULT_SCALE.labels


def claim(**changes: object) -> Claim:
    made = Claim(1, 1, anchor_for_span(TEXT, 4, 9), ("Transport",), "False", "", (), "a", NOW, "a", NOW, 1)
    return replace(made, **changes)  # type: ignore[arg-type]


def test_unknown_status_is_reported_with_the_statuses_to_use() -> None:
    """status:bogus still matches nothing, but now says why and what to type instead."""
    query = parse_claim_filter("status:bogus", LABELS)
    assert query.warnings == ("Unknown status “bogus”: use draft, review, approved, published.",)
    assert not query.matches(claim(status="draft"))


def test_known_values_and_their_beginnings_raise_no_warning() -> None:
    """Statuses by key or label, part of a word while typing, verdicts of the scale, verdict:none."""
    for text in ("status:draft", "status:review", "status:in_review", "status:pub", "anchor:orph", "verdict:half"):
        assert parse_claim_filter(text, LABELS).warnings == (), text
    assert parse_claim_filter("verdict:none tag:anything claimant:whoever article:x", LABELS).warnings == ()
    assert parse_claim_filter("status:REVIEW", LABELS).matches(claim(status="in_review"))


def test_unknown_verdict_and_anchor_state_are_reported() -> None:
    """The verdict is checked against the project's scale; without a scale it is not checked."""
    query = parse_claim_filter("verdict:bogus anchor:lost", LABELS)
    assert query.warnings == (
        f"No verdict “bogus” in this project's scale: use {', '.join(LABELS)}, or none.",
        "Unknown anchor state “lost”: use anchored, moved, changed, orphaned.",
    )
    assert parse_claim_filter("verdict:bogus").warnings == ()


def test_misspelt_field_is_reported_and_searched_as_text() -> None:
    """'verdcit:false' is not a field: said so, and the word is looked for in the claim's text as before."""
    query = parse_claim_filter("verdcit:false", LABELS)
    assert query.words == ("verdcit:false",) and query.terms == ()
    assert query.warnings == (
        "“verdcit:” is not a filter field (use verdict:, tag:, status:, claimant:, anchor:, article:); "
        "“verdcit:false” is searched as text.",
    )
    assert parse_claim_filter("https://example.org 10:30", LABELS).warnings == ()  # an address, a time


def test_field_terms_match_their_field_and_words_the_text() -> None:
    """Terms and words combine; a field still being typed ("status:") adds no condition."""
    c = claim(status="approved", claimant="City hall")
    assert parse_claim_filter("verdict:false tag:transport mayor", LABELS).matches(c)
    assert not parse_claim_filter("verdict:true", LABELS).matches(c)
    assert not parse_claim_filter("tag:budget", LABELS).matches(c)
    assert parse_claim_filter("claimant:city status:appr", LABELS).matches(c)
    assert parse_claim_filter("article:tram", LABELS).matches(c, {1: "tram line delayed"})
    assert parse_claim_filter("status:", LABELS).empty
    assert parse_claim_filter("status: mayor", LABELS).matches(c)


def test_a_pasted_megabyte_is_cut_to_a_bounded_filter_with_a_warning() -> None:
    """A megabyte pasted into the filter box is parsed into a bounded filter at once, and says so."""
    from factcheck_app.domain.claim_filter import MAX_FILTER_WORDS

    pasted = " ".join(f"word{i}" for i in range(150_000))
    parsed = parse_claim_filter(pasted)
    assert len(parsed.words) <= MAX_FILTER_WORDS
    assert parsed.words[0] == "word0"
    assert any("too long" in warning for warning in parsed.warnings)


def test_repeated_words_count_once_and_a_typed_filter_is_not_cut() -> None:
    parsed = parse_claim_filter("budget budget verdict:false budget mayor")
    assert parsed.words == ("budget", "mayor")
    assert parsed.terms == (("verdict", "false"),)
    assert not any("too long" in warning for warning in parsed.warnings)
