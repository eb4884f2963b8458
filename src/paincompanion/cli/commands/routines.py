"""`routines list|show` (the bundled library, no data needed), `routines log ID`, `routines sessions` and
`routines worksheets` (the saved thought records, pacing plans and flare-up plans)."""

from __future__ import annotations

import argparse
import textwrap
from typing import Any

from ...domain import bounds
from ...domain.routine_log import LoggedSession, WorksheetRecord
from ...domain.routines import CONDITIONS, Routine, Source, Step, routine_to_dict
from ...errors import ValidationError
from ...routines import load_library
from ...routines.safety_text import safety_sections
from ...services.routines import MAX_NOTE
from ..common import auto_backup, open_companion, parse_day, parse_moment
from ..output import print_json, say, show

WIDTH = 100
MAX_STEPS = 10_000
MAX_MINUTES = 100_000


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = sub.add_parser("list", help="list the guided routines", description="List the guided routines.")
    listing.add_argument("--kind", metavar="K", help="exercise, cbt, relaxation, mindfulness, sleep or planning")
    listing.add_argument("--condition", metavar="C", help=f"one of: {', '.join(CONDITIONS)}")
    listing.add_argument("--search", metavar="TEXT", default="", help="words to look for in the title or summary")
    listing.add_argument("--max-minutes", metavar="N", help="only routines of at most N minutes")
    listing.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    show = sub.add_parser("show", help="show one routine in full", description="Show one routine in full.")
    show.add_argument("routine_id", metavar="ID")
    show.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    log = sub.add_parser("log", help="log a routine you did", description="Log a routine you did (now, or --at).")
    log.add_argument("routine_id", metavar="ID")
    log.add_argument("--before", metavar="N", help="pain before, 0 to 10")
    log.add_argument("--after", metavar="N", help="pain after, 0 to 10")
    log.add_argument("--note", metavar="TEXT", default="")
    log.add_argument("--at", metavar="ISO-8601", help="when you started (default now); local time unless an offset")
    log.add_argument("--steps", metavar="DONE/TOTAL", help="steps done, e.g. 4/10 (default: all of them)")
    log.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    sessions = sub.add_parser("sessions", help="the routines you logged, newest first")
    sessions.add_argument("--from", dest="date_from", metavar="DATE")
    sessions.add_argument("--to", dest="date_to", metavar="DATE")
    sessions.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    sheets = sub.add_parser(
        "worksheets", help="your saved worksheets, newest first", description="List your saved worksheets."
    )
    sheets.add_argument("--routine", metavar="ID", help="only this worksheet, e.g. flare-up-plan")
    sheets.add_argument("--full", action="store_true", help="every question and answer, not just the first line")
    sheets.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    if args.action in ("log", "sessions"):
        return _run_log(args)
    if args.action == "worksheets":
        return _run_worksheets(args)
    library = load_library()
    if args.action == "show":
        routine = library.get(args.routine_id)
        if args.json:
            print_json({"routine": routine_to_dict(routine)})
        else:
            show(format_routine(routine))
        return 0
    max_minutes = bounds.parse_int(args.max_minutes, "--max-minutes", low=0, high=MAX_MINUTES)
    found = library.search(args.search, kind=args.kind, condition=args.condition, max_minutes=max_minutes)
    if args.json:
        print_json({"routines": [_summary(r) for r in found]})
    else:
        show(format_list(found))
    return 0


def _summary(routine: Routine) -> dict[str, Any]:
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
    if routine.frequency:
        lines += ["", "How often", *_wrap(routine.frequency, "  ")]
    if routine.progression:
        lines += ["", "Levels"]
        for level in routine.progression.levels:
            lines += _wrap(
                f"{level.name}: {level.dose}" + (f" Move up: {level.move_up}" if level.move_up else ""), "  - "
            )
        if routine.progression.supervised:
            lines += _wrap(routine.progression.supervised, "  ")
    for title, items in safety_sections(routine):
        lines += ["", title]
        for item in items:
            lines += _wrap(item, "  - ")
    if routine.review is not None:
        lines += ["", "Review", *_wrap(routine.review.text(), "  ")]
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


def _rating(text: str | None, what: str) -> int | None:
    if text is None:
        return None
    return bounds.parse_score(text, what, required=True)


def _steps(text: str | None, total: int) -> tuple[int, int]:
    if text is None:
        return total, total
    done, _, of = text.partition("/")
    try:
        pair = (
            bounds.parse_int(done, "--steps", low=0, high=MAX_STEPS, required=True),
            bounds.parse_int(of or str(total), "--steps", low=0, high=MAX_STEPS, required=True),
        )
    except ValidationError:
        pair = (-1, 0)
    if not 0 <= pair[0] <= pair[1]:
        raise ValidationError(f"--steps must look like 4/10 (steps done / all steps), not {text!r}.")
    return pair


def session_json(s: LoggedSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "routine_id": s.routine_id,
        "title": s.title,
        "kind": s.kind,
        "started": s.started.isoformat(),
        "minutes": s.minutes,
        "before": s.before,
        "after": s.after,
        "note": s.note,
        "completed_steps": s.completed_steps,
        "total_steps": s.total_steps,
        "partly_done": s.partly_done,
    }


def session_line(s: LoggedSession) -> str:
    parts = [f"{s.started:%Y-%m-%d %H:%M}", f"#{s.id}", s.title, f"{s.minutes} min"]
    if s.partly_done:
        parts.append(f"{s.completed_steps} of {s.total_steps} steps")
    if s.before is not None or s.after is not None:
        show = ["–" if v is None else str(v) for v in (s.before, s.after)]
        parts.append(f"pain {show[0]} → {show[1]}")
    if s.note:
        parts.append(repr(s.note.splitlines()[0][:60]))
    return "  ".join(parts)


def _run_log(args: argparse.Namespace) -> int:
    if args.action == "log":  # check everything before opening the data: a mistake changes nothing
        before = _rating(args.before, "--before")
        after = _rating(args.after, "--after")
        at = parse_moment(args.at) if args.at else None
        bounds.check_text(args.note, "The note", limit=MAX_NOTE, multiline=True)
    with open_companion(args) as companion:
        routines = companion.routines
        if args.action == "sessions":
            found = routines.sessions(parse_day(args.date_from, "--from"), parse_day(args.date_to, "--to"))
            if args.json:
                print_json({"sessions": [session_json(s) for s in found]})
            else:
                for s in found:
                    show(session_line(s))
                if not found:
                    say(False, "No routines logged in this period.")
            return 0
        routine = routines.library().get(args.routine_id)
        done, total = _steps(args.steps, len(routine.steps))
        session = routines.log_session(
            routine.id, at or companion.clock.now(), before=before, after=after, note=args.note,
            completed_steps=done, total_steps=total,
        )  # fmt: skip
        if args.json:
            print_json({"session": session_json(session)})
        else:
            say(False, f"Logged {session.title} at {session.started:%Y-%m-%d %H:%M}.")
        auto_backup(companion)
    return 0


def worksheet_json(w: WorksheetRecord) -> dict[str, Any]:
    return {"id": w.id, "routine_id": w.routine_id, "title": w.title, "at": w.at.isoformat(), "answers": w.answers}


def _run_worksheets(args: argparse.Namespace) -> int:
    from ...routines.worksheet_text import build_document, document_text, first_line

    with open_companion(args) as companion:
        routines = companion.routines
        library = routines.library()
        if args.routine is not None:
            library.get(args.routine)  # NotFound (a one-line error) for a mistyped id
        found = routines.worksheets(args.routine)
        if args.json:
            print_json({"worksheets": [worksheet_json(w) for w in found]})
            return 0
        if not found:
            say(False, "No worksheets saved yet. Fill one in on the Routines page.")
        for n, w in enumerate(found):
            routine = library.get(w.routine_id) if w.routine_id in library else None
            if args.full:
                show(("\n" if n else "") + f"Worksheet #{w.id}\n" + document_text(build_document(w, routine)))
            else:
                show("  ".join(p for p in (f"{w.at:%Y-%m-%d %H:%M}", f"#{w.id}", w.title, first_line(w, routine)) if p))
    return 0
