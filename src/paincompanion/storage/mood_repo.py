"""Mood-only records (`mood_records`) <-> domain objects. Functions take a Connection inside a transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ..domain.mood_record import MoodRecord, MoodRecordDraft
from .diary_repo import to_utc_fields
from .rows import from_utc_fields
from .schema import insert_row, mood_records


def _row(draft: MoodRecordDraft, now_utc: int) -> dict[str, Any]:
    return {
        **to_utc_fields(draft.at),
        "local_day": draft.at.date().isoformat(),
        "mood": draft.mood,
        "mood_name": draft.mood_name,
        "sleep_hours": draft.sleep_hours,
        "sleep_quality": draft.sleep_quality,
        "activities": json.dumps(list(draft.activities), ensure_ascii=False) if draft.activities else "",
        "note": draft.note,
        "source": draft.source,
        "created_utc": now_utc,
    }


def _from_row(row: Any) -> MoodRecord:
    return MoodRecord(
        id=row.id,
        at=from_utc_fields(row.at_utc, row.utc_offset),
        mood=row.mood,
        mood_name=row.mood_name,
        sleep_hours=row.sleep_hours,
        sleep_quality=row.sleep_quality,
        activities=tuple(json.loads(row.activities)) if row.activities else (),
        note=row.note,
        source=row.source,
    )


def insert_record(conn: Connection, draft: MoodRecordDraft, now_utc: int, record_id: int | None = None) -> int:
    """Insert a validated draft; `record_id` re-creates a deleted record under its old id (undo)."""
    row = _row(draft, now_utc)
    if record_id is not None:
        row["id"] = record_id
    return insert_row(conn, mood_records, row)


def bulk_insert(conn: Connection, drafts: Sequence[MoodRecordDraft], now_utc: int) -> int:
    """Insert validated drafts in the caller's transaction (import); returns how many."""
    if drafts:
        conn.execute(insert(mood_records), [_row(d, now_utc) for d in drafts])
    return len(drafts)


def update_record(conn: Connection, record_id: int, draft: MoodRecordDraft, now_utc: int) -> bool:
    """Replace a record's content (its creation time stays)."""
    values = _row(draft, now_utc)
    del values["created_utc"]
    return conn.execute(update(mood_records).where(mood_records.c.id == record_id).values(**values)).rowcount > 0


def delete_record(conn: Connection, record_id: int) -> bool:
    return conn.execute(delete(mood_records).where(mood_records.c.id == record_id)).rowcount > 0


def get_records(conn: Connection, ids: Sequence[int]) -> list[MoodRecord]:
    found = {r.id: _from_row(r) for r in conn.execute(select(mood_records).where(mood_records.c.id.in_(list(ids))))}
    return [found[i] for i in ids if i in found]


def list_records(
    conn: Connection, day_from: date | None = None, day_to: date | None = None, *, newest_first: bool = False
) -> list[MoodRecord]:
    stmt = select(mood_records)
    if day_from:
        stmt = stmt.where(mood_records.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(mood_records.c.local_day <= day_to.isoformat())
    order = (mood_records.c.at_utc.desc(), mood_records.c.id.desc()) if newest_first else (
        mood_records.c.at_utc, mood_records.c.id)  # fmt: skip
    return [_from_row(r) for r in conn.execute(stmt.order_by(*order))]


def mood_points(conn: Connection, day_from: date | None = None) -> list[tuple[str, int]]:
    """(local_day, mood) of every record with a mood, oldest first (Insights' mood over time)."""
    stmt = select(mood_records.c.local_day, mood_records.c.mood).where(mood_records.c.mood.is_not(None))
    if day_from:
        stmt = stmt.where(mood_records.c.local_day >= day_from.isoformat())
    return [(r[0], r[1]) for r in conn.execute(stmt.order_by(mood_records.c.at_utc))]


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(mood_records)).scalar_one())
