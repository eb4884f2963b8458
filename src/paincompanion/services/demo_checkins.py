"""Demo goals and check-ins that follow the demo diary: progress rises as pain eases, mood screens follow the
diary's mood, side effects are ticked on some weeks, one global impression of change, naloxone answered."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from ..domain import checkins as ck
from ..domain.diary import EntryDraft, ensure_aware
from ..domain.goals import Goal, GoalRating

if TYPE_CHECKING:
    from .companion import Companion

GOALS = (("Garden", "30 minutes without a break"), ("Walk the dog", "around the park, twice a week"))
DONE_GOAL = ("Cook dinner", "three evenings a week")
DAYS_OF_GOALS = 120


def _at(day: date, hour: int) -> datetime:
    return ensure_aware(datetime.combine(day, time(hour, 0)))


def fill_goals_and_checkins(companion: Companion, entries: list[EntryDraft], end: date, seed: int = 7) -> None:
    """Add demo goals (with weekly ratings) and check-ins over the last DAYS_OF_GOALS days up to `end`."""
    if companion.goals.list_goals() or companion.checkins.history():
        return
    rng = random.Random(seed + 20)
    start = max(min((e.at.date() for e in entries), default=end), end - timedelta(days=DAYS_OF_GOALS - 1))
    pain: dict[date, list[int]] = {}
    mood: dict[date, list[int]] = {}
    for e in entries:
        pain.setdefault(e.at.date(), []).append(e.pain)
        if e.mood is not None:
            mood.setdefault(e.at.date(), []).append(e.mood)

    def week_mean(values: dict[date, list[int]], day: date, default: float) -> float:
        found = [v for d in range(7) for v in values.get(day - timedelta(days=d), [])]
        return sum(found) / len(found) if found else default

    with companion.all_or_nothing():
        for index, (what, how_much) in enumerate(GOALS):
            ratings = []
            day = start + timedelta(days=6 + index)
            step = 0
            while day <= end:
                eased = max(0.0, 7 - week_mean(pain, day, 5.0))  # less pain, more progress
                value = int(max(0, min(10, round(step * 0.3 + eased * 0.8 + rng.gauss(0, 0.8)))))
                ratings.append(GoalRating(0, _at(day, 20), value))
                day += timedelta(days=7)
                step += 1
            companion.goals.restore(Goal(what, how_much, end + timedelta(days=60), start, None, 0, tuple(ratings)))
        done_day = start + timedelta(days=70)
        if done_day <= end:
            rating = GoalRating(0, _at(start + timedelta(days=7), 20), 6)
            companion.goals.restore(Goal(*DONE_GOAL, None, start, done_day, 0, (rating,)))
        day = start + timedelta(days=3)
        while day <= end:
            low = max(0.0, 6 - week_mean(mood, day, 6.0))  # the lower the mood, the higher the answers
            first = int(max(0, min(3, round(low / 2 + rng.gauss(0, 0.6)))))
            second = int(max(0, min(3, round(low / 2 + rng.gauss(0, 0.6)))))
            companion.checkins.restore(ck.make_screen(ck.Kind.PHQ2, _at(day, 19), first, second))
            worry = [int(max(0, min(3, round(low / 2.5 + rng.gauss(0, 0.7))))) for _ in range(2)]
            companion.checkins.restore(ck.make_screen(ck.Kind.GAD2, _at(day, 19), *worry))
            day += timedelta(days=14)
        day = start + timedelta(days=5)
        while day <= end:
            effects = [name for name, p in (("constipation", 0.45), ("drowsiness", 0.25), ("dizziness", 0.1),
                                            ("nausea", 0.1), ("falls", 0.03)) if rng.random() < p]  # fmt: skip
            companion.checkins.restore(ck.make_side_effects(_at(day, 20), effects))
            day += timedelta(days=7)
        companion.checkins.restore(ck.make_change(_at(end - timedelta(days=2), 18), 3))
        companion.checkins.restore(ck.make_naloxone(_at(end - timedelta(days=2), 18), False))
