"""Row ↔ domain conversions and the few lookups every use case shares."""

from __future__ import annotations

import contextlib
import json
import typing
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from itertools import product
from operator import attrgetter
from typing import Any

from sqlalchemy import CursorResult, Integer, String, cast, func, select, update
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import ANCHOR_STATES, ORPHANED, Anchor
from factcheck_app.domain.articles import Article, PageSpan, TextBlock
from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.claims import DRAFT, STATUSES, Claim
from factcheck_app.domain.damage import DamagedValue
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.sources import SOURCE_KINDS, STANCES, Evidence, Source
from factcheck_app.domain.verdicts import NO_VERDICT_COLOUR, PRESETS, Verdict, VerdictScale
from factcheck_app.storage.orm import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    ClaimSourceRow,
    ClaimTagRow,
    HistoryRow,
    SettingRow,
    SourceRow,
    TagRow,
    VerdictRow,
)
from factcheck_app.storage.validation import (
    EDIT_COUNTER,
    damage_in_row,
    is_colour,
    note_damage,
    table_rules,
)

# NOTE: rows become domain values here, and only here. Each loader runs a cheap type test on
# every row (``_sound``); a row that fails it goes the slow way: ``storage.validation`` names
# what is damaged, the domain value gets a safe stand-in for it (below), and the damage is
# noted for the command to report. Intact rows never leave the fast path.

EPOCH = datetime(1970, 1, 1)
_STR, _INT, _DATE, _DATETIME = (str,), (int,), (date, type(None)), (datetime,)
_OPT_STR, _OPT_INT, _OPT_DATETIME = (str, type(None)), (int, type(None)), (datetime, type(None))
_RULES = table_rules()


def _accepting(*types: tuple[type, ...]) -> frozenset[tuple[type, ...]]:
    """Every sound combination of column types (a few: only some columns may be None)."""
    return frozenset(product(*types))


def _sound(values: tuple[Any, ...], accepted: frozenset[tuple[type, ...]]) -> bool:
    # NOTE: one set lookup of the row's types; a per-column loop cost 7 µs a row, 1.4 s per
    # 100,000 claims. Exact types: a bool is not a sound int.
    return tuple(map(type, values)) in accepted


def _columns(row: object, names: Sequence[str]) -> dict[str, object]:
    return {name: getattr(row, name) for name in names}


def _damage(table: str, row: object, **extra: Any) -> tuple[dict[str, object], set[str]]:
    """The row's values and the names of its damaged columns (noted for the command to report)."""
    values = _columns(row, list(_RULES[table]))
    found = damage_in_row(table, values, _RULES[table], **extra)
    note_damage(found)
    return values, {d.column for d in found}


def _text(value: object) -> str:
    """A stand-in for damaged text: bytes decoded with U+FFFD, anything else as written."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


_TEXT = object()  # the stand-in for damaged text: what is there, decoded


def _stand_in(values: Mapping[str, object], bad: set[str], column: str, default: object) -> Any:
    if column not in bad:
        return values[column]
    return _text(values[column]) if default is _TEXT else default


def structure_to_json(blocks: Sequence[TextBlock], pages: Sequence[PageSpan]) -> str:
    if not blocks and not pages:
        return ""
    return json.dumps(
        {
            "blocks": [[b.start, b.end, b.kind, b.level] for b in blocks],
            "pages": [[p.start, p.end, p.label] for p in pages],
        },
        separators=(",", ":"),
    )


def structure_from_json(
    data: str, text_length: int | None = None
) -> tuple[tuple[TextBlock, ...], tuple[PageSpan, ...]]:
    """An article's blocks and pages; raises ValueError for JSON that is not the app's
    (``article_from_row`` then shows the article without structure)."""
    if not data:
        return (), ()
    parsed = json.loads(data)
    try:
        blocks = tuple(TextBlock(s, e, kind, level) for s, e, kind, level in parsed.get("blocks", []))
        pages = tuple(PageSpan(s, e, label) for s, e, label in parsed.get("pages", []))
    except (AttributeError, TypeError) as error:
        raise ValueError(f"not the shape of a structure: {error}") from error
    spans: tuple[TextBlock | PageSpan, ...] = (*blocks, *pages)
    for span in spans:
        if type(span.start) is not int or type(span.end) is not int or not 0 <= span.start <= span.end:
            raise ValueError("a span's positions are not whole numbers in order")
        if text_length is not None and span.end > text_length:
            raise ValueError("a span ends past the end of the text")
    return blocks, pages


_ARTICLE = attrgetter(
    "title", "text", "url", "author", "published", "content_hash", "imported_at", "original_name", "format",
    "site_name", "structure", "revision_of", "revision", "version",
)  # fmt: skip
_ARTICLE_TYPES = _accepting(
    _STR, _STR, _STR, _STR, _DATE, _STR, _DATETIME, _STR, _STR, _STR, _STR, _OPT_INT, _INT, _INT
)


def article_from_row(row: ArticleRow) -> Article:
    if not _sound(_ARTICLE(row), _ARTICLE_TYPES):
        return _damaged_article(row)
    try:
        blocks, pages = structure_from_json(row.structure, len(row.text))
    except ValueError:
        return _damaged_article(row)
    return Article(
        id=row.id,
        title=row.title,
        text=row.text,
        url=row.url,
        author=row.author,
        published=row.published,
        content_hash=row.content_hash,
        imported_at=row.imported_at,
        original_name=row.original_name,
        format=row.format,
        site_name=row.site_name,
        blocks=blocks,
        pages=pages,
        revision_of=row.revision_of,
        revision=row.revision,
        version=row.version,
    )


def _damaged_article(row: ArticleRow) -> Article:
    """The article with stand-ins: no structure (plain paragraphs) for a damaged one."""
    values, bad = _damage("articles", row)
    text = _text(values["text"])

    def value(column: str, default: object = _TEXT) -> Any:
        return _stand_in(values, bad, column, default)

    blocks: tuple[TextBlock, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    if "structure" not in bad and isinstance(values["structure"], str):
        with contextlib.suppress(ValueError):
            blocks, pages = structure_from_json(values["structure"], len(text))
    return Article(
        id=row.id,
        title=value("title"),
        text=text,
        url=value("url"),
        author=value("author"),
        published=value("published", None),
        content_hash=value("content_hash"),
        imported_at=value("imported_at", EPOCH),
        original_name=value("original_name"),
        format=value("format"),
        site_name=value("site_name"),
        blocks=blocks,
        pages=pages,
        revision_of=value("revision_of", None),
        revision=value("revision", 1),
        version=value("version", 0),
    )


_SOURCE = attrgetter("url", "title", "publisher", "accessed", "note", "author", "published", "kind", "version")
_SOURCE_TYPES = _accepting(_STR, _STR, _STR, _DATE, _STR, _STR, _DATE, _STR, _INT)
_KINDS = frozenset(("", *SOURCE_KINDS))


def source_from_row(row: SourceRow | Source) -> Source:
    if isinstance(row, Source):  # converted once already: many claims cite the same source
        return row
    if not _sound(_SOURCE(row), _SOURCE_TYPES) or row.kind not in _KINDS:
        values, bad = _damage("sources", row)

        def value(column: str, default: object = _TEXT) -> Any:
            return _stand_in(values, bad, column, default)

        return Source(
            id=row.id,
            url=value("url"),
            title=value("title"),
            publisher=value("publisher"),
            accessed=value("accessed", None),
            note=value("note"),
            author=value("author"),
            published=value("published", None),
            kind=value("kind", ""),
            version=value("version", 0),
        )
    return Source(
        id=row.id,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        accessed=row.accessed,
        note=row.note,
        author=row.author,
        published=row.published,
        kind=row.kind,
        version=row.version,
    )


_CLAIM = attrgetter(
    "article_id", "start_offset", "end_offset", "exact", "prefix", "suffix", "verdict", "rationale", "restated",
    "claimant", "claim_date", "assignee", "reviewer", "approved_by", "approved_at", "created_by", "created_at",
    "updated_by", "updated_at", "version", "anchor_method", "checked_wording",
)  # fmt: skip
_CLAIM_TYPES = _accepting(
    _INT, _INT, _INT, _STR, _STR, _STR, _OPT_STR, _STR, _STR, _STR, _DATE, _STR, _STR, _STR, _OPT_DATETIME,
    _STR, _DATETIME, _STR, _DATETIME, _INT, _STR, _STR,
)  # fmt: skip


def _similarity_sound(value: object) -> bool:
    return value is None or (type(value) is float and 0.0 <= value <= 1.0)


_EVIDENCE = attrgetter("excerpt", "location", "stance")
_EVIDENCE_TYPES = _accepting(_STR, _STR, _STR)
_STANCES = frozenset(("", *STANCES))


def claim_from_row(row: ClaimRow) -> Claim:
    if (
        not _sound(_CLAIM(row), _CLAIM_TYPES)
        or row.anchor_state not in ANCHOR_STATES
        or row.status not in STATUSES
        or not 0 <= row.start_offset <= row.end_offset
        or not _similarity_sound(row.anchor_similarity)
    ):
        return _damaged_claim(row)
    evidence = _evidence_of(row)
    return Claim(
        id=row.id,
        article_id=row.article_id,
        anchor=Anchor(row.start_offset, row.end_offset, row.exact, row.prefix, row.suffix),
        tags=_tags_of(row),
        verdict=row.verdict,
        rationale=row.rationale,
        sources=tuple(e.source for e in evidence),
        created_by=row.created_by,
        created_at=row.created_at,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        version=row.version,
        anchor_state=row.anchor_state,
        restated=row.restated,
        claimant=row.claimant,
        claim_date=row.claim_date,
        status=row.status,
        assignee=row.assignee,
        reviewer=row.reviewer,
        approved_by=row.approved_by,
        approved_at=row.approved_at,
        evidence=evidence,
        anchor_similarity=row.anchor_similarity,
        anchor_method=row.anchor_method,
        checked_wording=row.checked_wording,
    )


def _tags_of(row: ClaimRow) -> tuple[str, ...]:
    links = row.tag_links
    if all(link.tag is not None for link in links):
        return tuple(link.tag.name for link in links)
    _missing(row, "claim_tags", "tag_id", [link.tag_id for link in links if link.tag is None])
    return tuple(link.tag.name for link in links if link.tag is not None)


def _evidence_of(row: ClaimRow) -> tuple[Evidence, ...]:
    links = row.source_links
    if all(link.source is not None for link in links):
        return tuple(_evidence(link) for link in links)
    _missing(row, "claim_sources", "source_id", [link.source_id for link in links if link.source is None])
    return tuple(_evidence(link) for link in links if link.source is not None)


def _missing(row: ClaimRow, table: str, column: str, ids: list[int]) -> None:
    """Links to rows that are gone (a file edited without foreign keys) are left out, and noted."""
    what = "tag" if column == "tag_id" else "source"
    note_damage([DamagedValue(table, f"{row.id}/{i}", column, f"points at {what} {i}, which is missing") for i in ids])


def _evidence(link: ClaimSourceRow) -> Evidence:
    if _sound(_EVIDENCE(link), _EVIDENCE_TYPES) and link.stance in _STANCES:
        return Evidence(source_from_row(link.source), link.excerpt, link.location, link.stance)
    values, bad = _damage("claim_sources", link)
    return Evidence(
        source_from_row(link.source),
        _stand_in(values, bad, "excerpt", _TEXT),
        _stand_in(values, bad, "location", _TEXT),
        _stand_in(values, bad, "stance", ""),
    )


def _damaged_claim(row: ClaimRow) -> Claim:
    """The claim with stand-ins: a damaged position or anchor state shows it orphaned (never
    placed on words it may not be on), a damaged status as a draft, a damaged date as none."""
    values, bad = _damage("claims", row)

    def value(column: str, default: object = _TEXT) -> Any:
        return _stand_in(values, bad, column, default)

    anchor = Anchor(0, 0, value("exact"), value("prefix"), value("suffix"))
    state = ORPHANED
    if not bad & {"start_offset", "end_offset", "anchor_state"}:
        anchor = Anchor(value("start_offset"), value("end_offset"), anchor.exact, anchor.prefix, anchor.suffix)
        state = value("anchor_state")
    created = value("created_at", None)
    updated = value("updated_at", None)
    evidence = _evidence_of(row)
    return Claim(
        id=row.id,
        article_id=value("article_id", 0),
        anchor=anchor,
        tags=_tags_of(row),
        verdict=value("verdict"),
        rationale=value("rationale"),
        sources=tuple(e.source for e in evidence),
        created_by=value("created_by"),
        created_at=created or updated or EPOCH,
        updated_by=value("updated_by"),
        updated_at=updated or created or EPOCH,
        version=value("version", 0),
        anchor_state=state,
        restated=value("restated"),
        claimant=value("claimant"),
        claim_date=value("claim_date", None),
        status=value("status", DRAFT),
        assignee=value("assignee"),
        reviewer=value("reviewer"),
        approved_by=value("approved_by"),
        approved_at=value("approved_at", None),
        evidence=evidence,
        anchor_similarity=value("anchor_similarity", None),
        anchor_method=value("anchor_method", ""),
        checked_wording=value("checked_wording"),
    )


def get_article_row(session: Session, article_id: int) -> ArticleRow:
    row = session.get(ArticleRow, article_id)
    if row is None:
        raise NotFound(f"There is no article with id {article_id} in this project.")
    return row


def get_claim_row(session: Session, claim_id: int) -> ClaimRow:
    row = session.get(ClaimRow, claim_id)
    if row is None:
        raise NotFound(f"There is no claim with id {claim_id} in this project (was it deleted?).")
    return row


def load_claims(session: Session, article_id: int | None = None, ids: Iterable[int] | None = None) -> list[Claim]:
    query = select(ClaimRow).order_by(ClaimRow.article_id, ClaimRow.start_offset, ClaimRow.id)
    if article_id is not None:
        query = query.where(ClaimRow.article_id == article_id)
    if ids is not None:
        query = query.where(ClaimRow.id.in_(list(ids)))
    return [claim_from_row(row) for row in session.scalars(query)]


def load_scale(session: Session) -> VerdictScale:
    rows = session.scalars(select(VerdictRow).order_by(VerdictRow.position)).all()
    name = session.get(SettingRow, "verdict_scale_name")
    return VerdictScale(name=name.value if name else "Custom", verdicts=tuple(_verdict(r) for r in rows))


def _verdict(row: VerdictRow) -> Verdict:
    rating, colour = row.rating_value, row.colour
    if type(rating) is int and 1 <= rating <= 10 and is_colour(colour):
        return Verdict(row.label, rating, colour, row.description)
    _values, bad = _damage("verdicts", row)
    if "rating_value" in bad:
        rating = preset_rating(row.label)
    return Verdict(row.label, rating, NO_VERDICT_COLOUR if "colour" in bad else colour, row.description)


def preset_rating(label: str) -> int:
    """A damaged rating's stand-in: the label's rating in the app's presets, else the worst (1)."""
    for scale in PRESETS:
        verdict = scale.get(label)
        if verdict is not None:
            return verdict.rating_value
    return 1


def store_scale(session: Session, scale: VerdictScale) -> None:
    session.merge(SettingRow(key="verdict_scale_name", value=scale.name))
    for position, verdict in enumerate(scale.verdicts):
        session.add(
            VerdictRow(
                label=verdict.label,
                rating_value=verdict.rating_value,
                colour=verdict.colour,
                description=verdict.description,
                position=position,
            )
        )


def tag_rows(session: Session, names: Sequence[str]) -> list[TagRow]:
    """Existing tags by name (case-insensitive), creating the missing ones.

    NOTE: compared in Python with casefold(): SQLite's lower() folds ASCII only, so
    "Économie" and "économie" would otherwise be two tags and break the unique name.
    """
    existing = {row.name.casefold(): row for row in session.scalars(select(TagRow))}
    rows: list[TagRow] = []
    for name in names:
        row = existing.get(name.casefold())
        if row is None:
            row = TagRow(name=name, colour="")
            session.add(row)
            session.flush()
            existing[name.casefold()] = row
        rows.append(row)
    return rows


def set_claim_tags(session: Session, claim: ClaimRow, names: Sequence[str]) -> None:
    claim.tag_links.clear()
    session.flush()
    for position, tag in enumerate(tag_rows(session, names)):
        claim.tag_links.append(ClaimTagRow(tag_id=tag.id, position=position, tag=tag))


def link_source(
    claim: ClaimRow,
    source: SourceRow,
    position: int | None = None,
    *,
    excerpt: str = "",
    location: str = "",
    stance: str = "",
) -> None:
    if position is None:
        position = max((link.position for link in claim.source_links), default=-1) + 1
    claim.source_links.append(
        ClaimSourceRow(
            source_id=source.id,
            position=position,
            source=source,
            excerpt=excerpt,
            location=location,
            stance=stance,
        )
    )
    claim.source_links.sort(key=lambda link: link.position)


EDIT_COUNTER_KEY = "edit_counter"


def bump_edit_counter(session: Session) -> None:
    """Count committed edits, so backups can tell whether anything changed since the last one."""
    # NOTE: one UPDATE computing the new value in the database: read-then-write in Python
    # would lose counts when two analysts commit at once on a server.
    bumped = typing.cast(
        "CursorResult[Any]",
        session.execute(
            update(SettingRow)
            .where(SettingRow.key == EDIT_COUNTER_KEY)
            .values(value=cast(cast(func.coalesce(func.nullif(SettingRow.value, ""), "0"), Integer) + 1, String))
            .execution_options(synchronize_session=False)
        ),
    )  # an UPDATE's result is a cursor's: it has a row count
    if bumped.rowcount == 0:
        session.add(SettingRow(key=EDIT_COUNTER_KEY, value="1"))


def _jsonable(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def record_history(
    session: Session,
    *,
    analyst: str,
    at: datetime,
    action: str,
    claims: Iterable[int],
    articles: Iterable[int],
    settings: Iterable[str] = (),
) -> list[int]:
    """Append the state after an edit of every claim, article and setting it touched (append-only).

    Returns the ids of the new history rows (live updates in this window skip its own).
    """
    from dataclasses import asdict

    session.flush()
    added: list[HistoryRow] = []
    for claim_id in sorted(set(claims)):
        row = session.get(ClaimRow, claim_id)
        state = None if row is None else _jsonable(asdict(claim_from_row(row)))
        added.append(
            HistoryRow(
                at=at,
                analyst=analyst,
                entity="claim",
                entity_id=claim_id,
                action=action,
                state=json.dumps(state, ensure_ascii=False, sort_keys=True),
            )
        )
    for article_id in sorted(set(articles)):
        article_row = session.get(ArticleRow, article_id)
        state = None
        if article_row is not None:
            state = {
                k: _jsonable(getattr(article_row, k))
                for k in ("title", "url", "author", "published", "site_name", "revision", "content_hash")
            }
        added.append(
            HistoryRow(
                at=at,
                analyst=analyst,
                entity="article",
                entity_id=article_id,
                action=action,
                state=json.dumps(state, ensure_ascii=False, sort_keys=True),
            )
        )
    # "tags" and "verdict_scale" are not rows of settings: their effect is logged on the claims,
    # the scale also by its name's setting, the codebook by one entry (other windows reload it).
    changed = sorted({"verdict_scale_name" if key == "verdict_scale" else key for key in settings} - {"tags"})
    if changed:
        values = {
            key: (setting.value if (setting := session.get(SettingRow, key)) is not None else None) for key in changed
        }
        if "verdict_scale" in settings:
            values["verdict_scale"] = "changed"
        added.append(
            HistoryRow(
                at=at,
                analyst=analyst,
                entity="setting",
                entity_id=0,
                action=action,
                state=json.dumps(values, ensure_ascii=False, sort_keys=True),
            )
        )
    if "tags" in settings:
        added.append(HistoryRow(at=at, analyst=analyst, entity="codebook", entity_id=0, action=action, state="null"))
    session.add_all(added)
    session.flush()
    return [row.id for row in added]


def history_state(row: HistoryRow) -> dict[str, object] | None:
    """A history entry's state; a damaged one reads as ``{"damaged": …}`` (an entry whose
    state is not known), never as a deleted thing, and is noted for the command to report."""
    state = row.state
    with contextlib.suppress(ValueError, TypeError):
        parsed = json.loads(state)
        if parsed is None or isinstance(parsed, dict):
            return parsed
    _damage("history", row)
    return {"damaged": "this entry of the history is damaged (Check project repairs it)"}


def edit_count(settings: Mapping[str, str]) -> int:
    """The project's count of edits; a damaged one counts as 0 (the next edit sets it again)."""
    value = settings.get(EDIT_COUNTER, "0") or "0"
    return int(value) if value.isascii() and value.isdigit() else 0


def load_history(session: Session, entity: str, entity_id: int) -> list[HistoryRow]:
    return list(
        session.scalars(
            select(HistoryRow)
            .where(HistoryRow.entity == entity, HistoryRow.entity_id == entity_id)
            .order_by(HistoryRow.id)
        )
    )


_ATTACHMENT = attrgetter("source_id", "sha256", "name", "media_type", "size", "added_at", "added_by")
_ATTACHMENT_TYPES = _accepting(_INT, _STR, _STR, _STR, _INT, _DATETIME, _STR)


def attachment_from_row(row: AttachmentRow) -> Attachment:
    if not _sound(_ATTACHMENT(row), _ATTACHMENT_TYPES):
        values, bad = _damage("attachments", row)

        def value(column: str, default: object = _TEXT) -> Any:
            return _stand_in(values, bad, column, default)

        return Attachment(
            id=row.id,
            source_id=value("source_id", 0),
            sha256=value("sha256"),
            name=value("name"),
            media_type=value("media_type", "application/octet-stream"),
            size=value("size", 0),
            added_at=value("added_at", EPOCH),
            added_by=value("added_by"),
        )
    return Attachment(
        id=row.id,
        source_id=row.source_id,
        sha256=row.sha256,
        name=row.name,
        media_type=row.media_type,
        size=row.size,
        added_at=row.added_at,
        added_by=row.added_by,
    )
