"""Sentences worth checking, with the reasons why: an explainable, offline check-worthiness model.

In the spirit of Full Fact's PASTEL: a fixed set of named questions about a sentence ("does it
hold a statistic?", "is it attributed?", "is it hedged?"), each a precompiled pattern, combined
by a hand-set weighting into a score between 0 and 1. Nothing is downloaded and nothing leaves
the machine; every suggestion can say which features made it ("a statistic + a comparison,
attributed to Mayor Elena Ruiz").

The weights were set on the development half of the labelled set in tests/data/checkworthy
and measured on the held-out half (``benchmarks/suggestions.py`` prints both).

Adding a language: give ``FEATURES`` patterns for it (same names and weights), speech verbs and
document nouns in domain/claimants.py, and a pysbd language code for domain/sentences.py.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck_app.domain.claimants import Attribution

# NOTE: domain.claimants (its patterns compile on import) and domain.sentences (pysbd) are
# imported where a text is scored, not here: the window imports this module for the
# ``Suggestion`` type alone and paints ~40 ms sooner without them.

#: Score at or above which a sentence is suggested (chosen on the development half only).
THRESHOLD = 0.5
#: Raise it whenever the model finds other sentences, claimants or spans for the same text
#: (claimant patterns, sentence splitting, pysbd's version): stored suggestions made by an
#: earlier model are then computed again. A change to ``FEATURES``, ``THRESHOLD`` or ``BIAS``
#: is noticed without it (see ``model_version``).
MODEL_VERSION = 1
#: The score of a sentence with no feature at all (the logistic model's intercept).
BIAS = -2.0


@dataclass(frozen=True, slots=True)
class Feature:
    """One named question about a sentence. It is present when any of its cues is found."""

    name: str
    description: str  # what the question asks, for the documentation and the "why" tooltip
    phrase: str  # how the reason reads in an explanation: "a statistic"
    weight: float  # added to the log-odds when the feature is present (negative lowers the score)
    words: frozenset[str] = frozenset()  # lower-case words
    phrases: frozenset[tuple[str, ...]] = frozenset()  # runs of two or three lower-case words
    suffixes: tuple[str, ...] = ()  # word endings ("-est" superlatives, "-fold")
    pattern: re.Pattern[str] | None = None  # characters words cannot express: "%", "$4", "2,360"


def _w(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _p(phrases: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(phrase.split()) for phrase in phrases.split("|"))


_COUNTS = "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred"

#: The English feature set: name → description → weight (and the cues that detect it).
FEATURES: tuple[Feature, ...] = (
    Feature(
        "statistic",
        "a percentage, an amount of money, a rate, a fraction or a large count",
        "a statistic",
        2.2,
        words=_w("percent percentage million billion trillion bn twice doubled tripled trebled quadrupled halved")
        | _w("dozens hundreds thousands millions"),
        phrases=_p("per cent|a third|a quarter|a half|a fifth|two thirds|half of|one in|nine out|out of ten"),
        suffixes=("fold",),
        pattern=re.compile(r"\d\s?%|[$£€¥]\s?\d|\d,\d\d\d"),
    ),
    Feature(
        "quantity",
        "any other number (not a year)",
        "a number",
        1.0,
        words=_w(_COUNTS),
    ),
    Feature(
        "comparison",
        "a comparison or superlative: more than, fewer, the highest, a record, compared with, below average",
        "a comparison",
        1.4,
        words=_w("more less fewer higher lower larger smaller bigger faster slower cheaper worse better greater")
        | _w("most least record compared than below above rank ranks average only"),
        phrases=_p("up from|down from|as many|as much|since the|first time"),
        suffixes=("est",),
    ),
    Feature(
        "change",
        "a rise, fall or other change over time",
        "a change",
        1.2,
        words=_w("rose risen rise rising fell fallen fall falling increase increased increases increasing decrease")
        | _w("decreased decline declined dropped drop grew grown growth cut cuts reduce reduced reducing raised")
        | _w("lost gained soar soared jumped slumped doubled tripled halved surge surged plunged climbed shrank")
        | _w("recovered saved saves"),
    ),
    Feature(
        "causal",
        "a cause and effect: caused, because of, due to, led to, linked to, the result of",
        "a cause and effect",
        1.2,
        words=_w("cause causes caused causing because blame blamed prevent prevents prevented preventing effective"),
        phrases=_p("due to|led to|lead to|leads to|result of|result in|resulted in|linked to|driven by|thanks to")
        | _p("responsible for|pay for itself"),
    ),
    Feature(
        "attribution",
        "words attributed to a named person or organisation (said, told, according to, a quote and its speaker)",
        "attributed",
        0.9,
    ),
    Feature(
        "document",
        "a reference to a document, law, record or data: a report, an audit, figures, a bill, records show",
        "a document or record",
        1.2,
        words=_w("law laws act bill legislation regulation regulations rule rules require requires report audit")
        | _w("record records minutes figures data statistics study studies survey poll accounts register document")
        | _w("documents budget bulletin review published official court licence license contract signed approved")
        | _w("passed declared list lists show shows found"),
        phrases=_p("voted for|voted against"),
    ),
    Feature(
        "date",
        "a date or period: a year, a month, since, in the year to",
        "a date",
        0.6,
        words=_w("since decade decades"),
        phrases=_p("last year|this year"),
    ),
    Feature(
        "prediction",
        "a prediction or promise: will, would, promised, predicted, expects, by 2030, within two years",
        "a prediction or promise",
        1.0,
        words=_w("will would promise promised promises pledge pledged predict predicted forecast forecasts expect")
        | _w("expects expected warned"),
        phrases=_p("plans to|plan to|going to|by the|within two|within four|within five|within ten"),
    ),
    Feature(
        "hedge",
        "a hedge that leaves nothing firm to check: perhaps, maybe, might, I think, remains to be seen",
        "hedged",
        -1.2,
        words=_w("perhaps maybe might possibly probably seem seems unclear suggest"),
        phrases=_p("appears to|appear to|i think|i believe|i feel|i guess|remains to be|not clear|hard to"),
    ),
    Feature(
        "opinion",
        "opinion, feeling or a call to act: should, must, urged, deserves, happy, disappointed, a question",
        "opinion",
        -1.6,
        words=_w("should must urge urged deserve deserves want wants hope hopes hoped happy happier proud sad angry")
        | _w("disappointed heartbreaking relieved great terrible wonderful welcome welcomed welcomes cheerful")
        | _w("believe feel feels felt love hate thanked praised i me my blunt nervous"),
        phrases=_p("need to|call for|calls for|called for|stand by"),
        pattern=re.compile(r"[?!]"),
    ),
    Feature(
        "routine",
        "routine detail of the story's own event: when it starts, where to find more, what is served",
        "routine detail",
        -1.0,
        words=_w("website online call contact queued served lasted"),
        phrases=_p("is due|are due|next meeting|next update|next match|next set|more information"),
    ),
)
#: Superlative-looking words that are not superlatives.
_NOT_SUPERLATIVE = _w("interest interests test rest honest forest protest request suggest west guest contest arrest")
_MONTHS = _w("January February March April May June July August September October November December")
_MONTHS_LOWER = frozenset(m.lower() for m in _MONTHS)
_TOKEN = re.compile(r"[\w’'-]+|%")
FEATURES_BY_NAME = {feature.name: feature for feature in FEATURES}
_QUANTITY = next(p for p, f in enumerate(FEATURES) if f.name == "quantity")
_DATE = next(p for p, f in enumerate(FEATURES) if f.name == "date")
_MIN_WORDS = 6  # shorter sentences ("The mayor rejected the criticism.") carry no checkable detail
_SHORT_PENALTY = -1.5


@cache
def model_version() -> str:
    """Which model made a set of suggestions: ``MODEL_VERSION`` and a digest of the feature
    table, weights and threshold, so that stored suggestions of another model are never shown."""
    parts: list[object] = [MODEL_VERSION, THRESHOLD, BIAS, _MIN_WORDS, _SHORT_PENALTY, sorted(_NOT_SUPERLATIVE)]
    for f in FEATURES:
        pattern = f.pattern.pattern if f.pattern is not None else ""
        parts.append((f.name, f.phrase, f.weight, sorted(f.words), sorted(f.phrases), f.suffixes, pattern))
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:12]
    return f"{MODEL_VERSION}-{digest}"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A sentence worth checking: where it is, how strongly, and why."""

    start: int
    end: int
    text: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # feature names, strongest first (negative ones last)
    explanation: str
    claimant: str = ""
    claim_date: date | None = None
    quote_start: int | None = None  # the quoted words, when the sentence quotes someone
    quote_end: int | None = None

    @property
    def quote_span(self) -> tuple[int, int] | None:
        if self.quote_start is None or self.quote_end is None:
            return None
        return self.quote_start, self.quote_end


def _cue_tables() -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, ...], tuple[int, ...]]]:
    """Word → the features it cues, and run of words → the features it cues (positions in FEATURES)."""
    words: dict[str, list[int]] = {}
    runs: dict[tuple[str, ...], list[int]] = {}
    for position, feature in enumerate(FEATURES):
        for word in feature.words:
            words.setdefault(word, []).append(position)
        for run in feature.phrases:
            runs.setdefault(run, []).append(position)
    return (
        {w: tuple(p) for w, p in words.items()},
        {r: tuple(p) for r, p in runs.items()},
    )


# NOTE: one dictionary look-up per word and per run of two or three words, instead of asking
# each feature in turn: a third of the time of scoring a long article.
_WORD_CUES, _RUN_CUES = _cue_tables()
_PATTERN_FEATURES = tuple((p, f.pattern) for p, f in enumerate(FEATURES) if f.pattern is not None)
_SUFFIX_FEATURES = tuple((p, f.suffixes) for p, f in enumerate(FEATURES) if f.suffixes)


def features_of(sentence: str) -> list[Feature]:
    """The features present in a sentence, found in one pass over its words (dictionary look-ups)."""
    tokens = _TOKEN.findall(sentence)
    lower = [t.lower() for t in tokens]
    found: set[int] = set()
    words_cues, runs_cues = _WORD_CUES, _RUN_CUES
    for word in lower:
        cues = words_cues.get(word)
        if cues is not None:
            found.update(cues)
    for run in pairwise(lower):
        cues = runs_cues.get(run)
        if cues is not None:
            found.update(cues)
    for run3 in zip(lower, lower[1:], lower[2:], strict=False):
        cues = runs_cues.get(run3)
        if cues is not None:
            found.update(cues)
    for position, pattern in _PATTERN_FEATURES:
        if position not in found and pattern.search(sentence):
            found.add(position)
    words: set[str] | None = None
    for position, suffixes in _SUFFIX_FEATURES:
        if position not in found:
            words = words if words is not None else set(lower)
            if _has_suffix(words, suffixes):
                found.add(position)
    present = [FEATURES[position] for position in sorted(found)]
    number = year = False
    for token in tokens:
        if token[0].isdigit():
            if _is_year(token):
                year = True
            else:
                number = True
    year = year or (not _MONTHS_LOWER.isdisjoint(lower) and not _MONTHS.isdisjoint(tokens))
    if number and _QUANTITY not in found:
        present.append(FEATURES[_QUANTITY])
    if year and _DATE not in found:
        present.append(FEATURES[_DATE])
    return present


def _has_suffix(words: set[str], suffixes: tuple[str, ...]) -> bool:
    return any(w.endswith(suffixes) and len(w) > 4 and w not in _NOT_SUPERLATIVE for w in words)


def _is_year(token: str) -> bool:
    """1998, 2023, the 1970s: a date, not a quantity."""
    digits = token[:-1] if token.endswith("s") else token
    return len(digits) == 4 and digits.isdigit() and digits[:2] in ("18", "19", "20")


def score_sentence(sentence: str, attribution: Attribution) -> tuple[float, tuple[str, ...]]:
    """The score (0..1) of one sentence and the names of the features present in it."""
    present = features_of(sentence)
    if attribution.claimant and not attribution.cites_document:
        present.append(FEATURES_BY_NAME["attribution"])
    if any(f.name == "statistic" for f in present):
        present = [f for f in present if f.name != "quantity"]  # one number, counted once
    logit = BIAS + sum(f.weight for f in present)
    if len(sentence.split()) < _MIN_WORDS:
        logit += _SHORT_PENALTY
    present.sort(key=lambda f: -f.weight)
    return 1.0 / (1.0 + math.exp(-logit)), tuple(f.name for f in present)


def explain(reasons: tuple[str, ...], claimant: str) -> str:
    """A reader's sentence for the reasons: "a statistic + a comparison, attributed to Mayor Elena Ruiz"."""
    positive = [FEATURES_BY_NAME[r].phrase for r in reasons if FEATURES_BY_NAME[r].weight > 0 and r != "attribution"]
    negative = [FEATURES_BY_NAME[r].phrase for r in reasons if FEATURES_BY_NAME[r].weight < 0]
    text = " + ".join(positive) if positive else "no checkable detail"
    if claimant:
        text += f", attributed to {claimant}"
    if negative:
        text += f" (lowered: {', '.join(negative)})"
    return text


def suggest(
    text: str,
    *,
    article_date: date | None = None,
    threshold: float = THRESHOLD,
    language: str = "en",
) -> list[Suggestion]:
    """Every sentence of ``text`` scoring at least ``threshold``, best first (then in reading order)."""
    found = [s for s in score_sentences(text, article_date=article_date, language=language) if s.score >= threshold]
    found.sort(key=lambda s: (-s.score, s.start))
    return found


def score_sentences(text: str, *, article_date: date | None = None, language: str = "en") -> list[Suggestion]:
    """Every sentence with its score and reasons, in reading order (one pass over the text)."""
    from factcheck_app.domain.claimants import Speakers, attribute
    from factcheck_app.domain.sentences import sentence_spans

    speakers = Speakers()
    scored: list[Suggestion] = []
    for start, end in sentence_spans(text, language):
        sentence = text[start:end]
        attribution = attribute(sentence, speakers)
        score, reasons = score_sentence(sentence, attribution)
        quote = attribution.quote
        scored.append(
            Suggestion(
                start=start,
                end=end,
                text=sentence,
                score=round(score, 4),
                reasons=reasons,
                explanation=explain(reasons, attribution.claimant),
                claimant=attribution.claimant,
                claim_date=article_date if attribution.claimant else None,
                quote_start=start + quote[0] if quote else None,
                quote_end=start + quote[1] if quote else None,
            )
        )
    return scored
