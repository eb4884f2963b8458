"""The first schema: diary entries, their locations, qualities and tags, PEG check-ins, settings.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def _score(name: str, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.CheckConstraint(f"{name} BETWEEN 0 AND 10"), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at_utc", sa.Integer, nullable=False, comment="seconds since the epoch, UTC"),
        sa.Column("utc_offset", sa.Integer, nullable=False, comment="minutes east of UTC when the entry was made"),
        sa.Column("local_day", sa.String(10), nullable=False, comment="YYYY-MM-DD in the offset of the entry"),
        _score("pain", nullable=False),
        _score("mood"),
        sa.Column("sleep_hours", sa.Float, sa.CheckConstraint("sleep_hours BETWEEN 0 AND 24")),
        _score("sleep_quality"),
        sa.Column("activity", sa.Text, nullable=False, server_default=""),
        _score("activity_level"),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_utc", sa.Integer, nullable=False),
        sa.Column("updated_utc", sa.Integer, nullable=False),
    )
    op.create_index("ix_entries_at_utc", "entries", ["at_utc"])
    op.create_index("ix_entries_local_day", "entries", ["local_day"])
    op.create_table(
        "entry_locations",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("region", sa.String(60), primary_key=True),
        _score("intensity"),
    )
    op.create_index("ix_entry_locations_region", "entry_locations", ["region"])
    op.create_table(
        "entry_qualities",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("quality", sa.String(60), primary_key=True),
    )
    op.create_table(
        "entry_tags",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("kind", sa.String(10), sa.CheckConstraint("kind IN ('trigger', 'helped')"), primary_key=True),
        sa.Column("tag", sa.String(60), primary_key=True),
    )
    op.create_index("ix_entry_tags_kind_tag", "entry_tags", ["kind", "tag"])
    op.create_table(
        "peg_checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at_utc", sa.Integer, nullable=False),
        sa.Column("utc_offset", sa.Integer, nullable=False),
        _score("pain", nullable=False),
        _score("enjoyment", nullable=False),
        _score("activity", nullable=False),
    )
    op.create_index("ix_peg_checkins_at_utc", "peg_checkins", ["at_utc"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("settings", "peg_checkins", "entry_tags", "entry_qualities", "entry_locations", "entries"):
        op.drop_table(table)
