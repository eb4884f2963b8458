"""Function goals with weekly progress ratings, and check-ins beyond PEG (PHQ-2, GAD-2, side effects,
global impression of change, naloxone at home). Only new tables: nothing existing changes.

Revision ID: 0006_goals_checkins
Revises: 0005_pack_ingredients
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_goals_checkins"
down_revision = "0005_pack_ingredients"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("what", sa.Text, sa.CheckConstraint("length(trim(what)) > 0"), nullable=False),
        sa.Column("how_much", sa.Text, nullable=False, server_default=""),
        sa.Column("by_day", sa.String(10), comment="YYYY-MM-DD, the day to reach it"),
        sa.Column("created_day", sa.String(10), nullable=False, comment="YYYY-MM-DD"),
        sa.Column("done_day", sa.String(10), comment="YYYY-MM-DD when marked done"),
    )
    op.create_table(
        "goal_ratings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("goal_id", sa.Integer, sa.ForeignKey("goals.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at_utc", sa.Integer, nullable=False),
        sa.Column("utc_offset", sa.Integer, nullable=False),
        sa.Column("progress", sa.Integer, sa.CheckConstraint("progress BETWEEN 0 AND 10"), nullable=False),
    )
    op.create_index("ix_goal_ratings_goal_id", "goal_ratings", ["goal_id"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "kind",
            sa.String(20),
            sa.CheckConstraint("kind IN ('phq2', 'gad2', 'side_effects', 'change', 'naloxone')"),
            nullable=False,
        ),
        sa.Column("at_utc", sa.Integer, nullable=False),
        sa.Column("utc_offset", sa.Integer, nullable=False),
        sa.Column("item1", sa.Integer, sa.CheckConstraint("item1 BETWEEN 0 AND 3")),
        sa.Column("item2", sa.Integer, sa.CheckConstraint("item2 BETWEEN 0 AND 3")),
        sa.Column("value", sa.Integer, sa.CheckConstraint("value BETWEEN 0 AND 7")),
        sa.Column("effects", sa.Text, nullable=False, server_default="", comment="comma-separated side-effect ids"),
    )
    op.create_index("ix_checkins_kind_at_utc", "checkins", ["kind", "at_utc"])


def downgrade() -> None:
    op.drop_index("ix_checkins_kind_at_utc", "checkins")
    op.drop_table("checkins")
    op.drop_index("ix_goal_ratings_goal_id", "goal_ratings")
    op.drop_table("goal_ratings")
    op.drop_table("goals")
