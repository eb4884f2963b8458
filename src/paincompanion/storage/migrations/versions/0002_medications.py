"""Medicines and supplements, and the dose log.

Revision ID: 0002_medications
Revises: 0001_initial
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_medications"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "medications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "name", sa.String(200), sa.CheckConstraint("length(trim(name)) > 0"), nullable=False, comment="as typed"
        ),
        sa.Column(
            "kind",
            sa.String(20),
            sa.CheckConstraint("kind IN ('', 'drug', 'supplement', 'herbal')"),
            nullable=False,
            server_default="",
        ),
        sa.Column("strength", sa.Float, sa.CheckConstraint("strength > 0")),
        sa.Column("unit", sa.String(20), nullable=False, server_default="mg"),
        sa.Column("form", sa.String(60), nullable=False, server_default=""),
        sa.Column("times_per_day", sa.Float, sa.CheckConstraint("times_per_day > 0 AND times_per_day <= 24")),
        sa.Column(
            "as_needed", sa.Boolean, sa.CheckConstraint("as_needed IN (0, 1)"), nullable=False, server_default="0"
        ),
        sa.Column("start_day", sa.String(10), comment="YYYY-MM-DD"),
        sa.Column("stop_day", sa.String(10), comment="YYYY-MM-DD"),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("prescriber", sa.Text, nullable=False, server_default=""),
        sa.Column("product", sa.Text, nullable=False, server_default=""),
        sa.Column("strain", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_utc", sa.Integer, nullable=False),
        sa.Column("updated_utc", sa.Integer, nullable=False),
        sa.CheckConstraint(
            "stop_day IS NULL OR start_day IS NULL OR stop_day >= start_day", name="ck_medications_stop"
        ),
    )
    op.create_table(
        "doses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("medication_id", sa.Integer, sa.ForeignKey("medications.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at_utc", sa.Integer, nullable=False, comment="seconds since the epoch, UTC"),
        sa.Column("utc_offset", sa.Integer, nullable=False, comment="minutes east of UTC when the dose was taken"),
        sa.Column("local_day", sa.String(10), nullable=False, comment="YYYY-MM-DD in the offset of the dose"),
        sa.Column("amount", sa.String(60), nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_doses_at_utc", "doses", ["at_utc"])
    op.create_index("ix_doses_medication_id", "doses", ["medication_id"])


def downgrade() -> None:
    op.drop_table("doses")
    op.drop_table("medications")
