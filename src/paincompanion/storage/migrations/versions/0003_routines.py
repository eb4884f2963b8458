"""Routines: logged sessions, worksheets, favourites and the user's own routines.

Revision ID: 0003_routines
Revises: 0002_medications
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_routines"
down_revision = "0002_medications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "routine_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("routine_id", sa.String(120), nullable=False),
        sa.Column("title", sa.Text, nullable=False, server_default="", comment="title when logged"),
        sa.Column("kind", sa.String(40), nullable=False, server_default=""),
        sa.Column("at_utc", sa.Integer, nullable=False, comment="start, seconds since the epoch, UTC"),
        sa.Column("utc_offset", sa.Integer, nullable=False, comment="minutes east of UTC at the start"),
        sa.Column("local_day", sa.String(10), nullable=False, comment="YYYY-MM-DD in the offset of the start"),
        sa.Column("minutes", sa.Integer, sa.CheckConstraint("minutes >= 0"), nullable=False, server_default="0"),
        sa.Column("before", sa.Integer, sa.CheckConstraint("before BETWEEN 0 AND 10")),
        sa.Column("after", sa.Integer, sa.CheckConstraint("after BETWEEN 0 AND 10")),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("completed_steps", sa.Integer, nullable=False, server_default="0"),
        sa.Column("total_steps", sa.Integer, nullable=False, server_default="0"),
        sa.CheckConstraint(
            "completed_steps >= 0 AND total_steps >= 0 AND completed_steps <= total_steps",
            name="ck_routine_sessions_steps",
        ),
    )
    op.create_index("ix_routine_sessions_at_utc", "routine_sessions", ["at_utc"])
    op.create_index("ix_routine_sessions_routine_id", "routine_sessions", ["routine_id"])
    op.create_table(
        "worksheets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("routine_id", sa.String(120), nullable=False),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("at_utc", sa.Integer, nullable=False, comment="seconds since the epoch, UTC"),
        sa.Column("utc_offset", sa.Integer, nullable=False, comment="minutes east of UTC"),
        sa.Column("answers", sa.Text, nullable=False, server_default="{}", comment="JSON object field id -> text"),
    )
    op.create_index("ix_worksheets_routine_id", "worksheets", ["routine_id"])
    op.create_table(
        "favourites",
        sa.Column("routine_id", sa.String(120), primary_key=True),
    )
    op.create_table(
        "user_routines",
        sa.Column("id", sa.String(120), sa.CheckConstraint("id LIKE 'user-%'"), primary_key=True),
        sa.Column("data", sa.Text, nullable=False, comment="JSON of the routine"),
        sa.Column("updated_utc", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("user_routines")
    op.drop_table("favourites")
    op.drop_table("worksheets")
    op.drop_table("routine_sessions")
