"""Key/value settings that belong with the data (so they are backed up with it)."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from .schema import settings


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    value = conn.execute(select(settings.c.value).where(settings.c.key == key)).scalar_one_or_none()
    return default if value is None else value


def put(conn: Connection, key: str, value: str) -> None:
    stmt = insert(settings).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=[settings.c.key], set_={"value": value}))


def items(conn: Connection) -> dict[str, str]:
    """Every saved setting, by key."""
    return {key: value for key, value in conn.execute(select(settings.c.key, settings.c.value)).all()}
