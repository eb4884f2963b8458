"""Migraine Buddy's CSV export: an "ongoing events" section, a blank line, then one row per attack.

Attacks become diary entries: `Started` (M/D/YY H:MM, local time) with `Start UTC Offset (min)`, `Pain Level`
(0–10, required), positions as body places, triggers, what helped, and the rest in the note.
"""

from __future__ import annotations

from datetime import datetime

from ..domain.body import find_region
from ..domain.diary import EntryDraft, LocationPain
from ..domain.places import known_place
from ..errors import ImportFormatError, ValidationError
from .common import DateReader, Parsed, aware, cell, header_index, pain_score, rows, split_list, utc_offset

NAME = "migraine-buddy"
NO_MEDICATION = "no medication"
#: Migraine Buddy's pain positions that are not names of our body map.
POSITIONS = {
    "forehead": "front-head", "left temple": "front-head", "right temple": "front-head", "temples": "front-head",
    "left eye": "front-head", "right eye": "front-head", "behind the eyes": "front-head", "eyes": "front-head",
    "top of head": "front-head", "head": "front-head", "back of head": "back-head", "neck": "back-neck",
    "left jaw": "front-left-jaw", "right jaw": "front-right-jaw",
}  # fmt: skip
HELPED = ("helpful medication", "somewhat helpful medication", "helpful non drug relief methods",
          "somewhat helpful non drug relief methods")  # fmt: skip
NOTED = (("attack types", "Attack type"), ("symptoms", "Symptoms"), ("most bothersome symptom", "Most bothersome"),
         ("premonitory symptoms", "Premonitory symptoms"), ("unhelpful medication", "Medicines that did not help"),
         ("unsure medication", "Medicines, unsure if they helped"),
         ("unhelpful non drug relief methods", "Other relief that did not help"),
         ("unsure non drug relief methods", "Other relief, unsure if it helped"))  # fmt: skip
MAPPING = [
    "Each attack becomes one diary entry at its start time (Migraine Buddy's M/D/YY local time and UTC offset).",
    "Pain Level is our 0–10 pain. Pain positions become body places where they match; the others go into the note.",
    "Triggers become triggers; helpful and somewhat helpful medicines and relief methods become 'what helped'.",
    "Duration, attack type, symptoms and unhelpful or unsure remedies go into the note;"
    " the geohash (a map location) is not imported.",
    "The 'ongoing events' section has no pain score, so its rows are listed as skipped.",
]


def parse(text: str) -> Parsed:
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
    dates = DateReader(DateReader.slash_samples([cell(r, index, "started") for _, r in attacks]))
    if dates.order is None:
        dates.order = "mdy"  # Migraine Buddy writes month/day/year; the file just could not prove it
    for line, rec in attacks:
        try:
            result.entries.append((line, _attack(rec, index, dates)))
        except ValidationError as exc:
            result.skip(line, str(exc))
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
    locations, other_places = [], []
    for place in split_list(cell(rec, index, "pain positions")):
        region = POSITIONS.get(place.lower()) or (found.id if (found := find_region(place)) else None)
        if region:
            locations.append(LocationPain(region))
        elif covered := known_place(place):  # everyday names: "neck", "both shoulders"
            locations += [LocationPain(r.id) for r in covered]
        elif place not in other_places:
            other_places.append(place)
    helped = [item for key in HELPED for item in split_list(cell(rec, index, key)) if item.lower() != NO_MEDICATION]
    notes = []
    if lasted := cell(rec, index, "lasted"):
        notes.append(f"Lasted {lasted}.")
    if other_places:
        notes.append(f"Where it hurt: {', '.join(other_places)}.")
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
