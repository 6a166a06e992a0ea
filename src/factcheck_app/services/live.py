"""Live updates: turn other analysts' history entries into the ``Changes`` a view applies.

Every edit appends to the history in the same transaction, so the history is a feed of
what changed. Polling it costs one indexed query every few seconds, works on PostgreSQL
and on a SQLite project open read-only beside its writer, and needs no extra connection
(LISTEN/NOTIFY would, and would still need this catch-up after a reconnect).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck_app.services.changes import Changes

GAP_PATIENCE_S = 30.0  # how long an id missing below the newest one seen is looked for again


class HistoryFeed:
    """Which history ids were seen, with gaps that may still fill.

    On a server, ids come from a sequence in the order transactions *start*, but appear
    in the order they *commit*: id 41 may become visible after id 42. Reading ``id > 42``
    would then miss 41 for ever, so ids missing below the newest one seen are kept as
    gaps and read again until they appear or GAP_PATIENCE_S passes (a rolled-back edit's
    id never appears).
    """

    def __init__(self, last_seen: int, *, missing: Sequence[int] = ()) -> None:
        self.last_seen = last_seen
        now = time.monotonic()
        self._gaps: dict[int, float] = dict.fromkeys(missing, now)  # id → when first missed

    def floor(self) -> int:
        now = time.monotonic()
        self._gaps = {i: t for i, t in self._gaps.items() if now - t < GAP_PATIENCE_S}
        return min(self._gaps, default=self.last_seen + 1) - 1

    def take(self, ids: Sequence[int], *, own: set[int]) -> set[int]:
        """The ids not handed out before and not written by this window; remembers gaps."""
        now = time.monotonic()
        fresh: set[int] = set()
        for row_id in ids:
            if row_id > self.last_seen:
                self._gaps.update({gap: now for gap in range(self.last_seen + 1, row_id)})
                self.last_seen = row_id
            elif row_id in self._gaps:
                del self._gaps[row_id]
            else:
                continue
            fresh.add(row_id)
        present = set(ids)
        self._gaps = {gap: t for gap, t in self._gaps.items() if gap not in present}
        return {row_id for row_id in fresh if row_id not in own}


@dataclass(frozen=True, slots=True)
class RemoteChanges:
    changes: Changes
    analysts: frozenset[str]

    def __bool__(self) -> bool:
        c = self.changes
        return bool(c.touches_claims or c.touches_articles or c.settings_changed)


def remote_changes(rows: Iterable[tuple[int, str, int, str, str]]) -> RemoteChanges:
    """(id, entity, entity_id, state, analyst) history rows → what a view must refresh."""
    claims: dict[int, bool] = {}  # id → exists after the latest entry (rows come in id order)
    articles: dict[int, bool] = {}
    settings: set[str] = set()
    analysts: set[str] = set()
    for _id, entity, entity_id, state, analyst in rows:
        analysts.add(analyst)
        if entity == "claim":
            claims[entity_id] = state != "null"
        elif entity == "article":
            articles[entity_id] = state != "null"
        elif entity == "setting":
            keys = set(json.loads(state or "{}"))
            if "verdict_scale" in keys or "verdict_scale_name" in keys:
                keys.add("verdict_scale")
            settings.update(keys)
        elif entity == "codebook":
            settings.add("tags")
    return RemoteChanges(
        Changes(
            # New and changed articles alike: a view refreshes its list without jumping to them.
            articles_updated=frozenset(i for i, alive in articles.items() if alive),
            articles_removed=frozenset(i for i, alive in articles.items() if not alive),
            claims_updated=frozenset(i for i, alive in claims.items() if alive),
            claims_removed=frozenset(i for i, alive in claims.items() if not alive),
            settings_changed=frozenset(settings),
        ),
        frozenset(analysts),
    )
