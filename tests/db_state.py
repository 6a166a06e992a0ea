"""Look at and tamper with a project database behind the app's back, on either backend.

``table_rows`` dumps every row of every table (sorted), so a test can say "the project is
unchanged" on PostgreSQL too, where there are no file bytes to hash. ``plant`` writes
faults with a plain SQLAlchemy engine, bypassing the app: on SQLite foreign keys are then
not enforced (SQLite's default), on PostgreSQL they always are.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Connection, MetaData, create_engine, inspect, select

Rows = dict[str, list[tuple[Any, ...]]]


def _dump(connection: Connection) -> Rows:
    names = sorted(inspect(connection).get_table_names())
    metadata = MetaData()
    metadata.reflect(connection, only=names)
    return {
        name: sorted((tuple(row) for row in connection.execute(select(metadata.tables[name]))), key=repr)
        for name in names
    }


def table_rows(source: object) -> Rows:
    """{table: sorted rows} of an open project, or of the project at a path or URL (read-only)."""
    from factcheck_app.services.project import Project
    from factcheck_app.storage.engine import locate, make_engine

    if isinstance(source, Project):
        with source.read_session() as session:
            return _dump(session.connection())
    engine = make_engine(locate(os.fspath(source)), read_only=True)  # type: ignore[arg-type]
    try:
        with engine.connect() as connection:
            return _dump(connection)
    finally:
        engine.dispose()


def plant(target: str | os.PathLike[str], *statements: str, **params: object) -> None:
    """Run raw SQL on a closed project, in one transaction, as a tool other than the app would."""
    from sqlalchemy import text

    from factcheck_app.storage.engine import locate

    engine = create_engine(locate(target).url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement), params)
    finally:
        engine.dispose()
