"""Optimistic concurrency: an edit knows which version of each row it was based on.

Two analysts on one team project never overwrite each other silently. Every edit keeps,
per row it touches, the version (and field values) it expects to find: for its first
apply, the snapshot the analyst was looking at (``Edit.based_on``); for undo and redo,
the state its own previous step left. If someone else changed the row meanwhile:

- when the fields this edit writes are still as expected, the two changes do not
  overlap and the edit goes ahead (my verdict beside their rationale);
- otherwise the edit is refused with an ``EditConflict`` that shows their change and
  mine; the analyst chooses, and ``Edit.rebase`` re-bases the edit on their version
  when they choose to keep their own.

Rows without a version column (tags, the verdict scale, settings) are guarded by the
edits themselves, by comparing the state their undo would overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import TYPE_CHECKING

from factcheck_app.domain.errors import EditConflict as _BaseConflict

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

RowKey = tuple[str, int]  # ("claim", 12)


@dataclass(frozen=True, slots=True)
class Expectation:
    """The version of a row (None: it must not exist) and its values, as an edit last saw them."""

    version: int | None
    values: dict[str, object]


FIELD_LABELS: dict[str, str] = {
    "verdict": "Verdict",
    "rationale": "Rationale",
    "tags": "Tags",
    "evidence": "Sources and evidence",
    "sources": "Sources",
    "status": "Status",
    "approved_by": "Approved by",
    "approved_at": "Approved at",
    "restated": "Restated claim",
    "claimant": "Claimant",
    "claim_date": "Claim date",
    "assignee": "Assignee",
    "reviewer": "Reviewer",
    "anchor": "Quoted words",
    "anchor_state": "Anchor",
    "article_id": "Article",
    "title": "Title",
    "url": "Address (URL)",
    "author": "Author",
    "published": "Published",
    "site_name": "Site",
    "publisher": "Publisher",
    "accessed": "Accessed",
    "kind": "Kind",
    "note": "Note",
}
# Bookkeeping that changes with every edit: never shown as "their change".
_NOT_SHOWN = frozenset({"version", "updated_at", "updated_by", "id", "created_at", "created_by", "text", "blocks"})


def show_value(value: object) -> str:
    """A field's value as one readable line (or a few) for the conflict dialog and the CLI."""
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return "; ".join(show_value(v) for v in value)
    for attribute in ("exact", "display_title"):  # an anchor; a source
        if hasattr(value, attribute):
            return str(getattr(value, attribute))
    if hasattr(value, "source") and hasattr(value, "excerpt"):  # evidence
        text = show_value(value.source)
        return f"{text} (“{value.excerpt}”)" if value.excerpt else text
    return str(value)


def values_of(thing: DataclassInstance) -> dict[str, object]:
    """The fields of a domain snapshot (Claim, Article, Source) by name."""
    return {f.name: getattr(thing, f.name) for f in fields(thing)}


@dataclass(frozen=True, slots=True)
class Clash:
    """One field as the analyst saw it, as it is now, and as their edit would make it."""

    field: str
    seen: str
    theirs: str
    mine: str

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field.replace("_", " ").capitalize())


class EditConflict(_BaseConflict):
    """Refused: the thing changed since this edit was based on it. Nothing was written."""

    def __init__(
        self,
        *,
        what: str,
        edit_text: str,
        undo: bool,
        key: RowKey | None = None,
        current: Expectation | None = None,
        by: str = "",
        at: datetime | None = None,
        clashes: tuple[Clash, ...] = (),
        detail: str = "",
    ) -> None:
        self.what = what
        self.edit_text = edit_text
        self.undo = undo
        self.key = key
        self.current = current
        self.by = by or "another analyst"
        self.at = at
        self.clashes = clashes
        self.detail = detail
        super().__init__(self._message())

    @property
    def deleted(self) -> bool:
        return self.key is not None and self.current is not None and self.current.version is None

    def _message(self) -> str:
        when = f" at {self.at:%H:%M}" if self.at else ""
        change = "deleted" if self.deleted else "changed"
        step = f"undo “{self.edit_text}”" if self.undo else f"change (“{self.edit_text}”)"
        text = f"{self.what} was {change} by {self.by}{when} after you saw it: your {step} was not saved."
        if self.detail:
            text += f" {self.detail}"
        for clash in self.clashes:
            text += f"\n  {clash.label}: theirs “{_short(clash.theirs)}”, yours “{_short(clash.mine)}”"
        return text


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clashes_between(
    seen: dict[str, object],
    now: dict[str, object],
    mine: dict[str, object],
    watched: tuple[str, ...] | None,
    mine_summary: str,
) -> tuple[Clash, ...]:
    """Fields someone else changed (those this edit writes, or all when it writes a whole row)."""
    names = watched if watched is not None else tuple(k for k in now if k not in _NOT_SHOWN)
    result = []
    for name in names:
        before, after = seen.get(name), now.get(name)
        if before == after:  # they left this one alone
            continue
        wanted = mine.get(name, mine_summary) if mine else mine_summary
        result.append(Clash(name, show_value(before), show_value(after), show_value(wanted)))
    return tuple(result)
