"""Medicines and their dose logs in the JSON export, and back in on import (see services/transfer.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..domain.bounds import parse_day
from ..domain.medications import (
    Dose,
    Medication,
    MedicationDraft,
    PackIngredient,
    validate_dose,
    validate_medication,
)
from ..errors import ValidationError
from ..importers.common import describe
from ..importers.own_format import moment_field, need_list, need_object, number_field, text_field
from .companion import CompanionApi
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
        "pack_ingredients": [{"name": p.name, "strength": p.strength} for p in med.pack_ingredients],
        "doses": [
            {"at": d.at.isoformat(), "amount": d.amount, "note": d.note, **rating_fields(ratings.get(d.id))}
            for d in doses
        ],
    }


def medication_records(companion: CompanionApi) -> list[dict[str, Any]]:
    """Every item (stopped ones too) in the order they were added, each with its dose log."""
    doses: dict[int, list[Dose]] = {}
    for dose in reversed(companion.meds.doses()):
        doses.setdefault(dose.medication_id, []).append(dose)
    meds = sorted(companion.meds.list_medications(), key=lambda m: m.id)
    ratings = companion.dose_effects.ratings()
    return [medication_record(med, doses.get(med.id, []), ratings) for med in meds]


def medication_items(
    companion: CompanionApi, records: list[dict[str, Any]], skipped: list[dict[str, Any]]
) -> list[BatchItem]:
    """New items (or saved items the export matches exactly) with the doses not yet logged."""
    today, now = companion.clock.now().date(), companion.clock.now()
    unmatched: dict[MedicationDraft, list[int]] = {}
    for med in sorted(companion.meds.list_medications(), key=lambda m: m.id):
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
                dose = need_object(dose, "The dose")
                at = moment_field(dose, "at", "The time of the dose")
                amount = text_field(dose, "amount", 'The amount (a text like "1 tablet")')
                checked = validate_dose(at, amount, text_field(dose, "note", "The dose note"), now)
            except ValidationError as exc:
                skipped.append({"line": f"medication {n} dose {k}", "reason": str(exc)})
                continue
            key = (target, int(checked[0].timestamp()), checked[1], checked[2])
            if isinstance(target, int) and key in logged:
                continue
            doses.append(checked)
        if not isinstance(target, int) or doses:
            items.append((target, doses))
    return items


def _medication_from_record(rec: Any) -> MedicationDraft:
    """An export's medicine record, every field's kind checked (values are checked by validate_medication)."""
    rec = need_object(rec, "The medicine")

    def day(key: str, what: str) -> date | None:
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            raise ValidationError(f"{what} must be a date like 2026-03-10, not {describe(value)}.")
        return parse_day(value, what)

    as_needed = rec.get("as_needed", False)
    if not isinstance(as_needed, bool):
        raise ValidationError(f"'As needed' must be true or false, not {describe(as_needed)}.")
    need_list(rec.get("doses"), "The doses")
    text = {key: text_field(rec, key, what) for key, what in _TEXTS}
    pack = rec.get("pack_ingredients") or []
    if not isinstance(pack, list) or not all(isinstance(p, dict) and isinstance(p.get("name"), str) for p in pack):
        raise ValidationError("The ingredients from the pack must be a list of names.")
    return MedicationDraft(
        pack_ingredients=tuple(PackIngredient(p["name"], str(p.get("strength") or "")) for p in pack),
        **text,
        strength=number_field(rec, "strength", "The strength"),  # type: ignore[arg-type]
        unit=text_field(rec, "unit", "The unit") or "mg",
        times_per_day=number_field(rec, "times_per_day", "Times a day"),  # type: ignore[arg-type]
        as_needed=as_needed,
        start=day("start", "The start date"),
        stop=day("stop", "The stop date"),
    )


_TEXTS = (("name", "The name"), ("kind", "The kind"), ("form", "The form"), ("reason", "The reason"),
          ("prescriber", "The prescriber or shop"), ("product", "The product"), ("strain", "The strain"),
          ("notes", "The notes"))  # fmt: skip
