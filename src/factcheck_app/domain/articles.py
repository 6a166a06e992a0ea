"""Articles: the texts analysts check.

The article text is canonical plain text: claim offsets refer to it, so it is normalised
once at import (line endings, BOM) and never changed in place afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

MAX_TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A heading or paragraph of the canonical text, so views can show structure.

    ``start``/``end`` are offsets into the article text; the text itself stays plain,
    so claim offsets never depend on how the article is displayed.
    """

    start: int
    end: int
    kind: str = "paragraph"  # "heading" | "paragraph" | "table" | "quote" | "list"
    level: int = 0  # heading level (1 = top); 0 for other kinds


@dataclass(frozen=True, slots=True)
class PageSpan:
    """Which part of the text came from which page (PDF), so a claim can cite "p. 2"."""

    start: int
    end: int
    label: str  # the page number as printed or counted: "2", "iv"


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article read from a file but not yet in a project."""

    title: str
    text: str
    url: str = ""
    author: str = ""
    published: date | None = None
    original_name: str = ""
    format: str = "text"  # "text" | "markdown" | "docx" | "html" | "pdf" | "paste"
    site_name: str = ""
    blocks: tuple[TextBlock, ...] = ()
    pages: tuple[PageSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    title: str
    text: str
    url: str
    author: str
    published: date | None
    content_hash: str
    imported_at: datetime
    original_name: str
    format: str = "text"
    site_name: str = ""
    blocks: tuple[TextBlock, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    revision_of: int | None = None  # the article this one is a newer version of
    revision: int = 1
    # The stored row's version (optimistic concurrency); not part of what an article *is*.
    version: int = field(default=0, compare=False)

    def page_at(self, offset: int) -> str | None:
        """The page label of a text offset (PDF articles), for citing "p. 2"."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.label
        return None


def normalise_text(text: str) -> str:
    """Canonical form of an article text: no BOM, ``\\n`` line ends, no trailing blanks."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return text.strip("\n ") + ("\n" if text.strip() else "")


def content_hash(text: str) -> str:
    import hashlib  # NOTE: not at module level: this module is on the GUI's start path

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_from_text(text: str, fallback: str) -> str:
    """A headline for the article: its first line, or the first sentence of a long one.

    Plain-text articles often start with the headline; pasted paragraphs do not, and a
    200-word "title" helps nobody in a list.
    """
    for line in text.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if len(line) <= MAX_TITLE_CHARS:
            return line
        sentence = line.split(". ", 1)[0]
        if len(sentence) <= MAX_TITLE_CHARS:
            return sentence
        return sentence[:MAX_TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return fallback


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: the paragraphs of a plain-text article."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            spans.append((pos, end))
        pos = end + 1
    return spans
