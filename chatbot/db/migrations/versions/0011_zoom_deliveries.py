"""Zoom deliveries already taken, so a replay after a restart is dropped (#14).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zoom_deliveries",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_zoom_deliveries")),
    )
    op.create_index("ix_zoom_deliveries_seen_at", "zoom_deliveries", ["seen_at"])


def downgrade() -> None:
    op.drop_index("ix_zoom_deliveries_seen_at", table_name="zoom_deliveries")
    op.drop_table("zoom_deliveries")
