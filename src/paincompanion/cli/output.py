"""Presentation only: JSON and plain-text printing for the CLI."""

from __future__ import annotations

import json
import sys
from typing import Any

from ..domain.body import region_name
from ..domain.diary import DiaryEntry
from ..services.transfer import entry_record


def entry_to_json(entry: DiaryEntry) -> dict[str, Any]:
    """The export record plus the id and each location's readable name."""
    record = entry_record(entry)
    record["locations"] = [{**loc, "name": region_name(loc["region"])} for loc in record["locations"]]
    return {"id": entry.id, **record}


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def entry_line(entry: DiaryEntry) -> str:
    parts = [f"#{entry.id}", entry.at.strftime("%Y-%m-%d %H:%M"), f"pain {entry.pain}/10"]
    if entry.locations:
        parts.append(", ".join(region_name(loc.region) for loc in entry.locations))
    if entry.mood is not None:
        parts.append(f"mood {entry.mood}")
    if entry.sleep_hours is not None:
        parts.append(f"slept {entry.sleep_hours:g} h")
    if entry.note:
        first = entry.note.splitlines()[0]
        parts.append(repr(first[:60] + ("…" if len(first) > 60 else "")))
    if entry.flagged:
        parts.append("[for my clinician]")
    return "  ".join(parts)


def say(as_json: bool, message: str) -> None:
    """Human messages: stdout normally, stderr with --json so that stdout holds only JSON."""
    print(message, file=sys.stderr if as_json else sys.stdout)
