"""How good the suggestions are, measured against sentences a person labelled.

The labelled set (tests/data/checkworthy, format in its README) is read here so that the
benchmark and the quality test measure exactly the same way: each labelled sentence counts as
suggested when the scored sentence that overlaps it most scores at or above the threshold, so a
sentence boundary drawn a little differently by pysbd never loses or doubles a label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from factcheck_app.domain.suggestions import THRESHOLD, Suggestion, score_sentences


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    start: int
    end: int
    checkworthy: bool
    claimant: str  # "" when the sentence is in the article's own voice


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    name: str
    title: str
    topic: str
    split: str  # "dev" | "test"
    published: date | None
    text: str
    sentences: tuple[LabelledSentence, ...]


@dataclass(frozen=True, slots=True)
class Scores:
    sentences: int
    checkworthy: int
    true_positives: int
    false_positives: int
    false_negatives: int
    claimants_expected: int  # check-worthy sentences with a named claimant
    claimants_right: int
    claimants_spurious: int  # check-worthy sentences in the article's voice given a claimant anyway

    @property
    def precision(self) -> float:
        suggested = self.true_positives + self.false_positives
        return self.true_positives / suggested if suggested else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.checkworthy if self.checkworthy else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def claimant_accuracy(self) -> float:
        return self.claimants_right / self.claimants_expected if self.claimants_expected else 0.0


def parse_labelled(name: str, source: str) -> LabelledArticle:
    """One labelled article: ``key: value`` header, a blank line, then ``+``/``-`` sentence lines."""
    header, _, body = source.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
    paragraphs: list[list[tuple[bool, str, str]]] = [[]]
    for line in body.splitlines():
        line = line.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        mark, rest = line[0], line[1:].strip()
        if mark not in "+-":
            raise ValueError(f"{name}: a sentence line starts with + or -: {line!r}")
        claimant = ""
        if rest.startswith("["):
            claimant, _, rest = rest[1:].partition("] ")
        paragraphs[-1].append((mark == "+", claimant, rest))
    text_parts: list[str] = []
    labelled: list[LabelledSentence] = []
    offset = 0
    for paragraph in (p for p in paragraphs if p):
        if text_parts:
            text_parts.append("\n\n")
            offset += 2
        for index, (checkworthy, claimant, sentence) in enumerate(paragraph):
            if index:
                text_parts.append(" ")
                offset += 1
            labelled.append(LabelledSentence(offset, offset + len(sentence), checkworthy, claimant))
            text_parts.append(sentence)
            offset += len(sentence)
    published = meta.get("published")
    return LabelledArticle(
        name=name,
        title=meta.get("title", name),
        topic=meta.get("topic", ""),
        split=meta.get("split", "dev"),
        published=date.fromisoformat(published) if published else None,
        text="".join(text_parts),
        sentences=tuple(labelled),
    )


def same_claimant(found: str, expected: str) -> bool:
    """Equal names, ignoring case, punctuation and a leading "the"; a role before the name is fine
    ("Club chairman Martin Hale" is Martin Hale), a bare surname is not."""
    a, b = _name_words(found), _name_words(expected)
    if a == b:
        return bool(a)
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return len(shorter) >= 2 and longer[-len(shorter) :] == shorter


def _name_words(name: str) -> list[str]:
    words = ["".join(ch for ch in w.casefold() if ch.isalnum()) for w in name.split()]
    words = [w for w in words if w]
    return words[1:] if words[:1] == ["the"] else words


def best_overlap(suggestions: Sequence[Suggestion], start: int, end: int) -> Suggestion | None:
    best: Suggestion | None = None
    best_size = 0
    for suggestion in suggestions:
        size = min(end, suggestion.end) - max(start, suggestion.start)
        if size > best_size:
            best, best_size = suggestion, size
    return best


def evaluate(articles: Iterable[LabelledArticle], threshold: float = THRESHOLD) -> Scores:
    counts = dict.fromkeys(("n", "cw", "tp", "fp", "fn", "ce", "cr", "cs"), 0)
    for article in articles:
        scored = score_sentences(article.text, article_date=article.published)
        for label in article.sentences:
            match = best_overlap(scored, label.start, label.end)
            suggested = match is not None and match.score >= threshold
            counts["n"] += 1
            counts["cw"] += label.checkworthy
            counts["tp"] += suggested and label.checkworthy
            counts["fp"] += suggested and not label.checkworthy
            counts["fn"] += label.checkworthy and not suggested
            if label.checkworthy and match is not None:
                if label.claimant:
                    counts["ce"] += 1
                    counts["cr"] += same_claimant(match.claimant, label.claimant)
                elif match.claimant:
                    counts["cs"] += 1
    return Scores(
        counts["n"], counts["cw"], counts["tp"], counts["fp"], counts["fn"], counts["ce"], counts["cr"], counts["cs"]
    )
