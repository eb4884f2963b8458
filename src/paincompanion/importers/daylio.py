"""Daylio's CSV (a mood diary): full_date,date,weekday,time,mood,activities,note_title,note.

Daylio has no pain score and every diary entry needs one, so Daylio rows do not become entries of their own:
each day's mood is added to the diary entries of that day that have no mood yet (decided in
services/foreign_import.py). A day with no such entry is listed as skipped there, with the reason.
"""

from __future__ import annotations

from datetime import date

from ..errors import ImportFormatError, ValidationError
from .common import DateReader, MoodDraft, Parsed, cell, header_index, rows

NAME = "daylio"
#: Daylio's five default moods, evenly over 0–10. Renamed or extra moods are reported, not guessed.
MOODS = {"rad": 10, "good": 8, "meh": 5, "bad": 3, "awful": 0}
MAPPING = [
    "Daylio has no pain score, and every diary entry needs one, so Daylio adds no entries.",
    "Instead each day's mood goes into your diary entries of that day that have no mood yet:"
    " rad 10, good 8, meh 5, bad 3, awful 0 (several moods in one day: their average).",
    "Days without a diary entry, and moods Daylio lets you rename, are listed as skipped.",
]


def parse(text: str) -> Parsed:
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text))
    if not records:
        raise ImportFormatError("The file is empty.")
    index = header_index(records[0][1])
    if "mood" not in index or ("full_date" not in index and "date" not in index):
        raise ImportFormatError("This Daylio file has no 'full_date' and 'mood' columns.")
    body = records[1:]
    dates = DateReader([cell(r, index, "full_date") or cell(r, index, "date") for _, r in body])
    by_day: dict[date, list[tuple[int, int]]] = {}
    for line, rec in body:
        try:
            text_date = cell(rec, index, "full_date") or cell(rec, index, "date")
            if not text_date:
                raise ValidationError("the row has no date")
            day = dates.day(text_date)
            mood = cell(rec, index, "mood").lower()
            if mood not in MOODS:
                raise ValidationError(f"the mood {mood!r} is not one of Daylio's five (rad, good, meh, bad, awful)")
            by_day.setdefault(day, []).append((line, MOODS[mood]))
        except ValidationError as exc:
            result.skip(line, str(exc))
    for day, found in sorted(by_day.items()):
        average = sum(m for _, m in found) / len(found)
        result.moods.append((found[0][0], MoodDraft(day, int(average + 0.5))))
    return result
