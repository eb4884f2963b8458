"""What every importer returns, and the small parsing helpers they share (no database, no Qt)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

from ..domain.bounds import parse_score
from ..domain.diary import EntryDraft, ensure_aware
from ..domain.mood_record import MoodRecordDraft
from ..errors import ImportFormatError, ValidationError

MIN_YEAR, MAX_YEAR = 1900, 2200
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Largest file read whole (other apps' CSVs and our JSON export); our own CSV export is read as a stream.
#: Ten years of demo diary (13,000 entries) is an 8 MB JSON export; reading one whole takes about 8× its size.
MAX_WHOLE_FILE_BYTES = 32 * 1024 * 1024
#: The csv module's longest cell (131,072 characters); a note is at most 100,000.
CSV_FIELD_LIMIT = csv.field_size_limit()
UTF8_ADVICE = 'export it again as UTF-8/CSV (in a spreadsheet: "CSV UTF-8") and import that file.'


def describe(value: object, limit: int = 40) -> str:
    """A short form of a value for a message: text quoted and cut at `limit`, other kinds by name."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "…")
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if value.bit_length() < 100 else "a very long number"
    if isinstance(value, float):
        return f"{value:g}"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else "an unknown value"


def check_size(path: Path) -> None:
    """Refuse, with the limit in the message, a file too large to be read whole (over MAX_WHOLE_FILE_BYTES)."""
    size, limit = path.stat().st_size, MAX_WHOLE_FILE_BYTES
    if size > limit:
        raise ImportFormatError(
            f"{path.name} is {size / 1024 / 1024:,.0f} MB; files of this kind can be imported up to"
            f" {limit / 1024 / 1024:,.0f} MB. Nothing was imported."
        )


def csv_error_message(exc: csv.Error, line: int) -> str:
    """A csv module error as one plain sentence naming the line."""
    if "field larger than field limit" in str(exc):
        return (
            f"The file is not readable CSV: a cell near line {line:,} is longer than {CSV_FIELD_LIMIT:,}"
            " characters, more than any diary text. Nothing was imported."
        )
    return f"The file is not readable CSV near line {line:,} (a quote or separator out of place)."


def unreadable(path: Path, exc: OSError) -> ImportFormatError:
    """The error for a file the system would not let us read (permissions, a vanished disk…)."""
    why = exc.strerror or "the system refused"
    return ImportFormatError(f"{path.name} cannot be read ({why}); nothing was imported.")


def text_lines(path: Path) -> Iterator[str]:
    """The file's lines, read as a stream (never whole), checked to be UTF-8 (a byte-order mark is fine).

    Raises ImportFormatError as `decode_text` does; a bad byte is reported by the line it is on.
    """
    line = 0
    try:
        with path.open("rb") as raw:
            head = raw.read(4096)
            if head.startswith(_UTF16_BOMS) or (head and head.count(0) * 3 > len(head)):
                raise ImportFormatError(f"{path.name} is not a UTF-8 text file (it is UTF-16); {UTF8_ADVICE}")
            raw.seek(0)
            for text in io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""):
                line += 1
                yield text
    except UnicodeDecodeError:
        where = f"line {line + 1:,} has a byte that is not UTF-8, perhaps Latin-1 or Windows text"
        raise ImportFormatError(f"{path.name} is not a UTF-8 text file ({where}); {UTF8_ADVICE}") from None
    except OSError as exc:
        raise unreadable(path, exc) from None


def decode_text(data: bytes, name: str) -> str:
    """The file's text, if it is UTF-8 (a byte-order mark is fine); else a plain ImportFormatError.

    UTF-16 (what some spreadsheets call "Unicode text") and Latin-1/Windows-1252 files are refused rather than
    guessed, so no accented letter in a note is silently changed. Many NUL bytes mean UTF-16 without a mark.
    """
    advice = UTF8_ADVICE
    head = data[:4096]
    if data.startswith(_UTF16_BOMS) or (head and head.count(0) * 3 > len(head)):
        raise ImportFormatError(f"{name} is not a UTF-8 text file (it is UTF-16); {advice}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start + 1} is not UTF-8, perhaps Latin-1 or Windows text"
        raise ImportFormatError(f"{name} is not a UTF-8 text file ({where}); {advice}") from None


@dataclass(frozen=True)
class DoseDraft:
    """One taken dose from another app: the medicine's name as written there, when, how much."""

    medicine: str
    at: datetime
    amount: str = ""
    note: str = ""


@dataclass(frozen=True)
class MoodName:
    """A mood as another app names it ("content"), how often the file has it, and the 0–10 it gets by default.

    `group` is the app's mood group the name suggests ("" when not recognised: then `value` is the middle).
    """

    name: str
    count: int
    value: int
    group: str = ""
    recognised: bool = True


@dataclass(frozen=True)
class ImportOptions:
    """The patient's answers for readers that need them (preview choices; CLI options). None: not given.

    `pain_item`: which tracked item is the pain score (Flaredown); `person`: whose check-ins, in a file of
    several people (Flaredown's research export); `scale`: the (low, high) of the file's pain scale, turned
    into 0–10 (Other CSV); `where`: (column, value), only rows whose cell equals the value (Other CSV).
    """

    pain_item: str | None = None
    person: str | None = None
    scale: tuple[float, float] | None = None
    where: tuple[str, str] | None = None


@dataclass
class Parsed:
    """A file turned into drafts; nothing validated against the diary yet, nothing written.

    Every row that could not be used is in `skipped` as {"line", "reason"}: never silently dropped.
    """

    format: str
    entries: list[tuple[int | str, EntryDraft]] = field(default_factory=list)
    doses: list[tuple[int | str, DoseDraft]] = field(default_factory=list)
    #: Records without a pain score (mood, sleep, activities, note), e.g. every Daylio row.
    mood_records: list[tuple[int, MoodRecordDraft]] = field(default_factory=list)
    #: The moods named in `mood_records` with their default 0–10 (the patient may change each one; the drafts'
    #: `mood` is set from this scale by services/foreign_import.py).
    mood_names: list[MoodName] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    #: Plain sentences saying how the other app's values became ours (shown in the preview).
    mapping: list[str] = field(default_factory=list)
    #: Some slash dates could be day/month or month/day and nothing in the file tells which: the patient chooses
    #: (`date_order` "dmy" or "mdy" on parse); until then those rows are skipped, never guessed.
    date_order_needed: bool = False
    #: What the patient can choose between for this file (ImportOptions field → values), e.g. Flaredown's items.
    choices: dict[str, list[str]] = field(default_factory=dict)
    #: Medicine names to add to the list even without a dose in the file (a MedTimer backup's medicines).
    medicines: list[tuple[int | str, str]] = field(default_factory=list)

    def ask_date_order(self, dates: DateReader) -> None:
        """Record (and say in the mapping) that the file's date order must be chosen, if `dates` met such a date."""
        if dates.undecided and not self.date_order_needed:
            self.date_order_needed = True
            self.mapping.append(DATE_ORDER_QUESTION)

    def skip(self, line: int | str, reason: str) -> None:
        self.skipped.append({"line": line, "reason": reason})


def rows(text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on (quoted notes may span lines); blank lines left out."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                yield start, record
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(csv_error_message(exc, start)) from None


def header_index(header: list[str]) -> dict[str, int]:
    """Column positions by lower-cased, trimmed name (the first of equal names wins)."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name.strip().lstrip("\ufeff").lower(), i)
    return index


def cell(record: list[str], index: dict[str, int], name: str) -> str:
    i = index.get(name)
    return record[i].strip() if i is not None and i < len(record) else ""


def pain_score(value: str, what: str = "Pain") -> int:
    """A required 0–10 pain score; raises ValidationError with the reason otherwise."""
    text = value.strip()
    if re.fullmatch(r"\d+[.,]0*", text):
        text = re.split(r"[.,]", text)[0]
    result = parse_score(text, what, required=True)
    assert result is not None
    return result


def split_list(text: str, sep: str = ",") -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


def java_list(text: str) -> list[str]:
    """`[a, b]` (Java's Set/List toString) → ["a", "b"]; "" and "[]" → []."""
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return split_list(text)


def utc_offset(minutes: str) -> timezone | None:
    """A UTC offset given in minutes ("60", "-300"); None when empty or not a whole number within ±18 h."""
    text = minutes.strip()
    if not re.fullmatch(r"[+-]?\d{1,4}", text):
        return None
    value = int(text)
    return timezone(timedelta(minutes=value)) if abs(value) < 18 * 60 else None


def iso_moment(text: str) -> datetime:
    """An ISO 8601 date and time; a time without offset is this computer's local time then."""
    value = text.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"the time {text.strip()!r} is not a date and time") from None
    return aware(moment, text.strip())


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def clock_time(text: str) -> time | None:
    """`09:00`, `9.05`, `10:15 PM` → a time; anything else → None."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").lower().replace(".", "")
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}  # fmt: skip


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make_date(year: int, month: int, day: int, original: str) -> date:
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValidationError(f"the date {original!r} does not exist") from None
    return _plausible(found, original)


def _plausible(day: date, original: str) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValidationError(f"the date {original!r} is not between {MIN_YEAR} and {MAX_YEAR}")
    return day


def aware(moment: datetime, original: str = "") -> datetime:
    """A time from a file with its UTC offset (this computer's local one when it has none); years 1900–2200."""
    _plausible(moment.date(), original or moment.isoformat())
    return ensure_aware(moment)


def named_month_date(text: str) -> date | None:
    """`22nd Jan 2022`, `Jan 5, 2024`, `5 January 2024` → a date; None when it is not that shape."""
    t = text.strip().lower().replace(",", " ").replace(".", " ")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\s+(\d{4})", t)
    if m:
        day, name, year = m.group(1), m.group(2), m.group(3)
    else:
        m = re.fullmatch(r"([a-z]{3,9})\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})", t)
        if not m:
            return None
        name, day, year = m.group(1), m.group(2), m.group(3)
    month = MONTHS.get(name[:3])
    if month is None or (len(name) > 3 and not any(full.startswith(name) for full in _FULL_MONTHS)):
        return None
    return _make_date(int(year), month, int(day), text)


_FULL_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "sept")  # fmt: skip


DATE_ORDERS = ("dmy", "mdy")
DATE_ORDER_QUESTION = (
    "Some dates in this file (like 3/4/24) could be day/month or month/day, and no date in the file tells which."
    " Choose the order (day/month or month/day; on the command line --date-order dmy or mdy) and import again;"
    " until then those rows are skipped."
)


def check_date_order(order: str | None) -> str | None:
    """None, "dmy" or "mdy"; anything else is a plain ValidationError."""
    if order is None or order in DATE_ORDERS:
        return order
    raise ValidationError(f"The date order must be 'dmy' (day/month) or 'mdy' (month/day), not {order!r}.")


class DateReader:
    """Reads the dates of one file. Slash dates (3/4/2024) are day-first or month-first for the WHOLE file:
    a part above 12 anywhere decides; if nothing decides, such dates are reported, not guessed (`undecided`),
    unless the patient chose the `order`."""

    def __init__(self, samples: list[str], order: str | None = None) -> None:
        self.undecided = False
        firsts, seconds = set(), set()
        for sample in samples:
            m = _SLASH.match(sample.strip())
            if m:
                firsts.add(int(m.group(1)))
                seconds.add(int(m.group(2)))
        day_first = any(n > 12 for n in firsts)
        month_first = any(n > 12 for n in seconds)
        self.order: str | None = None if day_first == month_first else ("dmy" if day_first else "mdy")
        if order is not None:
            self.order = check_date_order(order)

    def day(self, text: str) -> date:
        t = text.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t)
        if m:
            return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), t)
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})", t)
        if m:
            return _make_date(_year(m.group(3)), int(m.group(2)), int(m.group(1)), t)
        m = _SLASH.fullmatch(t)
        if m:
            a, b, year = int(m.group(1)), int(m.group(2)), _year(m.group(3))
            if self.order is None and a != b and a <= 12 and b <= 12:
                self.undecided = True
                raise ValidationError(
                    f"the date {t!r} could be day/month or month/day, and no other date in the file tells which"
                    " (choose the date order and import again)"
                )
            day, month = (a, b) if self.order == "dmy" else (b, a)
            return _make_date(year, month, day, t)
        named = named_month_date(t)
        if named:
            return named
        raise ValidationError(f"the date {t!r} is not a date this importer can read")

    def moment(self, text: str) -> datetime:
        """A date with an optional clock time after it (`2024-01-05 14:30`, `5.1.2024 9:00`); naive."""
        t = " ".join(text.strip().replace("T", " ").split())
        if len(t) > 10:
            try:
                parsed = datetime.fromisoformat(text.strip())
            except ValueError:
                pass
            else:
                _plausible(parsed.date(), t)
                return parsed
        parts = t.split(" ")
        for cut in range(len(parts), 0, -1):
            head, tail = " ".join(parts[:cut]), " ".join(parts[cut:])
            try:
                day = self.day(head)
            except ValidationError:
                continue
            if not tail:
                return datetime.combine(day, time(12, 0))
            clock = clock_time(tail)
            if clock is None:
                raise ValidationError(f"the time {tail!r} in {t!r} is not a clock time")
            return datetime.combine(day, clock)
        self.day(parts[0])  # raises with the date's own reason when it is the date that is wrong
        raise ValidationError(f"{t!r} is not a date and time this importer can read")

    @staticmethod
    def slash_samples(values: list[str]) -> list[str]:
        return [v.strip().split(" ")[0] for v in values]


_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def scale_to_ten(value: float, low: float, high: float) -> int:
    """A rating on low..high as a whole 0–10 (rounded half up)."""
    fraction = (value - low) / (high - low)
    return int(min(10, max(0, fraction * 10)) + 0.5)
