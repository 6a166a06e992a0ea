"""Schema versions: refuse newer projects, migrate older ones, create new ones.

Alembic is only imported when a migration must run: opening an up-to-date project
compares the stored revision with ``HEAD_REVISION`` (a test keeps that constant equal
to the migration scripts' head), which keeps ~0.4 s of imports off the start path.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from factcheck_app.domain.errors import NewerProject, NotAProject
from factcheck_app.storage import (
    review_orm,  # noqa: F401 - its tables join Base.metadata wherever the schema is known
    suggestion_cache,  # noqa: F401 - the same for the stored suggestions (0009)
)

if TYPE_CHECKING:
    from alembic.config import Config

# Every revision this version of the app knows, oldest first.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
HEAD_REVISION = KNOWN_REVISIONS[-1]
MIGRATION_LOCK_KEY = 0x46434B31  # "FCK1": one advisory lock per database for schema changes


def check_revision(revision: str | None, name: str) -> bool:
    """True when the project needs migrating; raise when the app cannot open it."""
    if revision is None:
        raise NotAProject(f"{name} has no Factcheck schema: it was never completely created.")
    if revision not in KNOWN_REVISIONS:
        raise NewerProject(
            f"{name} was saved by a newer version of Factcheck App (schema {revision}). "
            "Update the app to open it; nothing in it has been changed."
        )
    return revision != HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    from factcheck_app.resources import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, revision))


def upgrade_on(connection: Connection, revision: str = "head") -> None:
    """Migrate inside the caller's transaction (a copy creates schema and rows as one unit)."""
    from alembic import command

    command.upgrade(_alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.downgrade(config, revision))


def _migrate(engine: Engine, step: Callable[[Config], object]) -> None:
    """Run a migration step in one transaction, with SQLite's foreign keys off meanwhile.

    NOTE: batch migrations on SQLite rebuild a table (copy, drop, rename). With foreign
    keys on, dropping ``articles`` would cascade and delete every claim. Enforcement is
    switched off around the transaction (it cannot change inside one) and the result is
    checked with ``PRAGMA foreign_key_check`` before commit.
    """
    with engine.execution_options(factcheck_write=True).connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # Two analysts opening an old team project at once: one migrates, the
                    # other waits here, then finds the schema current and does nothing.
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
                step(_alembic_config(conn))
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left {len(broken)} rows pointing at nothing; rolled back")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    from factcheck_app.resources import migrations_dir

    return tuple(ScriptDirectory(str(migrations_dir())).get_heads())


def script_revisions() -> tuple[str, ...]:
    """All revisions of the migration scripts, oldest first."""
    from alembic.script import ScriptDirectory

    from factcheck_app.resources import migrations_dir

    script = ScriptDirectory(str(migrations_dir()))
    return tuple(rev.revision for rev in reversed(list(script.walk_revisions())))


# -- what a project file's schema must be ------------------------------------------------
#
# A project file from someone else may carry database code the app never wrote: a trigger
# that rewrites every verdict as it is saved, a view standing in for a table that never
# finishes, a CHECK that writes 400 MB on every edit. SQLite runs such code as part of the
# app's own statements, so it must be found before any of them runs. The file's schema
# (sqlite_master) is compared with the schema the app's migrations make for its revision:
# tables, their columns, keys and indexes are compared by structure (SQLite's own PRAGMAs),
# never by the text of their CREATE statements, which differs harmlessly between SQLite and
# SQLAlchemy versions and between an upgraded and a new file (quoting, spacing, "DEFAULT ('')"
# for "DEFAULT ''"). What those PRAGMAs do not show (CHECK, COLLATE, ON CONFLICT, generated
# columns, WITHOUT ROWID…) is caught by the words of the statement: every bare word must be
# one the app's own statements use. The app never creates triggers or views: any is foreign.

# SQLite's own tables: made by SQLite (AUTOINCREMENT, ANALYZE), never holding code.
SQLITE_INTERNAL_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})
_AUTOINDEX_PREFIX = "sqlite_autoindex_"

Token = tuple[str, str]  # (kind, text): kind is "word" (upper-cased), "id" (quoted, lower-cased), "str", "num", "op"


_TOKEN = re.compile(
    r"""(?P<space>\s+)|(?P<comment>--[^\n]*|/\*.*?(?:\*/|\Z))
    |(?P<str>'(?:[^']|'')*'?)|(?P<id>"(?:[^"]|"")*"?|`(?:[^`]|``)*`?|\[[^\]]*\]?)
    |(?P<num>\.?\d[\w.]*)|(?P<word>[^\W\d][\w$]*)|(?P<op>.)""",
    re.S | re.X,
)


def sql_tokens(sql: str) -> tuple[Token, ...]:
    """SQLite's tokens of ``sql`` without spaces and comments; identifiers case-folded."""
    return _known_tokens(sql) if len(sql) <= 4096 else _tokens(sql)


@functools.lru_cache(maxsize=256)  # the app's own statements (at most ~1,500 characters) come back at every open
def _known_tokens(sql: str) -> tuple[Token, ...]:
    return _tokens(sql)


def _tokens(sql: str) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(sql):
        kind, text = match.lastgroup or "op", match.group()
        if kind in ("space", "comment"):
            continue
        if kind == "word":
            tokens.append(("word", text.upper()))
        elif kind == "str":
            tokens.append(("str", text[1:-1].replace("''", "'")))
        elif kind == "id":
            inner = text[1:-1]
            if text[0] in '"`':
                inner = inner.replace(text[0] * 2, text[0])
            tokens.append(("id", inner.lower()))
        else:
            tokens.append((kind, text.lower()))
    return tuple(tokens)


def _unwrapped(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """``('')`` → ``''``: the parentheses SQLite keeps around some defaults change nothing."""
    while len(tokens) >= 2 and tokens[0] == ("op", "(") and tokens[-1] == ("op", ")"):
        depth = 0
        for k, token in enumerate(tokens):
            depth += token == ("op", "(")
            depth -= token == ("op", ")")
            if depth == 0 and k < len(tokens) - 1:
                return tuple(tokens)  # "(a) + (b)": not one pair around everything
        tokens = tokens[1:-1]
    return tuple(tokens)


def _outline(tokens: tuple[Token, ...]) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
    """The tokens before a CREATE TABLE's column list and after it (WITHOUT ROWID, STRICT…)."""
    if ("op", "(") not in tokens:
        return tuple(tokens), ()
    start = tokens.index(("op", "("))
    depth = 0
    for k in range(start, len(tokens)):
        depth += tokens[k] == ("op", "(")
        depth -= tokens[k] == ("op", ")")
        if depth == 0:
            return tuple(tokens[:start]), tuple(tokens[k + 1 :])
    return tuple(tokens[:start]), (("op", "unbalanced"),)


_KIND_WORDS = frozenset({"CREATE", "TEMP", "TEMPORARY", "VIRTUAL", "UNIQUE", "TABLE", "INDEX", "VIEW", "TRIGGER"})


def _head(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """``CREATE TABLE name`` → ("CREATE", "TABLE"): the statement's kind, without its name."""
    head: list[str] = []
    for kind, word in tokens:
        if kind != "word" or word not in _KIND_WORDS:
            break
        head.append(word)
    return tuple(head)


@dataclass(frozen=True, slots=True)
class TableShape:
    """What a table is, as far as the app's reads and writes can tell."""

    head: tuple[str, ...]  # ("CREATE", "TABLE") for an ordinary table
    tail: tuple[Token, ...]  # what follows the column list
    columns: frozenset[tuple[object, ...]]  # (name, type, not null, default, pk, hidden)
    foreign_keys: frozenset[tuple[object, ...]]
    key_indexes: frozenset[tuple[object, ...]]  # PRIMARY KEY and UNIQUE: (origin, unique, partial, columns)
    autoincrement: bool


@dataclass(frozen=True, slots=True)
class IndexShape:
    table: str
    head: tuple[str, ...]  # ("CREATE", "INDEX") or ("CREATE", "UNIQUE", "INDEX")
    unique: bool
    partial: bool
    columns: tuple[tuple[object, ...], ...]  # (column, descending, collation)


@dataclass(frozen=True, slots=True)
class SchemaRow:
    """One row of sqlite_master."""

    type: str
    name: str
    table: str
    sql: str | None

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class ExpectedSchema:
    """The schema the app's migrations make for one revision (of a SQLite file)."""

    revision: str
    tables: dict[str, TableShape]
    indexes: dict[str, IndexShape]
    words: frozenset[str]  # every bare word the app's CREATE statements use
    sql: dict[str, str]  # name → the app's CREATE statement (to make a missing table or index again)


@dataclass(frozen=True, slots=True)
class SchemaFinding:
    """One thing in a file's schema that the app did not make, or made differently."""

    kind: str  # "trigger" | "view" | "table" | "index" | "object"
    name: str
    table: str  # the table a trigger or index belongs to
    problem: str  # "unknown" | "changed" | "missing"
    stands_in_for: str = ""  # a view or trigger named like one of the app's tables
    columns: tuple[str, ...] = ()  # a table's columns the app did not make ("extra columns")

    @property
    def removable(self) -> bool:
        """Check project can put this right without losing data: drop code the app never
        writes, drop and make again an index, make a missing table or index (empty)."""
        if self.kind in ("trigger", "view"):
            return True
        if self.kind == "index":
            return True
        return self.kind == "table" and self.problem in ("missing", EXTRA_COLUMNS)

    @property
    def is_code(self) -> bool:
        return self.kind in ("trigger", "view") or (self.kind == "index" and self.problem != "missing")

    def describe(self) -> str:
        if self.kind == "trigger":
            return f"trigger “{self.name}” on {self.table}" + (" in place of a table" if self.stands_in_for else "")
        if self.kind == "view":
            return f"view “{self.name}”" + (" in place of the table" if self.stands_in_for else "")
        if self.kind == "index":
            if self.problem == "unknown":
                return f"index “{self.name}” on {self.table}"
            return f"{self.problem} index “{self.name}” on {self.table}"
        if self.kind == "table":
            if self.problem == "unknown":
                return f"unknown table “{self.name}”"
            if self.problem == "missing":
                return f"table “{self.name}” is missing"
            if self.problem == EXTRA_COLUMNS:
                return f"table “{self.name}” has columns Factcheck App did not make: {', '.join(self.columns)}"
            return f"changed definition of table “{self.name}”"
        return f"unknown {self.kind} “{self.name}”"


EXTRA_COLUMNS = "extra columns"


def _only_added_columns(actual: TableShape, wanted: TableShape) -> bool:
    """True when another tool only added plain columns (no key, no reference) to the app's table:
    every column, key, reference and clause of the app's is there as the app made it."""
    extra = actual.columns - wanted.columns
    return (
        bool(extra)
        and wanted.columns <= actual.columns
        and all(column[4] == 0 for column in extra)  # not part of the primary key
        and (actual.head, actual.tail, actual.foreign_keys, actual.key_indexes, actual.autoincrement)
        == (wanted.head, wanted.tail, wanted.foreign_keys, wanted.key_indexes, wanted.autoincrement)
    )


def read_table_shape(conn: sqlite3.Connection, row: SchemaRow) -> TableShape:
    """Ask SQLite what a table is. Only for an ordinary table (never a virtual one, whose
    module would be asked: see ``is_ordinary_table``)."""
    head, tail = _outline(sql_tokens(row.sql or ""))
    columns = frozenset(
        (
            str(name).lower(),
            "".join(str(kind or "").upper().split()),
            int(notnull),
            _unwrapped(sql_tokens(default)) if default is not None else None,
            int(pk),
            int(hidden),
        )
        for name, kind, notnull, default, pk, hidden in conn.execute(
            'SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)', (row.name,)
        )
    )
    keys: dict[int, list[tuple[object, ...]]] = {}
    for key_id, seq, parent, source, target, on_update, on_delete, match in conn.execute(
        'SELECT id, seq, "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(?)',
        (row.name,),
    ):
        keys.setdefault(key_id, []).append(
            (seq, str(parent).lower(), str(source).lower(), str(target or "").lower(), on_update, on_delete, match)
        )
    foreign_keys = frozenset(
        (
            parts[0][1],
            tuple(p[2] for p in sorted(parts)),
            tuple(p[3] for p in sorted(parts)),
            *parts[0][4:],
        )
        for parts in keys.values()
    )
    key_indexes = frozenset(
        (origin, int(unique), int(partial), _index_columns(conn, name))
        for name, unique, origin, partial in conn.execute(
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?) WHERE origin != 'c'", (row.name,)
        )
    )
    words = _bare_words(row.sql)
    return TableShape(_head(head), tail, columns, foreign_keys, key_indexes, "AUTOINCREMENT" in words)


def _index_columns(conn: sqlite3.Connection, index: str) -> tuple[tuple[object, ...], ...]:
    return tuple(
        (str(name).lower() if name is not None else f"#{cid}", int(desc), str(coll or "").upper())
        for cid, name, desc, coll in conn.execute(
            "SELECT cid, name, desc, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", (index,)
        )
    )


def read_index_shape(conn: sqlite3.Connection, row: SchemaRow) -> IndexShape:
    unique = partial = False
    for name, is_unique, is_partial in conn.execute(
        'SELECT name, "unique", partial FROM pragma_index_list(?)', (row.table,)
    ):
        if str(name).lower() == row.key:
            unique, partial = bool(is_unique), bool(is_partial)
    return IndexShape(
        row.table.lower(), _head(sql_tokens(row.sql or "")), unique, partial, _index_columns(conn, row.name)
    )


def is_ordinary_table(row: SchemaRow) -> bool:
    """A plain ``CREATE TABLE`` (asking about a virtual table would run its module's code)."""
    return row.type == "table" and _head(_outline(sql_tokens(row.sql or ""))[0])[:2] == ("CREATE", "TABLE")


def _bare_words(sql: str | None) -> set[str]:
    return {word for kind, word in sql_tokens(sql or "") if kind == "word"}


def compare_schema(conn: sqlite3.Connection, rows: list[SchemaRow], expected: ExpectedSchema) -> list[SchemaFinding]:
    """What in ``rows`` (the file's sqlite_master, read through ``conn``) the app did not make.

    Reads nothing but the schema: SQLite's PRAGMAs about the app's own tables and indexes.
    """
    findings: list[SchemaFinding] = []
    present: dict[str, SchemaRow] = {}
    for row in rows:
        if row.type == "index" and row.sql is None and row.key.startswith(_AUTOINDEX_PREFIX):
            continue  # a PRIMARY KEY's or UNIQUE's own index: compared with its table
        if row.type == "table" and row.key in SQLITE_INTERNAL_TABLES and row.sql is not None:
            continue
        present[f"{row.type}:{row.key}"] = row
        stands_in = row.key if row.key in expected.tables else ""
        if row.type == "trigger":
            findings.append(SchemaFinding("trigger", row.name, row.table, "unknown", stands_in))
        elif row.type == "view":
            findings.append(SchemaFinding("view", row.name, row.name, "unknown", stands_in))
        elif row.type == "table":
            if row.key not in expected.tables:
                findings.append(SchemaFinding("table", row.name, row.name, "unknown"))
            elif not is_ordinary_table(row):  # never asked about: a virtual table's module would run
                findings.append(SchemaFinding("table", row.name, row.name, "changed"))
            else:
                table_shape = read_table_shape(conn, row)
                wanted = expected.tables[row.key]
                if not _bare_words(row.sql) <= expected.words or table_shape != wanted:
                    if _only_added_columns(table_shape, wanted):
                        added = tuple(sorted(str(c[0]) for c in table_shape.columns - wanted.columns))
                        findings.append(SchemaFinding("table", row.name, row.name, EXTRA_COLUMNS, columns=added))
                    else:
                        findings.append(SchemaFinding("table", row.name, row.name, "changed"))
        elif row.type == "index":
            if row.key not in expected.indexes:
                findings.append(SchemaFinding("index", row.name, row.table, "unknown"))
            elif (
                row.table.lower() not in expected.tables
                or not _bare_words(row.sql) <= expected.words
                or f"table:{row.table.lower()}" not in present
                or not is_ordinary_table(present[f"table:{row.table.lower()}"])
                or read_index_shape(conn, row) != expected.indexes[row.key]
            ):
                findings.append(SchemaFinding("index", row.name, row.table, "changed"))
        else:
            findings.append(SchemaFinding(row.type or "object", row.name, row.table, "unknown"))
    for name in expected.tables:
        if f"table:{name}" not in present:
            findings.append(SchemaFinding("table", name, name, "missing"))
    for name, shape in expected.indexes.items():
        if f"index:{name}" not in present:
            findings.append(SchemaFinding("index", name, shape.table, "missing"))
    return findings


def read_expected(conn: sqlite3.Connection, revision: str) -> ExpectedSchema:
    """The shape of the schema in ``conn`` (one the app made itself) as the reference."""
    rows = [
        SchemaRow(t, n, tbl, sql)
        for t, n, tbl, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")
    ]
    tables = {
        r.key: read_table_shape(conn, r) for r in rows if r.type == "table" and r.key not in SQLITE_INTERNAL_TABLES
    }
    indexes = {r.key: read_index_shape(conn, r) for r in rows if r.type == "index" and r.sql is not None}
    if any(r.type in ("trigger", "view") for r in rows):
        raise AssertionError("the app's own schema has a trigger or view: compare_schema would call it foreign")
    words = frozenset().union(*(_bare_words(r.sql) for r in rows if r.key not in SQLITE_INTERNAL_TABLES))
    sql = {r.key: r.sql for r in rows if r.sql is not None and r.key not in SQLITE_INTERNAL_TABLES}
    return ExpectedSchema(revision, tables, indexes, words, sql)


_EXPECTED: dict[str, ExpectedSchema] = {}
_EXPECTED_LOCK = threading.Lock()


def expected_schema(revision: str) -> ExpectedSchema:
    """The schema a SQLite project file at ``revision`` must have; made once per process.

    The head revision comes from the ORM's metadata (a few milliseconds; a test keeps it
    equal to what the migrations make), an older one from running the migrations into an
    in-memory database (Alembic is loaded then anyway, to upgrade the file).
    """
    with _EXPECTED_LOCK:
        if revision not in _EXPECTED:
            if revision not in KNOWN_REVISIONS:
                raise NewerProject(f"Schema {revision} is not one this version of the app knows.")
            conn = sqlite3.connect(":memory:")
            try:
                if revision == HEAD_REVISION:
                    _create_head(conn)
                else:
                    _migrate_in_memory(conn, revision)
                _EXPECTED[revision] = read_expected(conn, revision)
            finally:
                conn.close()
        return _EXPECTED[revision]


def _create_head(conn: sqlite3.Connection) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from factcheck_app.storage.orm import Base

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.exec_driver_sql(ALEMBIC_VERSION_DDL)
    finally:
        engine.dispose(close=False)


def _migrate_in_memory(conn: sqlite3.Connection, revision: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    engine = create_engine("sqlite://", creator=lambda: conn, poolclass=StaticPool)
    try:
        with engine.begin() as connection:
            upgrade_on(connection, revision)
    finally:
        engine.dispose(close=False)


# What Alembic writes for its own table (the same in every revision).
ALEMBIC_VERSION_DDL = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def foreign_code(rows: list[SchemaRow], changed_alembic_version: bool) -> list[SchemaFinding]:
    """Without a revision to compare with: the triggers and views (foreign in every revision),
    and the table of the revision if it is not the app's."""
    findings = []
    if changed_alembic_version:
        findings.append(SchemaFinding("table", "alembic_version", "alembic_version", "changed"))
    for row in rows:
        if row.type in ("trigger", "view"):
            stands_in = row.key if row.key == "alembic_version" else ""
            table = row.table if row.type == "trigger" else row.name
            findings.append(SchemaFinding(row.type, row.name, table, "unknown", stands_in))
    return findings


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rebuild_without_extra_columns(
    connection: sqlite3.Connection, table: str, expected: ExpectedSchema
) -> list[tuple[str, str]]:
    """(statement, what it does) to give back one of the app's tables its own definition when
    another tool only *added* columns to it: a new table as the app makes it, the app's columns
    copied into it, the old one dropped, the new one renamed, its indexes and AUTOINCREMENT
    counter (ids never reused) kept. The added columns' data stays in the backup made first.
    Empty when the table lost or changed one of the app's columns: that is left alone.
    """
    shape = expected.tables.get(table)
    create = expected.sql.get(table)
    if shape is None or create is None:
        return []
    want = {str(column[0]) for column in shape.columns}
    rows = connection.execute(f"PRAGMA table_xinfo({_quoted(table)})").fetchall()
    have = {str(row[1]).lower() for row in rows}
    if not want < have:
        return []
    extra = sorted(have - want)
    scratch = f"factcheck_rebuild_{table}"
    names = ", ".join(_quoted(name) for name in sorted(want))
    made = create.replace(f"CREATE TABLE {table} ", f"CREATE TABLE {_quoted(scratch)} ", 1)
    made = made.replace(f'CREATE TABLE "{table}" ', f"CREATE TABLE {_quoted(scratch)} ", 1)
    if made == create:
        return []
    seq = (
        connection.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        if _has_sequence_table(connection)
        else None
    )
    steps = [
        (made, f"rebuilt table “{table}” as the app makes it, without {', '.join(extra)}"),
        (f"INSERT INTO {_quoted(scratch)} ({names}) SELECT {names} FROM {_quoted(table)}", ""),
        (f"DROP TABLE {_quoted(table)}", ""),
        (f"ALTER TABLE {_quoted(scratch)} RENAME TO {_quoted(table)}", ""),
    ]
    if seq is not None:
        steps.append((f"UPDATE sqlite_sequence SET seq = MAX(seq, {int(seq[0])}) WHERE name = '{table}'", ""))
    for index, index_sql in sorted(expected.sql.items()):
        shape_index = expected.indexes.get(index)
        if shape_index is not None and shape_index.table == table:
            steps.append((index_sql, ""))
    return steps


def _has_sequence_table(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone() is not None


def repair_statements(
    findings: tuple[SchemaFinding, ...] | list[SchemaFinding], expected: ExpectedSchema | None
) -> list[tuple[str, str]]:
    """(statement, what it does) to put right what can be put right without losing data:
    triggers, views and foreign indexes dropped; the app's changed or missing indexes and its
    missing tables made again as the app makes them. Tables the app does not know, or whose
    definition changed, are left alone (they may hold data: a newer version's, another tool's).
    """
    steps: list[tuple[str, str]] = []
    changed_tables = {f.name.lower() for f in findings if f.kind == "table" and f.problem != "missing"}
    for finding in findings:
        if finding.kind == "trigger":
            steps.append((f"DROP TRIGGER IF EXISTS {_quoted(finding.name)}", f"removed {finding.describe()}"))
    for finding in findings:
        if finding.kind == "view":
            steps.append((f"DROP VIEW IF EXISTS {_quoted(finding.name)}", f"removed {finding.describe()}"))
    if expected is None:
        return steps
    for finding in findings:
        if finding.kind != "index" or finding.table.lower() in changed_tables:
            continue
        if finding.problem in ("unknown", "changed"):
            steps.append((f"DROP INDEX IF EXISTS {_quoted(finding.name)}", f"removed index “{finding.name}”"))
    for finding in findings:
        if finding.kind == "table" and finding.problem == "missing" and finding.name in expected.sql:
            lost = " (the history of changes before now is lost)" if finding.name == "history" else ""
            steps.append((expected.sql[finding.name], f"made the missing table “{finding.name}” again, empty{lost}"))
    for finding in findings:
        if finding.kind != "index" or finding.table.lower() in changed_tables or finding.problem == "unknown":
            continue
        key = finding.name.lower()
        if key in expected.sql:
            steps.append((expected.sql[key], f"made index “{finding.name}” on {finding.table} again"))
    return steps
