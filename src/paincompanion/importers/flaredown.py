"""Flaredown's CSV: what a patient tracked at each daily check-in (conditions, symptoms, treatments, tags…).

Two layouts are read:
- the app's own export ("Export data", emailed; the app's DataExportJob): one row per check-in,
  `Date, <each condition>, <each symptom>, <each treatment>, Tags, Foods`; conditions and symptoms hold
  0–4, treatments their dose text ("20 mg"), Tags and Foods names separated by "; ";
- the research export (fd-export.csv): one row per tracked item per check-in,
  `user_id, age, sex, country, checkin_date, trackable_id, trackable_type, trackable_name, trackable_value`
  (types Condition, Symptom, Treatment, Tag, Food, Weather, HBI), possibly of several people.

Flaredown has no single pain score: the patient chooses which tracked item is it (ImportOptions.pain_item);
until then the most recorded item with a pain word in its name is used, and the preview says so.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..domain.diary import EntryDraft
from ..errors import ImportFormatError, ValidationError
from .common import DoseDraft, ImportOptions, Parsed, aware, cell, header_index, rows, scale_to_ten

NAME = "flaredown"
RESEARCH_COLUMNS = ("checkin_date", "trackable_type", "trackable_name", "trackable_value")
PAIN_WORDS = ("pain", "ache", "migraine", "cramp", "sore", "neuralgia", "sciatica")
RATED = ("condition", "symptom")
#: Flaredown records a day, not a time: entries and doses are put at noon.
NOON = time(12)
STEPS = ", ".join(f"{v}→{scale_to_ten(v, 0, 4)}" for v in range(5))
SEVERITY = ("none", "mild", "moderate", "severe", "very severe")


@dataclass
class _Checkin:
    line: int
    ratings: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (value 0–4, line)
    notes: list[str] = field(default_factory=list)
    doses: list[tuple[int, str, str]] = field(default_factory=list)  # (line, treatment, dose text)


def is_flaredown(header: list[str]) -> bool:
    """The research layout's columns, or the app's own export (Date first; Tags and Foods last)."""
    index = header_index(header)
    if all(c in index for c in RESEARCH_COLUMNS):
        return True
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    return len(names) >= 3 and names[0] == "date" and names[-2:] == ["tags", "foods"]


def parse(text: str, options: ImportOptions | None = None) -> Parsed:
    options = options or ImportOptions()
    records = list(rows(text))
    if not records or not is_flaredown(records[0][1]):
        raise ImportFormatError(
            "This is not a Flaredown export (it needs Date … Tags, Foods columns, or checkin_date, trackable_type,"
            " trackable_name and trackable_value)."
        )
    result = Parsed(NAME)
    research = all(c in header_index(records[0][1]) for c in RESEARCH_COLUMNS)
    checkins = _research(records, options, result) if research else _own(records, result)
    counts = Counter(name for c in checkins.values() for name in c.ratings)
    items = sorted(counts, key=lambda n: (-counts[n], n.casefold()))
    if items:
        result.choices["pain_item"] = items
    pain_item = _pain_item(options.pain_item, items, result)
    result.mapping += [
        f"Conditions and symptoms are rated 0–4 in Flaredown; the pain score is converted to 0–10 ({STEPS}).",
        "Each check-in (a day) becomes one diary entry at 12:00 in this computer's time zone (Flaredown keeps no"
        " time); a check-in without the pain item is skipped.",
        "Every other condition and symptom goes into the entry's note with its rating (not tags), and so do"
        " Flaredown's tags, foods, weather and other readings.",
        "Treatments go into the dose log at 12:00 of the check-in day, with the dose Flaredown recorded as the amount;"
        " a treatment not on your list is added to it.",
    ]
    for day, checkin in sorted(checkins.items()):
        for line, name, dose in checkin.doses:
            try:
                result.doses.append((line, DoseDraft(name, aware(datetime.combine(day, NOON)), dose)))
            except ValidationError as exc:
                result.skip(line, str(exc))
        _entry(day, checkin, pain_item, result)
    return result


def _pain_item(chosen: str | None, items: list[str], result: Parsed) -> str | None:
    if chosen:
        found = next((i for i in items if i.casefold() == chosen.strip().casefold()), None)
        if found is None:
            raise ImportFormatError(
                f"This Flaredown file has no condition or symptom called {chosen.strip()!r}; it has: "
                + ", ".join(items[:12])
                + ("…" if len(items) > 12 else "")
                + "."
            )
        result.mapping.insert(0, f"The pain score is your Flaredown item '{found}' (your choice).")
        return found
    painful = [i for i in items if any(word in i.casefold() for word in PAIN_WORDS)]
    if painful:
        result.mapping.insert(
            0,
            f"The pain score is your Flaredown item '{painful[0]}', the most recorded one with a pain word in its"
            " name; choose another in the preview (command line: --pain-item NAME).",
        )
        return painful[0]
    result.mapping.insert(
        0,
        "None of your Flaredown items has a pain word in its name: choose which one is the pain score (command"
        " line: --pain-item NAME); until then no diary entries are made (treatments still go into the dose log).",
    )
    return None


def _entry(day: date, checkin: _Checkin, pain_item: str | None, result: Parsed) -> None:
    if pain_item is None:
        result.skip(checkin.line, f"the check-in of {day.isoformat()}: choose which item is the pain score")
        return
    if pain_item not in checkin.ratings:
        result.skip(checkin.line, f"the check-in of {day.isoformat()} has no rating of {pain_item[:60]}")
        return
    value = checkin.ratings[pain_item][0]
    notes = [f"{name}: {v} of 4 ({SEVERITY[v]})." for name, (v, _) in checkin.ratings.items() if name != pain_item]
    notes.append(f"{pain_item}: {value} of 4 in Flaredown.")
    notes += checkin.notes
    try:
        draft = EntryDraft(at=aware(datetime.combine(day, NOON)), pain=scale_to_ten(value, 0, 4),
                           note="\n".join(dict.fromkeys(notes)))  # fmt: skip
    except ValidationError as exc:
        result.skip(checkin.line, str(exc))
        return
    result.entries.append((checkin.line, draft))


def _day(text: str) -> date:
    value = text.strip()
    if not re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value):
        raise ValidationError(f"the date {value[:40]!r} is not a date like 2017-04-28")
    try:
        day = date(*(int(p) for p in value.split("-")))
    except ValueError:
        raise ValidationError(f"the date {value!r} does not exist") from None
    aware(datetime.combine(day, NOON), value)  # years 1900–2200
    return day


def _rating(value: str, name: str) -> int | None:
    """0–4 (also "2.0"); None when empty; ValidationError otherwise."""
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-4](?:\.0*)?", text):
        raise ValidationError(f"the rating {text[:40]!r} of {name[:60]} is not one of 0–4")
    return int(text[0])


def _research(records: list[tuple[int, list[str]]], options: ImportOptions, result: Parsed) -> dict[date, _Checkin]:
    index = header_index(records[0][1])
    body = records[1:]
    people = Counter(cell(r, index, "user_id") for _, r in body) if "user_id" in index else Counter()
    person = options.person.strip() if options.person else None
    if len(people) > 1:
        result.choices["person"] = [p for p, _ in people.most_common()]
        if person is None:
            result.mapping.append(
                f"This file holds the check-ins of {len(people)} people (user_id): choose whose to import (command"
                " line: --person ID); until then every row is skipped."
            )
    if person is not None and person not in people and people:
        raise ImportFormatError(f"This Flaredown file has no user_id {person[:60]!r}.")
    checkins: dict[date, _Checkin] = {}
    left_out = 0
    for line, rec in body:
        if len(people) > 1 and cell(rec, index, "user_id") != person:
            left_out += 1
            continue
        try:
            day = _day(cell(rec, index, "checkin_date"))
            kind = cell(rec, index, "trackable_type").lower()
            name = " ".join(cell(rec, index, "trackable_name").split())
            value = cell(rec, index, "trackable_value")
            if not name:
                raise ValidationError("the row names no tracked item")
            checkin = checkins.setdefault(day, _Checkin(line))
            _reading(checkin, line, kind, name, value)
        except ValidationError as exc:
            result.skip(line, str(exc))
    if left_out:
        rows_word = "1 row" if left_out == 1 else f"{left_out:,} rows"
        who = "another person's check-ins" if person else "waiting for you to choose whose check-ins to import"
        result.skip("…", f"{rows_word}: {who}")
    return checkins


def _reading(checkin: _Checkin, line: int, kind: str, name: str, value: str) -> None:
    if kind in RATED:
        rating = _rating(value, name)
        if rating is not None:
            checkin.ratings[name] = (rating, line)
        else:
            checkin.notes.append(f"{name}: recorded without a rating.")
    elif kind == "treatment":
        checkin.doses.append((line, name, _dose_text(value)))
    elif kind == "tag":
        checkin.notes.append(f"Tag: {name}.")
    elif kind == "food":
        checkin.notes.append(f"Food: {name}.")
    else:
        label = kind.capitalize() or "Reading"
        checkin.notes.append(f"{label}: {name}" + (f" {value}." if value else "."))


def _dose_text(value: str) -> str:
    """ "8.0 mg" → "8 mg" (Flaredown writes doses as decimals)."""
    text = " ".join(value.split())
    return re.sub(r"\b(\d+)\.0+\b", r"\1", text)


def _own(records: list[tuple[int, list[str]]], result: Parsed) -> dict[date, _Checkin]:
    header = [" ".join(h.split()).lstrip("\ufeff") for h in records[0][1]]
    body = records[1:]
    items = header[1:-2]
    # Conditions and symptoms hold 0–4; treatments a dose text. The header does not say which is which.
    rated = {
        i for i, name in enumerate(items, start=1)
        if all(re.fullmatch(r"[0-4](?:\.0*)?|", (r[i] if i < len(r) else "").strip()) for _, r in body)
    }  # fmt: skip
    checkins: dict[date, _Checkin] = {}
    for line, rec in body:
        rec = rec + [""] * (len(header) - len(rec))
        try:
            day = _day(rec[0])
        except ValidationError as exc:
            result.skip(line, str(exc))
            continue
        checkin = checkins.setdefault(day, _Checkin(line))
        for i, name in enumerate(items, start=1):
            value = rec[i].strip()
            if not value:
                continue
            if i in rated:
                checkin.ratings[name or f"column {i + 1}"] = (int(value[0]), line)
            else:
                checkin.doses.append((line, name or f"column {i + 1}", _dose_text(value)))
        for column, label in ((len(header) - 2, "Tags"), (len(header) - 1, "Foods")):
            names = [n.strip() for n in rec[column].split(";") if n.strip()]
            if names:
                checkin.notes.append(f"{label}: {', '.join(names)}.")
        if len(rec) > len(header):
            checkin.notes.append("More cells: " + ", ".join(c.strip() for c in rec[len(header) :] if c.strip()) + ".")
    return checkins
