"""Grams per day and per week over time for kratom and other herbal items or supplements taken by weight.

Items with the same active ingredients (two kratom products, say) form one series, so the patient sees one
line for "kratom" across a change of product or strain; each switch to another item (or product or strain)
is marked on the day of its first dose. Days are the local days of the doses. Amounts that cannot be read
are left out of the totals, and counted.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from ..domain.amounts import MASS_MG, daily_totals, form_unit
from ..domain.medications import Dose, Medication

#: Kinds whose amounts by weight are added up over time (medicines taken by weight are not).
WEIGHT_KINDS = ("herbal", "supplement")


@dataclass(frozen=True)
class WeightSeries:
    """One series: totals per day and per week (weeks start on Monday), and where the product changed."""

    title: str
    unit: str
    days: tuple[tuple[date, float], ...]
    weeks: tuple[tuple[date, float], ...]
    changes: tuple[tuple[date, str], ...]
    left_out: int

    @property
    def average_per_day_used(self) -> float:
        return math.fsum(t for _, t in self.days) / len(self.days) if self.days else 0.0

    def text(self) -> str:
        """The series in words (for screen readers and as the summary under the chart)."""
        if not self.days:
            return f"{self.title}: no amounts that can be added up yet."
        top_day, top = max(self.days, key=lambda item: (item[1], item[0]))
        first, last = self.days[0][0], self.days[-1][0]
        parts = [
            f"{self.title}: used on {len(self.days)} days from {first:%d %b %Y} to {last:%d %b %Y}, "
            f"{self.average_per_day_used:.1f} {self.unit} a day on average on those days; the most was "
            f"{top:g} {self.unit} on {top_day:%d %b %Y}."
        ]
        if len(self.weeks) >= 2:
            parts.append(
                f"Per week: {self.weeks[0][1]:g} {self.unit} in the first week shown, "
                f"{self.weeks[-1][1]:g} {self.unit} in the latest."
            )
        for day, label in self.changes:
            parts.append(f"From {day:%d %b %Y}: {label}.")
        if self.left_out:
            many = "doses were" if self.left_out != 1 else "dose was"
            parts.append(f"{self.left_out} {many} left out (no amount, one that cannot be read, or another unit).")
        return " ".join(parts)


def _label(med: Medication) -> str:
    bits = [b for b in (med.product, med.strain) if b]
    return f"{med.name} ({', '.join(bits)})" if bits else med.name


def _week_totals(days: Sequence[tuple[date, float]]) -> tuple[tuple[date, float], ...]:
    weeks: dict[date, list[float]] = defaultdict(list)
    for day, total in days:
        weeks[day - timedelta(days=day.weekday())].append(total)
    return tuple((monday, round(math.fsum(values), 3)) for monday, values in sorted(weeks.items()))


def weight_series(meds: Sequence[Medication], doses: Sequence[Dose]) -> list[WeightSeries]:
    """One series per group of herbal items or supplements (same ingredients) whose amounts are by weight."""
    by_med: dict[int, list[Dose]] = defaultdict(list)
    for dose in doses:
        by_med[dose.medication_id].append(dose)
    groups: dict[tuple[str, ...], list[Medication]] = defaultdict(list)
    for med in meds:
        if med.effective_kind in WEIGHT_KINDS and by_med.get(med.id):
            key = tuple(sorted(med.ingredients)) or ("name:" + med.name.casefold(),)
            groups[key].append(med)
    found = []
    for items in groups.values():
        own = sorted((d for m in items for d in by_med[m.id]), key=lambda d: (d.at, d.id))
        bare = form_unit(items[0].form)
        totals = daily_totals(((d.local_day, d.amount) for d in own), bare_unit=bare)
        if totals.unit not in MASS_MG or not totals.days:
            continue
        first_dose = {m.id: min(d.at for d in by_med[m.id]) for m in items}
        ordered = sorted(items, key=lambda m: (first_dose[m.id], m.id))
        changes = tuple(
            (first_dose[m.id].date(), f"{_label(m)} instead of {_label(prev)}")
            for prev, m in pairwise(ordered)
            if _label(m) != _label(prev)
        )
        title = ordered[-1].name if len(ordered) == 1 else (ordered[-1].display_ingredients or (ordered[-1].name,))[0]
        found.append(WeightSeries(title, totals.unit, totals.days, _week_totals(totals.days), changes, totals.left_out))
    return sorted(found, key=lambda s: s.title.casefold())


def service_weight_series(
    meds: object, date_from: date | None = None, date_to: date | None = None
) -> list[WeightSeries]:
    """`weight_series` over a MedicationService's saved items (stopped ones too) and dose log."""
    return weight_series(meds.list_medications(), meds.doses(date_from, date_to))  # type: ignore[attr-defined]
