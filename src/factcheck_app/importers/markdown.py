"""Markdown articles (.md): headings and paragraphs, with as little interpretation as possible.

What changes from the file, and nothing else:

- ATX headings (``## Title``, optional closing hashes) and setext headings (a line
  underlined with ``===`` or ``---``) become heading blocks; the ``#`` marks and the
  underline are dropped, so the canonical text reads "Title".
- The lines of a paragraph are joined with a space, as Markdown renders them, so a
  sentence written across two lines can be quoted as one. A line ending in two spaces
  or a backslash (a Markdown hard break) keeps its line break.
- Each list item (``-``, ``*``, ``+``, ``1.``) becomes a list block, its marker kept; the
  lines of a block quote become one quote block without their ``>`` marks; a fenced code
  block is kept as one block, line by line; a thematic break (``***``) only separates blocks.
- Inline markup (``**bold**``, ``[link](url)``) is kept as written: stripping it would
  need a full Markdown parser and would make quotes differ from what the author wrote.
"""

from __future__ import annotations

import re

from factcheck_app.domain.articles import ArticleDraft, normalise_text
from factcheck_app.importers.structure import ArticleBuilder
from factcheck_app.importers.text import decode_text

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_QUOTE = re.compile(r"^ {0,3}> ?")
_FENCE = re.compile(r"^ {0,3}(```+|~~~+)")
_RULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")


def read_markdown(data: bytes, name: str) -> ArticleDraft:
    """A .md article in any encoding."""
    return read_markdown_text(decode_text(data, name))


def read_markdown_text(text: str) -> ArticleDraft:
    """Headings and paragraphs of a decoded Markdown text."""
    builder = ArticleBuilder()
    lines = normalise_text(text).split("\n")
    paragraph: list[str] = []
    kind = "paragraph"

    def flush() -> None:
        nonlocal kind
        if paragraph:
            builder.add(_join(paragraph), kind)
            paragraph.clear()
        kind = "paragraph"

    index = 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            flush()
            closing = fence.group(1)[0] * 3
            code: list[str] = []
            index += 1
            while index < len(lines) and not lines[index].lstrip().startswith(closing):
                code.append(lines[index])
                index += 1
            builder.add("\n".join(code))
            index += 1
            continue
        heading = _ATX.match(line)
        if heading:
            flush()
            builder.add(heading.group(2) or "", "heading", len(heading.group(1)))
        elif not line.strip():
            flush()
        elif paragraph and kind == "paragraph" and _SETEXT.match(line):
            builder.add(_join(paragraph), "heading", 1 if line.strip().startswith("=") else 2)
            paragraph.clear()
        elif _RULE.match(line):
            flush()
        elif _QUOTE.match(line):
            if kind != "quote":
                flush()
                kind = "quote"
            paragraph.append(_QUOTE.sub("", line, count=1))
        elif _LIST_ITEM.match(line):
            flush()
            kind = "list"
            paragraph.append(line)
        else:
            paragraph.append(line)
        index += 1
    flush()
    text, blocks = builder.build()
    return ArticleDraft(title=builder.first_heading(), text=text, format="markdown", blocks=blocks)


def _join(lines: list[str]) -> str:
    """The lines of one paragraph joined as Markdown renders them, hard breaks kept."""
    out = ""
    for line in lines:
        hard_break = line.endswith("  ") or line.endswith("\\")
        piece = line.strip().removesuffix("\\").rstrip()
        if not out:
            out = piece
        elif out.endswith("\n"):
            out += piece
        else:
            out += " " + piece
        if hard_break:
            out += "\n"
    return out
