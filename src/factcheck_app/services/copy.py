"""Copy a whole project between a SQLite file and a PostgreSQL database, either way.

A team moves its project to the server (SQLite → PostgreSQL) and takes copies home
(PostgreSQL → SQLite). The copy is made table by table from the ORM's own metadata, so
every column of every row travels, with its id: history, evidence, attachments and the
edit counter included, and where each id counter stands: the copy never gives a new claim
the id of a deleted one, whose undo or history entries would otherwise land on it.
Lossless by construction, and checked: the row counts of the copy must equal the
source's before the copy is committed.

The target must be new: a file that does not exist yet, or an empty database. The schema
and the rows go in within one transaction on a server (PostgreSQL's DDL is
transactional), so a failed copy leaves the database empty; a failed copy to a file
removes the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from factcheck_app.domain.errors import FactcheckError, ProjectError
from factcheck_app.services.project import Project, check_empty_server_database, new_project_location
from factcheck_app.storage import schema
from factcheck_app.storage.engine import (
    Location,
    ids_handed_out,
    make_engine,
    mark_as_project,
    reset_sequences,
    restrict_to_owner,
    server_error,
)
from factcheck_app.storage.orm import Base

BATCH_ROWS = 500
Progress = Callable[[str, int, int], None]  # (table, tables done, tables in all)


@dataclass(frozen=True, slots=True)
class CopyReport:
    target: str
    rows: dict[str, int]  # table → rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def copy_project(
    source: str | os.PathLike[str] | Location,
    target: str | os.PathLike[str] | Location,
    *,
    source_password: str | None = None,
    target_password: str | None = None,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy ``source`` (opened read-only) into a new project at ``target``."""
    target_location = new_project_location(target, password=target_password, taken="copy to a new name")
    with Project.open(source, read_only=True, password=source_password) as origin:
        if origin.location.url == target_location.url:
            raise ProjectError("A project cannot be copied onto itself.")
        engine = make_engine(target_location)
        try:
            if target_location.is_server:
                check_empty_server_database(target_location, engine)
            rows = _copy_rows(origin, engine, progress)
        except FactcheckError:
            _discard(target_location)
            raise
        except OperationalError as error:
            _discard(target_location)
            if target_location.is_server:
                raise server_error(target_location, error) from error
            raise ProjectError(f"The copy could not be written: {error.orig}") from error
        except (SQLAlchemyError, OSError, ValueError) as error:
            _discard(target_location)
            raise ProjectError(f"The copy could not be written, nothing was kept: {error}") from error
        finally:
            engine.dispose()
    return CopyReport(target=target_location.target, rows=rows)


def _copy_rows(origin: Project, engine: Engine, progress: Progress | None) -> dict[str, int]:
    mark_as_project(engine)
    tables = Base.metadata.sorted_tables  # parents before children
    counts: dict[str, int] = {}
    with origin.read_session() as reader, engine.execution_options(factcheck_write=True).connect() as conn:
        if reader.get_bind().dialect.name == "postgresql":
            # One snapshot for every table while analysts keep working (SQLite's read
            # transaction is one already): no claim without its history, no tag link without its tag.
            reader.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        handed_out = ids_handed_out(reader)
        with conn.begin():
            schema.upgrade_on(conn)
            for done, table in enumerate(tables):
                if progress is not None:
                    progress(table.name, done, len(tables))
                conn.execute(table.delete())  # a new project's default verdict scale: replaced by the source's
                order = list(table.primary_key.columns)
                result = reader.execute(select(table).order_by(*order)).mappings()
                copied = 0
                while batch := result.fetchmany(BATCH_ROWS):
                    try:
                        conn.execute(table.insert(), [dict(row) for row in batch])
                    except (SQLAlchemyError, ValueError) as error:
                        # NOTE: raised as our own error so the *reading* side does not report it
                        # as damage to the source (PostgreSQL refuses NUL characters, for one).
                        detail = str(getattr(error, "orig", None) or error).splitlines()[0]
                        raise ProjectError(
                            f"A row of {table.name} could not be written to the copy ({detail}); nothing was kept."
                        ) from error
                    copied += len(batch)
                counts[table.name] = copied
            reset_sequences(conn, handed_out)  # past every id the source handed out or its history names
            for table in tables:  # checked before commit: a short copy is never kept
                have = conn.execute(select(func.count()).select_from(table)).scalar_one()
                if have != counts[table.name]:
                    raise ProjectError(
                        f"The copy of {table.name} has {have} rows instead of {counts[table.name]}; nothing was kept."
                    )
        if progress is not None:
            progress("", len(tables), len(tables))
    if engine.dialect.name == "sqlite":
        restrict_to_owner(Path(engine.url.database or ""))
    return counts


def _discard(location: Location) -> None:
    """A failed copy to a file leaves no file behind (a server copy rolled back by itself)."""
    if location.path is not None:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(location.path) + suffix).unlink(missing_ok=True)
