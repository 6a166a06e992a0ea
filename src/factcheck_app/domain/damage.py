"""Damaged values: what a project file holds where a value of the app's belongs.

SQLite keeps any type in any column, so a disk error, a half-synced copy or another tool's
edit can leave text in an offset, bytes in a title or broken JSON in a structure. Reading
turns such a row into a ``DamagedValue`` instead of a crash: Check project lists them (by
table, id and column) and repairs them; commands that cannot do without the value refuse
with ``DamagedData``, which names it and points at the repair.
"""

from __future__ import annotations

from dataclasses import dataclass

REPAIR_ADVICE = (
    "Check project repairs it (factcheck check --repair, or Project ▸ Check project…; a backup is made first)"
)


@dataclass(frozen=True, slots=True)
class DamagedValue:
    table: str
    row_id: int | str  # the row's id (a setting's key)
    column: str
    problem: str  # what is there instead, in words: "holds the text “abc”, not a whole number"

    def describe(self) -> str:
        return f"{self.table} #{self.row_id}, column {self.column}: {self.problem}"


def shown(value: object, limit: int = 40) -> str:
    """A damaged value in a message: short, one line, bytes as hex."""
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        text = data[:16].hex(" ") + (" …" if len(data) > 16 else "")
        return f"bytes {text}" if data else "empty bytes"
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
