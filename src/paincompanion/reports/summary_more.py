"""The summary's sections added for issue 20: goals, pain bands and flares, check-ins (mood screens, side
effects, global impression of change), the opioid safety line and medicine adherence. Plain data, Qt-free.

Definitions (printed on the summary, one definition per number):
- a day's pain is the mean of that day's ratings; bands use it: none < 1, mild 1 to < 4, moderate 4 to < 7,
  severe 7 or more (the common 1-3 / 4-6 / 7-10 convention; published cut-points vary, Woo A et al.
  Ann Palliat Med 2015;4(4):176-83);
- a flare is 2 or more consecutive calendar days, each with entries, whose daily pain is 7 or more or at
  least 2 points above the period's typical day (the median daily pain). This is the app's own working
  definition: there is no agreed standard;
- adherence of a scheduled (not as-needed) medicine: the days with at least one logged dose, of the days
  the medicine was on the list within the period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median
from typing import Any

from ..domain import checkins as ck

#: Fewer days with entries than this: the summary says "too few entries to summarise" over its numbers.
MIN_DAYS_TO_SUMMARISE = 7
FLARE_MIN_DAYS = 2
FLARE_ABOVE_TYPICAL = 2.0
SEVERE = 7.0
BANDS_SOURCE = "Woo A et al. Ann Palliat Med 2015;4:176-83"
BANDS_DEFINITION = "Day = mean of its ratings; mild 1 to <4, moderate 4 to <7, severe 7+."
FLARE_DEFINITION = (
    "Flare (the app's working definition, no agreed standard): 2+ days in a row at 7+ or 2+ above the median day."
)
MEANINGFUL_PERCENT = 30
MEANINGFUL_SOURCE = "≥30 % = meaningful: Dworkin RH et al. (IMMPACT) J Pain 2008;9:105-21; CDC 2022"
ADHERENCE_DEFINITION = "Taken = days with a dose logged, of the days on the list in the period."
MME_TAKEN_DEFINITION = "Taken = logged doses over all days of the period (CDC 2022 factors)."


@dataclass(frozen=True)
class Flare:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PainBands:
    n_days: int
    none: int
    mild: int
    moderate: int
    severe: int
    typical: float | None  # median daily pain, 1 dp
    flares: tuple[Flare, ...] = ()
    definition: str = BANDS_DEFINITION
    flare_definition: str = FLARE_DEFINITION
    source: str = BANDS_SOURCE

    @property
    def flare_days(self) -> int:
        return sum(f.days for f in self.flares)

    @property
    def longest_flare(self) -> int:
        return max((f.days for f in self.flares), default=0)


def band_of(pain: float) -> str:
    if pain < 1:
        return "none"
    if pain < 4:
        return "mild"
    if pain < SEVERE:
        return "moderate"
    return "severe"


def pain_bands(daily: Sequence[tuple[date, float]], r1: Any) -> PainBands:
    """Bands and flares from (day, daily mean) pairs, oldest first (days with entries only)."""
    counts = Counter(band_of(p) for _, p in daily)
    if not daily:
        return PainBands(0, 0, 0, 0, 0, None)
    typical = float(median(p for _, p in daily))
    threshold = min(SEVERE, typical + FLARE_ABOVE_TYPICAL)
    flares: list[Flare] = []
    run: list[date] = []
    for day, pain in [*daily, (date.max, -1.0)]:
        high = pain >= threshold
        if high and run and (day - run[-1]).days == 1:
            run.append(day)
            continue
        if len(run) >= FLARE_MIN_DAYS:
            flares.append(Flare(run[0], run[-1]))
        run = [day] if high else []
    return PainBands(
        len(daily), counts["none"], counts["mild"], counts["moderate"], counts["severe"], r1(typical), tuple(flares)
    )


@dataclass(frozen=True)
class GoalRow:
    text: str
    first: int | None  # first progress rating in the period (0-10)
    latest: int | None
    n_ratings: int
    done: date | None


@dataclass(frozen=True)
class GoalsSummary:
    has_data: bool
    absent_reason: str = ""
    rows: tuple[GoalRow, ...] = ()


def goals_section(goals: Sequence[Any], start: date, end: date) -> GoalsSummary:
    rows = []
    for g in goals:
        if g.done is not None and g.done < start:
            continue
        if g.created is not None and g.created > end:
            continue
        rated = [r for r in g.ratings if start <= r.at.date() <= end]
        first, latest = (rated[0].progress, rated[-1].progress) if rated else (None, None)
        rows.append(GoalRow(g.text, first, latest, len(rated), g.done))
    if not rows:
        return GoalsSummary(False, "No goals recorded.")
    return GoalsSummary(True, rows=tuple(rows))


@dataclass(frozen=True)
class ScreenRow:
    day: date
    name: str  # "PHQ-2 (mood)"
    items: tuple[int, ...]
    total: int
    positive: bool


@dataclass(frozen=True)
class CheckinsSummary:
    screens: tuple[ScreenRow, ...] = ()
    side_effect_checks: int = 0  # weekly tick-lists in the period
    side_effects: tuple[tuple[str, int], ...] = ()  # (name, weeks ticked), most first
    change: int | None = None  # latest global impression of change in the period, 1-7
    change_day: date | None = None
    naloxone: bool | None = None  # latest answer up to the end of the period

    @property
    def has_data(self) -> bool:
        return bool(self.screens or self.side_effect_checks or self.change is not None)

    @property
    def absent_reason(self) -> str:
        return "" if self.has_data else "No side effects, mood screens or change recorded in this period."

    @property
    def change_text(self) -> str:
        if self.change is None:
            return "none recorded"
        return f"{self.change} = {ck.CHANGE_ANSWERS[self.change - 1].lower()}"


def checkins_section(history: Sequence[ck.Checkin], start: date, end: date) -> CheckinsSummary:
    inside = [c for c in history if start <= c.at.date() <= end]
    screens = tuple(
        ScreenRow(c.at.date(), ck.SCREEN_NAMES[c.kind], c.items, c.total or 0, c.positive)
        for c in inside
        if c.kind in ck.SCREEN_ITEMS
    )
    checks = [c for c in inside if c.kind is ck.Kind.SIDE_EFFECTS]
    ticked = Counter(e for c in checks for e in c.effects)
    change = [c for c in inside if c.kind is ck.Kind.CHANGE]
    naloxone = [c for c in history if c.kind is ck.Kind.NALOXONE and c.at.date() <= end]
    return CheckinsSummary(
        screens=screens,
        side_effect_checks=len(checks),
        side_effects=tuple((ck.effect_name(e), n) for e, n in ticked.most_common()),
        change=change[-1].value if change else None,
        change_day=change[-1].at.date() if change else None,
        naloxone=bool(naloxone[-1].value) if naloxone else None,
    )


@dataclass(frozen=True)
class OpioidSafety:
    """The opioid safety line (CDC 2022 recommendations 4-5, 8, 11)."""

    opioids: tuple[str, ...]
    prescribed_mme: float | None  # from the schedule (maximum prescribed), MME a day
    sedatives: tuple[tuple[str, str], ...]  # (item, what it is)
    naloxone: bool | None
    #: What was taken: MME of the logged opioid doses averaged over every day of the period (analysis/mme_taken.py),
    #: 1 dp; None when no dose could be converted although opioid doses were logged.
    mme_taken: float | None = None
    taken_doses: int = 0  # opioid doses logged in the period
    period_days: int = 0
    #: (item, why) the prescribed or the taken MME leaves out (e.g. buprenorphine, a patch in the dose log).
    not_counted: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AdherenceRow:
    name: str
    days_taken: int
    days_listed: int


def adherence(meds: Sequence[Any], doses: Sequence[Any], start: date, end: date) -> tuple[AdherenceRow, ...]:
    """Scheduled (not as-needed) medicines: days with a logged dose of the days on the list in the period.
    Only medicines with at least one logged dose ever in the period count (no dose log = not tracked)."""
    days_by_med: dict[int, set[date]] = {}
    for d in doses:
        days_by_med.setdefault(d.medication_id, set()).add(d.at.date())
    rows = []
    for m in meds:
        if m.as_needed or m.id not in days_by_med:
            continue
        first = max(start, m.start or start)
        last = min(end, (m.stop - timedelta(days=1)) if m.stop else end)
        if last < first:
            continue
        listed = (last - first).days + 1
        taken = sum(first <= d <= last for d in days_by_med[m.id])
        rows.append(AdherenceRow(m.name, taken, listed))
    return tuple(rows)


OPIOID_SOURCE = "CDC 2022 rec. 8, 11; FDA 2019"


@dataclass(frozen=True)
class EffectRow:
    """Pain before and after the doses of one as-needed item rated both times in the period (n >= MIN_N)."""

    name: str
    n: int
    before: float
    after: float
    change: float  # after - before as shown (negative = less pain after)


@dataclass(frozen=True)
class AmountRow:
    """An item taken by weight (kratom, a supplement): the period's amounts from the dose log."""

    name: str
    unit: str  # "g", "mg" or "mcg"
    days_used: int  # days with a dose logged
    days_counted: int  # days with at least one amount that could be read as a weight
    mean_per_day: float | None  # total / days_counted, 1 dp (None when no amount could be read)
    highest: float | None
    highest_day: date | None
    left_out: int  # doses whose amount is missing, unreadable or not a weight


def effect_rows(effects: Sequence[Any], as_needed_ids: set[int]) -> tuple[tuple[EffectRow, ...], int]:
    """Rows for as-needed items with at least MIN_N doses rated before and after, and how many items had fewer."""
    rows, fewer = [], 0
    for e in effects:
        if e.medication_id not in as_needed_ids:
            continue
        if not e.shown or e.change is None:
            fewer += 1
            continue
        rows.append(EffectRow(e.name, e.n, e.pain_before, e.pain_after, e.change))
    return tuple(rows), fewer


def amount_row(name: str, totals: Any, days_used: int, n_doses: int, r1: Any, always: bool = False) -> AmountRow | None:
    """An AmountRow from `domain.amounts.DailyAmounts` over `n_doses` doses on `days_used` days.

    None when its amounts are not weights, unless `always` (kratom): then a row saying none could be read.
    """
    from ..domain.amounts import MASS_MG

    if totals.unit is not None and totals.unit not in MASS_MG:
        return AmountRow(name, "g", days_used, 0, None, None, None, n_doses) if always else None
    if not totals.days:
        return AmountRow(name, "g", days_used, 0, None, None, None, totals.left_out)
    day, top = max(totals.days, key=lambda d: (d[1], -d[0].toordinal()))
    mean = sum(v for _, v in totals.days) / len(totals.days)
    return AmountRow(name, totals.unit, days_used, len(totals.days), r1(mean), r1(top), day, totals.left_out)
