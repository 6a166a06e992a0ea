"""Indented JSON written piece by piece: the same text as ``json.dumps(indent=2, sort_keys=True)``.

The open exports are indented JSON-LD documents holding one item per claim. ``json.dumps``
with an indent runs the standard library's pure-Python encoder (the C one only writes
compact JSON): 75 µs per claim, 7.7 s for a 100,000-claim Web Annotation file, and the whole
document had to exist in memory first. ``pretty_json`` writes the same characters about four
times faster (strings still go through the C escaper), and ``JsonArrayStream`` writes an
array one item at a time into the document around it, so an export holds one item at once.
tests/exporters/test_streaming_exports.py compares both with ``json.dumps`` on generated values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring  # json's C escaper (ensure_ascii=False)
from typing import Any, BinaryIO

INDENT = "  "
_SCALARS = frozenset((str, int, float, bool, type(None)))  # exactly these types, not subclasses
_CONSTANTS: dict[object, str] = {True: "true", False: "false", None: "null"}


def pretty_json(value: object, pad: str = "") -> str:
    """``value`` as ``json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)`` writes
    it, for a value nested at indentation ``pad`` (its continuation lines start with ``pad``)."""
    parts: list[str] = []
    _emit(value, parts, pad)
    return "".join(parts)


def _emit(value: Any, parts: list[str], pad: str) -> None:
    # NOTE: speed matters here (once per claim and field). A container holding only scalars
    # (most of ours) is written by json's C encoder, its item separator carrying the indent;
    # others by the loop below, which writes scalars and such containers without a call.
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:
        if not value:
            parts.append("{}" if kind is dict else "[]")
            return
        inner = pad + INDENT
        if _SCALARS.issuperset(map(type, value.values() if kind is dict else value)):
            parts.append(_flat(value, pad))
            return
        if kind is dict:
            separator = "{\n" + inner
            pairs = [(_KEYS.get(key) or _key(key), value[key]) for key in sorted(value)]
        else:
            separator = "[\n" + inner
            pairs = [("", item) for item in value]
        for prefix, item in pairs:
            item_kind = type(item)
            if item_kind is str:
                parts.append(separator + prefix + encode_basestring(item))
            elif item_kind is int:
                parts.append(separator + prefix + int.__repr__(item))
            elif item_kind is SharedJson:
                parts.append(separator + prefix + item.text(inner))
            elif (
                (item_kind is dict or item_kind is list)
                and item
                and _SCALARS.issuperset(map(type, item.values() if item_kind is dict else item))
            ):
                parts.append(separator + prefix + _flat(item, inner))
            else:
                parts.append(separator + prefix)
                _emit(item, parts, inner)
            separator = ",\n" + inner
        parts.append("\n" + pad + ("}" if kind is dict else "]"))
    elif kind is SharedJson:
        parts.append(value.text(pad))
    elif kind is str:
        parts.append(encode_basestring(value))
    elif kind is int:
        parts.append(int.__repr__(value))
    elif value is None or kind is bool:
        parts.append(_CONSTANTS[value])
    elif kind is float:
        parts.append(_float(value))
    elif isinstance(value, str):  # subclasses of the JSON types (an IntEnum…), checked in json's order
        parts.append(encode_basestring(value))
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, list | tuple):
        _emit(list(value), parts, pad)
    elif isinstance(value, dict):
        _emit(dict(value.items()), parts, pad)
    else:
        _not_serializable(value)


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


class SharedJson(dict[str, Any]):
    """A JSON object that recurs through one document (a verdict's rating, an article, an
    analyst): its text is made once per indentation and then copied. To json it is a dict.
    Do not change it once it has been written."""

    __slots__ = ("_texts",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._texts: dict[str, str] = {}

    def text(self, pad: str) -> str:
        """Its indented JSON text, for a place at indentation ``pad``."""
        text = self._texts.get(pad)
        if text is None:
            text = self._texts[pad] = pretty_json(dict(self), pad)
        return text


def _not_serializable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_FLAT: dict[str, Callable[[object, int], Iterable[str]]] = {}


_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)  # None where json has no C part


def _flat(value: dict[Any, Any] | list[Any] | tuple[Any, ...], pad: str) -> str:
    """A non-empty container of scalars at indentation ``pad``, by json's C encoder."""
    if _C_ENCODER is None:
        return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True).replace("\n", "\n" + pad)
    encoder = _FLAT.get(pad)
    if encoder is None:
        separator = ",\n" + pad + INDENT
        encoder = _FLAT[pad] = _C_ENCODER(
            None, _not_serializable, encode_basestring, None, ": ", separator, True, False, True
        )
    text = "".join(encoder(value, 0))
    return text[0] + "\n" + pad + INDENT + text[1:-1] + "\n" + pad + text[-1]


_KEYS: dict[object, str] = {}  # a key's text with its ": ", for the keys met first (ours are few)


def _key(key: object) -> str:
    text = _key_text(key) + ": "
    if type(key) is str and len(_KEYS) < 4096:  # only str keys: True and 1 are the same dict key
        _KEYS[key] = text
    return text


def _key_text(key: object) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if key is None or isinstance(key, bool):
        return '"' + _CONSTANTS[key] + '"'
    if isinstance(key, int):
        return '"' + int.__repr__(key) + '"'
    if isinstance(key, float):
        return '"' + _float(key) + '"'
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


_PENDING_PARTS = 1024  # pieces of text queued before they are written: a few dozen items


class JsonArrayStream:
    """An array written one item at a time inside a document that holds it.

    ``head`` is the document up to the array's first item (ending with the array's
    indentation), ``tail`` from the newline closing it; ``empty`` is the whole document for
    an array with no items, which json writes as ``[]`` on one line. ``finish`` takes the tail
    and the empty document as functions of the number of items, so a count written after
    the array (Web Annotation's ``total``) is known when it is needed.
    """

    def __init__(self, stream: BinaryIO, head: str, pad: str, escape: Callable[[str], str]) -> None:
        self.stream = stream
        self.head = head
        self.pad = pad
        self.escape = escape
        self.count = 0
        self._pending: list[str] = []

    def add(self, item: object) -> None:
        """Queue one item; what is queued is written every few dozen items and by ``flush``."""
        separator = (",\n" + self.pad) if self.count else self.head
        self._pending.append(separator)
        _emit(item, self._pending, self.pad)
        self.count += 1
        if len(self._pending) > _PENDING_PARTS:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self.stream.write(self.escape("".join(self._pending)).encode("utf-8"))
            self._pending.clear()

    def finish(self, tail: Callable[[int], str], empty: Callable[[], str]) -> int:
        """Close the array and the document; returns how many items were written."""
        self.flush()
        text = tail(self.count) if self.count else empty()
        self.stream.write(self.escape(text).encode("utf-8"))
        return self.count


def split_around(document: str, marker: str) -> tuple[str, str]:
    """``document`` (holding the JSON string ``marker`` once, as an array's only item) cut
    into the text before that item and the text after it."""
    head, found, tail = document.partition(encode_basestring(marker))
    if not found or encode_basestring(marker) in tail:
        raise ValueError("the marker must appear exactly once")
    return head, tail
