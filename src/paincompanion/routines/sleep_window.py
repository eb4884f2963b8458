"""Sleep scheduling (CBT for insomnia) from the sleep the diary records: the average of recent nights and a time
in bed of about half an hour more, never under 6 hours. Shown on the start page of the sleep-scheduling routine.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

#: Routines whose start page shows the sleep window worked out from the diary.
SLEEP_DIARY_ROUTINES = frozenset({"sleep-scheduling"})
DAYS = 14
MIN_NIGHTS = 7
MIN_TIME_IN_BED = 6.0
EXTRA_HOURS = 0.5


@dataclass(frozen=True)
class SleepWindow:
    nights: int
    average_hours: float
    time_in_bed_hours: float


def sleep_window(nights: Iterable[tuple[date, float]]) -> SleepWindow | None:
    """From (diary day, hours slept) pairs: one value per night (the largest, if a day has several entries).

    None when fewer than MIN_NIGHTS nights are recorded: too few to plan from.
    """
    by_day: dict[date, float] = {}
    for day, hours in nights:
        if hours is not None and 0 <= hours <= 24:
            by_day[day] = max(hours, by_day.get(day, 0.0))
    if len(by_day) < MIN_NIGHTS:
        return None
    average = sum(by_day.values()) / len(by_day)
    in_bed = max(MIN_TIME_IN_BED, round((average + EXTRA_HOURS) * 4) / 4)  # to the quarter hour
    return SleepWindow(len(by_day), round(average, 1), in_bed)


def _hours_text(hours: float) -> str:
    whole, minutes = int(hours), round((hours - int(hours)) * 60)
    return f"{whole} h {minutes:02d} min" if minutes else f"{whole} hours"


def sleep_window_text(window: SleepWindow | None) -> str:
    """Plain words for the start page; says what is missing when there are too few nights."""
    if window is None:
        return (
            f"Your diary has fewer than {MIN_NIGHTS} nights of sleep recorded in the last {DAYS} days. Note your "
            "hours of sleep in the diary for a week or two first; then this routine can suggest your time in bed."
        )
    return (
        f"From your diary: over {window.nights} nights you slept about {_hours_text(window.average_hours)} a night. "
        f"A starting time in bed would be about {_hours_text(window.time_in_bed_hours)}: count back from your "
        "getting-up time to find your bedtime. Check the plan with your doctor if you can."
    )
