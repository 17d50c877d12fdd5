"""Record entry keys (each message version or spooled entry recorded once); digest delivery state.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_entries") as batch:
        batch.add_column(sa.Column("entry_key", sa.String(length=128), nullable=True))
    # Entries recorded before keys existed get their message key (or their seq).
    op.execute(
        "UPDATE record_entries SET entry_key = CASE WHEN message_id IS NULL "
        "THEN 'seq:' || seq ELSE 'tg:' || chat_telegram_id || ':' || message_id || ':' || version "
        "END"
    )
    with op.batch_alter_table("record_entries") as batch:
        batch.alter_column("entry_key", existing_type=sa.String(length=128), nullable=False)
        batch.create_unique_constraint(op.f("uq_record_entries_entry_key"), ["entry_key"])
    with op.batch_alter_table("record_digests") as batch:
        batch.add_column(
            sa.Column("status", sa.String(length=16), nullable=False, server_default="delivered")
        )
        batch.alter_column("delivered_at", existing_type=sa.DateTime(timezone=True), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("record_digests") as batch:
        batch.alter_column("delivered_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch.drop_column("status")
    with op.batch_alter_table("record_entries") as batch:
        batch.drop_constraint(op.f("uq_record_entries_entry_key"), type_="unique")
        batch.drop_column("entry_key")
