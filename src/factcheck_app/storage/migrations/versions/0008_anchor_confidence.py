"""How sure re-anchoring was of each claim, and the wording its verdict was checked against.

Revision ID: 0008
Revises: 0007

Three columns on ``claims``: ``anchor_similarity`` (0..1, NULL for a claim never
re-anchored), ``anchor_method`` (how the passage was found: "diff", "fuzzy"…) and
``checked_wording`` (the quote as it was when the verdict was checked, kept while a new
version of the article has changed the claim's words and the analyst has not confirmed).
Batch mode rebuilds the table on SQLite (keeping AUTOINCREMENT, see 0006); PostgreSQL adds
the columns in place.

NOTE: a frozen snapshot of the schema step: it does not import the app's ORM.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    with op.batch_alter_table("claims", table_kwargs=NEVER_REUSE_IDS) as batch:
        batch.add_column(sa.Column("anchor_similarity", sa.Float, nullable=True))
        batch.add_column(sa.Column("anchor_method", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("checked_wording", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("claims", table_kwargs=NEVER_REUSE_IDS) as batch:
        for column in ("checked_wording", "anchor_method", "anchor_similarity"):
            batch.drop_column(column)
