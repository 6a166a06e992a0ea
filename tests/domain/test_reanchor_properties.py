"""Property tests over the occurrence model of re-anchoring (issue 15).

An article repeats a passage several times between unique filler sentences; a claim sits
on words of one occurrence. Random revisions then edit the text:

- outside the claim (including the *other* occurrences): the claim stays on its words, at
  exactly the place they went;
- inside the claim: the claim is changed at the right place, or orphaned;
- either way, a claim never lands on another occurrence of its quote;
- and re-anchoring is total: any texts, any anchor (emoji, combining marks, CRLF), no exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck_app.domain.anchors import ANCHORED, CHANGED, MOVED, ORPHANED, Anchor, MatchLevel, anchor_for_span
from factcheck_app.domain.reanchor import Reanchorer, locate_quote

PASSAGE_WORDS = ["the", "harbour", "wall", "will", "cost", "£85", "million", "council", "said", "5%"]
# Inserted text never contains a passage word, so an edit never makes a new copy of a quote.
INSERT_WORDS = ["alpha", "beta", "gamma", "news", "update", ".", "🔥", "e\u0301te\u0301", "\r\n", "—"]
Edit = tuple[int, int, str]  # position, characters deleted, text inserted (old offsets)


@dataclass(frozen=True)
class Article:
    text: str
    occurrences: list[int]  # start of each copy of the passage
    passage: str
    claim_start: int  # in the old text
    claim_end: int
    own: int  # index of the copy the claim is on


@st.composite
def articles(draw: st.DrawFn) -> Article:
    passage = " ".join(draw(st.lists(st.sampled_from(PASSAGE_WORDS), min_size=3, max_size=8)))
    copies = draw(st.integers(2, 4))
    parts, occurrences, pos = [], [], 0
    for i in range(copies):
        filler = " ".join(f"f{i}w{j}x" for j in range(draw(st.integers(2, 6)))) + ". "
        parts += [filler, passage, ". "]
        occurrences.append(pos + len(filler))
        pos += len(filler) + len(passage) + 2
    parts.append("The end.")
    text = "".join(parts)
    words = passage.split(" ")
    first = draw(st.integers(0, len(words) - 2))
    last = draw(st.integers(first + 1, len(words)))
    offset = len(" ".join(words[:first])) + (1 if first else 0)
    own = draw(st.integers(0, copies - 1))
    start = occurrences[own] + offset
    end = start + len(" ".join(words[first:last]))
    return Article(text, occurrences, passage, start, end, own)


def apply(text: str, edits: list[Edit]) -> str:
    pieces, cursor = [], 0
    for position, delete, insert in sorted(edits):
        assert position >= cursor, "overlapping edits"
        pieces += [text[cursor:position], insert]
        cursor = position + delete
    return "".join(pieces) + text[cursor:]


def new_offset(offset: int, edits: list[Edit]) -> int:
    """Where an old offset outside every edit lands."""
    return offset + sum(len(insert) - delete for position, delete, insert in edits if position + delete <= offset)


def outside_edits(draw: st.DrawFn, text: str, start: int, end: int) -> list[Edit]:
    """Up to six non-overlapping edits that leave ``text[start - 1 : end + 1]`` alone."""
    regions = [(0, start - 1), (end + 1, len(text))]
    edits: list[Edit] = []
    for _ in range(draw(st.integers(0, 6))):
        low, high = draw(st.sampled_from(regions))
        if high <= low:
            continue
        delete = draw(st.integers(0, min(8, high - low)))
        position = draw(st.integers(low, high - delete))
        edits.append(
            (position, delete, " " + " ".join(draw(st.lists(st.sampled_from(INSERT_WORDS), max_size=4))) + " ")
        )
    kept: list[Edit] = []
    for edit in sorted(edits):
        if not kept or edit[0] >= kept[-1][0] + kept[-1][1] + 1:
            kept.append(edit)
    return kept


def other_images(article: Article, edits: list[Edit], new_text: str) -> list[tuple[int, int]]:
    """Where the other copies of the claim's words are in the new text (those no edit touched)."""
    length = article.claim_end - article.claim_start
    offset = article.claim_start - article.occurrences[article.own]
    spans = []
    for i, occ in enumerate(article.occurrences):
        start = occ + offset
        if i == article.own or any(p < start + length and start < p + d + (d == 0) for p, d, _ in edits):
            continue
        image = new_offset(start, edits)
        assert new_text[image : image + length] == article.text[start : start + length]
        spans.append((image, image + length))
    return spans


def overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


@st.composite
def outside_case(draw: st.DrawFn) -> tuple[Article, list[Edit]]:
    article = draw(articles())
    return article, outside_edits(draw, article.text, article.claim_start, article.claim_end)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(outside_case())
def test_edits_outside_the_claim_never_move_or_change_it(case: tuple[Article, list[Edit]]) -> None:
    """Edits anywhere else — the other copies of the passage included — leave the claim on its words."""
    article, edits = case
    anchor = anchor_for_span(article.text, article.claim_start, article.claim_end)
    new = apply(article.text, edits)
    expected = new_offset(article.claim_start, edits)
    assert new[expected : expected + len(anchor.exact)] == anchor.exact  # the generator kept its promise
    result = Reanchorer(article.text, new).reanchor(anchor)
    assert result.state in (ANCHORED, MOVED)
    assert (result.anchor.start, result.anchor.end) == (expected, expected + len(anchor.exact))
    assert result.confidence.level in (MatchLevel.EXACT, MatchLevel.MOVED) and result.confidence.similarity == 1.0


@st.composite
def inside_case(draw: st.DrawFn) -> tuple[Article, list[Edit], tuple[int, int]]:
    """One edit inside the claim's words, maybe more elsewhere; and where the edited words are."""
    article = draw(articles())
    start, end = article.claim_start, article.claim_end
    position = draw(st.integers(start, end - 1))
    delete = draw(st.integers(1 if position == start else 0, end - position))
    insert = draw(st.sampled_from(["", " ", "x", *INSERT_WORDS, "alpha beta"]))
    if delete == 0 and not insert:
        insert = "alpha"
    edits = [
        edit
        for edit in outside_edits(draw, article.text, start, end)
        if edit[0] + edit[1] < start - 1 or edit[0] > end + 1
    ]
    edits.append((position, delete, insert))
    edits.sort()
    true_start = new_offset(start, edits) if position > start else new_offset(start, [e for e in edits if e[0] < start])
    true_end = true_start + (end - start) - delete + len(insert)
    return article, edits, (true_start, true_end)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(inside_case())
def test_edits_inside_the_claim_give_changed_at_its_place_or_orphaned(
    case: tuple[Article, list[Edit], tuple[int, int]],
) -> None:
    """The claim's own words edited: changed where they are, or orphaned — never another copy."""
    article, edits, (true_start, true_end) = case
    anchor = anchor_for_span(article.text, article.claim_start, article.claim_end)
    new = apply(article.text, edits)
    result = Reanchorer(article.text, new).reanchor(anchor)
    if result.state == ORPHANED:
        assert (result.anchor.start, result.anchor.end) == (0, 0) and result.anchor.exact == anchor.exact
        return
    found = (result.anchor.start, result.anchor.end)
    assert new[found[0] : found[1]] == result.anchor.exact
    assert not overlaps(found, other_images(article, edits, new)), "claim captured by another copy"
    if true_end > true_start and new[true_start:true_end].strip():
        assert found[0] < max(true_end, true_start + 1) and found[1] > true_start
    if result.anchor.exact != anchor.exact:
        assert result.state == CHANGED and 0.0 < result.confidence.similarity <= 1.0


@st.composite
def deleted_case(draw: st.DrawFn) -> tuple[Article, list[Edit]]:
    article = draw(articles())
    occurrence = article.occurrences[article.own]
    edits = [
        edit
        for edit in outside_edits(draw, article.text, article.claim_start, article.claim_end)
        if edit[0] + edit[1] < occurrence - 1 or edit[0] > occurrence + len(article.passage) + 2
    ]
    edits.append((occurrence, len(article.passage) + 2, ""))  # the whole sentence goes
    return article, sorted(edits)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(deleted_case())
def test_a_deleted_passage_is_never_captured_by_its_duplicates(case: tuple[Article, list[Edit]]) -> None:
    """The claim's copy of a repeated passage is deleted: the other copies are other words."""
    article, edits = case
    anchor = anchor_for_span(article.text, article.claim_start, article.claim_end)
    new = apply(article.text, edits)
    result = Reanchorer(article.text, new).reanchor(anchor)
    if result.state != ORPHANED:
        found = (result.anchor.start, result.anchor.end)
        assert not overlaps(found, other_images(article, edits, new)), f"captured: {result}"


# -- total on every input ---------------------------------------------------------

TRICKY = st.sampled_from(
    ["a", " ", "\n", "\r\n", "\t", "😊", "👍🏽", "e\u0301", "\u0301", "\u200d", "ß", "字", "£", "."]
)
TEXTS = st.one_of(st.text(max_size=80), st.lists(TRICKY, max_size=40).map("".join))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, TEXTS, st.integers(-5, 100), st.integers(-5, 100), st.one_of(st.none(), TEXTS))
def test_reanchoring_is_total(old: str, new: str, start: int, end: int, quote: str | None) -> None:
    """Any texts and any anchor — empty, blank, too long, past the end, emoji, marks, CRLF — give
    an answer: a passage that really is the anchor's text, or an orphan."""
    exact = quote if quote is not None else old[max(0, start) : max(0, end)]
    anchor = Anchor(start, end, exact, old[max(0, start - 32) : max(0, start)], old[max(0, end) : max(0, end) + 32])
    for result in (Reanchorer(old, new).reanchor(anchor), locate_quote(new, exact, hint=max(0, start))):
        assert result.state == result.confidence.state
        assert 0.0 <= result.confidence.similarity <= 1.0
        if result.state == ORPHANED:
            assert (result.anchor.start, result.anchor.end) == (0, 0) and result.anchor.exact == exact
        else:
            assert 0 <= result.anchor.start < result.anchor.end <= len(new)
            assert new[result.anchor.start : result.anchor.end] == result.anchor.exact
            assert result.anchor.exact.strip()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.data())
def test_an_unchanged_text_keeps_every_claim_exactly(text: str, data: st.DataObject) -> None:
    """Same text before and after: every claim is found exactly where it was."""
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    anchor = anchor_for_span(text, start, end)
    result = Reanchorer(text, text).reanchor(anchor)
    assert result.state == ANCHORED and result.anchor == anchor


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.data())
def test_line_endings_and_spacing_never_lose_a_claim(text: str, data: st.DataObject) -> None:
    """CRLF for LF, or spaces doubled: the claim's words are found, spacing aside."""
    text = text.replace("\r", "")
    if not text.strip():
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    if not text[start:end].strip():
        return
    anchor = anchor_for_span(text, start, end)
    new = data.draw(st.sampled_from([text.replace("\n", "\r\n"), text.replace(" ", "  "), text.replace("\n", " ")]))
    result = Reanchorer(text, new).reanchor(anchor)
    assert result.state != ORPHANED
    assert "".join(result.anchor.exact.split()) == "".join(anchor.exact.split())
