"""`checkin phq2 A B`, `checkin gad2 A B` (each answer 0-3), `checkin side-effects NAME…` (or `none`),
`checkin change N` (1 very much improved … 7 very much worse), `checkin naloxone yes|no`, `checkin list`.

Each is optional. A positive screen (3 or more) prints calm text on whom to contact, with crisis lines;
it is never a diagnosis. Bad input is one plain line on stderr, a non-zero exit, and nothing changed.
"""

from __future__ import annotations

import argparse
from typing import Any

from ...domain import checkins as ck
from ..common import auto_backup, open_companion
from ..output import print_json, say, show


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    parsers = []
    for kind, label in (("phq2", "PHQ-2 mood screen"), ("gad2", "GAD-2 anxiety screen")):
        screen = sub.add_parser(kind, help=f"{label}: two answers, each 0 (not at all) to 3 (nearly every day)")
        screen.add_argument("first", metavar="A")
        screen.add_argument("second", metavar="B")
        parsers.append(screen)
    effects = sub.add_parser("side-effects", help=f"this week's side effects: {', '.join(ck.SIDE_EFFECT_IDS)} or none")
    effects.add_argument("names", metavar="NAME", nargs="+")
    change = sub.add_parser(
        "change", help="change since the last summary: 1 very much improved … 4 no change … 7 very much worse"
    )
    change.add_argument("value", metavar="N")
    naloxone = sub.add_parser("naloxone", help="is naloxone at home? yes or no")
    naloxone.add_argument("answer", metavar="yes|no")
    listing = sub.add_parser("list", help="your check-ins, oldest first")
    for parser in (*parsers, effects, change, naloxone, listing):
        parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def checkin_json(c: ck.Checkin) -> dict[str, Any]:
    data: dict[str, Any] = {"id": c.id, "kind": c.kind.value, "at": c.at.isoformat()}
    if c.kind in ck.SCREEN_ITEMS:
        data.update(items=list(c.items), total=c.total, positive=c.positive)
    elif c.kind is ck.Kind.SIDE_EFFECTS:
        data["effects"] = list(c.effects)
    elif c.kind is ck.Kind.CHANGE:
        data.update(value=c.value, answer=ck.CHANGE_ANSWERS[(c.value or 1) - 1])
    else:
        data["naloxone_at_home"] = bool(c.value)
    data["text"] = c.text
    return data


def _effects(names: list[str]) -> list[str]:
    return [] if [n.strip().lower() for n in names] == ["none"] else names


def run(args: argparse.Namespace) -> int:
    as_json = getattr(args, "json", False)
    # Validate before opening the data, so a typo costs nothing and changes nothing.
    from datetime import datetime

    probe = datetime.now().astimezone()
    if args.action in ("phq2", "gad2"):
        ck.make_screen(args.action, probe, args.first, args.second)
    elif args.action == "side-effects":
        ck.make_side_effects(probe, _effects(args.names))
    elif args.action == "change":
        ck.make_change(probe, args.value)
    elif args.action == "naloxone":
        ck.make_naloxone(probe, args.answer)
    with open_companion(args) as companion:
        service = companion.checkins
        if args.action == "list":
            found = service.history()
            if as_json:
                print_json({"checkins": [checkin_json(c) for c in found]})
            else:
                show("\n".join(f"#{c.id}  {c.at:%Y-%m-%d %H:%M}  {c.text}" for c in found) or "No check-ins yet.")
            return 0
        if args.action in ("phq2", "gad2"):
            saved = service.screen(args.action, args.first, args.second)
        elif args.action == "side-effects":
            saved = service.side_effects(_effects(args.names))
        elif args.action == "change":
            saved = service.change(args.value)
        else:
            saved = service.naloxone(args.answer)
        auto_backup(companion)
        advice = ""
        if saved.kind in ck.SCREEN_ITEMS:
            advice = ck.POSITIVE_TEXT if saved.positive else ck.NEGATIVE_TEXT
        if as_json:
            print_json({"checkin": checkin_json(saved), **({"advice": advice} if advice else {})})
        else:
            say(False, f"Saved. {saved.text}.")
            if advice:
                say(False, advice)
    return 0
