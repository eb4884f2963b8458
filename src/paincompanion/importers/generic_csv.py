"""Any CSV with a date (and maybe time) column and a 0–10 pain column; the patient may say which column is which.

The mapping names our fields (date, time, pain, note, mood, sleep_hours) → the file's column names. Without one,
columns are found by common names (date/start/timestamp, pain/pain level/severity, note/notes/comment…).
ImportOptions may add a scale conversion (the file's pain scale, e.g. 1–5 or 1–10, turned into 0–10) and a row
filter (only rows whose cell in a column equals a value, e.g. type = pain).
"""

from __future__ import annotations

import re
from datetime import datetime

from ..domain.bounds import parse_number, parse_score
from ..domain.diary import EntryDraft
from ..errors import ImportFormatError, ValidationError
from .common import (
    DateReader,
    ImportOptions,
    Parsed,
    aware,
    cell,
    clock_time,
    header_index,
    pain_score,
    rows,
    scale_to_ten,
)

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


def parse(
    text: str,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    options: ImportOptions | None = None,
) -> Parsed:
    options = options or ImportOptions()
    scale = check_scale(options.scale)
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
    if options.where is not None:
        body = _filtered(body, index, options.where, result)
    if scale is not None:
        low, high = scale
        result.mapping.append(
            f"Pain is on a {low:g}–{high:g} scale in this file and is converted to 0–10: {low:g} → 0,"
            f" {(low + high) / 2:g} → 5, {high:g} → 10 (rounded to a whole number)."
        )
    dates = DateReader(DateReader.slash_samples([cell(r, index, col["date"]) for _, r in body]), date_order)
    for line, rec in body:
        try:
            result.entries.append((line, _row(rec, index, col, dates, scale)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    result.ask_date_order(dates)
    return result


def check_scale(scale: tuple[float, float] | None) -> tuple[float, float] | None:
    """None, or (low, high) with low < high, both within ±1000; ImportFormatError otherwise."""
    if scale is None:
        return None
    low, high = scale
    if not (-1000 <= low < high <= 1000):
        raise ImportFormatError(f"The pain scale {low:g}–{high:g} is not a scale (the low end must be below the high).")
    return float(low), float(high)


def parse_scale(text: str) -> tuple[float, float]:
    """`1-5`, `1–10`, `0 to 5` → (low, high); ImportFormatError otherwise."""
    match = re.fullmatch(r"\s*(-?\d+(?:[.,]\d+)?)\s*(?:-|–|to|\.\.)\s*(-?\d+(?:[.,]\d+)?)\s*", text or "")
    if not match:
        raise ImportFormatError(f"The pain scale must be given as LOW-HIGH, like 1-5 or 1-10, not {text[:40]!r}.")
    scale = check_scale((float(match.group(1).replace(",", ".")), float(match.group(2).replace(",", "."))))
    assert scale is not None
    return scale


def parse_where(text: str) -> tuple[str, str]:
    """`type=pain` → ("type", "pain"); ImportFormatError otherwise."""
    column, sep, value = (text or "").partition("=")
    if not sep or not column.strip():
        raise ImportFormatError(f"The row filter must be given as COLUMN=VALUE, like type=pain, not {text[:40]!r}.")
    return column.strip(), value.strip()


def _filtered(
    body: list[tuple[int, list[str]]], index: dict[str, int], where: tuple[str, str], result: Parsed
) -> list[tuple[int, list[str]]]:
    column, value = where[0].strip(), where[1].strip()
    if column.lower() not in index:
        raise ImportFormatError(f"The file has no column {column!r} to filter the rows by.")
    kept = [(line, r) for line, r in body if cell(r, index, column.lower()).casefold() == value.casefold()]
    result.mapping.append(f"Only rows whose {column!r} is {value!r} (ignoring case) are read.")
    if len(kept) < len(body):
        n = len(body) - len(kept)
        result.skip("…", f"{n:,} {'row' if n == 1 else 'rows'} left out by the row filter ({column} = {value})")
    return kept


def _scaled(text: str, scale: tuple[float, float]) -> int:
    low, high = scale
    value = text.strip().replace(",", ".")
    if not re.fullmatch(r"-?\d{1,6}(?:\.\d{1,6})?", value) or not low <= float(value) <= high:
        raise ValidationError(f"the pain {text.strip()[:40]!r} is not a number from {low:g} to {high:g}")
    return scale_to_ten(float(value), low, high)


def _row(
    rec: list[str], index: dict[str, int], col: dict[str, str], dates: DateReader, scale: tuple[float, float] | None
) -> EntryDraft:
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
        pain=_scaled(pain_text, scale) if scale is not None else pain_score(pain_text),
        mood=parse_score(cell(rec, index, col["mood"]), "Mood") if "mood" in col else None,
        sleep_hours=parse_number(cell(rec, index, col["sleep_hours"]), "Hours of sleep", low=0, high=24)
        if "sleep_hours" in col
        else None,
        note=cell(rec, index, col["note"]) if "note" in col else "",
    )
