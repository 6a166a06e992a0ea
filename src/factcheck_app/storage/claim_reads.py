"""Reading many claims at once: plain SQL rows, not ORM objects.

Loading claims as ORM objects (identity map, one relationship load per kind, attribute
instrumentation) cost 2 s per 10,000 claims, and "every claim" is what the table, Problems,
the reports and the exports ask for. Here three queries read the claims, their tags and their
evidence as plain rows; the rows go through the same ``claim_from_row`` as ORM rows do, so the
validation layer (damaged values become stand-ins and are noted) is the same on both paths.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from factcheck_app.domain.claims import APPROVED, PUBLISHED, STATUSES, Claim
from factcheck_app.domain.gates import ClaimForRules, SourceKind
from factcheck_app.domain.sources import SOURCE_KINDS
from factcheck_app.storage.orm import ClaimRow, ClaimSourceRow, ClaimTagRow, SourceRow, TagRow
from factcheck_app.storage.repositories import claim_from_row, source_from_row

_IN_CHUNK = 900  # SQLite's default limit on bound parameters is 999


def _record_type(table: Any, *extra: str) -> Any:
    """A tuple type read like the table's ORM row (one attribute per column, C-speed access),
    plus ``extra`` attributes: the claim's links, or the row a link points at."""
    return namedtuple(f"{table.name.title()}Record", [*table.columns.keys(), *extra])


_CLAIM = _record_type(ClaimRow.__table__, "tag_links", "source_links")
_TAG_LINK = _record_type(ClaimTagRow.__table__, "tag")
_SOURCE_LINK = _record_type(ClaimSourceRow.__table__, "source")


def load_claims_fast(session: Session, article_id: int | None = None, ids: Iterable[int] | None = None) -> list[Claim]:
    """The claims (all, one article's, or the given ids), ordered as the table shows them."""
    claims = ClaimRow.__table__
    query: Select[Any] = select(claims).order_by(claims.c.article_id, claims.c.start_offset, claims.c.id)
    if article_id is not None:
        query = query.where(claims.c.article_id == article_id)
    wanted = None if ids is None else list(ids)
    if wanted is not None and len(wanted) <= _IN_CHUNK:
        query = query.where(claims.c.id.in_(wanted))
    elif wanted is not None:
        chosen = set(wanted)
        records = [_CLAIM(*row, [], []) for row in session.execute(query) if row.id in chosen]
        return _with_links(session, records, article_id)
    records = [_CLAIM(*row, [], []) for row in session.execute(query).all()]
    return _with_links(session, records, article_id if wanted is None else None, wanted)


def _with_links(
    session: Session, records: list[Any], article_id: int | None, ids: list[int] | None = None
) -> list[Claim]:
    if not records:
        return []
    by_id = {record.id: record for record in records}

    def scoped(query: Select[Any], claim_column: Any) -> Select[Any]:
        """Links of the claims read: by article, by the few ids asked for, or all."""
        if article_id is not None:
            return query.join(ClaimRow.__table__, ClaimRow.__table__.c.id == claim_column).where(
                ClaimRow.__table__.c.article_id == article_id
            )
        if ids is not None and len(ids) <= _IN_CHUNK:
            return query.where(claim_column.in_(ids))
        return query

    tags = {row.id: row for row in session.execute(select(TagRow.__table__))}
    links = ClaimTagRow.__table__
    tag_query = scoped(select(links), links.c.claim_id).order_by(links.c.claim_id, links.c.position)
    for link in session.execute(tag_query).all():
        record = by_id.get(link.claim_id)
        if record is not None:
            record.tag_links.append(_TAG_LINK(*link, tags.get(link.tag_id)))

    evidence = ClaimSourceRow.__table__
    source_query = scoped(select(evidence), evidence.c.claim_id).order_by(evidence.c.claim_id, evidence.c.position)
    rows = [row for row in session.execute(source_query).all() if row.claim_id in by_id]
    # Each source becomes a domain value once, however many claims cite it.
    sources = {
        source_id: source_from_row(row) for source_id, row in _sources(session, {r.source_id for r in rows}).items()
    }
    for link in rows:
        by_id[link.claim_id].source_links.append(_SOURCE_LINK(*link, sources.get(link.source_id)))
    return [claim_from_row(record) for record in records]


def _sources(session: Session, ids: set[int]) -> dict[int, Any]:
    table = SourceRow.__table__
    if len(ids) <= _IN_CHUNK:
        query = select(table).where(table.c.id.in_(ids)) if ids else None
        return {row.id: row for row in session.execute(query)} if query is not None else {}
    return {row.id: row for row in session.execute(select(table)) if row.id in ids}


def load_rule_subjects(session: Session) -> list[ClaimForRules | int]:
    """Every claim the verdict rules could find fault with, as the few fields they read.

    Each rule is about a rated claim or an approved or published one, so only those are read
    (a superset: the rules themselves decide), in the table's order. A row whose values are
    damaged is given as its id, in its place: the caller reads it the full way
    (``load_claims_fast``), where the validation layer gives it stand-ins and notes the damage.
    """
    claims = ClaimRow.__table__
    # NOTE: the long texts stay in the database: the messages show at most 60 characters of
    # the quote, and the rationale rule only asks whether anything but spaces was written.
    # Reading whole rationales and sorting in SQL took most of a second per 100,000 claims.
    rationale_start = func.substr(func.ltrim(claims.c.rationale, WHITESPACE), 1, 1)
    query = select(
        claims.c.id,
        func.substr(claims.c.exact, 1, QUOTE_SHOWN + 1),
        claims.c.verdict,
        rationale_start,
        claims.c.status,
        claims.c.approved_by,
        claims.c.article_id,
        claims.c.start_offset,
    ).where(or_(claims.c.verdict.is_not(None), claims.c.status.in_((APPROVED, PUBLISHED))))
    rows = session.execute(query).all()
    links, sources = ClaimSourceRow.__table__, SourceRow.__table__
    kinds: dict[int, list[SourceKind]] = {}
    damaged: list[int] = []
    known = {kind: SourceKind(kind) for kind in ("", *SOURCE_KINDS)}
    for claim_id, kind in session.execute(
        select(links.c.claim_id, sources.c.kind).join(sources, sources.c.id == links.c.source_id)
    ):
        kind_value = known.get(kind) if type(kind) is str else None
        if kind_value is None:
            damaged.append(claim_id)
            continue
        kinds.setdefault(claim_id, []).append(kind_value)
    bad = set(damaged)  # their links are damaged
    placed: list[tuple[int, int, int, ClaimForRules | int]] = []
    for row in rows:
        claim_id, quote, verdict, rationale_start, status, approved_by, article_id, start = row
        if claim_id in bad or tuple(map(type, row)) not in _SOUND_RULE_ROW or status not in STATUSES:
            # Its place is kept (by a position that may itself be damaged: those go first).
            place = (article_id, start) if type(article_id) is int and type(start) is int else (-1, -1)
            placed.append((*place, claim_id, claim_id))
            continue
        subject = ClaimForRules(
            claim_id, quote, verdict, rationale_start, status, approved_by, tuple(kinds.get(claim_id, ()))
        )
        placed.append((article_id, start, claim_id, subject))
    placed.sort(key=lambda entry: entry[:3])  # the table's order: article, position, id
    return [entry[3] for entry in placed]


QUOTE_SHOWN = 60  # characters of a quote a Problems message shows
# What str.strip() removes: every character Python counts as a space (written out: finding them
# by testing all of Unicode took 0.4 s at every start; tests/services/test_problems_whole_project.py
# checks the list against Python's own).
WHITESPACE = (
    "\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680\u2000\u2001"
    "\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SOUND_RULE_ROW = frozenset({(int, str, verdict, str, str, str, int, int) for verdict in (str, type(None))})
