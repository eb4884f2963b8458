"""Demo data for "what helps" with medicines: pain before and after as-needed doses, and kratom amounts.

Seeded and deterministic, drawn from their own random streams so the rest of the demo stays as it was.
Pain before is the diary's worst pain of the day (the dose follows that entry); pain after is about an hour
later, lower by a typical amount for each item, with noise, and not always rated (as real patients do).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

from ..domain.diary import EntryDraft
from ..domain.dose_effect import DoseRating
from ..domain.medications import Dose

#: Typical drop in pain about an hour after a dose, by item name (demo only, not medical data).
_DROP = {"Ibuprofen": 1.6, "Acetaminophen": 1.0, "Tramadol": 2.2, "Kratom": 1.3}
_KRATOM_GRAMS = ("1.5 g", "2 g", "2 g", "2.5 g", "3 g", "3 g", "3.5 g", "4 g")


def kratom_amount(rng: random.Random, progress: float) -> str:
    """A kratom amount that drifts down as the patient cuts back (`progress` 0 → 1 over the period)."""
    top = len(_KRATOM_GRAMS) - 1
    centre = top * (1 - 0.6 * progress)
    index = max(0, min(top, round(rng.gauss(centre - 1.5, 1.2))))
    return _KRATOM_GRAMS[index]


def dose_ratings(
    doses: Sequence[Dose], as_needed_names: set[str], entries: Sequence[EntryDraft], seed: int = 7
) -> list[DoseRating]:
    """Before/after ratings for the as-needed doses in `doses` (by item name), from the diary `entries`."""
    rng = random.Random(seed * 104_729 + 3)
    worst: dict[date, int] = {}
    for entry in entries:
        day = entry.at.date()
        worst[day] = max(worst.get(day, 0), entry.pain)
    ratings = []
    for dose in sorted(doses, key=lambda d: (d.at, d.id)):
        if dose.medication_name not in as_needed_names or rng.random() < 0.15:
            continue
        before = worst.get(dose.local_day)
        if before is None:
            continue
        before = max(0, min(10, before + rng.choice((0, 0, 0, 1, -1))))
        after_at = None
        after = None
        if rng.random() < 0.75:  # some follow-ups are skipped
            drop = _DROP.get(dose.medication_name, 1.0)
            after = max(0, min(10, round(before - rng.gauss(drop, 1.1))))
            after_at = dose.at + timedelta(minutes=rng.randrange(50, 95))
        ratings.append(DoseRating(dose.id, before, after, after_at))
    return ratings
