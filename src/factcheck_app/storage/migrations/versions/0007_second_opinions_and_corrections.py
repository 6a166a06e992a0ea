"""Blind second verdicts and their resolutions, published versions and corrections, complaints.

Revision ID: 0007
Revises: 0006

Only new tables: nothing existing is rebuilt, so the step is the same on SQLite and
PostgreSQL. Their ids are never handed out twice (AUTOINCREMENT on SQLite, as 0006 made
every other table; sequences on PostgreSQL). ``claim_id`` is no foreign key on purpose (the
record outlives a deleted claim; see storage/review_orm.py).

NOTE: a frozen snapshot of the schema step: it does not import the app's ORM.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def upgrade() -> None:
    op.create_table(
        "second_opinions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, nullable=False),
        sa.Column("analyst", sa.String(200), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("requested_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(20), nullable=False, server_default="requested"),
        sa.Column("verdict", sa.Text, nullable=True),
        sa.Column("rationale", sa.Text, nullable=False, server_default=""),
        sa.Column("answered_at", sa.DateTime, nullable=True),
        sa.Column("first_analyst", sa.String(200), nullable=False, server_default=""),
        sa.Column("first_verdict", sa.Text, nullable=True),
        sa.Column("first_rationale", sa.Text, nullable=False, server_default=""),
        **NEVER_REUSE_IDS,
    )
    op.create_index("ix_second_opinions_claim_id", "second_opinions", ["claim_id"])
    op.create_table(
        "second_opinion_resolutions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("opinion_id", sa.Integer, sa.ForeignKey("second_opinions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.Integer, nullable=False),
        sa.Column("resolved_by", sa.String(200), nullable=False),
        sa.Column("resolved_at", sa.DateTime, nullable=False),
        sa.Column("verdict", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        **NEVER_REUSE_IDS,
    )
    op.create_index("ix_second_opinion_resolutions_opinion_id", "second_opinion_resolutions", ["opinion_id"])
    op.create_index("ix_second_opinion_resolutions_claim_id", "second_opinion_resolutions", ["claim_id"])
    op.create_table(
        "published_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.Text, nullable=False),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.Column("correction_note", sa.Text, nullable=False, server_default=""),
        sa.Column("corrected_at", sa.DateTime, nullable=True),
        sa.Column("corrected_by", sa.String(200), nullable=False, server_default=""),
        **NEVER_REUSE_IDS,
    )
    op.create_index("ix_published_versions_claim_id", "published_versions", ["claim_id"])
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("claim_id", sa.Integer, nullable=False),
        sa.Column("complainant", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("channel", sa.String(100), nullable=False, server_default=""),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("handling", sa.Text, nullable=False, server_default=""),
        sa.Column("outcome", sa.Text, nullable=False, server_default=""),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("recorded_by", sa.String(200), nullable=False),
        sa.Column("closed_at", sa.DateTime, nullable=True),
        sa.Column("closed_by", sa.String(200), nullable=False, server_default=""),
        **NEVER_REUSE_IDS,
    )
    op.create_index("ix_complaints_claim_id", "complaints", ["claim_id"])


def downgrade() -> None:
    op.drop_index("ix_complaints_claim_id", "complaints")
    op.drop_table("complaints")
    op.drop_index("ix_published_versions_claim_id", "published_versions")
    op.drop_table("published_versions")
    op.drop_index("ix_second_opinion_resolutions_claim_id", "second_opinion_resolutions")
    op.drop_index("ix_second_opinion_resolutions_opinion_id", "second_opinion_resolutions")
    op.drop_table("second_opinion_resolutions")
    op.drop_index("ix_second_opinions_claim_id", "second_opinions")
    op.drop_table("second_opinions")
