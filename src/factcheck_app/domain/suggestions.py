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

import math
import re
from dataclasses import dataclass
from datetime import date

from factcheck_app.domain.claimants import Attribution, Speakers, attribute
from factcheck_app.domain.sentences import sentence_spans

#: Score at or above which a sentence is suggested (chosen on the development half only).
THRESHOLD = 0.5
#: The score of a sentence with no feature at all (the logistic model's intercept).
BIAS = -2.0


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    description: str  # what the question asks, for the documentation and the "why" tooltip
    phrase: str  # how the reason reads in an explanation: "a statistic"
    weight: float  # added to the log-odds when the feature is present (negative lowers the score)
    pattern: re.Pattern[str] | None  # None: computed from the attribution, not a pattern


def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


_NUMBER_WORDS = (
    r"one in (?:two|three|four|five|six|seven|eight|nine|ten|\w+)|(?:a|one|two) (?:third|quarter|half|fifth)s?"
    r"|half of|twice|doubled|tripled|trebled|quadrupled|halved|\w+fold|dozens?|hundreds|thousands|millions"
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)

#: The English feature set: name → description → weight (and the pattern that detects it).
FEATURES: tuple[Feature, ...] = (
    Feature(
        "statistic",
        "a percentage, an amount of money, a rate, a fraction or a large count",
        "a statistic",
        2.2,
        re.compile(
            r"\d\s?%|\d\s?(?:per ?cent|percent|percentage points?)\b|[$£€¥]\s?\d|\d\s?(?:million|billion|trillion|bn|m)\b"
            r"|\b\d{1,3}(?:,\d{3})+\b|" + _words(_NUMBER_WORDS),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "quantity",
        "any other number (not a year)",
        "a number",
        1.0,
        re.compile(
            r"\b(?!(?:1[89]|20)\d\d\b)\d+(?:[.,]\d+)?\b|"
            + _words(
                "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred"
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "comparison",
        "a comparison or superlative: more than, fewer, the highest, a record, compared with, below average",
        "a comparison",
        1.4,
        re.compile(
            _words(
                r"more|less|fewer|higher|lower|larger|smaller|bigger|faster|slower|cheaper|worse|better|greater",
                r"\w+est|most|least|record|compared|than|below|above|ranks?|average|only|as many|as much",
                r"up from|down from|first (?:time|\w+ to)|since the",
            )
        ),
    ),
    Feature(
        "change",
        "a rise, fall or other change over time",
        "a change",
        1.2,
        re.compile(
            _words(
                r"rose|risen|rise|rising|fell|fallen|fall|falling|increased?|increases|increasing|decreased?",
                r"declined?|dropped|drop|grew|grown|growth|cut|cuts|reduced?|reducing|raised|lost|gained|soared?",
                r"jumped|slumped|doubled|tripled|halved|surged?|plunged|climbed|shrank|recovered|saved|saves",
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "causal",
        "a cause and effect: caused, because of, due to, led to, linked to, the result of",
        "a cause and effect",
        1.2,
        re.compile(
            _words(
                r"caus(?:e|es|ed|ing)|because|due to|led to|leads? to|result(?:ed)? (?:of|in)|linked to|driven by",
                r"blamed?|thanks to|responsible for|prevent(?:s|ed|ing)?|effective|pay for itself",
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "attribution",
        "words attributed to a named person or organisation (said, told, according to, a quote and its speaker)",
        "attributed",
        0.9,
        None,
    ),
    Feature(
        "document",
        "a reference to a document, law, record or data: a report, an audit, figures, a bill, records show",
        "a document or record",
        1.2,
        re.compile(
            _words(
                r"law|laws|act|bill|legislation|regulations?|rules?|requires?|report|audit|records?|minutes",
                r"figures|data|statistics|study|studies|survey|poll|accounts|register|documents?|budget",
                r"bulletin|review|published|official|court|licen[cs]e|contract|voted (?:for|against)|signed",
                r"approved|passed|declared|lists?|show|shows|found",
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "date",
        "a date or period: a year, a month, since, in the year to",
        "a date",
        0.6,
        re.compile(r"\b(?:1[89]|20)\d\d(?:s)?\b|" + _words(_MONTHS, r"since|last year|this year|a decade|decades?")),
    ),
    Feature(
        "prediction",
        "a prediction or promise: will, would, promised, predicted, expects, by 2030, within two years",
        "a prediction or promise",
        1.0,
        re.compile(
            _words(
                r"will|would|promised?|pledged?|predicted?|forecasts?|expects?|expected|plans? to|going to",
                r"by (?:the end of|(?:1[89]|20)\d\d)|within \w+ (?:years?|months?|seasons?)|warned",
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "hedge",
        "a hedge that leaves nothing firm to check: perhaps, maybe, might, I think, remains to be seen",
        "hedged",
        -1.2,
        re.compile(
            _words(
                r"perhaps|maybe|might|possibly|probably|seems?|appears? to|I think|I believe|I feel|I guess",
                r"remains to be seen|not clear|unclear|hard to (?:say|prove|untangle)|suggest",
            ),
            re.IGNORECASE,
        ),
    ),
    Feature(
        "opinion",
        "opinion, feeling or a call to act: should, must, urged, deserves, happy, disappointed, a question",
        "opinion",
        -1.6,
        re.compile(
            r"\?|!|"
            + _words(
                r"should|must|need to|urged?|calls? for|called for|deserves?|wants?|hope|hopes|hoped|happy",
                r"happier|proud|sad|angry|disappointed|heartbreaking|relieved|great|terrible|wonderful|welcome[ds]?",
                r"cheerful|believe|feel|feels|felt|love|hate|thanked|praised|I|me|my",
                r"stand by|blunt|nervous",
            )
        ),
    ),
    Feature(
        "routine",
        "routine detail of the story's own event: when it starts, where to find more, what is served",
        "routine detail",
        -1.0,
        re.compile(
            _words(
                r"website|online|call|contact|queued|served|is due|are due",
                r"next (?:meeting|update|match|set)|for more information|lasted",
            ),
            re.IGNORECASE,
        ),
    ),
)
FEATURES_BY_NAME = {feature.name: feature for feature in FEATURES}
_MIN_WORDS = 6  # shorter sentences ("The mayor rejected the criticism.") carry no checkable detail
_SHORT_PENALTY = -1.5


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


def score_sentence(sentence: str, attribution: Attribution) -> tuple[float, tuple[str, ...]]:
    """The score (0..1) of one sentence and the names of the features present in it."""
    present = [f for f in FEATURES if f.pattern is not None and f.pattern.search(sentence)]
    if attribution.claimant and not attribution.cites_document:
        present.append(FEATURES_BY_NAME["attribution"])
    if "statistic" in {f.name for f in present}:
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
