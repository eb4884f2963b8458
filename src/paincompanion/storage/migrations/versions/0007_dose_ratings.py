"""Pain before and after a dose ("what helps" for medicines and kratom).

Revision ID: 0007_dose_ratings
Revises: 0006_goals_checkins
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_dose_ratings"
down_revision = "0006_goals_checkins"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dose_ratings",
        sa.Column("dose_id", sa.Integer, sa.ForeignKey("doses.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("pain_before", sa.Integer, sa.CheckConstraint("pain_before BETWEEN 0 AND 10")),
        sa.Column("pain_after", sa.Integer, sa.CheckConstraint("pain_after BETWEEN 0 AND 10")),
        sa.Column("after_utc", sa.Integer, comment="when the pain after was rated, seconds since the epoch, UTC"),
        sa.Column("after_offset", sa.Integer, comment="minutes east of UTC when the pain after was rated"),
    )


def downgrade() -> None:
    op.drop_table("dose_ratings")
