"""Characters as a reader sees them: words, and text with its spacing taken out.

Two facts of real article text drive this module. A combining accent is part of the
letter before it (``"e\\u0301"`` is one "é" to a reader), so a word never ends between
them. And spacing is not wording: a PDF text layer may space every letter
("z o m b i e"), drop the space between two words ("thatNetherfield"), or break lines
with CRLF where the first import had LF — the words are the same.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

# Joiners that hold an emoji sequence or a word together (zero-width joiner, variation selectors).
_GLUE = frozenset({"\u200d", "\ufe0e", "\ufe0f"})


def is_word_char(ch: str) -> bool:
    """Letters and digits, plus the marks and joiners that belong to the character before them."""
    return ch.isalnum() or ch in _GLUE or unicodedata.category(ch)[0] == "M"


def is_mark(ch: str) -> bool:
    """A character that only modifies the one before it (combining accent, joiner)."""
    return ch in _GLUE or unicodedata.category(ch)[0] == "M"


def squeeze(text: str) -> str:
    """The text without any whitespace: what two spellings that differ only in spacing share."""
    return "".join(text.split())


@dataclass(frozen=True)
class Squeezed:
    """A text with its whitespace removed, and where each remaining character came from.

    ``offsets[i]`` is the index in the original text of ``chars[i]``; searching ``chars``
    and mapping back through ``offsets`` finds words whatever their spacing.
    """

    text: str
    chars: str = field(init=False)
    offsets: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        kept = [(i, ch) for i, ch in enumerate(self.text) if not ch.isspace()]
        object.__setattr__(self, "chars", "".join(ch for _, ch in kept))
        object.__setattr__(self, "offsets", tuple(i for i, _ in kept))

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Spans (in the original text) of every occurrence of ``quote``, spacing ignored.

        A span starts on the quote's first character and ends after its last one, so it
        never takes in the spaces around the words.
        """
        needle = squeeze(quote)
        if not needle:
            return []
        spans: list[tuple[int, int]] = []
        pos = self.chars.find(needle)
        while pos != -1:
            spans.append((self.offsets[pos], self.offsets[pos + len(needle) - 1] + 1))
            pos = self.chars.find(needle, pos + 1)
        return spans

    def index_before(self, offset: int) -> int:
        """How many non-space characters lie before ``offset`` in the original text."""
        return bisect_left(self.offsets, offset)

    def index_through(self, offset: int) -> int:
        """How many non-space characters lie before or at ``offset``."""
        return bisect_right(self.offsets, offset)
