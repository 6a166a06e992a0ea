"""Evidence: what a source shows for a claim (excerpt, location, stance); richer sources.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("author", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("published", sa.Date, nullable=True))
        batch.add_column(sa.Column("kind", sa.String(40), nullable=False, server_default=""))
    with op.batch_alter_table("claim_sources") as batch:
        batch.add_column(sa.Column("excerpt", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("location", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("stance", sa.String(20), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("claim_sources") as batch:
        for column in ("stance", "location", "excerpt"):
            batch.drop_column(column)
    with op.batch_alter_table("sources") as batch:
        for column in ("kind", "published", "author"):
            batch.drop_column(column)
