"""Function goals (1-3 open at a time) and their weekly progress ratings, with reversible operations.

Changes are announced as `peg` changes: goals are rated alongside the weekly PEG check-in, and the views
that show PEG (Today, Insights, Summary) are the ones that show goals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.goals import MAX_OPEN_GOALS, Goal, GoalRating, make_goal, make_rating, rating_due
from ..errors import NotFound, ValidationError
from ..storage import goals_repo
from ..storage.database import Database
from .events import Signal

GOAL_CHANGES = Changes(peg=True)


class GoalService:
    """`companion.goals`: what Today, Insights, the summary and `goals …` do with goals."""

    def __init__(self, db: Database, clock: Clock, changed: Signal) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed

    def list_goals(self, *, include_done: bool = True) -> list[Goal]:
        with self._db.read() as conn:
            found = goals_repo.list_goals(conn)
        return found if include_done else [g for g in found if g.is_open]

    def get(self, goal_id: int) -> Goal:
        for goal in self.list_goals():
            if goal.id == goal_id:
                return goal
        raise NotFound(f"There is no goal with id {goal_id}.")

    def add(self, what: object, how_much: object = "", by: date | None = None) -> Goal:
        """Add an open goal (at most MAX_OPEN_GOALS open at a time)."""
        goal = make_goal(what, how_much, by, today=self._clock.now().date())
        if len(self.list_goals(include_done=False)) >= MAX_OPEN_GOALS:
            raise ValidationError(f"You already have {MAX_OPEN_GOALS} open goals; mark one done before adding another.")
        return self.restore(goal)

    def restore(self, goal: Goal) -> Goal:
        """Put back a goal (undo of a delete, import), with its id and ratings when it has them."""
        with self._db.write() as conn:
            goal_id = goals_repo.insert_goal(conn, goal)
        self._changed.emit(GOAL_CHANGES)
        return self.get(goal_id)

    def rate(self, goal_id: int, value: object, at: datetime | None = None) -> GoalRating:
        goal = self.get(goal_id)
        if not goal.is_open:
            raise ValidationError(f"Goal {goal_id} is marked done; it needs no more ratings.")
        now = self._clock.now()
        rating = make_rating(goal_id, at or now, value)
        if rating.at > now:
            raise ValidationError("A rating cannot be in the future.")
        with self._db.write() as conn:
            rating_id = goals_repo.insert_rating(conn, rating)
        self._changed.emit(GOAL_CHANGES)
        return replace(rating, id=rating_id)

    def unrate(self, rating_id: int) -> None:
        with self._db.write() as conn:
            if not goals_repo.delete_rating(conn, rating_id):
                raise NotFound(f"There is no goal rating with id {rating_id}.")
        self._changed.emit(GOAL_CHANGES)

    def set_done(self, goal_id: int, done: bool = True) -> Goal:
        """Mark a goal done today (or open again)."""
        goal = self.get(goal_id)
        if not done and goal.is_open:
            return goal
        if not done and len(self.list_goals(include_done=False)) >= MAX_OPEN_GOALS:
            raise ValidationError(f"You already have {MAX_OPEN_GOALS} open goals.")
        if done and not goal.is_open:
            raise ValidationError(f"Goal {goal_id} is already marked done.")
        with self._db.write() as conn:
            goals_repo.set_done(conn, goal_id, self._clock.now().date() if done else None)
        self._changed.emit(GOAL_CHANGES)
        return self.get(goal_id)

    def delete(self, goal_id: int) -> Goal:
        goal = self.get(goal_id)
        with self._db.write() as conn:
            goals_repo.delete_goal(conn, goal_id)
        self._changed.emit(GOAL_CHANGES)
        return goal

    def due(self) -> list[Goal]:
        """Open goals whose weekly rating is due."""
        now = self._clock.now()
        return [g for g in self.list_goals(include_done=False) if rating_due(g, now)]


# --- reversible operations (protocol of services/undo.py) -------------------------------------------


@dataclass
class AddGoalOp:
    goals: GoalService
    what: str
    how_much: str = ""
    by: date | None = None
    label: str = "Add goal"
    goal: Goal | None = None

    def apply(self) -> None:
        self.goal = self.goals.restore(self.goal) if self.goal else self.goals.add(self.what, self.how_much, self.by)

    def revert(self) -> None:
        assert self.goal is not None
        self.goal = self.goals.delete(self.goal.id)


@dataclass
class RateGoalOp:
    goals: GoalService
    goal_id: int
    value: int
    label: str = "Rate goal"
    rating: GoalRating | None = None

    def apply(self) -> None:
        self.rating = self.goals.rate(self.goal_id, self.value, self.rating.at if self.rating else None)

    def revert(self) -> None:
        assert self.rating is not None
        self.goals.unrate(self.rating.id)


@dataclass
class GoalDoneOp:
    goals: GoalService
    goal_id: int
    label: str = "Mark goal done"

    def apply(self) -> None:
        self.goals.set_done(self.goal_id, True)

    def revert(self) -> None:
        self.goals.set_done(self.goal_id, False)
