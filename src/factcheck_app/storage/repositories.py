"""Row ↔ domain conversions and the few lookups every use case shares."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import Integer, String, cast, func, select, update
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import Anchor
from factcheck_app.domain.articles import Article, PageSpan, TextBlock
from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import NotFound
from factcheck_app.domain.sources import Evidence, Source
from factcheck_app.domain.verdicts import Verdict, VerdictScale
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


def structure_from_json(data: str) -> tuple[tuple[TextBlock, ...], tuple[PageSpan, ...]]:
    if not data:
        return (), ()
    parsed = json.loads(data)
    return (
        tuple(TextBlock(s, e, kind, level) for s, e, kind, level in parsed.get("blocks", [])),
        tuple(PageSpan(s, e, label) for s, e, label in parsed.get("pages", [])),
    )


def article_from_row(row: ArticleRow) -> Article:
    blocks, pages = structure_from_json(row.structure)
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


def source_from_row(row: SourceRow) -> Source:
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


def claim_from_row(row: ClaimRow) -> Claim:
    return Claim(
        id=row.id,
        article_id=row.article_id,
        anchor=Anchor(row.start_offset, row.end_offset, row.exact, row.prefix, row.suffix),
        tags=tuple(link.tag.name for link in row.tag_links),
        verdict=row.verdict,
        rationale=row.rationale,
        sources=tuple(source_from_row(link.source) for link in row.source_links),
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
        evidence=tuple(
            Evidence(source_from_row(link.source), link.excerpt, link.location, link.stance)
            for link in row.source_links
        ),
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
    return VerdictScale(
        name=name.value if name else "Custom",
        verdicts=tuple(Verdict(r.label, r.rating_value, r.colour, r.description) for r in rows),
    )


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
    bumped = session.execute(
        update(SettingRow)
        .where(SettingRow.key == EDIT_COUNTER_KEY)
        .values(value=cast(cast(func.coalesce(func.nullif(SettingRow.value, ""), "0"), Integer) + 1, String))
        .execution_options(synchronize_session=False)
    )
    if bumped.rowcount == 0:  # type: ignore[attr-defined]
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
        row = session.get(ArticleRow, article_id)
        state = None
        if row is not None:
            state = {
                k: _jsonable(getattr(row, k))
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
        values = {key: (row.value if (row := session.get(SettingRow, key)) is not None else None) for key in changed}
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


def load_history(session: Session, entity: str, entity_id: int) -> list[HistoryRow]:
    return list(
        session.scalars(
            select(HistoryRow)
            .where(HistoryRow.entity == entity, HistoryRow.entity_id == entity_id)
            .order_by(HistoryRow.id)
        )
    )


def attachment_from_row(row: AttachmentRow) -> Attachment:
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
