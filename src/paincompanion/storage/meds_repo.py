"""Medicine and dose rows <-> domain objects. Functions take a Connection inside a transaction.

Rows hold what the patient typed; what an item is recognised as is added by the service, not stored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from ..domain.medications import Dose, Medication, MedicationDraft, PackIngredient
from .diary_repo import to_utc_fields
from .rows import from_utc_fields
from .schema import doses, insert_row, medications

_MED_FIELDS = ("name", "kind", "strength", "unit", "form", "times_per_day", "as_needed", "reason", "prescriber",
               "product", "strain", "notes")  # fmt: skip
_log = logging.getLogger(__name__)


def pack_to_text(items: Sequence[PackIngredient]) -> str:
    """The column text: "" when none, else a JSON list of {"name", "strength"}."""
    if not items:
        return ""
    return json.dumps([{"name": p.name, "strength": p.strength} for p in items], ensure_ascii=False)


def pack_from_text(text: str | None) -> tuple[PackIngredient, ...]:
    """The column text back as PackIngredients; an unreadable value is logged and read as none."""
    if not text:
        return ()
    try:
        data = json.loads(text)
        return tuple(PackIngredient(str(d["name"]), str(d.get("strength") or "")) for d in data)
    except (ValueError, TypeError, KeyError):
        _log.warning("A medicine's pack ingredients could not be read; they are left out.")
        return ()


def _med_row(draft: MedicationDraft, now_utc: int) -> dict[str, Any]:
    row = {name: getattr(draft, name) for name in _MED_FIELDS}
    row["start_day"] = draft.start.isoformat() if draft.start else None
    row["stop_day"] = draft.stop.isoformat() if draft.stop else None
    row["updated_utc"] = now_utc
    row["pack_ingredients"] = pack_to_text(draft.pack_ingredients)
    return row


def _med_from_row(row: Any) -> Medication:
    return Medication(
        id=row.id,
        **{name: getattr(row, name) for name in _MED_FIELDS if name != "as_needed"},
        as_needed=bool(row.as_needed),
        start=date.fromisoformat(row.start_day) if row.start_day else None,
        stop=date.fromisoformat(row.stop_day) if row.stop_day else None,
        pack_ingredients=pack_from_text(row.pack_ingredients),
    )


def insert_medication(conn: Connection, draft: MedicationDraft, now_utc: int, med_id: int | None = None) -> int:
    """Insert a validated draft; `med_id` re-creates a deleted item under its old id (undo)."""
    row = _med_row(draft, now_utc)
    row["created_utc"] = now_utc
    if med_id is not None:
        row["id"] = med_id
    return insert_row(conn, medications, row)


def bulk_insert_medications(conn: Connection, drafts: Sequence[MedicationDraft], now_utc: int) -> list[int]:
    """Fast insert of many validated drafts in the caller's transaction (import, demo); returns their ids."""
    if not drafts:
        return []
    start = conn.execute(select(func.coalesce(func.max(medications.c.id), 0))).scalar_one() + 1
    ids = list(range(start, start + len(drafts)))
    conn.execute(
        insert(medications), [{**_med_row(d, now_utc), "id": i, "created_utc": now_utc} for i, d in zip(ids, drafts)]
    )
    return ids


def update_medication(conn: Connection, med_id: int, draft: MedicationDraft, now_utc: int) -> bool:
    result = conn.execute(update(medications).where(medications.c.id == med_id).values(**_med_row(draft, now_utc)))
    return result.rowcount > 0


def delete_medication(conn: Connection, med_id: int) -> bool:
    """Delete an item; its doses go with it (ON DELETE CASCADE)."""
    return conn.execute(delete(medications).where(medications.c.id == med_id)).rowcount > 0


def get_medications(conn: Connection, ids: Sequence[int] | None = None) -> list[Medication]:
    """Items by id (missing ids skipped), or all of them; in id order."""
    stmt = select(medications)
    if ids is not None:
        stmt = stmt.where(medications.c.id.in_(list(ids)))
    return [_med_from_row(row) for row in conn.execute(stmt.order_by(medications.c.id))]


# --- doses ---------------------------------------------------------------------------------------


def _dose_row(medication_id: int, at: datetime, amount: str, note: str) -> dict[str, Any]:
    return {
        "medication_id": medication_id,
        **to_utc_fields(at),
        "local_day": at.date().isoformat(),
        "amount": amount,
        "note": note,
    }


def insert_dose(
    conn: Connection, medication_id: int, at: datetime, amount: str = "", note: str = "", dose_id: int | None = None
) -> int:
    row = _dose_row(medication_id, at, amount, note)
    if dose_id is not None:
        row["id"] = dose_id
    return insert_row(conn, doses, row)


def bulk_insert_doses(conn: Connection, rows: Iterable[tuple[int, datetime, str, str]]) -> int:
    """Insert (medication_id, at, amount, note) doses in the caller's transaction; returns how many."""
    values = [_dose_row(*row) for row in rows]
    if values:
        conn.execute(insert(doses), values)
    return len(values)


def restore_doses(conn: Connection, deleted: Sequence[Dose]) -> None:
    """Put deleted doses back under their old ids (undo)."""
    values = [{**_dose_row(d.medication_id, d.at, d.amount, d.note), "id": d.id} for d in deleted]
    if values:
        conn.execute(insert(doses), values)


def delete_dose(conn: Connection, dose_id: int) -> bool:
    return conn.execute(delete(doses).where(doses.c.id == dose_id)).rowcount > 0


def list_doses(
    conn: Connection,
    day_from: date | None = None,
    day_to: date | None = None,
    *,
    medication_id: int | None = None,
    dose_ids: Sequence[int] | None = None,
    newest_first: bool = True,
) -> list[Dose]:
    """Doses in time order (ties by id), with each item's name; days are the local days of the doses."""
    stmt = select(
        doses.c.id, doses.c.medication_id, medications.c.name, doses.c.at_utc, doses.c.utc_offset, doses.c.amount,
        doses.c.note,
    ).join(medications, medications.c.id == doses.c.medication_id)  # fmt: skip
    if day_from:
        stmt = stmt.where(doses.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(doses.c.local_day <= day_to.isoformat())
    if medication_id is not None:
        stmt = stmt.where(doses.c.medication_id == medication_id)
    if dose_ids is not None:
        stmt = stmt.where(doses.c.id.in_(list(dose_ids)))
    order = (doses.c.at_utc.desc(), doses.c.id.desc()) if newest_first else (doses.c.at_utc, doses.c.id)
    return [
        Dose(r.id, r.medication_id, r.name, from_utc_fields(r.at_utc, r.utc_offset), r.amount, r.note)
        for r in conn.execute(stmt.order_by(*order))
    ]


def count_doses(conn: Connection, medication_id: int, day_from: date | None = None, day_to: date | None = None) -> int:
    stmt = select(func.count()).select_from(doses).where(doses.c.medication_id == medication_id)
    if day_from:
        stmt = stmt.where(doses.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(doses.c.local_day <= day_to.isoformat())
    return conn.execute(stmt).scalar_one()


def dose_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(doses)).scalar_one()
