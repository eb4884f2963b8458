"""Alembic migrations, shipped inside the package and run programmatically at open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).parent

#: Every revision this version of the app knows, oldest first. A file at any other revision
#: was written by a newer app and is refused. `tests/storage/test_migrations.py` checks this
#: list against Alembic's own history.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_medications",
    "0003_routines",
    "0004_flagged_notes",
    "0005_pack_ingredients",
    "0006_goals_checkins",
    "0007_dose_ratings",
    "0008_mood_only",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at our scripts, optionally bound to a live connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Run every pending migration on `connection` (one transaction per step)."""
    upgrade_to(connection, "head")


def upgrade_to(connection: Connection, revision: str) -> None:
    """Run the migrations on `connection` up to `revision` (a fresh database then has that revision's schema)."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
