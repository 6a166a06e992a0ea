"""Finding a claim's words again in a revised article — or saying honestly that we can't.

Order of trust, as in W3C Web Annotation / Hypothesis anchoring, but stricter: we never
attach a claim to a passage we are not sure of.

1. The exact quote. One occurrence: take it. Several: pick by prefix/suffix context,
   then by nearness to where the old position maps in the new text.
2. The passage the text diff says the old span became (diff-match-patch), or the best
   fuzzy alignment of the quote in the new text (rapidfuzz), whichever is closer to the
   quote. It is accepted above a similarity threshold where the diff maps the old
   passage; elsewhere only with near-identical words and surroundings. Then the claim
   is CHANGED (its words differ).
3. Otherwise ORPHANED: the claim keeps its old quote and no position.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_app.domain.anchors import (
    ANCHORED,
    CHANGED,
    CONTEXT_CHARS,
    MOVED,
    ORPHANED,
    Anchor,
    find_occurrences,
)

# Quote similarity (0..1) a changed passage needs to keep its claim.
FUZZY_THRESHOLD = 0.75
# A fuzzy passage away from where the diff maps the old one needs near-identical surroundings
# and words (a paragraph moved *and* edited); where the diff maps it, similar words suffice.
FAR_CONTEXT_THRESHOLD = 0.9
FAR_QUOTE_THRESHOLD = 0.85


@dataclass(frozen=True, slots=True)
class Reanchored:
    anchor: Anchor
    state: str
    score: float  # similarity of the found passage to the old quote, 1.0 for exact


def orphan(anchor: Anchor) -> Anchor:
    """An anchor with no position: keeps the quote and context to show and re-attach."""
    return Anchor(0, 0, anchor.exact, anchor.prefix, anchor.suffix)


def _similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _word_similarity(a: str, b: str) -> float:
    """Similarity of the word sequences: 'w1x w2x' and 'w71x w72x' share no word at all,
    however alike their letters are."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a.split(), b.split())


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the words around a candidate match the claim's old prefix and suffix."""
    prefix = text[max(0, start - CONTEXT_CHARS) : start]
    suffix = text[end : end + CONTEXT_CHARS]
    # Compare the parts nearest the quote: a prefix cut short at the article start still counts.
    n_pre = min(len(prefix), len(anchor.prefix))
    n_suf = min(len(suffix), len(anchor.suffix))
    pre = _similarity(anchor.prefix[len(anchor.prefix) - n_pre :], prefix[len(prefix) - n_pre :]) if n_pre else 1.0
    suf = _similarity(anchor.suffix[:n_suf], suffix[:n_suf]) if n_suf else 1.0
    return (pre + suf) / 2


def _far_context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """Word-level agreement of the surroundings; a side with no context proves nothing."""
    prefix = text[max(0, start - CONTEXT_CHARS) : start]
    suffix = text[end : end + CONTEXT_CHARS]
    scores = []
    if anchor.prefix.strip() and prefix.strip():
        scores.append(_word_similarity(anchor.prefix.split(" ", 1)[-1], prefix.split(" ", 1)[-1]))
    if anchor.suffix.strip() and suffix.strip():
        scores.append(_word_similarity(anchor.suffix.rsplit(" ", 1)[0], suffix.rsplit(" ", 1)[0]))
    return sum(scores) / len(scores) if scores else 0.0


def _widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Reanchorer:
    """Re-anchors claims from one version of an article onto the next.

    The text diff is computed once per pair of versions and reused for every claim.
    """

    def __init__(self, old_text: str, new_text: str, *, diff_timeout: float = 2.0) -> None:
        from diff_match_patch import diff_match_patch

        self.old_text = old_text
        self.new_text = new_text
        self._dmp = diff_match_patch()
        self._dmp.Diff_Timeout = diff_timeout
        self._diffs = self._dmp.diff_main(old_text, new_text, False)
        self._dmp.diff_cleanupSemantic(self._diffs)

    def map_position(self, old_offset: int) -> int:
        """Where an old offset lands in the new text, by the diff."""
        return self._dmp.diff_xIndex(self._diffs, old_offset)

    def reanchor(self, anchor: Anchor) -> Reanchored:
        text = self.new_text
        expected = self.map_position(anchor.start)
        hits = find_occurrences(text, anchor.exact)
        if hits:
            best = self._pick_exact(anchor, hits, expected)
            new = Anchor(
                best,
                best + len(anchor.exact),
                anchor.exact,
                text[max(0, best - CONTEXT_CHARS) : best],
                text[best + len(anchor.exact) : best + len(anchor.exact) + CONTEXT_CHARS],
            )
            return Reanchored(new, ANCHORED if best == anchor.start else MOVED, 1.0)
        return self._fuzzy(anchor, expected)

    def _pick_exact(self, anchor: Anchor, hits: list[int], expected: int) -> int:
        if len(hits) == 1:
            return hits[0]
        size = max(1, len(self.new_text))

        def score(start: int) -> tuple[float, float]:
            context = _context_score(anchor, self.new_text, start, start + len(anchor.exact))
            nearness = 1.0 - min(1.0, abs(start - expected) / size)
            return (round(context, 2), nearness)

        return max(hits, key=score)

    def _fuzzy(self, anchor: Anchor, expected: int) -> Reanchored:
        from rapidfuzz import fuzz

        text = self.new_text
        candidates: list[tuple[int, int]] = []
        mapped_end = self.map_position(anchor.end)
        if mapped_end > expected:
            candidates.append((expected, mapped_end))
        alignment = fuzz.partial_ratio_alignment(anchor.exact, text)
        if alignment is not None and alignment.dest_end > alignment.dest_start:
            candidates.append((alignment.dest_start, alignment.dest_end))
        best: Reanchored | None = None
        for raw_start, raw_end in candidates:
            start, end = _widen_to_words(text, raw_start, raw_end)
            if end <= start:
                continue
            similarity = _similarity(anchor.exact, text[start:end])
            if similarity < FUZZY_THRESHOLD:
                continue
            # "near" = overlapping the span the diff says the old quote became
            near_diff = start < mapped_end and end > expected
            if not near_diff and (
                _word_similarity(anchor.exact, text[start:end]) < FAR_QUOTE_THRESHOLD
                or _far_context_score(anchor, text, start, end) < FAR_CONTEXT_THRESHOLD
            ):
                continue  # similar words, but somewhere else: not our passage
            if best is None or similarity > best.score:
                new = Anchor(
                    start,
                    end,
                    text[start:end],
                    text[max(0, start - CONTEXT_CHARS) : start],
                    text[end : end + CONTEXT_CHARS],
                )
                best = Reanchored(new, CHANGED, similarity)
        return best or Reanchored(orphan(anchor), ORPHANED, 0.0)


def text_diff(old_text: str, new_text: str) -> list[tuple[int, str]]:
    """Human-readable differences: (-1 removed | 0 same | 1 added, text), word-aligned."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    diffs = dmp.diff_main(old_text, new_text)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, text) for op, text in diffs]
