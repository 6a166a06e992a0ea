"""Every claim of a project, a batch at a time: for exports that must not hold them all.

``load_claims_fast`` reads every claim into one list: 1 GB for a 100,000-claim export and a
MemoryError for a million. Here one ordered query is streamed (SQLite sorts it article by
article; PostgreSQL uses a server-side cursor), beside the tags' and the evidence's links read
in the same order, so memory holds one batch whatever the size of the project (a sort the
database needs stays in the database, which spills it to disk). Rows become
claims through the same ``claim_from_row`` as everywhere, so damaged values get the same
stand-ins and notes. The order is the table's: article, position, id.

Articles come without their text (``article_heads``): exports name an article, never quote
it whole, and a desk's articles are tens of megabytes.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Generator
from typing import Any

from sqlalchemy import Result, Select, func, literal, select
from sqlalchemy.orm import Session

from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import Claim
from factcheck_app.storage.orm import ArticleRow, ClaimRow, ClaimSourceRow, ClaimTagRow, SourceRow, TagRow
from factcheck_app.storage.repositories import article_from_row, claim_from_row

BATCH = 500  # claims per batch: progress and cancel are looked at this often

_CLAIMS = ClaimRow.__table__
_TAG_LINKS = ClaimTagRow.__table__
_SOURCE_LINKS = ClaimSourceRow.__table__
_SOURCES = SourceRow.__table__
_ARTICLES = ArticleRow.__table__


# Tuples read like the ORM rows ``claim_from_row`` expects (attribute per column), plus the links.
def _record(name: str, fields: list[str]) -> Any:
    return namedtuple(name, fields)


_ClaimRecord = _record("ClaimRecord", [*_CLAIMS.columns.keys(), "tag_links", "source_links"])
_TagLink = _record("TagLink", [*_TAG_LINKS.columns.keys(), "tag"])
_SourceLink = _record("SourceLink", [*_SOURCE_LINKS.columns.keys(), "source"])
_SourceRecord = _record("SourceRecord", list(_SOURCES.columns.keys()))


def count_claims(session: Session) -> int:
    """How many claims an export will write (counted by the database, in the export's transaction)."""
    return int(session.scalar(select(func.count()).select_from(_CLAIMS)) or 0)


def claim_batches(session: Session, size: int = BATCH) -> Generator[list[Claim], None, None]:
    """Every claim in table order, ``size`` at a time, all from ``session``'s one transaction."""
    if size < 1:
        raise ValueError("a batch holds at least one claim")
    order = (_CLAIMS.c.article_id, _CLAIMS.c.start_offset, _CLAIMS.c.id)
    tags = {row.id: row for row in session.execute(select(TagRow.__table__))}
    claims = _stream(session, select(_CLAIMS).order_by(*order), size)
    # NOTE: the links are read in the claims' own order (joined to them), so each batch takes
    # the links at the head of these two streams: three sequential reads, no query per batch.
    tag_links = _Links(
        _stream(
            session,
            select(_TAG_LINKS)
            .join(_CLAIMS, _CLAIMS.c.id == _TAG_LINKS.c.claim_id)
            .order_by(*order, _TAG_LINKS.c.position),
            size,
        )
    )
    source_columns = [column.label(f"source_{name}") for name, column in _SOURCES.columns.items()]
    source_links = _Links(
        _stream(
            session,
            select(_SOURCE_LINKS, *source_columns)
            .join(_CLAIMS, _CLAIMS.c.id == _SOURCE_LINKS.c.claim_id)
            .outerjoin(_SOURCES, _SOURCES.c.id == _SOURCE_LINKS.c.source_id)
            .order_by(*order, _SOURCE_LINKS.c.position),
            size,
        )
    )
    width = len(_SOURCE_LINKS.columns)
    try:
        for rows in claims.partitions(size):
            records = [_ClaimRecord(*row, [], []) for row in rows]
            by_id = {record.id: record for record in records}
            for link in tag_links.take(by_id):
                by_id[link.claim_id].tag_links.append(_TagLink(*link, tags.get(link.tag_id)))
            for link in source_links.take(by_id):
                source = _SourceRecord(*link[width:]) if link[width] is not None else None
                by_id[link.claim_id].source_links.append(_SourceLink(*link[:width], source))
            yield [claim_from_row(record) for record in records]
    finally:
        for result in (claims, tag_links.result, source_links.result):
            result.close()


def _stream(session: Session, query: Select[Any], size: int) -> Result[Any]:
    """Rows fetched as they are used (a server-side cursor on PostgreSQL), not all at once."""
    return session.execute(query, execution_options={"stream_results": True, "max_row_buffer": size})


class _Links:
    """Link rows ordered like the claims: a batch takes those at the head that are its own
    (the links of the next batch's claims come after them all)."""

    def __init__(self, result: Result[Any]) -> None:
        self.result = result
        self._rows = iter(result)
        self._head: Any = next(self._rows, None)

    def take(self, claims: dict[int, Any]) -> list[Any]:
        taken = []
        head, rows = self._head, self._rows
        while head is not None and head.claim_id in claims:
            taken.append(head)
            head = next(rows, None)
        self._head = head
        return taken


def article_heads(session: Session) -> dict[int, Article]:
    """Every article by id, without its text or structure (read as empty)."""
    columns = [
        literal("").label(name) if name in ("text", "structure") else column
        for name, column in _ARTICLES.columns.items()
    ]
    query: Select[Any] = select(*columns).order_by(_ARTICLES.c.id)
    rows: list[Any] = list(session.execute(query))
    return {row.id: article_from_row(row) for row in rows}
