"""Function goals: what, how much, by when (CDC 2022 opioid guideline, recommendation 2; IMMPACT).

The patient keeps 1–3 open goals (e.g. "garden, 30 minutes, by 1 June") and rates progress weekly,
alongside the PEG check-in: 0 = no progress, 10 = goal reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..errors import ValidationError
from . import bounds
from .diary import fixed_offset

MAX_OPEN_GOALS = 3
MAX_WHAT = 120
MAX_HOW_MUCH = 80
RATING_INTERVAL = timedelta(days=7)
GOALS_SOURCE = (
    "Dowell D et al. CDC Clinical Practice Guideline for Prescribing Opioids for Pain, 2022 (recommendation 2: "
    "function goals); Dworkin RH et al. IMMPACT, Pain 2005;113:9-19"
)


@dataclass(frozen=True)
class GoalRating:
    """One progress rating of a goal (0 = none, 10 = reached)."""

    goal_id: int
    at: datetime
    progress: int
    id: int = 0


@dataclass(frozen=True)
class Goal:
    """A function goal; `done` is the day it was marked done (None while open)."""

    what: str
    how_much: str = ""
    by: date | None = None
    created: date | None = None
    done: date | None = None
    id: int = 0
    ratings: tuple[GoalRating, ...] = ()  # oldest first

    @property
    def is_open(self) -> bool:
        return self.done is None

    @property
    def latest(self) -> GoalRating | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def text(self) -> str:
        """'Garden, 30 minutes, by 1 Jun 2026'."""
        parts = [self.what]
        if self.how_much:
            parts.append(self.how_much)
        if self.by:
            parts.append(f"by {self.by.day} {self.by:%b %Y}")
        return ", ".join(parts)


def _clean(text: object, what: str, limit: int, *, required: bool) -> str:
    value = " ".join(str(text or "").split())
    if required and not value:
        raise ValidationError(f"The {what} is empty; say what you want to be able to do, e.g. 'garden'.")
    if len(value) > limit:
        raise ValidationError(f"The {what} is longer than {limit} characters; please shorten it.")
    return value


def make_goal(what: object, how_much: object = "", by: date | None = None, *, today: date) -> Goal:
    """Validate a new goal (the "by" day may not be in the past)."""
    if by is not None and by < today:
        raise ValidationError(f"The day to reach the goal ({by.isoformat()}) is in the past.")
    return Goal(
        what=_clean(what, "goal", MAX_WHAT, required=True),
        how_much=_clean(how_much, "amount", MAX_HOW_MUCH, required=False),
        by=by,
        created=today,
    )


def progress(value: object) -> int:
    """A progress rating 0–10 (whole numbers, also as text), parsed with the app's one bounded parser."""
    found = bounds.parse_int(value, "Progress (0 none … 10 reached)", low=0, high=10, required=True)
    assert found is not None  # required=True never returns None
    return found


def make_rating(goal_id: int, at: datetime, value: object) -> GoalRating:
    return GoalRating(goal_id, fixed_offset(at), progress(value))


def rating_due(goal: Goal, now: datetime) -> bool:
    """An open goal's weekly rating is due when it has none, or the last is a week old."""
    return goal.is_open and (goal.latest is None or now - goal.latest.at >= RATING_INTERVAL)
