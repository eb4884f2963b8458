"""Medicines and their dose logs in the JSON export, and back in on import (see services/transfer.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..domain.medications import Dose, Medication, MedicationDraft, validate_dose, validate_medication
from ..errors import ValidationError
from .companion import Companion
from .medications import BatchItem


def medication_record(med: Medication, doses: list[Dose], ratings: dict[int, Any] | None = None) -> dict[str, Any]:
    """Everything the patient entered for one item, and its doses oldest first (lossless), with their ratings."""
    from .ratings_transfer import rating_fields

    ratings = ratings or {}
    return {
        "name": med.name,
        "kind": med.kind,
        "strength": med.strength,
        "unit": med.unit,
        "form": med.form,
        "times_per_day": med.times_per_day,
        "as_needed": med.as_needed,
        "start": med.start.isoformat() if med.start else None,
        "stop": med.stop.isoformat() if med.stop else None,
        "reason": med.reason,
        "prescriber": med.prescriber,
        "product": med.product,
        "strain": med.strain,
        "notes": med.notes,
        "doses": [
            {"at": d.at.isoformat(), "amount": d.amount, "note": d.note, **rating_fields(ratings.get(d.id))}
            for d in doses
        ],
    }


def medication_records(companion: Companion) -> list[dict[str, Any]]:
    """Every item (stopped ones too) in the order they were added, each with its dose log."""
    doses: dict[int, list[Dose]] = {}
    for dose in reversed(companion.meds.doses()):
        doses.setdefault(dose.medication_id, []).append(dose)
    meds = sorted(companion.meds.list(), key=lambda m: m.id)
    ratings = companion.dose_effects.ratings()
    return [medication_record(med, doses.get(med.id, []), ratings) for med in meds]


def medication_items(
    companion: Companion, records: list[dict[str, Any]], skipped: list[dict[str, Any]]
) -> list[BatchItem]:
    """New items (or saved items the export matches exactly) with the doses not yet logged."""
    today, now = companion.clock.now().date(), companion.clock.now()
    unmatched: dict[MedicationDraft, list[int]] = {}
    for med in sorted(companion.meds.list(), key=lambda m: m.id):
        unmatched.setdefault(med.as_draft(), []).append(med.id)
    logged = {(d.medication_id, int(d.at.timestamp()), d.amount, d.note) for d in companion.meds.doses()}
    items: list[BatchItem] = []
    for n, rec in enumerate(records, start=1):
        try:
            draft = validate_medication(_medication_from_record(rec), today)
        except ValidationError as exc:
            skipped.append({"line": f"medication {n}", "reason": str(exc)})
            continue
        saved = unmatched.get(draft)
        target: MedicationDraft | int = saved.pop(0) if saved else draft
        doses = []
        for k, dose in enumerate(rec.get("doses") or [], start=1):
            try:
                if not isinstance(dose, dict):
                    raise ValidationError("not an object")
                at = datetime.fromisoformat(str(dose.get("at")))
                checked = validate_dose(at, str(dose.get("amount") or ""), str(dose.get("note") or ""), now)
            except (ValidationError, ValueError) as exc:
                skipped.append({"line": f"medication {n} dose {k}", "reason": str(exc) or "bad time"})
                continue
            key = (target, int(checked[0].timestamp()), checked[1], checked[2])
            if isinstance(target, int) and key in logged:
                continue
            doses.append(checked)
        if not isinstance(target, int) or doses:
            items.append((target, doses))
    return items


def _medication_from_record(rec: Any) -> MedicationDraft:
    if not isinstance(rec, dict):
        raise ValidationError("not an object")

    def day(key: str) -> date | None:
        value = rec.get(key)
        try:
            return date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            raise ValidationError(f"bad {key} date {value!r}") from None

    as_needed = rec.get("as_needed", False)
    if not isinstance(as_needed, bool):
        raise ValidationError(f"bad as_needed {as_needed!r}")
    if not isinstance(rec.get("doses") or [], list):
        raise ValidationError("the doses are not a list")
    text = {key: str(rec.get(key) or "") for key in ("name", "kind", "form", "reason", "prescriber", "product",
                                                      "strain", "notes")}  # fmt: skip
    return MedicationDraft(
        **text,
        strength=rec.get("strength"),
        unit=str(rec.get("unit") or "mg"),
        times_per_day=rec.get("times_per_day"),
        as_needed=as_needed,
        start=day("start"),
        stop=day("stop"),
    )
