"""Engines for project databases, and the checks made before a file is touched.

A project is either a SQLite file (``*.factcheck``) or a PostgreSQL URL (team mode).
All SQLite specifics live here: the file checks done read-only *before* anything could
write to the file (so a wrong or newer file stays byte-identical), the pragmas set on
every connection, ``BEGIN IMMEDIATE`` for write transactions, and the one-writer lock.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session

from factcheck_app.domain.errors import ForeignSchema, NeedsPassword, NotAProject, ProjectError

if TYPE_CHECKING:
    from factcheck_app.storage.schema import SchemaFinding, SchemaRow

PROJECT_SUFFIX = ".factcheck"
# PRAGMA application_id marks our files ("FCK1"), so a SQLite file of another app is told apart.
APPLICATION_ID = 0x46434B31
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


SERVER_SCHEMES = ("postgresql", "postgres")
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True, slots=True)
class Location:
    """Where a project lives: a SQLite file path or a server URL.

    A server URL may carry a password typed at a prompt; ``target`` and ``display_url``
    never show it, so it is never written to settings, titles or logs.
    """

    url: str
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def display_url(self) -> str:
        """The URL without a password, in the ``postgresql://`` form people type."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import URL, make_url

        given = make_url(self.url)
        # NOTE: built anew: URL.set(password=None) means "leave the password as it is".
        query = {k: v for k, v in given.query.items() if k not in ("password", "sslpassword")}
        url = URL.create("postgresql", given.username, None, given.host, given.port, given.database, query)
        return url.render_as_string(hide_password=False)

    @property
    def target(self) -> str:
        """What to open this project again with (a path, or a URL without password)."""
        return self.display_url

    @property
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        from sqlalchemy.engine import make_url

        url = make_url(self.url)
        return f"{url.database} on {url.host or 'localhost'}"


def locate(project: str | os.PathLike[str] | Location, *, password: str | None = None) -> Location:
    """A path or a ``postgresql://user@host/database`` URL; ``password`` is kept in memory only."""
    if isinstance(project, Location):
        return project
    text = os.fspath(project)
    if "://" in text:
        scheme = text.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme not in SERVER_SCHEMES:
            raise ProjectError(f"“{scheme}://” is not a project address: use a file or postgresql://host/database.")
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(text.replace("postgres://", "postgresql://", 1))
            url.port  # noqa: B018 - a port that is not a number raises here, not deep in the driver
        except (ArgumentError, ValueError) as error:
            raise ProjectError(f"{text} is not a valid server address ({error}).") from error
        if not url.database:
            raise ProjectError("A team project address must name its database: postgresql://host/database.")
        url = url.set(drivername="postgresql+psycopg")
        if password is not None:
            url = url.set(password=password)
        return Location(url=url.render_as_string(hide_password=False), path=None)
    path = Path(text).expanduser().resolve()
    return Location(url=f"sqlite+pysqlite:///{path}", path=path)


# Reading the schema of a file nobody has vouched for yet: within these bounds, or refused.
SCHEMA_READ_SECONDS = 3.0  # the app's own schema is read in milliseconds
SCHEMA_MAX_OBJECTS = 1000  # the app makes about 25 (tables, indexes)
SCHEMA_MAX_TEXT = 1_000_000  # characters of any one value read meanwhile (the longest CREATE is ~1,500)
_PROGRESS_STEPS = 1000  # SQLite virtual-machine steps between two looks at the clock


def harden(connection: sqlite3.Connection) -> None:
    """What every connection to a project file gets, before its first statement.

    ``trusted_schema=OFF``: functions with side effects and virtual tables cannot be used from
    the schema (triggers, views, defaults…), should any slip past the schema check. Python
    3.12+ also sets SQLite's defensive flag (no writable_schema, no journal_mode=OFF, no
    writes to shadow tables); Python 3.11 has no ``setconfig``, and gets instead the schema
    check of ``inspect_sqlite_file`` (no code the app did not write ever runs) and the app's
    own statements, none of which asks for those. ``cell_size_check`` looks harder at pages
    read from a damaged or crafted file; ATTACH is never used, so it is switched off.
    """
    setconfig = getattr(connection, "setconfig", None)
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)
    if setconfig is not None and defensive is not None:  # Python 3.12+
        setconfig(defensive, True)
    connection.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
    connection.execute("PRAGMA trusted_schema=OFF")
    connection.execute("PRAGMA cell_size_check=ON")


class SchemaTooLarge(ProjectError):
    """A file whose schema cannot be read within the bounds of ``schema_reader``."""


@contextlib.contextmanager
def schema_reader(path: Path, *, write: bool = False) -> Iterator[_BudgetedConnection]:
    """A connection to a file that may come from anyone, for its schema only.

    Every statement on it is bounded: ``SCHEMA_READ_SECONDS`` in all (a progress handler
    interrupts it; SQLite reads the whole schema on the first statement, so a file with a
    million triggers stops there too) and ``SCHEMA_MAX_TEXT`` for any value read. Opened for
    writing when the file and its folder allow it, with ``query_only`` unless ``write``: a
    read-only connection to a WAL file would leave ``-wal`` and ``-shm`` files behind, one
    for writing removes them when it closes. The file's pages are never changed by reading.
    """
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if write and not writable:
        raise ProjectError(f"{path.name} cannot be changed (read-only file or folder).")
    uri = path.as_uri() + ("" if writable else "?mode=ro")
    try:
        connection = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, factory=_BudgetedConnection
        )
    except sqlite3.Error as error:
        raise ProjectError(f"Cannot open {path.name}: {error}.") from error
    budget = connection.budget
    try:
        connection.set_progress_handler(budget, _PROGRESS_STEPS)  # before the first statement
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, SCHEMA_MAX_TEXT)
        connection.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, SCHEMA_MAX_TEXT)
        harden(connection)
        if not write:
            connection.execute("PRAGMA query_only=ON")
        yield connection
    except sqlite3.DatabaseError as error:
        raise _schema_error(path, error, budget) from error
    finally:
        connection.close()


class _Budget:
    """The progress handler: interrupts a statement once the time is up."""

    def __init__(self) -> None:
        self.restart()

    def restart(self) -> None:
        self.deadline = time.monotonic() + SCHEMA_READ_SECONDS
        self.spent = False

    def __call__(self) -> int:
        if time.monotonic() > self.deadline:
            self.spent = True
            return 1
        return 0


class _BudgetedConnection(sqlite3.Connection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = _Budget()


def _schema_error(path: Path, error: sqlite3.DatabaseError, budget: _Budget) -> ProjectError:
    detail = str(error)
    if budget.spent or "interrupted" in detail or "too big" in detail:
        return SchemaTooLarge(
            f"{path.name} is not opened: its database schema could not be read within {SCHEMA_READ_SECONDS:g} s "
            f"and {SCHEMA_MAX_TEXT // 1_000_000} MB per object (a Factcheck project's takes milliseconds: this one "
            "is far larger, or the disk is very slow). Nothing in it was changed."
        )
    if isinstance(error, sqlite3.OperationalError) and ("locked" in detail or "busy" in detail):
        return ProjectError(f"{path.name} is busy in another program; try again in a moment.")
    return NotAProject(f"{path.name} is damaged or not a Factcheck project ({detail}).")


def read_schema(connection: sqlite3.Connection, name: str) -> list[SchemaRow]:
    """sqlite_master, and nothing else: at most ``SCHEMA_MAX_OBJECTS`` rows."""
    from factcheck_app.storage.schema import SchemaRow

    found = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid LIMIT ?", (SCHEMA_MAX_OBJECTS + 1,)
    ).fetchall()
    if len(found) > SCHEMA_MAX_OBJECTS:
        raise SchemaTooLarge(
            f"{name} is not opened: its database schema has more than {SCHEMA_MAX_OBJECTS} tables, indexes and "
            "other objects, where a Factcheck project has about 25. Nothing in it was changed."
        )
    return [SchemaRow(_text(r[0]), _text(r[1]), _text(r[2]), None if r[3] is None else _text(r[3])) for r in found]


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class SchemaInspection:
    """What the schema check of a project file found."""

    revision: str | None  # None: no schema yet; a revision the app does not know: a newer project
    findings: tuple[SchemaFinding, ...] = ()

    @property
    def sound(self) -> bool:
        return not self.findings


def _check_header(path: Path) -> None:
    if not path.exists():
        raise ProjectError(f"There is no project at {path}.")
    if path.is_dir():
        raise NotAProject(f"{path} is a folder, not a Factcheck project file.")
    if not path.is_file():
        raise NotAProject(f"{path.name} is not a regular file, so it is not a Factcheck project.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise ProjectError(f"Cannot read {path.name}: {error.strerror or error}.") from error
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotAProject(f"{path.name} is not a Factcheck project (it is not a project database).")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id != APPLICATION_ID:
        raise NotAProject(f"{path.name} is a database of another application, not a Factcheck project.")


def inspect_sqlite_schema(path: Path) -> SchemaInspection:
    """Read-only: is ``path`` our project, at which revision, and what in its schema did the
    app not make? Reads the file's header, then its schema (``schema_reader``): never a row of
    a table before the schema is known to be the app's, never a view, never a trigger.

    Raises NotAProject (not ours, or damaged), or ProjectError when the schema cannot be read
    within its bounds. Findings are returned, not raised: Check project repairs them.
    """
    _check_header(path)
    with schema_reader(path) as connection:
        return _inspect(connection, path)


def _inspect(connection: sqlite3.Connection, path: Path) -> SchemaInspection:
    from factcheck_app.storage import schema

    rows = read_schema(connection, path.name)
    revision = _stored_revision(connection, rows)
    if revision is _UNREADABLE or revision is None:  # no revision to compare with: its code is foreign in any
        return SchemaInspection(None, tuple(schema.foreign_code(rows, revision is _UNREADABLE)))
    if revision not in schema.KNOWN_REVISIONS:
        return SchemaInspection(revision)  # refused by check_revision: nothing to compare with
    expected = schema.expected_schema(revision)  # an older revision runs the migrations: not on the clock
    if isinstance(connection, _BudgetedConnection):
        connection.budget.restart()
    return SchemaInspection(revision, tuple(schema.compare_schema(connection, rows, expected)))


_UNREADABLE = "\x00unreadable"


def _stored_revision(connection: sqlite3.Connection, rows: list[SchemaRow]) -> str | None:
    """The revision in alembic_version, read only once that is a plain table of the app's making."""
    from factcheck_app.storage import schema

    table = next((r for r in rows if r.type == "table" and r.key == "alembic_version"), None)
    if table is None:
        return None
    reference = schema.expected_schema(schema.HEAD_REVISION).tables["alembic_version"]
    if not schema.is_ordinary_table(table) or schema.read_table_shape(connection, table) != reference:
        return _UNREADABLE
    found = connection.execute("SELECT version_num FROM alembic_version LIMIT 1").fetchone()
    return _text(found[0]) if found else None


def foreign_schema_error(name: str, findings: tuple[SchemaFinding, ...] | list[SchemaFinding]) -> ForeignSchema:
    """One line: what was found, that nothing was changed, and what can be done."""
    replaced = {f.stands_in_for for f in findings if f.stands_in_for}
    missing = {f.name.lower() for f in findings if f.kind == "table" and f.problem == "missing"}
    listed = [
        f
        for f in findings
        if not (
            f.problem == "missing"
            and (f.name.lower() in replaced or (f.kind == "index" and f.table.lower() in missing))
        )
    ]  # a view in place of a table says the table is missing, and so its indexes
    shown = [f.describe() for f in listed[:6]]
    if len(listed) > 6:
        shown.append(f"and {len(listed) - 6} more")
    if any(f.is_code for f in findings):
        lead = f"{name} contains database code that Factcheck App did not write: "
    else:
        lead = f"{name} does not have the database layout Factcheck App made: "
    text = lead + ", ".join(shown) + ". It was not opened and nothing in it was changed."
    removable = all(f.removable for f in findings)
    if removable:
        text += " Check project (Project ▸ Check project…, or factcheck check --repair) can remove it."
    elif any(f.removable for f in findings):
        text += (
            " Check project (Project ▸ Check project…, or factcheck check --repair) can remove the code, but not "
            "tables it does not know: restore a backup, or ask whoever sent the file."
        )
    else:
        text += (
            " Check project does not remove tables it does not know (they may hold another program's or a newer "
            "version's data): restore a backup, or ask whoever sent the file."
        )
    return ForeignSchema(text, found=tuple(shown), removable=removable)


def inspect_sqlite_file(path: Path) -> str | None:
    """Check read-only that ``path`` is our project, as the app made it; return its revision.

    Returns None for a project file with no schema yet. Raises NotAProject with a message
    that says what the file is instead, and ForeignSchema when its schema holds anything the
    app did not make (a trigger, a view, a changed table…), before anything else reads it.
    """
    inspection = inspect_sqlite_schema(path)
    if inspection.findings:
        raise foreign_schema_error(path.name, inspection.findings)
    return inspection.revision


def repair_schema(path: Path) -> list[str]:
    """Remove what the app did not make from the schema of ``path`` (a file no one has open):
    drop triggers, views and foreign indexes, make the app's missing or changed indexes and
    missing tables (empty) again. Unknown or changed tables are left as they are.

    Reads nothing but the schema, in one write transaction; returns what it did. The caller
    holds the project's lock and made a backup.
    """
    _check_header(path)
    with schema_reader(path, write=True) as connection:
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("BEGIN IMMEDIATE")
        try:
            done = _repair(connection, path)
            connection.execute("COMMIT")
        except BaseException:
            connection.set_progress_handler(None, 0)  # the rollback itself must not be cut short
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            raise
        return done


def _repair(connection: sqlite3.Connection, path: Path) -> list[str]:
    from factcheck_app.storage import schema

    inspection = _inspect(connection, path)
    revision = inspection.revision
    expected = schema.expected_schema(revision) if revision in schema.KNOWN_REVISIONS else None
    done: list[str] = []
    for statement, what in schema.repair_statements(inspection.findings, expected):
        connection.execute(statement)
        done.append(what)
    if expected is not None:
        # NOTE: foreign keys stay off on this connection: dropping the old table must not
        # cascade into the claims, tags and sources that point at it.
        assert connection.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        for finding in inspection.findings:
            if finding.kind == "table" and finding.problem == schema.EXTRA_COLUMNS:
                for statement, what in schema.rebuild_without_extra_columns(connection, finding.name, expected):
                    connection.execute(statement)
                    if what:
                        done.append(what)
    return done


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # NOTE: take transaction control from the driver so we can say BEGIN IMMEDIATE
    # for writes (no deadlock-prone lock upgrades) and plain BEGIN for reads.
    dbapi_connection.isolation_level = None
    harden(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: in WAL mode NORMAL may lose the last commits on power loss; FULL fsyncs
    # the WAL on every commit, which is what "committed means kept" requires.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _on_sqlite_connect_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None
    harden(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    if connection.get_execution_options().get("factcheck_write"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(location: Location, *, read_only: bool = False) -> Engine:
    if location.path is None:
        options = "-c default_transaction_read_only=on" if read_only else ""
        return create_engine(
            location.url,
            pool_pre_ping=True,
            connect_args={
                "connect_timeout": CONNECT_TIMEOUT_S,
                "application_name": "Factcheck App",
                "options": options,
                # A network that drops silently is noticed in about a minute, not hours.
                "keepalives": 1,
                "keepalives_idle": 30,
                "keepalives_interval": 10,
                "keepalives_count": 3,
            },
        )
    if read_only:
        url = f"sqlite+pysqlite:///{location.path.as_uri()}?mode=ro&uri=true"
        engine = create_engine(url)
        event.listen(engine, "connect", _on_sqlite_connect_read_only)
    else:
        engine = create_engine(location.url)
        event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def mark_as_project(engine: Engine) -> None:
    """Stamp a new SQLite file as ours (no-op on a server)."""
    if engine.dialect.name == "sqlite":
        with engine.execution_options(factcheck_write=True).begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


# How long a writer waits for another writer's lock before giving up (seconds), and what it is
# told meanwhile. The window answers at once (0: a person can choose read-only); the command
# line waits, because batch scripts run commands back to back and one briefly holds the lock.
_lock_wait = {"seconds": 0.0}
_lock_waiting: list[Callable[[str], None]] = []
LOCK_POLL_S = 0.05


_lock_kind = {"kind": ""}


def wait_for_locks(seconds: float, on_wait: Callable[[str], None] | None = None, *, kind: str = "") -> None:
    """Make every later :meth:`ProjectLock.acquire` in this process wait up to ``seconds``.

    ``on_wait`` is called once, with who holds the lock, when a wait begins. ``kind`` is what
    this process is called in another's "held by" message ("a factcheck command").
    """
    _lock_wait["seconds"] = max(0.0, float(seconds))
    _lock_waiting.clear()
    if on_wait is not None:
        _lock_waiting.append(on_wait)
    _lock_kind["kind"] = kind


def _process_kind() -> str:
    """What this process is, for another process's "held by" message."""
    if _lock_kind["kind"]:
        return _lock_kind["kind"]
    return "a window" if "PySide6.QtWidgets" in sys.modules else "another program"


class ProjectLock:
    """One writer per project file: an OS lock on ``<project>.lock``.

    An OS lock (not just a file's existence) is released by the kernel when the
    process dies, so a crashed instance never blocks the next start. The holder writes
    what it is (a window or a command), its host and process id into the file, so a
    refused writer can say who to ask.
    """

    def __init__(self, path: Path, *, kind: str | None = None) -> None:
        self.path = path.with_name(path.name + ".lock")
        self.kind = kind
        self._handle: IO[str] | None = None

    def acquire(self, wait: float | None = None) -> bool:
        """Take the lock, waiting up to ``wait`` seconds (default: :func:`wait_for_locks`)."""
        deadline = time.monotonic() + (_lock_wait["seconds"] if wait is None else max(0.0, wait))
        told = False
        while True:
            taken = self._try_acquire()
            if taken or time.monotonic() >= deadline:
                return taken
            if not told:
                told = True
                for tell in _lock_waiting:
                    tell(f"{self.path.name[: -len('.lock')]} is in use by {self.holder()}; waiting…")
            time.sleep(LOCK_POLL_S)

    def holder(self) -> str:
        """Who holds the lock, in words ("a window (pid 4711 on desk-3)"), read from the lock file."""
        try:
            with self.path.open(encoding="utf-8", errors="replace") as handle:
                line = handle.readline(200).strip()
        except OSError:
            line = ""
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].isdigit():
            pid, host, kind = parts[0], parts[1], parts[2]
            kind = kind if kind in ("a window", "a factcheck command") else "another program"
            return f"{kind} (process {pid} on {_visible(host)})"
        if line.isdigit():
            return f"another Factcheck App (process {line})"
        return "another Factcheck App window or command"

    def _try_acquire(self) -> bool:
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError:
            return True  # read-only folder: nothing to lock, the database refuses writes itself
        try:
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        import socket

        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\t{socket.gethostname()}\t{self.kind or _process_kind()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            # NOTE: the lock file is left in place: unlinking it would let a waiting
            # process lock the old inode while a third one locks a new file.
            handle.close()


def _visible(text: str) -> str:
    """A host name from a file, with control characters shown instead of acted on."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text[:80]) or "this computer"


def copy_sqlite(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite database with the backup API (never a raw file copy).

    Reads a snapshot (the WAL included) while other connections keep working, writes the
    copy in rollback-journal mode so it is one self-contained file, owner-readable only.
    """
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        harden(src)
        dst = sqlite3.connect(target)
        try:
            harden(dst)
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            dst.commit()
        finally:
            dst.close()
    finally:
        src.close()
    restrict_to_owner(target)


def restrict_to_owner(path: Path) -> None:
    """Projects hold sensitive work: readable and writable by their owner only (POSIX)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            path.chmod(0o600)


def sqlite_integrity_problems(connection: Connection) -> list[str]:
    """SQLite's own page-level check; [] when the file is sound (no-op on a server)."""
    if connection.dialect.name != "sqlite":
        return []
    from sqlalchemy.exc import DatabaseError

    try:
        rows = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    except DatabaseError as error:  # damage bad enough that the check itself stops
        return [str(error.orig)]
    return [] if rows == ["ok"] else rows


def dangling_references(connection: Connection) -> list[tuple[str, int, str]]:
    """(table, rowid, referenced table) for every row pointing at nothing (SQLite)."""
    if connection.dialect.name != "sqlite":
        return []
    return [(r[0], r[1], r[2]) for r in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()]


def server_error(location: Location, error: BaseException) -> ProjectError:
    """A PostgreSQL connection failure in the words of the person at the keyboard."""
    from sqlalchemy.engine import make_url

    url = make_url(location.url)
    where = f"{url.host or 'localhost'}:{url.port or 5432}"
    detail = str(getattr(error, "orig", None) or error).strip()
    low = detail.lower()
    if "password" in low and ("no password" in low or "authentication failed" in low):
        if url.password:
            return NeedsPassword(f"The server at {where} refused the password for {url.username or 'you'}.")
        return NeedsPassword(f"The server at {where} asks for the password of {url.username or 'your user'}.")
    if "does not exist" in low and "database" in low:
        return ProjectError(
            f"There is no database “{url.database}” on {where}. Ask whoever runs the server to create it "
            "(createdb), then make it a project with “factcheck new”."
        )
    if "role" in low and "does not exist" in low:
        return ProjectError(f"The server at {where} has no user “{url.username}”. Ask for an account.")
    if "permission denied" in low:
        return ProjectError(f"The server at {where} does not let {url.username or 'you'} use “{url.database}”.")
    if "connection refused" in low or "timeout" in low or "could not translate host" in low or "no route" in low:
        return ProjectError(f"Cannot reach the PostgreSQL server at {where}: is it running, and is the address right?")
    first_line = detail.splitlines()[0] if detail else type(error).__name__
    return ProjectError(f"The server at {where} refused the connection: {first_line}")


# The name the history log gives the rows of a table: it keeps the entries of deleted rows,
# so an id it names is taken even when no row has it any more.
HISTORY_ENTITY = {"articles": "article", "claims": "claim", "sources": "source"}


def id_tables() -> list[str]:
    """Tables whose rows have their own integer id, handed out by the database (parents first)."""
    from factcheck_app.storage.orm import Base

    return [t.name for t in Base.metadata.sorted_tables if [c.name for c in t.primary_key.columns] == ["id"]]


def ids_handed_out(connection: Connection | Session) -> dict[str, int]:
    """The largest id each table has handed out, deleted rows included (a Connection or Session)."""
    from sqlalchemy import text

    dialect = connection.get_bind().dialect.name if hasattr(connection, "get_bind") else connection.dialect.name
    found: dict[str, int] = {}
    if dialect == "sqlite":
        if connection.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'")
        ).first():
            found = {name: int(seq) for name, seq in connection.execute(text("SELECT name, seq FROM sqlite_sequence"))}
    elif dialect == "postgresql":
        for table in id_tables():
            sequence = connection.execute(text(f"SELECT pg_get_serial_sequence('{table}', 'id')")).scalar()
            if sequence is not None:
                last, called = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
                found[table] = int(last if called else last - 1)
    return found


def reset_sequences(connection: Connection, handed_out: Mapping[str, int] | None = None) -> None:
    """Move every id counter past the ids already used, so none is handed out twice.

    After rows were written with their own ids (a copy, an archive restore, a repair), the
    next new claim must get neither the id of a row that is there, nor that of a deleted row
    whose history entries are there (the new claim would inherit them, and undoing the delete
    would collide), nor one ``handed_out`` by the project copied (its counters). SQLite keeps
    its counters in ``sqlite_sequence`` (AUTOINCREMENT, schema 0006 on), PostgreSQL in
    sequences. Forward only: on a live server another analyst may hold an id handed out just
    now, so a sequence already far enough is not touched, and one behind moves under a lock.
    """
    from sqlalchemy import text

    dialect = connection.dialect.name
    if dialect == "sqlite":
        exists = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
        if not connection.execute(text(exists)).first():
            return  # before schema 0006: SQLite hands out the largest id plus one
    elif dialect != "postgresql":
        return
    for table in id_tables():
        used = max(
            (handed_out or {}).get(table, 0),
            int(connection.execute(text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar() or 0),
        )
        if table in HISTORY_ENTITY:
            named = connection.execute(
                text("SELECT COALESCE(MAX(entity_id), 0) FROM history WHERE entity = :entity"),
                {"entity": HISTORY_ENTITY[table]},
            ).scalar()
            used = max(used, int(named or 0))
        if not used:
            continue
        if dialect == "sqlite":
            connection.execute(
                text("UPDATE sqlite_sequence SET seq = :used WHERE name = :table AND seq < :used"),
                {"table": table, "used": used},
            )
            connection.execute(
                text(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT :table, :used "
                    "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :table)"
                ),
                {"table": table, "used": used},
            )
            continue
        sequence = connection.execute(text(f"SELECT pg_get_serial_sequence('{table}', 'id')")).scalar()
        if sequence is None:
            continue
        last, called = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
        if (last if called else last - 1) >= used:
            continue  # the usual case: nothing to do, no lock taken
        # Writers wait while the sequence moves, so none is handed a value it then skips back over.
        connection.execute(text(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
        connection.execute(
            text(f"SELECT setval('{sequence}', GREATEST((SELECT last_value FROM {sequence}), :used), true)"),
            {"used": used},
        )
