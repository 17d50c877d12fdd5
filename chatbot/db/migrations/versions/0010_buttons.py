"""Buttons whose meaning lives on the server: kind, owner, payload, expiry, use.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "buttons",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("group_id", sa.String(length=32), nullable=False),
        sa.Column("owner_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_buttons")),
    )
    op.create_index("ix_buttons_group_id", "buttons", ["group_id"])
    op.create_index("ix_buttons_expires_at", "buttons", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_buttons_expires_at", table_name="buttons")
    op.drop_index("ix_buttons_group_id", table_name="buttons")
    op.drop_table("buttons")
