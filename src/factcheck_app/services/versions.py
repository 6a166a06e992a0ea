"""Row versions inside one write transaction: check an edit's expectations, note what it left.

The ORM's ``version_id_col`` makes every UPDATE say ``WHERE version = :seen``, which
catches a writer who slips in between our read and our write (StaleDataError, retried
by ``Project``). What it cannot know is which version the *analyst* saw, minutes ago,
when they started typing: that is the edit's expectation, checked here first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import InstanceState, Session

from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.sources import Source
from factcheck_app.services.conflicts import EditConflict, Expectation, RowKey, clashes_between, values_of
from factcheck_app.services.edits import Edit
from factcheck_app.storage.orm import ArticleRow, ClaimRow, HistoryRow, SourceRow
from factcheck_app.storage.repositories import article_from_row, claim_from_row, source_from_row

# The rows that carry a version (ORM ``version_id_col``): the ones an edit can conflict on.
VersionedRow = ClaimRow | ArticleRow | SourceRow
ROWS: dict[str, type[VersionedRow]] = {"claim": ClaimRow, "article": ArticleRow, "source": SourceRow}
KINDS: dict[type, str] = {ClaimRow: "claim", ArticleRow: "article", SourceRow: "source"}
SNAPSHOT: dict[str, Callable[[Any], Claim | Article | Source]] = {
    "claim": claim_from_row,
    "article": article_from_row,
    "source": source_from_row,
}
BOOKKEEPING = frozenset({"version", "updated_at", "updated_by"})  # change with every save, mean nothing alone


def track_versioned_rows(session: Session) -> list[VersionedRow]:
    """Collect every versioned row the transaction adds, changes or deletes (filled at each flush)."""
    seen: list[VersionedRow] = []
    ids: set[int] = set()

    def before_flush(session: Session, _context: object, _instances: object) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if (
                type(obj) in KINDS
                and id(obj) not in ids
                and (obj in session.new or session.is_modified(obj) or obj in session.deleted)
            ):
                ids.add(id(obj))
                seen.append(obj)

    event.listen(session, "before_flush", before_flush)
    return seen


def expectations_left(rows: list[VersionedRow]) -> dict[RowKey, Expectation]:
    """What the next step of the same edit (its undo, or redo) must find."""
    left: dict[RowKey, Expectation] = {}
    for row in rows:
        state: InstanceState[VersionedRow] = inspect(row)
        kind = KINDS[type(row)]
        key = (kind, state.identity[0] if state.identity else row.id)
        if state.was_deleted or state.deleted:
            left[key] = Expectation(None, {})
        else:
            left[key] = Expectation(row.version, values_of(SNAPSHOT[kind](row)))
    return left


def check_expectations(session: Session, edit: Edit, *, undo: bool) -> list[VersionedRow]:
    """Refuse the edit when a row it relies on was changed by someone else in a way that overlaps.

    Returns the rows checked: the caller keeps them until commit. NOTE: both halves matter
    on a server. ``FOR UPDATE`` holds other writers off the row until we commit; and a row
    the session let go of would be read *again* by the edit, possibly in a newer version
    committed meanwhile, whose ``WHERE version =`` guard would then pass — a lost update
    (found by tests/services/test_lost_updates.py).
    """
    checked: list[VersionedRow] = []
    if not edit.expectations():
        return checked
    for key, expected in list(edit.expectations().items()):
        kind, row_id = key
        row = cast(VersionedRow | None, session.get(ROWS[kind], row_id, with_for_update=True))
        if row is not None:
            checked.append(row)
        if row is None:
            if expected.version is None:
                continue
            raise EditConflict(
                what=_name(kind, row_id, expected.values),
                edit_text=edit.text,
                undo=undo,
                key=key,
                current=Expectation(None, {}),
                by=_last_author(session, kind, row_id),
            )
        if expected.version is None:
            continue
        # NOTE: values are compared even when the version matches: an undone delete puts a
        # row back at version 1, and database-side changes (ON UPDATE CASCADE) bump nothing.
        now = values_of(SNAPSHOT[kind](row))
        watched = edit.fields.get(kind)
        compared = watched if watched is not None else tuple(k for k in now if k not in BOOKKEEPING)
        if all(now.get(f) == expected.values.get(f) for f in compared):
            # Nothing this edit relies on differs: they changed other fields (both changes
            # stand), or the row went through changes and back (my own later edits, undone).
            continue
        by, at = _author(session, kind, row)
        raise EditConflict(
            what=_name(kind, row_id, now),
            edit_text=edit.text,
            undo=undo,
            key=key,
            current=Expectation(row.version, now),
            by=by,
            at=at,
            clashes=clashes_between(expected.values, now, edit.proposed(undo), watched, edit.text),
        )
    return checked


def _name(kind: str, row_id: int, values: dict[str, object]) -> str:
    if kind == "claim":
        anchor = values.get("anchor")
        quote = getattr(anchor, "exact", "")
        quote = quote if len(quote) <= 60 else quote[:59] + "…"
        return f"The claim “{quote}”" if quote else f"Claim {row_id}"
    if kind == "article":
        return f"The article “{values.get('title') or row_id}”"
    return f"The source “{values.get('title') or values.get('url') or row_id}”"


def _author(session: Session, kind: str, row: VersionedRow) -> tuple[str, datetime | None]:
    if isinstance(row, ClaimRow):
        return row.updated_by, row.updated_at
    last = _last_entry(session, kind, row.id)
    return (last.analyst, last.at) if last is not None else ("", None)


def _last_author(session: Session, kind: str, row_id: int) -> str:
    last = _last_entry(session, kind, row_id)
    return last.analyst if last is not None else ""


def _last_entry(session: Session, kind: str, row_id: int) -> HistoryRow | None:
    query = (
        select(HistoryRow)
        .where(HistoryRow.entity == kind, HistoryRow.entity_id == row_id)
        .order_by(HistoryRow.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()
