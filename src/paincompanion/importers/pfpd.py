"""Privacy Friendly Pain Diary's CSV (opencsv): one row per day, lists written Java-style as `[a, b]`.

Header: "Date","Conditions","Pain Level (0-10)","Body Regions","Pain nature","Times of pain","Drug Intakes","Comment".
"""

from __future__ import annotations

import re
from datetime import datetime, time

from ..domain.body import find_region
from ..domain.diary import EntryDraft, LocationPain
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, Parsed, aware, cell, header_index, java_list, pain_score, rows

NAME = "pfpd"
CONDITIONS = {"VERY_BAD": 0, "BAD": 3, "OKAY": 5, "GOOD": 8, "VERY_GOOD": 10}
#: The time of the entry: the first of the "times of pain" (the app stores a day, not a time).
TIMES = {"morning": time(9), "afternoon": time(15), "evening": time(19), "at night": time(22), "all day": time(12)}
NOON = time(12)
#: Region names of the app whose words differ from our body map's.
REGION_WORDS = {"ABDOMEN": "upper abdomen", "HEAD": "head", "NECK": "neck", "CHEST": "chest", "GROIN": "pelvis",
                "UPPER_ARM": "upper arm", "LOWER_ARM": "forearm", "HAND": "hand", "FOOT": "foot", "LOWER_LEG": "shin",
                "THIGH": "thigh", "SHOULDER": "shoulder", "ELBOW": "elbow", "KNEE": "knee", "HIP": "hip"}  # fmt: skip
BACK_WORDS = {"LOWER_LEG": "calf", "THIGH": "thigh", "HEAD": "back of head", "NECK": "back of neck",
              "FOOT": "heel", "ABDOMEN": "lower back", "CHEST": "upper back", "SHOULDER": "shoulder blade"}  # fmt: skip
MAPPING = [
    "Each row (one day) becomes one diary entry; Pain Level (0-10) is our pain.",
    "The entry's time is the first 'time of pain' (morning 09:00, afternoon 15:00, evening 19:00, at night 22:00,"
    " all day or none 12:00); all the times are also written in the note.",
    "Conditions become mood: very bad 0, bad 3, okay 5, good 8, very good 10.",
    "Body regions become body places; a region our body map does not have goes into the note.",
    "Pain natures become pain qualities; drug intakes (name, dose, how many morning/noon/evening/night) go into"
    " the note, not the dose log, because the app records no times of day.",
]


def parse(text: str, date_order: str | None = None) -> Parsed:
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text))
    if not records:
        raise ImportFormatError("The file is empty.")
    index = header_index(records[0][1])
    for needed in ("date", "pain level (0-10)"):
        if needed not in index:
            raise ImportFormatError(f"This Privacy Friendly Pain Diary file has no {needed!r} column.")
    body = records[1:]
    dates = DateReader([cell(r, index, "date") for _, r in body], date_order)
    for line, rec in body:
        try:
            result.entries.append((line, _row(rec, index, dates)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    result.ask_date_order(dates)
    return result


def region_id(name: str) -> str | None:
    """`KNEE_RIGHT` → front-right-knee, `HEAD_BACK` → back-head; None when our map has no such place."""
    parts = name.strip().upper().split("_")
    back = parts[-1:] == ["BACK"]
    if back:
        parts = parts[:-1]
    side = parts.pop() if parts[-1:] in (["LEFT"], ["RIGHT"]) else ""
    core = "_".join(parts)
    words = (BACK_WORDS.get(core) if back else None) or REGION_WORDS.get(core) or core.replace("_", " ").lower()
    candidates = [f"{side} {words}".strip()]
    if back:
        candidates = [f"back {c}" for c in candidates] + [f"{c} back" for c in candidates] + candidates
    for candidate in candidates:
        region = find_region(candidate)
        if region and (region.view == "back") == back:
            return region.id
    return None


def _row(rec: list[str], index: dict[str, int], dates: DateReader) -> EntryDraft:
    date_text = cell(rec, index, "date")
    if not date_text:
        raise ValidationError("the row has no date")
    day = dates.day(date_text.split(" ")[0]) if re.match(r"\d", date_text) else dates.day(date_text)
    pain_text = cell(rec, index, "pain level (0-10)")
    if not pain_text:
        raise ValidationError("the row has no pain level")
    pain = pain_score(pain_text, "Pain level")
    condition = cell(rec, index, "conditions").upper()
    if condition and condition not in CONDITIONS:
        raise ValidationError(f"unknown condition {condition!r}")
    times = java_list(cell(rec, index, "times of pain"))
    at = datetime.combine(day, next((TIMES[t.lower()] for t in times if t.lower() in TIMES), NOON))
    locations, other = [], []
    for name in java_list(cell(rec, index, "body regions")):
        rid = region_id(name)
        if rid:
            locations.append(LocationPain(rid))
        else:
            other.append(name.replace("_", " ").lower())
    notes = []
    if times:
        notes.append(f"Times of pain: {', '.join(times)}.")
    if other:
        notes.append(f"Other places: {', '.join(other)}.")
    drugs = drug_intakes(cell(rec, index, "drug intakes"))
    if drugs:
        notes.append("Medicines: " + "; ".join(drugs) + ".")
    if comment := cell(rec, index, "comment"):
        notes.append(comment)
    return EntryDraft(
        at=aware(at),
        pain=pain,
        locations=tuple(dict.fromkeys(locations)),
        qualities=tuple(java_list(cell(rec, index, "pain nature"))),
        mood=CONDITIONS.get(condition),
        note="\n".join(notes),
    )


_DRUG = re.compile(r"drug:\[name:(?P<name>[^,\]]*),\s*dose:?(?P<dose>[^\]]*)\](?P<rest>[^\]]*)\]")
_QUANTITY = re.compile(r"quantity(Morning|Noon|Evening|Night):(\d+)")


def drug_intakes(text: str) -> list[str]:
    """`[[drug:[name:Ibuprofen,dose400 mg],quantityMorning:1,…],]` → ["Ibuprofen 400 mg: morning 1, evening 1"]."""
    found = []
    for match in _DRUG.finditer(text):
        name, dose = match.group("name").strip(), match.group("dose").strip()
        amounts = [f"{when.lower()} {n}" for when, n in _QUANTITY.findall(match.group("rest")) if n != "0"]
        found.append(f"{name} {dose}".strip() + (f": {', '.join(amounts)}" if amounts else ""))
    if not found and text.strip() not in ("", "[]", "[,]"):
        found.append(text.strip())  # an unknown shape: keep it word for word rather than lose it
    return found
