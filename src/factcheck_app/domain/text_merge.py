"""Three-way merge of a text two analysts edited at once.

On a team project Bea may save a rationale while Anna is still typing in the same one.
When their edits touch different words of the text they both started from (Bea added a
sentence in front, Anna one at the end), both belong in the result, as a version control
merge would do; refusing Anna's save with a conflict dialog, or keeping only one of the
two, loses work for nothing. When the edits touch the same words, or both insert at the
same place, there is no right answer: ``merge_texts`` returns None and the analyst
chooses in the conflict dialog.

The unit is the word (``word_diff.tokens``): a merge never splices half a word.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from factcheck_app.domain.word_diff import tokens

# (start, end) in the base's tokens and what replaces them.
_Hunk = tuple[int, int, list[str]]


def merge_texts(base: str, mine: str, theirs: str) -> str | None:
    """``base`` with both my and their changes, or None when the changes overlap."""
    if mine == theirs or theirs == base:
        return mine
    if mine == base:
        return theirs
    base_tokens = tokens(base)
    if "".join(base_tokens) != base:  # not all of it is tokens (cannot happen; never guess)
        return None
    my_hunks = _hunks(base_tokens, tokens(mine))
    their_hunks = _hunks(base_tokens, tokens(theirs))
    if _overlap(my_hunks, their_hunks):
        return None
    merged: list[str] = []
    position = 0
    for start, end, replacement in sorted(my_hunks + their_hunks, key=lambda hunk: (hunk[0], hunk[1])):
        merged.extend(base_tokens[position:start])
        merged.extend(replacement)
        position = end
    merged.extend(base_tokens[position:])
    return "".join(merged)


def _hunks(base: list[str], other: list[str]) -> list[_Hunk]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [(i1, i2, other[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"]


def _overlap(ours: list[_Hunk], theirs: list[_Hunk]) -> bool:
    """True when two hunks touch the same base tokens, or insert at the same place or beside
    each other's change (where the order of the two would be a guess)."""
    for a_start, a_end, _ in ours:
        for b_start, b_end, _ in theirs:
            if a_start <= b_end and b_start <= a_end:
                return True
    return False
