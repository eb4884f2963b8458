"""Migraine Buddy's CSV export: an "ongoing events" section, a blank line, then one row per attack.

Attacks become diary entries: `Started` (M/D/YY H:MM, local time) with `Start UTC Offset (min)`, `Pain Level`
(0–10, required), positions as body places, triggers, what helped, and the rest in the note.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..domain.body import find_region
from ..domain.diary import EntryDraft, LocationPain
from ..domain.places import known_place
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, Parsed, aware, cell, header_index, pain_score, rows, split_list, utc_offset

NAME = "migraine-buddy"
NO_MEDICATION = "no medication"
#: Words in Migraine Buddy's pain positions ("Right Back of Head (Lower)", "Left Front Head", "Left Temple",
#: "Behind Right Eye", "Top of Head", "Left Neck", "Right Jaw") → our head and neck regions. The body map has one
#: front and one back of the head, so side and upper/lower are kept in the note (the position as written).
_BACK_HEAD = ("back", "occipital", "occiput", "nape", "base")
_HEAD = ("head", "skull", "forehead", "temple", "temples", "eye", "eyes", "brow", "eyebrow", "face", "cheek", "sinus",
         "sinuses", "nose", "crown", "vertex", "ear", "ears", "occipital", "occiput")  # fmt: skip
_JAW = ("jaw", "teeth", "tooth", "chin")
HELPED = ("helpful medication", "somewhat helpful medication", "helpful non drug relief methods",
          "somewhat helpful non drug relief methods")  # fmt: skip
NOTED = (("attack types", "Attack type"), ("symptoms", "Symptoms"), ("most bothersome symptom", "Most bothersome"),
         ("premonitory symptoms", "Premonitory symptoms"), ("unhelpful medication", "Medicines that did not help"),
         ("unsure medication", "Medicines, unsure if they helped"),
         ("unhelpful non drug relief methods", "Other relief that did not help"),
         ("unsure non drug relief methods", "Other relief, unsure if it helped"))  # fmt: skip
MAPPING = [
    "Each attack becomes one diary entry at its start time (Migraine Buddy's local time with its UTC offset). Whether"
    " dates are month/day or day/month is read from the whole file; when no date tells, you are asked.",
    "Pain Level is our 0–10 pain. Pain positions become body places: back of the head → Back of head; front, side,"
    " top, temples, eyes and forehead → Head (front); neck → Back of neck; jaw → that side's jaw; other names"
    " (shoulder, lower back…) → the places they name. Each position as written in Migraine Buddy (side, upper or"
    " lower) is also kept in the note; a position that is no place goes into the note only.",
    'Auras go into the note ("Auras: …").',
    "Triggers become triggers; helpful and somewhat helpful medicines and relief methods become 'what helped'.",
    "Duration, attack type, symptoms and unhelpful or unsure remedies go into the note;"
    " the geohash (a map location) is not imported.",
    "The 'ongoing events' section has no pain score, so its rows are listed as skipped.",
]


def parse(text: str, date_order: str | None = None) -> Parsed:
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text))
    start = next((i for i, (_, rec) in enumerate(records) if rec and rec[0].strip() == "#"), None)
    if start is None:
        raise ImportFormatError('This Migraine Buddy file has no attacks section (its header starts with "#").')
    for line, rec in records[:start]:
        if [c.strip().lower() for c in rec[:2]] != ["date", "time period"]:
            result.skip(line, "an ongoing event, not an attack: it has no pain score")
    index = header_index(records[start][1])
    for needed in ("started", "pain level"):
        if needed not in index:
            raise ImportFormatError(f"The attacks section of this Migraine Buddy file has no {needed!r} column.")
    attacks = records[start + 1 :]
    dates = DateReader(DateReader.slash_samples([cell(r, index, "started") for _, r in attacks]), date_order)
    for line, rec in attacks:
        try:
            result.entries.append((line, _attack(rec, index, dates)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    result.ask_date_order(dates)
    return result


def _attack(rec: list[str], index: dict[str, int], dates: DateReader) -> EntryDraft:
    started = cell(rec, index, "started")
    if not started:
        raise ValidationError("the attack has no start time")
    at: datetime = dates.moment(started)
    offset = utc_offset(cell(rec, index, "start utc offset (min)"))
    at = at.replace(tzinfo=offset) if offset else aware(at)
    pain_text = cell(rec, index, "pain level")
    if not pain_text:
        raise ValidationError("the attack has no pain level")
    pain = pain_score(pain_text, "Pain level")
    locations: list[LocationPain] = []
    positions = split_list(cell(rec, index, "pain positions"))
    for place in positions:
        locations += [LocationPain(region) for region in position_regions(place)]
    helped = [item for key in HELPED for item in split_list(cell(rec, index, key)) if item.lower() != NO_MEDICATION]
    notes = []
    if lasted := cell(rec, index, "lasted"):
        notes.append(f"Lasted {lasted}.")
    if positions:
        notes.append(f"Where it hurt: {', '.join(dict.fromkeys(positions))}.")
    if auras := split_list(cell(rec, index, "auras")):
        notes.append(f"Auras: {', '.join(auras)}.")
    if place := cell(rec, index, "attack location"):
        notes.append(f"Where I was: {place}.")
    for key, label in NOTED:
        items = [i for i in split_list(cell(rec, index, key)) if i.lower() != NO_MEDICATION]
        if items:
            notes.append(f"{label}: {', '.join(items)}.")
    if affected := cell(rec, index, "affected activities"):
        notes.append(f"Affected activities: {affected}.")
    if note := cell(rec, index, "notes"):
        notes.append(note)
    return EntryDraft(
        at=at,
        pain=pain,
        locations=tuple(dict.fromkeys(locations)),
        triggers=tuple(split_list(cell(rec, index, "potential triggers"))),
        helped=tuple(helped),
        note="\n".join(notes),
    )


def position_regions(place: str) -> tuple[str, ...]:
    """Our region ids for one of Migraine Buddy's pain positions; () when it names no place we know."""
    words = re.sub(r"[^a-z]+", " ", re.sub(r"\([^)]*\)", " ", place.lower())).split()
    if "neck" in words and "front" not in words:
        return ("back-neck",)  # a headache diary's neck is the back of the neck
    if found := find_region(place):
        return (found.id,)
    sides = [w for w in ("left", "right") if w in words]
    if any(w in _JAW for w in words):
        return tuple(f"front-{side}-jaw" for side in (sides or ["left", "right"]))
    if any(w in _HEAD for w in words):
        return ("back-head",) if any(w in _BACK_HEAD for w in words) else ("front-head",)
    return tuple(r.id for r in known_place(place))  # everyday names: "both shoulders", "lower back"
