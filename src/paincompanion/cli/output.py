"""Presentation only: JSON and plain-text printing for the CLI.

Everything the CLI prints goes through `show`, `say` or `print_json`, and user text (names, notes, file names)
through `printable` (domain/bounds): control characters and escape sequences (e.g. an ESC brought in by an
import) are shown as visible escapes like `\\x1b`, never sent raw to the terminal.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from ..domain.body import region_name
from ..domain.bounds import printable
from ..domain.diary import DiaryEntry
from ..services.transfer import entry_record

__all__ = ["entry_line", "entry_to_json", "print_json", "printable", "say", "show"]

#: Characters that are valid inside JSON strings but unsafe on a terminal (C1 controls, DEL, bidi overrides,
#: line separators) or unencodable (lone surrogates from non-UTF-8 arguments): written as \\uXXXX escapes.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def entry_to_json(entry: DiaryEntry) -> dict[str, Any]:
    """The export record plus the id and each location's readable name."""
    record = entry_record(entry)
    record["locations"] = [{**loc, "name": region_name(loc["region"])} for loc in record["locations"]]
    return {"id": entry.id, **record}


def print_json(data: Any) -> None:
    """JSON on stdout; characters a terminal would obey are escaped (the JSON means the same)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    sys.stdout.write(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    sys.stdout.write("\n")


def show(text: object = "") -> None:
    """A line (or lines) of output on stdout, made printable (line breaks and tabs kept)."""
    print(printable(text, multiline=True))


def entry_line(entry: DiaryEntry) -> str:
    parts = [f"#{entry.id}", entry.at.strftime("%Y-%m-%d %H:%M"), f"pain {entry.pain}/10"]
    if entry.locations:
        parts.append(", ".join(region_name(loc.region) for loc in entry.locations))
    if entry.mood is not None:
        parts.append(f"mood {entry.mood}")
    if entry.sleep_hours is not None:
        parts.append(f"slept {entry.sleep_hours:g} h")
    if entry.note:
        first = entry.note.splitlines()[0] if entry.note.splitlines() else ""
        parts.append(repr(first[:60] + ("…" if len(first) > 60 else "")))
    if entry.flagged:
        parts.append("[for my clinician]")
    return printable("  ".join(parts))


def say(as_json: bool, message: str) -> None:
    """Human messages: stdout normally, stderr with --json so that stdout holds only JSON; made printable."""
    print(printable(message, multiline=True), file=sys.stderr if as_json else sys.stdout)
