"""Building a canonical article text from headings, paragraphs and tables.

Every structured reader (Markdown, Word, web page, PDF) ends the same way: a sequence of
blocks becomes one plain text, blocks separated by a blank line, with a ``TextBlock`` for
each so the article view can show headings as headings. Claim offsets refer to the plain
text only, so the builder guarantees that ``normalise_text`` leaves it unchanged: a later
normalisation can never shift an offset.
"""

from __future__ import annotations

import re
import unicodedata

from factcheck_app.domain.articles import TextBlock

BLOCK_SEPARATOR = "\n\n"
# The longest article text any reader produces (50 million characters: a few thousand
# pages). Readers that stream stop as soon as they pass it; the registry checks every draft.
MAX_ARTICLE_CHARS = 50 * 1024 * 1024

# C0/C1 control characters other than tab and newline, the BOM, and Unicode line or
# paragraph separators (which normalise_text would turn into newlines).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe]")
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_inline(text: str) -> str:
    """One line of running text: single spaces, no control characters, no ligature glyphs.

    NOTE: ligatures (ﬁ, ﬂ) come from PDF text layers; an analyst who types "finance" must
    find "ﬁnance", so they are spelled out. No other compatibility folding is done:
    curly quotes and dashes are the article's own punctuation.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROLS.sub("", text)
    if any(char in text for char in _LIGATURES):
        text = "".join(_LIGATURES.get(char, char) for char in text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_multiline(text: str) -> str:
    """Like ``clean_inline`` but NFC-normalised (Word and HTML may carry decomposed accents)."""
    return clean_inline(unicodedata.normalize("NFC", text))


class ArticleBuilder:
    """Collects blocks in reading order and renders the canonical text with its block spans."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._blocks: list[TextBlock] = []
        self._length = 0

    def add(self, text: str, kind: str = "paragraph", level: int = 0) -> None:
        """Append one block; blank blocks are dropped, whitespace inside lines is collapsed."""
        text = clean_multiline(text)
        if not text:
            return
        if self._parts:
            self._parts.append(BLOCK_SEPARATOR)
            self._length += len(BLOCK_SEPARATOR)
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        self._blocks.append(
            TextBlock(start=start, end=self._length, kind=kind, level=level if kind == "heading" else 0)
        )

    @property
    def length(self) -> int:
        """Characters written so far (for readers that record page spans)."""
        return self._length

    @property
    def empty(self) -> bool:
        return not self._parts

    def first_heading(self) -> str:
        text = "".join(self._parts)
        for block in self._blocks:
            if block.kind == "heading":
                return " ".join(text[block.start : block.end].split())
        return ""

    def build(self) -> tuple[str, tuple[TextBlock, ...]]:
        """The canonical text (ending in one newline) and its blocks."""
        if not self._parts:
            return "", ()
        return "".join(self._parts) + "\n", tuple(self._blocks)
