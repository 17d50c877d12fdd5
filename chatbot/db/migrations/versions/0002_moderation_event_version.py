"""Moderation events keep the message version, so a redelivered update is acted on once.

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
    with op.batch_alter_table("moderation_events") as batch:
        batch.add_column(sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"))
        batch.create_unique_constraint(
            "uq_moderation_events_version", ["chat_telegram_id", "message_id", "version"]
        )


def downgrade() -> None:
    with op.batch_alter_table("moderation_events") as batch:
        batch.drop_constraint("uq_moderation_events_version", type_="unique")
        batch.drop_column("version")
