"""Tags: the analyst's codebook labels, compared without regard to case or spacing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck_app.domain.errors import InvalidInput

MAX_TAG_CHARS = 80


def normalise_tag(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A tag cannot be empty.")
    if len(cleaned) > MAX_TAG_CHARS:
        raise InvalidInput(f"A tag is at most {MAX_TAG_CHARS} characters long.")
    return cleaned


def normalise_tags(names: Iterable[str]) -> tuple[str, ...]:
    """Clean, de-duplicate (case-insensitively) and keep the order the analyst typed."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        if not name.strip():
            continue
        tag = normalise_tag(name)
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            result.append(tag)
    return tuple(result)


def parse_tag_list(text: str) -> tuple[str, ...]:
    """Tags typed as one comma-separated line, as in the claim editor."""
    return normalise_tags(text.split(","))


@dataclass(frozen=True, slots=True)
class Tag:
    """A codebook entry. "Politics/Elections" is a child of "Politics": the path is the hierarchy."""

    id: int
    name: str
    colour: str  # "#rrggbb" or "" (none chosen)
    claims: int  # how many claims carry it

    @property
    def depth(self) -> int:
        return self.name.count("/")

    @property
    def parent(self) -> str | None:
        return self.name.rsplit("/", 1)[0] if "/" in self.name else None


def renamed(name: str, old: str, new: str) -> str | None:
    """The new name of ``name`` when ``old`` becomes ``new`` (children follow their parent)."""
    if name.casefold() == old.casefold():
        return new
    if name.casefold().startswith(old.casefold() + "/"):
        return new + name[len(old) :]
    return None
