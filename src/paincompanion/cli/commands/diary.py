"""`log`, `entries`, `edit`, `delete`, `peg`."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from ...domain.diary import EntryDraft, EntryFilter, LocationPain, validate_draft
from ..common import auto_backup, open_companion, parse_day, parse_hours, parse_id, parse_moment
from ..output import entry_line, entry_to_json, print_json, say, show


def _entry_options(p: argparse.ArgumentParser, *, editing: bool) -> None:
    p.add_argument("--pain", metavar="N", required=not editing, help="pain now, 0 (none) to 10 (worst imaginable)")
    p.add_argument("--at", metavar="ISO-8601", help="when (default: now); local time unless an offset is given")
    p.add_argument(
        "--where", metavar="REGION", action="append", help="body location, e.g. 'lower back left' or 'left knee=6'"
    )
    p.add_argument("--quality", metavar="Q", action="append", help="what it feels like: aching, burning, …")
    p.add_argument("--mood", metavar="N", help="mood 0–10")
    p.add_argument("--sleep-hours", metavar="H", help="hours slept last night")
    p.add_argument("--sleep-quality", metavar="N", help="sleep quality 0–10")
    p.add_argument("--activity", metavar="TEXT", help="what you did")
    p.add_argument("--activity-level", metavar="N", help="activity level 0–10")
    p.add_argument("--trigger", metavar="T", action="append", help="what made it worse (repeatable)")
    p.add_argument("--helped", metavar="T", action="append", help="what helped (repeatable)")
    p.add_argument("--note", metavar="TEXT", help="a note")
    flag_help = "show this note to my clinician (in the appointment summary)"
    if editing:
        flag = p.add_mutually_exclusive_group()
        flag.add_argument("--flag", dest="flagged", action="store_true", default=None, help=flag_help)
        flag.add_argument("--unflag", dest="flagged", action="store_false", help="no longer show this note")
    else:
        p.add_argument("--flag", dest="flagged", action="store_true", default=None, help=flag_help)


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    if name == "log":
        _entry_options(p, editing=False)
    elif name == "entries":
        p.add_argument("--from", dest="date_from", metavar="DATE")
        p.add_argument("--to", dest="date_to", metavar="DATE")
        p.add_argument("--tag", metavar="T")
        p.add_argument("--where", metavar="REGION")
        p.add_argument("--text", metavar="TEXT")
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    elif name == "edit":
        p.add_argument("id", type=str)
        _entry_options(p, editing=True)
    elif name == "delete":
        p.add_argument("id", type=str)
    elif name == "peg":
        p.add_argument("--pain", required=True, metavar="N", help="average pain in the past week, 0–10")
        p.add_argument("--enjoyment", required=True, metavar="N", help="interference with enjoyment of life, 0–10")
        p.add_argument("--activity", required=True, metavar="N", help="interference with general activity, 0–10")
    if name != "entries":
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def _locations(values: list[str] | None) -> tuple[LocationPain, ...]:
    found = []
    for value in values or []:
        region, _, intensity = value.partition("=")
        found.append(LocationPain(region.strip(), intensity.strip() or None))  # type: ignore[arg-type]
    return tuple(found)


def _entry_id(text: str) -> int:
    return parse_id(text, "The entry id")


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The fields the command line sets, as typed (validate_draft checks and converts them)."""
    fields: dict[str, Any] = {}
    if args.pain is not None:
        fields["pain"] = args.pain
    if args.at:
        fields["at"] = parse_moment(args.at)
    if args.where is not None:
        fields["locations"] = _locations(args.where)
    if args.quality is not None:
        fields["qualities"] = tuple(args.quality)
    for name in ("mood", "sleep_quality", "activity", "activity_level", "note"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    if args.sleep_hours is not None:
        fields["sleep_hours"] = parse_hours(args.sleep_hours)
    if args.trigger is not None:
        fields["triggers"] = tuple(args.trigger)
    if args.helped is not None:
        fields["helped"] = tuple(args.helped)
    if args.flagged is not None:
        fields["flagged"] = args.flagged
    return fields


def run(args: argparse.Namespace) -> int:
    with open_companion(args) as companion:
        diary = companion.diary
        if args.command == "log":
            fields = _changes(args)
            fields.setdefault("at", companion.clock.now())
            entry = diary.add(EntryDraft(**fields))
            if args.json:
                print_json({"entry": entry_to_json(entry)})
            else:
                say(False, f"Saved entry #{entry.id}: {entry_line(entry)}")
        elif args.command == "entries":
            flt = EntryFilter(
                date_from=parse_day(args.date_from, "--from"),
                date_to=parse_day(args.date_to, "--to"),
                tag=args.tag,
                location=args.where,
                text=args.text,
            )
            found = diary.list_entries(flt)
            if args.json:
                print_json({"entries": [entry_to_json(e) for e in found]})
            else:
                for entry in found:
                    show(entry_line(entry))
                if not found:
                    say(False, "No entries match.")
        elif args.command == "edit":
            entry_id = _entry_id(args.id)
            old = diary.get(entry_id)
            draft = replace(old.as_draft(), **_changes(args))
            validate_draft(draft, companion.clock.now())
            entry = diary.update(entry_id, draft)
            if args.json:
                print_json({"entry": entry_to_json(entry)})
            else:
                say(False, f"Changed entry #{entry.id}: {entry_line(entry)}")
        elif args.command == "delete":
            entry = diary.delete(_entry_id(args.id))
            if args.json:
                print_json({"deleted": entry_to_json(entry)})
            else:
                say(False, f"Deleted entry #{entry.id} ({entry.at:%Y-%m-%d %H:%M}). A backup keeps earlier data.")
        elif args.command == "peg":
            peg = diary.add_peg(args.pain, args.enjoyment, args.activity)
            if args.json:
                print_json(
                    {
                        "peg": {
                            "id": peg.id,
                            "at": peg.at.isoformat(),
                            "pain": peg.pain,
                            "enjoyment": peg.enjoyment,
                            "activity": peg.activity,
                            "score": peg.score,
                        }
                    }
                )
            else:
                say(False, f"Saved your PEG check-in: score {peg.score:.1f} of 10.")
        auto_backup(companion)
    return 0
