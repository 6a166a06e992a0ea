"""The schema check of a project file: the reference it compares with, and no false alarms.

The check itself, run on hostile files through every entry point, is tested in
tests/safety/test_untrusted_projects.py; here: the expected schema of each revision equals
what the migrations make (whichever way a file got there), a file whose CREATE statements
are spelled differently (spacing, quoting, case) is still the app's, and every connection
is hardened.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import StaticPool

from factcheck_app.services.project import Project
from factcheck_app.storage import schema
from factcheck_app.storage.engine import (
    inspect_sqlite_file,
    inspect_sqlite_schema,
    locate,
    make_engine,
    read_schema,
    schema_reader,
)


def _shape_of(conn: sqlite3.Connection, revision: str) -> schema.ExpectedSchema:
    return schema.read_expected(conn, revision)


def _findings(conn: sqlite3.Connection, revision: str) -> list[schema.SchemaFinding]:
    rows = [schema.SchemaRow(*r) for r in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")]
    return schema.compare_schema(conn, rows, schema.expected_schema(revision))


def test_head_reference_from_the_orm_equals_what_the_migrations_make() -> None:
    """The head revision's reference comes from the ORM (fast); it must be the migrations' schema."""
    conn = sqlite3.connect(":memory:")
    schema._migrate_in_memory(conn, schema.HEAD_REVISION)
    migrated = _shape_of(conn, schema.HEAD_REVISION)
    reference = schema.expected_schema(schema.HEAD_REVISION)
    assert migrated.tables == reference.tables
    assert migrated.indexes == reference.indexes
    assert migrated.words == reference.words
    assert _findings(conn, schema.HEAD_REVISION) == []
    conn.close()


def test_every_revision_reached_down_or_up_matches_its_reference() -> None:
    """A file upgraded to a revision, or downgraded to it, has that revision's schema: no false alarm."""
    from alembic import command

    conn = sqlite3.connect(":memory:")
    schema._migrate_in_memory(conn, schema.HEAD_REVISION)
    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    for revision in reversed(schema.KNOWN_REVISIONS[:-1]):
        with engine.begin() as connection:
            command.downgrade(schema._alembic_config(connection), revision)
        assert _findings(conn, revision) == [], revision
    engine.dispose(close=False)
    conn.close()


def _respell(sql: str) -> str:
    """The same statement as another SQLite or SQLAlchemy might write it."""
    sql = sql.replace("\n\t", "\n    ").replace(", \n", ",\n")
    sql = re.sub(r"\bNOT NULL\b", "not  null", sql)
    sql = re.sub(r'CREATE TABLE "?(\w+)"?', r"create table [\1]", sql)
    return re.sub(r"\bPRIMARY KEY\b", "Primary Key", sql)


def test_spacing_quoting_and_case_of_create_statements_are_no_alarm(tmp_path: Path) -> None:
    """Rewrite every table's CREATE statement with other spacing, quoting and case: still ours."""
    path = tmp_path / "respelled.factcheck"
    with Project.create(path):
        pass
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA writable_schema=ON")
    for name, sql in raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall():
        if not name.startswith("sqlite_"):
            raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (_respell(sql), name))
    raw.commit()
    raw.close()
    assert inspect_sqlite_file(path) == schema.HEAD_REVISION
    with Project.open(path) as project:
        assert project.articles() == []


def test_tokens_ignore_spacing_comments_and_quotes() -> None:
    spelled = schema.sql_tokens("CREATE TABLE \"a\"\"b\" (x INT /* note */ DEFAULT ('it''s') -- end\n)")
    assert spelled == schema.sql_tokens("create table [a\"b] ( x int default ( 'it''s' ) )")
    assert ("word", "CHECK") in schema.sql_tokens("CREATE TABLE t (x CHECK(x > 1))")


def test_connections_are_hardened(tmp_path: Path) -> None:
    """trusted_schema is off on every connection (the app's, read-only ones, and the schema reader)."""
    path = tmp_path / "p.factcheck"
    with Project.create(path):
        pass
    for read_only in (False, True):
        engine = make_engine(locate(path), read_only=read_only)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
            assert conn.exec_driver_sql("PRAGMA cell_size_check").scalar() == 1
        engine.dispose()
    with schema_reader(path) as conn:
        assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
        assert conn.execute("PRAGMA query_only").fetchone()[0] == 1
        assert len(read_schema(conn, path.name)) < 40


def test_schema_check_of_a_sound_file_changes_nothing(tmp_path: Path) -> None:
    """The check reads the schema only: the file's bytes stay, no -wal or -shm is left behind."""
    path = tmp_path / "p.factcheck"
    with Project.create(path):
        pass
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert inspect_sqlite_schema(path).sound
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


@pytest.mark.parametrize("revision", ["0001", "0005"])
def test_older_project_with_foreign_code_is_refused_before_any_upgrade(tmp_path: Path, revision: str) -> None:
    """An older file with a trigger is compared with its own revision's schema, refused, and not
    upgraded or backed up."""
    from factcheck_app.domain.errors import ForeignSchema

    path = tmp_path / "old.factcheck"
    with Project.create(path):
        pass
    engine = make_engine(locate(path))
    schema.downgrade(engine, revision)
    engine.dispose()
    raw = sqlite3.connect(path)
    raw.execute("CREATE TRIGGER t AFTER INSERT ON claims BEGIN UPDATE claims SET verdict = 'True'; END")
    raw.commit()
    raw.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ForeignSchema, match="trigger “t” on claims"):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(f"{path}.backups").exists()
    assert schema.current_revision(make_engine(locate(path), read_only=True)) == revision
