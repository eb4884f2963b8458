"""Insights: patterns over time, by time of day, by location, and honest side-by-side comparisons.

Pure and Qt-free (no storage either): everything is computed from the light rows of
`storage.diary_repo.entry_points`, which services/insights.py reads.
The unit of a comparison is the *day* (a day's mean pain), never the entry, so a day with many
entries does not count more. A comparison is only given when each side has at least
`MIN_DAYS_PER_SIDE` days; nothing is filled in or guessed when data are missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import Any

from ..domain.body import region_name
from ..domain.period_rows import EntryPoint, NameCount

#: A comparison needs at least this many days on each side.
MIN_DAYS_PER_SIDE = 3
#: A 7-day average is only drawn when at least this many of the 7 days have entries.
ROLLING_WINDOW = 7
MIN_DAYS_IN_WINDOW = 3
#: How many locations and qualities are listed.
TOP_N = 8

SHORT_SLEEP_HOURS = 6.0
POOR_SLEEP_QUALITY = 4  # 0–4 is "poor", 5–10 "better"
LOW_MOOD = 3  # 0–3 is "low"
HIGH_ACTIVITY = 7  # 7–10 is "high"

PATTERN_NOT_CAUSE = "This shows a pattern, not a cause."


@dataclass(frozen=True)
class DayPoint:
    """One diary day with entries. Means are over that day's entries that recorded the value."""

    day: date
    pain: float
    n: int
    mood: float | None = None
    sleep_hours: float | None = None
    sleep_quality: float | None = None
    activity_level: int | None = None  # the highest level recorded that day


@dataclass(frozen=True)
class RollingPoint:
    """7-day averages ending on `day` (over the days that have a value; None when too few)."""

    day: date
    pain: float | None
    mood: float | None
    sleep_hours: float | None


@dataclass(frozen=True)
class TimeOfDay:
    """Mean pain of the entries made in one part of the (local) day."""

    label: str
    start_hour: int
    end_hour: int
    mean_pain: float | None
    n: int

    @property
    def hours(self) -> str:
        return f"{self.start_hour:02d}–{self.end_hour:02d} h"


@dataclass(frozen=True)
class Comparison:
    """Average daily pain on two kinds of day. `sentence` is what people read."""

    label: str
    mean_a: float
    n_a: int
    mean_b: float
    n_b: int
    sentence: str


@dataclass(frozen=True)
class Insights:
    """Everything the Insights page and the charts show for one period."""

    range_days: int | None
    day_from: date | None
    today: date
    days: tuple[DayPoint, ...] = ()
    rolling: tuple[RollingPoint, ...] = ()
    time_of_day: tuple[TimeOfDay, ...] = ()
    locations: tuple[tuple[str, str, int], ...] = ()  # (region id, name, number of entries)
    qualities: tuple[tuple[str, int], ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    n_entries: int = 0
    n_entries_all: int = 0  # in the whole diary, whatever the period
    #: Mood over time from entries AND records without a pain score (Daylio, pain "not rated"): (day, the
    #: day's mean mood, how many moods). Pain figures above never include those records.
    mood_days: tuple[tuple[date, float, int], ...] = ()
    mood_rolling: tuple[tuple[date, float | None], ...] = ()
    n_mood_records: int = 0  # records without a pain score that gave a mood in the period

    @property
    def n_days(self) -> int:
        return len(self.days)

    @property
    def has_data(self) -> bool:
        return bool(self.days)

    @property
    def mean_pain(self) -> float | None:
        """Average of the daily means (each day counts once)."""
        return fmean(d.pain for d in self.days) if self.days else None

    @property
    def period_text(self) -> str:
        return "all your entries" if self.range_days is None else f"the last {self.range_days} days"

    def summary_text(self) -> str:
        """One plain sentence about the amount of data behind the page."""
        if not self.days:
            return f"No entries in {self.period_text}."
        first, last = self.days[0].day, self.days[-1].day
        span = (last - first).days + 1
        entries = "entry" if self.n_entries == 1 else "entries"
        days = "day" if self.n_days == 1 else "days"
        return (
            f"{self.n_entries} {entries} on {self.n_days} {days} ({first:%d %b %Y} to {last:%d %b %Y}, "
            f"{span} calendar days). Average daily pain {self.mean_pain:.1f} of 10."
        )

    def pain_over_time_text(self) -> str:
        """A text equivalent of the pain-over-time chart (for screen readers)."""
        if not self.days:
            return "No pain ratings to show."
        low = min(self.days, key=lambda d: d.pain)
        high = max(self.days, key=lambda d: d.pain)
        text = (
            f"Daily average pain over {self.period_text}: lowest {low.pain:.1f} on {low.day:%d %b %Y}, "
            f"highest {high.pain:.1f} on {high.day:%d %b %Y}."
        )
        averaged = [p for p in self.rolling if p.pain is not None]
        if len(averaged) >= 2:
            text += (
                f" The 7-day average went from {averaged[0].pain:.1f} ({averaged[0].day:%d %b}) "
                f"to {averaged[-1].pain:.1f} ({averaged[-1].day:%d %b})."
            )
        return text

    def time_of_day_text(self) -> str:
        parts = [f"{t.label} {t.mean_pain:.1f} (n = {t.n})" for t in self.time_of_day if t.mean_pain is not None]
        return "Average pain by time of day: " + "; ".join(parts) + "." if parts else "No entries by time of day."

    def mood_sleep_text(self) -> str:
        moods = [d.mood for d in self.days if d.mood is not None]
        sleeps = [d.sleep_hours for d in self.days if d.sleep_hours is not None]
        parts = []
        if moods:
            parts.append(f"average mood {fmean(moods):.1f} of 10 on {len(moods)} days")
        if sleeps:
            parts.append(f"average sleep {fmean(sleeps):.1f} hours on {len(sleeps)} days")
        if not parts:
            return "No mood or sleep recorded in this period."
        return "Mood and sleep beside pain: " + ", ".join(parts) + "."

    @property
    def has_mood(self) -> bool:
        return bool(self.mood_days)

    def mood_over_time_text(self) -> str:
        """A text equivalent of the mood-over-time chart (for screen readers)."""
        if not self.mood_days:
            return "No mood recorded in this period."
        low = min(self.mood_days, key=lambda d: d[1])
        high = max(self.mood_days, key=lambda d: d[1])
        n = len(self.mood_days)
        text = (
            f"Mood on {n} {'day' if n == 1 else 'days'} of {self.period_text}, average"
            f" {fmean(d[1] for d in self.mood_days):.1f} of 10: lowest {low[1]:.1f} on {low[0]:%d %b %Y}, highest"
            f" {high[1]:.1f} on {high[0]:%d %b %Y}."
        )
        if self.n_mood_records:
            records = "record" if self.n_mood_records == 1 else "records"
            text += f" {self.n_mood_records:,} of the moods are from {records} without a pain score."
        return text


# --- computing ------------------------------------------------------------------------------------

_PARTS_OF_DAY = (("Night", 0, 6), ("Morning", 6, 12), ("Afternoon", 12, 18), ("Evening", 18, 24))


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def daily_points(rows: Sequence[EntryPoint]) -> list[DayPoint]:
    """Group entry points by diary day."""
    by_day: dict[str, list[EntryPoint]] = defaultdict(list)
    for row in rows:
        by_day[row.day].append(row)
    points = []
    for day in sorted(by_day):
        items = by_day[day]
        levels = [r.activity_level for r in items if r.activity_level is not None]
        points.append(
            DayPoint(
                day=date.fromisoformat(day),
                pain=fmean(r.pain for r in items),
                n=len(items),
                mood=_mean(r.mood for r in items),
                sleep_hours=_mean(r.sleep_hours for r in items),
                sleep_quality=_mean(r.sleep_quality for r in items),
                activity_level=max(levels) if levels else None,
            )
        )
    return points


def rolling_points(days: Sequence[DayPoint], lead_in: Sequence[DayPoint] = ()) -> list[RollingPoint]:
    """7-day averages for every calendar day from the first to the last day with entries.

    Missing days are left out of the average (never counted as zero); when fewer than
    `MIN_DAYS_IN_WINDOW` of the 7 days have a value the average is None, so charts show a gap.
    `lead_in` are the days just before the period: they count in the first windows but get no point.
    """
    if not days:
        return []
    by_day = {d.day: d for d in (*lead_in, *days)}

    def window_mean(end: date, value: Callable[[DayPoint], float | None]) -> float | None:
        found = [value(by_day[end - timedelta(i)]) for i in range(ROLLING_WINDOW) if end - timedelta(i) in by_day]
        present = [v for v in found if v is not None]
        return fmean(present) if len(present) >= MIN_DAYS_IN_WINDOW else None

    result = []
    day, last = days[0].day, days[-1].day
    while day <= last:
        result.append(
            RollingPoint(
                day,
                window_mean(day, lambda d: d.pain),
                window_mean(day, lambda d: d.mood),
                window_mean(day, lambda d: d.sleep_hours),
            )
        )
        day += timedelta(days=1)
    return result


def local_hour(at_utc: int, utc_offset_minutes: int) -> int:
    """The hour on the clock where and when the entry was made."""
    return ((at_utc + utc_offset_minutes * 60) // 3600) % 24


def time_of_day(rows: Sequence[EntryPoint]) -> list[TimeOfDay]:
    """Mean pain per part of the day; here the unit is the entry."""
    pains: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        hour = local_hour(row.at_utc, row.utc_offset)
        label = next(name for name, start, end in _PARTS_OF_DAY if start <= hour < end)
        pains[label].append(row.pain)
    return [TimeOfDay(name, start, end, _mean(pains[name]), len(pains[name])) for name, start, end in _PARTS_OF_DAY]


def _compare(label: str, side_a: list[float], side_b: list[float], lead: str, other: str) -> Comparison | None:
    if len(side_a) < MIN_DAYS_PER_SIDE or len(side_b) < MIN_DAYS_PER_SIDE:
        return None
    mean_a, mean_b = fmean(side_a), fmean(side_b)
    sentence = (
        f"{lead} your average pain was {mean_a:.1f} (n = {len(side_a)} days) vs {mean_b:.1f} "
        f"(n = {len(side_b)} days) {other}. {PATTERN_NOT_CAUSE}"
    )
    return Comparison(label, mean_a, len(side_a), mean_b, len(side_b), sentence)


def _split(
    days: Iterable[DayPoint], value: Callable[[DayPoint], float | None], is_a: Callable[[float], bool]
) -> tuple[list[float], list[float]]:
    side_a: list[float] = []
    side_b: list[float] = []
    for d in days:
        v = value(d)
        if v is not None:
            (side_a if is_a(v) else side_b).append(d.pain)
    return side_a, side_b


def comparisons(days: Sequence[DayPoint], previous: DayPoint | None = None) -> list[Comparison]:
    """The honest comparisons; `previous` is the day before the period (for "days after")."""
    found: list[Comparison | None] = []
    a, b = _split(days, lambda d: d.sleep_hours, lambda v: v < SHORT_SLEEP_HOURS)
    found.append(_compare("Short sleep", a, b, "After nights under 6 h of sleep", "after nights of 6 h or more"))
    a, b = _split(days, lambda d: d.sleep_quality, lambda v: v <= POOR_SLEEP_QUALITY)
    found.append(
        _compare(
            "Poor sleep quality",
            a,
            b,
            f"On days with poor sleep quality (0–{POOR_SLEEP_QUALITY})",
            f"on days with better sleep quality ({POOR_SLEEP_QUALITY + 1}–10)",
        )
    )
    a, b = _split(days, lambda d: d.mood, lambda v: v <= LOW_MOOD)
    found.append(_compare("Low mood", a, b, f"On low-mood days (mood 0–{LOW_MOOD})", "on other days with mood noted"))
    by_day = {d.day: d for d in days}
    if previous is not None:
        by_day.setdefault(previous.day, previous)

    def level_before(d: DayPoint) -> float | None:
        before = by_day.get(d.day - timedelta(days=1))
        return None if before is None or before.activity_level is None else float(before.activity_level)

    a, b = _split(days, level_before, lambda v: v >= HIGH_ACTIVITY)
    found.append(
        _compare(
            "After a very active day",
            a,
            b,
            f"On days after a very active day (activity {HIGH_ACTIVITY} or more)",
            "after days with lower activity",
        )
    )
    return [c for c in found if c is not None]


def compute(
    rows: Sequence[EntryPoint],
    *,
    range_days: int | None,
    day_from: date | None,
    today: date,
    location_counts: Sequence[NameCount] = (),
    quality_counts: Sequence[NameCount] = (),
    n_entries_all: int | None = None,
    mood_records: Sequence[tuple[str, int]] = (),
) -> Insights:
    """Build Insights from entry points (`diary_repo.entry_points`).

    Rows before `day_from` (up to a week) are a lead-in: they only serve the first 7-day averages
    and "days after" comparisons, and are counted nowhere else. `mood_records` are (local day, mood) of
    records without a pain score: they count in mood over time only, never in a pain figure.
    """
    start = day_from.isoformat() if day_from else ""
    lead_rows = [r for r in rows if r.day < start]
    lead_in = daily_points(lead_rows)
    rows = [r for r in rows if r.day >= start]
    days = daily_points(rows)
    before = day_from - timedelta(days=1) if day_from else None
    previous = next((d for d in lead_in if d.day == before), None)
    return Insights(
        range_days=range_days,
        day_from=day_from,
        today=today,
        days=tuple(days),
        rolling=tuple(rolling_points(days, lead_in)),
        time_of_day=tuple(time_of_day(rows)),
        locations=tuple((c.name, region_name(c.name), c.entries) for c in location_counts[:TOP_N]),
        qualities=tuple((c.name, c.entries) for c in quality_counts[:TOP_N]),
        comparisons=tuple(comparisons(days, previous)),
        n_entries=len(rows),
        n_entries_all=len(rows) if n_entries_all is None else n_entries_all,
        **mood_over_time([(r.day, r.mood) for r in (*lead_rows, *rows)], mood_records, start),
    )


def mood_over_time(
    entry_moods: Sequence[tuple[str, int | None]], record_moods: Sequence[tuple[str, int]], start: str
) -> dict[str, Any]:
    """Daily mean mood over entries and records without a pain score, and its 7-day average (the same rule
    as pain's: at least MIN_DAYS_IN_WINDOW days with a mood in the window, else a gap)."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for text_day, mood in (*entry_moods, *record_moods):
        if mood is not None:
            by_day[text_day].append(mood)
    means = {date.fromisoformat(key): fmean(values) for key, values in by_day.items()}
    shown = [(day, means[day], len(by_day[day.isoformat()])) for day in sorted(means) if day.isoformat() >= start]
    rolling: list[tuple[date, float | None]] = []
    if shown:
        day, last = shown[0][0], shown[-1][0]
        while day <= last:
            window = [means[day - timedelta(i)] for i in range(ROLLING_WINDOW) if day - timedelta(i) in means]
            rolling.append((day, fmean(window) if len(window) >= MIN_DAYS_IN_WINDOW else None))
            day += timedelta(days=1)
    n_records = sum(1 for text_day, _ in record_moods if text_day >= start)
    return {"mood_days": tuple(shown), "mood_rolling": tuple(rolling), "n_mood_records": n_records}
