"""Goals and check-ins in the JSON export ("goals", "checkins"); older exports simply lack the keys.

An import adds what the data lacks: a goal is the same when its text and creation day match; a check-in
when its kind, time and answers match.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ..domain import checkins as ck
from ..domain.goals import Goal, make_rating, progress
from ..errors import PainCompanionError

if TYPE_CHECKING:
    from .companion import CompanionApi


def goals_document(companion: CompanionApi) -> list[dict[str, Any]]:
    return [
        {
            "what": g.what,
            "how_much": g.how_much,
            "by": g.by.isoformat() if g.by else None,
            "created": g.created.isoformat() if g.created else None,
            "done": g.done.isoformat() if g.done else None,
            "ratings": [{"at": r.at.isoformat(), "progress": r.progress} for r in g.ratings],
        }
        for g in companion.goals.list_goals()
    ]


def checkins_document(companion: CompanionApi) -> list[dict[str, Any]]:
    out = []
    for c in companion.checkins.history():
        rec: dict[str, Any] = {"kind": c.kind.value, "at": c.at.isoformat()}
        if c.items:
            rec["items"] = list(c.items)
        if c.kind is ck.Kind.SIDE_EFFECTS:
            rec["effects"] = list(c.effects)
        if c.value is not None:
            rec["value"] = c.value
        out.append(rec)
    return out


def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


def _checkin(rec: dict[str, Any]) -> ck.Checkin:
    kind = ck.Kind(rec["kind"])
    at = datetime.fromisoformat(rec["at"])
    if at.utcoffset() is None:
        raise ValueError("a check-in time needs a time zone")
    if kind in ck.SCREEN_ITEMS:
        first, second = rec["items"]
        return ck.make_screen(kind, at, first, second)
    if kind is ck.Kind.SIDE_EFFECTS:
        return ck.make_side_effects(at, list(rec.get("effects") or []))
    if kind is ck.Kind.CHANGE:
        return ck.make_change(at, rec["value"])
    return ck.make_naloxone(at, bool(rec["value"]))


def _key(c: ck.Checkin) -> tuple[Any, ...]:
    return (c.kind, int(c.at.timestamp()), c.items, c.effects, c.value)


def import_goals_and_checkins(
    companion: CompanionApi, goals: Any, checkins: Any, skipped: list[dict[str, Any]], *, dry_run: bool
) -> int:
    """Add the export's goals and check-ins the data lacks; returns how many were new."""
    new_goals: list[Goal] = []
    known = {(g.what, g.created) for g in companion.goals.list_goals()}
    for n, rec in enumerate(goals if isinstance(goals, list) else [], start=1):
        try:
            what = " ".join(str(rec["what"]).split())
            if not what:
                raise ValueError("a goal needs its text")
            ratings = tuple(
                make_rating(0, datetime.fromisoformat(r["at"]), progress(r["progress"]))
                for r in rec.get("ratings") or []
            )
            goal = Goal(what, str(rec.get("how_much") or ""), _day(rec.get("by")), _day(rec.get("created")),
                        _day(rec.get("done")), 0, ratings)  # fmt: skip
        except (PainCompanionError, KeyError, TypeError, ValueError, AttributeError) as exc:
            skipped.append({"line": f"goal {n}", "reason": str(exc) or "incomplete goal"})
            continue
        if (goal.what, goal.created) not in known:
            new_goals.append(goal)
    new_checkins = []
    seen = {_key(c) for c in companion.checkins.history()}
    for n, rec in enumerate(checkins if isinstance(checkins, list) else [], start=1):
        try:
            c = _checkin(rec)
        except (PainCompanionError, KeyError, TypeError, ValueError, AttributeError) as exc:
            skipped.append({"line": f"check-in {n}", "reason": str(exc) or "incomplete check-in"})
            continue
        if _key(c) not in seen:
            new_checkins.append(c)
    if not dry_run:
        for goal in new_goals:
            companion.goals.restore(goal)
        for c in new_checkins:
            companion.checkins.restore(c)
    return len(new_goals) + len(new_checkins)
