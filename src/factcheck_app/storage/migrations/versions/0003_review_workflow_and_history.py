"""Claim details (restated claim, claimant, claim date), review workflow, and the history log.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("restated", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("claimant", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("claim_date", sa.Date, nullable=True))
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="draft"))
        batch.add_column(sa.Column("assignee", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("reviewer", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("approved_by", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("approved_at", sa.DateTime, nullable=True))
    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("analyst", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
    )
    op.create_index("ix_history_entity", "history", ["entity", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_history_entity", "history")
    op.drop_table("history")
    with op.batch_alter_table("claims") as batch:
        for column in (
            "approved_at",
            "approved_by",
            "reviewer",
            "assignee",
            "status",
            "claim_date",
            "claimant",
            "restated",
        ):
            batch.drop_column(column)
