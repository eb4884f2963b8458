"""Routine sessions, worksheets, favourites and user routines <-> rows. Functions take a Connection in a transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from ..domain.routine_log import LoggedSession, WorksheetRecord
from .diary_repo import to_utc_fields
from .rows import from_utc_fields
from .schema import favourites, insert_row, routine_sessions, user_routines, worksheets

_SESSION_FIELDS = (
    "routine_id",
    "title",
    "kind",
    "minutes",
    "before",
    "after",
    "note",
    "completed_steps",
    "total_steps",
)


def session_row(s: LoggedSession, with_id: bool = True) -> dict[str, Any]:
    row = {name: getattr(s, name) for name in _SESSION_FIELDS}
    row.update(to_utc_fields(s.started), local_day=s.started.date().isoformat())
    if with_id and s.id:
        row["id"] = s.id
    return row


def _session_from_row(row: Any) -> LoggedSession:
    return LoggedSession(
        id=row.id, started=from_utc_fields(row.at_utc, row.utc_offset), **{n: getattr(row, n) for n in _SESSION_FIELDS}
    )


def insert_session(conn: Connection, s: LoggedSession) -> int:
    """Insert a session; a non-zero `s.id` re-creates it under that id (undo, import)."""
    return insert_row(conn, routine_sessions, session_row(s))


def bulk_insert_sessions(conn: Connection, sessions: Iterable[LoggedSession]) -> int:
    values = [session_row(s, with_id=False) for s in sessions]
    if values:
        conn.execute(insert(routine_sessions), values)
    return len(values)


def delete_session(conn: Connection, session_id: int) -> bool:
    return conn.execute(delete(routine_sessions).where(routine_sessions.c.id == session_id)).rowcount > 0


def get_session(conn: Connection, session_id: int) -> LoggedSession | None:
    row = conn.execute(select(routine_sessions).where(routine_sessions.c.id == session_id)).first()
    return _session_from_row(row) if row else None


def list_sessions(
    conn: Connection, date_from: date | None = None, date_to: date | None = None, newest_first: bool = True
) -> list[LoggedSession]:
    c = routine_sessions.c
    stmt = select(routine_sessions)
    if date_from is not None:
        stmt = stmt.where(c.local_day >= date_from.isoformat())
    if date_to is not None:
        stmt = stmt.where(c.local_day <= date_to.isoformat())
    order = (c.at_utc.desc(), c.id.desc()) if newest_first else (c.at_utc, c.id)
    return [_session_from_row(r) for r in conn.execute(stmt.order_by(*order))]


def _worksheet_from_row(row: Any) -> WorksheetRecord:
    return WorksheetRecord(
        id=row.id,
        routine_id=row.routine_id,
        title=row.title,
        at=from_utc_fields(row.at_utc, row.utc_offset),
        answers=dict(json.loads(row.answers)),
    )


def save_worksheet(conn: Connection, w: WorksheetRecord) -> int:
    """Insert (id 0) or replace (existing id) a worksheet; returns its id."""
    row = {
        "routine_id": w.routine_id,
        "title": w.title,
        **to_utc_fields(w.at),
        "answers": json.dumps(w.answers, ensure_ascii=False, sort_keys=True),
    }
    if w.id and conn.execute(update(worksheets).where(worksheets.c.id == w.id).values(**row)).rowcount:
        return w.id
    if w.id:
        row["id"] = w.id
    return insert_row(conn, worksheets, row)


def get_worksheet(conn: Connection, worksheet_id: int) -> WorksheetRecord | None:
    row = conn.execute(select(worksheets).where(worksheets.c.id == worksheet_id)).first()
    return _worksheet_from_row(row) if row else None


def list_worksheets(conn: Connection, routine_id: str | None = None) -> list[WorksheetRecord]:
    stmt = select(worksheets)
    if routine_id is not None:
        stmt = stmt.where(worksheets.c.routine_id == routine_id)
    return [_worksheet_from_row(r) for r in conn.execute(stmt.order_by(worksheets.c.at_utc.desc(), worksheets.c.id))]


def delete_worksheet(conn: Connection, worksheet_id: int) -> bool:
    return conn.execute(delete(worksheets).where(worksheets.c.id == worksheet_id)).rowcount > 0


def get_favourites(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(select(favourites.c.routine_id))}


def set_favourite(conn: Connection, routine_id: str, on: bool) -> bool:
    """Returns whether anything changed."""
    present = routine_id in get_favourites(conn)
    if on and not present:
        conn.execute(insert(favourites).values(routine_id=routine_id))
    elif not on and present:
        conn.execute(delete(favourites).where(favourites.c.routine_id == routine_id))
    return on != present


def get_user_routines(conn: Connection) -> list[dict[str, Any]]:
    """The stored JSON of each user routine, by id."""
    return [json.loads(r[0]) for r in conn.execute(select(user_routines.c.data).order_by(user_routines.c.id))]


def put_user_routine(conn: Connection, routine_id: str, data: dict[str, Any], now_utc: int) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    c = user_routines.c
    if not conn.execute(
        update(user_routines).where(c.id == routine_id).values(data=text, updated_utc=now_utc)
    ).rowcount:
        conn.execute(insert(user_routines).values(id=routine_id, data=text, updated_utc=now_utc))


def delete_user_routine(conn: Connection, routine_id: str) -> bool:
    return conn.execute(delete(user_routines).where(user_routines.c.id == routine_id)).rowcount > 0


def all_session_ids(conn: Connection) -> Sequence[int]:
    return [r[0] for r in conn.execute(select(routine_sessions.c.id))]
