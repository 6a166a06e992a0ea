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
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, create_engine, event

from factcheck_app.domain.errors import NeedsPassword, NotAProject, ProjectError

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


def inspect_sqlite_file(path: Path) -> str | None:
    """Check read-only that ``path`` is our project; return its schema revision.

    Returns None for a project file with no schema yet. Raises NotAProject with a
    message that says what the file is instead.
    """
    if not path.exists():
        raise ProjectError(f"There is no project at {path}.")
    if path.is_dir():
        raise NotAProject(f"{path} is a folder, not a Factcheck project file.")
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
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchall()
            if not rows:
                return None
            found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            return found[0] if found else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotAProject(f"{path.name} is damaged or not a Factcheck project ({error}).") from error


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # NOTE: take transaction control from the driver so we can say BEGIN IMMEDIATE
    # for writes (no deadlock-prone lock upgrades) and plain BEGIN for reads.
    dbapi_connection.isolation_level = None
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
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _on_sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
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


class ProjectLock:
    """One writer per project file: an OS lock on ``<project>.lock``.

    An OS lock (not just a file's existence) is released by the kernel when the
    process dies, so a crashed instance never blocks the next start.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.with_name(path.name + ".lock")
        self._handle: IO[str] | None = None

    def acquire(self) -> bool:
        try:
            handle = self.path.open("a+", encoding="utf-8")
        except OSError:
            return True  # read-only folder: nothing to lock, the database refuses writes itself
        try:
            if os.name == "nt":  # pragma: no cover - exercised on Windows only
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            handle, self._handle = self._handle, None
            # NOTE: the lock file is left in place: unlinking it would let a waiting
            # process lock the old inode while a third one locks a new file.
            handle.close()


def copy_sqlite(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite database with the backup API (never a raw file copy).

    Reads a snapshot (the WAL included) while other connections keep working, writes the
    copy in rollback-journal mode so it is one self-contained file, owner-readable only.
    """
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(target)
        try:
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


def sqlite_integrity_problems(connection) -> list[str]:  # type: ignore[no-untyped-def]
    """SQLite's own page-level check; [] when the file is sound (no-op on a server)."""
    if connection.dialect.name != "sqlite":
        return []
    from sqlalchemy.exc import DatabaseError

    try:
        rows = [r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    except DatabaseError as error:  # damage bad enough that the check itself stops
        return [str(error.orig)]
    return [] if rows == ["ok"] else rows


def dangling_references(connection) -> list[tuple[str, int, str]]:  # type: ignore[no-untyped-def]
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


def reset_sequences(connection) -> None:  # type: ignore[no-untyped-def]
    """After rows were written with their own ids (copy, archive restore): move PostgreSQL's
    id sequences past them, or the next new claim would collide with a copied one (no-op on SQLite)."""
    if connection.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    from factcheck_app.storage.orm import Base

    for table in Base.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        sequence = connection.execute(text(f"SELECT pg_get_serial_sequence('{table.name}', 'id')")).scalar()
        if sequence is None:
            continue
        # Forward only: on a live server another analyst may hold an id handed out just now.
        connection.execute(
            text(
                f"SELECT setval('{sequence}', GREATEST((SELECT last_value FROM {sequence}), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0)), true)"
            )
        )
