"""Verdict scales: the ratings a newsroom gives, and how they map to ClaimReview.

A scale is ordered from best to worst. ``rating_value`` is the schema.org
``reviewRating.ratingValue``; labels that do not sit on the true→false line
(Misleading, Unproven) still get a value so every export is total, and keep their
own label as ``alternateName``.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck_app.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    rating_value: int
    colour: str  # "#rrggbb"
    description: str = ""


@dataclass(frozen=True, slots=True)
class VerdictScale:
    name: str
    verdicts: tuple[Verdict, ...]

    @property
    def best_rating(self) -> int:
        return max(v.rating_value for v in self.verdicts)

    @property
    def worst_rating(self) -> int:
        return min(v.rating_value for v in self.verdicts)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(v.label for v in self.verdicts)

    def get(self, label: str | None) -> Verdict | None:
        if label is None:
            return None
        for verdict in self.verdicts:
            if verdict.label == label:
                return verdict
        return None

    def resolve(self, label: str | None) -> str | None:
        """Find the scale's spelling of a label typed by the user (case-insensitive)."""
        if label is None or not label.strip():
            return None
        wanted = " ".join(label.split()).casefold()
        for verdict in self.verdicts:
            if verdict.label.casefold() == wanted:
                return verdict.label
        raise InvalidInput(f"“{label}” is not a verdict of this project. Choose one of: {', '.join(self.labels)}.")


NO_VERDICT_COLOUR = "#9e9e9e"

DEFAULT_SCALE = VerdictScale(
    name="Default (7 ratings)",
    verdicts=(
        Verdict("True", 5, "#2e7d32", "Accurate; nothing significant missing."),
        Verdict("Mostly true", 4, "#7cb342", "Accurate but needs clarification or more context."),
        Verdict("Half true", 3, "#f9a825", "Partially accurate; leaves out important details."),
        Verdict("Mostly false", 2, "#ef6c00", "Contains an element of truth but ignores critical facts."),
        Verdict("False", 1, "#c62828", "Not accurate."),
        Verdict("Misleading", 2, "#8e24aa", "Accurate facts presented to give a false impression."),
        Verdict("Unproven", 3, "#546e7a", "The evidence available neither proves nor disproves it."),
    ),
)


def colour_of(scale: VerdictScale, label: str | None) -> str:
    verdict = scale.get(label)
    return verdict.colour if verdict else NO_VERDICT_COLOUR


def tint(colour: str, amount: float = 0.7) -> str:
    """A lighter shade for highlighting text (mix with white), keeping words readable."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)


FIVE_POINT_SCALE = VerdictScale(
    name="5-point (true → false)",
    verdicts=(
        Verdict("True", 5, "#2e7d32", "Accurate; nothing significant missing."),
        Verdict("Mostly true", 4, "#7cb342", "Accurate but needs clarification or more context."),
        Verdict("Half true", 3, "#f9a825", "Partially accurate; leaves out important details."),
        Verdict("Mostly false", 2, "#ef6c00", "Contains an element of truth but ignores critical facts."),
        Verdict("False", 1, "#c62828", "Not accurate."),
    ),
)

CONTEXT_SCALE = VerdictScale(
    name="Context ratings (Misleading / Missing context / Unproven)",
    verdicts=(
        Verdict("Correct", 5, "#2e7d32", "The claim is accurate."),
        Verdict("Missing context", 3, "#f9a825", "Accurate, but misleading without facts left out."),
        Verdict("Misleading", 2, "#8e24aa", "Uses facts to give a false impression."),
        Verdict("Unproven", 3, "#546e7a", "There is not enough evidence either way."),
        Verdict("False", 1, "#c62828", "The claim is not accurate."),
    ),
)

PRESETS = (DEFAULT_SCALE, FIVE_POINT_SCALE, CONTEXT_SCALE)


def validate_scale(scale: VerdictScale) -> VerdictScale:
    """A scale a newsroom can publish with: named labels, each once, real colours and ratings."""
    if not scale.verdicts:
        raise InvalidInput("A verdict scale needs at least one verdict.")
    seen: set[str] = set()
    cleaned = []
    for verdict in scale.verdicts:
        label = " ".join(verdict.label.split())
        if not label:
            raise InvalidInput("Every verdict needs a label.")
        if label.casefold() in seen:
            raise InvalidInput(f"The verdict “{label}” appears twice.")
        seen.add(label.casefold())
        colour = verdict.colour.strip().lower()
        if len(colour) != 7 or colour[0] != "#" or any(c not in "0123456789abcdef" for c in colour[1:]):
            raise InvalidInput(f"“{verdict.colour}” is not a colour like #c62828 (verdict “{label}”).")
        if not isinstance(verdict.rating_value, int) or not 1 <= verdict.rating_value <= 10:
            raise InvalidInput(f"The rating of “{label}” must be a whole number from 1 to 10.")
        cleaned.append(Verdict(label, verdict.rating_value, colour, verdict.description.strip()))
    return VerdictScale(name=" ".join(scale.name.split()) or "Custom", verdicts=tuple(cleaned))
