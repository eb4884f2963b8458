"""Daylio's CSV (a mood diary): every row becomes a mood-only record (no pain score; domain/mood_record.py).

Layouts read (Daylio always writes the header in English; the values are in the phone's language):
- `full_date,date,weekday,time,mood,activities,note` (2018–2020), with `note_title` (2021–) and `scales`
  (2025–: "Sleep Quality: 8/10 points | Sleep Time: 8:00 | …");
- the older `year,date,weekday,time,mood,activities,note`, where `date` is "June 22" or "7 września"
  (month names in the languages in daylio_words.py);
- the same columns without a header line (a file whose first cell is a date).
Times are 24-hour ("18:43") or 12-hour ("5:01 PM", "5:01 p. m."), in the phone's local time.

Moods are names the patient may have changed or added, so they are not scores: `mood_names` lists every
mood of the file with a default 0–10 (from Daylio's five groups: a group column such as `mood_group` when the
file has one, else the name, daylio_words.py; unknown names start at 5 and are flagged); the preview shows
them and the patient can change each (services/foreign_import.py applies the choice).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date, datetime, time

from ..domain.mood_record import MoodRecordDraft
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, MoodName, Parsed, aware, cell, clock_time, header_index, rows
from .daylio_words import GROUPS, fold, month_number, mood_group

NAME = "daylio"
#: Column names when the file has no header line, by how many columns its rows have.
_HEADERLESS = {
    7: ("full_date", "date", "weekday", "time", "mood", "activities", "note"),
    8: ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"),
    9: ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"),
}
#: Columns some Daylio exports (and tools that rewrite them) add with the mood's group: 1 rad … 5 awful, or its name.
MOOD_GROUP_COLUMNS = ("mood_group", "mood_group_id", "mood_level", "mood_id", "mood_value")
_ISO_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_HALF_DAY = {"午前": "am", "上午": "am", "오전": "am", "午後": "pm", "下午": "pm", "오후": "pm"}
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_LINE_TAGS = re.compile(r"<br\s*/?>|</p>|</div>|</li>", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
_SLEEP = (
    "sleep",
    "schlaf",
    "schlafqualität",
    "schlafdauer",
    "sueño",
    "sommeil",
    "sonno",
    "sono",
    "sen",
    "snu",
    "сон",
    "сна",
    "slaap",
    "sömn",
    "søvn",
    "uni",
)
_QUALITY = ("quality", "qualität", "calidad", "qualité", "qualità", "qualidade", "jakość", "качество", "kwaliteit")
MAX_ACTIVITY_CHARS = 60

MAPPING = [
    "Daylio has no pain score: every Daylio row becomes a mood-only record (no pain score) at its date and time,"
    " shown in the Diary as 'no pain score' and in Insights under mood; no pain average counts it.",
    "Moods are the names in your Daylio (you may have renamed them or added your own), so each is given a"
    " 0–10 from Daylio's five mood groups: rad 10, good 8, meh 5, bad 3, awful 0. Check the list of moods:"
    " you can change the number of any of them before importing. The name itself is kept with the record.",
    "Activities are kept as the record's activities (tags, not notes); the note title and the note become the"
    " note (Daylio's formatting removed).",
    "Scales: sleep quality (as 0–10) and sleep time (8:00 = 8 hours) go into sleep; other scales go into the note.",
]


def parse(text: str, date_order: str | None = None) -> Parsed:
    """Every row as a mood-only record; `date_order` settles slash dates the file cannot ("dmy"/"mdy")."""
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text))
    if not records:
        raise ImportFormatError("The file is empty.")
    first = records[0][1]
    index = header_index(first)
    body = records[1:]
    if "mood" not in index and first and _ISO_DAY.fullmatch(first[0].strip().lstrip("\ufeff")):
        names = _HEADERLESS.get(len(first), _HEADERLESS[7])
        index = {name: i for i, name in enumerate(names)}
        body = records
        result.mapping.append("The file has no header line: its columns were read in Daylio's order"
                              f" ({', '.join(names)}).")  # fmt: skip
    if "mood" not in index or not ({"full_date", "date"} & index.keys()):
        raise ImportFormatError("This Daylio file has no 'full_date' (or 'year' and 'date') and 'mood' columns.")
    dates = DateReader([cell(r, index, "full_date") for _, r in body], date_order)
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    group_column = next((c for c in MOOD_GROUP_COLUMNS if c in index), None)
    groups: dict[str, Counter[str]] = {}
    twelve_hour = False
    for line, rec in body:
        try:
            draft = _record(rec, index, dates)
        except ValidationError as exc:
            result.skip(line, str(exc))
            continue
        if draft.mood_name:
            key = fold(draft.mood_name)
            counts[key] += 1
            spelling.setdefault(key, draft.mood_name)
            group = _group_cell(cell(rec, index, group_column)) if group_column else None
            if group:
                groups.setdefault(key, Counter())[group] += 1
        twelve_hour = twelve_hour or _is_twelve_hour(cell(rec, index, "time"))
        result.mood_records.append((line, draft))
    result.mood_names = default_scale(spelling, counts, {k: c.most_common(1)[0][0] for k, c in groups.items()})
    if groups:
        result.mapping.append(f"The file's '{group_column}' column gave the mood groups (1 rad … 5 awful).")
    result.ask_date_order(dates)
    if twelve_hour:
        result.mapping.append("Times were written in 12-hour form (5:01 PM) and read as 17:01 and so on.")
    unknown = [m.name for m in result.mood_names if not m.recognised]
    if unknown:
        result.mapping.append(f"{len(unknown)} mood name(s) were not recognised and start at 5 (meh): please check"
                              " them in the list of moods.")  # fmt: skip
    return result


def default_scale(
    spelling: dict[str, str], counts: Counter[str], from_file: dict[str, str] | None = None
) -> list[MoodName]:
    """Every mood of the file with its default 0–10 (from the file's own group column when it has one, else
    from the name): best first, then the most used."""
    found = []
    for key, name in spelling.items():
        group = (from_file or {}).get(key) or mood_group(name)
        found.append(MoodName(name, counts[key], GROUPS[group or "meh"], group or "", group is not None))
    return sorted(found, key=lambda m: (-m.value, -m.count, fold(m.name)))


def _group_cell(text: str) -> str | None:
    """A mood group cell: 1–5 (Daylio's order, 1 rad … 5 awful) or a group's name; None otherwise."""
    value = fold(text)
    if value in GROUPS:
        return value
    if re.fullmatch(r"[1-5](?:\.0)?", value):
        return list(GROUPS)[int(value[0]) - 1]
    return None


def _record(rec: list[str], index: dict[str, int], dates: DateReader) -> MoodRecordDraft:
    day = _day(rec, index, dates)
    clock = _clock(cell(rec, index, "time"))
    at = aware(datetime.combine(day, clock or time(12, 0)))
    mood = " ".join(cell(rec, index, "mood").split())
    activities, long_ones = _activities(cell(rec, index, "activities"))
    sleep_hours, sleep_quality, other_scales = _scales(cell(rec, index, "scales"))
    parts = [_plain(cell(rec, index, "note_title")), _plain(cell(rec, index, "note"))]
    parts += [f"Activity: {a}" for a in long_ones] + other_scales
    if clock is None:
        parts.append("(Daylio gave no time of day; kept at 12:00.)")
    note = "\n".join(p for p in parts if p)
    if not (mood or activities or note.strip()) and sleep_hours is None and sleep_quality is None:
        raise ValidationError("the row has no mood, activity, scale or note")
    return MoodRecordDraft(at=at, mood_name=mood, sleep_hours=sleep_hours, sleep_quality=sleep_quality,
                           activities=activities, note=note, source=NAME)  # fmt: skip


def _day(rec: list[str], index: dict[str, int], dates: DateReader) -> date:
    full = cell(rec, index, "full_date").lstrip("\ufeff")
    if full:
        try:
            return dates.day(full)
        except ValidationError:
            if dates.undecided or not re.search(r"[^\W\d_]", full):
                raise
            return named_day(full)  # "7 września 2017": a month name in the phone's language
    text, year = cell(rec, index, "date"), cell(rec, index, "year")
    if not text:
        raise ValidationError("the row has no date")
    return named_day(text, year)


def named_day(text: str, year_text: str = "") -> date:
    """Daylio's `date` cell ("June 22", "7 września", "16 de octubre", "22. Juni", "6月22日") in `year_text`."""
    t = fold(text).replace(",", " ")
    cjk = re.fullmatch(r"(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?", t)
    numbers = [w for w in re.split(r"[\s/]+", t) if w.isdigit()]
    words = [w for w in re.split(r"[\s/]+", t) if w and not w.isdigit() and w not in ("de", "del", "of", "the")]
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    year = years[0] if years else year_text.strip()
    if not re.fullmatch(r"\d{4}", year):
        raise ValidationError(f"the row's year {year_text.strip()!r} is not a year")
    if cjk:
        month, day = int(cjk.group(1)), int(cjk.group(2))
    else:
        month_found = month_number(words[0]) if len(words) == 1 else None
        if month_found is None or len(days) != 1:
            raise ValidationError(f"the date {text.strip()!r} is not a day and month this importer can read")
        month, day = month_found, int(days[0])
    try:
        found = date(int(year), month, day)
    except ValueError:
        raise ValidationError(f"the date {text.strip()!r} {year} does not exist") from None
    if not 1900 <= found.year <= 2200:
        raise ValidationError(f"the year {year} is not between 1900 and 2200")
    return found


def _clock(text: str) -> time | None:
    """A 24- or 12-hour clock time ("18:43", "5:01 PM", "5:01 p. m.", "午後5:01"); None when empty."""
    t = text.strip()
    if not t:
        return None
    for word, half in _HALF_DAY.items():
        if word in t:
            t = t.replace(word, "").strip() + " " + half
    t = re.sub(r"\b([ap])\.?\s*m\.?", r"\1m", t, flags=re.IGNORECASE)
    found = clock_time(t)
    if found is None:
        raise ValidationError(f"the time {text.strip()!r} is not a clock time")
    return found


def _is_twelve_hour(text: str) -> bool:
    return bool(re.search(r"[ap]\.?\s*m\.?\s*$", text.strip(), re.IGNORECASE)) or any(w in text for w in _HALF_DAY)


def _activities(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Daylio's `a | b | c` as tags; one too long to be a tag is returned apart (it goes into the note)."""
    tags: list[str] = []
    long_ones: list[str] = []
    for part in text.split("|"):
        name = " ".join(part.split())
        if name:
            (tags if len(name) <= MAX_ACTIVITY_CHARS else long_ones).append(name)
    return tuple(tags), long_ones


def _scales(text: str) -> tuple[float | None, int | None, list[str]]:
    """`Sleep Quality: 8/10 points | Sleep Time: 8:00 | Awake mid-sleep: 1:00` → (8.0, 8, ["Awake …: 1:00"])."""
    hours: float | None = None
    quality: int | None = None
    others = []
    for part in text.split("|"):
        item = " ".join(part.replace("\xa0", " ").split())
        if not item:
            continue
        name, _, value = item.partition(":")
        key = fold(name)
        is_sleep = any(word in _SLEEP for word in key.split())
        if is_sleep and any(word in key for word in _QUALITY) and quality is None:
            quality = _out_of_ten(value)
            if quality is not None:
                continue
        elif is_sleep and hours is None:
            hours = _hours(value)
            if hours is not None:
                continue
        others.append(item)
    return hours, quality, others


def _out_of_ten(value: str) -> int | None:
    m = re.match(r"\s*(\d+(?:[.,]\d+)?)\s*(?:/\s*(\d+(?:[.,]\d+)?))?", value)
    if not m:
        return None
    number = float(m.group(1).replace(",", "."))
    top = float(m.group(2).replace(",", ".")) if m.group(2) else 10.0
    if top <= 0 or not 0 <= number <= top:
        return None
    return int(number / top * 10 + 0.5)


def _hours(value: str) -> float | None:
    """`8:00`, `7:30`, `7.5`, `7h 30m` → hours; None when it is none of these or over 24."""
    v = value.strip().lower()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", v) or re.fullmatch(r"(\d{1,2})\s*h\s*(?:(\d{1,2})\s*m(?:in)?)?", v)
    if m:
        hours = int(m.group(1)) + int(m.group(2) or 0) / 60
    elif re.fullmatch(r"\d{1,2}(?:[.,]\d+)?", v):
        hours = float(v.replace(",", "."))
    else:
        return None
    return round(hours, 2) if 0 <= hours <= 24 else None


def _plain(text: str) -> str:
    """A Daylio note as plain text: line-break tags become line breaks, other tags go, entities are decoded."""
    if _TAG.search(text) or _ENTITY.search(text):
        text = html.unescape(_TAG.sub("", _LINE_TAGS.sub("\n", text))).replace("\xa0", " ")
    return text.strip()
