"""Entries the patient flags for the clinician ("Show this note to my clinician").

Revision ID: 0004_flagged_notes
Revises: 0003_routines
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_flagged_notes"
down_revision = "0003_routines"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "entries",
        sa.Column(
            "flagged",
            sa.Boolean,
            sa.CheckConstraint("flagged IN (0, 1)"),
            nullable=False,
            server_default="0",
            comment="1 = show this note to my clinician",
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("flagged")
