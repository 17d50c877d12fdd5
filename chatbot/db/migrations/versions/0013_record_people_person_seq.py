"""The people index of the record by person and entry: a subject-access search reads it in order.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_record_people_person_seq", "record_people", ["person", "seq"])
    op.drop_index("ix_record_people_person", table_name="record_people")


def downgrade() -> None:
    op.create_index("ix_record_people_person", "record_people", ["person"])
    op.drop_index("ix_record_people_person_seq", table_name="record_people")
