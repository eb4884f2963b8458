"""`goals add WHAT [--how-much TEXT] [--by DATE]`, `goals list [--all]`, `goals rate ID N`, `goals done ID`.

1-3 open function goals ("garden, 30 minutes, by 1 June"), rated weekly from 0 (no progress) to 10
(reached). Bad input is one plain line on stderr, a non-zero exit, and nothing changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from ...domain import bounds
from ...domain.goals import Goal
from ..common import auto_backup, open_companion, parse_day
from ..output import print_json, say, show


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="add a function goal (at most 3 open)", description="Add a function goal.")
    add.add_argument("what", metavar="WHAT", help="what you want to be able to do, e.g. 'garden'")
    add.add_argument("--how-much", metavar="TEXT", default="", help="how much, e.g. '30 minutes'")
    add.add_argument("--by", metavar="DATE", help="by when, like 2026-06-01")
    listing = sub.add_parser("list", help="your goals and their latest progress")
    listing.add_argument("--all", action="store_true", help="also the goals marked done")
    rate = sub.add_parser("rate", help="rate progress on a goal, 0 (none) to 10 (reached)")
    rate.add_argument("goal_id", metavar="ID")
    rate.add_argument("progress", metavar="N")
    done = sub.add_parser("done", help="mark a goal done")
    done.add_argument("goal_id", metavar="ID")
    for parser in (add, listing, rate, done):
        parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def goal_json(goal: Goal) -> dict[str, Any]:
    latest = goal.latest
    return {
        "id": goal.id,
        "what": goal.what,
        "how_much": goal.how_much,
        "by": goal.by.isoformat() if goal.by else None,
        "created": goal.created.isoformat() if goal.created else None,
        "done": goal.done.isoformat() if goal.done else None,
        "ratings": [{"at": r.at.isoformat(), "progress": r.progress} for r in goal.ratings],
        "latest_progress": latest.progress if latest else None,
    }


def goal_line(goal: Goal) -> str:
    latest = f"progress {goal.latest.progress}/10" if goal.latest else "not rated yet"
    state = f"done {goal.done.isoformat()}" if goal.done else latest
    return f"#{goal.id}  {goal.text}  ({state})"


def _id(text: str) -> int:
    return bounds.parse_id(text, "The goal id")


def run(args: argparse.Namespace) -> int:
    as_json = getattr(args, "json", False)
    by = parse_day(getattr(args, "by", None), "--by")
    goal_id = _id(args.goal_id) if args.action in ("rate", "done") else 0
    with open_companion(args) as companion:
        goals = companion.goals
        if args.action == "list":
            found = goals.list_goals(include_done=args.all)
            if as_json:
                print_json({"goals": [goal_json(g) for g in found]})
            else:
                show("\n".join(goal_line(g) for g in found) or "No goals yet. Add one: paincompanion goals add WHAT")
            return 0
        if args.action == "add":
            goal = goals.add(args.what, args.how_much, by)
            message = f"Added goal #{goal.id}: {goal.text}."
        elif args.action == "rate":
            goals.rate(goal_id, args.progress)
            goal = goals.get(goal_id)
            message = f"Goal #{goal.id}: progress {goal.latest.progress}/10 recorded."  # type: ignore[union-attr]
        else:
            goal = goals.set_done(goal_id, True)
            message = f"Goal #{goal.id} marked done. Well done."
        auto_backup(companion)
        if as_json:
            print_json({"goal": goal_json(goal)})
        else:
            say(False, message)
    return 0
