"""`report [--days N | --from DATE --to DATE] [--sections a,b,…] [--paper a4|letter] [--questions TEXT]
[--name TEXT] [--born DATE] -o FILE`.

Writes the appointment summary PDF through `companion.reports` (the same renderer as the GUI), with no
display needed. Problems (a reversed or empty period, an unknown section, a path that cannot be written)
are one plain line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from ...domain import bounds
from ...reports.summary import PAPERS, SECTION_KEYS, AppointmentSummary, ReportError, ReportRequest, check_request
from ..common import open_companion, output_file, parse_day
from ..output import print_json, say


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument(
        "--days", metavar="N", help="the last N days, today included (default: since the last summary, or 90)"
    )
    p.add_argument("--from", dest="start", metavar="DATE", help="first day, like 2026-03-01")
    p.add_argument("--to", dest="end", metavar="DATE", help="last day (default: today; alone: the 90 days up to it)")
    p.add_argument("--sections", metavar="A,B,…", help=f"only these sections, from: {','.join(SECTION_KEYS)}")
    p.add_argument("--paper", metavar="SIZE", help=f"{' or '.join(PAPERS)} (default: saved, else from the locale)")
    p.add_argument("--questions", metavar="TEXT", help="'Questions for my clinician' for this report only")
    p.add_argument("--name", metavar="TEXT", help="your name on every page (saved for the next summaries)")
    p.add_argument("--born", metavar="DATE", help="your date of birth, like 1960-04-30 (saved for the next summaries)")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def _days(text: str | None) -> int | None:
    if text is None:
        return None
    if bounds.parse_int(text, "--days", low=-(10**9), high=10**9) is not None and int(text) < 1:
        raise ReportError("The period is empty: --days must be 1 or more.")
    return bounds.parse_days(text, "--days")


def _sections(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    sections = tuple(s.strip().lower() for s in text.split(",") if s.strip())
    if not sections:
        raise ReportError(f"--sections is empty; choose from: {', '.join(SECTION_KEYS)}.")
    unknown = [s for s in sections if s not in SECTION_KEYS]
    if unknown:
        raise ReportError(f"Unknown section {unknown[0]!r}; choose from: {', '.join(SECTION_KEYS)}.")
    return sections


def _paper(text: str | None) -> str | None:
    if text is None:
        return None
    paper = text.strip().lower()
    if paper not in PAPERS:
        raise ReportError(f"Unknown paper size {text!r}; choose a4 or letter.")
    return paper


def run(args: argparse.Namespace) -> int:
    # Check everything that needs no data first, so a typo costs nothing.
    days = _days(args.days)
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if days is not None and (start or end):
        raise ReportError("Give either --days or --from/--to, not both.")
    if start and end and start > end:
        raise ReportError(f"The period is reversed: --from {start} is after --to {end}.")
    sections = _sections(args.sections)
    paper = _paper(args.paper)
    if args.questions is not None:
        bounds.check_text(args.questions, "--questions", limit=10_000, multiline=True)
    if args.name is not None:
        bounds.one_line(args.name, "--name", limit=200)
    born = parse_day(args.born, "--born")
    path = output_file(args, args.output, "Cannot write the report")

    with open_companion(args) as companion:
        reports = companion.reports
        today = companion.clock.now().date()
        if born is not None:  # check before anything is saved
            check_request(dataclasses.replace(reports.request_for(days=1), birth_date=born), today)
        if args.name is not None:
            check_request(dataclasses.replace(reports.request_for(days=1), patient_name=args.name), today)
        request = reports.request_for(days=days, start=start, end=end, sections=sections, paper=paper)
        if args.questions is not None:
            request = dataclasses.replace(request, questions=args.questions)
        request = check_request(request, companion.clock.now().date())
        bounds.check_day(request.start, "The period's first day")
        if args.name is not None:
            reports.set_patient_name(args.name)
            request = dataclasses.replace(request, patient_name=reports.patient_name())
        if born is not None:
            reports.set_birth_date(born)
            request = dataclasses.replace(request, birth_date=born)
        summary = reports.write(request, path)
        if args.json:
            print_json(_json(request, path, summary))
        else:
            say(False, f"Wrote the summary for {request.period_text} to {path}.")
    return 0


def _json(request: ReportRequest, path: Path, summary: AppointmentSummary) -> dict[str, Any]:
    data = {
        "file": str(path),
        "start": request.start.isoformat(),
        "end": request.end.isoformat(),
        "sections": list(request.sections),
        "paper": request.paper,
    }
    pain = getattr(summary, "pain", None)
    if pain is not None:
        data["entries"] = pain.n_entries
    return data
