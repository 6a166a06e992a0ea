"""Where a claim sits in its article: offsets plus the quote with its context.

We keep both a TextPositionSelector (start/end) and a TextQuoteSelector (exact, prefix,
suffix), as the W3C Web Annotation model does, so a claim can be found again when the
article text is revised. Offsets are Python code points; Qt speaks UTF-16 code units, and
the two conversions below are the only place where that difference is handled.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from factcheck_app.domain.errors import AmbiguousQuote, InvalidInput, QuoteNotFound

CONTEXT_CHARS = 32

# How well a claim still sits on its words after the article was revised.
ANCHORED = "anchored"  # same words at the same place
MOVED = "moved"  # same words, elsewhere in the new version
CHANGED = "changed"  # the passage was found, but its words differ
ORPHANED = "orphaned"  # not found with confidence: shown apart, never guessed
ANCHOR_STATES = (ANCHORED, MOVED, CHANGED, ORPHANED)


class MatchLevel(StrEnum):
    """How sure we are that a re-anchored claim sits on the words that were checked."""

    EXACT = "exact"  # same words, same place
    MOVED = "moved"  # same words, elsewhere (text added or removed around them)
    CHANGED = "changed"  # the passage was found but its words differ: the verdict needs a look
    ORPHANED = "orphaned"  # not found with confidence: shown apart, never guessed


_STATE_OF_LEVEL = {
    MatchLevel.EXACT: ANCHORED,
    MatchLevel.MOVED: MOVED,
    MatchLevel.CHANGED: CHANGED,
    MatchLevel.ORPHANED: ORPHANED,
}


@dataclass(frozen=True, slots=True)
class Confidence:
    """The confidence of one re-anchored claim, to store and to show beside it.

    ``similarity`` (0..1) compares the found words with the checked ones: 1.0 for exact
    and moved, and also for a changed passage whose words differ only in spacing (a
    re-extracted PDF); 0.0 for an orphan. ``method`` says how the passage was found
    ("diff", "context", "position", "spacing", "fuzzy", "none"), for the tooltip and logs.
    """

    level: MatchLevel
    similarity: float
    method: str = "diff"

    @property
    def state(self) -> str:
        """The anchor state the project stores (anchored / moved / changed / orphaned)."""
        return _STATE_OF_LEVEL[self.level]

    def label(self) -> str:
        """Short text for a table cell: "Exact", "Moved", "Changed (87% similar)", "Orphaned"."""
        if self.level is MatchLevel.CHANGED:
            if self.similarity >= 0.9995:
                return "Changed (spacing only)"
            return f"Changed ({int(self.similarity * 100)}% similar)"
        return self.level.value.capitalize()


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def matches(self, text: str) -> bool:
        """True when the offsets still point at the quoted words in ``text``."""
        return text[self.start : self.end] == self.exact


def anchor_for_span(text: str, start: int, end: int) -> Anchor:
    """Anchor the span ``text[start:end]``, trimming surrounding whitespace.

    Analysts often drag a selection one space too far; the stored quote should be the
    words themselves so the report and the highlight look right.
    """
    if not (0 <= start <= end <= len(text)):
        raise InvalidInput(f"Selection {start}–{end} lies outside the article ({len(text)} characters).")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidInput("Select some words of the article to make a claim.")
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of ``quote`` (overlapping ones included)."""
    if not quote:
        return []
    found: list[int] = []
    pos = text.find(quote)
    while pos != -1:
        found.append(pos)
        pos = text.find(quote, pos + 1)
    return found


def anchor_for_quote(text: str, quote: str, occurrence: int | None = None) -> Anchor:
    """Anchor a quote typed by the user (CLI), refusing to guess between repeats.

    ``occurrence`` counts from 1, as a person would.
    """
    quote = quote.strip()
    if not quote:
        raise InvalidInput("The quote is empty.")
    hits = find_occurrences(text, quote)
    if not hits:
        raise QuoteNotFound(f"The quote {_short(quote)} does not occur in the article.")
    if occurrence is None:
        if len(hits) > 1:
            raise AmbiguousQuote(
                f"The quote {_short(quote)} occurs {len(hits)} times in the article; "
                f"choose one with --occurrence 1..{len(hits)}."
            )
        occurrence = 1
    if not 1 <= occurrence <= len(hits):
        raise InvalidInput(f"Occurrence {occurrence} is out of range: the quote occurs {len(hits)} time(s).")
    start = hits[occurrence - 1]
    return anchor_for_span(text, start, start + len(quote))


def _short(quote: str, limit: int = 60) -> str:
    return f"“{quote}”" if len(quote) <= limit else f"“{quote[: limit - 1]}…”"


class Utf16Map:
    """Fast offset conversion between a text and how Qt shows it.

    Qt counts UTF-16 units, so each astral character (emoji, rare CJK…) takes one
    unit more than in Python. A view may also show extra characters that are not in
    the canonical text (an empty line after each paragraph, for air): pass their
    places as ``inserted_after`` (index of the character they follow). A view that
    converts thousands of claim offsets builds one map instead of rescanning the text.
    """

    def __init__(self, text: str, inserted_after: Iterable[int] = ()) -> None:
        self._length = len(text)
        astral = [] if text.isascii() else [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # Index of every character followed by one extra unit on screen.
        self._bumps = sorted([*astral, *inserted_after])
        # Screen offset of each such character: the k-th sits k units further right.
        self._bump_units = [index + k for k, index in enumerate(self._bumps)]

    def to_utf16(self, index: int) -> int:
        return index + bisect_left(self._bumps, index)

    def to_index(self, utf16_offset: int) -> int:
        before = bisect_left(self._bump_units, utf16_offset)
        if before and self._bump_units[before - 1] + 1 == utf16_offset:
            # inside a surrogate pair or an inserted line: take the whole character
            return self._bumps[before - 1] + 1
        return max(0, min(utf16_offset - before, self._length))


def utf16_to_index(text: str, utf16_offset: int) -> int:
    """Convert a Qt (UTF-16 code unit) offset into a Python string index."""
    if text.isascii() or utf16_offset <= 0:
        return max(0, min(utf16_offset, len(text)))
    units = 0
    for index, char in enumerate(text):
        if units >= utf16_offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def index_to_utf16(text: str, index: int) -> int:
    """Convert a Python string index into a Qt (UTF-16 code unit) offset."""
    head = text[:index]
    if head.isascii():
        return len(head)
    return len(head) + sum(1 for char in head if ord(char) > 0xFFFF)
