"""Finding a claim's words again in a revised article — or saying honestly that we can't.

The claim sits on one *occurrence* of its quote in the old text. A quote may occur
several times (a repeated sentence, a stock phrase); the others belong to other words
of the article, and a claim must never move onto them. So:

1. Count the quote's occurrences in the old text and decide which one is ours (the one
   at the claim's offsets; with stale offsets, the one context and position single out).
2. Map every old occurrence through a character diff of the two versions. An occurrence
   the diff keeps whole has an *image* in the new text. Ours survived: take its image
   (exact, or moved). Another's image is never a candidate for our claim.
3. Ours did not survive: the same words elsewhere count only if they are new text (a
   paragraph moved: deleted here, inserted there) and context and position agree
   unambiguously. The same with spacing ignored (PDF text layers, re-extracted text).
4. Otherwise look for the edited passage at the place the diff maps our old words to
   (fuzzy alignment, widened to whole words where the text has word boundaries): the
   claim is CHANGED, with a similarity. A look-alike passage elsewhere is accepted only
   if it is new text, near-identical in words and surroundings (a paragraph moved *and*
   edited), and never if it is the image of other old words.
5. Otherwise ORPHANED: the claim keeps its old quote and no position.

When the old text is unknown (``old_text=None``: a quote typed in, a selector from
elsewhere) the same steps run without a diff, with the claim's offset as a position hint.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from factcheck_app.domain.anchors import (
    ANCHORED,
    CHANGED,
    CONTEXT_CHARS,
    MOVED,
    ORPHANED,
    Anchor,
    Confidence,
    MatchLevel,
    find_occurrences,
)
from factcheck_app.domain.text_units import Squeezed, is_word_char, squeeze

# Quote similarity (0..1) a changed passage needs to keep its claim.
FUZZY_THRESHOLD = 0.75
# A fuzzy passage away from where the diff maps the old one needs near-identical surroundings
# and words (a paragraph moved *and* edited); where the diff maps it, similar words suffice.
FAR_CONTEXT_THRESHOLD = 0.9
FAR_QUOTE_THRESHOLD = 0.85
# Context agreement a candidate needs, and the lead it needs over the next one to be unambiguous.
CONTEXT_FLOOR = 0.5
CONTEXT_MARGIN = 0.1
STRONG_CONTEXT_MARGIN = 0.25
# Widening a cut word stops here: beyond, the text has no word boundaries (CJK, glued PDF text).
WIDEN_LIMIT = 24
# Characters between a candidate and its context that the context comparison may skip.
GAP_LIMIT = 6
# Passages this close in similarity are a tie, for position to break.
TIE_MARGIN = 0.02
# Share of a changed passage that may be the image of old words other than the claim's.
FOREIGN_SHARE = 0.5
# A quote found more often than this in a text is placed by position alone: only the candidates
# nearest to where the diff puts it are weighed. Without the bound a quote like "a" in a
# megabyte of "a a a …" weighed half a million candidates pairwise (minutes, issue 21).
MAX_CANDIDATES = 200


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Reanchored:
    anchor: Anchor
    state: str
    score: float  # similarity of the found passage to the old quote, 1.0 for exact
    confidence: Confidence


def orphan(anchor: Anchor) -> Anchor:
    """An anchor with no position: keeps the quote and context to show and re-attach."""
    return Anchor(0, 0, anchor.exact, anchor.prefix, anchor.suffix)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _similarity(a: str, b: str) -> float:
    """Character similarity of two wordings, spacing aside."""
    from rapidfuzz import fuzz

    a, b = _normal(a), _normal(b)
    if a == b or squeeze(a) == squeeze(b):
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _word_similarity(a: str, b: str) -> float:
    """Similarity of the word sequences: 'w1x w2x' and 'w71x w72x' share no word at all,
    however alike their letters are."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(a.split(), b.split())


def _close_enough(quote: str, found: str) -> bool:
    """A changed passage is similar enough to be the claim's words, edited.

    Short quotes (one or two words) allow few edits: 'foouur' is not 'four', and 'that
    berry' is not 'the very', whatever the ratio says.
    """
    from rapidfuzz.distance import Levenshtein

    if _similarity(quote, found) < FUZZY_THRESHOLD:
        return False
    a, b = _normal(quote), _normal(found)
    if len(a.split()) < 3:
        return Levenshtein.distance(a, b) <= max(1, len(a) // 4)
    return True


def _affix_similarity(expected: str, actual: str, *, before: bool) -> float | None:
    """How well the text beside a candidate matches the claim's stored prefix or suffix.

    Spacing is ignored and the comparison is anchored at the candidate (the prefix's end
    against the text just before it): context elsewhere in the window proves nothing.
    None when either side is empty (start or end of the text, or no stored context).
    """
    from rapidfuzz.distance import Levenshtein

    e, a = squeeze(expected), squeeze(actual)
    if not e or not a:
        return None
    if len(a) < len(e):  # the article starts (or ends) within the old context: compare what is there
        e = e[-len(a) :] if before else e[: len(a)]
    n = len(e)
    slack = max(2, n // 2)
    best = float(n)
    # A few characters inserted right beside the claim (a gap) cost half an edit each.
    for gap in range(min(GAP_LIMIT, len(a) - 1) + 1):
        near = a[: len(a) - gap] if before else a[gap:]
        for k in range(max(1, n - slack), min(len(near), n + slack) + 1):
            piece = near[-k:] if before else near[:k]
            best = min(best, Levenshtein.distance(e, piece) + gap / 2)
    return max(0.0, 1.0 - best / n)


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float | None:
    """Agreement of a candidate's surroundings with the claim's prefix and suffix (None: no evidence)."""
    window = 2 * CONTEXT_CHARS
    scores = [
        s
        for s in (
            _affix_similarity(anchor.prefix, text[max(0, start - window) : start], before=True),
            _affix_similarity(anchor.suffix, text[end : end + window], before=False),
        )
        if s is not None
    ]
    return sum(scores) / len(scores) if scores else None


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


def _edge_word(quote: str, *, first: bool) -> str:
    words = quote.split()
    if not words:
        return ""
    word = words[0] if first else words[-1]
    if first:
        n = 0
        while n < len(word) and is_word_char(word[n]):
            n += 1
        return word[:n]
    n = len(word)
    while n > 0 and is_word_char(word[n - 1]):
        n -= 1
    return word[n:]


def _trim(text: str, start: int, end: int) -> Span:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _widen_to_words(text: str, start: int, end: int, quote: str) -> Span:
    """Widen a span that cuts a word to the whole word — where the text has word boundaries.

    A side is left alone when the span already starts (ends) with the quote's own first
    (last) word: in 'thatNetherfield Park' a text layer lost a space, and 'that' is not
    ours. Widening also gives up after WIDEN_LIMIT characters without a boundary.
    """
    start, end = _trim(text, max(0, start), min(len(text), end))
    if start >= end:
        return start, end
    first, last = _edge_word(quote, first=True), _edge_word(quote, first=False)
    cuts_start = start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start])
    if cuts_start and not (first and text.startswith(first, start)):
        s = start
        while s > 0 and is_word_char(text[s - 1]) and start - s < WIDEN_LIMIT:
            s -= 1
        if s == 0 or not is_word_char(text[s - 1]):
            start = s
    cuts_end = end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end])
    if cuts_end and not (last and text[:end].endswith(last)):
        e = end
        while e < len(text) and is_word_char(text[e]) and e - end < WIDEN_LIMIT:
            e += 1
        if e == len(text) or not is_word_char(text[e]):
            end = e
    return start, end


class _DiffMap:
    """What a character diff says about old and new offsets, built once per pair of texts."""

    def __init__(self, old_text: str, new_text: str, timeout: float) -> None:
        from diff_match_patch import diff_match_patch

        self._dmp = diff_match_patch()
        self._dmp.Diff_Timeout = timeout
        # NOTE: no semantic cleanup here. It trades precision for readability (it turns
        # small equalities between edits into delete + insert), and an occurrence swept
        # into such a block would look edited while its words are all still there.
        self._diffs = self._dmp.diff_main(old_text, new_text, False)
        self.old_starts: list[int] = []
        self.new_starts: list[int] = []
        self.lengths: list[int] = []
        old = new = 0
        for op, chunk in self._diffs:
            if op == 0:
                self.old_starts.append(old)
                self.new_starts.append(new)
                self.lengths.append(len(chunk))
            if op <= 0:
                old += len(chunk)
            if op >= 0:
                new += len(chunk)

    def map(self, old_offset: int) -> int:
        return int(self._dmp.diff_xIndex(self._diffs, old_offset))

    def image(self, start: int, end: int) -> int | None:
        """Where the old span lands if the diff keeps it whole (inside one equality), else None."""
        i = bisect_right(self.old_starts, start) - 1
        if i < 0 or end > self.old_starts[i] + self.lengths[i]:
            return None
        return self.new_starts[i] + (start - self.old_starts[i])

    def foreign(self, start: int, end: int, own: Span | None) -> int:
        """How many characters of new ``[start, end)`` are images of old text outside ``own``."""
        count = 0
        i = max(0, bisect_right(self.new_starts, start) - 1)
        while i < len(self.new_starts) and self.new_starts[i] < end:
            n0, o0, length = self.new_starts[i], self.old_starts[i], self.lengths[i]
            lo, hi = max(start, n0), min(end, n0 + length)
            if lo < hi:
                olo, ohi = o0 + (lo - n0), o0 + (hi - n0)
                if own is not None:  # the claim's own old words, seen in the new text, are not foreign
                    count += max(0, min(ohi, own[0]) - olo) + max(0, ohi - max(olo, own[1]))
                else:
                    count += hi - lo
            i += 1
        return count


@dataclass(frozen=True, slots=True)
class _Own:
    """Our occurrence in the old text, and where the diff puts it in the new one."""

    start: int | None  # None: the old text cannot tell which occurrence (or none) is ours
    mapped: Span | None  # where the diff maps our old span (or the position hint)


class Reanchorer:
    """Re-anchors claims from one version of an article onto the next.

    The text diff is computed once per pair of versions and reused for every claim.
    ``old_text=None`` finds quotes in ``new_text`` alone (no diff; offsets are a hint).
    """

    def __init__(self, old_text: str | None, new_text: str, *, diff_timeout: float = 2.0) -> None:
        self.old_text = old_text
        self.new_text = new_text
        self._diff = _DiffMap(old_text, new_text, diff_timeout) if old_text is not None else None

    @cached_property
    def _squeezed(self) -> Squeezed:
        return Squeezed(self.new_text)

    def map_position(self, old_offset: int) -> int:
        """Where an old offset lands in the new text, by the diff."""
        if self._diff is None:
            return max(0, min(old_offset, len(self.new_text)))
        return max(0, min(self._diff.map(max(0, old_offset)), len(self.new_text)))

    # -- the steps ---------------------------------------------------------------------

    def reanchor(self, anchor: Anchor) -> Reanchored:
        quote = anchor.exact
        if not quote.strip() or not self.new_text.strip():
            return _orphaned(anchor)
        length = len(quote)
        old_hits = find_occurrences(self.old_text, quote) if self.old_text is not None else []
        own = self._own(anchor, old_hits)
        others: list[Span] = []  # images of the other old occurrences: never ours
        if self._diff is not None:
            for hit in old_hits:
                image = self._diff.image(hit, hit + length)
                if image is None:
                    continue
                if hit == own.start:
                    return self._found(anchor, image, image + length, "diff")
                others.append((image, image + length))

        other_starts = sorted(start for start, _end in others)

        def free(span: Span) -> bool:
            # Every image has the quote's length: one overlaps ``span`` iff it starts in
            # (span start - length, span end). Two bisections instead of a scan of all images.
            return bisect_right(other_starts, span[0] - length) >= bisect_left(other_starts, span[1])

        fresh = [(p, p + length) for p in find_occurrences(self.new_text, quote)]
        picked = self._choose(anchor, [s for s in fresh if free(s)], own)
        if picked is not None:
            return self._found(anchor, picked[0][0], picked[0][1], picked[1])
        exact_hits = set(fresh)
        spaced = [s for s in self._squeezed.find_all(quote) if free(s) and s not in exact_hits]
        picked = self._choose(anchor, spaced, own)
        if picked is not None:
            return self._found(anchor, picked[0][0], picked[0][1], "spacing")
        return self._fuzzy(anchor, own, free)

    def _own(self, anchor: Anchor, old_hits: list[int]) -> _Own:
        """Which old occurrence is the claim's, and where the diff maps it."""
        positioned = anchor.end > anchor.start  # an orphan (0, 0) has no position to go by
        start: int | None = None
        if anchor.start in old_hits and positioned:
            start = anchor.start
        elif len(old_hits) == 1:
            start = old_hits[0]
        elif old_hits and self.old_text is not None:
            hint = (anchor.start, anchor.end) if positioned else None
            spans = [(h, h + len(anchor.exact)) for h in old_hits]
            picked = _pick(anchor, self.old_text, spans, hint)
            start = picked[0][0] if picked is not None else None
        if start is not None:
            end = start + len(anchor.exact)
            return _Own(start, (self.map_position(start), self.map_position(end)))
        if not positioned:
            return _Own(None, None)
        if self._diff is None:  # a quote with an offset hint
            hint_start = self.map_position(anchor.start)
            return _Own(None, (hint_start, self.map_position(anchor.end)))
        # Offsets not on the quote in the old text: where they map is a weak hint at best.
        return _Own(None, (self.map_position(anchor.start), self.map_position(anchor.end)))

    def _choose(self, anchor: Anchor, spans: list[Span], own: _Own) -> tuple[Span, str] | None:
        """Same words elsewhere: only new text (never another occurrence's image), unambiguous."""
        if not spans:
            return None
        spans = _nearest_few(spans, own.mapped)
        if self._diff is not None:
            # Text the diff carries over from old text was other words in the old version.
            own_span = (own.start, own.start + len(anchor.exact)) if own.start is not None else None
            spans = [s for s in spans if self._diff.foreign(s[0], s[1], own_span) * 2 <= s[1] - s[0]]
        return _pick(anchor, self.new_text, spans, own.mapped)

    def _found(self, anchor: Anchor, start: int, end: int, method: str) -> Reanchored:
        text = self.new_text
        new = _anchor_at(text, start, end)
        if new.exact == anchor.exact:
            if start == anchor.start:
                return Reanchored(new, ANCHORED, 1.0, Confidence(MatchLevel.EXACT, 1.0, method))
            return Reanchored(new, MOVED, 1.0, Confidence(MatchLevel.MOVED, 1.0, method))
        similarity = round(_similarity(anchor.exact, new.exact), 3)
        return Reanchored(new, CHANGED, similarity, Confidence(MatchLevel.CHANGED, similarity, method))

    def _fuzzy(self, anchor: Anchor, own: _Own, free: Callable[[Span], bool]) -> Reanchored:
        """The claim's passage, edited: near where the diff maps it, or (strictly) elsewhere."""
        text, quote = self.new_text, anchor.exact
        own_span = (own.start, own.start + len(quote)) if own.start is not None else None
        raw: list[Span] = []
        near_lo = near_hi = -1
        if own.mapped is not None:
            lo, hi = own.mapped
            near_lo, near_hi = lo, max(lo, hi)
            if hi > lo:
                raw.append((lo, hi))
            raw += self._alignments(quote, max(0, lo - len(quote)), min(len(text), near_hi + len(quote)))
        raw += self._alignments(quote, 0, len(text))

        found: dict[Span, tuple[float, bool]] = {}  # span -> (similarity, near the mapped place)
        for raw_start, raw_end in raw:
            span = self._fuzzy_span(quote, raw_start, raw_end)
            if span is None or span in found or not free(span):
                continue
            start, end = span
            near = own.mapped is not None and start <= near_hi and end >= near_lo
            if self._diff is not None:
                foreign = self._diff.foreign(start, end, own_span)
                if own_span is None or not near:
                    # Unknown or far away: only new text can be our edited words.
                    if foreign * 5 > end - start:
                        continue
                elif foreign > FOREIGN_SHARE * (end - start):
                    continue  # mostly the image of other old words: not ours
                if not near and not self._far_ok(anchor, start, end):
                    continue
            found[span] = (_similarity(quote, text[start:end]), near)
        if any(near for _, near in found.values()):
            found = {span: v for span, v in found.items() if v[1]}
        picked = self._best(anchor, found, own.mapped)
        if picked is None:
            return _orphaned(anchor)
        return self._found(anchor, picked[0], picked[1], "fuzzy")

    def _best(self, anchor: Anchor, found: dict[Span, tuple[float, bool]], hint: Span | None) -> Span | None:
        """The most similar passage, if no other passage comes close — or position decides."""
        if not found:
            return None
        ranked = sorted(found, key=lambda span: found[span][0], reverse=True)
        top = found[ranked[0]][0]
        # With a position to go by, near-equal passages are told apart by it; without, a
        # rival within the margin makes the choice a guess.
        margin = TIE_MARGIN if hint is not None else CONTEXT_MARGIN
        rivals: list[Span] = []
        for span in ranked:
            if top - found[span][0] > margin:
                break
            if not any(span[0] < r[1] and r[0] < span[1] for r in rivals):
                rivals.append(span)
        if len(rivals) == 1:
            return rivals[0]
        return _nearest(rivals, hint, len(anchor.exact))

    def _alignments(self, quote: str, lo: int, hi: int) -> list[Span]:
        """The best alignment of the quote in ``text[lo:hi]``, and the best on either side of it."""
        from rapidfuzz import fuzz

        text = self.new_text
        spans: list[Span] = []
        regions = [(lo, hi)]
        for depth in range(2):
            next_regions = []
            for r_lo, r_hi in regions:
                if r_hi - r_lo < max(1, len(quote) // 2):
                    continue
                alignment = fuzz.partial_ratio_alignment(quote, text[r_lo:r_hi])
                if alignment is None or alignment.dest_end <= alignment.dest_start:
                    continue
                a_lo, a_hi = r_lo + alignment.dest_start, r_lo + alignment.dest_end
                spans.append(self._refine(quote, a_lo, a_hi))
                if depth == 0:
                    next_regions += [(r_lo, a_lo), (a_hi, r_hi)]
            regions = next_regions
        return spans

    def _refine(self, quote: str, start: int, end: int) -> Span:
        """Nudge an alignment's ends to where the passage is most similar to the quote."""
        from rapidfuzz import fuzz

        text, reach = self.new_text, max(2, min(8, len(quote) // 4))
        target = _normal(quote)

        def score(s: int, e: int) -> float:
            return float(fuzz.ratio(target, _normal(text[s:e]))) if e > s else -1.0

        best = score(start, end)
        for s in range(max(0, start - reach), min(end, start + reach + 1)):
            if score(s, end) > best:
                best, start = score(s, end), s
        for e in range(max(start + 1, end - reach), min(len(text), end + reach) + 1):
            if score(start, e) > best:
                best, end = score(start, e), e
        return start, end

    def _fuzzy_span(self, quote: str, start: int, end: int) -> Span | None:
        """The candidate widened to whole words if that keeps it similar, else as aligned."""
        text = self.new_text
        for s, e in (_widen_to_words(text, start, end, quote), _trim(text, start, end)):
            if e > s and _close_enough(quote, text[s:e]):
                return s, e
        return None

    def _far_ok(self, anchor: Anchor, start: int, end: int) -> bool:
        """A passage away from the mapped place: near-identical words and surroundings."""
        found = self.new_text[start:end]
        return (
            _word_similarity(anchor.exact, found) >= FAR_QUOTE_THRESHOLD
            and _far_context_score(anchor, self.new_text, start, end) >= FAR_CONTEXT_THRESHOLD
        )


def _nearest(spans: list[Span], hint: Span | None, length: int) -> Span | None:
    """The span nearest the hint, when position says so unambiguously: strictly nearer than
    any other, and either within the quote's length of the hint or half as far as the next."""
    if hint is None or not spans:
        return None
    ranked = sorted(spans, key=lambda span: abs(span[0] - hint[0]))
    if len(ranked) == 1:
        return ranked[0]
    d1, d2 = abs(ranked[0][0] - hint[0]), abs(ranked[1][0] - hint[0])
    if d1 < d2 and (d1 <= length or d1 * 2 < d2):
        return ranked[0]
    return None


def _nearest_few(spans: list[Span], hint: Span | None) -> list[Span]:
    """At most MAX_CANDIDATES spans: the nearest to ``hint``; none when there is no hint to go by
    (so many equal candidates cannot be told apart by context: the claim is not guessed)."""
    if len(spans) <= MAX_CANDIDATES:
        return spans
    if hint is None:
        return []
    return sorted(sorted(spans, key=lambda span: abs(span[0] - hint[0]))[:MAX_CANDIDATES])


def _pick(anchor: Anchor, text: str, spans: list[Span], hint: Span | None) -> tuple[Span, str] | None:
    """One of several candidate spans, when context and position single it out; else None."""
    spans = _nearest_few(spans, hint)
    if not spans:
        return None
    scored = [(_context_score(anchor, text, s, e), (s, e)) for s, e in spans]

    def distance(span: Span) -> int:
        assert hint is not None
        return abs(span[0] - hint[0])

    def nearest(candidates: list[Span]) -> Span | None:
        return _nearest(candidates, hint, len(anchor.exact))

    if len(scored) == 1:
        context, span = scored[0]
        near = hint is not None and distance(span) <= max(len(anchor.exact), 2 * CONTEXT_CHARS)
        if context is None or context >= CONTEXT_FLOOR or near:
            return span, "context" if context is not None and context >= CONTEXT_FLOOR else "position"
        return None
    known = [(c, s) for c, s in scored if c is not None]
    if not known:  # no context anywhere: position alone
        found = nearest([s for _, s in scored])
        return (found, "position") if found is not None else None
    known.sort(key=lambda cs: cs[0], reverse=True)
    best_context, best = known[0]
    second = known[1][0] if len(known) > 1 else 0.0
    if best_context >= CONTEXT_FLOOR and best_context - second >= CONTEXT_MARGIN:
        close = nearest([s for _, s in scored])
        if hint is None or close is None or close == best or best_context - second >= STRONG_CONTEXT_MARGIN:
            return best, "context"
        return None
    tied = [s for c, s in known if best_context - c < CONTEXT_MARGIN]
    found = nearest(tied) if best_context >= CONTEXT_FLOOR else None
    return (found, "position") if found is not None else None


def _anchor_at(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


def _orphaned(anchor: Anchor) -> Reanchored:
    return Reanchored(orphan(anchor), ORPHANED, 0.0, Confidence(MatchLevel.ORPHANED, 0.0, "none"))


def locate_quote(text: str, exact: str, *, prefix: str = "", suffix: str = "", hint: int | None = None) -> Reanchored:
    """Find a quote (with optional context and position hint) in a text, with no older version to diff.

    The peers' TextQuoteSelector case: the answer is a single passage, or an orphan when
    the text cannot say which passage is meant.
    """
    start = hint if hint is not None else 0
    end = start + len(exact) if hint is not None else 0
    return Reanchorer(None, text).reanchor(Anchor(start, end, exact, prefix, suffix))


def text_diff(old_text: str, new_text: str) -> list[tuple[int, str]]:
    """Human-readable differences: (-1 removed | 0 same | 1 added, text), word-aligned."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    diffs = dmp.diff_main(old_text, new_text)
    dmp.diff_cleanupSemantic(diffs)
    return [(op, text) for op, text in diffs]
