"""From the saved list and the dose log to the engine's inputs: the day's acetaminophen and the opioid MME.

Rules (kept simple and stated, because patients and clinicians must be able to follow them):
- Acetaminophen today: for each item, the larger of what its schedule plans for today (active, not "as needed")
  and what the dose log holds for today. A logged amount of "2" or "2 tablets" counts two doses, "1000 mg" counts
  1000 mg of a single-ingredient product; anything else counts one dose. Stopped items count only logged doses.
- MME from the schedule: active opioid items at their times a day (for "as needed", the most times a day).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date

from ..domain.medications import Dose, Medication, parse_amount
from ..interactions.acetaminophen import ApapResult, acetaminophen_total
from ..interactions.dataset import Dataset
from ..interactions.mme import MmeItem, MmeResult, NotCalculated

APAP = "acetaminophen"
_MASS = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001}
_PATCH_UNITS = {"mcg/hr", "mcg/h", "mcg per hour", "µg/h", "µg/hr"}


def mass_mg(med: Medication) -> float | None:
    """The strength in mg when the unit is a mass, else None."""
    scale = _MASS.get(med.unit.strip().lower())
    return med.strength * scale if med.strength is not None and scale else None


def engine_name(med: Medication, dataset: Dataset) -> str:
    """What the engine reads: the name as typed, plus the strength if the name has none ("Percocet" + 10 mg)."""
    if med.strength is None or med.unit.strip().lower() not in _MASS:
        return med.name
    analysis = dataset.analyse(med.name)
    if analysis.numbers or not analysis.resolution.recognized:
        return med.name
    candidate = f"{med.name} {med.strength:g} {med.unit.strip().lower()}"
    return candidate if dataset.resolve(candidate).ingredients == analysis.resolution.ingredients else med.name


def apap_mg_per_dose(med: Medication, dataset: Dataset) -> float | None:
    """Acetaminophen mg in one dose: the typed strength of a plain acetaminophen item, else the name or lexicon."""
    if med.ingredients == (APAP,) and mass_mg(med) is not None:
        return mass_mg(med)
    return dataset.component_strengths(dataset.analyse(engine_name(med, dataset))).get(APAP)


def planned_today(med: Medication, today: date) -> float:
    """Doses the schedule plans for today (0 for stopped, not-yet-started and as-needed items)."""
    started = med.start is None or med.start <= today
    if med.active and started and not med.as_needed and med.times_per_day:
        return med.times_per_day
    return 0.0


def apap_entries(
    meds: Iterable[Medication], doses_today: Sequence[Dose], today: date, dataset: Dataset
) -> list[tuple[str, float | None, float]]:
    """(name, acetaminophen mg per dose or None, number of doses) for `acetaminophen_total`."""
    entries: list[tuple[str, float | None, float]] = []
    for med in meds:
        if APAP not in med.ingredients:
            continue
        name = med.name  # warnings name the item as the patient wrote it
        per_dose = apap_mg_per_dose(med, dataset)
        plain = med.ingredients == (APAP,)
        logged_count, logged_mg = 0.0, 0.0
        for dose in (d for d in doses_today if d.medication_id == med.id):
            count, mg = parse_amount(dose.amount)
            if mg is not None and plain:
                logged_mg += mg
            else:
                logged_count += count if count is not None else 1.0
        if per_dose is not None:
            total = max(planned_today(med, today) * per_dose, logged_count * per_dose + logged_mg)
            if total > 0:
                entries.append((name, total, 1.0))
            continue
        if logged_mg > 0:
            entries.append((name, logged_mg, 1.0))
        count = max(planned_today(med, today), logged_count)
        if count > 0:
            entries.append((name, None, count))  # the engine reports it as not counted
    return entries


def mme_items(meds: Iterable[Medication], dataset: Dataset) -> tuple[list[MmeItem], list[NotCalculated]]:
    """Active opioid (and unrecognised) items as MmeItems, plus the ones whose schedule cannot be counted."""
    items: list[MmeItem] = []
    missing: list[NotCalculated] = []
    for med in meds:
        if not med.active:
            continue
        if med.recognized and not any(dataset.is_a(i, "opioid") for i in med.ingredients):
            continue
        times = med.times_per_day
        opioids = [
            p
            for p in med.pack_ingredients
            if any(dataset.is_a(i, "opioid") for i in dataset.resolve(p.text).ingredients)
        ]
        if med.ingredients_given and opioids and times is not None:  # "Codein 30 mg" read off the pack
            items += [MmeItem(p.text, doses_per_day=times) for p in opioids]
            continue
        if med.recognized and times is None:
            reason = (
                "Taken as needed with no most-per-day given; add the most times a day to count it."
                if med.as_needed
                else "No schedule given; add how many times a day to count it."
            )
            missing.append(NotCalculated(med.name, reason))
            continue
        unit = med.unit.strip().lower()
        if unit in _PATCH_UNITS:
            items.append(MmeItem(med.name, mcg_per_hr=med.strength, doses_per_day=times or 1.0))
            continue
        typed_numbers = bool(dataset.analyse(med.name).numbers)
        strength = None if typed_numbers else mass_mg(med)
        items.append(MmeItem(med.name, strength_mg=strength, doses_per_day=times or 1.0))
    return items, missing


def with_missing(result: MmeResult, missing: Sequence[NotCalculated]) -> MmeResult:
    if not missing:
        return result
    return MmeResult(result.total_mme_per_day, result.items, (*result.not_calculated, *missing), result.notes)


def highest_apap_day(
    meds: Sequence[Medication],
    doses: Sequence[Dose],
    start: date,
    end: date,
    dataset: Dataset,
    *,
    liver_disease: bool = False,
    regular_alcohol: bool = False,
) -> tuple[date, ApapResult] | None:
    """The day from `start` to `end` with the most acetaminophen (schedule and dose log, as `apap_entries`).

    Only days that can be the highest are computed: days with logged doses, the first day, and start days
    of acetaminophen items (between those, a schedule-only total cannot rise). None when there is none.
    """
    apap_meds = [m for m in meds if APAP in m.ingredients]
    if not apap_meds:
        return None
    ids = {m.id for m in apap_meds}
    by_day: dict[date, list[Dose]] = defaultdict(list)
    for dose in doses:
        if dose.medication_id in ids and start <= dose.local_day <= end:
            by_day[dose.local_day].append(dose)
    candidates = set(by_day) | {start} | {m.start for m in apap_meds if m.start and start <= m.start <= end}
    best: tuple[date, ApapResult] | None = None
    for day in sorted(candidates):
        on_day = [replace(m, as_of=day) for m in apap_meds]
        entries = apap_entries(on_day, by_day.get(day, []), day, dataset)
        if not entries:
            continue
        result = acetaminophen_total(entries, dataset, liver_disease=liver_disease, regular_alcohol=regular_alcohol)
        if result.total_mg > 0 and (best is None or result.total_mg > best[1].total_mg):
            best = (day, result)
    return best
