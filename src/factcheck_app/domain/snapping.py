"""Snapping a sloppy selection to whole words before it becomes a claim.

A drag that starts one character late turns "£85 million harbour wall" into a claim of
"5 million harbour wall" — a different number, checked and reported as if it were the
article's. So a selection that cuts a word is widened to the whole word, and the signs
that belong to a figure or a quotation (£ $ €, %, quote marks, hyphens, decimal points
between digits) come along. Whether to snap is the caller's choice: an analyst can still
make an exact character span.
"""

from __future__ import annotations

import unicodedata

from factcheck_app.domain.text_units import is_word_char

# Beyond this many characters without a boundary the text has no word boundaries to snap
# to (Chinese, Japanese, a PDF layer that lost its spaces): that side is left as selected.
SNAP_LIMIT = 32

_HYPHENS = frozenset("-\u2010\u2011\u00ad")
_QUOTES = frozenset("\"'\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a")
_PERCENT = frozenset("%\u2030\u2031")
_NUMBER_JOINERS = frozenset(".,\u00a0\u202f")  # 8.5, 1,000, "1 000" with a no-break space


def _attached(text: str, i: int) -> bool:
    """Whether ``text[i]`` is part of the word or figure around it."""
    ch = text[i]
    if is_word_char(ch) or ch in _HYPHENS or ch in _QUOTES or ch in _PERCENT:
        return True
    if unicodedata.category(ch) == "Sc":  # currency sign
        return True
    if ch in _NUMBER_JOINERS:  # only between two digits
        return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    return False


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection ``[start, end)`` widened to the whole words it cuts, spaces trimmed.

    Offsets are Python string indices (convert from Qt's UTF-16 first). Out-of-range or
    reversed offsets are clamped and put in order; a blank selection comes back empty.
    """
    n = len(text)
    start, end = sorted((max(0, min(start, n)), max(0, min(end, n))))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, start
    if start > 0 and _attached(text, start - 1) and _attached(text, start):
        s = start
        while s > 0 and _attached(text, s - 1) and start - s < SNAP_LIMIT:
            s -= 1
        if s == 0 or not _attached(text, s - 1):
            start = s
    if end < n and _attached(text, end - 1) and _attached(text, end):
        e = end
        while e < n and _attached(text, e) and e - end < SNAP_LIMIT:
            e += 1
        if e == n or not _attached(text, e):
            end = e
    return start, end
