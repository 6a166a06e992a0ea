"""Sentences of an article, as exact offsets into its text.

Suggestions, claimants and the margin marker all point at sentences by offsets into the
canonical article text, so a sentence's offsets must give back exactly the words shown.
Segmentation itself is pysbd's (its rules and abbreviation lists; we keep none of our own);
this module only feeds it one paragraph at a time and maps what it returns back to offsets.

NOTE: pysbd is the slow part (about 0.5 s for 20,000 words on a shared CPU). Articles
never change in place, and a revised version shares most paragraphs with the old one, so
each paragraph's segmentation is remembered (keyed by its text) for the life of the process.
A paragraph without any inner sentence-ending punctuation is one sentence and skips pysbd.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pysbd

#: A paragraph: a run of text between line breaks (the canonical text uses "\n"; "\r" too, to be safe).
_PARAGRAPH = re.compile(r"[^\r\n]+")
#: Sentence-ending punctuation followed by more text: only then can a paragraph hold two sentences.
_INNER_END = re.compile(r"[.!?…;:]['\"”’)\]]*\s+\S")
_SPACE = re.compile(r"\s+")

_SEGMENTERS: dict[str, Any] = {}  # one pysbd.Segmenter per language, made once per process


def _segmenter(language: str) -> pysbd.Segmenter:
    if language not in _SEGMENTERS:
        import pysbd  # ~20 ms of imports: paid by the first text segmented, not at start

        _SEGMENTERS[language] = pysbd.Segmenter(language=language, clean=False)
    return _SEGMENTERS[language]


def sentence_spans(text: str, language: str = "en") -> list[tuple[int, int]]:
    """(start, end) of every sentence, in order; whitespace around a sentence is left out."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        base = paragraph.start()
        spans.extend((base + start, base + end) for start, end in _paragraph_spans(paragraph.group(), language))
    return spans


def clear_cache() -> None:
    """Forget remembered paragraphs (benchmarks measure the cold case with it)."""
    _paragraph_spans.cache_clear()


@lru_cache(maxsize=50_000)
def _paragraph_spans(paragraph: str, language: str) -> tuple[tuple[int, int], ...]:
    stripped = _trimmed(paragraph, 0, len(paragraph))
    if stripped is None:
        return ()
    if not _INNER_END.search(paragraph, stripped[0], stripped[1]):
        return (stripped,)
    segments = _segmenter(language).processor(paragraph).process()
    spans: list[tuple[int, int]] = []
    cursor = stripped[0]
    for segment in segments:
        found = _locate(paragraph, segment.strip(), cursor)
        if found is None:
            continue  # pysbd changed the words: they stay with a neighbouring sentence
        start, end = found
        if paragraph[cursor:start].strip():
            # Words pysbd left out between two segments belong to the sentence before them.
            if spans:
                spans[-1] = (spans[-1][0], cursor + len(paragraph[cursor:start].rstrip()))
            else:
                start = cursor
        spans.append((start, end))
        cursor = end
    if not spans:
        return (stripped,)
    if paragraph[cursor:].strip():
        spans[-1] = (spans[-1][0], stripped[1])
    return tuple(spans)


def _locate(paragraph: str, words: str, cursor: int) -> tuple[int, int] | None:
    """Where pysbd's segment ``words`` is, from ``cursor`` on; any run of spaces matches one."""
    if not words:
        return None
    found = paragraph.find(words, cursor)
    if found >= 0:
        return found, found + len(words)
    pattern = r"\s+".join(re.escape(part) for part in _SPACE.split(words))
    match = re.compile(pattern).search(paragraph, cursor)
    return (match.start(), match.end()) if match else None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
