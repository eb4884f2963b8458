"""`meds amounts`: what the dose log adds up to per day (more `meds` actions, kept apart from meds.py)."""

from __future__ import annotations

import argparse
from typing import Any

from ...errors import ValidationError
from ...services.meds_amounts import daily_amounts
from ..common import parse_day
from ..output import print_json, say

ACTIONS = ("amounts",)
#: Actions that change nothing (no backup afterwards).
READ_ONLY = ("amounts",)


def _json_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def _med_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError(f"A medicine id is a number, not {text!r}.") from None


def add_arguments(sub: Any) -> None:
    """Add the actions of this module to the `meds` subparsers."""
    amounts = sub.add_parser("amounts", help="how much of one item you took per day (e.g. kratom grams)")
    amounts.add_argument("id", metavar="ID")
    amounts.add_argument("--from", dest="date_from", metavar="DATE")
    amounts.add_argument("--to", dest="date_to", metavar="DATE")
    _json_flag(amounts)


def run(args: argparse.Namespace, companion: Any) -> int:
    """Run one of ACTIONS; returns the exit code."""
    if args.action == "amounts":
        return _amounts(args, companion)
    raise AssertionError(args.action)  # pragma: no cover


def _amounts(args: argparse.Namespace, companion: Any) -> int:
    date_from, date_to = parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to")
    med_id = _med_id(args.id)
    totals = daily_amounts(companion.meds, med_id, date_from, date_to)
    if args.json:
        print_json(totals.to_json())
        return 0
    name = companion.meds.get(med_id).name
    if not totals.days:
        say(False, f"No amounts of {name} that can be added up in this period.")
    else:
        say(False, f"{name}, {totals.unit} per day (the day each dose was taken):")
        for day, total in totals.days:
            print(f"  {day.isoformat()}  {round(total, 3):g} {totals.unit}")
    if totals.left_out:
        many = "doses were" if totals.left_out != 1 else "dose was"
        say(False, f"{totals.left_out} {many} left out: no amount, one that cannot be read, or another unit.")
    return 0
