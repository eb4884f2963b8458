"""Pain before and after a dose: rows of `dose_ratings` (one per rated dose). Functions take a Connection."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from ..domain.dose_effect import DoseRating
from .diary_repo import to_utc_fields
from .rows import from_utc_fields
from .schema import dose_ratings, doses, entries, medications


def _from_row(row: object) -> DoseRating:
    after_at = from_utc_fields(row.after_utc, row.after_offset) if row.after_utc is not None else None  # type: ignore[attr-defined]
    return DoseRating(row.dose_id, row.pain_before, row.pain_after, after_at)  # type: ignore[attr-defined]


def get_ratings(conn: Connection, dose_ids: Sequence[int] | None = None) -> dict[int, DoseRating]:
    """Ratings by dose id (doses without one are missing)."""
    stmt = select(dose_ratings)
    if dose_ids is not None:
        stmt = stmt.where(dose_ratings.c.dose_id.in_(list(dose_ids)))
    return {row.dose_id: _from_row(row) for row in conn.execute(stmt)}


def set_before(conn: Connection, dose_id: int, pain: int) -> None:
    stmt = insert(dose_ratings).values(dose_id=dose_id, pain_before=pain)
    conn.execute(stmt.on_conflict_do_update(index_elements=["dose_id"], set_={"pain_before": pain}))


def set_after(conn: Connection, dose_id: int, pain: int, at: datetime) -> None:
    fields = to_utc_fields(at)
    values = {"pain_after": pain, "after_utc": fields["at_utc"], "after_offset": fields["utc_offset"]}
    stmt = insert(dose_ratings).values(dose_id=dose_id, **values)
    conn.execute(stmt.on_conflict_do_update(index_elements=["dose_id"], set_=values))


def bulk_insert(conn: Connection, ratings: Iterable[DoseRating]) -> int:
    """Insert new ratings in the caller's transaction (demo, import); returns how many."""
    values = []
    for r in ratings:
        after = to_utc_fields(r.after_at) if r.after_at is not None else {"at_utc": None, "utc_offset": None}
        values.append({"dose_id": r.dose_id, "pain_before": r.pain_before, "pain_after": r.pain_after,
                       "after_utc": after["at_utc"], "after_offset": after["utc_offset"]})  # fmt: skip
    if values:
        conn.execute(insert(dose_ratings), values)
    return len(values)


def rated_pairs(conn: Connection) -> list[tuple[int, str, int | None, int | None]]:
    """(medication id, name, pain before, pain after) of every rated dose, for the effect per item."""
    stmt = (
        select(medications.c.id, medications.c.name, dose_ratings.c.pain_before, dose_ratings.c.pain_after)
        .select_from(dose_ratings)
        .join(doses, doses.c.id == dose_ratings.c.dose_id)
        .join(medications, medications.c.id == doses.c.medication_id)
        .order_by(doses.c.at_utc, doses.c.id)
    )
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(stmt)]


def latest_entry_pain(conn: Connection, since_utc: int, until_utc: int) -> int | None:
    """The pain of the newest diary entry from `since_utc` to `until_utc` (seconds, UTC), or None."""
    stmt = (
        select(entries.c.pain)
        .where(entries.c.at_utc >= since_utc, entries.c.at_utc <= until_utc)
        .order_by(entries.c.at_utc.desc(), entries.c.id.desc())
        .limit(1)
    )
    return conn.execute(stmt).scalar_one_or_none()
