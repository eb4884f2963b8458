"""`meds amounts|after|effect|follow-up`: amounts per day, pain after a dose, the effect per item, and when the
app asks "how is your pain now?" after a dose (more `meds` actions)."""

from __future__ import annotations

import argparse
from typing import Any

from ...domain.dose_effect import MIN_N, PATTERNS_NOT_CAUSES, DoseRating
from ...domain.follow_up import MAX_DELAY, MIN_DELAY
from ...errors import ValidationError
from ...services.meds_amounts import daily_amounts
from ..common import parse_day, parse_moment
from ..output import print_json, say

ACTIONS = ("amounts", "after", "effect", "follow-up")
#: Actions that change nothing (no backup afterwards); `follow-up` without --delay is one too.
READ_ONLY = ("amounts", "effect")


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
    after = sub.add_parser("after", help="how your pain is some time after a dose (the follow-up)")
    after.add_argument("dose_id", metavar="DOSE_ID", help="the dose's id (see 'meds doses')")
    after.add_argument("--pain", metavar="N", required=True, help="your pain now, 0-10")
    after.add_argument("--at", metavar="ISO-8601", help="when (default now); local time unless an offset is given")
    _json_flag(after)
    effect = sub.add_parser("effect", help="pain before and after the doses you rated, per medicine")
    _json_flag(effect)
    follow = sub.add_parser(
        "follow-up",
        help=f"when the app asks 'how is your pain now?' after a dose rated with its pain; --delay sets it "
        f"({MIN_DELAY}-{MAX_DELAY} minutes) or switches it off",
    )
    follow.add_argument(
        "--delay", metavar="MINUTES|off", help=f"save: ask {MIN_DELAY}-{MAX_DELAY} minutes after the dose, or 'off'"
    )
    _json_flag(follow)


def run(args: argparse.Namespace, companion: Any) -> int:
    """Run one of ACTIONS; returns the exit code."""
    if args.action == "amounts":
        return _amounts(args, companion)
    if args.action == "after":
        return _after(args, companion)
    if args.action == "effect":
        return _effect(args, companion)
    if args.action == "follow-up":
        return _follow_up(args, companion)
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


def rating_json(rating: DoseRating | None) -> dict[str, Any]:
    """The rating fields of a dose in JSON (empty when it has none)."""
    if rating is None:
        return {}
    return {
        "pain_before": rating.pain_before,
        "pain_after": rating.pain_after,
        "after_at": rating.after_at.isoformat() if rating.after_at else None,
    }


def follow_up_hint(dose_id: int, rating: DoseRating) -> str:
    """What to do next after logging a dose with its pain."""
    return (
        f"Pain now: {rating.pain_before}. In about an hour, note how it is then: "
        f"'paincompanion meds after {dose_id} --pain N'."
    )


def _after(args: argparse.Namespace, companion: Any) -> int:
    try:
        dose_id = int(args.dose_id)
    except ValueError:
        raise ValidationError(f"A dose id is a number, not {args.dose_id!r}.") from None
    at = parse_moment(args.at) if args.at else None
    dose, rating = companion.dose_effects.after(dose_id, args.pain, at)
    if args.json:
        print_json({"dose": {"id": dose.id, "medication_id": dose.medication_id, "medication": dose.medication_name,
                             "at": dose.at.isoformat(), **rating_json(rating)}})  # fmt: skip
    else:
        before = f" (before: {rating.pain_before})" if rating.pain_before is not None else ""
        say(False, f"Saved: pain {rating.pain_after} after the {dose.medication_name} of {dose.at:%Y-%m-%d %H:%M}"
                   f"{before}.")  # fmt: skip
    return 0


def _effect(args: argparse.Namespace, companion: Any) -> int:
    effects = companion.dose_effects.effects()
    if args.json:
        print_json({"medications": [e.to_json() for e in effects], "min_n": MIN_N, "note": PATTERNS_NOT_CAUSES})
        return 0
    if not effects:
        say(False, "No doses rated before and after yet. Use 'meds take ID --pain N', then 'meds after DOSE_ID "
                   "--pain N' about an hour later.")  # fmt: skip
        return 0
    for effect in effects:
        print(effect.text())
    say(False, f"{PATTERNS_NOT_CAUSES} Many things change pain over an hour; talk about these with your doctor "
               "or pharmacist before changing a dose.")  # fmt: skip
    return 0


def changes_nothing(args: argparse.Namespace) -> bool:
    """True when the action only reads (no backup afterwards)."""
    return args.action in READ_ONLY or (args.action == "follow-up" and args.delay is None)


def _follow_up(args: argparse.Namespace, companion: Any) -> int:
    follow_ups = companion.follow_ups
    if args.delay is not None:
        if not args.delay.strip():  # an empty value must not quietly switch it off
            raise ValidationError(f"--delay needs minutes from {MIN_DELAY} to {MAX_DELAY}, or off.")
        follow_ups.set_delay(args.delay)
    delay = follow_ups.delay()
    if args.json:
        print_json({"follow_up_minutes": delay, "min_minutes": MIN_DELAY, "max_minutes": MAX_DELAY})
        return 0
    saved = "Saved. " if args.delay is not None else ""
    if delay is None:
        say(False, f"{saved}The follow-up is off: no 'how is your pain now?' after a dose. "
                   f"Switch it on with 'meds follow-up --delay 60'.")  # fmt: skip
    else:
        say(False, f"{saved}About {delay} minutes after a dose logged with its pain, the app asks 'how is your "
                   f"pain now?'. From the command line: 'paincompanion meds after DOSE_ID --pain N'.")  # fmt: skip
    return 0
