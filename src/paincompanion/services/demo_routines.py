"""Seeded, deterministic demo history of routine sessions: a few a week, with before/after pain ratings.

Breathing and relaxation bring pain down a little on average; exercise about evens out on the day.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from ..domain.diary import ensure_aware
from ..domain.routine_log import LoggedSession
from ..routines.library import Library

#: (routine id, weight, usual hour, mean change after − before)
_PLAN = [
    ("belly-breathing", 0.25, 21, -1.0),
    ("progressive-muscle-relaxation", 0.15, 20, -1.2),
    ("body-scan", 0.12, 21, -0.8),
    ("low-back-gentle-mobility", 0.2, 9, -0.2),
    ("walking-starter-10", 0.15, 11, 0.2),
    ("sleep-wind-down", 0.13, 22, -0.5),
]
_NOTES = ["Felt calmer.", "Hard to settle today.", "Did it after lunch instead.", "Stopped early, too sore.", ""]


def generate_routine_sessions(
    start: date, end: date, library: Library, pain_by_day: dict[date, float], seed: int = 7
) -> list[LoggedSession]:
    """About three sessions a week between `start` and `end`; ~1 in 8 partly done, ~1 in 5 without ratings."""
    rng = random.Random(seed * 104729 + 3)
    plan = [(library.get(rid), w, hour, change) for rid, w, hour, change in _PLAN if rid in library]
    sessions: list[LoggedSession] = []
    day = start
    while day <= end and plan:
        if rng.random() < 0.42:
            routine, _, hour, change = rng.choices(plan, weights=[p[1] for p in plan])[0]
            total = len(routine.steps)
            done = rng.randint(1, total - 1) if total > 1 and rng.random() < 0.12 else total
            started = ensure_aware(datetime.combine(day, time(hour, rng.randrange(60))))
            before = after = None
            if rng.random() < 0.8:
                before = max(0, min(10, round(pain_by_day.get(day, 5.0) + rng.gauss(0, 1))))
                after = max(0, min(10, round(before + change + rng.gauss(0, 0.8))))
            sessions.append(
                LoggedSession(
                    0, routine.id, routine.title, routine.kind.value, started,
                    max(1, round(routine.minutes * done / total)), before, after,
                    rng.choice(_NOTES) if rng.random() < 0.1 else "", done, total,
                )
            )  # fmt: skip
        day += timedelta(days=1)
    return sessions
