"""Any CSV with a date (and maybe time) column and a 0–10 pain column; the patient may say which column is which.

The mapping names our fields (date, time, pain, note, mood, sleep_hours) → the file's column names. Without one,
columns are found by common names (date/start/timestamp, pain/pain level/severity, note/notes/comment…).
"""

from __future__ import annotations

from datetime import datetime

from ..domain.bounds import parse_number, parse_score
from ..domain.diary import EntryDraft
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, Parsed, aware, cell, clock_time, header_index, pain_score, rows

NAME = "csv"
FIELDS = ("date", "time", "pain", "note", "mood", "sleep_hours")
GUESSES = {
    "date": ("date", "datetime", "date and time", "timestamp", "start", "started", "day", "when"),
    "time": ("time", "time of day", "hour"),
    "pain": ("pain", "pain level", "pain_level", "pain score", "pain (0-10)", "level", "severity", "intensity"),
    "note": ("note", "notes", "comment", "comments", "description"),
    "mood": ("mood",),
    "sleep_hours": ("sleep", "sleep hours", "sleep_hours", "hours slept"),
}


def guess_mapping(header: list[str]) -> dict[str, str]:
    """Our field → the file's column, by common names (case-insensitive)."""
    index = header_index(header)
    names = {name.strip().lstrip("\ufeff").lower(): name for name in header}
    mapping = {}
    for field_name, options in GUESSES.items():
        found = next((names[o] for o in options if o in index and o in names), None)
        if found:
            mapping[field_name] = found
    return mapping


def parse(text: str, mapping: dict[str, str] | None = None, date_order: str | None = None) -> Parsed:
    records = list(rows(text))
    if not records:
        raise ImportFormatError("The file is empty.")
    header = records[0][1]
    mapping = dict(mapping or guess_mapping(header))
    index = header_index(header)
    for field_name, column in mapping.items():
        if field_name not in FIELDS:
            raise ImportFormatError(f"Unknown field {field_name!r}; the fields are {', '.join(FIELDS)}.")
        if column.strip().lower() not in index:
            raise ImportFormatError(f"The file has no column {column!r}.")
    if "date" not in mapping or "pain" not in mapping:
        raise ImportFormatError("Say which column holds the date and which the pain (0–10); both are needed.")
    col = {f: c.strip().lower() for f, c in mapping.items()}
    result = Parsed(NAME, mapping=[f"{f.replace('_', ' ')} ← column {c!r}" for f, c in mapping.items()])
    result.mapping.append("A date without a time is put at 12:00; a time without a UTC offset is this computer's.")
    body = records[1:]
    dates = DateReader(DateReader.slash_samples([cell(r, index, col["date"]) for _, r in body]), date_order)
    for line, rec in body:
        try:
            result.entries.append((line, _row(rec, index, col, dates)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    result.ask_date_order(dates)
    return result


def _row(rec: list[str], index: dict[str, int], col: dict[str, str], dates: DateReader) -> EntryDraft:
    when = cell(rec, index, col["date"])
    if not when:
        raise ValidationError("the row has no date")
    at: datetime = dates.moment(when)
    if "time" in col and (time_text := cell(rec, index, col["time"])):
        clock = clock_time(time_text)
        if clock is None:
            raise ValidationError(f"the time {time_text!r} is not a clock time")
        at = at.replace(hour=clock.hour, minute=clock.minute, second=clock.second)
    pain_text = cell(rec, index, col["pain"])
    if not pain_text:
        raise ValidationError("the row has no pain score")
    return EntryDraft(
        at=aware(at),
        pain=pain_score(pain_text),
        mood=parse_score(cell(rec, index, col["mood"]), "Mood") if "mood" in col else None,
        sleep_hours=parse_number(cell(rec, index, col["sleep_hours"]), "Hours of sleep", low=0, high=24)
        if "sleep_hours" in col
        else None,
        note=cell(rec, index, col["note"]) if "note" in col else "",
    )
