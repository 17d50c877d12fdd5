"""Undelivered explanations: what a sender who never started the bot is told once they do.

Revision ID: 0009
Revises: 0008
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
        "undelivered_explanations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_undelivered_explanations")),
        sa.UniqueConstraint(
            "chat_telegram_id",
            "message_id",
            "telegram_user_id",
            name="uq_undelivered_explanations_message",
        ),
    )
    op.create_index(
        "ix_undelivered_explanations_user", "undelivered_explanations", ["telegram_user_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_undelivered_explanations_user", table_name="undelivered_explanations")
    op.drop_table("undelivered_explanations")
