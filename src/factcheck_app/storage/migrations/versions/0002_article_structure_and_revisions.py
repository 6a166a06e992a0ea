"""Article format, site name, structure (headings, pages) and revisions; claim anchor state.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("format", sa.String(20), nullable=False, server_default="text"))
        batch.add_column(sa.Column("site_name", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("structure", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("revision_of", sa.Integer, nullable=True))
        batch.add_column(sa.Column("revision", sa.Integer, nullable=False, server_default="1"))
        batch.create_foreign_key("fk_articles_revision_of", "articles", ["revision_of"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_articles_revision_of", ["revision_of"])
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("anchor_state", sa.String(20), nullable=False, server_default="anchored"))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("anchor_state")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_revision_of")
        batch.drop_constraint("fk_articles_revision_of", type_="foreignkey")
        batch.drop_column("revision")
        batch.drop_column("revision_of")
        batch.drop_column("structure")
        batch.drop_column("site_name")
        batch.drop_column("format")
