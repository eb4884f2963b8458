"""`routines list [--kind K] [--condition C] [--search T] [--max-minutes N]` and `routines show ID` (no data needed)."""

from __future__ import annotations

import argparse
import textwrap

from ...domain.routines import CONDITIONS, Routine, Source, Step, routine_to_dict
from ...routines import load_library
from ..output import print_json

WIDTH = 100


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="list the guided routines", description="List the guided routines.")
    listing.add_argument("--kind", metavar="K", help="exercise, cbt, relaxation, mindfulness, sleep or planning")
    listing.add_argument("--condition", metavar="C", help=f"one of: {', '.join(CONDITIONS)}")
    listing.add_argument("--search", metavar="TEXT", default="", help="words to look for in the title or summary")
    listing.add_argument("--max-minutes", metavar="N", type=int, help="only routines of at most N minutes")
    listing.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    show = sub.add_parser("show", help="show one routine in full", description="Show one routine in full.")
    show.add_argument("routine_id", metavar="ID")
    show.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    library = load_library()
    if args.action == "show":
        routine = library.get(args.routine_id)
        if args.json:
            print_json({"routine": routine_to_dict(routine)})
        else:
            print(format_routine(routine))
        return 0
    found = library.search(args.search, kind=args.kind, condition=args.condition, max_minutes=args.max_minutes)
    if args.json:
        print_json({"routines": [_summary(r) for r in found]})
    else:
        print(format_list(found))
    return 0


def _summary(routine: Routine) -> dict:
    return {
        "id": routine.id,
        "title": routine.title,
        "kind": routine.kind.value,
        "conditions": list(routine.conditions),
        "minutes": routine.minutes,
        "level": routine.level.value,
    }


def format_list(routines: list[Routine]) -> str:
    if not routines:
        return "No routines match. Try fewer filters, or 'paincompanion routines list' for all of them."
    id_width = max(len(r.id) for r in routines)
    title_width = max(len(r.title) for r in routines)
    lines: list[str] = []
    kind = None
    for routine in routines:
        if routine.kind is not kind:
            kind = routine.kind
            lines += [""] if lines else []
            lines.append(kind.label)
        minutes = f"{routine.minutes:>3} min"
        lines.append(f"  {routine.id:<{id_width}}  {routine.title:<{title_width}}  {minutes}  {routine.level.value}")
    count = len(routines)
    lines += ["", f"{count} routine{'s' if count != 1 else ''}. See one in full with: paincompanion routines show ID"]
    return "\n".join(lines)


def format_routine(routine: Routine) -> str:
    """The whole routine as readable text: steps, flare tip, safety, worksheet fields and sources."""
    head = f"{routine.title}  ({routine.kind.label}, {routine.level.value}, about {routine.minutes} min)"
    lines = [head, "=" * min(len(head), WIDTH)]
    if routine.conditions:
        lines += _wrap("Suits: " + ", ".join(CONDITIONS[c] for c in routine.conditions))
    if routine.summary:
        lines += ["", *_wrap(routine.summary)]
    lines += ["", "Steps"]
    width = len(str(len(routine.steps)))
    for number, step in enumerate(routine.steps, start=1):
        lines += _wrap(_step_text(step), f"  {number:>{width}}. ")
    if routine.flare_tip:
        lines += ["", "Flare days", *_wrap(routine.flare_tip, "  ")]
    for title, items in (
        ("Stop if", routine.safety.stop_if),
        ("See a doctor if", routine.safety.see_doctor_if),
        ("Good to know", routine.safety.good_to_know),
    ):
        if items:
            lines += ["", title]
            for item in items:
                lines += _wrap(item, "  - ")
    if routine.worksheet:
        lines += ["", "Worksheet fields"]
        for wf in routine.worksheet:
            lines += _wrap(f"{wf.label} ({wf.type.value}){': ' + wf.help if wf.help else ''}", "  - ")
    if routine.sources:
        lines += ["", "Sources"]
        for source in routine.sources:
            lines += _wrap(_source_text(source), "  - ")
    return "\n".join(lines)


def _step_text(step: Step) -> str:
    parts = []
    if step.side:
        parts.append(f"{step.side} side")
    if step.seconds and step.repetitions:
        parts.append(f"{step.repetitions} times, {step.seconds} s each")
    elif step.seconds:
        parts.append(_duration(step.seconds))
    elif step.repetitions:
        parts.append(f"{step.repetitions} times")
    return step.text + (f"  [{'; '.join(parts)}]" if parts else "")


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def _source_text(source: Source) -> str:
    links = [f"doi:{source.doi}" if source.doi else "", f"PMID {source.pmid}" if source.pmid else "", source.url or ""]
    status = "checked" if source.verified else "not yet checked"
    return f"{source.title} {' '.join(link for link in links if link)} ({status})"


def _wrap(text: str, first: str = "") -> list[str]:
    indent = " " * len(first)
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False) or [
        first.rstrip()
    ]
