"""Suggested claims kept per article, so a long article opens with its suggestions at once.

Revision ID: 0009
Revises: 0008

One new table, ``suggestion_cache``: one row per article (deleted with it), holding the
suggestions as JSON with the SHA-256 of the text and the version of the model that found
them (see storage/suggestion_cache.py). Nothing existing is rebuilt, so the step is the same
on SQLite and PostgreSQL; an upgraded project starts with no row, and each article's
suggestions are worked out when it is next opened with View ▸ Suggested claims on.

NOTE: a frozen snapshot of the schema step: it does not import the app's ORM.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_cache",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("suggestion_cache")
