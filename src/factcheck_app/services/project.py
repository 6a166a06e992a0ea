"""Opening, creating and editing a project: the one door to a project database.

``Project.apply(edit)`` runs an edit in its own short write transaction, so every
edit is committed the moment it is made and nothing waits for a "Save".
"""

from __future__ import annotations

import getpass
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from factcheck_app.domain.articles import Article
from factcheck_app.domain.attachments import Attachment
from factcheck_app.domain.claims import Claim
from factcheck_app.domain.errors import (
    EmptyDatabase,
    FactcheckError,
    NotFound,
    ProjectError,
    ProjectInUse,
    ProjectReadOnly,
)
from factcheck_app.domain.gates import RuleSubject
from factcheck_app.domain.sources import Source
from factcheck_app.domain.tags import Tag
from factcheck_app.domain.verdicts import DEFAULT_SCALE, VerdictScale
from factcheck_app.services.changes import Changes
from factcheck_app.services.edits import Edit, EditContext
from factcheck_app.services.live import HistoryFeed, RemoteChanges, remote_changes
from factcheck_app.services.versions import check_expectations, expectations_left, track_versioned_rows
from factcheck_app.storage import schema
from factcheck_app.storage.claim_reads import load_claims_fast, load_rule_subjects
from factcheck_app.storage.engine import (
    PROJECT_SUFFIX,
    Location,
    ProjectLock,
    inspect_sqlite_file,
    locate,
    make_engine,
    mark_as_project,
    reset_sequences,
    restrict_to_owner,
    server_error,
)
from factcheck_app.storage.orm import (
    ArticleRow,
    AttachmentRow,
    ClaimRow,
    ClaimTagRow,
    HistoryRow,
    SettingRow,
    SourceRow,
    TagRow,
)
from factcheck_app.storage.repositories import (
    article_from_row,
    attachment_from_row,
    bump_edit_counter,
    claim_from_row,
    edit_count,
    get_article_row,
    get_claim_row,
    history_state,
    load_history,
    load_scale,
    record_history,
    source_from_row,
    store_scale,
)


def default_analyst() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database (containers): still usable
        return "analyst"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime
    analyst: str
    action: str
    state: dict[str, object] | None  # the thing after the change; None once deleted


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One row of the history log: which thing an edit changed and its state after."""

    id: int
    at: datetime
    analyst: str
    entity: str  # claim | article | setting | codebook
    entity_id: int
    action: str
    state: object  # the thing after the change (JSON); None once deleted


class Project:
    """An open project. Hands out immutable snapshots; takes edits."""

    def __init__(
        self,
        location: Location,
        engine: Engine,
        *,
        read_only: bool,
        analyst: str,
        lock: ProjectLock | None,
    ) -> None:
        self.location = location
        self.read_only = read_only
        self.analyst = analyst
        self._engine = engine
        self._lock = lock
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(engine.execution_options(factcheck_write=True), expire_on_commit=False)
        self._scale: VerdictScale | None = None
        self._own_history: set[int] = set()  # history rows this window wrote (live updates skip them)
        self._feed = self._start_feed()
        self._feed_lock = threading.Lock()
        self._poll_lock = threading.Lock()

    # -- opening and closing -------------------------------------------------

    @classmethod
    def create(
        cls, target: str | os.PathLike[str] | Location, *, analyst: str | None = None, password: str | None = None
    ) -> Project:
        """A new project: a new file, or an empty PostgreSQL database made into a team project."""
        location = new_project_location(target, password=password, taken="choose another name or open it")
        engine = make_engine(location)
        if location.is_server:
            check_empty_server_database(location, engine)
        try:
            mark_as_project(engine)
            if location.path is not None:
                restrict_to_owner(location.path)
            schema.upgrade(engine)
            with Session(engine.execution_options(factcheck_write=True)) as session, session.begin():
                store_scale(session, DEFAULT_SCALE)
        except (SQLAlchemyError, OSError) as error:
            engine.dispose()
            if location.path is not None:
                for suffix in ("", "-wal", "-shm"):
                    Path(str(location.path) + suffix).unlink(missing_ok=True)
            elif isinstance(error, OperationalError):
                raise server_error(location, error) from error
            raise ProjectError(f"Could not create the project: {error}") from error
        engine.dispose()
        return cls.open(location, analyst=analyst)

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | Location,
        *,
        read_only: bool = False,
        analyst: str | None = None,
        password: str | None = None,
    ) -> Project:
        location = locate(target, password=password)
        lock: ProjectLock | None = None
        if location.path is not None:
            # First, before Alembic or any read of a table: the file's schema must be the app's
            # (no trigger, view or changed table of someone else's; ForeignSchema otherwise).
            revision = inspect_sqlite_file(location.path)
            needs_upgrade = schema.check_revision(revision, location.path.name)
            if not read_only and not os.access(location.path, os.W_OK):
                read_only = True
            if not read_only:
                lock = ProjectLock(location.path)
                if not lock.acquire():
                    raise ProjectInUse(
                        f"{location.path.name} is open for writing in {lock.holder()}. You can open it read-only."
                    )
        engine = make_engine(location, read_only=read_only)
        try:
            if location.path is None:
                revision = schema.current_revision(engine)
                if revision is None:
                    raise EmptyDatabase(
                        f"{location.display_name} holds no Factcheck project yet: make it one with "
                        f"“factcheck new {location.target}”, or copy a project there."
                    )
                needs_upgrade = schema.check_revision(revision, location.display_name)
            if needs_upgrade and location.path is not None and not read_only:
                from factcheck_app.services.backups import make_backup

                make_backup(location.path, reason="before-upgrade")
            if needs_upgrade:
                if read_only:
                    raise ProjectReadOnly(
                        f"{location.display_name} was made by an older version and must be upgraded; "
                        "open it for writing once."
                    )
                schema.upgrade(engine)
        except (FactcheckError, SQLAlchemyError) as error:
            engine.dispose()
            if lock:
                lock.release()
            if isinstance(error, FactcheckError):
                raise
            if location.is_server and isinstance(error, OperationalError):
                raise server_error(location, error) from error
            raise ProjectError(f"Could not open {location.display_name}: {error}") from error
        return cls(location, engine, read_only=read_only, analyst=analyst or default_analyst(), lock=lock)

    def close(self) -> None:
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def name(self) -> str:
        return self.location.display_name

    # -- reading -------------------------------------------------------------

    def _start_feed(self) -> HistoryFeed:
        """Live updates start from what is committed now; recent ids still missing (edits
        in flight while the project opened) are watched as gaps."""
        try:
            with self._read() as session:
                last = int(session.scalar(select(func.max(HistoryRow.id))) or 0)
                recent = set(session.scalars(select(HistoryRow.id).where(HistoryRow.id > last - FEED_LOOKBACK)))
        except ProjectError:
            return HistoryFeed(0)
        return HistoryFeed(last, missing=[i for i in range(max(1, last - FEED_LOOKBACK + 1), last) if i not in recent])

    @contextmanager
    def _read(self) -> Iterator[Session]:
        try:
            with self._reader() as session, session.begin():
                yield session
        except DatabaseError as error:  # includes OperationalError (locked, I/O) and "malformed"
            raise ProjectError(
                f"Could not read {self.name}: {error.orig}. Use Check project, or restore a backup."
            ) from error

    def verdict_scale(self) -> VerdictScale:
        if self._scale is None:
            with self._read() as session:
                self._scale = load_scale(session)
        return self._scale

    def settings(self) -> dict[str, str]:
        """Per-project settings (organisation, report base URL, …) as plain strings."""
        with self._read() as session:
            return {row.key: row.value for row in session.scalars(select(SettingRow))}

    def tags(self) -> list[Tag]:
        """The codebook: every tag with its colour and how many claims carry it, by path."""
        with self._read() as session:
            counts: dict[int, int] = {}
            for tag_id in session.scalars(select(ClaimTagRow.tag_id)):
                counts[tag_id] = counts.get(tag_id, 0) + 1
            rows = session.scalars(select(TagRow)).all()
            return sorted(
                (Tag(row.id, row.name, row.colour, counts.get(row.id, 0)) for row in rows),
                key=lambda t: t.name.casefold(),
            )

    def sources(self) -> list[Source]:
        """The project's sources library, whether or not a claim cites them now."""
        with self._read() as session:
            return [source_from_row(row) for row in session.scalars(select(SourceRow).order_by(SourceRow.id))]

    def attachments(self, source_id: int | None = None) -> list[Attachment]:
        """Files kept in the project (of one source, or all), without their content."""
        with self._read() as session:
            query = select(AttachmentRow).order_by(AttachmentRow.id)
            if source_id is not None:
                query = query.where(AttachmentRow.source_id == source_id)
            return [attachment_from_row(row) for row in session.scalars(query)]

    def attachment_data(self, attachment_id: int) -> bytes:
        with self._read() as session:
            row = session.get(AttachmentRow, attachment_id)
            if row is None:
                raise NotFound(f"There is no attached file {attachment_id} in this project.")
            return row.data

    def edit_counter(self) -> int:
        """How many edits were ever committed to this project (backups compare it)."""
        return edit_count(self.settings())

    def articles(self) -> list[Article]:
        with self._read() as session:
            rows = session.scalars(select(ArticleRow).order_by(ArticleRow.id))
            return [article_from_row(row) for row in rows]

    def article(self, article_id: int) -> Article:
        with self._read() as session:
            return article_from_row(get_article_row(session, article_id))

    def claims(self, article_id: int | None = None) -> list[Claim]:
        with self._read() as session:
            return load_claims_fast(session, article_id)

    def claim(self, claim_id: int) -> Claim:
        with self._read() as session:
            return claim_from_row(get_claim_row(session, claim_id))

    def iter_claims(self, article_id: int | None = None, *, batch: int = 500) -> Iterator[Claim]:
        """Every claim (of one article, or all) in the order of ``claims``, read in batches.

        For exports of large projects (``factcheck claims --jsonl``): only the ids are held
        at once, never every claim; one read transaction, so the result is one consistent state.
        """
        with self._read() as session:
            query = select(ClaimRow.id).order_by(ClaimRow.article_id, ClaimRow.start_offset, ClaimRow.id)
            if article_id is not None:
                query = query.where(ClaimRow.article_id == article_id)
            ids = list(session.scalars(query))
            for start in range(0, len(ids), batch):
                yield from load_claims_fast(session, ids=ids[start : start + batch])
                session.expunge_all()

    def iter_articles(self) -> Iterator[Article]:
        """Every article (with its text), one at a time in id order: for large projects."""
        with self._read() as session:
            for article_id in list(session.scalars(select(ArticleRow.id).order_by(ArticleRow.id))):
                row = session.get(ArticleRow, article_id)
                if row is not None:
                    yield article_from_row(row)
                    session.expunge(row)

    def article_links(self) -> dict[int, int | None]:
        """Article id → the id of the version it revises (None for a first version)."""
        with self._read() as session:
            return {int(i): r for i, r in session.execute(select(ArticleRow.id, ArticleRow.revision_of))}

    def claim_counts(self) -> dict[int, int]:
        """Article id → how many claims it holds (counted by the database)."""
        with self._read() as session:
            query = select(ClaimRow.article_id, func.count()).group_by(ClaimRow.article_id)
            return {int(article_id): int(n) for article_id, n in session.execute(query)}

    def claims_for_rules(self) -> list[RuleSubject]:
        """Every claim the verdict rules could fault, as the fields they read (the whole-project
        Problems check); a claim with damaged values is read in full, with its stand-ins."""
        with self._read() as session:
            found = load_rule_subjects(session)
        damaged = {entry for entry in found if isinstance(entry, int)}
        in_full = {claim.id: claim for claim in self.find_claims(damaged)}
        return [
            in_full[entry] if isinstance(entry, int) else entry
            for entry in found
            if not isinstance(entry, int) or entry in in_full
        ]

    def find_claims(self, ids: set[int] | frozenset[int]) -> list[Claim]:
        """The claims among ``ids`` that still exist (a view refreshing after an edit)."""
        if not ids:
            return []
        with self._read() as session:
            return load_claims_fast(session, ids=ids)

    @contextmanager
    def maintenance_session(self) -> Iterator[Session]:
        """One write transaction for maintenance (check and repair, archive restore).

        Not an undoable edit: callers report what they changed themselves.
        """
        if self.read_only:
            raise ProjectReadOnly(f"{self.name} is open read-only; it cannot be repaired.")
        try:
            with self._writer() as session, session.begin():
                yield session
                bump_edit_counter(session)
                session.flush()
                reset_sequences(session.connection())  # rows restored with their own ids
        except OperationalError as error:
            raise ProjectError(f"Could not write to {self.name}: {error.orig}") from error

    def read_session(self) -> AbstractContextManager[Session]:
        """A read-only transaction for services that query directly (checks, exports)."""
        return self._read()

    # -- editing -------------------------------------------------------------

    def apply(self, edit: Edit) -> Changes:
        return self._run(edit, undo=False)

    def revert(self, edit: Edit) -> Changes:
        return self._run(edit, undo=True)

    def others_changes(self) -> RemoteChanges:
        """What other analysts (or windows) committed since the last call: for live updates.

        Reads the append-only history past what this window has already seen. A history id
        that was handed out but not yet committed when we last looked (two analysts saving
        at once on a server) leaves a gap, which is looked at again for a while.
        """
        # NOTE: the lock guards the feed only, never the query: a poll stuck on a dead network
        # must not hold up an edit (which notes its own ids under the same lock).
        with self._poll_lock:  # one poll at a time (the GUI polls on a worker thread)
            with self._feed_lock:
                floor = self._feed.floor()
            with self._read() as session:
                if session.get_bind().dialect.name == "postgresql":
                    session.execute(text(f"SET LOCAL statement_timeout = {POLL_TIMEOUT_MS}"))
                rows = session.execute(
                    select(HistoryRow.id, HistoryRow.entity, HistoryRow.entity_id, HistoryRow.state, HistoryRow.analyst)
                    .where(HistoryRow.id > floor)
                    .order_by(HistoryRow.id)
                ).all()
            with self._feed_lock:
                fresh = self._feed.take([row[0] for row in rows], own=self._own_history)
                self._own_history = {i for i in self._own_history if i > floor}  # seen: no longer needed
        remote = remote_changes([row for row in rows if row[0] in fresh])
        if "verdict_scale" in remote.changes.settings_changed:
            self._scale = None  # someone else changed it: read it again
        return remote

    def history(self, entity: str, entity_id: int) -> list[HistoryEntry]:
        """Who changed this claim or article, when, and what it looked like after (oldest first)."""
        with self._read() as session:
            return [
                HistoryEntry(r.at, r.analyst, r.action, history_state(r))
                for r in load_history(session, entity, entity_id)
            ]

    def analysts(self) -> list[str]:
        """Everyone who ever changed something in the project (one query, not the whole history)."""
        with self._read() as session:
            names = session.scalars(select(HistoryRow.analyst).distinct())
            return sorted({name for name in names if isinstance(name, str) and name.strip()}, key=str.casefold)

    def history_log(self, entity: str | None = None, entity_id: int | None = None) -> Iterator[LoggedChange]:
        """The whole history (or one thing's), oldest first, read in batches: for scripts."""
        with self._read() as session:
            query = select(HistoryRow).order_by(HistoryRow.id)
            if entity is not None:
                query = query.where(HistoryRow.entity == entity)
            if entity_id is not None:
                query = query.where(HistoryRow.entity_id == entity_id)
            for row in session.scalars(query.execution_options(yield_per=500)):
                yield LoggedChange(
                    row.id, row.at, row.analyst, row.entity, row.entity_id, row.action, history_state(row)
                )

    def _run(self, edit: Edit, *, undo: bool) -> Changes:
        if self.read_only:
            raise ProjectReadOnly(f"{self.name} is open read-only; your change was not made.")
        step = edit.revert if undo else edit.apply
        action = f"Undo: {edit.text}" if undo else edit.text
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                changes = self._run_once(edit, step, action, undo=undo)
            except StaleDataError:
                # Another analyst committed to the same row between our check and our write
                # (PostgreSQL): run again; the check then sees their version and decides.
                if attempt == WRITE_ATTEMPTS:
                    raise ProjectError("Your change collided with other analysts' changes; try again.") from None
                continue
            except FactcheckError:
                raise
            except (OperationalError, IntegrityError) as error:
                if attempt < WRITE_ATTEMPTS and _worth_retrying(error):
                    time.sleep(0.02 * attempt)
                    continue
                if isinstance(error, OperationalError):
                    raise ProjectError(_write_failure(self.name, error)) from error
                raise ProjectError(f"Your change could not be saved: {error.orig}") from error
            except SQLAlchemyError as error:
                # NOTE: str(error) carries the SQL and its parameters: never a message for people.
                reason = str(getattr(error, "orig", None) or type(error).__name__).splitlines()[0]
                raise ProjectError(
                    f"Your change could not be saved ({reason}); nothing was changed. "
                    f"“factcheck check” or File ▸ Check project tells what is wrong with {self.name}."
                ) from error
            if "verdict_scale" in changes.settings_changed:
                self._scale = None  # read again on next use
            return changes
        raise AssertionError("unreachable")

    def _run_once(self, edit: Edit, step: Callable[[EditContext], Changes], action: str, *, undo: bool) -> Changes:
        """One write transaction: check what the edit expects, run it, log it, note what it left."""
        with self._writer() as session, session.begin():
            touched = track_versioned_rows(session)
            checked = check_expectations(session, edit, undo=undo)  # held (and locked) until commit
            now = datetime.now()
            changes = step(EditContext(session=session, analyst=self.analyst, now=now))
            written = record_history(
                session,
                analyst=self.analyst,
                at=now,
                action=action,
                claims=changes.claims_added | changes.claims_removed | changes.claims_updated,
                articles=changes.articles_added | changes.articles_removed | changes.articles_updated,
                settings=changes.settings_changed,
            )
            bump_edit_counter(session)
            session.flush()
            left = expectations_left(touched)
            with self._feed_lock:  # before commit, so the live feed never takes them for others'
                self._own_history.update(written)
            del checked
        edit.expectations().update(left)
        edit._overrule = False
        return changes


WRITE_ATTEMPTS = 4
FEED_LOOKBACK = 50  # history ids below the newest that may still be in flight when a project opens
POLL_TIMEOUT_MS = 10_000  # a live-update read that takes longer is given up (and tried again later)


def _worth_retrying(error: DBAPIError) -> bool:
    """Deadlocks, serialisation failures and racing inserts of the same new tag resolve on a rerun."""
    code = getattr(error.orig, "sqlstate", None) or ""
    return code in {"40001", "40P01", "23505"} or "database is locked" in str(error.orig)


def new_project_location(target: str | os.PathLike[str] | Location, *, password: str | None, taken: str) -> Location:
    """Where a new project goes: a file that does not exist yet (``.factcheck`` added), or a server URL."""
    location = locate(target, password=password)
    if location.path is None:
        return location
    if location.path.suffix == "":
        location = locate(location.path.with_suffix(PROJECT_SUFFIX))
    assert location.path is not None
    if location.path.exists():
        raise ProjectError(f"{location.path} already exists; {taken}.")
    if not location.path.parent.is_dir():
        raise ProjectError(f"The folder {location.path.parent} does not exist.")
    return location


def check_empty_server_database(location: Location, engine: Engine) -> None:
    """A team project goes into an empty database: never mix it with another application's tables."""
    from sqlalchemy import inspect

    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except OperationalError as error:
        engine.dispose()
        raise server_error(location, error) from error
    if not tables:
        return
    engine.dispose()
    if "alembic_version" in tables and "claims" in tables:
        raise ProjectError(f"{location.display_name} already holds a Factcheck project: open it instead.")
    raise ProjectError(
        f"The database {location.display_name} is not empty ({len(tables)} tables of another application); "
        "a team project needs a database of its own."
    )


def _write_failure(name: str, error: OperationalError) -> str:
    """Say what went wrong in the analyst's words; the change was rolled back, nothing else lost."""
    detail = str(error.orig).lower()
    if "full" in detail:
        return f"The disk holding {name} is full: your change was not saved. Free some space and try again."
    if "readonly" in detail or "read-only" in detail:
        return f"{name} cannot be written (read-only file or folder): your change was not saved."
    if "locked" in detail or "busy" in detail:
        return f"{name} is busy in another program: your change was not saved. Try again in a moment."
    if "i/o" in detail or "disk i/o" in detail:
        return f"The disk reported an error while saving to {name}: your change was not saved. Check the drive."
    return f"Your change could not be saved to {name}: {error.orig}"
