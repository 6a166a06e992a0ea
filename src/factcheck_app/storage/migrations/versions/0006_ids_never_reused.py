"""Ids are never handed out twice: SQLite's id columns become AUTOINCREMENT.

Revision ID: 0006
Revises: 0005

Without AUTOINCREMENT, SQLite gives a new row the highest id in the table plus one, so
after the newest claim (or article, source…) is deleted the next one takes its id. Undo of
the delete then fails on the taken id, and the history, which names things by entity and
id, shows the deleted claim's entries as the new claim's. With AUTOINCREMENT, SQLite keeps
the highest id ever handed out in ``sqlite_sequence`` and never goes back.

Every table whose rows have their own id is rebuilt (batch mode copies each row with its
id). Its counter then starts past the largest id in it *and* past every id the history
names for that kind of thing: a claim deleted before this upgrade still has its entries
there, and a new claim must not inherit them.

PostgreSQL's ids come from sequences, which never go back, so nothing is rebuilt there.
Its sequences are only moved forward past the ids the history names (needed where a
project was copied to the server while its history named deleted rows above the largest
id), and only when behind.

NOTE: this file is a frozen snapshot of the schema step: it does not import the app's
ORM or helpers, which will keep changing after it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Every table whose primary key is its own integer id, parents before children.
TABLES = ("verdicts", "tags", "sources", "articles", "claims", "history", "attachments")
# The name the history log uses for the rows of a table (entity, entity_id).
HISTORY_ENTITY = {"articles": "article", "claims": "claim", "sources": "source"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in TABLES:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}):
                pass
    _move_counters_past_used_ids(bind)


def downgrade() -> None:
    # The ids stay as they are; only SQLite's promise not to reuse them goes.
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass


def _used_ids(bind: sa.Connection, table: str) -> int:
    """The largest id the table holds or the history names for it (0 for none)."""
    largest = bind.execute(sa.text(f"SELECT COALESCE(MAX(id), 0) FROM {table}")).scalar_one()
    entity = HISTORY_ENTITY.get(table)
    if entity is not None:
        named = bind.execute(
            sa.text("SELECT COALESCE(MAX(entity_id), 0) FROM history WHERE entity = :entity"), {"entity": entity}
        ).scalar_one()
        largest = max(largest, named)
    return int(largest)


def _move_counters_past_used_ids(bind: sa.Connection) -> None:
    """Forward only: a counter already past every used id is left alone."""
    for table in TABLES:
        used = _used_ids(bind, table)
        if not used:
            continue
        if bind.dialect.name == "sqlite":
            # Copying the rows already set the counter to the largest id in the table.
            bind.execute(
                sa.text("UPDATE sqlite_sequence SET seq = :used WHERE name = :table AND seq < :used"),
                {"table": table, "used": used},
            )
            bind.execute(
                sa.text(
                    "INSERT INTO sqlite_sequence (name, seq) SELECT :table, :used "
                    "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :table)"
                ),
                {"table": table, "used": used},
            )
        elif bind.dialect.name == "postgresql":
            sequence = bind.execute(sa.text(f"SELECT pg_get_serial_sequence('{table}', 'id')")).scalar()
            if sequence is None:
                continue
            last, called = bind.execute(sa.text(f"SELECT last_value, is_called FROM {sequence}")).one()
            if (last if called else last - 1) >= used:
                continue  # the usual case: nothing to do, no lock taken
            # Writers wait while the sequence moves, so none is handed a value it then skips back over.
            bind.execute(sa.text(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
            bind.execute(
                sa.text(f"SELECT setval('{sequence}', GREATEST((SELECT last_value FROM {sequence}), :used), true)"),
                {"used": used},
            )
