"""Edits: every change an analyst makes, as an object that can be applied and reverted.

The GUI wraps each edit in a QUndoCommand; the CLI just applies it. An edit remembers
what it needs to undo itself (old values, ids it created) from its first ``apply``, and
re-uses the same ids on redo so other edits on the stack still point at the right rows.
Each apply/revert runs in its own short write transaction (see ``Project.apply``).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, cast

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from factcheck_app.domain.anchors import ANCHORED, CHANGED, MOVED, Anchor
from factcheck_app.domain.articles import Article, ArticleDraft, content_hash
from factcheck_app.domain.claims import (
    APPROVED,
    DRAFT,
    IN_REVIEW,
    MAX_RATIONALE_CHARS,
    STATUS_LABELS,
    Claim,
    check_status_change,
)
from factcheck_app.domain.errors import InvalidInput
from factcheck_app.domain.links import clean_link, link_target
from factcheck_app.domain.sources import Evidence, Source, validate_evidence, validate_source
from factcheck_app.domain.tags import normalise_tag, normalise_tags, renamed
from factcheck_app.domain.verdicts import VerdictScale, validate_scale
from factcheck_app.services.changes import Changes, claims_added, claims_removed, claims_updated
from factcheck_app.services.conflicts import EditConflict, Expectation, RowKey, values_of
from factcheck_app.storage.orm import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    ClaimSourceRow,
    ClaimTagRow,
    SettingRow,
    SourceRow,
    TagRow,
    VerdictRow,
)
from factcheck_app.storage.repositories import (
    claim_from_row,
    get_article_row,
    get_claim_row,
    link_source,
    load_scale,
    set_claim_tags,
    source_from_row,
    structure_to_json,
    tag_rows,
)

if TYPE_CHECKING:
    from factcheck_app.domain.reanchor import Reanchored

_KIND_OF: dict[type, str] = {Claim: "claim", Article: "article", Source: "source"}


@dataclass(frozen=True, slots=True)
class EditContext:
    session: Session
    analyst: str
    now: datetime


class Edit:
    """Base class: subclasses set ``text`` (shown in Edit ▸ Undo …) and implement both halves.

    ``fields`` names, per kind of row, the fields the edit writes: when someone else changed
    only *other* fields of the row meanwhile, the edit still goes ahead (see conflicts.py).
    Kinds not named are guarded whole: any change by someone else is a conflict.
    """

    text: str = "Edit"
    fields: dict[str, tuple[str, ...]] = {}
    _expect: dict[RowKey, Expectation] | None = None
    _overrule: bool = False

    def apply(self, ctx: EditContext) -> Changes:
        raise NotImplementedError

    def revert(self, ctx: EditContext) -> Changes:
        raise NotImplementedError

    # -- optimistic concurrency (see services/conflicts.py) --------------------

    def based_on(self, *snapshots: Claim | Article | Source) -> Self:
        """The versions the analyst was looking at when they made this edit."""
        expect = self.expectations()
        for snapshot in snapshots:
            if snapshot.id is not None:
                expect[(_KIND_OF[type(snapshot)], snapshot.id)] = Expectation(snapshot.version, values_of(snapshot))
        return self

    def expectations(self) -> dict[RowKey, Expectation]:
        if self._expect is None:
            self._expect = {}
        return self._expect

    def proposed(self, undo: bool) -> dict[str, object]:
        """Field → the value this step would write (shown as "yours" in a conflict)."""
        return {}

    def rebase(self, conflict: EditConflict) -> None:
        """Go ahead on top of their version: the analyst chose their own change over theirs.

        The edit is now based on the version the dialog showed; a change someone makes
        while the dialog is open is a new conflict. Only state without versions (tags,
        scale, settings) is overruled outright, for the next step.
        """
        if conflict.key is None:
            self._overrule = True
        elif conflict.current is not None:
            if conflict.current.version is None:
                self.expectations().pop(conflict.key, None)
            else:
                self.expectations()[conflict.key] = conflict.current

    def _guard(self, unchanged: bool, *, what: str, undo: bool, detail: str) -> None:
        """For state without a version column: refuse when it is no longer as this edit left it."""
        if unchanged or self._overrule:
            return
        raise EditConflict(what=what, edit_text=self.text, undo=undo, detail=detail)


def _stamp(row: ClaimRow, ctx: EditContext) -> None:
    row.updated_by = ctx.analyst
    row.updated_at = ctx.now


def _find_or_create_source(session: Session, source: Source) -> tuple[SourceRow, bool]:
    """The project's sources are a library: the same URL is one source, used by many claims."""
    if source.id is not None:
        existing = session.get(SourceRow, source.id)
        if existing is not None:
            return existing, False
    if source.url:
        existing = session.scalars(select(SourceRow).where(SourceRow.url == source.url)).first()
        if existing is not None:
            return existing, False
    row = SourceRow(
        id=source.id,
        url=source.url,
        title=source.title,
        publisher=source.publisher,
        accessed=source.accessed,
        note=source.note,
        author=source.author,
        published=source.published,
        kind=source.kind,
    )
    session.add(row)
    session.flush()
    return row, True


def _delete_source_if_unused(session: Session, source_id: int) -> None:
    used = session.scalars(select(ClaimSourceRow).where(ClaimSourceRow.source_id == source_id)).first()
    if used is None:
        row = session.get(SourceRow, source_id)
        if row is not None:
            session.delete(row)


class ImportArticle(Edit):
    def __init__(self, draft: ArticleDraft) -> None:
        if not draft.text.strip():
            raise InvalidInput(f"{draft.original_name or 'The article'} has no text to import.")
        if draft.url and link_target(draft.url) is None:
            # NOTE: a page's own metadata or "saved from" comment may name file:, javascript: or
            # a share; it never becomes the article's link (the analyst can type the real one).
            draft = replace(draft, url="")
        self.draft = draft
        self.article_id: int | None = None
        self.text = f"Import “{draft.title}”"

    def apply(self, ctx: EditContext) -> Changes:
        d = self.draft
        row = ArticleRow(
            id=self.article_id,
            title=d.title,
            text=d.text,
            url=d.url,
            author=d.author,
            published=d.published,
            content_hash=content_hash(d.text),
            imported_at=ctx.now,
            original_name=d.original_name,
            format=d.format,
            site_name=d.site_name,
            structure=structure_to_json(d.blocks, d.pages),
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.article_id = row.id
        return Changes(articles_added=frozenset({row.id}))

    def revert(self, ctx: EditContext) -> Changes:
        assert self.article_id is not None
        ctx.session.delete(get_article_row(ctx.session, self.article_id))
        return Changes(articles_removed=frozenset({self.article_id}))


class CreateClaim(Edit):
    text = "New claim"

    def __init__(
        self,
        article_id: int,
        anchor: Anchor,
        tags: Sequence[str] = (),
        verdict: str | None = None,
        rationale: str = "",
        sources: Sequence[Source] = (),
    ) -> None:
        self.article_id = article_id
        self.anchor = anchor
        self.tags = normalise_tags(tags)
        self.verdict = verdict
        self.rationale = _check_rationale(rationale)
        self.sources = tuple(validate_source(s) for s in sources)
        self.claim_id: int | None = None
        self._created_sources: list[int] = []

    def apply(self, ctx: EditContext) -> Changes:
        article = get_article_row(ctx.session, self.article_id)
        if not self.anchor.matches(article.text):
            raise InvalidInput("The selected words are no longer at that place in the article.")
        verdict = load_scale(ctx.session).resolve(self.verdict)
        row = ClaimRow(
            id=self.claim_id,
            article_id=self.article_id,
            start_offset=self.anchor.start,
            end_offset=self.anchor.end,
            exact=self.anchor.exact,
            prefix=self.anchor.prefix,
            suffix=self.anchor.suffix,
            verdict=verdict,
            rationale=self.rationale,
            created_by=ctx.analyst,
            created_at=ctx.now,
            updated_by=ctx.analyst,
            updated_at=ctx.now,
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.claim_id = row.id
        set_claim_tags(ctx.session, row, self.tags)
        created: list[int] = []
        for index, source in enumerate(self.sources):
            if index < len(self._created_sources):
                source = replace(source, id=self._created_sources[index])
            source_row, was_created = _find_or_create_source(ctx.session, source)
            if was_created:
                created.append(source_row.id)
            link_source(row, source_row)
        self._created_sources = created or self._created_sources
        return claims_added(row.id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self.claim_id is not None
        ctx.session.delete(get_claim_row(ctx.session, self.claim_id))
        ctx.session.flush()
        for source_id in self._created_sources:
            _delete_source_if_unused(ctx.session, source_id)
        return claims_removed(self.claim_id)


class DeleteClaim(Edit):
    text = "Delete claim"

    def __init__(self, claim_id: int) -> None:
        self.claim_id = claim_id
        self._snapshot: Claim | None = None

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        self._snapshot = claim_from_row(row)
        ctx.session.delete(row)
        return claims_removed(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        snap = self._snapshot
        assert snap is not None
        row = ClaimRow(
            id=snap.id,
            article_id=snap.article_id,
            start_offset=snap.anchor.start,
            end_offset=snap.anchor.end,
            exact=snap.anchor.exact,
            prefix=snap.anchor.prefix,
            suffix=snap.anchor.suffix,
            verdict=snap.verdict,
            rationale=snap.rationale,
            anchor_state=snap.anchor_state,
            restated=snap.restated,
            claimant=snap.claimant,
            claim_date=snap.claim_date,
            status=snap.status,
            assignee=snap.assignee,
            reviewer=snap.reviewer,
            approved_by=snap.approved_by,
            approved_at=snap.approved_at,
            created_by=snap.created_by,
            created_at=snap.created_at,
            updated_by=snap.updated_by,
            updated_at=snap.updated_at,
        )
        ctx.session.add(row)
        ctx.session.flush()
        set_claim_tags(ctx.session, row, snap.tags)
        for item in snap.evidence or tuple(Evidence(s) for s in snap.sources):
            source_row, _ = _find_or_create_source(ctx.session, item.source)
            link_source(row, source_row, excerpt=item.excerpt, location=item.location, stance=item.stance)
        return claims_added(snap.id)


def revision_family(revision_of: Mapping[int, int | None], article_id: int) -> list[int]:
    """Every version of the article ``article_id`` belongs to, following ``revision_of`` links
    both ways (older and newer versions), oldest first: each version after the one it revises.

    ``revision_of`` maps every article id of the project to the id of the version it revises.
    """
    newer: dict[int, list[int]] = {}
    for version, older in revision_of.items():
        if older is not None:
            newer.setdefault(older, []).append(version)
    root, seen = article_id, {article_id}
    while (older := revision_of.get(root)) is not None and older in revision_of and older not in seen:
        seen.add(older)
        root = older
    order: list[int] = []
    queue, visited = [root], set()
    while queue:
        version = queue.pop(0)
        if version in visited:
            continue
        visited.add(version)
        order.append(version)
        queue.extend(sorted(newer.get(version, ())))
    return order


@dataclass(frozen=True, slots=True)
class _DeletedClaim:
    """A claim row as it was, with its tags and evidence links, for undoing a delete exactly."""

    columns: dict[str, object]  # every column but the row version
    tags: tuple[tuple[int, str, str, int], ...]  # (tag id, name, colour, position)
    evidence: tuple[tuple[Source, int, str, str, str], ...]  # (source, position, excerpt, location, stance)


def _columns(row: ArticleRow | ClaimRow) -> dict[str, object]:
    return {c.key: getattr(row, c.key) for c in type(row).__table__.columns if c.key != "version"}


class DeleteArticle(Edit):
    """Delete an article with every version of it and all their claims (tags, evidence links).

    NOTE: the whole revision chain goes, not only the version shown. The analyst sees one
    article (its latest version, which holds all the claims) and deletes that article;
    deleting only the latest version would bring the previous one back into the list,
    without claims — undoing "Import new version" is how a version alone is dropped.
    Sources stay in the project's library (as when one claim is deleted), and the history
    keeps its entries (it is append-only): undo puts the article, its versions and every
    claim back with the same ids, anchors, verdicts, tags and evidence, history included.

    ``confirmed_claims``: the claims the analyst agreed to delete ("… and its 7 claims?").
    If the article has others when the edit runs (another analyst added one meanwhile),
    it is refused with an EditConflict instead of deleting their work unseen.
    """

    def __init__(self, article_id: int, *, confirmed_claims: Iterable[int] | None = None, title: str = "") -> None:
        self.article_id = article_id
        self._expected_claims = frozenset(confirmed_claims) if confirmed_claims is not None else None
        self.text = f"Delete article “{title}”" if title else "Delete article"
        self.article_ids: tuple[int, ...] = ()  # every version deleted, oldest first
        self._articles: list[dict[str, object]] = []
        self._claims: list[_DeletedClaim] = []

    def apply(self, ctx: EditContext) -> Changes:
        session = ctx.session
        shown = get_article_row(session, self.article_id)
        links = {row.id: row.revision_of for row in session.execute(select(ArticleRow.id, ArticleRow.revision_of))}
        family = [get_article_row(session, i) for i in revision_family(links, self.article_id)]
        ids = [row.id for row in family]
        claims = session.scalars(select(ClaimRow).where(ClaimRow.article_id.in_(ids)).order_by(ClaimRow.id)).all()
        found = frozenset(row.id for row in claims)
        if self._expected_claims is not None:
            added = len(found - self._expected_claims)
            self._guard(
                found <= self._expected_claims,
                what=f"The article “{shown.title}”",
                undo=False,
                detail=f"{added} claim(s) were added to it since you chose to delete it; look at them first.",
            )
        self.article_ids = tuple(ids)
        self._articles = [_columns(row) for row in family]
        self._claims = [
            _DeletedClaim(
                _columns(row),
                tuple((link.tag_id, link.tag.name, link.tag.colour, link.position) for link in row.tag_links),
                tuple(
                    (source_from_row(link.source), link.position, link.excerpt, link.location, link.stance)
                    for link in row.source_links
                ),
            )
            for row in claims
        ]
        for row in claims:
            session.delete(row)
        session.flush()
        for version in reversed(family):  # newest first: no version is left pointing at a deleted one
            session.delete(version)
            session.flush()
        return Changes(articles_removed=frozenset(ids), claims_removed=found)

    def revert(self, ctx: EditContext) -> Changes:
        session = ctx.session
        taken = [c["id"] for c in self._articles if session.get(ArticleRow, c["id"]) is not None]
        taken += [c.columns["id"] for c in self._claims if session.get(ClaimRow, c.columns["id"]) is not None]
        if taken:
            raise InvalidInput("The deleted article cannot come back: its ids were given to newer articles or claims.")
        labels = set(load_scale(session).labels)
        lost = sorted({str(c.columns["verdict"]) for c in self._claims if c.columns["verdict"] is not None} - labels)
        if lost:
            raise InvalidInput(
                f"The verdict(s) {', '.join(f'“{label}”' for label in lost)} of the deleted claims are no longer "
                "in the verdict scale: add them back to the scale, then undo again."
            )
        for columns in self._articles:  # oldest first: each version after the one it revises
            session.add(ArticleRow(**columns))
            session.flush()
        for claim in self._claims:
            row = ClaimRow(**claim.columns)
            session.add(row)
            session.flush()
            for tag_id, name, colour, position in claim.tags:
                tag = session.get(TagRow, tag_id)
                if tag is None:  # the tag was deleted meanwhile: it comes back with the claim
                    tag = tag_rows(session, [name])[0]
                    tag.colour = tag.colour or colour
                if all(link.tag_id != tag.id for link in row.tag_links):
                    row.tag_links.append(ClaimTagRow(tag_id=tag.id, position=position, tag=tag))
            for source, position, excerpt, location, stance in claim.evidence:
                source_row, _ = _find_or_create_source(session, source)
                if all(link.source_id != source_row.id for link in row.source_links):
                    link_source(row, source_row, position, excerpt=excerpt, location=location, stance=stance)
        session.flush()
        restored = frozenset(cast(int, c.columns["id"]) for c in self._claims)
        self._expected_claims = restored  # a redo deletes these, and refuses if others were added
        return Changes(articles_added=frozenset(self.article_ids), claims_added=restored)


class _UpdateClaim(Edit):
    """Set one attribute, remembering the old value for undo."""

    field_name = ""

    def __init__(self, claim_id: int) -> None:
        self.claim_id = claim_id
        self._old: object = None
        self.fields = {"claim": (self.field_name,)}

    def _requested(self) -> object:
        return getattr(self, self.field_name)

    def proposed(self, undo: bool) -> dict[str, object]:
        return {self.field_name: self._old if undo else self._requested()}

    def _read(self, ctx: EditContext, row: ClaimRow) -> object:
        raise NotImplementedError

    def _write(self, ctx: EditContext, row: ClaimRow, value: object) -> None:
        raise NotImplementedError

    def _new(self, ctx: EditContext) -> object:
        raise NotImplementedError

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        self._old = self._read(ctx, row)
        self._write(ctx, row, self._new(ctx))
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        self._write(ctx, row, self._old)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


class SetVerdict(_UpdateClaim):
    text = "Set verdict"
    field_name = "verdict"

    def __init__(self, claim_id: int, verdict: str | None) -> None:
        super().__init__(claim_id)
        self.verdict = verdict

    def _read(self, ctx: EditContext, row: ClaimRow) -> object:
        return row.verdict

    def _write(self, ctx: EditContext, row: ClaimRow, value: object) -> None:
        row.verdict = cast("str | None", value)  # a label of the scale, or None (not rated)

    def _new(self, ctx: EditContext) -> object:
        return load_scale(ctx.session).resolve(self.verdict)


class SetRationale(_UpdateClaim):
    text = "Edit rationale"
    field_name = "rationale"

    def __init__(self, claim_id: int, rationale: str) -> None:
        super().__init__(claim_id)
        self.rationale = _check_rationale(rationale)

    def _read(self, ctx: EditContext, row: ClaimRow) -> object:
        return row.rationale

    def _write(self, ctx: EditContext, row: ClaimRow, value: object) -> None:
        row.rationale = str(value)

    def _new(self, ctx: EditContext) -> object:
        return self.rationale


class SetTags(_UpdateClaim):
    text = "Set tags"
    field_name = "tags"

    def __init__(self, claim_id: int, tags: Sequence[str]) -> None:
        super().__init__(claim_id)
        self.tags = normalise_tags(tags)

    def _read(self, ctx: EditContext, row: ClaimRow) -> object:
        return tuple(link.tag.name for link in row.tag_links)

    def _write(self, ctx: EditContext, row: ClaimRow, value: object) -> None:
        set_claim_tags(ctx.session, row, cast(Sequence[str], value))

    def _new(self, ctx: EditContext) -> object:
        return self.tags


class AddSource(Edit):
    """Cite a source for a claim, with what it shows (excerpt, location, stance)."""

    text = "Add source"
    fields = {"claim": ("evidence", "sources")}

    def __init__(
        self, claim_id: int, source: Source, *, excerpt: str = "", location: str = "", stance: str = ""
    ) -> None:
        self.claim_id = claim_id
        self.source = validate_source(source)
        self.excerpt, self.location, self.stance = validate_evidence(excerpt, location, stance)
        self.source_id: int | None = None
        self._created = False

    def proposed(self, undo: bool) -> dict[str, object]:
        verb = "remove" if undo else "cite"
        return {"evidence": f"{verb} {self.source.display_title}"}

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        source = self.source if self.source_id is None else replace(self.source, id=self.source_id)
        source_row, created = _find_or_create_source(ctx.session, source)
        if any(link.source_id == source_row.id for link in row.source_links):
            raise InvalidInput(f"This claim already cites {source_row.url or source_row.title}.")
        self._created = self._created or created
        self.source_id = source_row.id
        link_source(row, source_row, excerpt=self.excerpt, location=self.location, stance=self.stance)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        row.source_links[:] = [link for link in row.source_links if link.source_id != self.source_id]
        _stamp(row, ctx)
        ctx.session.flush()
        if self._created and self.source_id is not None:
            _delete_source_if_unused(ctx.session, self.source_id)
        return claims_updated(self.claim_id)


class RemoveSource(Edit):
    text = "Remove source"
    fields = {"claim": ("evidence", "sources")}

    def proposed(self, undo: bool) -> dict[str, object]:
        return {"evidence": f"{'cite again' if undo else 'remove'} source {self.source_id}"}

    def __init__(self, claim_id: int, source_id: int) -> None:
        self.claim_id = claim_id
        self.source_id = source_id
        self._position: int | None = None
        self._evidence: tuple[str, str, str] = ("", "", "")

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        for link in row.source_links:
            if link.source_id == self.source_id:
                self._position = link.position
                self._evidence = (link.excerpt, link.location, link.stance)
                break
        else:
            raise InvalidInput("That source is not cited by this claim.")
        row.source_links[:] = [link for link in row.source_links if link.source_id != self.source_id]
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        source_row = ctx.session.get(SourceRow, self.source_id)
        if source_row is None:
            raise InvalidInput("The source no longer exists in this project.")
        excerpt, location, stance = self._evidence
        link_source(row, source_row, self._position, excerpt=excerpt, location=location, stance=stance)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


def _check_rationale(text: str) -> str:
    if len(text) > MAX_RATIONALE_CHARS:
        raise InvalidInput(f"The rationale is longer than {MAX_RATIONALE_CHARS:,} characters.")
    return text.strip()


@dataclass(frozen=True, slots=True)
class _ClaimPlace:
    claim_id: int
    article_id: int
    anchor: Anchor
    state: str
    similarity: float | None = None
    method: str = ""
    checked_wording: str = ""


def _place_of(row: ClaimRow) -> _ClaimPlace:
    anchor = Anchor(row.start_offset, row.end_offset, row.exact, row.prefix, row.suffix)
    return _ClaimPlace(
        row.id, row.article_id, anchor, row.anchor_state, row.anchor_similarity, row.anchor_method, row.checked_wording
    )


def _set_place(
    row: ClaimRow,
    article_id: int,
    anchor: Anchor,
    state: str,
    *,
    similarity: float | None = None,
    method: str = "",
    checked_wording: str = "",
) -> None:
    """Put the claim on ``anchor``; a place the analyst chose has no measured confidence."""
    row.article_id = article_id
    row.start_offset, row.end_offset = anchor.start, anchor.end
    row.exact, row.prefix, row.suffix = anchor.exact, anchor.prefix, anchor.suffix
    row.anchor_state = state
    row.anchor_similarity, row.anchor_method, row.checked_wording = similarity, method, checked_wording


def _restore_place(row: ClaimRow, place: _ClaimPlace) -> None:
    _set_place(
        row,
        place.article_id,
        place.anchor,
        place.state,
        similarity=place.similarity,
        method=place.method,
        checked_wording=place.checked_wording,
    )


def _reanchored_place(row: ClaimRow, article_id: int, found: Reanchored) -> None:
    """The claim on its place in the new version, with the confidence and the checked wording.

    The wording its verdict was checked against is kept from the first version that changed
    it until the analyst confirms (a second new version does not replace it). While it is
    kept, a version that leaves the changed words as they are keeps the claim flagged, with
    the similarity measured when they changed; one that restores them clears the flag.
    """
    similarity: float | None
    state, similarity, method = found.state, found.confidence.similarity, found.confidence.method
    checked = row.checked_wording
    if state == CHANGED and not checked:
        checked = row.exact
    elif checked and state in (ANCHORED, MOVED):
        if found.anchor.exact == checked:
            checked = ""
        else:
            state, similarity, method = CHANGED, row.anchor_similarity, row.anchor_method
    _set_place(row, article_id, found.anchor, state, similarity=similarity, method=method, checked_wording=checked)


class ImportRevision(Edit):
    """A new version of an article: kept beside the old one, claims re-anchored onto it.

    The old version keeps its text (for the diff view and the record); its claims move
    to the new version, each found again, changed, or orphaned — never guessed.

    The new version keeps the previous version's title unless ``title`` (the analyst's)
    is given: the draft's own title is only a guess from the file (often its first line,
    such as an "UPDATED 18:40" note), and the article is still the same article.
    """

    def __init__(self, old_article_id: int, draft: ArticleDraft, *, title: str | None = None) -> None:
        if not draft.text.strip():
            raise InvalidInput(f"{draft.original_name or 'The new version'} has no text to import.")
        if draft.url and link_target(draft.url) is None:
            draft = replace(draft, url="")  # as for ImportArticle: never a non-web link
        self.old_article_id = old_article_id
        self.draft = draft
        self.title = " ".join((title or "").split())
        self.article_id: int | None = None
        self._before: list[_ClaimPlace] = []
        self.outcome: dict[str, int] = {}
        if self.title:
            self.text = f"Import new version of “{self.title}”"
        elif draft.original_name:
            self.text = f"Import new version from {draft.original_name}"
        else:
            self.text = "Import new version"

    def apply(self, ctx: EditContext) -> Changes:
        from factcheck_app.domain.reanchor import Reanchorer

        old = get_article_row(ctx.session, self.old_article_id)
        superseded = ctx.session.scalars(select(ArticleRow.id).where(ArticleRow.revision_of == old.id)).first()
        if superseded is not None:
            raise InvalidInput(
                f"Article {old.id} already has a newer version (article {superseded}); import the revision of that one."
            )
        d = self.draft
        new = ArticleRow(
            id=self.article_id,
            title=self.title or old.title,
            text=d.text,
            url=d.url or old.url,
            author=d.author or old.author,
            published=d.published or old.published,
            content_hash=content_hash(d.text),
            imported_at=ctx.now,
            original_name=d.original_name,
            format=d.format,
            site_name=d.site_name or old.site_name,
            structure=structure_to_json(d.blocks, d.pages),
            revision_of=old.id,
            revision=old.revision + 1,
        )
        ctx.session.add(new)
        ctx.session.flush()
        self.article_id = new.id
        reanchorer = Reanchorer(old.text, new.text)
        rows = ctx.session.scalars(select(ClaimRow).where(ClaimRow.article_id == old.id)).all()
        self._before = []
        self.outcome = {}
        for row in rows:
            place = _place_of(row)
            self._before.append(place)
            found = reanchorer.reanchor(place.anchor)
            _reanchored_place(row, new.id, found)
            _stamp(row, ctx)
            self.outcome[row.anchor_state] = self.outcome.get(row.anchor_state, 0) + 1
        return Changes(
            articles_added=frozenset({new.id}),
            articles_updated=frozenset({old.id}),
            claims_updated=frozenset(p.claim_id for p in self._before),
        )

    def revert(self, ctx: EditContext) -> Changes:
        assert self.article_id is not None
        for place in self._before:
            row = get_claim_row(ctx.session, place.claim_id)
            _restore_place(row, place)
            _stamp(row, ctx)
        ctx.session.flush()
        ctx.session.delete(get_article_row(ctx.session, self.article_id))
        return Changes(
            articles_removed=frozenset({self.article_id}),
            articles_updated=frozenset({self.old_article_id}),
            claims_updated=frozenset(p.claim_id for p in self._before),
        )


class ReattachClaim(Edit):
    """Put a claim (typically orphaned or changed) on words the analyst selected."""

    text = "Re-attach claim"
    fields = {"claim": ("anchor", "anchor_state", "article_id")}

    def proposed(self, undo: bool) -> dict[str, object]:
        if undo:
            return {"anchor": self._before.anchor} if self._before else {}
        return {"anchor": self.anchor}

    def __init__(self, claim_id: int, anchor: Anchor) -> None:
        self.claim_id = claim_id
        self.anchor = anchor
        self._before: _ClaimPlace | None = None

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        article = get_article_row(ctx.session, row.article_id)
        if not self.anchor.matches(article.text):
            raise InvalidInput("The selected words are no longer at that place in the article.")
        self._before = _place_of(row)
        _set_place(row, row.article_id, self.anchor, ANCHORED)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._before is not None
        row = get_claim_row(ctx.session, self.claim_id)
        _restore_place(row, self._before)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


ARTICLE_METADATA_FIELDS = ("title", "url", "author", "published", "site_name")


class UpdateArticleMetadata(Edit):
    """Correct an article's title, URL, author, publication date or site (never its text)."""

    text = "Edit article properties"

    def __init__(self, article_id: int, **values: object) -> None:
        unknown = set(values) - set(ARTICLE_METADATA_FIELDS)
        if unknown:
            raise InvalidInput(f"Unknown article properties: {', '.join(sorted(unknown))}.")
        title = values.get("title")
        if title is not None and not str(title).strip():
            raise InvalidInput("An article needs a title.")
        self.article_id = article_id
        self.values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        if isinstance(self.values.get("url"), str):
            self.values["url"] = clean_link(str(self.values["url"]))  # http(s) only: it becomes a link
        self._old: dict[str, object] = {}
        self.fields = {"article": tuple(self.values)}

    def proposed(self, undo: bool) -> dict[str, object]:
        return dict(self._old) if undo else dict(self.values)

    def apply(self, ctx: EditContext) -> Changes:
        row = get_article_row(ctx.session, self.article_id)
        self._old = {key: getattr(row, key) for key in self.values}
        for key, value in self.values.items():
            setattr(row, key, value)
        return Changes(articles_updated=frozenset({self.article_id}))

    def revert(self, ctx: EditContext) -> Changes:
        row = get_article_row(ctx.session, self.article_id)
        for key, value in self._old.items():
            setattr(row, key, value)
        return Changes(articles_updated=frozenset({self.article_id}))


_UNSEEN = object()  # SetProjectSetting made without a dialog: nothing to check on first apply


class SetProjectSetting(Edit):
    """A per-project setting (organisation name, report base URL…), undoable like any edit."""

    text = "Change project setting"

    def __init__(self, key: str, value: str, *, seen: str | object | None = _UNSEEN) -> None:
        """``seen``: the value the analyst was shown (None: not set), checked on the first apply."""
        if not key or len(key) > 100:
            raise InvalidInput("A setting needs a short name.")
        self.key = key
        self.value = value
        self._old: str | None = None
        self._applied = False
        self._seen = seen

    def proposed(self, undo: bool) -> dict[str, object]:
        return {self.key: self._old if undo else self.value}

    def apply(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(SettingRow, self.key)
        now = row.value if row is not None else None
        if self._applied:  # a redo: the setting must still be as our undo left it
            self._guard(now == self._old, what="This project setting", undo=False, detail="")
        elif self._seen is not _UNSEEN:  # from a dialog: still what it showed?
            self._guard(now == self._seen, what=f"The setting “{self.key}”", undo=False, detail="")
        self._applied = True
        self._old = now
        if row is None:
            ctx.session.add(SettingRow(key=self.key, value=self.value))
        else:
            row.value = self.value
        return Changes(settings_changed=frozenset({self.key}))

    def revert(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(SettingRow, self.key)
        now = row.value if row is not None else None
        self._guard(now == self.value, what="This project setting", undo=True, detail="")
        if self._old is None:
            if row is not None:
                ctx.session.delete(row)
        elif row is not None:
            row.value = self._old
        return Changes(settings_changed=frozenset({self.key}))


CLAIM_DETAIL_FIELDS = ("restated", "claimant", "claim_date", "assignee", "reviewer")


class SetClaimDetails(Edit):
    """Restated claim, claimant, claim date, assignee, reviewer: set together, undone together."""

    text = "Edit claim details"

    def __init__(self, claim_id: int, **values: object) -> None:
        unknown = set(values) - set(CLAIM_DETAIL_FIELDS)
        if unknown:
            raise InvalidInput(f"Unknown claim details: {', '.join(sorted(unknown))}.")
        self.claim_id = claim_id
        self.values: dict[str, Any] = {  # Claim fields by name, for setattr and dataclasses.replace
            k: (" ".join(v.split()) if isinstance(v, str) and k != "restated" else v) for k, v in values.items()
        }
        if isinstance(self.values.get("restated"), str):
            self.values["restated"] = str(self.values["restated"]).strip()
        self._old: dict[str, object] = {}
        self.fields = {"claim": tuple(self.values)}

    def proposed(self, undo: bool) -> dict[str, object]:
        return dict(self._old) if undo else dict(self.values)

    def apply(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        self._old = {key: getattr(row, key) for key in self.values}
        for key, value in self.values.items():
            setattr(row, key, value)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = get_claim_row(ctx.session, self.claim_id)
        for key, value in self._old.items():
            setattr(row, key, value)
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


class SetStatus(Edit):
    """Move a claim through draft → in review → approved → published, under the sign-off rules."""

    def __init__(self, claim_id: int, status: str) -> None:
        self.claim_id = claim_id
        self.status = status
        self.text = f"Set status: {STATUS_LABELS.get(status, status)}"
        self._old: tuple[str, str, datetime | None] | None = None

    fields = {"claim": ("status", "approved_by", "approved_at")}

    def proposed(self, undo: bool) -> dict[str, object]:
        if undo:
            return {"status": self._old[0]} if self._old else {}
        return {"status": self.status}

    def apply(self, ctx: EditContext) -> Changes:
        from factcheck_app.services.second_opinion import approval_refusal  # it imports this module

        row = get_claim_row(ctx.session, self.claim_id)
        check_status_change(claim_from_row(row), self.status, ctx.analyst)
        # The project's optional rule joins the sign-off rules, checked in this transaction.
        if self.status == APPROVED and (why := approval_refusal(ctx.session, self.claim_id)):
            raise InvalidInput(why)
        self._old = (row.status, row.approved_by, row.approved_at)
        row.status = self.status
        if self.status == APPROVED:
            row.approved_by, row.approved_at = ctx.analyst, ctx.now  # the sign-off
        elif self.status in (DRAFT, IN_REVIEW):
            row.approved_by, row.approved_at = "", None
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        row = get_claim_row(ctx.session, self.claim_id)
        row.status, row.approved_by, row.approved_at = self._old
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


class SetEvidence(Edit):
    """Change what a cited source shows for a claim: excerpt, location, stance."""

    text = "Edit evidence"
    fields = {"claim": ("evidence",)}

    def proposed(self, undo: bool) -> dict[str, object]:
        excerpt = (self._old or ("",))[0] if undo else self.values[0]
        return {"evidence": f"excerpt “{excerpt}”" if excerpt else "evidence without excerpt"}

    def __init__(self, claim_id: int, source_id: int, *, excerpt: str, location: str, stance: str) -> None:
        self.claim_id = claim_id
        self.source_id = source_id
        self.values = validate_evidence(excerpt, location, stance)
        self._old: tuple[str, str, str] | None = None

    def _link(self, ctx: EditContext) -> tuple[ClaimRow, ClaimSourceRow]:
        row = get_claim_row(ctx.session, self.claim_id)
        for link in row.source_links:
            if link.source_id == self.source_id:
                return row, link
        raise InvalidInput("That source is not cited by this claim.")

    def apply(self, ctx: EditContext) -> Changes:
        row, link = self._link(ctx)
        self._old = (link.excerpt, link.location, link.stance)
        link.excerpt, link.location, link.stance = self.values
        _stamp(row, ctx)
        return claims_updated(self.claim_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        row, link = self._link(ctx)
        link.excerpt, link.location, link.stance = self._old
        _stamp(row, ctx)
        return claims_updated(self.claim_id)


class SetVerdictScale(Edit):
    """Replace the project's verdict scale; ``renames`` carry claims from old labels to new ones.

    A label that disappears while claims still use it is refused, never silently dropped.
    """

    text = "Change verdict scale"

    def __init__(
        self, scale: VerdictScale, renames: dict[str, str] | None = None, *, base: VerdictScale | None = None
    ) -> None:
        self.scale = validate_scale(scale)
        self.renames = {old: new for old, new in (renames or {}).items() if old != new}
        self._old: VerdictScale | None = base  # the scale the analyst edited (None: whatever is stored)

    def apply(self, ctx: EditContext) -> Changes:
        stored = load_scale(ctx.session)
        if self._old is not None:  # first apply from a dialog, or a redo: still the scale I edited?
            self._guard(
                stored == self._old,
                what="The verdict scale",
                undo=False,
                detail="Someone changed it while you were editing it; open the scale again to see theirs.",
            )
        self._old = stored
        touched = _replace_scale(ctx.session, self._old, self.scale, self.renames)
        return Changes(claims_updated=frozenset(touched), settings_changed=frozenset({"verdict_scale"}))

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        self._guard(
            load_scale(ctx.session) == self.scale,
            what="The verdict scale",
            undo=True,
            detail="Someone changed it since; undoing would discard their change.",
        )
        back = {new: old for old, new in self.renames.items()}
        touched = _replace_scale(ctx.session, load_scale(ctx.session), self._old, back)
        return Changes(claims_updated=frozenset(touched), settings_changed=frozenset({"verdict_scale"}))


def _replace_scale(session: Session, old: VerdictScale, new: VerdictScale, renames: dict[str, str]) -> set[int]:
    wanted = {v.label for v in new.verdicts}
    touched: set[int] = set()
    for label in old.labels:
        target = renames.get(label, label)
        if target in wanted:
            continue
        users = session.scalars(select(ClaimRow.id).where(ClaimRow.verdict == label)).all()
        if users:
            raise InvalidInput(
                f"{len(users)} claim(s) have the verdict “{label}”, which the new scale does not have. "
                "Rename it to one of the new verdicts, or give those claims another verdict first."
            )
    # Claims move with their renamed labels; then the scale rows are rewritten.
    rows = {row.label: row for row in session.scalars(select(VerdictRow))}
    for old_label, new_label in renames.items():
        ids = session.scalars(select(ClaimRow.id).where(ClaimRow.verdict == old_label)).all()
        touched.update(ids)
        row = rows.pop(old_label, None)
        if row is None:
            continue
        if new_label in rows:  # merging into a label that exists: move the claims, drop the row
            session.execute(update(ClaimRow).where(ClaimRow.verdict == old_label).values(verdict=new_label))
            session.flush()
            session.delete(row)
        else:
            row.label = new_label  # ON UPDATE CASCADE carries the claims
            rows[new_label] = row
        session.flush()
    for label, row in list(rows.items()):
        if label not in wanted:
            session.delete(row)
            del rows[label]
    session.flush()
    for position, verdict in enumerate(new.verdicts):
        row = rows.get(verdict.label)
        if row is None:
            row = VerdictRow(label=verdict.label)
            session.add(row)
        row.rating_value, row.colour, row.description, row.position = (
            verdict.rating_value,
            verdict.colour,
            verdict.description,
            position,
        )
    session.merge(SettingRow(key="verdict_scale_name", value=new.name))
    session.flush()
    return touched


class AttachFile(Edit):
    """Keep a local file (PDF, image, saved page) inside the project, attached to a source."""

    def __init__(self, source_id: int, path: str | Path) -> None:
        from factcheck_app.domain.attachments import digest, safe_file_name
        from factcheck_app.services.attachments import read_file_to_attach

        path = Path(path)
        self.name = safe_file_name(path.name)
        # Only a regular file, its size checked first and the read capped: a FIFO or /dev/zero
        # chosen by mistake (or by a hostile archive's path) can neither hang nor fill memory.
        self.data = read_file_to_attach(path)
        self.source_id = source_id
        self.sha256 = digest(self.data)
        self.media_type = mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        self.attachment_id: int | None = None
        self.text = f"Attach {self.name}"

    def apply(self, ctx: EditContext) -> Changes:
        if ctx.session.get(SourceRow, self.source_id) is None:
            raise InvalidInput("That source no longer exists in this project.")
        duplicate = ctx.session.scalars(
            select(AttachmentRow.id).where(
                AttachmentRow.source_id == self.source_id, AttachmentRow.sha256 == self.sha256
            )
        ).first()
        if duplicate is not None and duplicate != self.attachment_id:
            raise InvalidInput(f"This file is already attached to the source ({self.name}).")
        row = AttachmentRow(
            id=self.attachment_id,
            source_id=self.source_id,
            sha256=self.sha256,
            name=self.name,
            media_type=self.media_type,
            size=len(self.data),
            data=self.data,
            added_at=ctx.now,
            added_by=ctx.analyst,
        )
        ctx.session.add(row)
        ctx.session.flush()
        self.attachment_id = row.id
        return _claims_citing(ctx.session, self.source_id)

    def revert(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(AttachmentRow, self.attachment_id)
        if row is not None:
            ctx.session.delete(row)
        return _claims_citing(ctx.session, self.source_id)


class RemoveAttachment(Edit):
    text = "Remove attached file"

    def __init__(self, attachment_id: int) -> None:
        self.attachment_id = attachment_id
        self._row: dict[str, object] | None = None

    def apply(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(AttachmentRow, self.attachment_id)
        if row is None:
            raise InvalidInput("That file is no longer attached.")
        self._row = {c.key: getattr(row, c.key) for c in AttachmentRow.__table__.columns}
        source_id = row.source_id
        ctx.session.delete(row)
        return _claims_citing(ctx.session, source_id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._row is not None
        ctx.session.add(AttachmentRow(**self._row))
        ctx.session.flush()
        return _claims_citing(ctx.session, cast(int, self._row["source_id"]))


def _claims_citing(session: Session, source_id: int) -> Changes:
    ids = session.scalars(select(ClaimSourceRow.claim_id).where(ClaimSourceRow.source_id == source_id)).all()
    return claims_updated(*ids)


class RenameTag(Edit):
    """Rename a tag (its child tags follow); renaming onto an existing tag merges the two."""

    def __init__(self, old: str, new: str) -> None:
        self.old = normalise_tag(old)
        self.new = normalise_tag(new)
        self.text = f"Rename tag “{self.old}” to “{self.new}”"
        self._before: list[tuple[int, str, str]] = []  # (tag id, name, colour) as they were
        self._links: list[tuple[int, int, int]] = []  # (claim id, tag id, position) as they were

    def apply(self, ctx: EditContext) -> Changes:
        _lock_codebook(ctx.session)
        tags = list(ctx.session.scalars(select(TagRow)))
        renames = [(row, renamed(row.name, self.old, self.new)) for row in tags]
        moving = [(row, target) for row, target in renames if target is not None]
        if not moving:
            raise InvalidInput(f"There is no tag “{self.old}”.")
        self._before = [(t.id, t.name, t.colour) for t in tags]
        self._links = [(link.claim_id, link.tag_id, link.position) for link in ctx.session.scalars(select(ClaimTagRow))]
        touched: set[int] = set()
        by_name = {t.name.casefold(): t for t in tags}
        for row, target in moving:
            existing = by_name.get(target.casefold())
            touched.update(ctx.session.scalars(select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id == row.id)))
            if existing is not None and existing is not row:
                _merge_tag(ctx.session, row, existing)
            else:
                row.name = target
        self._after = _codebook(ctx.session)
        return Changes(claims_updated=frozenset(touched), settings_changed=frozenset({"tags"}))

    def revert(self, ctx: EditContext) -> Changes:
        _guard_codebook(self, ctx.session)
        return _restore_tags(ctx.session, self._before, self._links)


class DeleteTag(Edit):
    """Take a tag (and its child tags) off every claim and out of the codebook."""

    def __init__(self, name: str) -> None:
        self.name = normalise_tag(name)
        self.text = f"Delete tag “{self.name}”"
        self._before: list[tuple[int, str, str]] = []
        self._links: list[tuple[int, int, int]] = []

    def apply(self, ctx: EditContext) -> Changes:
        _lock_codebook(ctx.session)
        tags = list(ctx.session.scalars(select(TagRow)))
        doomed = [t for t in tags if renamed(t.name, self.name, self.name) is not None]
        if not doomed:
            raise InvalidInput(f"There is no tag “{self.name}”.")
        self._before = [(t.id, t.name, t.colour) for t in tags]
        self._links = [(link.claim_id, link.tag_id, link.position) for link in ctx.session.scalars(select(ClaimTagRow))]
        ids = {t.id for t in doomed}
        touched = set(ctx.session.scalars(select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id.in_(ids))))
        ctx.session.execute(delete(ClaimTagRow).where(ClaimTagRow.tag_id.in_(ids)))
        for row in doomed:
            ctx.session.delete(row)
        self._after = _codebook(ctx.session)
        return Changes(claims_updated=frozenset(touched), settings_changed=frozenset({"tags"}))

    def revert(self, ctx: EditContext) -> Changes:
        _guard_codebook(self, ctx.session)
        return _restore_tags(ctx.session, self._before, self._links)


class SetTagColour(Edit):
    def __init__(self, name: str, colour: str) -> None:
        self.name = normalise_tag(name)
        colour = colour.strip().lower()
        if colour and (len(colour) != 7 or colour[0] != "#"):
            raise InvalidInput(f"“{colour}” is not a colour like #1e88e5.")
        self.colour = colour
        self.text = f"Colour of tag “{self.name}”"
        self._old: str | None = None

    def _row(self, ctx: EditContext) -> TagRow:
        for row in ctx.session.scalars(select(TagRow)):
            if row.name.casefold() == self.name.casefold():
                return row
        raise InvalidInput(f"There is no tag “{self.name}”.")

    def apply(self, ctx: EditContext) -> Changes:
        row = self._row(ctx)
        self._old, row.colour = row.colour, self.colour
        return _tag_changes(ctx.session, row.id)

    def revert(self, ctx: EditContext) -> Changes:
        row = self._row(ctx)
        self._guard(row.colour == self.colour, what=f"The tag “{self.name}”", undo=True, detail="")
        row.colour = self._old or ""
        return _tag_changes(ctx.session, row.id)


Codebook = tuple[tuple[tuple[int, str, str], ...], tuple[tuple[int, int, int], ...]]


def _codebook(session: Session) -> Codebook:
    """Every claim's tags, and the tags in use: what undoing a rename or delete would put back.

    A tag no claim uses is left out: undo may drop one (a leftover of an undone tagging)
    without anyone losing work.
    """
    session.flush()
    links = tuple(sorted((x.claim_id, x.tag_id, x.position) for x in session.scalars(select(ClaimTagRow))))
    used = {tag_id for _claim, tag_id, _position in links}
    tags = tuple(sorted((t.id, t.name, t.colour) for t in session.scalars(select(TagRow)) if t.id in used))
    return tags, links


def _lock_codebook(session: Session) -> None:
    """On a server, hold others' tagging off while the codebook is rewritten (until commit)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE tags, claim_tags IN SHARE ROW EXCLUSIVE MODE"))


def _guard_codebook(edit: Edit, session: Session) -> None:
    _lock_codebook(session)
    after: Codebook | None = getattr(edit, "_after", None)
    edit._guard(
        after is None or _codebook(session) == after,
        what="The tags",
        undo=True,
        detail="Someone tagged claims or changed tags since; undoing would discard their work.",
    )


def _tag_changes(session: Session, tag_id: int) -> Changes:
    ids = session.scalars(select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id == tag_id)).all()
    return Changes(claims_updated=frozenset(ids), settings_changed=frozenset({"tags"}))


def _merge_tag(session: Session, source: TagRow, target: TagRow) -> None:
    """Every claim tagged ``source`` gets ``target`` instead (once); ``source`` goes."""
    for link in list(session.scalars(select(ClaimTagRow).where(ClaimTagRow.tag_id == source.id))):
        has_target = session.get(ClaimTagRow, (link.claim_id, target.id)) is not None
        position = link.position
        session.delete(link)
        session.flush()
        if not has_target:
            session.add(ClaimTagRow(claim_id=link.claim_id, tag_id=target.id, position=position))
    session.flush()
    session.delete(source)


def _restore_tags(session: Session, tags: list[tuple[int, str, str]], links: list[tuple[int, int, int]]) -> Changes:
    """Put the codebook and every claim's tags back exactly as they were."""
    before_claims = set(session.scalars(select(ClaimTagRow.claim_id)))
    session.execute(delete(ClaimTagRow))
    session.execute(delete(TagRow))
    session.flush()
    session.expunge_all()
    for tag_id, name, colour in tags:
        session.add(TagRow(id=tag_id, name=name, colour=colour))
    session.flush()
    for claim_id, tag_id, position in links:
        session.add(ClaimTagRow(claim_id=claim_id, tag_id=tag_id, position=position))
    session.flush()
    touched = before_claims | {claim_id for claim_id, _, _ in links}
    return Changes(claims_updated=frozenset(touched), settings_changed=frozenset({"tags"}))


SOURCE_FIELDS = ("url", "title", "publisher", "author", "published", "accessed", "kind", "note")


class UpdateSource(Edit):
    """Correct an entry of the sources library; every claim citing it shows the change."""

    text = "Edit source"
    fields = {"source": SOURCE_FIELDS}

    def proposed(self, undo: bool) -> dict[str, object]:
        if undo:
            return dict(self._old or {})
        return {field: getattr(self.source, field) for field in SOURCE_FIELDS}

    def __init__(self, source: Source) -> None:
        if source.id is None:
            raise InvalidInput("Only a source of the library can be edited.")
        self.source = validate_source(source)
        self._old: dict[str, object] | None = None

    def apply(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(SourceRow, self.source.id)
        if row is None:
            raise InvalidInput("That source no longer exists in this project.")
        if self.source.url:
            clash = ctx.session.scalars(
                select(SourceRow.id).where(SourceRow.url == self.source.url, SourceRow.id != row.id)
            ).first()
            if clash is not None:
                raise InvalidInput(f"Another source of the library already has the address {self.source.url}.")
        self._old = {field: getattr(row, field) for field in SOURCE_FIELDS}
        for field in SOURCE_FIELDS:
            setattr(row, field, getattr(self.source, field))
        return _claims_citing(ctx.session, row.id)

    def revert(self, ctx: EditContext) -> Changes:
        assert self._old is not None
        row = ctx.session.get(SourceRow, self.source.id)
        if row is None:
            raise InvalidInput("That source no longer exists in this project.")
        for field, value in self._old.items():
            setattr(row, field, value)
        return _claims_citing(ctx.session, row.id)


class CreateTag(Edit):
    """Add a tag to the codebook before any claim carries it (a newsroom's agreed list)."""

    def __init__(self, name: str, colour: str = "") -> None:
        self.name = normalise_tag(name)
        colour = colour.strip().lower()
        if colour and (len(colour) != 7 or colour[0] != "#" or any(c not in "0123456789abcdef" for c in colour[1:])):
            raise InvalidInput(f"“{colour}” is not a colour like #1e88e5.")
        self.colour = colour
        self.text = f"New tag “{self.name}”"
        self.tag_id: int | None = None

    def apply(self, ctx: EditContext) -> Changes:
        _lock_codebook(ctx.session)
        for row in ctx.session.scalars(select(TagRow)):
            if row.name.casefold() == self.name.casefold():
                raise InvalidInput(f"The tag “{row.name}” already exists.")
        row = TagRow(id=self.tag_id, name=self.name, colour=self.colour)
        ctx.session.add(row)
        ctx.session.flush()
        self.tag_id = row.id
        return Changes(settings_changed=frozenset({"tags"}))

    def revert(self, ctx: EditContext) -> Changes:
        row = ctx.session.get(TagRow, self.tag_id)
        if row is None:
            return Changes(settings_changed=frozenset({"tags"}))
        used = ctx.session.scalars(select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id == row.id)).first()
        self._guard(
            used is None,
            what=f"The tag “{self.name}”",
            undo=True,
            detail="Claims carry it now; undoing would take it off them.",
        )
        ctx.session.delete(row)
        return Changes(settings_changed=frozenset({"tags"}))


class AddLibrarySource(Edit):
    """Put a source into the project's library before a claim cites it (``factcheck source add``)."""

    text = "Add source to the library"

    def __init__(self, source: Source) -> None:
        self.source = validate_source(replace(source, id=None))
        self.source_id: int | None = None

    def apply(self, ctx: EditContext) -> Changes:
        if self.source.url:
            clash = ctx.session.scalars(select(SourceRow.id).where(SourceRow.url == self.source.url)).first()
            if clash is not None and clash != self.source_id:
                raise InvalidInput(f"The library already has a source with the address {self.source.url} ({clash}).")
        row, _created = _find_or_create_source(ctx.session, replace(self.source, id=self.source_id))
        self.source_id = row.id
        return Changes()

    def revert(self, ctx: EditContext) -> Changes:
        if self.source_id is not None:
            cited = ctx.session.scalars(
                select(ClaimSourceRow).where(ClaimSourceRow.source_id == self.source_id)
            ).first()
            self._guard(
                cited is None,
                what="The source",
                undo=True,
                detail="A claim cites it now; undoing would take it away from that claim.",
            )
            _delete_source_if_unused(ctx.session, self.source_id)
        return Changes()
