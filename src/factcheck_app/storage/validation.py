"""Where stored rows become domain values: every column checked for type and range.

SQLite does not enforce column types: a disk error, a half-synced copy or another tool can
leave text in an offset, bytes in a title, a date that is not one, JSON that does not parse,
text that is not UTF-8. This module knows what each column of the app's tables must hold and
turns anything else into a ``DamagedValue`` (table, id, column, what is there instead).

Two ways in, one set of rules:

- ``scan_damage`` (Check project) reads every table as stored, bypassing the ORM's type
  conversions, and lists every damaged value;
- the repositories' loaders (``storage.repositories``) keep the ORM's fast path and run a
  cheap type check per row; only a row that fails it goes through ``damage_in_row`` here, and
  is then shown with a safe stand-in (a damaged position as orphaned, a damaged date as
  unknown…) and remembered in ``damage_seen`` so commands can say what they worked around.

A project whose values are intact pays one ``type(x) is T`` test per column and row.
"""

from __future__ import annotations

import functools
import json
import math
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Float, Integer, LargeBinary, String, Text
from sqlalchemy.pool import Pool

from factcheck_app.domain.anchors import ANCHOR_STATES
from factcheck_app.domain.attachments import digest
from factcheck_app.domain.claims import STATUSES
from factcheck_app.domain.damage import DamagedValue, shown
from factcheck_app.domain.gates import RULE_KEYS
from factcheck_app.domain.sources import SOURCE_KINDS, STANCES

# -- what a value must be -----------------------------------------------------------

INT, TEXT, DATE, DATETIME, BYTES, REAL = "int", "text", "date", "datetime", "bytes", "real"
_KIND_WORDS = {
    INT: "a whole number",
    TEXT: "text",
    DATE: "a date",
    DATETIME: "a date and time",
    BYTES: "file content",
    REAL: "a number",
}


def column_kind(sql_type: object) -> str:
    """The kind of value an ORM column type stores (checked most specific first)."""
    if isinstance(sql_type, DateTime):
        return DATETIME
    if isinstance(sql_type, Date):
        return DATE
    if isinstance(sql_type, LargeBinary):
        return BYTES
    if isinstance(sql_type, Float):
        return REAL
    if isinstance(sql_type, Integer):
        return INT
    if isinstance(sql_type, String | Text):
        return TEXT
    impl = getattr(sql_type, "impl", None)  # a TypeDecorator: what it stores
    return column_kind(impl) if impl is not None else TEXT


@dataclass(frozen=True, slots=True)
class ColumnRule:
    kind: str
    nullable: bool


def table_rules() -> dict[str, dict[str, ColumnRule]]:
    """{table: {column: rule}} for every table of the app, from the ORM."""
    from factcheck_app.storage.orm import Base

    return {
        table.name: {
            column.name: ColumnRule(column_kind(column.type), bool(column.nullable)) for column in table.columns
        }
        for table in Base.metadata.sorted_tables
    }


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _parse_datetime(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def type_problem(rule: ColumnRule, value: object) -> str | None:
    """Why ``value`` cannot be a value of this column (None when it can)."""
    if value is None:
        return None if rule.nullable else "is empty (NULL) where a value is required"
    if isinstance(value, Undecodable):
        return f"holds text that is not UTF-8 ({shown(value.data)})"
    kind = rule.kind
    if kind == INT:
        ok = type(value) is int
    elif kind == REAL:
        ok = type(value) is float or type(value) is int
    elif kind == TEXT:
        ok = type(value) is str
    elif kind == BYTES:
        ok = type(value) is bytes
    elif kind == DATE:
        ok = type(value) is date or (type(value) is str and _parse_date(value) is not None)
    else:
        ok = type(value) is datetime or (type(value) is str and _parse_datetime(value) is not None)
    if ok:
        return None
    if kind in (DATE, DATETIME) and type(value) is str:
        return f"holds {shown(value)}, not {_KIND_WORDS[kind]}"
    return f"holds {_describe_type(value)} {shown(value)}, not {_KIND_WORDS[kind]}"


def _describe_type(value: object) -> str:
    if isinstance(value, bytes):
        return "bytes"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, float):
        return "the number"
    if isinstance(value, int):
        return "the number"
    return type(value).__name__


# -- what a value must mean ----------------------------------------------------------

_HEX = frozenset("0123456789abcdefABCDEF")


def is_colour(text: str) -> bool:
    return len(text) == 7 and text[0] == "#" and all(c in _HEX for c in text[1:])


def _choice(allowed: Sequence[str], words: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in allowed else f"holds {shown(value)}, not {words}"

    return check


def _colour(optional: bool) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if optional and value == "":
            return None
        return None if is_colour(value) else f"holds {shown(value)}, not a colour like #c62828"

    return check


def _rating(value: Any) -> str | None:
    return None if 1 <= value <= 10 else f"holds {value}, not a rating from 1 to 10"


def _share(value: Any) -> str | None:
    return None if 0 <= value <= 1 else f"holds {value}, not a similarity from 0 to 1"


def _not_negative(value: Any) -> str | None:
    return None if value >= 0 else f"holds {value}, a negative number"


# Checks of meaning, run on values of the right type.
MEANING: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("claims", "anchor_state"): _choice(ANCHOR_STATES, "an anchor state (" + ", ".join(ANCHOR_STATES) + ")"),
    ("claims", "anchor_similarity"): _share,
    ("claims", "status"): _choice(STATUSES, "a review status (" + ", ".join(STATUSES) + ")"),
    ("claim_sources", "stance"): _choice(("", *STANCES), "a stance (" + ", ".join(STANCES) + ", or none)"),
    ("sources", "kind"): _choice(("", *SOURCE_KINDS), "a kind of source"),
    ("verdicts", "colour"): _colour(optional=False),
    ("verdicts", "rating_value"): _rating,
    ("tags", "colour"): _colour(optional=True),
    ("attachments", "size"): _not_negative,
    ("articles", "revision"): _not_negative,
}

# Settings whose value the app reads as more than text: {key: (check, default)}.
EDIT_COUNTER = "edit_counter"


def _digits(value: str) -> bool:
    return value == "" or (value.isascii() and value.isdigit())


SETTING_RULES: dict[str, tuple[Callable[[str], bool], str, str]] = {
    EDIT_COUNTER: (_digits, "0", "a count of edits"),
    "gates.mode": (lambda v: v in ("warn", "block"), "warn", "warn or block"),
    **{f"gate.{key}": ((lambda v: v in ("on", "off")), "on", "on or off") for key in RULE_KEYS},
}


def setting_problem(key: str, value: str) -> str | None:
    rule = SETTING_RULES.get(key)
    if rule is None or rule[0](value):
        return None
    return f"holds {shown(value)}, not {rule[2]}"


def setting_default(key: str) -> str | None:
    """What a damaged setting is reset to (None: the setting is removed, the app's default applies)."""
    rule = SETTING_RULES.get(key)
    return rule[1] if rule else None


# -- JSON columns ------------------------------------------------------------------


def structure_problem(data: str, text_length: int | None) -> str | None:
    """Why an article's ``structure`` JSON cannot be used (None when it can)."""
    if data == "":
        return None
    try:
        parsed = json.loads(data)
    except ValueError as error:
        return f"holds malformed JSON ({error.args[0].split(':')[0]})"
    if not isinstance(parsed, dict):
        return "holds JSON that is not an object of blocks and pages"
    for key, width in (("blocks", 4), ("pages", 3)):
        items = parsed.get(key, [])
        if not isinstance(items, list):
            return f"holds “{key}” that is not a list"
        for item in items:
            if not (isinstance(item, list) and len(item) == width):
                return f"holds a {key[:-1]} that is not a list of {width} values"
            start, end = item[0], item[1]
            if type(start) is not int or type(end) is not int or not 0 <= start <= end:
                return f"holds a {key[:-1]} with positions {shown(start)}–{shown(end)}"
            if text_length is not None and end > text_length:
                return f"holds a {key[:-1]} ending at {end}, past the end of the text ({text_length} characters)"
            if type(item[2]) is not str or (key == "blocks" and type(item[3]) is not int):
                return f"holds a {key[:-1]} whose kind or label is not text"
    return None


def history_state_problem(data: str) -> str | None:
    """A history entry's state must be a JSON object, or null (the thing was deleted)."""
    try:
        parsed = json.loads(data)
    except ValueError as error:
        return f"holds malformed JSON ({error.args[0].split(':')[0]})"
    if parsed is not None and not isinstance(parsed, dict):
        return "holds JSON that is neither an object nor null"
    return None


# -- reading rows as stored ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Text stored in a SQLite file that is not UTF-8 (read as its bytes)."""

    data: bytes

    def text(self) -> str:
        return self.data.decode("utf-8", "replace")


def _sqlite_value(storage: str, data: bytes | None) -> object:
    if storage == "null" or data is None:
        return None
    if storage == "integer":
        return int(data)
    if storage == "real":
        number = float(data)
        return number if math.isfinite(number) else data.decode("ascii", "replace")
    if storage == "text":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return Undecodable(data)
    return bytes(data)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def stored_rows(
    connection: Any, table: str, columns: Sequence[str], *, where: str = "", params: tuple[object, ...] = ()
) -> Iterator[dict[str, object]]:
    """The rows of ``table`` as stored, each column as what it really holds.

    On SQLite every column is read as its storage class and bytes (``typeof`` and ``CAST AS
    BLOB``), so text that is not UTF-8 arrives as ``Undecodable`` and a number stored in a
    text column stays a number: nothing here can fail on a damaged value. A server enforces
    column types, so its rows are read as they are. Keys: ``rowid`` (SQLite) and the columns.
    """
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        parts = ["rowid"] + [f"typeof({_quoted(c)}), CAST({_quoted(c)} AS BLOB)" for c in columns]
    else:
        parts = [_quoted(c) for c in columns]
    sql = f"SELECT {', '.join(parts)} FROM {_quoted(table)}" + (f" WHERE {where}" if where else "")
    result = connection.exec_driver_sql(sql, params) if params else connection.exec_driver_sql(sql)
    for raw in result:
        if sqlite:
            row: dict[str, object] = {"rowid": raw[0]}
            for index, column in enumerate(columns):
                row[column] = _sqlite_value(raw[1 + 2 * index], raw[2 + 2 * index])
        else:
            row = dict(zip(columns, raw, strict=True))
        yield row


def _row_id(table: str, row: Mapping[str, object]) -> int | str:
    if table == "settings":
        key = row.get("key")
        return key.text() if isinstance(key, Undecodable) else str(key)
    if table in ("claim_tags", "claim_sources"):
        return f"{row.get('claim_id')}/{row.get('tag_id', row.get('source_id'))}"
    value = row.get("id", row.get("rowid"))
    return value if isinstance(value, int | str) else str(value)


def damage_in_row(
    table: str,
    row: Mapping[str, object],
    rules: Mapping[str, ColumnRule],
) -> list[DamagedValue]:
    """Every damaged value of one row (types, then meaning)."""
    found: list[DamagedValue] = []
    row_id = _row_id(table, row)
    sound: dict[str, object] = {}
    for column, rule in rules.items():
        if column not in row:
            continue
        value = row[column]
        problem = type_problem(rule, value)
        if problem is None and value is not None:
            meaning = MEANING.get((table, column))
            problem = meaning(value) if meaning else None
        if problem is None:
            sound[column] = value
        else:
            found.append(DamagedValue(table, row_id, column, problem))
    found += _row_rules(table, row_id, sound)
    return found


def _row_rules(table: str, row_id: int | str, sound: Mapping[str, object]) -> list[DamagedValue]:
    """Rules across the columns of one row."""
    found: list[DamagedValue] = []
    # NOTE: a claim's offsets in the wrong place (negative, reversed, past the end) are whole
    # numbers: Check's anchor rule names and repairs them with the words they should hold.
    if table == "articles" and isinstance(structure := sound.get("structure"), str):
        text = sound.get("text")
        length = len(text) if isinstance(text, str) else None
        problem = structure_problem(structure, length)
        if problem:
            found.append(DamagedValue(table, row_id, "structure", problem))
    elif table == "history" and isinstance(state := sound.get("state"), str):
        problem = history_state_problem(state)
        if problem:
            found.append(DamagedValue(table, row_id, "state", problem))
    elif (
        table == "settings"
        and isinstance(key := sound.get("key"), str)
        and isinstance(setting_value := sound.get("value"), str)
    ):
        problem = setting_problem(key, setting_value)
        if problem:
            found.append(DamagedValue(table, row_id, "value", problem))
    elif table == "attachments" and isinstance(sound.get("data"), bytes):
        data = sound["data"]
        assert isinstance(data, bytes)
        if isinstance(sound.get("size"), int) and sound["size"] != len(data):
            found.append(
                DamagedValue(table, row_id, "size", f"holds {sound['size']}, but the file has {len(data)} bytes")
            )
        if isinstance(sound.get("sha256"), str) and digest(data) != sound["sha256"]:
            found.append(DamagedValue(table, row_id, "data", "does not match its checksum (the file's bytes changed)"))
    return found


def scan_damage(connection: Any) -> list[DamagedValue]:
    """Every damaged value in the project, table by table (Check project).

    Reads each table once as stored (``stored_rows``); an article's structure is checked
    against the length of its text.
    """
    rules = table_rules()
    found: list[DamagedValue] = []
    for table, columns in rules.items():
        for row in stored_rows(connection, table, list(columns)):
            found += damage_in_row(table, row, columns)
    return found


# -- what reading worked around ----------------------------------------------------------

_SEEN_LIMIT = 200
_seen: dict[tuple[str, int | str, str], DamagedValue] = {}
_seen_lock = threading.Lock()


def note_damage(values: Sequence[DamagedValue]) -> None:
    """Remember damage a loader worked around, so a command can say so (bounded)."""
    with _seen_lock:
        for value in values:
            if len(_seen) < _SEEN_LIMIT:
                _seen.setdefault((value.table, value.row_id, value.column), value)


def damage_seen(clear: bool = True) -> list[DamagedValue]:
    """The damaged values loaders worked around since the last call (first ones, at most 200)."""
    with _seen_lock:
        values = list(_seen.values())
        if clear:
            _seen.clear()
    return values


# -- text that is not UTF-8 ----------------------------------------------------------------


# NOTE: a partial of ``str`` runs in C: no Python frame per text value read.
_tolerant_text = functools.partial(str, encoding="utf-8", errors="replace")


def _read_damaged_text(dbapi_connection: Any, _record: object) -> None:
    """Text that is not UTF-8 is read with U+FFFD in place of the bad bytes, not as an error.

    NOTE: sqlite3 otherwise raises while fetching the row, before any of our code sees it,
    so one damaged title would stop every list that shows it. Check project finds such text
    from its bytes (``stored_rows``) and repairs it.
    """
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.text_factory = _tolerant_text


def install_tolerant_reading() -> None:
    from sqlalchemy import event

    if not event.contains(Pool, "connect", _read_damaged_text):
        event.listen(Pool, "connect", _read_damaged_text)
