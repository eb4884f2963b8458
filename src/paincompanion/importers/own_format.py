"""Pain Companion's own exports read back (no database): the CSV as a stream of rows, the JSON document checked.

The CSV is never read whole: `csv_rows` turns one row at a time into a draft or a skip reason, so a file of
any size needs little memory. The JSON document is read whole (up to common.MAX_WHOLE_FILE_BYTES) and then
checked as a whole before anything is used: a number too long to be one, nesting deeper than an export has,
or text that is not valid Unicode (a lone surrogate, which could not even be saved) refuse the file, so a
dry run finds everything the real import would. The field readers below give one plain sentence naming the
field for every wrong type; services/transfer.py and the *_transfer modules use them for each record.

CSV text cells that a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP CSV injection
advice); `unescape_cell` removes exactly the prefix `escape_cell` added, and nothing else.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from ..domain.bounds import MAX_NUMBER_CHARS, MAX_YEAR, MIN_YEAR, parse_number, parse_score
from ..domain.diary import EntryDraft, LocationPain, ensure_aware
from ..domain.mood_record import MoodRecordDraft
from ..errors import ImportFormatError, ValidationError
from .common import csv_error_message, describe

JSON_FORMAT = "paincompanion"
JSON_VERSION = 1
CSV_COLUMNS = (
    "id", "at", "date", "time", "pain", "locations", "qualities", "mood", "sleep_hours", "sleep_quality",
    "activity", "activity_level", "triggers", "helped", "note", "flagged", "activities", "mood_name", "source",
)  # fmt: skip
#: Columns only mood-only records (no pain score) fill; a row with an empty `pain` in a file that has them is one.
MOOD_ONLY_COLUMNS = ("activities", "mood_name", "source")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
#: A cell a spreadsheet would run (after spaces), or one that looks like an escaped one (apostrophes first).
_NEEDS_PREFIX = re.compile("'* *[=+\\-@\t\r\0]")
#: Deepest nesting in an export is about 8 (document → routines → own routines → routine → steps → …).
MAX_DEPTH = 20
_SURROGATE = re.compile("[\ud800-\udfff]")
_MAX_TIME_CHARS = 64
MAX_REGION_CHARS = 100


# --- formula escaping --------------------------------------------------------------------------------------


def escape_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting (after spaces) with = + - @ TAB CR NUL gets a ' prefix.

    So does a cell that already starts with apostrophes before such a character, so that `unescape_cell`
    can tell an added prefix from the patient's own apostrophes.
    """
    return "'" + text if _NEEDS_PREFIX.match(text) else text


def unescape_cell(text: str) -> str:
    """The exact inverse of `escape_cell`: only a prefix it would have added is removed."""
    if text.startswith("'") and _NEEDS_PREFIX.match(text, 1):
        return text[1:]
    return text


# --- the JSON document -------------------------------------------------------------------------------------


class _LongNumber(Exception):
    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _json_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _LongNumber(len(text))
    return int(text)


def load_document(text: str) -> dict[str, Any]:
    """The export's document, with its format, version, nesting and texts checked; else ImportFormatError."""
    try:
        document = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"The file is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    except _LongNumber as exc:
        raise ImportFormatError(
            f"The file holds a number {exc.digits:,} digits long; no value in a Pain Companion export is that"
            " long. Nothing was imported."
        ) from None
    except RecursionError:
        raise ImportFormatError(_too_deep()) from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportFormatError("This JSON file is not a Pain Companion export.")
    version = document.get("format_version", JSON_VERSION)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ImportFormatError(
            f"This export's format_version is {describe(version)}, not a version number; a Pain Companion"
            f" export has format_version {JSON_VERSION}."
        )
    if version > JSON_VERSION:
        raise ImportFormatError("This export was made by a newer Pain Companion; please update the app first.")
    _check_tree(document)
    for key, what in (("entries", "entries"), ("peg", "PEG check-ins"), ("medications", "medicines"),
                      ("mood_records", "mood records")):  # fmt: skip
        if not isinstance(document.get(key) or [], list):
            raise ImportFormatError(f"The export's {what} are not a list.")
    return document


def _too_deep() -> str:
    return (
        f"The file has lists or objects nested more than {MAX_DEPTH} deep; no Pain Companion export is."
        " Nothing was imported."
    )


def _check_tree(document: dict[str, Any]) -> None:
    """Refuse nesting deeper than MAX_DEPTH and any text (or name) with a lone surrogate, naming where."""
    stack: list[tuple[Any, int, tuple[str | int, ...]]] = [(document, 1, ())]
    while stack:
        value, depth, path = stack.pop()
        if isinstance(value, str):
            if not value.isascii() and _SURROGATE.search(value):
                where = " → ".join(str(p + 1) if isinstance(p, int) else p for p in path) or "the document"
                raise ImportFormatError(
                    f"The text at {describe(where, 80)} is not valid Unicode (it holds a lone surrogate, such as"
                    " \\ud800, which no file written by Pain Companion has). Nothing was imported."
                )
            continue
        if depth > MAX_DEPTH and isinstance(value, dict | list):
            raise ImportFormatError(_too_deep())
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, depth + 1, (*path, key)))
                stack.append((item, depth + 1, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, depth + 1, (*path, n)) for n, item in enumerate(value))


# --- field readers (each wrong type is one sentence naming the field) --------------------------------------


def need_object(rec: Any, what: str) -> dict[str, Any]:
    if not isinstance(rec, dict):
        raise ValidationError(f"{what} is {describe(rec)}, not an object with named fields.")
    return rec


def need_list(value: Any, what: str) -> list[Any]:
    """`value` as a list (None is an empty one)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(f"{what} must be a list, not {describe(value)}.")
    return value


def text_field(rec: dict[str, Any], key: str, what: str) -> str:
    """A text field ("" when missing or null)."""
    value = rec.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not {describe(value)}.")
    return value


def tags_field(rec: dict[str, Any], key: str, what: str) -> tuple[str, ...]:
    """A list of texts (or one text with ';' between them)."""
    value = rec.get(key)
    if isinstance(value, str):
        return tuple(v for v in value.split(";") if v.strip())
    items = need_list(value, what)
    for n, item in enumerate(items, start=1):
        if not isinstance(item, str):
            raise ValidationError(f"{what} must be a list of texts, but item {n} is {describe(item)}.")
    return tuple(items)


def number_field(rec: dict[str, Any], key: str, what: str) -> int | float | str | None:
    """A number (or a short text the field's own check reads), None when missing; other kinds refused."""
    value = rec.get(key)
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and len(value.strip()) <= MAX_NUMBER_CHARS:
        return value
    raise ValidationError(f"{what} must be a number, not {describe(value)}.")


def moment_text(text: str, what: str) -> datetime:
    """An ISO 8601 date and time, years 1900–9998; without an offset, this computer's local time then.

    (Later times are refused as in the future by the record's own check.)
    """
    try:
        if len(text) > _MAX_TIME_CHARS:
            raise ValueError
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{what} {describe(text)} is not a date and time like 2026-03-10T08:30+01:00.") from None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:  # before any time-zone arithmetic, which would overflow
        raise ValidationError(f"{what} {describe(text)} is not between the years {MIN_YEAR} and {MAX_YEAR}.")
    return ensure_aware(moment)


def moment_field(rec: dict[str, Any], key: str, what: str) -> datetime:
    value = rec.get(key)
    if value is None:
        raise ValidationError(f"{what} is missing.")
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be a date and time (text), not {describe(value)}.")
    return moment_text(value, what)


def flag(value: Any) -> bool:
    """'flagged' from JSON (true/false) or CSV ("1"/""); missing in older exports means not flagged."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return value is True or (type(value) is int and value == 1)


def entry_from_json(rec: Any) -> EntryDraft:
    """One record of the export's "entries", its kinds checked (the values are checked by validate_draft)."""
    rec = need_object(rec, "The entry")
    at = moment_field(rec, "at", "The time ('at')")
    if rec.get("pain") is None:
        raise ValidationError("The entry has no pain score.")
    locations = []
    for n, loc in enumerate(need_list(rec.get("locations"), "The body places"), start=1):
        if isinstance(loc, str):
            locations.append(LocationPain(_region(loc)))
            continue
        loc = need_object(loc, f"Body place {n}")
        region = _region(text_field(loc, "region", f"The region of body place {n}"))
        intensity = parse_score(number_field(loc, "intensity", f"The pain in {region or f'place {n}'}"),
                                f"The pain in {region or f'place {n}'}")  # fmt: skip
        locations.append(LocationPain(region, intensity))
    return EntryDraft(
        at=at,
        pain=parse_score(number_field(rec, "pain", "Pain"), "Pain", required=True),
        locations=tuple(locations),
        qualities=tags_field(rec, "qualities", "The pain qualities"),
        mood=parse_score(number_field(rec, "mood", "Mood"), "Mood"),
        sleep_hours=_sleep_hours(number_field(rec, "sleep_hours", "Hours of sleep")),
        sleep_quality=parse_score(number_field(rec, "sleep_quality", "Sleep quality"), "Sleep quality"),
        activity=text_field(rec, "activity", "The activity"),
        activity_level=parse_score(number_field(rec, "activity_level", "Activity level"), "Activity level"),
        triggers=tags_field(rec, "triggers", "The triggers"),
        helped=tags_field(rec, "helped", "What helped"),
        note=text_field(rec, "note", "The note"),
        flagged=flag(rec.get("flagged")),
    )


def mood_record_from_json(rec: Any) -> MoodRecordDraft:
    """One record of the export's "mood_records" (no pain score), its kinds checked (values by the validator)."""
    rec = need_object(rec, "The mood record")
    return MoodRecordDraft(
        at=moment_field(rec, "at", "The time ('at') of the mood record"),
        mood=parse_score(number_field(rec, "mood", "Mood"), "Mood"),
        mood_name=text_field(rec, "mood_name", "The mood's name"),
        sleep_hours=_sleep_hours(number_field(rec, "sleep_hours", "Hours of sleep")),
        sleep_quality=parse_score(number_field(rec, "sleep_quality", "Sleep quality"), "Sleep quality"),
        activities=tags_field(rec, "activities", "The activities"),
        note=text_field(rec, "note", "The note"),
        source=text_field(rec, "source", "The source"),
    )


# --- the CSV export, as a stream -----------------------------------------------------------------------------


def unknown_layout_message() -> str:
    """One line for a CSV in no layout we know: the formats we read, and how to map its columns."""
    from . import LABELS  # the package imports its readers first

    others = [label.split(" (")[0] for key, label in LABELS.items() if key not in ("paincompanion", "csv")]
    return (
        "This CSV file is not a Pain Companion export (it needs 'at' and 'pain' columns) nor from"
        f" {', '.join(others[:-1])} or {others[-1]}. For another CSV with a date and a pain column choose 'Other"
        " CSV' and say which column is which (--format csv --map date=COLUMN,pain=COLUMN; if needed --scale 1-5,"
        " --where COLUMN=VALUE)."
    )


def csv_rows(lines: Iterable[str]) -> Iterator[tuple[int, EntryDraft | MoodRecordDraft | str]]:
    """(line, draft) for each usable row, (line, reason) for the others; blank rows left out.

    A row with an empty `pain` in a file with the mood-only columns is a mood-only record (MoodRecordDraft).

    ImportFormatError when the header lacks 'at' or 'pain', or the CSV itself is broken (named by line).
    """
    reader = csv.reader(lines, strict=False)
    start = 1
    try:
        header = next(reader, [])
        index: dict[str, int] = {}
        for i, name in enumerate(header):
            index.setdefault(name.strip(), i)
        if "pain" not in index or "at" not in index:
            raise ImportFormatError(unknown_layout_message())
        mood_only = all(name in index for name in MOOD_ONLY_COLUMNS)
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            try:
                yield line, _csv_draft(record, index, mood_only)
            except ValidationError as exc:
                yield line, str(exc)
    except csv.Error as exc:
        raise ImportFormatError(csv_error_message(exc, start)) from None


def _csv_draft(record: list[str], index: dict[str, int], mood_only: bool = False) -> EntryDraft | MoodRecordDraft:
    def get(name: str) -> str:
        i = index.get(name)
        return unescape_cell(record[i]) if i is not None and i < len(record) else ""

    when = get("at")
    if not when.strip():
        raise ValidationError("The time ('at') is missing.")
    if mood_only and not get("pain").strip():
        return MoodRecordDraft(
            at=moment_text(when, "The time ('at')"),
            mood=parse_score(get("mood"), "Mood"),
            mood_name=get("mood_name"),
            sleep_hours=_sleep_hours(get("sleep_hours")),
            sleep_quality=parse_score(get("sleep_quality"), "Sleep quality"),
            activities=_tags(get("activities")),
            note=get("note"),
            source=get("source").strip(),
        )
    locations = []
    for part in get("locations").split(";"):
        if part.strip():
            region, _, intensity = part.partition("=")
            region = _region(region)
            locations.append(LocationPain(region, parse_score(intensity, f"The pain in {region}")))
    return EntryDraft(
        at=moment_text(when, "The time ('at')"),
        pain=parse_score(get("pain"), "Pain", required=True),
        locations=tuple(locations),
        qualities=_tags(get("qualities")),
        mood=parse_score(get("mood"), "Mood"),
        sleep_hours=_sleep_hours(get("sleep_hours")),
        sleep_quality=parse_score(get("sleep_quality"), "Sleep quality"),
        activity=get("activity"),
        activity_level=parse_score(get("activity_level"), "Activity level"),
        triggers=_tags(get("triggers")),
        helped=_tags(get("helped")),
        note=get("note"),
        flagged=flag(get("flagged")),
    )


def _region(name: str) -> str:
    """A body place's name or id; one far longer than any on the body map is refused here, briefly."""
    if len(name) > MAX_REGION_CHARS:
        raise ValidationError(f"The body place {describe(name)} is not on the body map.")
    return name


def _sleep_hours(value: object) -> float | None:
    return parse_number(value, "Hours of sleep", low=0, high=24)


def _tags(text: str) -> tuple[str, ...]:
    return tuple(v for v in text.split(";") if v.strip())
