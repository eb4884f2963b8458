"""Bearable's "long" CSV: one row per reading (mood, energy, sleep, symptoms, factors, medication, notes).

Bearable has no single pain score, so each DAY with a pain-like symptom becomes one entry; the rules are in
MAPPING (shown in the import preview). Days without one are reported as skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..domain.diary import EntryDraft
from ..domain.mood_record import MoodRecordDraft
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, DoseDraft, Parsed, aware, cell, clock_time, header_index, rows, scale_to_ten

NAME = "bearable"
SEVERITY = {"none": 0, "mild": 3, "moderate": 5, "severe": 8, "v. severe": 10, "very severe": 10, "extreme": 10}
#: A numeric symptom rating (0–4) read as the same steps.
SEVERITY_STEPS = (0, 3, 5, 8, 10)
PAIN_WORDS = ("pain", "ache", "migraine", "cramp", "sore", "neuralgia", "sciatica")
DAY_PARTS = {"morning": time(9), "midday": time(12), "afternoon": time(15), "evening": time(19),
             "night": time(22), "before bed": time(22),
             # Bearable's own time-of-day codes: the middle of each part of its day.
             "pre": time(3), "am": time(9), "mid": time(15), "pm": time(21), "all day": time(12)}  # fmt: skip
MEDICINE_CATEGORIES = ("meds/supplements", "medication", "medications", "meds", "supplements")
MAPPING = [
    "Bearable has no single pain score. Each day with a pain symptom (a symptom whose name has pain, ache, migraine,"
    " cramp, sore, neuralgia or sciatica in it) becomes one diary entry; a day without one keeps its mood, sleep and"
    ' other symptoms as a record without a pain score (pain "not rated").',
    "Pain is the worst such symptom that day: none 0, mild 3, moderate 5, severe 8, very severe 10"
    " (a numeric rating 0–4 is read as the same steps). Each pain symptom is also written in the note.",
    "Mood is the day's average mood, on 0–10: ratings of 1–5 are stretched (1→0, 3→5, 5→10); if any mood in the"
    " file is above 5, ratings are taken as 0–10 as they are.",
    "Sleep: a rating under the Sleep category of 0–24 (or h:mm, 4:45 = 4.75 hours) is hours slept; Sleep quality"
    " 1–5 is stretched to 0–10. Bedtimes written with the sleep go into the note.",
    "Medicines and supplements go into the dose log: the name before the unit ('Ibuprofen (mg)') is the medicine,"
    " the reading with the unit ('600 mg') the amount, at the reading's time. A name not on your list is added.",
    "Symptoms other than pain go into the note with their severity (not tags); energy, factors, food,"
    " measurements and notes go into the note too.",
    "Times: Bearable's time-of-day codes become times — pre 03:00, am 09:00, mid 15:00, pm 21:00, all day"
    " 12:00 (and morning 09:00, midday 12:00, afternoon 15:00, evening 19:00, night 22:00). The entry's time is"
    " that of the first pain symptom, or 12:00.",
]


@dataclass
class _Day:
    line: int
    pain: int | None = None
    at: time | None = None
    moods: list[float] = field(default_factory=list)
    sleep_hours: float | None = None
    sleep_quality: float | None = None
    notes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def parse(text: str, date_order: str | None = None) -> Parsed:
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text))
    if not records:
        raise ImportFormatError("The file is empty.")
    index = header_index(records[0][1])
    rating = "rating/amount" if "rating/amount" in index else "rating"
    detail = "detail" if "detail" in index else "label"
    time_col = "time of day" if "time of day" in index else "time"
    if "category" not in index or rating not in index:
        raise ImportFormatError("This Bearable file has no 'category' or 'rating/amount' column.")
    body = records[1:]
    dates = DateReader([cell(r, index, "date") for _, r in body], date_order)
    moods = [cell(r, index, rating) for _, r in body if cell(r, index, "category").lower() == "mood"]
    moods_over_five = any(_number(m) > 5 for m in moods if _is_number(m))
    days: dict[date, _Day] = {}
    for line, rec in body:
        try:
            day = _day_of(rec, index, dates)
            if cell(rec, index, "category").lower() in MEDICINE_CATEGORIES:
                result.doses.append((line, _dose(day, rec, index, rating, detail, time_col)))
                continue
            _add_reading(days.setdefault(day, _Day(line)), line, rec, index, rating, detail, time_col)
        except ValidationError as exc:
            result.skip(line, str(exc))
    result.ask_date_order(dates)
    for day, d in sorted(days.items()):
        mood = None
        if d.moods:
            average = sum(d.moods) / len(d.moods)
            mood = int(min(10, max(0, average)) + 0.5) if moods_over_five else scale_to_ten(average, 1, 5)
        quality = None if d.sleep_quality is None else scale_to_ten(d.sleep_quality, 1, 5)
        if d.pain is None:  # a day of mood, sleep and other symptoms only: kept without a pain score
            note = "\n".join(dict.fromkeys(d.notes))
            if mood is None and d.sleep_hours is None and quality is None and not note:
                readings = f"{len(d.lines)} reading" + ("" if len(d.lines) == 1 else "s")
                result.skip(d.line, f"nothing to keep on {day.isoformat()} ({readings}): no pain, mood, sleep or note")
                continue
            at = aware(datetime.combine(day, d.at or time(12)))
            record = MoodRecordDraft(at, mood, "", d.sleep_hours, quality, (), note, NAME)
            result.mood_records.append((d.line, record))
            continue
        draft = EntryDraft(
            at=aware(datetime.combine(day, d.at or time(12))),
            pain=d.pain,
            mood=mood,
            sleep_hours=d.sleep_hours,
            sleep_quality=quality,
            note="\n".join(dict.fromkeys(d.notes)),
        )
        result.entries.append((d.line, draft))
    return result


def _day_of(rec: list[str], index: dict[str, int], dates: DateReader) -> date:
    formatted = cell(rec, index, "date formatted")
    text = formatted or cell(rec, index, "date")
    if not text:
        raise ValidationError("the row has no date")
    return dates.day(text)


_HOURS = re.compile(r"(\d{1,2}):([0-5]\d)")
_UNIT = re.compile(r"(.*?)\s*\(([^()]{1,20})\)\s*")


def _hours(text: str) -> float:
    """`7.5` or `4:45` (h:mm) → hours."""
    match = _HOURS.fullmatch(text.strip())
    if match:
        return int(match.group(1)) + int(match.group(2)) / 60
    return _number(text)


def _dose(day: date, rec: list[str], index: dict[str, int], rating: str, detail: str, time_col: str) -> DoseDraft:
    """A medicine or supplement reading: "Ibuprofen (mg)" with 600 → Ibuprofen, "600 mg"."""
    label, value, when = cell(rec, index, detail), cell(rec, index, rating), cell(rec, index, time_col)
    match = _UNIT.fullmatch(label)
    name, unit = (match.group(1).strip(), match.group(2).strip()) if match else (label, "")
    if not name:
        raise ValidationError("the medicine reading has no name")
    amount = " ".join(p for p in (value, unit if value else "") if p)
    at = clock_time(when) or DAY_PARTS.get(when.lower()) or time(12)
    return DoseDraft(name, aware(datetime.combine(day, at)), amount, cell(rec, index, "notes"))


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(?:[.,]\d+)?", text.strip()) is not None


def _number(text: str) -> float:
    return float(text.strip().replace(",", "."))


def _add_reading(
    d: _Day, line: int, rec: list[str], index: dict[str, int], rating: str, detail: str, time_col: str
) -> None:
    d.lines.append(line)
    category = cell(rec, index, "category").lower()
    value, label, note = cell(rec, index, rating), cell(rec, index, detail), cell(rec, index, "notes")
    when = cell(rec, index, time_col)
    if note:
        d.notes.append(note)
    if category == "mood":
        if not _is_number(value) or not 0 <= _number(value) <= 10:
            raise ValidationError(f"the mood {value!r} is not a rating from 0 to 10")
        d.moods.append(_number(value))
    elif category == "sleep" and (_is_number(value) or _HOURS.fullmatch(value)):
        hours = _hours(value)
        if not 0 <= hours <= 24:
            raise ValidationError(f"the sleep {value!r} is not a number of hours (0 to 24)")
        d.sleep_hours = hours
    elif category == "sleep quality" and _is_number(value):
        if not 1 <= _number(value) <= 5:
            raise ValidationError(f"the sleep quality {value!r} is not a rating from 1 to 5")
        d.sleep_quality = _number(value)
    elif category == "symptom":
        name, severity = _symptom(label, value)
        if any(word in name.lower() for word in PAIN_WORDS) and severity is not None:
            if d.pain is None or severity > d.pain:
                d.pain = severity
            if d.at is None:
                d.at = clock_time(when) or DAY_PARTS.get(when.lower())
        d.notes.append(f"{name}: {_severity_word(severity)}.")
    elif label or value:
        d.notes.append(f"{cell(rec, index, 'category')}: {' '.join(p for p in (label, value) if p)}.")


def _symptom(label: str, value: str) -> tuple[str, int | None]:
    match = re.fullmatch(r"(.*?)\s*\(([^()]*)\)\s*", label)
    if match and match.group(2).strip().lower() in SEVERITY:
        return match.group(1).strip() or "Symptom", SEVERITY[match.group(2).strip().lower()]
    if _is_number(value):
        number = _number(value)
        if number.is_integer() and 0 <= number <= 4:
            return label or "Symptom", SEVERITY_STEPS[int(number)]
        raise ValidationError(f"the symptom rating {value!r} is not one of 0–4")
    if not value and not match:
        return label or "Symptom", None
    raise ValidationError(f"the symptom {label!r} has no severity this importer can read")


def _severity_word(severity: int | None) -> str:
    words = {0: "none", 3: "mild", 5: "moderate", 8: "severe", 10: "very severe"}
    return "recorded" if severity is None else words[severity]
