"""Mood-only records: a day's mood, sleep, activities and note without a pain score (Daylio, "pain not rated").

Revision ID: 0008_mood_only
Revises: 0007_dose_ratings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_mood_only"
down_revision = "0007_dose_ratings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mood_records",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at_utc", sa.Integer, nullable=False, comment="seconds since the epoch, UTC"),
        sa.Column("utc_offset", sa.Integer, nullable=False, comment="minutes east of UTC when it was recorded"),
        sa.Column("local_day", sa.String(10), nullable=False, comment="YYYY-MM-DD in the offset of the record"),
        sa.Column("mood", sa.Integer, sa.CheckConstraint("mood BETWEEN 0 AND 10")),
        sa.Column("mood_name", sa.Text, nullable=False, server_default="", comment="the other app's word for the mood"),
        sa.Column("sleep_hours", sa.Float, sa.CheckConstraint("sleep_hours BETWEEN 0 AND 24")),
        sa.Column("sleep_quality", sa.Integer, sa.CheckConstraint("sleep_quality BETWEEN 0 AND 10")),
        sa.Column("activities", sa.Text, nullable=False, server_default="", comment='JSON ["tag", …], "" when none'),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.String(20), nullable=False, server_default="", comment='"" entered here, or "daylio"'),
        sa.Column("created_utc", sa.Integer, nullable=False),
    )
    op.create_index("ix_mood_records_at_utc", "mood_records", ["at_utc"])
    op.create_index("ix_mood_records_local_day", "mood_records", ["local_day"])


def downgrade() -> None:
    op.drop_index("ix_mood_records_local_day", "mood_records")
    op.drop_index("ix_mood_records_at_utc", "mood_records")
    op.drop_table("mood_records")
