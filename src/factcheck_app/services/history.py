"""A claim's or article's history in words: what each logged edit changed (Qt-free, for the dialog).

The log (``Project.history``) holds each thing's state after every edit as JSON; a change is
the difference between one state and the one before. Empty values read "—", never "None".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck_app.services.project import HistoryEntry

EMPTY = "—"

HIDDEN_FIELDS = frozenset(
    {"updated_at", "updated_by", "version", "prefix", "suffix", "created_at", "created_by", "id", "article_id"}
)

_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")


def describe_history(entries: Sequence[HistoryEntry]) -> list[str]:
    """One line per entry, oldest first: "created", "verdict: True → False", "deleted", "restored"."""
    lines: list[str] = []
    previous: dict[str, object] | None = None
    for index, entry in enumerate(entries):
        if previous is None and entry.state is not None and index > 0:
            lines.append("restored")  # an undone delete: the state before it is the one it had
        else:
            lines.append(describe_change(previous, entry.state))
        previous = entry.state
    return lines


def describe_change(before: dict[str, object] | None, after: dict[str, object] | None) -> str:
    """'verdict: True → False; tags: … → …' — the fields an analyst cares about."""
    if before is None and after is not None:
        return "created"
    if after is None:
        return "deleted"
    assert before is not None
    hidden = set(HIDDEN_FIELDS)
    if "evidence" in before and "evidence" in after:
        hidden.add("sources")  # the same sources, said better by the evidence
    parts = []
    for key in sorted(set(before) | set(after)):
        if key in hidden or before.get(key) == after.get(key):
            continue
        parts.append(f"{key.replace('_', ' ')}: {show(before.get(key))} → {show(after.get(key))}")
    return "; ".join(parts) or "no visible change"


def show(value: object, limit: int = 60) -> str:
    """A logged value as a short line; empty or absent values are "—"."""
    text = " ".join(_words(value).split())
    if not text:
        return EMPTY
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        match = _ISO_DATETIME.match(value)
        return f"{match.group(1)} {match.group(2)}" if match else value
    if isinstance(value, (list, tuple)):
        return ", ".join(text for text in (_words(item).strip() for item in value) if text)
    if isinstance(value, dict):
        return _thing(value)
    return str(value)


def _thing(value: dict[str, object]) -> str:
    """An anchor (its words), a source (its title or address), evidence (source, stance, excerpt)."""
    if "exact" in value:
        return _words(value.get("exact"))
    if "source" in value:
        source = _words(value.get("source")) or "a source"
        details = [_words(value.get("stance"))]
        excerpt = _words(value.get("excerpt")).strip()
        details.append(f"“{excerpt}”" if excerpt else "")
        details.append(_words(value.get("location")))
        shown = ", ".join(d for d in details if d.strip())
        return f"{source} ({shown})" if shown else source
    if "title" in value or "url" in value:
        return _words(value.get("title")).strip() or _words(value.get("url")).strip() or _words(value.get("id"))
    return ", ".join(f"{k}: {_words(v)}" for k, v in value.items() if _words(v).strip())
