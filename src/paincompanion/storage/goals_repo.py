"""Goals, goal ratings and check-ins <-> rows. Functions take a Connection in a transaction."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select, update

from ..domain.checkins import Checkin, Kind
from ..domain.goals import Goal, GoalRating
from .diary_repo import to_utc_fields
from .rows import from_utc_fields
from .schema import checkins, goal_ratings, goals, insert_row


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def insert_goal(conn: Connection, goal: Goal) -> int:
    """Insert a goal; a non-zero `goal.id` re-creates it under that id (undo), with its ratings."""
    values: dict[str, Any] = {
        "what": goal.what,
        "how_much": goal.how_much,
        "by_day": _iso(goal.by),
        "created_day": _iso(goal.created or date.today()),
        "done_day": _iso(goal.done),
    }
    if goal.id:
        values["id"] = goal.id
    goal_id = insert_row(conn, goals, values)
    for rating in goal.ratings:
        insert_rating(conn, GoalRating(goal_id, rating.at, rating.progress, rating.id))
    return goal_id


def set_done(conn: Connection, goal_id: int, day: date | None) -> bool:
    return conn.execute(update(goals).where(goals.c.id == goal_id).values(done_day=_iso(day))).rowcount > 0


def delete_goal(conn: Connection, goal_id: int) -> bool:
    conn.execute(delete(goal_ratings).where(goal_ratings.c.goal_id == goal_id))
    return conn.execute(delete(goals).where(goals.c.id == goal_id)).rowcount > 0


def insert_rating(conn: Connection, rating: GoalRating) -> int:
    values: dict[str, Any] = {"goal_id": rating.goal_id, "progress": rating.progress, **to_utc_fields(rating.at)}
    if rating.id:
        values["id"] = rating.id
    return insert_row(conn, goal_ratings, values)


def delete_rating(conn: Connection, rating_id: int) -> bool:
    return conn.execute(delete(goal_ratings).where(goal_ratings.c.id == rating_id)).rowcount > 0


def list_goals(conn: Connection) -> list[Goal]:
    """Every goal, oldest first, each with its ratings (oldest first)."""
    ratings: dict[int, list[GoalRating]] = defaultdict(list)
    for r in conn.execute(select(goal_ratings).order_by(goal_ratings.c.at_utc, goal_ratings.c.id)):
        ratings[r.goal_id].append(GoalRating(r.goal_id, from_utc_fields(r.at_utc, r.utc_offset), r.progress, r.id))
    return [
        Goal(g.what, g.how_much, _day(g.by_day), _day(g.created_day), _day(g.done_day), g.id, tuple(ratings[g.id]))
        for g in conn.execute(select(goals).order_by(goals.c.id))
    ]


def insert_checkin(conn: Connection, c: Checkin) -> int:
    values: dict[str, Any] = {
        "kind": c.kind.value,
        "item1": c.items[0] if c.items else None,
        "item2": c.items[1] if len(c.items) > 1 else None,
        "value": c.value,
        "effects": ",".join(c.effects),
        **to_utc_fields(c.at),
    }
    if c.id:
        values["id"] = c.id
    return insert_row(conn, checkins, values)


def delete_checkin(conn: Connection, checkin_id: int) -> bool:
    return conn.execute(delete(checkins).where(checkins.c.id == checkin_id)).rowcount > 0


def list_checkins(conn: Connection, kind: Kind | None = None) -> list[Checkin]:
    """Check-ins oldest first (of one kind, or all)."""
    query = select(checkins).order_by(checkins.c.at_utc, checkins.c.id)
    if kind is not None:
        query = query.where(checkins.c.kind == kind.value)
    out = []
    for r in conn.execute(query):
        items = tuple(v for v in (r.item1, r.item2) if v is not None)
        effects = tuple(e for e in r.effects.split(",") if e)
        out.append(Checkin(Kind(r.kind), from_utc_fields(r.at_utc, r.utc_offset), items, effects, r.value, r.id))
    return out
