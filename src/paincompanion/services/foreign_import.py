"""Add what an importer (importers/) read from another app's file: checked, de-duplicated, in one transaction.

Importing the same file twice adds nothing the second time: an entry equal in time, pain and note to one in
the diary, a dose equal in medicine, time, amount and note to a logged one, and a mood-only record equal in
time, mood, mood name and note to a saved one are all reported as skipped, not added again. "Equal in time"
is the same moment OR the same wall-clock time: a file without UTC offsets is read in this computer's time
zone, so after the zone changed its times are other moments but the same clock times (the same day, hour
and minute as written in the file).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.bounds import parse_score
from ..domain.changes import ALL
from ..domain.diary import EntryDraft, validate_draft
from ..domain.medications import MedicationDraft, validate_dose, validate_medication
from ..domain.mood_record import MoodRecordDraft, record_key, validate_mood_record, wall_key
from ..errors import ValidationError
from ..importers import Parsed
from ..importers.daylio_words import fold
from ..storage.rows import from_utc_fields
from .companion import CompanionApi
from .medications import BatchItem
from .transfer import ImportResult, fingerprint


def import_parsed(
    companion: CompanionApi, parsed: Parsed, *, dry_run: bool = False, moods: Mapping[str, int] | None = None
) -> ImportResult:
    """Check and add `parsed`; `moods` is the patient's 0–10 for mood names (else each name's default)."""
    result = ImportResult(format=parsed.format, dry_run=dry_run, skipped=list(parsed.skipped))
    result.mapping = list(parsed.mapping)
    result.date_order_needed = parsed.date_order_needed
    result.choices = {key: list(values) for key, values in parsed.choices.items()}
    drafts = _entries(companion, parsed, result)
    mood_updates = _mood_records(companion, parsed, result, moods or {})
    med_items = _doses(companion, parsed, result)
    result.entries, result.moods = len(drafts), len(mood_updates)
    result.medications = sum(not isinstance(item, int) for item, _ in med_items)
    result.doses = sum(len(doses) for _, doses in med_items)
    times = sorted([d.at for d in drafts] + [e.at for e in mood_updates] + [d[0] for _, ds in med_items for d in ds])
    if times:
        result.first, result.last = times[0], times[-1]
    result.skipped.sort(key=lambda s: (isinstance(s["line"], str), s["line"] if isinstance(s["line"], int) else 0))
    result.finish()
    if dry_run or not (drafts or mood_updates or med_items):
        return result
    companion.backups.create(reason="pre-import")
    try:
        with companion.all_or_nothing():  # one transaction: all of it or none
            if drafts:
                companion.diary.add_batch(drafts)
            if mood_updates:
                companion.moods.add_batch(mood_updates)
            if med_items:
                companion.meds.add_batch(med_items)
    except Exception:
        companion.changed.emit(ALL)  # views that reloaded during the import may show rows now undone
        raise
    return result


def _entries(companion: CompanionApi, parsed: Parsed, result: ImportResult) -> list[EntryDraft]:
    now = companion.clock.now()
    existing: set[tuple[Any, ...]] = set()
    for at_utc, offset, pain, note in companion.diary.import_keys():  # as fingerprint() and _wall(), lighter
        local = from_utc_fields(at_utc, offset).replace(tzinfo=None)
        existing |= {(at_utc, pain, note.strip()), ("wall", local, pain, note.strip())}
    drafts = []
    for line, draft in parsed.entries:
        try:
            clean = validate_draft(draft, now)
        except ValidationError as exc:
            result.skipped.append({"line": line, "reason": str(exc)})
            continue
        key, wall = fingerprint(clean), _wall(clean)
        if key in existing or wall in existing:
            result.skipped.append({"line": line, "reason": "already in the diary"})
            continue
        existing |= {key, wall}
        drafts.append(clean)
    return drafts


def _wall(entry: EntryDraft) -> tuple[Any, ...]:
    """An entry's clock time as written (no offset), pain and note: the same row read in another time zone."""
    return ("wall", entry.at.replace(tzinfo=None, microsecond=0), entry.pain, entry.note.strip())


def mood_scale(parsed: Parsed, chosen: Mapping[str, int]) -> dict[str, int]:
    """Each mood name of the file (folded) → its 0–10: the patient's choice, else the default.

    A choice that is not a whole 0–10 is refused with one sentence naming the mood (nothing is imported).
    """
    scale = {fold(m.name): m.value for m in parsed.mood_names}
    unknown = [name for name in chosen if fold(name) not in scale]
    if unknown:
        raise ValidationError(
            f"This file has no mood named {unknown[0]!r}; its moods are "
            + ", ".join(repr(m.name) for m in parsed.mood_names[:12])
            + (", …" if len(parsed.mood_names) > 12 else "")
            + ". Nothing was imported."
        )
    for name, value in chosen.items():
        checked = parse_score(value, f"The number for the mood {name!r}", required=True)
        scale[fold(name)] = int(checked)
    return scale


def _mood_records(
    companion: CompanionApi, parsed: Parsed, result: ImportResult, chosen: Mapping[str, int]
) -> list[MoodRecordDraft]:
    """The file's mood-only records, moods scored, checked, without those already saved (two equal rows of the
    file are both kept: a mood diary may well have the same mood twice at one minute)."""
    if not parsed.mood_records:
        return []
    scale = mood_scale(parsed, chosen)
    result.mood_names = [
        {"name": m.name, "count": m.count, "value": scale[fold(m.name)], "default": m.value, "group": m.group,
         "recognised": m.recognised}
        for m in parsed.mood_names
    ]  # fmt: skip
    now = companion.clock.now()
    saved = companion.moods.list_records()
    existing = {record_key(r) for r in saved} | {wall_key(r) for r in saved}
    found = []
    for line, draft in parsed.mood_records:
        mood = scale.get(fold(draft.mood_name)) if draft.mood_name else draft.mood
        try:
            clean = validate_mood_record(replace(draft, mood=mood), now)
        except ValidationError as exc:
            result.skipped.append({"line": line, "reason": str(exc)})
            continue
        if record_key(clean) in existing or wall_key(clean) in existing:
            result.skipped.append({"line": line, "reason": "already in the diary"})
            continue
        found.append(clean)
    return found


def _doses(companion: CompanionApi, parsed: Parsed, result: ImportResult) -> list[BatchItem]:
    """Doses grouped by medicine: a saved one of the same name (ignoring case), else a new one of that name."""
    now, today = companion.clock.now(), companion.clock.now().date()
    saved: dict[str, int] = {}
    for med in sorted(companion.meds.list_medications(), key=lambda m: m.id):
        saved.setdefault(med.name.casefold(), med.id)
    logged: set[tuple[Any, ...]] = set()
    for d in companion.meds.doses():
        logged |= {(d.medication_id, int(d.at.timestamp()), d.amount, d.note),
                   (d.medication_id, d.at.replace(tzinfo=None, microsecond=0), d.amount, d.note)}  # fmt: skip
    grouped: dict[str, tuple[MedicationDraft | int, list[tuple[datetime, str, str]]]] = {}
    in_file: set[tuple[Any, ...]] = set()  # (medicine, moment, amount, note): the same dose twice in the file
    for line, dose in parsed.doses:
        try:
            key = " ".join(dose.medicine.split()).casefold()
            if key not in grouped:
                known = saved.get(key)
                grouped[key] = (known if known is not None else validate_medication(
                    MedicationDraft(name=dose.medicine), today), [])  # fmt: skip
            target, doses = grouped[key]
            checked = validate_dose(dose.at, dose.amount, dose.note, now)
        except ValidationError as exc:
            result.skipped.append({"line": line, "reason": str(exc)})
            continue
        stamp = (target, int(checked[0].timestamp()), checked[1], checked[2])
        wall_stamp = (target, checked[0].replace(tzinfo=None, microsecond=0), checked[1], checked[2])
        if (key, *stamp[1:]) in in_file or (isinstance(target, int) and (stamp in logged or wall_stamp in logged)):
            result.skipped.append({"line": line, "reason": "this dose is already in the dose log"})
            continue
        in_file.add((key, *stamp[1:]))
        doses.append(checked)
    listed = _listed_medicines(parsed, saved, grouped, today, result)
    items: list[BatchItem] = [(target, doses) for key, (target, doses) in grouped.items() if doses or key in listed]
    return items + [(draft, []) for key, draft in listed.items() if key not in grouped]


def _listed_medicines(
    parsed: Parsed, saved: dict[str, int], grouped: dict[str, Any], today: Any, result: ImportResult
) -> dict[str, MedicationDraft]:
    """New medicines a file lists without needing a dose (a MedTimer backup's medicines), by folded name."""
    listed: dict[str, MedicationDraft] = {}
    for line, name in parsed.medicines:
        key = " ".join(name.split()).casefold()
        if key in saved or key in listed:
            continue
        try:
            listed[key] = validate_medication(MedicationDraft(name=name), today)
        except ValidationError as exc:
            result.skipped.append({"line": line, "reason": str(exc)})
    return listed
