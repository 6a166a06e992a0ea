"""What an edit changed, so views refresh only what concerns them (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    articles_added: frozenset[int] = field(default_factory=frozenset)
    articles_removed: frozenset[int] = field(default_factory=frozenset)
    articles_updated: frozenset[int] = field(default_factory=frozenset)
    claims_added: frozenset[int] = field(default_factory=frozenset)
    claims_removed: frozenset[int] = field(default_factory=frozenset)
    claims_updated: frozenset[int] = field(default_factory=frozenset)
    settings_changed: frozenset[str] = field(default_factory=frozenset)

    @property
    def touches_claims(self) -> bool:
        return bool(self.claims_added or self.claims_removed or self.claims_updated)

    @property
    def touches_articles(self) -> bool:
        return bool(self.articles_added or self.articles_removed or self.articles_updated)


def claims_added(*ids: int) -> Changes:
    return Changes(claims_added=frozenset(ids))


def claims_removed(*ids: int) -> Changes:
    return Changes(claims_removed=frozenset(ids))


def claims_updated(*ids: int) -> Changes:
    return Changes(claims_updated=frozenset(ids))
