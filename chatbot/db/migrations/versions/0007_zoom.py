"""Zoom: the meetings whose chats are checked, and the occurrences (UUIDs) seen of each.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zoom_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(length=32), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("host_id", sa.String(length=64), nullable=False),
        sa.Column("host_email", sa.String(length=320), nullable=False),
        sa.Column("alert_telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("official", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("enabled_by", sa.BigInteger(), nullable=False),
        sa.Column("enabled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled_by", sa.BigInteger(), nullable=True),
        sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zoom_meetings")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_zoom_meetings_meeting_id")),
    )
    op.create_table(
        "zoom_meeting_instances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=128), nullable=False),
        sa.Column("meeting_id", sa.String(length=32), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["zoom_meetings.meeting_id"],
            name=op.f("fk_zoom_meeting_instances_meeting_id_zoom_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_zoom_meeting_instances")),
        sa.UniqueConstraint("uuid", name=op.f("uq_zoom_meeting_instances_uuid")),
    )
    op.create_index(
        op.f("ix_zoom_meeting_instances_meeting_id"), "zoom_meeting_instances", ["meeting_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_zoom_meeting_instances_meeting_id"), table_name="zoom_meeting_instances")
    op.drop_table("zoom_meeting_instances")
    op.drop_table("zoom_meetings")
