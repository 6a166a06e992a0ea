"""Plain-text articles (.txt, pasted text) in whatever encoding they arrive.

Newsroom text comes as UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools and cp1252
with smart quotes from old CMS exports. BOMs are trusted, strict UTF-8 is tried next,
and charset-normalizer guesses the rest. Binary junk is refused, never "decoded".

A plain text keeps its lines: each non-empty line is a paragraph. The one exception is a
*hard-wrapped* file (e-mail, wire copy, ``fmt`` output), where a sentence is cut into
lines of about the same width: there the lines of each blank-line-separated paragraph are
joined, so a sentence that crosses a line can be quoted as one.
"""

from __future__ import annotations

import codecs
import itertools
import re
import statistics

from factcheck_app.domain.articles import ArticleDraft, TextBlock, normalise_text, paragraph_spans
from factcheck_app.domain.errors import ImportRefused

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# NOTE: charset-normalizer decodes its whole input once per candidate encoding, which
# takes seconds on a 10 MB file. Non-ASCII bytes are what tell encodings apart, so it
# is shown the start of the file plus the lines that hold such bytes, up to this size;
# the full file is then decoded strictly with the winner (or, failing that, detected whole).
_SAMPLE_BYTES = 256 * 1024
_NON_ASCII_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*\n?")

# A list item or a quoted line starts a new line of its own even in hard-wrapped text.
_LINE_START_MARKER = re.compile(r"^\s*(?:[-*+•–>]|\d{1,3}[.)])\s")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters: an image, an executable, a database…"""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes, name: str) -> str:
    """The text of ``data``, or ImportRefused naming ``name`` if it is not text."""
    encoding = bom_encoding(data)
    if encoding:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportRefused(f"{name}: the text is damaged ({encoding} with invalid bytes).") from error
    if looks_binary(data):
        raise ImportRefused(f"{name} is not a text file (it contains binary data).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = _encoding_sample(data)
    for candidate in _guess_encodings(sample):
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    if len(sample) < len(data):
        for candidate in _guess_encodings(data):
            try:
                return data.decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    raise ImportRefused(f"{name}: the text encoding could not be recognised.")


def _encoding_sample(data: bytes) -> bytes:
    if len(data) <= _SAMPLE_BYTES:
        return data
    head = data[: _SAMPLE_BYTES // 4]
    cut = head.rfind(b"\n")
    head = head[: cut + 1] if cut > 0 else head
    parts = [head]
    size = len(head)
    for match in _NON_ASCII_LINE.finditer(data, len(head)):
        line = match.group()
        if size + len(line) > _SAMPLE_BYTES:
            break
        parts.append(line)
        size += len(line)
    return b"".join(parts)


def _guess_encodings(data: bytes) -> list[str]:
    """Candidate encodings, most likely first."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return []
    # NOTE: on short Western texts charset-normalizer often ranks a Mac or DOS code
    # page first; Windows-1252 is by far the likelier source of a newsroom file, so
    # among equally clean candidates we prefer it.
    least_chaos = min(match.chaos for match in matches)
    preferred = [
        "cp1252" for match in matches if match.chaos <= least_chaos + 0.01 and "cp1252" in match.could_be_from_charset
    ][:1]
    return preferred + [match.encoding for match in matches]


def read_text(data: bytes, name: str) -> ArticleDraft:
    """A .txt article: decoded, line endings normalised, hard wrapping undone."""
    return plain_draft(decode_text(data, name), "text")


def plain_draft(text: str, format: str) -> ArticleDraft:
    """A draft of plain text: one paragraph block per non-empty line."""
    text = normalise_text(text)
    text = normalise_text(unwrap_hard_wrapped(text))
    blocks = tuple(TextBlock(start, end) for start, end in paragraph_spans(text))
    return ArticleDraft(title="", text=text, format=format, blocks=blocks)


def unwrap_hard_wrapped(text: str) -> str:
    """Join the lines of each paragraph when the text is clearly hard-wrapped; else ``text``.

    Clearly hard-wrapped means: paragraphs are separated by blank lines, and nearly every
    line that is followed by another line of the same paragraph was broken because the
    next word would not have fit in the width of the longest line (at most 100 characters),
    which is what a greedy wrapper (mail clients, ``fmt``, wire services) produces. A text
    with one paragraph per line, a poem or a list of short lines fails that test and is
    left as it is.
    """
    lines = text.split("\n")
    if len(lines) < 3 or "" not in lines:
        return text
    width = max(len(line.rstrip()) for line in lines)
    if not 30 <= width <= 100:
        return text
    broken = 0
    greedy = 0
    for line, following in itertools.pairwise(lines):
        if not line.strip() or not following.strip() or _LINE_START_MARKER.match(following):
            continue
        broken += 1
        next_word = following.split()[0]
        if len(line.rstrip()) + 1 + len(next_word) > width:
            greedy += 1
    if broken < 3 or greedy < 0.85 * broken:
        return text
    line_lengths = [len(line) for line in lines if line.strip()]
    if statistics.median(line_lengths) < width * 0.6:
        return text
    out: list[str] = []
    paragraph: list[str] = []
    for line in lines:
        stripped = line.strip()
        if paragraph and (not stripped or _LINE_START_MARKER.match(line)):
            out.append(_join_wrapped(paragraph))
            paragraph = []
        if stripped:
            paragraph.append(stripped)
        else:
            out.append("")
    if paragraph:
        out.append(_join_wrapped(paragraph))
    return "\n".join(out)


def _join_wrapped(lines: list[str]) -> str:
    pieces = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        # "well-" + "known": wrappers break after a hyphen, which stays without a space.
        hyphen = previous.endswith("-") and len(previous) > 1 and previous[-2].isalnum()
        pieces.append(line if hyphen else " " + line)
    return "".join(pieces)
