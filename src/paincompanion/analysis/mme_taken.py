"""Opioids actually taken: the average daily MME from the dose log over a period (CDC 2022 factors).

The average is over EVERY day of the period, days without a dose included: a patient who took two 50 mg
tramadol tablets in 30 days took 2 × 50 mg × 0.2 = 20 MME in all, which is 0.67 MME a day on average, not the
40 MME a day the schedule ("up to 4 a day") allows. Which doses count, and how:
- every logged dose of an opioid item whose local day lies in the period (stopped items too: they were taken);
- an amount in tablets, capsules or as a bare number ("2") counts that many doses of the item's strength;
- an amount by mass ("100 mg") counts those milligrams when the item has a single ingredient;
- anything else (no amount, text that cannot be read) counts as one dose, as the acetaminophen total does.
Patches (mcg/hr) are not counted from the log: "mme --mine" counts them from the schedule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..analysis import meds_totals
from ..domain.amounts import MASS_MG, read_amount
from ..domain.medications import Dose, Medication
from ..errors import ValidationError
from ..interactions.dataset import Dataset
from ..interactions.mme import MmeItem, MmeResult, NotCalculated, compute_mme

_PATCH_UNITS = {"mcg/hr", "mcg/h", "mcg per hour", "µg/h", "µg/hr"}
#: The period `mme --mine --taken` averages over when no dates are given (days, ending today).
TAKEN_DAYS = 30
PATCH_REASON = "A patch is not counted from the dose log; 'mme --mine' counts it from the schedule."


@dataclass(frozen=True)
class TakenMme:
    """The average daily MME over `days` days from `start` to `end` (inclusive)."""

    start: date
    end: date
    result: MmeResult

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_json(self) -> dict[str, Any]:
        """The `mme` JSON, plus the period it averages over."""
        return {**self.result.to_json(), "from": self.start.isoformat(), "to": self.end.isoformat(), "days": self.days}


def _doses_and_mg(med: Medication, doses: Sequence[Dose]) -> tuple[float, float]:
    """(number of doses, opioid mg given by mass) in the logged doses of one item."""
    count, mg = 0.0, 0.0
    single = len(med.ingredients) == 1
    for dose in doses:
        amount = read_amount(dose.amount)
        if amount.value is not None and amount.unit in MASS_MG and single:
            mg += amount.value * MASS_MG[amount.unit]
        elif amount.value is not None and amount.unit not in MASS_MG and amount.unit != "ml":
            count += amount.value
        else:
            count += 1.0
    return count, mg


def _strength_mg(med: Medication, dataset: Dataset) -> float | None:
    """The opioid mg in one dose of a single-opioid item: the typed strength, else what the name says."""
    opioids = [i for i in med.ingredients if dataset.is_a(i, "opioid")]
    if len(opioids) != 1:
        return None
    if not dataset.analyse(med.name).numbers and meds_totals.mass_mg(med) is not None:
        return meds_totals.mass_mg(med)
    strengths = dataset.component_strengths(dataset.analyse(meds_totals.engine_name(med, dataset)))
    return strengths.get(opioids[0])


def taken_items(
    meds: Sequence[Medication], doses: Sequence[Dose], days: int, dataset: Dataset
) -> tuple[list[MmeItem], list[NotCalculated]]:
    """MmeItems whose doses_per_day is the average over `days` days; plus the items that cannot be counted."""
    if days < 1:
        raise ValidationError("The period must have at least one day.")
    items: list[MmeItem] = []
    missing: list[NotCalculated] = []
    for med in sorted(meds, key=lambda m: (m.name.casefold(), m.id)):
        own = [d for d in doses if d.medication_id == med.id]
        if not own or (med.recognized and not any(dataset.is_a(i, "opioid") for i in med.ingredients)):
            continue
        if med.unit.strip().lower() in _PATCH_UNITS:
            missing.append(NotCalculated(med.name, PATCH_REASON))
            continue
        count, mg = _doses_and_mg(med, own)
        strength = _strength_mg(med, dataset)
        if mg and strength:
            count, mg = count + mg / strength, 0.0
        if count:
            typed = meds_totals.mass_mg(med) if not dataset.analyse(med.name).numbers else None
            items.append(MmeItem(med.name, strength_mg=typed, doses_per_day=count / days))
        if mg:
            items.append(MmeItem(med.name, strength_mg=mg / days, doses_per_day=1.0))
    return items, missing


def mme_taken(meds: Sequence[Medication], doses: Sequence[Dose], start: date, end: date, dataset: Dataset) -> TakenMme:
    """The average daily MME of the doses logged from `start` to `end` (local days of the doses, inclusive)."""
    if start > end:
        raise ValidationError(f"The period is reversed: {start} is after {end}.")
    in_period = [d for d in doses if start <= d.local_day <= end]
    items, missing = taken_items(meds, in_period, (end - start).days + 1, dataset)
    return TakenMme(start, end, meds_totals.with_missing(compute_mme(items, dataset), missing))


def service_mme_taken(meds: Any, start: date, end: date) -> TakenMme:
    """`mme_taken` over a MedicationService's saved list (stopped items too) and dose log."""
    return mme_taken(meds.list_medications(), meds.doses(start, end), start, end, meds.dataset)
