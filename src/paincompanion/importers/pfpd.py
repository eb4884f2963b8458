"""Privacy Friendly Pain Diary's JSON backup, made through the "Privacy Friendly Backup" app.

Released versions of the app (1.0–1.3.2) have no CSV export: their data leaves the phone as this backup (or a
PDF). Its layout, from the app's public code (backup/BackupCreator.kt with the Backup API's DatabaseUtil):

    {"database": {"version": 2, "content": [{"tableName": "diaryentries", "createSql": "...",
                  "values": [{"_id": 1, "date": "2025-01-15", "painDescription_id": 1, "condition": 1,
                              "notes": "..."}]}, ...]},
     "preferences": {...}}

Exported from the Backup app the file wraps it: {"filename", "packageName", "timestamp", "encrypted", "data"}
with the backup above as a JSON string in "data". Tables (Room schema 2): diaryentries (one per day),
paindescriptions (painLevel 0–10, bodyRegions "7,15" as BodyRegion numbers, painQualities "stabbing,dull",
timesOfPain "morning,at night"), drugs (name, dose) and drugintakes (morning/noon/evening/night counts of a
drug on a diary day). The older schema's table names (diaryentry, paindescription, drug, drugintake, "id") are
read too.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from functools import cache
from typing import Any

from ..domain.body import find_region
from ..domain.diary import PAIN_QUALITIES, EntryDraft, LocationPain
from ..errors import ImportFormatError, ValidationError
from .common import DoseDraft, Parsed, aware, describe, pain_score

NAME = "pfpd"
#: Table names (schema 2, Room; and schema 1) → the reader's names.
TABLES = {"diaryentries": "diaryentry", "diaryentry": "diaryentry", "paindescriptions": "paindescription",
          "paindescription": "paindescription", "drugs": "drug", "drug": "drug", "drugintakes": "drugintake",
          "drugintake": "drugintake"}  # fmt: skip
PACKAGE = "org.secuso.privacyfriendlypaindiary"
#: The app's Condition enum (0–4) on our 0–10 mood.
CONDITIONS = {0: 0, 1: 3, 2: 5, 3: 8, 4: 10}
CONDITION_WORDS = ("very bad", "bad", "okay", "good", "very good")
#: The time of the entry: the first of the "times of pain" (the app stores a day, not a time).
TIMES = {"morning": time(9), "afternoon": time(15), "evening": time(19), "at night": time(22), "all day": time(12)}
NOON = time(12)
#: Drug intakes are counted per part of the day; each becomes a dose at this time.
INTAKE_TIMES = {"morning": time(8), "noon": time(12), "evening": time(18), "night": time(22)}
#: The app's BodyRegion enum, by number (front 0–21, back 22–43: the same names with _BACK).
_FRONT = ("ABDOMEN_RIGHT", "ABDOMEN_LEFT", "GROIN_LEFT", "GROIN_RIGHT", "THIGH_LEFT", "THIGH_RIGHT", "KNEE_LEFT",
          "KNEE_RIGHT", "LOWER_LEG_LEFT", "LOWER_LEG_RIGHT", "FOOT_LEFT", "FOOT_RIGHT", "CHEST_LEFT", "CHEST_RIGHT",
          "NECK", "HEAD", "UPPER_ARM_LEFT", "UPPER_ARM_RIGHT", "LOWER_ARM_LEFT", "LOWER_ARM_RIGHT", "HAND_LEFT",
          "HAND_RIGHT")  # fmt: skip
BODY_REGIONS = {i: name for i, name in enumerate(_FRONT)} | {22 + i: f"{name}_BACK" for i, name in enumerate(_FRONT)}
#: Region names of the app whose words differ from our body map's.
REGION_WORDS = {"ABDOMEN": "upper abdomen", "HEAD": "head", "NECK": "neck", "CHEST": "chest", "GROIN": "pelvis",
                "UPPER_ARM": "upper arm", "LOWER_ARM": "forearm", "HAND": "hand", "FOOT": "foot", "LOWER_LEG": "shin",
                "THIGH": "thigh", "SHOULDER": "shoulder", "ELBOW": "elbow", "KNEE": "knee", "HIP": "hip"}  # fmt: skip
BACK_WORDS = {"LOWER_LEG": "calf", "THIGH": "thigh", "HEAD": "back of head", "NECK": "back of neck",
              "FOOT": "heel", "ABDOMEN": "lower back", "CHEST": "upper back", "SHOULDER": "shoulder blade",
              "GROIN": "buttock"}  # fmt: skip
MAPPING = [
    "Each diary day of the Pain Diary becomes one diary entry; its pain level (0-10) is our pain.",
    "The entry's time is the first 'time of pain' (morning 09:00, afternoon 15:00, evening 19:00, at night 22:00,"
    " all day or none 12:00), in this computer's time zone; all the times of pain are also written in the note.",
    "Condition becomes mood: very bad 0, bad 3, okay 5, good 8, very good 10.",
    "Body regions become body places; a region our body map does not have goes into the note. Pain qualities"
    " (stabbing, dull, shooting, burning, throbbing) are kept as they are.",
    "Medication intakes go into the dose log: each count of the morning, noon, evening and night becomes a dose at"
    " 08:00, 12:00, 18:00 or 22:00 that day; the amount is the count times the drug's dose (2 × '500 mg' is"
    " 1000 mg). A medicine not on your list is added to it.",
    "Your name and date of birth from the app's profile, and its settings, are not imported.",
]


def parse(text: str) -> Parsed:
    tables = _tables(_document(text))
    result = Parsed(NAME, mapping=list(MAPPING))
    descriptions = {_id(r): r for r in tables.get("paindescription", [])}
    drugs = {_id(r): r for r in tables.get("drug", [])}
    intakes: dict[Any, list[dict[str, Any]]] = {}
    for row in tables.get("drugintake", []):
        intakes.setdefault(str(row.get("diaryentry_id")), []).append(row)
    if "diaryentry" not in tables:
        raise ImportFormatError("This Privacy Friendly Pain Diary backup has no table of diary entries.")
    entries = tables["diaryentry"]
    for n, row in enumerate(entries, start=1):
        where = f"diary entry {n}"
        try:
            day = _day(row.get("date"))
        except ValidationError as exc:
            result.skip(where, str(exc))
            continue
        try:
            result.entries.append((where, _entry(day, row, descriptions)))
        except ValidationError as exc:
            result.skip(where, str(exc))
        for intake in intakes.get(_id(row), []):
            try:
                result.doses += [(where, dose) for dose in _doses(day, intake, drugs)]
            except ValidationError as exc:
                result.skip(where, str(exc))
    return result


def _document(text: str) -> dict[str, Any]:
    """The backup's {"database": …} object, unwrapped from the Backup app's export if need be."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise ImportFormatError("This Privacy Friendly Pain Diary backup is not readable JSON.") from None
    if isinstance(document, dict) and "data" in document and "database" not in document:
        package = document.get("packageName")
        if isinstance(package, str) and package and package != PACKAGE:
            raise ImportFormatError(f"This backup is from another app ({describe(package)}), not the Pain Diary.")
        if document.get("encrypted") is True:
            raise ImportFormatError(
                "This backup is encrypted. In Privacy Friendly Backup, export it again without encryption"
                " (turn encryption off in its settings first) and import that file."
            )
        inner = document.get("data")
        if not isinstance(inner, str):
            raise ImportFormatError("This Privacy Friendly Backup file has no backup data in it.")
        try:
            document = json.loads(inner)
        except (ValueError, RecursionError):
            raise ImportFormatError("The backup data in this Privacy Friendly Backup file is not readable.") from None
    if not isinstance(document, dict) or not isinstance(document.get("database"), dict):
        raise ImportFormatError("This is not a Privacy Friendly Pain Diary backup (it has no 'database').")
    return document


def _tables(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows by table ("diaryentry", "paindescription", "drug", "drugintake"), keys lower-cased."""
    content = document["database"].get("content")
    if not isinstance(content, list):
        raise ImportFormatError("This Privacy Friendly Pain Diary backup has no table list ('content').")
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in content:
        if not isinstance(table, dict) or not isinstance(table.get("tableName"), str):
            continue
        name = TABLES.get(table["tableName"].lower())
        if name is None:
            continue
        values = table.get("values")
        if isinstance(values, list):
            rows = [{str(k).lower(): v for k, v in r.items()} for r in values if isinstance(r, dict)]
            tables.setdefault(name, []).extend(rows)
    return tables


def _id(row: dict[str, Any]) -> Any:
    value = row.get("_id", row.get("id"))
    return str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None


def _day(value: Any) -> date:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValidationError(f"the date {describe(value)} is not a date like 2025-01-15")
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(f"the date {describe(value)} does not exist") from None
    aware(datetime.combine(day, NOON), value)  # years 1900–2200
    return day


def _whole(value: Any, what: str) -> int | None:
    """An integer column (the Backup API writes numbers; a restored backup may hold them as text)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not re.fullmatch(r"-?\d{1,4}", str(value)):
        raise ValidationError(f"the {what} {describe(value)} is not a whole number")
    return int(value)


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        raise ValidationError(f"a list of names was {describe(value)}")
    return [p.strip() for p in value.split(",") if p.strip()]


def _entry(day: date, row: dict[str, Any], descriptions: dict[Any, dict[str, Any]]) -> EntryDraft:
    description = descriptions.get(str(row.get("paindescription_id")))
    if description is None:
        raise ValidationError(f"the diary entry of {day.isoformat()} has no pain description (no pain level)")
    level = description.get("painlevel")
    if level is None or isinstance(level, bool) or not isinstance(level, (int, str)):
        raise ValidationError(f"the pain level {describe(level)} of {day.isoformat()} is not a number")
    pain = pain_score(str(level), "Pain level")
    condition = _whole(row.get("condition"), "condition")
    if condition is not None and condition not in CONDITIONS:
        raise ValidationError(f"unknown condition {condition}")
    times = _names(description.get("timesofpain"))
    at = datetime.combine(day, next((TIMES[t.lower()] for t in times if t.lower() in TIMES), NOON))
    locations, other = [], []
    for number in _names(description.get("bodyregions")):
        name = BODY_REGIONS.get(int(number)) if number.isdigit() and len(number) < 4 else None
        rid = region_id(name) if name else None
        if rid:
            locations.append(LocationPain(rid))
        else:
            other.append(name.replace("_", " ").lower() if name else f"region {number}")
    qualities = [q.lower() for q in _names(description.get("painqualities"))]
    notes = []
    if times:
        notes.append(f"Times of pain: {', '.join(times)}.")
    if other:
        notes.append(f"Other places: {', '.join(other)}.")
    unknown = [q for q in qualities if q not in PAIN_QUALITIES]
    if unknown:
        notes.append(f"Pain nature: {', '.join(unknown)}.")
    note = row.get("notes")
    if isinstance(note, str) and note.strip():
        notes.append(note.strip())
    return EntryDraft(
        at=aware(at),
        pain=pain,
        locations=tuple(dict.fromkeys(locations)),
        qualities=tuple(dict.fromkeys(q for q in qualities if q in PAIN_QUALITIES)),
        mood=CONDITIONS.get(condition) if condition is not None else None,
        note="\n".join(notes),
    )


_DOSE = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-zA-Zµμ]+)")


def _doses(day: date, intake: dict[str, Any], drugs: dict[Any, dict[str, Any]]) -> list[DoseDraft]:
    """One dose per part of the day with a count above 0; the amount is count × the drug's dose."""
    drug = drugs.get(str(intake.get("drug_id")))
    name = drug.get("name") if drug else None
    if not isinstance(name, str) or not name.strip():
        raise ValidationError(f"a medication intake of {day.isoformat()} names no drug")
    dose = drug.get("dose") if drug else None
    dose = dose.strip() if isinstance(dose, str) else ""
    found = []
    for part, clock in INTAKE_TIMES.items():
        count = _whole(intake.get(part), f"{part} count of {name.strip()[:60]}")
        if not count:
            continue
        if count < 0:
            raise ValidationError(f"the {part} count of {name.strip()[:60]} is below zero")
        found.append(DoseDraft(name.strip(), aware(datetime.combine(day, clock)), *_amount(count, dose)))
    return found


def _amount(count: int, dose: str) -> tuple[str, str]:
    """(amount, note): "500 mg" ×2 → ("1000 mg", "2 × 500 mg"); a dose that is no number+unit stays in the note."""
    if count == 1:
        return dose, ""
    match = _DOSE.fullmatch(dose)
    if match:
        total = float(match.group(1).replace(",", ".")) * count
        return f"{total:g} {match.group(2)}", f"{count} × {dose}"
    return str(count), f"{count} × {dose}" if dose else ""


@cache
def region_id(name: str) -> str | None:
    """`KNEE_RIGHT` → front-right-knee, `HEAD_BACK` → back-head; None when our map has no such place.

    Our back view has no arms or hands: an arm or hand seen from the back is the same limb's front place."""
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
    if back and core in ("UPPER_ARM", "LOWER_ARM", "HAND"):
        return region_id(name.strip().upper().removesuffix("_BACK"))
    return None
