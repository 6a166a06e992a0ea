"""Project archives: a whole project in one file to share by e-mail, and back, losslessly.

A ``.factcheck-archive`` is a ZIP file::

    manifest.json        what this is: format name and version, app version, schema
                         revision, when it was made, counts, and the SHA-256 of project.json
    project.json         settings, verdict scale, articles (text, structure, versions),
                         tags, sources library, claims (anchors, state, tags, sources,
                         who/when), and the list of attached files
    attachments/<sha256> attached files, named by the SHA-256 of their bytes (none yet:
                         evidence attachments arrive with issue 4; each is listed in
                         project.json ``attachments`` as {sha256, name, media_type, size})

project.json is deterministic — keys sorted, every list in id order, no timestamp of its
own — so exporting, importing and exporting again gives the same bytes, and two archives
of the same project can be compared with a plain diff.

Import never writes into an existing project: it creates a new one and restores every
row with its original id (so ids quoted in reports and e-mails stay true), in one write
transaction. Everything is checked before anything is created: a file that is not a
regular file or not a ZIP, has no manifest, comes from a newer version, expands like a zip
bomb (measured while inflating, see importers/safe_zip.py), carries path tricks (``../``,
absolute names), holds more than the limits below, or holds JSON that does not describe a
consistent project is refused with a message that says which. Attached files are listed
and sized before; each is inflated and its checksum compared as it is written. If the
restore fails anyway (a damaged attached file included), the new project file is removed.

NOTE: this module writes rows through the storage layer (the ORM tables) on purpose: the
edits in ``services/edits.py`` assign fresh ids and timestamps, which a restore must not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from factcheck_app import __version__
from factcheck_app.domain.anchors import ANCHOR_STATES, ORPHANED
from factcheck_app.domain.articles import PageSpan, TextBlock, content_hash
from factcheck_app.domain.attachments import MAX_ATTACHMENT_BYTES, safe_file_name
from factcheck_app.domain.claims import DRAFT, MAX_RATIONALE_CHARS, STATUSES
from factcheck_app.domain.errors import FactcheckError, InvalidInput, ProjectError
from factcheck_app.domain.sources import STANCES
from factcheck_app.importers.safe_files import format_size, open_regular_file
from factcheck_app.importers.safe_zip import (
    BOMB,
    ENCRYPTED,
    NOT_A_ZIP,
    OVERSIZED,
    TOO_LARGE,
    SafeZip,
    UnsafeZip,
    ZipLimits,
)
from factcheck_app.importers.structure import MAX_ARTICLE_CHARS
from factcheck_app.services.exports import atomic_output, with_default_suffix
from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.engine import PROJECT_SUFFIX, locate
from factcheck_app.storage.orm import (
    ArticleRow,
    AttachmentRow,
    Base,
    ClaimRow,
    ClaimSourceRow,
    ClaimTagRow,
    HistoryRow,
    SettingRow,
    SourceRow,
    TagRow,
    VerdictRow,
)
from factcheck_app.storage.repositories import EDIT_COUNTER_KEY, structure_from_json, structure_to_json

ARCHIVE_FORMAT = "factcheck-archive"
ARCHIVE_FORMAT_VERSION = 1
ARCHIVE_SUFFIX = ".factcheck-archive"
MANIFEST_NAME = "manifest.json"
PROJECT_NAME = "project.json"
ATTACHMENTS_DIR = "attachments/"

# Limits on what an archive may hold. Every size is measured while inflating (see
# importers/safe_zip.py), never taken from the ZIP directory alone, and everything is
# checked before the new project is created. The values are far above a newsroom's real
# projects (a year of a desk's work is a few MB of project.json and a few hundred MB of
# attached evidence) and low enough that an import stays within about 500 MB of memory.
# NOTE: project.json is read as one Python string, which takes up to 4 bytes per
# character as soon as it holds one emoji; 64 MB keeps that, and the values json makes of
# it, within budget. Import inflates each attached file once, as it writes it; 512 MB of
# them keeps an import within seconds.
MAX_PROJECT_JSON_BYTES = 64 * 1024**2  # every article, claim, source and history entry
MAX_JSON_VALUES = 3_000_000  # values in project.json (each costs ~70 bytes once read)
MAX_MANIFEST_BYTES = 1024**2
MAX_ATTACHMENTS_BYTES = 512 * 1024**2  # all attached files together (each one: MAX_ATTACHMENT_BYTES)
MAX_TOTAL_UNCOMPRESSED = MAX_PROJECT_JSON_BYTES + MAX_ATTACHMENTS_BYTES + MAX_MANIFEST_BYTES
MAX_ARCHIVE_FILE_BYTES = MAX_TOTAL_UNCOMPRESSED + 64 * 1024**2  # the .factcheck-archive file itself
MAX_COMPRESSION_RATIO = 200  # article text compresses 3-10 times; 200 is a bomb
RATIO_CHECK_FROM_BYTES = 1024**2  # small members may compress as well as they like
MAX_MEMBERS = 20_000

# Rows per list in project.json.
MAX_ROWS = {
    "articles": 10_000,
    "claims": 100_000,
    "sources": 100_000,
    "tags": 10_000,
    "history": 500_000,
    "attachments": 10_000,
    "verdicts": 100,
}
MAX_SETTINGS = 1_000
# Characters per text field. Long texts are the analysts' own writing; a rationale of
# 100,000 characters is some 40 pages. Fields not named here (names, authors, labels,
# URLs, titles) may hold MAX_SHORT_TEXT_CHARS.
MAX_LONG_TEXT_CHARS = 100_000
MAX_SHORT_TEXT_CHARS = 10_000
MAX_FIELD_CHARS = {
    "text": MAX_ARTICLE_CHARS,  # an article's text, as import allows it
    "rationale": MAX_RATIONALE_CHARS,
    "note": MAX_LONG_TEXT_CHARS,
    "excerpt": MAX_LONG_TEXT_CHARS,
    "description": MAX_LONG_TEXT_CHARS,
    "restated": MAX_LONG_TEXT_CHARS,
    "exact": MAX_LONG_TEXT_CHARS,  # a claim's quote
    "checked_wording": MAX_LONG_TEXT_CHARS,  # a claim's quote as it was checked
    "value": MAX_LONG_TEXT_CHARS,  # a setting
}
MAX_HISTORY_STATE_CHARS = 1024**2  # one history entry's recorded state, as JSON

SCALE_NAME_SETTING = "verdict_scale_name"  # stored as a setting, archived with the scale
# NOTE: settings that describe one project *file*, not the project: the edit counter tells
# that file's backups whether anything changed. A new file starts its own count.
FILE_BOOKKEEPING_SETTINGS = frozenset({EDIT_COUNTER_KEY})

# The same anchor rules as Check project (services/check.py): an archive made from a damaged
# project is refused with the way out.
_REPAIR_HINT = " If it was exported by Factcheck App, run Check project with repair on the original and export again."
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ATTACHMENT_MEMBER = re.compile(r"attachments/([0-9a-f]{12})[0-9a-f]{52}")
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?")


class ArchiveRefused(InvalidInput):
    """A file cannot be imported as a project archive; nothing was created."""


@dataclass(frozen=True, slots=True)
class ArchiveSummary:
    """What an archive holds, for an import dialog to show before importing."""

    path: Path
    project_name: str  # the name it had; a good default for the new project file
    format_version: int
    app_version: str
    schema_revision: str
    created_at: str
    articles: int
    claims: int
    sources: int
    attachments: int


# -- export --------------------------------------------------------------------


def export_archive(project: Project, path: str | os.PathLike[str]) -> Path:
    """Write the whole project to a ``.factcheck-archive`` at ``path``; return the path written.

    The suffix is added when ``path`` has none. The file appears only once complete.
    """
    target = with_default_suffix(Path(path), ARCHIVE_SUFFIX)
    document = project_document(project)
    project_bytes = dump_json(document)
    _check_exportable(project_bytes, document)
    created = datetime.now(UTC).replace(microsecond=0)
    manifest = {
        "format": ARCHIVE_FORMAT,
        "format_version": ARCHIVE_FORMAT_VERSION,
        "app_version": __version__,
        "schema_revision": schema.HEAD_REVISION,
        "created_at": created.isoformat(),
        "project_name": Path(project.name).stem,
        "project_sha256": hashlib.sha256(project_bytes).hexdigest(),
        "counts": {
            "articles": len(document["articles"]),
            "claims": len(document["claims"]),
            "sources": len(document["sources"]),
            "attachments": len(document["attachments"]),
        },
    }
    stamp = created.timetuple()[:6]
    with atomic_output(target) as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((MANIFEST_NAME, dump_json(manifest)), (PROJECT_NAME, project_bytes)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
        folder = zipfile.ZipInfo(ATTACHMENTS_DIR, date_time=stamp)
        folder.external_attr = (0o40755 << 16) | 0x10
        archive.writestr(folder, b"")
        written: set[str] = set()
        for item in document["attachments"]:
            if item["sha256"] in written:
                continue
            written.add(item["sha256"])
            info = zipfile.ZipInfo(ATTACHMENTS_DIR + item["sha256"], date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, project.attachment_data(item["id"]))
    return target


def _check_exportable(project_bytes: bytes, document: dict[str, Any]) -> None:
    """Refuse to write an archive that import would refuse for its size: an archive this
    app writes is one it reads."""
    values = sum(project_bytes.count(mark) for mark in (b",", b":", b"[", b"{"))
    attached = sum({item["sha256"]: item["size"] for item in document["attachments"]}.values())
    problem = ""
    if len(project_bytes) > MAX_PROJECT_JSON_BYTES or values > MAX_JSON_VALUES:
        problem = (
            f"its articles, claims, sources and history come to {format_size(len(project_bytes))} "
            f"(an archive holds at most {format_size(MAX_PROJECT_JSON_BYTES)} and {MAX_JSON_VALUES:,} values)"
        )
    elif attached > MAX_ATTACHMENTS_BYTES:
        problem = (
            f"its attached files come to {format_size(attached)} "
            f"(an archive holds at most {format_size(MAX_ATTACHMENTS_BYTES)})"
        )
    if problem:
        raise FactcheckError(
            f"This project is too large for an archive: {problem}. Copy the project file instead "
            "(File ▸ Copy project to ▸ A file…, or “factcheck copy”)."
        )


def dump_json(data: object) -> bytes:
    """The archive's JSON: UTF-8, sorted keys, two-space indent, final newline — byte-stable."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def project_document(project: Project) -> dict[str, Any]:
    """Everything in the project as plain JSON values (what project.json holds).

    Read in one transaction, so the archive is a consistent snapshot even while another
    window keeps editing.
    """
    with project.read_session() as session:
        refuse_damage(session, "An archive of this project cannot be made")
        return _snapshot(session)


def refuse_damage(session: Session, what: str) -> None:
    """Raise DamagedData naming the first damaged value: an archive (or a copy) would carry it on."""
    from factcheck_app.domain.damage import REPAIR_ADVICE
    from factcheck_app.domain.errors import DamagedData
    from factcheck_app.storage.validation import scan_damage

    damage = scan_damage(session.connection())
    if damage:
        first = damage[0]
        more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
        raise DamagedData(
            f"{what}: {first.describe()}{more}. {REPAIR_ADVICE}.",
            table=first.table,
            row_id=first.row_id,
            column=first.column,
        )


def _snapshot(session: Session) -> dict[str, Any]:
    settings = {
        row.key: row.value for row in session.scalars(select(SettingRow)) if row.key not in FILE_BOOKKEEPING_SETTINGS
    }
    scale_name = settings.pop(SCALE_NAME_SETTING, "Custom")
    verdicts = session.scalars(select(VerdictRow).order_by(VerdictRow.position, VerdictRow.id))
    articles = []
    for row in session.scalars(select(ArticleRow).order_by(ArticleRow.id)):
        blocks, pages = structure_from_json(row.structure)
        articles.append(
            {
                "id": row.id,
                "title": row.title,
                "text": row.text,
                "url": row.url,
                "author": row.author,
                "published": _iso(row.published),
                "content_hash": row.content_hash,
                "imported_at": _iso(row.imported_at),
                "original_name": row.original_name,
                "format": row.format,
                "site_name": row.site_name,
                "blocks": [{"start": b.start, "end": b.end, "kind": b.kind, "level": b.level} for b in blocks],
                "pages": [{"start": p.start, "end": p.end, "label": p.label} for p in pages],
                "revision_of": row.revision_of,
                "revision": row.revision,
                "version": row.version,
            }
        )
    tag_ids: dict[int, list[int]] = {}
    for link in session.scalars(select(ClaimTagRow).order_by(ClaimTagRow.claim_id, ClaimTagRow.position)):
        tag_ids.setdefault(link.claim_id, []).append(link.tag_id)
    source_ids: dict[int, list[int]] = {}
    evidence: dict[int, list[dict[str, Any]]] = {}
    for cited in session.scalars(
        select(ClaimSourceRow).order_by(ClaimSourceRow.claim_id, ClaimSourceRow.position, ClaimSourceRow.source_id)
    ):
        source_ids.setdefault(cited.claim_id, []).append(cited.source_id)
        evidence.setdefault(cited.claim_id, []).append(
            {"source_id": cited.source_id, "excerpt": cited.excerpt, "location": cited.location, "stance": cited.stance}
        )
    claims = [
        {
            "id": row.id,
            "article_id": row.article_id,
            "start": row.start_offset,
            "end": row.end_offset,
            "exact": row.exact,
            "prefix": row.prefix,
            "suffix": row.suffix,
            "anchor_state": row.anchor_state,
            "verdict": row.verdict,
            "rationale": row.rationale,
            "tag_ids": tag_ids.get(row.id, []),
            "source_ids": source_ids.get(row.id, []),
            "evidence": evidence.get(row.id, []),
            "created_by": row.created_by,
            "created_at": _iso(row.created_at),
            "updated_by": row.updated_by,
            "updated_at": _iso(row.updated_at),
            "version": row.version,
            "restated": row.restated,
            "claimant": row.claimant,
            "claim_date": _iso(row.claim_date),
            "status": row.status,
            "assignee": row.assignee,
            "reviewer": row.reviewer,
            "approved_by": row.approved_by,
            "approved_at": _iso(row.approved_at),
            "anchor_similarity": row.anchor_similarity,
            "anchor_method": row.anchor_method,
            "checked_wording": row.checked_wording,
        }
        for row in session.scalars(select(ClaimRow).order_by(ClaimRow.id))
    ]
    history = [
        {
            "id": h.id,
            "at": _iso(h.at),
            "analyst": h.analyst,
            "entity": h.entity,
            "entity_id": h.entity_id,
            "action": h.action,
            "state": json.loads(h.state),
        }
        for h in session.scalars(select(HistoryRow).order_by(HistoryRow.id))
    ]
    return {
        "settings": settings,
        "verdict_scale": {
            "name": scale_name,
            "verdicts": [
                {"label": v.label, "rating_value": v.rating_value, "colour": v.colour, "description": v.description}
                for v in verdicts
            ],
        },
        "articles": articles,
        "tags": [
            {"id": t.id, "name": t.name, "colour": t.colour}
            for t in session.scalars(select(TagRow).order_by(TagRow.id))
        ],
        "sources": [
            {
                "id": s.id,
                "url": s.url,
                "title": s.title,
                "publisher": s.publisher,
                "accessed": _iso(s.accessed),
                "note": s.note,
                "author": s.author,
                "published": _iso(s.published),
                "kind": s.kind,
                "version": s.version,
            }
            for s in session.scalars(select(SourceRow).order_by(SourceRow.id))
        ],
        "claims": claims,
        "history": history,
        # Each file is stored once as attachments/<sha256>, whatever the number of sources holding it.
        "attachments": [
            {
                "id": a.id,
                "source_id": a.source_id,
                "sha256": a.sha256,
                "name": a.name,
                "media_type": a.media_type,
                "size": a.size,
                "added_at": _iso(a.added_at),
                "added_by": a.added_by,
            }
            for a in session.scalars(select(AttachmentRow).order_by(AttachmentRow.id))
        ],
    }


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


# -- import --------------------------------------------------------------------


def inspect_archive(archive_path: str | os.PathLike[str]) -> ArchiveSummary:
    """Check an archive completely (as import does) and say what it holds; creates nothing."""
    path = Path(archive_path)
    with _open_archive(path) as archive:
        return _read_archive(path, archive, verify_attachments=True).summary


def import_archive(
    archive_path: str | os.PathLike[str],
    new_project_path: str | os.PathLike[str],
    *,
    analyst: str | None = None,
) -> Path:
    """Create a new project at ``new_project_path`` holding everything in the archive.

    Ids, authors and timestamps are kept. ``.factcheck`` is added to a name without
    suffix. Raises ArchiveRefused (nothing created) for a bad archive or an existing
    target, and FactcheckError (the new file removed again) if the restore fails.
    Returns the path of the new project; it is closed again, ready to open.
    """
    target = _new_project_target(new_project_path)
    path = Path(archive_path)
    with _open_archive(path) as archive:
        # NOTE: attached files are inflated and checked once, as each is written (see
        # _restore): a bad one ends the import and the new file is removed, as for any
        # failed restore. Their sizes and total were checked before anything was created.
        loaded = _read_archive(path, archive, verify_attachments=False)
        lock_file = target.with_name(target.name + ".lock")
        lock_existed = lock_file.exists()
        project: Project | None = None
        try:
            project = Project.create(target, analyst=analyst)
            with project.maintenance_session() as session:
                _restore(session, loaded.plan)
        except BaseException as error:
            if project is not None:
                project.close()
            _remove_project_files(target, lock_file if not lock_existed else None)
            if isinstance(error, FactcheckError):
                raise
            if isinstance(error, SQLAlchemyError):
                raise ProjectError(
                    f"The archive {path.name} could not be restored into {target.name}; "
                    f"nothing was created. ({error.__class__.__name__}: {_first_line(error)})"
                ) from error
            if isinstance(error, Exception):
                raise FactcheckError(
                    f"The archive {path.name} could not be restored: {error}. Nothing was created."
                ) from error
            raise
    project.close()
    return target


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else ""


def _new_project_target(new_project_path: str | os.PathLike[str]) -> Path:
    location = locate(new_project_path)
    if location.path is None:
        raise ArchiveRefused("An archive is imported into a new project file; choose a file name, not a server.")
    target = location.path
    if target.suffix == "":
        target = target.with_suffix(PROJECT_SUFFIX)
    if target.exists():
        raise ArchiveRefused(f"{target} already exists; choose a new name for the imported project.")
    if not target.parent.is_dir():
        raise ArchiveRefused(f"The folder {target.parent} does not exist.")
    return target


def _remove_project_files(target: Path, lock_file: Path | None) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(target) + suffix).unlink(missing_ok=True)
    if lock_file is not None:
        with contextlib.suppress(OSError):
            lock_file.unlink(missing_ok=True)


# -- reading and checking an archive --------------------------------------------


@dataclass
class _Plan:
    """Rows to insert, keyed by table, all checked against each other."""

    settings: list[dict[str, Any]] = field(default_factory=list)
    verdicts: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)  # {"b_id", "b_revision_of"}
    claims: list[dict[str, Any]] = field(default_factory=list)
    claim_tags: list[dict[str, Any]] = field(default_factory=list)
    claim_sources: list[dict[str, Any]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)  # without their bytes:
    # attachment_data(sha256) reads one from the archive (checked again) when it is written
    attachment_data: Callable[[str], Any] | None = None


@dataclass(frozen=True, slots=True)
class _Loaded:
    plan: _Plan
    summary: ArchiveSummary


def _unsafe_name(name: str) -> bool:
    """True for member names that would escape a folder if ever extracted."""
    if not name or "\x00" in name:
        return True
    normal = name.replace("\\", "/")
    if normal.startswith("/") or re.match(r"[A-Za-z]:", normal):
        return True
    return any(part == ".." for part in normal.split("/"))


def _refuser(name: str) -> Callable[[str], ArchiveRefused]:
    def refuse(detail: str) -> ArchiveRefused:
        return ArchiveRefused(f"{name} cannot be imported: {detail}")

    return refuse


def _archive_limits() -> ZipLimits:
    """The limits above, read when called (so a test can lower them)."""
    return ZipLimits(
        total_bytes=MAX_TOTAL_UNCOMPRESSED,
        # each member is read with its own limit (project.json, an attached file), named in the refusal
        member_bytes=MAX_TOTAL_UNCOMPRESSED,
        ratio=MAX_COMPRESSION_RATIO,
        ratio_from=RATIO_CHECK_FROM_BYTES,
        members=MAX_MEMBERS,
    )


def _unsafe(error: UnsafeZip, refuse: _Refuse) -> ArchiveRefused:
    """The refusal for a ZIP problem found while reading."""
    error.detail = _ATTACHMENT_MEMBER.sub(r"the attached file \1…", error.detail)
    if error.kind == NOT_A_ZIP:
        return refuse("it is not a Factcheck archive (not a ZIP file, or a damaged one).")
    if error.kind == BOMB:
        return refuse(f"{error.detail}, so it is refused as a possible zip bomb.")
    if error.kind == ENCRYPTED:
        return refuse("it is password-protected.")
    if error.kind in (TOO_LARGE, OVERSIZED):
        return refuse(f"{error.detail}, more than a project archive may hold.")
    return refuse(f"{error.detail}.")


@contextlib.contextmanager
def _open_archive(path: Path) -> Iterator[SafeZip]:
    """The archive, opened only if it is a regular file within the size limit; its ZIP
    directory checked. The file stays open (for attachments) until the block ends."""
    name = path.name
    if not os.path.lexists(path):
        raise ArchiveRefused(f"There is no archive at {path}.")
    stream = open_regular_file(
        path,
        MAX_ARCHIVE_FILE_BYTES,
        what="a Factcheck archive",
        error=ArchiveRefused,
        too_large=lambda size: (
            f"{name} cannot be imported: it is {format_size(size)}, and an archive may be at most "
            f"{format_size(MAX_ARCHIVE_FILE_BYTES)}."
        ),
    )
    with stream:
        try:
            archive = SafeZip(stream, _archive_limits())
        except UnsafeZip as error:
            raise _unsafe(error, _refuser(name)) from error
        try:
            yield archive
        finally:
            archive.close()


def _read_archive(path: Path, archive: SafeZip, *, verify_attachments: bool) -> _Loaded:
    """Everything in the archive checked and planned as rows; attachments listed, and
    inflated and checked (not kept) if ``verify_attachments``."""
    name = path.name
    refuse = _refuser(name)
    members = archive.members
    seen: set[str] = set()
    for member in members:
        if _unsafe_name(member.filename):
            raise refuse(
                f"it contains a file named “{member.filename}”, which points outside the archive "
                "(a path-traversal trick). It was not opened."
            )
        if member.filename in seen:
            raise refuse(f"it contains “{member.filename}” twice.")
        seen.add(member.filename)
    by_name = {member.filename: member for member in members}
    if MANIFEST_NAME not in by_name:
        raise refuse(f"it is a ZIP file but not a Factcheck archive (it has no {MANIFEST_NAME}).")
    raw, _digest = _read_member(archive, by_name[MANIFEST_NAME], MAX_MANIFEST_BYTES, refuse)
    manifest = _parse_json(raw, MANIFEST_NAME, refuse)
    format_version = _check_manifest(manifest, refuse)
    if PROJECT_NAME not in by_name:
        raise refuse(f"the archive is incomplete: it has no {PROJECT_NAME}.")
    raw, digest = _read_member(archive, by_name[PROJECT_NAME], MAX_PROJECT_JSON_BYTES, refuse)
    expected = manifest.get("project_sha256")
    if isinstance(expected, str) and digest != expected.lower():
        raise refuse(f"{PROJECT_NAME} does not match its checksum in {MANIFEST_NAME}: the archive is damaged.")
    # NOTE: a JSON value costs some 70 bytes once parsed, whatever its size in the file
    # ("1," or "{}"), so a project.json of tiny values would take gigabytes. Each value
    # after the first in an object or list follows a comma or a colon, or opens a list or
    # object: counting those (in C) bounds the values before json reads any.
    values = raw.count(b",") + raw.count(b":") + raw.count(b"[") + raw.count(b"{")
    if values > MAX_JSON_VALUES:
        raise refuse(
            f"{PROJECT_NAME} holds more than {MAX_JSON_VALUES:,} values (the limit; a large newsroom "
            "project has a few hundred thousand)."
        )
    text = _decoded(_ASTRAL.sub(_escaped_astral, raw), PROJECT_NAME, refuse)
    del raw  # NOTE: only the text is kept while json reads it, so the peak is text + values
    document = _parse_json(text, PROJECT_NAME, refuse)
    del text
    checker = _Checker(refuse)
    plan = checker.plan(document)
    attachments = checker.attachments(document, by_name)
    del document
    verified: set[str] = set()
    for item in attachments if verify_attachments else []:
        digest = item["sha256"]
        if digest not in verified:
            _verify_attachment(archive, by_name[ATTACHMENTS_DIR + digest], digest, refuse)
            verified.add(digest)

    def attachment_data(digest: str) -> bytearray:
        data, found = _read_member(archive, by_name[ATTACHMENTS_DIR + digest], MAX_ATTACHMENT_BYTES, refuse)
        if found != digest:
            raise refuse(f"the attached file {digest[:12]}… does not match its checksum: the archive is damaged.")
        return data

    plan.attachments = attachments
    plan.attachment_data = attachment_data
    counts = (len(plan.articles), len(plan.claims), len(plan.sources), len(attachments))
    summary = ArchiveSummary(
        path=path,
        project_name=str(manifest.get("project_name", "")) or path.stem,
        format_version=format_version,
        app_version=str(manifest.get("app_version", "")),
        schema_revision=str(manifest.get("schema_revision", "")),
        created_at=str(manifest.get("created_at", "")),
        articles=counts[0],
        claims=counts[1],
        sources=counts[2],
        attachments=counts[3],
    )
    return _Loaded(plan=plan, summary=summary)


_Refuse = Callable[[str], ArchiveRefused]


def _read_member(archive: SafeZip, member: zipfile.ZipInfo, limit: int, refuse: _Refuse) -> tuple[bytearray, str]:
    """(the member's bytes, their SHA-256), read in chunks measured against ``limit`` and the zip-bomb limits."""
    if member.file_size > limit:
        raise refuse(
            f"{member.filename} is {format_size(member.file_size)}, more than a project archive may hold "
            f"(the limit is {format_size(limit)})."
        )
    digest = hashlib.sha256()
    data = bytearray()
    try:
        for chunk in archive.stream(member, limit=limit):
            digest.update(chunk)
            data += chunk
    except UnsafeZip as error:
        raise _unsafe(error, refuse) from error
    return data, digest.hexdigest()


def _verify_attachment(archive: SafeZip, member: zipfile.ZipInfo, expected: str, refuse: _Refuse) -> None:
    """Inflate an attached file once, measured, keeping only its SHA-256 to compare."""
    if member.file_size > MAX_ATTACHMENT_BYTES:
        raise refuse(
            f"the attached file {expected[:12]}… is larger than {format_size(MAX_ATTACHMENT_BYTES)}, "
            "the limit for one file."
        )
    digest = hashlib.sha256()
    try:
        for chunk in archive.stream(member, limit=MAX_ATTACHMENT_BYTES):
            digest.update(chunk)
    except UnsafeZip as error:
        raise _unsafe(error, refuse) from error
    if digest.hexdigest() != expected:
        raise refuse(f"the attached file {expected[:12]}… does not match its checksum: the archive is damaged.")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


# NOTE: one character beyond the Basic Multilingual Plane (an emoji) makes Python store a
# whole string at 4 bytes per character. project.json is escaped before it is decoded
# (an emoji becomes its JSON surrogate pair, "\ud83d\udd0e"), so its text takes at most 2
# bytes per character; json restores the character in the one value that holds it.
# (Not after a backslash, where an escape would change the meaning: left as it is.)
_ASTRAL = re.compile(rb"(?<!\\)[\xf0-\xf4][\x80-\xbf]{3}")


def _escaped_astral(match: re.Match[bytes]) -> bytes:
    try:
        code = ord(match.group().decode("utf-8")) - 0x10000
    except UnicodeDecodeError:
        return match.group()  # not UTF-8: decoding refuses the file
    return b"\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))


def _decoded(raw: bytes | bytearray, what: str, refuse: _Refuse) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(f"{what} is not UTF-8 text.") from error


def _parse_json(raw: bytes | bytearray | str, what: str, refuse: _Refuse) -> Any:
    text = raw if isinstance(raw, str) else _decoded(raw, what, refuse)
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as error:
        raise refuse(f"{what} is not valid JSON ({error}).") from error


def _check_manifest(manifest: Any, refuse: _Refuse) -> int:
    if not isinstance(manifest, dict) or manifest.get("format") != ARCHIVE_FORMAT:
        raise refuse(f"its {MANIFEST_NAME} does not describe a Factcheck archive.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(f"its {MANIFEST_NAME} has no valid format_version.")
    if version > ARCHIVE_FORMAT_VERSION:
        made_by = manifest.get("app_version")
        by = f" (Factcheck App {made_by})" if isinstance(made_by, str) and made_by else ""
        raise refuse(
            f"it was made by a newer version of Factcheck App{by}, in archive format {version}; "
            f"this version reads format {ARCHIVE_FORMAT_VERSION}. Update the app to import it."
        )
    return version


_KIND_NAMES: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    list: "a list",
    dict: "an object",
}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


class _Checker:
    """Reads project.json into rows, refusing anything that does not fit together."""

    def __init__(self, refuse: _Refuse) -> None:
        self._refuse = refuse
        self._plan_sources: list[dict[str, Any]] = []

    def fail(self, detail: str) -> ArchiveRefused:
        return self._refuse(f"{PROJECT_NAME}: {detail}")

    # typed access ----------------------------------------------------------

    def get(self, obj: dict[str, Any], key: str, kind: type, where: str, *, nullable: bool = False) -> Any:
        if key not in obj:
            raise self.fail(f"{where} has no “{key}”.")
        value = obj[key]
        if value is None and nullable:
            return None
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            raise self.fail(f"{where}.{key} should be {_KIND_NAMES[kind]}, not {_type_name(value)}.")
        return value

    def text(self, obj: dict[str, Any], key: str, where: str, *, max_chars: int | None = None) -> str:
        """A text field, at most ``max_chars`` long (by default its limit in MAX_FIELD_CHARS)."""
        value: str = self.get(obj, key, str, where)
        if max_chars is None:
            max_chars = MAX_FIELD_CHARS.get(key, MAX_SHORT_TEXT_CHARS)
        if len(value) > max_chars:
            raise self.fail(f"{where}.{key} is longer than {max_chars:,} characters.")
        return value

    def number(self, obj: dict[str, Any], key: str, where: str, *, minimum: int | None = None) -> int:
        value: int = self.get(obj, key, int, where)
        if minimum is not None and value < minimum:
            raise self.fail(f"{where}.{key} is {value}; it must be at least {minimum}.")
        return value

    def day(self, obj: dict[str, Any], key: str, where: str) -> date | None:
        value = self.get(obj, key, str, where, nullable=True)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{where}.{key} is not a date (YYYY-MM-DD): “{value[:40]}”.") from None

    def moment(self, obj: dict[str, Any], key: str, where: str) -> datetime:
        value = self.get(obj, key, str, where)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{where}.{key} is not a date and time: “{value[:40]}”.") from None
        if parsed.tzinfo is not None:
            raise self.fail(f"{where}.{key} has a time zone; the project stores local times.")
        return parsed

    def items(self, document: dict[str, Any], key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        values = self.get(document, key, list, "the project")
        limit = MAX_ROWS.get(key)
        if limit is not None and len(values) > limit:
            raise self.fail(f"it lists {len(values):,} {key}; the limit is {limit:,}.")
        for index, value in enumerate(values):
            where = f"{key}[{index}]"
            if not isinstance(value, dict):
                raise self.fail(f"{where} should be an object, not {_type_name(value)}.")
            yield where, value

    def unique_id(self, obj: dict[str, Any], where: str, seen: set[int], what: str) -> int:
        value = self.number(obj, "id", where, minimum=1)
        if value in seen:
            raise self.fail(f"two {what} have the id {value}.")
        seen.add(value)
        return value

    # the project -----------------------------------------------------------

    def plan(self, document: Any) -> _Plan:
        if not isinstance(document, dict):
            raise self.fail(f"the project should be an object, not {_type_name(document)}.")
        plan = _Plan()
        labels = self._scale(document, plan)
        self._settings(document, plan)
        tag_ids = self._tags(document, plan)
        source_ids = self._sources(document, plan)
        self._plan_sources = plan.sources
        texts = self._articles(document, plan)
        self._claims(document, plan, texts, labels, tag_ids, source_ids)
        self.history(document, plan)
        return plan

    def _scale(self, document: dict[str, Any], plan: _Plan) -> set[str]:
        scale = self.get(document, "verdict_scale", dict, "the project")
        name = self.text(scale, "name", "verdict_scale")
        plan.settings.append({"key": SCALE_NAME_SETTING, "value": name})
        labels: set[str] = set()
        for position, (where, verdict) in enumerate(self.items(scale, "verdicts")):
            where = "verdict_scale." + where
            label = self.text(verdict, "label", where, max_chars=100)
            if not label.strip():
                raise self.fail(f"{where}.label is empty.")
            if label in labels:
                raise self.fail(f"the verdict scale has “{label}” twice.")
            labels.add(label)
            colour = self.text(verdict, "colour", where)
            if not _COLOUR.fullmatch(colour):
                raise self.fail(f"{where}.colour should be like #2e7d32, not “{colour[:20]}”.")
            plan.verdicts.append(
                {
                    "label": label,
                    "rating_value": self.number(verdict, "rating_value", where),
                    "colour": colour,
                    "description": self.text(verdict, "description", where),
                    "position": position,
                }
            )
        if not labels:
            raise self.fail("the verdict scale has no verdicts.")
        return labels

    def _settings(self, document: dict[str, Any], plan: _Plan) -> None:
        settings = self.get(document, "settings", dict, "the project")
        if len(settings) > MAX_SETTINGS:
            raise self.fail(f"it has {len(settings):,} settings; the limit is {MAX_SETTINGS:,}.")
        for key in sorted(settings):
            value = settings[key]
            if not key or len(key) > 100:
                raise self.fail(f"the setting name “{key[:40]}” is empty or too long.")
            if not isinstance(value, str):
                raise self.fail(f"settings.{key} should be text, not {_type_name(value)}.")
            if len(value) > MAX_FIELD_CHARS["value"]:
                raise self.fail(f"settings.{key} is longer than {MAX_FIELD_CHARS['value']:,} characters.")
            if key != SCALE_NAME_SETTING and key not in FILE_BOOKKEEPING_SETTINGS:  # the scale's own name wins
                plan.settings.append({"key": key, "value": value})

    def _tags(self, document: dict[str, Any], plan: _Plan) -> set[int]:
        ids: set[int] = set()
        names: set[str] = set()
        for where, tag in self.items(document, "tags"):
            tag_id = self.unique_id(tag, where, ids, "tags")
            name = self.text(tag, "name", where, max_chars=80)
            if not name.strip() or name in names:
                raise self.fail(f"{where}.name is empty or used twice (“{name}”).")
            names.add(name)
            plan.tags.append({"id": tag_id, "name": name, "colour": self.text(tag, "colour", where, max_chars=9)})
        return ids

    def _sources(self, document: dict[str, Any], plan: _Plan) -> set[int]:
        ids: set[int] = set()
        for where, source in self.items(document, "sources"):
            plan.sources.append(
                {
                    "id": self.unique_id(source, where, ids, "sources"),
                    "url": self.text(source, "url", where),
                    "title": self.text(source, "title", where),
                    "publisher": self.text(source, "publisher", where),
                    "accessed": self.day(source, "accessed", where),
                    "note": self.text(source, "note", where),
                    "author": self.text(source, "author", where) if "author" in source else "",
                    "published": self.day(source, "published", where) if "published" in source else None,
                    "kind": self.text(source, "kind", where, max_chars=40) if "kind" in source else "",
                    "version": self.number(source, "version", where, minimum=1),
                }
            )
        return ids

    def _spans(self, article: dict[str, Any], key: str, where: str, length: int) -> list[dict[str, Any]]:
        spans = []
        for index, span in enumerate(self.get(article, key, list, where)):
            here = f"{where}.{key}[{index}]"
            if not isinstance(span, dict):
                raise self.fail(f"{here} should be an object, not {_type_name(span)}.")
            start, end = self.number(span, "start", here), self.number(span, "end", here)
            if not 0 <= start <= end <= length:
                raise self.fail(f"{here} spans {start}–{end}, outside the article's {length} characters.")
            spans.append(span)
        return spans

    def _articles(self, document: dict[str, Any], plan: _Plan) -> dict[int, str]:
        ids: set[int] = set()
        texts: dict[int, str] = {}
        revision_of: dict[int, int] = {}
        for where, article in self.items(document, "articles"):
            article_id = self.unique_id(article, where, ids, "articles")
            text = self.text(article, "text", where)
            digest = self.text(article, "content_hash", where)
            if digest != content_hash(text):
                raise self.fail(f"the text of article {article_id} does not match its checksum: it was altered.")
            blocks = [
                TextBlock(
                    b["start"], b["end"], self.text(b, "kind", where, max_chars=20), self.number(b, "level", where)
                )
                for b in self._spans(article, "blocks", where, len(text))
            ]
            pages = [
                PageSpan(p["start"], p["end"], self.text(p, "label", where))
                for p in self._spans(article, "pages", where, len(text))
            ]
            older = self.get(article, "revision_of", int, where, nullable=True)
            if older is not None:
                revision_of[article_id] = older
            texts[article_id] = text
            plan.articles.append(
                {
                    "id": article_id,
                    "title": self.text(article, "title", where),
                    "text": text,
                    "url": self.text(article, "url", where),
                    "author": self.text(article, "author", where),
                    "published": self.day(article, "published", where),
                    "content_hash": digest,
                    "imported_at": self.moment(article, "imported_at", where),
                    "original_name": self.text(article, "original_name", where),
                    "format": self.text(article, "format", where, max_chars=20),
                    "site_name": self.text(article, "site_name", where),
                    "structure": structure_to_json(blocks, pages),
                    "revision_of": None,  # set once every article exists (see _restore)
                    "revision": self.number(article, "revision", where, minimum=1),
                    "version": self.number(article, "version", where, minimum=1),
                }
            )
        newer: dict[int, int] = {}
        for article_id, older in sorted(revision_of.items()):
            if older not in ids or older == article_id:
                raise self.fail(
                    f"article {article_id} is a new version of article {older}, which is not in the archive."
                )
            if older in newer:
                raise self.fail(f"article {older} has two newer versions ({newer[older]} and {article_id}).")
            newer[older] = article_id
            plan.revisions.append({"b_id": article_id, "b_revision_of": older})
        for start in revision_of:  # a version chain must end: no article is its own ancestor
            seen, current = {start}, revision_of.get(start)
            while current is not None:
                if current in seen:
                    raise self.fail(f"the versions of article {start} form a loop.")
                seen.add(current)
                current = revision_of.get(current)
        return texts

    def _claims(
        self,
        document: dict[str, Any],
        plan: _Plan,
        texts: dict[int, str],
        labels: set[str],
        tag_ids: set[int],
        source_ids: set[int],
    ) -> None:
        ids: set[int] = set()
        for where, claim in self.items(document, "claims"):
            claim_id = self.unique_id(claim, where, ids, "claims")
            article_id = self.number(claim, "article_id", where)
            if article_id not in texts:
                raise self.fail(f"claim {claim_id} belongs to article {article_id}, which is not in the archive.")
            text = texts[article_id]
            start, end = self.number(claim, "start", where), self.number(claim, "end", where)
            exact = self.text(claim, "exact", where)
            state = self.text(claim, "anchor_state", where)
            if state not in ANCHOR_STATES:
                raise self.fail(f"claim {claim_id} has the unknown anchor state “{state[:20]}”.")
            if not exact:
                raise self.fail(f"claim {claim_id} has an empty quote.")
            if not 0 <= start <= end <= len(text):
                raise self.fail(
                    f"claim {claim_id} lies at {start}–{end}, outside its article's {len(text)} characters."
                )
            if state == ORPHANED and (start, end) != (0, 0):
                raise self.fail(f"claim {claim_id} is orphaned but has a position ({start}–{end}).{_REPAIR_HINT}")
            if state != ORPHANED and (start == end or text[start:end] != exact):
                raise self.fail(f"the quote of claim {claim_id} is not at {start}–{end} in its article.{_REPAIR_HINT}")
            verdict = self.get(claim, "verdict", str, where, nullable=True)
            if verdict is not None and verdict not in labels:
                raise self.fail(f"claim {claim_id} has the verdict “{verdict}”, which is not on the verdict scale.")
            plan.claims.append(
                {
                    "id": claim_id,
                    "article_id": article_id,
                    "start_offset": start,
                    "end_offset": end,
                    "exact": exact,
                    "prefix": self.text(claim, "prefix", where),
                    "suffix": self.text(claim, "suffix", where),
                    "verdict": verdict,
                    "rationale": self.text(claim, "rationale", where),
                    "anchor_state": state,
                    "created_by": self.text(claim, "created_by", where, max_chars=200),
                    "created_at": self.moment(claim, "created_at", where),
                    "updated_by": self.text(claim, "updated_by", where, max_chars=200),
                    "updated_at": self.moment(claim, "updated_at", where),
                    "version": self.number(claim, "version", where, minimum=1),
                    # Review fields (format 1 archives made before them simply lack the keys).
                    "restated": self.text(claim, "restated", where) if "restated" in claim else "",
                    "claimant": self.text(claim, "claimant", where) if "claimant" in claim else "",
                    "claim_date": self.day(claim, "claim_date", where) if "claim_date" in claim else None,
                    "status": self._status(claim, where),
                    "assignee": self.text(claim, "assignee", where, max_chars=200) if "assignee" in claim else "",
                    "reviewer": self.text(claim, "reviewer", where, max_chars=200) if "reviewer" in claim else "",
                    "approved_by": self.text(claim, "approved_by", where, max_chars=200)
                    if "approved_by" in claim
                    else "",
                    "approved_at": self.moment(claim, "approved_at", where)
                    if claim.get("approved_at") is not None
                    else None,
                    # Re-anchoring's confidence (archives made before it lack the keys).
                    "anchor_similarity": self._similarity(claim, where),
                    "anchor_method": self.text(claim, "anchor_method", where, max_chars=20)
                    if "anchor_method" in claim
                    else "",
                    "checked_wording": self.text(claim, "checked_wording", where) if "checked_wording" in claim else "",
                }
            )
            for key, known, rows, column, what in (
                ("tag_ids", tag_ids, plan.claim_tags, "tag_id", "tag"),
                ("source_ids", source_ids, plan.claim_sources, "source_id", "source"),
            ):
                linked = self.get(claim, key, list, where)
                for position, linked_id in enumerate(linked):
                    if not isinstance(linked_id, int) or isinstance(linked_id, bool) or linked_id not in known:
                        raise self.fail(f"claim {claim_id} cites {what} {linked_id!r}, which is not in the archive.")
                    if linked_id in linked[:position]:
                        raise self.fail(f"claim {claim_id} cites {what} {linked_id} twice.")
                    rows.append({"claim_id": claim_id, column: linked_id, "position": position})
            self._evidence(claim, where, claim_id, plan)

    def _evidence(self, claim: dict[str, Any], where: str, claim_id: int, plan: _Plan) -> None:
        """Excerpt, location and stance of each cited source (archives before them have none)."""
        if "evidence" not in claim:
            for row in plan.claim_sources:
                if row["claim_id"] == claim_id:
                    row.update(excerpt="", location="", stance="")
            return
        items = self.get(claim, "evidence", list, where)
        links = {row["source_id"]: row for row in plan.claim_sources if row["claim_id"] == claim_id}
        if len(items) != len(links):
            raise self.fail(f"{where}.evidence does not match its source_ids.")
        for number, item in enumerate(items):
            spot = f"{where}.evidence[{number}]"
            if not isinstance(item, dict):
                raise self.fail(f"{spot} should be an object, not {_type_name(item)}.")
            link = links.get(self.number(item, "source_id", spot))
            if link is None:
                raise self.fail(f"{spot} names a source the claim does not cite.")
            stance = self.text(item, "stance", spot)
            if stance and stance not in STANCES:
                raise self.fail(f"{spot} has the unknown stance “{stance[:20]}”.")
            link.update(
                excerpt=self.text(item, "excerpt", spot), location=self.text(item, "location", spot), stance=stance
            )

    def _similarity(self, claim: dict[str, Any], where: str) -> float | None:
        value = claim.get("anchor_similarity")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise self.fail(f"{where}.anchor_similarity should be a number from 0 to 1 or null, not {value!r:.40}.")
        return float(value)

    def _status(self, claim: dict[str, Any], where: str) -> str:
        if "status" not in claim:
            return DRAFT
        status = self.text(claim, "status", where)
        if status not in STATUSES:
            raise self.fail(f"{where} has the unknown status “{status[:20]}”.")
        return status

    def history(self, document: dict[str, Any], plan: _Plan) -> None:
        """The append-only log (optional: archives made before it have none)."""
        if "history" not in document:
            return
        ids: set[int] = set()
        for where, item in self.items(document, "history"):
            entity = self.text(item, "entity", where)
            if entity not in ("claim", "article", "setting"):
                raise self.fail(f"{where} is about “{entity[:20]}”, which has no history.")
            state = item.get("state")
            if state is not None and not isinstance(state, dict):
                raise self.fail(f"{where}.state should be an object or null, not {_type_name(state)}.")
            recorded = json.dumps(state, ensure_ascii=False, sort_keys=True)
            if len(recorded) > MAX_HISTORY_STATE_CHARS:
                raise self.fail(f"{where}.state is longer than {MAX_HISTORY_STATE_CHARS:,} characters.")
            plan.history.append(
                {
                    "id": self.unique_id(item, where, ids, "history entries"),
                    "at": self.moment(item, "at", where),
                    "analyst": self.text(item, "analyst", where, max_chars=200),
                    "entity": entity,
                    "entity_id": self.number(item, "entity_id", where),
                    "action": self.text(item, "action", where),
                    "state": recorded,
                }
            )

    def attachments(self, document: dict[str, Any], members: dict[str, zipfile.ZipInfo]) -> list[dict[str, Any]]:
        """Check the attachment list against the files in the archive."""
        listed: list[dict[str, Any]] = []
        ids: set[int] = set()
        sources = {row["id"] for row in self._plan_sources}
        sizes: dict[str, int] = {}
        for where, item in self.items(document, "attachments"):
            digest = self.text(item, "sha256", where)
            if not _SHA256.fullmatch(digest):
                raise self.fail(f"{where}.sha256 is not a SHA-256 in lowercase hex.")
            size = self.number(item, "size", where, minimum=1)
            if size > MAX_ATTACHMENT_BYTES:
                raise self.fail(
                    f"the attached file {digest[:12]}… is larger than {format_size(MAX_ATTACHMENT_BYTES)}, "
                    "the limit for one file."
                )
            sizes[digest] = size
            if sum(sizes.values()) > MAX_ATTACHMENTS_BYTES:
                raise self.fail(
                    f"the attached files come to more than {format_size(MAX_ATTACHMENTS_BYTES)}, the limit "
                    "for one archive."
                )
            member = members.get(ATTACHMENTS_DIR + digest)
            if member is None or member.file_size != size:
                raise self.fail(f"the attached file {digest[:12]}… is missing from the archive or has another size.")
            source_id = self.number(item, "source_id", where)
            if source_id not in sources:
                raise self.fail(f"{where} belongs to source {source_id}, which is not in the archive.")
            listed.append(
                {
                    "id": self.unique_id(item, where, ids, "attachments"),
                    "source_id": source_id,
                    "sha256": digest,
                    "name": safe_file_name(self.text(item, "name", where)),
                    "media_type": self.text(item, "media_type", where, max_chars=100),
                    "size": size,
                    "added_at": self.moment(item, "added_at", where),
                    "added_by": self.text(item, "added_by", where, max_chars=200),
                }
            )
        return listed


# -- writing the rows ------------------------------------------------------------


def _table(row_class: type[Base]) -> Table:
    """The row class's table, as the ``Table`` it is (the ORM types ``__table__`` as a FromClause)."""
    return cast(Table, row_class.__table__)


def _restore(session: Session, plan: _Plan) -> None:
    """Insert every row with its archived id, in an order the foreign keys accept."""
    # A new project starts with the default scale; the archive's replaces it.
    session.execute(delete(VerdictRow))
    session.execute(delete(SettingRow))
    for table, rows in (
        (_table(SettingRow), plan.settings),
        (_table(VerdictRow), plan.verdicts),
        (_table(TagRow), plan.tags),
        (_table(SourceRow), plan.sources),
        (_table(ArticleRow), plan.articles),
    ):
        if rows:
            session.execute(insert(table), rows)
    if plan.revisions:
        articles = _table(ArticleRow)
        session.execute(
            update(articles).where(articles.c.id == bindparam("b_id")).values(revision_of=bindparam("b_revision_of")),
            plan.revisions,
        )
    for table, rows in (
        (_table(ClaimRow), plan.claims),
        (_table(ClaimTagRow), plan.claim_tags),
        (_table(ClaimSourceRow), plan.claim_sources),
        (_table(HistoryRow), plan.history),
    ):
        if rows:
            session.execute(insert(table), rows)
    # One attached file in memory at a time: each is read from the archive (and checked
    # again) just before its row is written.
    for row in plan.attachments:
        if "data" in row:
            data = row["data"]
        else:
            assert plan.attachment_data is not None  # set by the archive reader beside the attachments
            data = plan.attachment_data(row["sha256"])
        session.execute(insert(_table(AttachmentRow)), [dict(row, data=data)])
        del data
