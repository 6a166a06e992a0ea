"""The claims filter: plain words, and ``field:value`` words that match one field only.

``verdict:false tag:budget mayor`` keeps the claims whose verdict contains "false", that
carry a tag containing "budget", and that mention "mayor" anywhere. A value no claim could
ever have (``status:bogus``) still matches nothing, but the filter says why in ``warnings``
instead of silently showing an empty list; so does a misspelt field (``verdcit:false``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from factcheck_app.domain.anchors import ANCHOR_STATES
from factcheck_app.domain.claims import STATUS_LABELS, STATUSES, Claim

FIELDS = ("verdict", "tag", "status", "claimant", "anchor", "article")
NO_VERDICT = "none"  # verdict:none finds the claims without one

# A filter is typed, not pasted: a pasted megabyte once kept the window busy for minutes (every
# word is searched in every claim). Longer filters are cut here, with a warning that says so.
MAX_FILTER_CHARS = 1_000
MAX_FILTER_WORDS = 40

_STATUS_WORDS = ("draft", "review", "approved", "published")  # what to type: "review" finds "in review"


def _values(field: str, claim: Claim, article_titles: Mapping[int, str]) -> Iterable[str]:
    if field == "verdict":
        return [claim.verdict or NO_VERDICT]
    if field == "tag":
        return claim.tags
    if field == "status":
        return [claim.status, STATUS_LABELS.get(claim.status, claim.status)]
    if field == "claimant":
        return [claim.claimant]
    if field == "anchor":
        return [claim.anchor_state]
    return [article_titles.get(claim.article_id, str(claim.article_id))]


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """A parsed filter: every word and every field term must match for a claim to show."""

    words: tuple[str, ...] = ()  # casefolded; each must occur in the claim's text
    terms: tuple[tuple[str, str], ...] = ()  # (field, casefolded value): the value must occur in that field
    warnings: tuple[str, ...] = ()  # what in the filter can match nothing, in the analyst's words

    @property
    def empty(self) -> bool:
        return not self.words and not self.terms

    def matches(
        self, claim: Claim, article_titles: Mapping[int, str] | None = None, haystack: str | None = None
    ) -> bool:
        """``haystack``: ``claim_haystack(claim)`` when the caller keeps it."""
        titles = article_titles or {}
        for field, wanted in self.terms:
            if not any(wanted in value.casefold() for value in _values(field, claim, titles)):
                return False
        if not self.words:
            return True
        text = claim_haystack(claim) if haystack is None else haystack
        return all(word in text for word in self.words)


def claim_haystack(claim: Claim) -> str:
    """Every field a plain filter word may match, casefolded in one string.

    A list that filters many claims per keystroke keeps these (they change only with the claim).
    """
    return " ".join(
        (
            claim.quote,
            claim.verdict or "",
            " ".join(claim.tags),
            claim.rationale,
            claim.anchor_state,
            claim.restated,
            claim.claimant,
            STATUS_LABELS.get(claim.status, claim.status),
        )
    ).casefold()


def parse_claim_filter(text: str, verdicts: Iterable[str] = ()) -> ClaimFilter:
    """Split the filter box's text into words and field terms, with a warning for each term
    that can match no claim. ``verdicts``: the scale's labels (not checked when empty)."""
    labels = tuple(verdicts)
    checks: dict[str, Callable[[str], str]] = {
        "status": lambda wanted: _check(
            wanted,
            (*STATUSES, *(label.casefold() for label in STATUS_LABELS.values())),
            f"Unknown status “{wanted}”: use {', '.join(_STATUS_WORDS)}.",
        ),
        "anchor": lambda wanted: _check(
            wanted, ANCHOR_STATES, f"Unknown anchor state “{wanted}”: use {', '.join(ANCHOR_STATES)}."
        ),
    }
    if labels:
        checks["verdict"] = lambda wanted: _check(
            wanted,
            (*(label.casefold() for label in labels), NO_VERDICT),
            f"No verdict “{wanted}” in this project's scale: use {', '.join(labels)}, or none.",
        )
    words: list[str] = []
    terms: list[tuple[str, str]] = []
    warnings: list[str] = []
    typed = list(dict.fromkeys(text[:MAX_FILTER_CHARS].casefold().split()))  # a repeated word adds nothing
    if len(text) > MAX_FILTER_CHARS or len(typed) > MAX_FILTER_WORDS:
        typed = typed[:MAX_FILTER_WORDS]
        warnings.append(
            f"The filter is too long: only its first {MAX_FILTER_WORDS} different words "
            f"(and {MAX_FILTER_CHARS:,} characters) are used."
        )
    for word in typed:
        field, colon, wanted = word.partition(":")
        if colon and field in FIELDS:
            if not wanted:  # "status:" still being typed: no condition yet
                continue
            terms.append((field, wanted))
            warning = checks[field](wanted) if field in checks else ""
        else:
            words.append(word)
            warning = ""
            if colon and wanted and field.isalpha() and not wanted.startswith("//"):  # not an address
                fields = ", ".join(f"{name}:" for name in FIELDS)
                warning = f"“{field}:” is not a filter field (use {fields}); “{word}” is searched as text."
        if warning and warning not in warnings:
            warnings.append(warning)
    return ClaimFilter(tuple(words), tuple(terms), tuple(warnings))


def _check(wanted: str, known: Iterable[str], warning: str) -> str:
    """``warning`` when ``wanted`` is part of none of the ``known`` values, else ""."""
    return "" if any(wanted in value for value in known) else warning
