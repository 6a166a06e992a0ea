"""Every claim of a project, a batch at a time: for exports that must not hold them all.

``load_claims_fast`` reads every claim into one list: 1 GB for a 100,000-claim export and a
MemoryError for a million. Here one ordered query is streamed (SQLite sorts it article by
article; PostgreSQL uses a server-side cursor), beside the tags' and the evidence's links read
in the same order, so memory holds one batch whatever the size of the project (a sort the
database needs stays in the database, which spills it to disk). Rows become
claims through the same ``claim_from_row`` as everywhere, so damaged values get the same
stand-ins and notes; ``publish_batches`` gives sound rows as the light ``ClaimToPublish``
(domain/published_claims.py) instead. The order is the table's: article, position, id.

Articles come without their text (``article_heads``): exports name an article, never quote
it whole, and a desk's articles are tens of megabytes.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Generator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from itertools import product
from operator import itemgetter
from typing import Any

from sqlalchemy import Result, Select, func, literal, select
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import ANCHOR_STATES
from factcheck_app.domain.articles import Article
from factcheck_app.domain.claims import STATUSES, Claim
from factcheck_app.domain.published_claims import AnchorToPublish, ClaimToPublish, PublishedClaim
from factcheck_app.domain.sources import STANCES, Source
from factcheck_app.storage.orm import ArticleRow, ClaimRow, ClaimSourceRow, ClaimTagRow, SourceRow, TagRow
from factcheck_app.storage.repositories import article_from_row, claim_from_row, source_from_row

BATCH = 500  # claims per batch: progress and cancel are looked at this often

_CLAIMS = ClaimRow.__table__
_TAG_LINKS = ClaimTagRow.__table__
_SOURCE_LINKS = ClaimSourceRow.__table__
_SOURCES = SourceRow.__table__
_ARTICLES = ArticleRow.__table__


# Tuples read like the ORM rows ``claim_from_row`` expects (attribute per column), plus the links.
def _tuple_type(name: str, fields: list[str]) -> Any:
    return namedtuple(name, fields)


_ClaimRecord = _tuple_type("ClaimRecord", [*_CLAIMS.columns.keys(), "tag_links", "source_links"])
_TagLink = _tuple_type("TagLink", [*_TAG_LINKS.columns.keys(), "tag"])
_SourceLink = _tuple_type("SourceLink", [*_SOURCE_LINKS.columns.keys(), "source"])
_SourceRecord = _tuple_type("SourceRecord", list(_SOURCES.columns.keys()))


def count_claims(session: Session) -> int:
    """How many claims an export will write (counted by the database, in the export's transaction)."""
    return int(session.scalar(select(func.count()).select_from(_CLAIMS)) or 0)


def claim_batches(session: Session, size: int = BATCH) -> Generator[list[Claim], None, None]:
    """Every claim in table order, ``size`` at a time, all from ``session``'s one transaction."""
    with closing(_linked_batches(session, size)) as batches:
        for batch in batches:
            yield [claim_from_row(batch.record(row)) for row in batch.rows]


def publish_batches(session: Session, size: int = BATCH) -> Generator[list[PublishedClaim], None, None]:
    """Like ``claim_batches``, each claim as what the open exports publish: a ``ClaimToPublish``
    when its row is sound, else the whole ``Claim`` the validation layer makes of it."""
    sources: dict[int, Source] = {}  # a source cited by many claims is one value
    with closing(_linked_batches(session, size)) as batches:
        for batch in batches:
            if len(sources) > _SOURCES_KEPT:
                sources.clear()
            yield [_to_publish(row, batch, sources) for row in batch.rows]


# NOTE: a row passing this check is one ``claim_from_row`` builds on its fast path, with no
# stand-in and nothing to note, so the light value holds exactly what the Claim would. The
# types are those of the claims table (tests/exporters/test_streaming_exports.py checks that
# every column is named); any other row goes the whole way.
_CLAIM_COLUMN_TYPES: dict[str, tuple[type, ...]] = {
    "id": (int,), "article_id": (int,), "start_offset": (int,), "end_offset": (int,), "exact": (str,),
    "prefix": (str,), "suffix": (str,), "verdict": (str, type(None)), "rationale": (str,),
    "anchor_state": (str,), "anchor_similarity": (float, type(None)), "anchor_method": (str,),
    "checked_wording": (str,), "restated": (str,), "claimant": (str,), "claim_date": (date, type(None)),
    "status": (str,), "assignee": (str,), "reviewer": (str,), "approved_by": (str,),
    "approved_at": (datetime, type(None)), "created_by": (str,), "created_at": (datetime,),
    "updated_by": (str,), "updated_at": (datetime,), "version": (int,),
}  # fmt: skip
_COLUMN_NAMES: list[str] = list(_CLAIMS.columns.keys())
_CHECKED = [name for name in _COLUMN_NAMES if name in _CLAIM_COLUMN_TYPES]
_CHECKED_VALUES = itemgetter(*(_COLUMN_NAMES.index(name) for name in _CHECKED))
_SOUND_TYPES = frozenset(product(*(_CLAIM_COLUMN_TYPES[name] for name in _CHECKED)))
_ANCHOR_STATES = frozenset(ANCHOR_STATES)
_STATUSES = frozenset(STATUSES)
_STANCES = frozenset(("", *STANCES))
_SOURCES_KEPT = 4096


_FIELDS = (
    "id", "article_id", "start_offset", "end_offset", "exact", "prefix", "suffix", "verdict", "rationale",
    "created_by", "created_at", "updated_at", "anchor_state", "restated", "claimant", "claim_date", "status",
    "anchor_similarity",
)  # fmt: skip
_ID = _COLUMN_NAMES.index("id")
_FIELD_VALUES = itemgetter(*(_COLUMN_NAMES.index(name) for name in _FIELDS))  # by index: a Row's names are slow


def _to_publish(row: Any, batch: _Batch, sources: dict[int, Source]) -> PublishedClaim:
    (
        claim_id, article_id, start, end, exact, prefix, suffix, verdict, rationale,
        created_by, created_at, updated_at, state, restated, claimant, claim_date, status, similarity,
    ) = _FIELD_VALUES(row)  # fmt: skip
    if (
        tuple(map(type, _CHECKED_VALUES(row))) not in _SOUND_TYPES
        or state not in _ANCHOR_STATES
        or status not in _STATUSES
        or not 0 <= start <= end
        or not (similarity is None or 0.0 <= similarity <= 1.0)
    ):
        return claim_from_row(batch.record(row))
    tags = []
    for link in batch.tags_of.get(claim_id, ()):
        tag = batch.tags.get(link[_TAG_ID])
        if tag is None:
            return claim_from_row(batch.record(row))  # a missing tag: left out there, and noted
        tags.append(tag.name)
    cited = []
    for link in batch.sources_of.get(claim_id, ()):
        excerpt, location, stance = _EVIDENCE_VALUES(link)
        if (
            link[_SOURCE_ROW_ID] is None  # the joined source's id: none, the source is missing
            or type(excerpt) is not str
            or type(location) is not str
            or type(stance) is not str
            or stance not in _STANCES
        ):
            return claim_from_row(batch.record(row))
        source_id = link[_SOURCE_ID]
        source = sources.get(source_id)
        if source is None:
            source = sources[source_id] = source_from_row(_SourceRecord(*link[_SOURCE_WIDTH:]))
        cited.append(source)
    return ClaimToPublish(
        claim_id,
        article_id,
        AnchorToPublish(start, end, exact, prefix, suffix),
        tuple(tags),
        verdict,
        rationale,
        tuple(cited),
        created_by,
        created_at,
        updated_at,
        state,
        restated,
        claimant,
        claim_date,
    )


# Link rows are read by index too: their claim, tag and source ids, the evidence's fields.
_TAG_LINK_NAMES: list[str] = list(_TAG_LINKS.columns.keys())
_SOURCE_LINK_NAMES: list[str] = list(_SOURCE_LINKS.columns.keys())
_TAG_ID = _TAG_LINK_NAMES.index("tag_id")
_SOURCE_ID = _SOURCE_LINK_NAMES.index("source_id")
_SOURCE_WIDTH = len(_SOURCE_LINK_NAMES)  # the source's own columns follow the link's
_SOURCE_ROW_ID = _SOURCE_WIDTH + list(_SOURCES.columns.keys()).index("id")
_EVIDENCE_VALUES = itemgetter(*(_SOURCE_LINK_NAMES.index(name) for name in ("excerpt", "location", "stance")))
_LinksOf = dict[int, list[Any]]  # claim id → its link rows, in order


@dataclass(frozen=True, slots=True)
class _Batch:
    """Claim rows with the tag and evidence link rows of each (by claim id), and the tags."""

    rows: Sequence[Any]
    tags_of: _LinksOf
    sources_of: _LinksOf
    tags: dict[int, Any]

    def record(self, row: Any) -> Any:
        """The claim row with its links, read like the ORM row ``claim_from_row`` expects."""
        claim_id = row[_ID]
        tag_links = [_TagLink(*link, self.tags.get(link[_TAG_ID])) for link in self.tags_of.get(claim_id, ())]
        source_links = [
            _SourceLink(
                *link[:_SOURCE_WIDTH],
                _SourceRecord(*link[_SOURCE_WIDTH:]) if link[_SOURCE_ROW_ID] is not None else None,
            )
            for link in self.sources_of.get(claim_id, ())
        ]
        return _ClaimRecord(*row, tag_links, source_links)


def _linked_batches(session: Session, size: int) -> Generator[_Batch, None, None]:
    """Claim rows, ``size`` at a time, with the tag and evidence links of each batch's claims."""
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
        ),
        _TAG_LINK_NAMES.index("claim_id"),
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
        ),
        _SOURCE_LINK_NAMES.index("claim_id"),
    )
    try:
        for rows in claims.partitions(size):
            ids = {row[_ID] for row in rows}
            yield _Batch(rows, tag_links.take(ids), source_links.take(ids), tags)
    finally:
        for result in (claims, tag_links.result, source_links.result):
            result.close()


def _stream(session: Session, query: Select[Any], size: int) -> Result[Any]:
    """Rows fetched as they are used (a server-side cursor on PostgreSQL), not all at once."""
    return session.execute(query, execution_options={"stream_results": True, "max_row_buffer": size})


class _Links:
    """Link rows ordered like the claims: a batch takes those at the head that are its own
    (the links of the next batch's claims come after them all), grouped by claim id."""

    def __init__(self, result: Result[Any], claim_column: int) -> None:
        self.result = result
        self._claim = claim_column
        self._rows = iter(result)
        self._head: Any = next(self._rows, None)

    def take(self, claims: set[int]) -> _LinksOf:
        taken: _LinksOf = {}
        head, rows, column = self._head, self._rows, self._claim
        while head is not None and head[column] in claims:
            taken.setdefault(head[column], []).append(head)
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
