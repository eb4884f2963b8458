"""Add what an importer (importers/) read from another app's file: checked, de-duplicated, in one transaction.

Importing the same file twice adds nothing the second time: an entry equal in time, pain and note to one in
the diary, a dose equal in medicine, time, amount and note to a logged one, and a mood for a day whose
entries already have one are all reported as skipped, not added again. "Equal in time" is the same moment OR the
same wall-clock time: a file without UTC offsets is read in this computer's time zone, so after the zone changed
its times are other moments but the same clock times (the same day, hour and minute as written in the file).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from ..domain.changes import ALL
from ..domain.diary import DiaryEntry, EntryDraft, validate_draft
from ..domain.medications import MedicationDraft, validate_dose, validate_medication
from ..errors import ValidationError
from ..importers import Parsed
from .companion import Companion
from .medications import BatchItem
from .transfer import ImportResult, fingerprint


def import_parsed(companion: Companion, parsed: Parsed, *, dry_run: bool = False) -> ImportResult:
    result = ImportResult(format=parsed.format, dry_run=dry_run, skipped=list(parsed.skipped))
    result.mapping = list(parsed.mapping)
    result.date_order_needed = parsed.date_order_needed
    drafts = _entries(companion, parsed, result)
    mood_updates = _moods(companion, parsed, result)
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
            for entry in mood_updates:
                companion.diary.update(entry.id, entry.as_draft())
            if med_items:
                companion.meds.add_batch(med_items)
    except Exception:
        companion.changed.emit(ALL)  # views that reloaded during the import may show rows now undone
        raise
    return result


def _entries(companion: Companion, parsed: Parsed, result: ImportResult) -> list[EntryDraft]:
    now = companion.clock.now()
    saved = companion.diary.list_entries()
    existing = {fingerprint(e) for e in saved} | {_wall(e) for e in saved}
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


def _moods(companion: Companion, parsed: Parsed, result: ImportResult) -> list[DiaryEntry]:
    """Saved entries of each mood's day that have no mood yet, with the mood set."""
    updates = []
    for line, mood in parsed.moods:
        entries = companion.diary.on_day(mood.day)
        if not entries:
            result.skipped.append({"line": line, "reason": f"no diary entry on {mood.day.isoformat()} to add the mood"
                                   " to (this file has no pain score, and an entry needs one)"})  # fmt: skip
            continue
        open_entries = [e for e in entries if e.mood is None]
        if not open_entries:
            result.skipped.append(
                {"line": line, "reason": f"the entries of {mood.day.isoformat()} already have a mood"}
            )
            continue
        updates += [replace(e, mood=mood.mood) for e in open_entries]
    return updates


def _doses(companion: Companion, parsed: Parsed, result: ImportResult) -> list[BatchItem]:
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
        wall = (target, checked[0].replace(tzinfo=None, microsecond=0), checked[1], checked[2])
        if any((int(d[0].timestamp()), d[1], d[2]) == stamp[1:] for d in doses) or (
            isinstance(target, int) and (stamp in logged or wall in logged)
        ):
            result.skipped.append({"line": line, "reason": "this dose is already in the dose log"})
            continue
        doses.append(checked)
    return [(target, doses) for target, doses in grouped.values() if doses]
