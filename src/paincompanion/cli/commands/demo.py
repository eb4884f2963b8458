"""`demo --years N`."""

from __future__ import annotations

import argparse

from ...domain import bounds
from ...services.demo import fill_demo
from ..common import open_companion
from ..output import print_json, say


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument("--years", default="1", metavar="N", help="years of history (default 1)")
    p.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    years = bounds.parse_number(args.years, "--years", low=0, high=50, low_open=True, required=True)
    with open_companion(args) as companion:
        entries, pegs = fill_demo(companion, years, args.seed)
        meds, doses = companion.meds.count(), len(companion.meds.doses())
        if args.json:
            print_json({"entries": entries, "peg": pegs, "medications": meds, "doses": doses})
        else:
            say(False, f"Added {entries} demo entries, {pegs} PEG check-ins, {meds} medicines and {doses} doses.")
    return 0
