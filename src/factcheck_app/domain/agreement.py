"""How far two analysts' independent verdicts on the same claims agree.

A newsroom shows its verdicts are reliable by having a second analyst rate claims blind and
measuring agreement: percent agreement (easy to read) and Krippendorff's alpha on the
*ordinal* verdict scale (corrected for chance; a near miss such as Mostly false against False
counts less than True against False).

The ordinal line. A verdict scale mixes ratings on the true → false line with labels beside
it (Misleading, Unproven, "Unverifiable"): those have a rating value so ClaimReview is total,
but they are not a step between True and False. The line is the longest run of the scale's
verdicts, in the scale's order, whose rating values fall strictly (True 5, Mostly true 4, Half
true 3, Mostly false 2, False 1 in the default scale; Misleading 2 and Unproven 3 come after
False and do not fall further, so they are off the line). A project can name the line itself.

What is counted where (explicit, so the numbers can be checked):
- a pair lacking either verdict is not counted at all (``missing``);
- percent agreement and the confusion table take every remaining pair, on any label;
- alpha takes only pairs with *both* verdicts on the ordinal line; the others are
  ``excluded_off_line`` (their labels listed), never silently mapped onto the line.

Alpha is computed here from the coincidence matrix (Krippendorff 2011, "Computing
Krippendorff's Alpha-Reliability", ordinal metric): a few lines of arithmetic, where the
``krippendorff`` library would bring numpy (40 MB) into the installer. The tests check it
against a coincidence matrix worked out by hand, and against the ``krippendorff`` library
itself on many generated cases (a test-only dependency).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.verdicts import VerdictScale

PERIODS = ("week", "month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class VerdictPair:
    """One claim rated twice: the first analyst's verdict and the blind second one."""

    claim_id: int
    first_analyst: str
    first_verdict: str | None
    second_analyst: str
    second_verdict: str | None
    at: datetime  # when the second verdict came in (periods are counted by it)


@dataclass(frozen=True, slots=True)
class ConfusionTable:
    """Rows: the first verdict; columns: the second verdict; cells: how many claims."""

    labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]

    def count(self, first: str, second: str) -> int:
        return self.counts[self.labels.index(first)][self.labels.index(second)]

    def to_json(self) -> dict[str, object]:
        return {"labels": list(self.labels), "counts": [list(row) for row in self.counts]}


@dataclass(frozen=True, slots=True)
class Agreement:
    pairs: int  # pairs with both verdicts
    agreed: int
    percent_agreement: float | None  # 0–100; None without pairs
    ordinal_pairs: int  # pairs alpha was computed on
    alpha: float | None  # Krippendorff's alpha, ordinal; None when not defined (see alpha_note)
    alpha_note: str
    excluded_off_line: int
    off_line_labels: tuple[str, ...]
    missing: int  # pairs where a verdict was missing: not counted
    confusion: ConfusionTable
    analysts: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, object]:
        return {
            "pairs": self.pairs,
            "agreed": self.agreed,
            "percent_agreement": self.percent_agreement,
            "alpha_ordinal": self.alpha,
            "alpha_note": self.alpha_note,
            "ordinal_pairs": self.ordinal_pairs,
            "excluded_off_line": self.excluded_off_line,
            "off_line_labels": list(self.off_line_labels),
            "missing_verdict": self.missing,
            "analysts": list(self.analysts),
            "confusion": self.confusion.to_json(),
        }


def ordinal_line(scale: VerdictScale, chosen: Sequence[str] | None = None) -> tuple[str, ...]:
    """The scale's verdicts that are steps on the true → false line, best first.

    ``chosen`` (a project's own list) wins when given; labels not in the scale are dropped.
    Otherwise: the longest subsequence of the scale, in order, with strictly falling ratings
    (the earliest such run when several are as long).
    """
    if chosen:
        return tuple(label for label in chosen if label in scale.labels)
    ratings = [v.rating_value for v in scale.verdicts]
    n = len(ratings)
    # best[i]: length of the longest falling run starting at i; nxt[i]: where it goes next.
    best = [1] * n
    nxt: list[int | None] = [None] * n
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n):
            if ratings[j] < ratings[i] and best[j] + 1 > best[i]:
                best[i], nxt[i] = best[j] + 1, j
    if n == 0:
        return ()
    start = max(range(n), key=lambda i: (best[i], -i))
    line: list[str] = []
    at: int | None = start
    while at is not None:
        line.append(scale.verdicts[at].label)
        at = nxt[at]
    return tuple(line)


def krippendorff_alpha_ordinal(pairs: Sequence[tuple[int, int]], categories: int) -> tuple[float | None, str]:
    """Alpha for units each rated twice, values 0..categories-1 (ordinal ranks).

    Returns (alpha, note): alpha is None when it is not defined (no pairs, or every verdict
    the same so no disagreement could be expected by chance).
    """
    if not pairs:
        return None, "no pairs with both verdicts on the ordinal scale"
    if len({value for pair in pairs for value in pair}) < 2:
        return None, "every verdict is the same: alpha is not defined without variation"
    # Coincidence matrix: each unit rated twice adds (a, b) and (b, a), weight 1/(m_u − 1) = 1.
    coincidences = [[0] * categories for _ in range(categories)]
    for first, second in pairs:
        coincidences[first][second] += 1
        coincidences[second][first] += 1
    marginals = [sum(row) for row in coincidences]
    total = sum(marginals)

    def ordinal_distance(c: int, k: int) -> float:
        """δ²(c, k) = (Σ n_g for g from c to k − (n_c + n_k)/2)², 0 on the diagonal."""
        if c == k:
            return 0.0
        low, high = min(c, k), max(c, k)
        return (sum(marginals[low : high + 1]) - (marginals[c] + marginals[k]) / 2) ** 2

    observed = sum(coincidences[c][k] * ordinal_distance(c, k) for c in range(categories) for k in range(categories))
    expected = sum(
        marginals[c] * marginals[k] * ordinal_distance(c, k) for c in range(categories) for k in range(categories)
    ) / (total - 1)
    if expected == 0 or math.isnan(expected):
        return None, "alpha is not defined for these verdicts"
    return 1 - observed / expected, ""


def agreement(pairs: Iterable[VerdictPair], line: Sequence[str]) -> Agreement:
    """Percent agreement, ordinal alpha and the confusion table of these pairs."""
    pairs = list(pairs)
    complete = [p for p in pairs if p.first_verdict is not None and p.second_verdict is not None]
    rank = {label: index for index, label in enumerate(line)}
    ordinal = [
        (rank[p.first_verdict], rank[p.second_verdict])
        for p in complete
        if p.first_verdict in rank and p.second_verdict in rank
    ]
    off = sorted(
        {
            label
            for p in complete
            for label in (p.first_verdict, p.second_verdict)
            if label is not None and label not in rank
        },
        key=str.casefold,
    )
    agreed = sum(p.first_verdict == p.second_verdict for p in complete)
    alpha, note = krippendorff_alpha_ordinal(ordinal, len(line))
    return Agreement(
        pairs=len(complete),
        agreed=agreed,
        percent_agreement=100.0 * agreed / len(complete) if complete else None,
        ordinal_pairs=len(ordinal),
        alpha=alpha,
        alpha_note=note,
        excluded_off_line=len(complete) - len(ordinal),
        off_line_labels=tuple(off),
        missing=len(pairs) - len(complete),
        confusion=confusion_table(complete, line),
        analysts=tuple(sorted({a for p in pairs for a in (p.first_analyst, p.second_analyst)}, key=str.casefold)),
    )


def confusion_table(pairs: Iterable[VerdictPair], line: Sequence[str]) -> ConfusionTable:
    """Counts of (first, second) verdicts; labels in line order, then any others by name."""
    counted = Counter(
        (p.first_verdict, p.second_verdict) for p in pairs if p.first_verdict is not None and p.second_verdict
    )
    seen = {label for pair in counted for label in pair if label is not None}
    labels = tuple(line) + tuple(sorted(seen - set(line), key=str.casefold))
    return ConfusionTable(labels, tuple(tuple(counted[(a, b)] for b in labels) for a in labels))


def pair_of(pair: VerdictPair) -> tuple[str, str]:
    """The two analysts, whichever rated first (agreement between two people is symmetric)."""
    a, b = sorted((pair.first_analyst, pair.second_analyst), key=str.casefold)
    return a, b


def period_of(at: datetime, period: str) -> str:
    """'2026-W19', '2026-05', '2026-Q2' or '2026'."""
    if period == "week":
        year, week, _ = at.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{at.year}-{at.month:02d}"
    if period == "quarter":
        return f"{at.year}-Q{(at.month - 1) // 3 + 1}"
    if period == "year":
        return str(at.year)
    raise InvalidInput(f"“{period}” is not a period; use one of: {', '.join(PERIODS)}.")


_Key = TypeVar("_Key")


def grouped(
    pairs: Iterable[VerdictPair], key: Callable[[VerdictPair], _Key], line: Sequence[str]
) -> dict[_Key, Agreement]:
    groups: dict[_Key, list[VerdictPair]] = {}
    for pair in pairs:
        groups.setdefault(key(pair), []).append(pair)
    return {k: agreement(group, line) for k, group in sorted(groups.items(), key=lambda item: str(item[0]))}


def by_analyst_pair(pairs: Iterable[VerdictPair], line: Sequence[str]) -> Mapping[tuple[str, str], Agreement]:
    return grouped(pairs, pair_of, line)


def by_period(pairs: Iterable[VerdictPair], line: Sequence[str], period: str = "month") -> Mapping[str, Agreement]:
    if period not in PERIODS:
        raise InvalidInput(f"“{period}” is not a period; use one of: {', '.join(PERIODS)}.")
    return grouped(pairs, lambda p: period_of(p.at, period), line)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Which verdict stands after a disagreement, who decided it and why."""

    id: int
    opinion_id: int
    claim_id: int
    resolved_by: str
    resolved_at: datetime
    verdict: str
    reason: str


@dataclass(frozen=True, slots=True)
class SecondOpinion:
    """A request for a blind second verdict and, once given, the answer.

    ``first_*`` are empty until the second verdict is in: a pending request carries nothing
    of the first analyst's judgement, so handing one to the second checker shows none.
    """

    id: int
    claim_id: int
    analyst: str
    requested_by: str
    requested_at: datetime
    state: str  # "requested" | "answered"
    verdict: str | None = None
    rationale: str = ""
    answered_at: datetime | None = None
    first_analyst: str = ""
    first_verdict: str | None = None
    first_rationale: str = ""

    @property
    def answered(self) -> bool:
        return self.state == "answered"

    def as_pair(self) -> VerdictPair | None:
        if not self.answered or self.answered_at is None:
            return None
        return VerdictPair(
            self.claim_id, self.first_analyst, self.first_verdict, self.analyst, self.verdict, self.answered_at
        )
