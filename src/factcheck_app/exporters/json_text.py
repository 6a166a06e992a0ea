"""Indented JSON by orjson, and an array written one item at a time inside its document.

The open exports are indented JSON-LD documents holding one item per claim. ``json.dumps``
with an indent runs the standard library's pure-Python encoder (75 µs a claim, 7.7 s for a
100,000-claim Web Annotation file); orjson writes the same JSON in C. ``JsonArrayStream``
writes an array item by item into the document around it, so an export holds one batch of
items at a time, not the whole document.

Every function here returns UTF-8 bytes with non-ASCII characters as they are, keys sorted
and two spaces of indentation. Strings never hold a raw newline in JSON (it is written
``\\n``), so a newline in orjson's output is always indentation: prefixing each one re-indents
an item for its place in the document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

import orjson

_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS


def pretty_json(value: object, pad: bytes = b"") -> bytes:
    """``value`` as indented JSON (UTF-8), for a place at indentation ``pad``: its
    continuation lines start with ``pad``. Raises TypeError for what JSON cannot hold."""
    text = orjson.dumps(value, option=_OPTIONS)
    return text.replace(b"\n", b"\n" + pad) if pad else text


class JsonArrayStream:
    """An array written one item at a time inside a document that holds it.

    ``head`` is the document up to the array's first item, ``pad`` the array's items'
    indentation. ``finish`` takes the document's end (from the newline closing the array)
    and the whole document for an array with no items as functions of the number of items,
    so a count written after the array (Web Annotation's ``total``) is known when needed.
    ``escape`` is applied to everything written (the exports make their JSON script-safe).
    """

    def __init__(self, stream: BinaryIO, head: bytes, pad: bytes, escape: Callable[[bytes], bytes]) -> None:
        self.stream = stream
        self.head = head
        self.pad = pad
        self.escape = escape
        self.count = 0
        self._separator = b",\n" + pad
        self._pending: list[bytes] = []

    def add(self, item: object) -> None:
        """Queue one item; what is queued is written by ``flush`` (once per batch)."""
        self._pending.append(self._separator if self.count else self.head)
        self._pending.append(pretty_json(item, self.pad))
        self.count += 1

    def flush(self) -> None:
        if self._pending:
            self.stream.write(self.escape(b"".join(self._pending)))
            self._pending.clear()

    def finish(self, tail: Callable[[int], bytes], empty: Callable[[], bytes]) -> int:
        """Close the array and the document; returns how many items were written."""
        self.flush()
        self.stream.write(self.escape(tail(self.count) if self.count else empty()))
        return self.count


def split_around(document: bytes, marker: str) -> tuple[bytes, bytes]:
    """``document`` (holding the JSON string ``marker`` once, as an array's only item) cut
    into the text before that item and the text after it."""
    encoded = orjson.dumps(marker)
    head, found, tail = document.partition(encoded)
    if not found or encoded in tail:
        raise ValueError("the marker must appear exactly once")
    return head, tail
