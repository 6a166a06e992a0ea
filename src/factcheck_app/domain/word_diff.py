"""The wording that was checked beside the new wording, word by word.

A character diff of "open in March" and "open in April" shows "M-a+A-r+p-c+r-h+il":
true, and useless to an editor. Words are the unit a reader compares, so both wordings
are split into words, spaces and punctuation, and the diff runs on those tokens.
"""

from __future__ import annotations

import re

DELETE, EQUAL, INSERT = -1, 0, 1

_W = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u200d]"  # word chars and combining marks
_TOKEN = re.compile(rf"{_W}+(?:[-'’.,]{_W}+)*|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words (with inner hyphens, apostrophes and decimal points), runs of space, single signs."""
    return _TOKEN.findall(text)


def _code(index: int) -> str:
    # Private-use planes first, then past them: any code point will do but surrogates.
    return chr(0xE000 + index) if index < 0x1900 else chr(0xF0000 + index - 0x1900)


def word_diff(checked: str, current: str) -> list[tuple[int, str]]:
    """Segments ``(op, text)`` — DELETE: only in the checked wording, INSERT: only in the
    current one, EQUAL: in both — whose texts rebuild both wordings in order."""
    from diff_match_patch import diff_match_patch

    table: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokens(text):
            if token not in table:
                table[token] = _code(len(words))
                words.append(token)
            out.append(table[token])
        return "".join(out)

    a, b = encode(checked), encode(current)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    decode = {code: word for word, code in table.items()}
    segments: list[tuple[int, str]] = []
    for op, chunk in diffs:
        text = "".join(decode[c] for c in chunk)
        if segments and segments[-1][0] == op:
            segments[-1] = (op, segments[-1][1] + text)
        elif text:
            segments.append((op, text))
    return segments


def checked_wording(segments: list[tuple[int, str]]) -> str:
    return "".join(text for op, text in segments if op != INSERT)


def current_wording(segments: list[tuple[int, str]]) -> str:
    return "".join(text for op, text in segments if op != DELETE)
