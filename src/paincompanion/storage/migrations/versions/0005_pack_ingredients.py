"""Medicines can carry the active ingredients the patient read off the pack (checked by those).

Revision ID: 0005_pack_ingredients
Revises: 0004_flagged_notes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_pack_ingredients"
down_revision = "0004_flagged_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "medications",
        sa.Column(
            "pack_ingredients",
            sa.Text,
            nullable=False,
            server_default="",
            comment='active ingredients read off the pack: JSON [{"name", "strength"}], "" when none',
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("medications") as batch:
        batch.drop_column("pack_ingredients")
