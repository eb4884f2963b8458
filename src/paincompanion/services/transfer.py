"""Export everything (JSON lossless, CSV for spreadsheets) and import our own exports back.

The JSON export holds the diary ("entries", with flagged notes, places and tags), the PEG check-ins ("peg"),
the medicine list with each item's dose log ("medications"), routine sessions, worksheets, favourites and the
patient's own routines ("routines"), the patient's settings ("settings", see settings_transfer.py), function
goals with their ratings ("goals"), check-ins beyond PEG ("checkins", see goals_transfer.py) and mood-only
records, days with a mood, sleep, activities or a note but no pain score ("mood_records"). Keys
were added within format_version 1: older exports simply lack them. Imported into an empty data folder it
gives back the same export (tests/services/test_export_round_trip.py). Not exported: ids, the times rows
were created or changed, and the app's own bookkeeping (change counter, last backup). CSV stays diary-only.

CSV text cells that a spreadsheet would run as a formula are prefixed with an apostrophe
(OWASP CSV injection advice); the importer removes exactly that prefix again.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__, importers
from ..domain.body import region_name
from ..domain.bounds import check_input_file
from ..domain.changes import ALL
from ..domain.diary import FUTURE_TOLERANCE, DiaryEntry, EntryDraft, ensure_aware, validate_draft
from ..domain.mood_record import MoodRecord, MoodRecordDraft, record_key, validate_mood_record
from ..domain.peg import PegCheckin, make_peg
from ..errors import ImportFormatError, PainCompanionError, ValidationError
from ..files import atomic_write
from ..importers import own_format
from ..importers.common import check_size, text_lines, unreadable
from ..importers.own_format import CSV_COLUMNS, FORMULA_STARTS, JSON_FORMAT, JSON_VERSION, escape_cell, unescape_cell
from .companion import CompanionApi
from .goals_transfer import checkins_document, goals_document, import_goals_and_checkins
from .meds_transfer import medication_items, medication_records
from .ratings_transfer import import_ratings
from .routines_transfer import import_routines, routines_document
from .settings_transfer import apply_settings, settings_document, settings_to_import

__all__ = ["CSV_COLUMNS", "FORMULA_STARTS", "JSON_FORMAT", "JSON_VERSION", "escape_cell", "unescape_cell"]
#: How much of a file is read to tell its format.
HEAD_BYTES = 64 * 1024
#: Our CSV: up to this many new entries are kept from the check to the write; a larger file is read again.
KEEP_DRAFTS = 20_000
CHUNK = 5_000
#: Skipped rows listed one by one; beyond this, one line says how many more.
MAX_SKIPPED = 1_000
MAX_REASON_CHARS = 300
PEG_ITEMS = (("pain", "PEG pain"), ("enjoyment", "PEG enjoyment of life"), ("activity", "PEG general activity"))


# --- export --------------------------------------------------------------------------------------


def entry_record(entry: DiaryEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(),
        "pain": entry.pain,
        "locations": [{"region": loc.region, "intensity": loc.intensity} for loc in entry.locations],
        "qualities": list(entry.qualities),
        "mood": entry.mood,
        "sleep_hours": entry.sleep_hours,
        "sleep_quality": entry.sleep_quality,
        "activity": entry.activity,
        "activity_level": entry.activity_level,
        "triggers": list(entry.triggers),
        "helped": list(entry.helped),
        "note": entry.note,
        "flagged": entry.flagged,
    }


def mood_record_json(record: MoodRecord) -> dict[str, Any]:
    return {
        "at": record.at.isoformat(),
        "mood": record.mood,
        "mood_name": record.mood_name,
        "sleep_hours": record.sleep_hours,
        "sleep_quality": record.sleep_quality,
        "activities": list(record.activities),
        "note": record.note,
        "source": record.source,
    }


def _write_private(path: Path, data: str) -> None:
    """Write atomically with mode 0600, so a failed export never leaves half a file."""
    path = path.expanduser()
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give a file name to export to.")
    try:
        atomic_write(path, data, mode=0o600)
    except OSError as exc:
        raise PainCompanionError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def export_json(companion: CompanionApi, path: Path) -> int:
    entries = companion.diary.list_entries(newest_first=False)
    pegs = list(reversed(companion.diary.peg_history()))
    document = {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "app_version": __version__,
        "exported_at": companion.clock.now().isoformat(),
        "entries": [entry_record(e) for e in entries],
        "peg": [
            {"at": p.at.isoformat(), "pain": p.pain, "enjoyment": p.enjoyment, "activity": p.activity} for p in pegs
        ],
        "medications": medication_records(companion),
        "routines": routines_document(companion),
        "settings": settings_document(companion),
        "goals": goals_document(companion),
        "checkins": checkins_document(companion),
        "mood_records": [mood_record_json(r) for r in companion.moods.list_records()],
    }
    _write_private(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def export_csv(companion: CompanionApi, path: Path) -> int:
    entries = companion.diary.list_entries(newest_first=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        names = [region_name(loc.region) for loc in e.locations]  # names, not ids; import reads both
        locations = ";".join(f"{name}={loc.intensity}" if loc.intensity is not None else name
                             for name, loc in zip(names, e.locations))  # fmt: skip
        text = [locations, ";".join(e.qualities), e.activity, ";".join(e.triggers), ";".join(e.helped), e.note]
        loc_s, qual_s, act_s, trig_s, help_s, note_s = (escape_cell(t) for t in text)
        writer.writerow([
            e.id, e.at.isoformat(), e.at.date().isoformat(), e.at.strftime("%H:%M"), e.pain, loc_s, qual_s,
            _num(e.mood), _num(e.sleep_hours), _num(e.sleep_quality), act_s, _num(e.activity_level),
            trig_s, help_s, note_s, "1" if e.flagged else "", "", "", "",
        ])  # fmt: skip
    for r in companion.moods.list_records():  # mood-only records: no id, an empty pain
        note_s, acts_s, name_s = (escape_cell(t) for t in (r.note, ";".join(r.activities), r.mood_name))
        writer.writerow([
            "", r.at.isoformat(), r.at.date().isoformat(), r.at.strftime("%H:%M"), "", "", "", _num(r.mood),
            _num(r.sleep_hours), _num(r.sleep_quality), "", "", "", "", note_s, "", acts_s, name_s, r.source,
        ])  # fmt: skip
    _write_private(path, buffer.getvalue())
    return len(entries)


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- import --------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    format: str
    entries: int = 0
    peg: int = 0
    medications: int = 0
    doses: int = 0
    first: datetime | None = None
    last: datetime | None = None
    skipped: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    #: Mood-only records added (Daylio, our own export), and how another app's values were mapped (preview).
    moods: int = 0
    mapping: list[str] = field(default_factory=list)
    #: Another app's mood names as {"name", "count", "value", "default", "group", "recognised"} (the preview's
    #: editable list; `value` is what the import uses).
    mood_names: list[dict[str, Any]] = field(default_factory=list)
    #: From our own JSON export: new routine items (sessions, worksheets, favourites, own routines) and
    #: settings this data did not have yet.
    routines: int = 0
    settings: int = 0
    goals_checkins: int = 0  # goals and check-ins (PHQ-2, GAD-2, side effects, change, naloxone)
    #: Skipped rows beyond MAX_SKIPPED (counted, not listed, so a file of bad rows cannot fill the memory).
    more_skipped: int = 0
    #: The file's slash dates could be day/month or month/day: the patient must choose (rows skipped until then).
    date_order_needed: bool = False
    #: What the patient can choose between for this file (importers.ImportOptions field → values).
    choices: dict[str, list[str]] = field(default_factory=dict)

    def skip(self, line: int | str, reason: str) -> None:
        if len(self.skipped) < MAX_SKIPPED:
            self.skipped.append({"line": line, "reason": reason})
        else:
            self.more_skipped += 1

    def count_entry(self, at: datetime) -> None:
        """One more entry to add, at `at` (keeps the first and last time without keeping the entries)."""
        self.entries += 1
        self._widen(at)

    def count_mood(self, at: datetime) -> None:
        """One more mood-only record to add, at `at`."""
        self.moods += 1
        self._widen(at)

    def _widen(self, at: datetime) -> None:
        self.first = at if self.first is None or at < self.first else self.first
        self.last = at if self.last is None or at > self.last else self.last

    def finish(self) -> None:
        """Say how many more rows were skipped than are listed; shorten any reason quoting a very long value."""
        for skip in self.skipped:
            reason = skip["reason"]
            if len(reason) > MAX_REASON_CHARS:
                skip["reason"] = f"{reason[: MAX_REASON_CHARS - 80]} … {reason[-60:]}"
        if self.more_skipped:
            self.skipped.append({"line": "…", "reason": f"and {self.more_skipped:,} more rows were skipped for"
                                 f" reasons like those above (only the first {MAX_SKIPPED:,} are listed)"})  # fmt: skip
            self.more_skipped = 0

    @property
    def adds_anything(self) -> bool:
        return bool(self.entries or self.doses or self.medications or self.peg or self.moods or self.routines
                    or self.settings or self.goals_checkins)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "entries": self.entries,
            "peg": self.peg,
            "medications": self.medications,
            "doses": self.doses,
            "from": self.first.isoformat() if self.first else None,
            "to": self.last.isoformat() if self.last else None,
            "skipped": self.skipped,
            "dry_run": self.dry_run,
            "moods": self.moods,
            "mood_names": self.mood_names,
            "mapping": self.mapping,
            "routines": self.routines,
            "settings": self.settings,
            "goals_checkins": self.goals_checkins,
            "date_order_needed": self.date_order_needed,
            "choices": self.choices,
        }


def _head(path: Path) -> str:
    """The start of the file as text (to tell its format), without reading it whole."""
    try:
        with path.open("rb") as fh:
            data = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (data and data[:4096].count(0) * 3 > len(data[:4096])):
        importers.decode_text(data, path.name)  # raises the UTF-16 advice
    return codecs.getincrementaldecoder("utf-8-sig")(errors="replace").decode(data, final=False)


def _whole_text(path: Path) -> str:
    """A file read whole, after its size is checked (JSON exports and other apps' files)."""
    check_size(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc) from None
    return importers.decode_text(data, path.name)


def detect_format(path: Path, text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    if path.suffix.lower() in (".csv", ".txt") or "," in stripped.split("\n", 1)[0]:
        return "csv"
    raise ImportFormatError(f"{path.name} is neither a Pain Companion JSON nor CSV export.")


def import_file(
    companion: CompanionApi,
    path: Path,
    *,
    dry_run: bool = False,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    options: importers.ImportOptions | None = None,
    moods: dict[str, int] | None = None,
) -> ImportResult:
    """Read, validate and (unless dry_run) add everything in one transaction; duplicates are skipped.

    `fmt` is "auto", "paincompanion" or another app's format (importers.FORMATS); `mapping` is for "csv";
    `moods` gives mood names of a mood diary (Daylio) the patient's own 0–10 (see `ImportResult.mood_names`);
    `date_order` ("dmy"/"mdy") is the patient's answer when the file's slash dates cannot tell (see
    `ImportResult.date_order_needed`); `options` the patient's other answers (importers.ImportOptions).
    Everything the real import could refuse is found before its backup, so a dry run reports it too.
    """
    path = check_input_file(path, "The file to import")
    head = _head(path)
    fmt = importers.detect_format(head[:20_000]) or "paincompanion" if fmt == "auto" else fmt
    if fmt != "paincompanion":
        from .foreign_import import import_parsed  # it imports this module

        parsed = importers.parse(fmt, _whole_text(path), mapping, date_order, options)
        return import_parsed(companion, parsed, dry_run=dry_run, moods=moods)
    if detect_format(path, head) == "csv":
        return _import_csv(companion, path, dry_run=dry_run)
    return _import_json(companion, own_format.load_document(_whole_text(path)), dry_run=dry_run)


def _checked_rows(
    companion: CompanionApi, path: Path, result: ImportResult, moods: list[MoodRecordDraft]
) -> Iterator[EntryDraft]:
    """The CSV's new entries, validated, one at a time; skipped rows and the counts go into `result`, new
    mood-only records (rows with no pain score) into `moods`."""
    now = companion.clock.now()
    # Only what was here before counts as a duplicate: two equal entries within one export are both kept.
    existing = {fingerprint(e) for e in companion.diary.list_entries()}
    saved_moods = {record_key(r) for r in companion.moods.list_records()}
    for line, row in own_format.csv_rows(text_lines(path)):
        try:
            if isinstance(row, str):
                raise ValidationError(row)
            if isinstance(row, MoodRecordDraft):
                _add_mood_record(row, now, saved_moods, moods, result, line)
                continue
            draft = validate_draft(row, now)
        except ValidationError as exc:
            result.skip(line, str(exc))
            continue
        if fingerprint(draft) in existing:
            result.skip(line, "already in the diary")
            continue
        result.count_entry(draft.at)
        yield draft


def _add_mood_record(
    draft: MoodRecordDraft,
    now: datetime,
    saved: set[tuple[Any, ...]],
    found: list[MoodRecordDraft],
    result: ImportResult,
    line: int | str,
) -> None:
    """Check one mood-only record of our export; a new one goes into `found` (and the counts)."""
    try:
        clean = validate_mood_record(draft, now)
    except ValidationError as exc:
        result.skip(line, str(exc))
        return
    if record_key(clean) in saved:
        result.skip(line, "already in the diary")
        return
    result.count_mood(clean.at)
    found.append(clean)


def _import_csv(companion: CompanionApi, path: Path, *, dry_run: bool) -> ImportResult:
    """Our CSV export, read as a stream twice at most: memory stays small whatever the file's size.

    The first pass checks every row (all a dry run does) and keeps up to KEEP_DRAFTS drafts; a larger file is
    read again to write it, CHUNK entries at a time, all inside the one transaction.
    """
    result = ImportResult(format="paincompanion-csv", dry_run=dry_run)
    kept: list[EntryDraft] | None = []
    moods: list[MoodRecordDraft] = []
    for draft in _checked_rows(companion, path, result, moods):
        if kept is not None:
            kept.append(draft)
            if len(kept) > KEEP_DRAFTS:
                kept = None
    result.finish()
    if dry_run or not (result.entries or moods):
        return result
    companion.backups.create(reason="pre-import")
    with _one_transaction(companion):
        companion.moods.add_batch(moods)
        if kept is not None:
            companion.diary.add_batch(kept)
            return result
        again = ImportResult(format=result.format)
        batch: list[EntryDraft] = []
        for draft in _checked_rows(companion, path, again, []):
            batch.append(draft)
            if len(batch) >= CHUNK:
                companion.diary.add_batch(batch)
                batch = []
        companion.diary.add_batch(batch)
        if again.entries != result.entries:
            raise ImportFormatError("The file changed while it was being imported; nothing was imported.")
    return result


@contextmanager
def _one_transaction(companion: CompanionApi) -> Iterator[None]:
    try:
        with companion.all_or_nothing():  # one transaction: a crash or error leaves all of it or none
            yield
    except Exception:
        companion.changed.emit(ALL)  # views that reloaded during the import may show rows now undone
        raise


def _import_json(companion: CompanionApi, document: dict[str, Any], *, dry_run: bool) -> ImportResult:
    result = ImportResult(format="paincompanion-json", dry_run=dry_run)
    now = companion.clock.now()
    existing = {fingerprint(e) for e in companion.diary.list_entries()}
    drafts: list[EntryDraft] = []
    for line, rec in enumerate(document.get("entries") or [], start=1):
        try:
            draft = validate_draft(own_format.entry_from_json(rec), now)
        except ValidationError as exc:
            result.skip(line, str(exc))
            continue
        if fingerprint(draft) in existing:
            result.skip(line, "already in the diary")
            continue
        result.count_entry(draft.at)
        drafts.append(draft)
    moods: list[MoodRecordDraft] = []
    saved_moods = {record_key(r) for r in companion.moods.list_records()}
    for n, rec in enumerate(document.get("mood_records") or [], start=1):
        try:
            record = own_format.mood_record_from_json(rec)
        except ValidationError as exc:
            result.skip(f"mood record {n}", str(exc))
            continue
        _add_mood_record(record, now, saved_moods, moods, result, f"mood record {n}")
    pegs = _pegs(companion, document.get("peg") or [], result)
    med_records = document.get("medications") or []
    med_items = medication_items(companion, med_records, result.skipped)
    result.peg = len(pegs)
    result.medications = sum(not isinstance(item, int) for item, _ in med_items)
    result.doses = sum(len(doses) for _, doses in med_items)
    routine_doc = document.get("routines")
    routine_items = import_routines(companion, routine_doc, result.skipped, dry_run=True)
    new_settings = settings_to_import(companion, document.get("settings"), result.skipped)
    result.routines, result.settings = routine_items, len(new_settings)
    goal_doc, checkin_doc = document.get("goals"), document.get("checkins")
    result.goals_checkins = import_goals_and_checkins(companion, goal_doc, checkin_doc, result.skipped, dry_run=True)
    result.finish()
    if dry_run or not (drafts or pegs or med_items or routine_items or new_settings or result.goals_checkins or moods):
        return result
    companion.backups.create(reason="pre-import")
    with _one_transaction(companion):
        companion.moods.add_batch(moods)
        if drafts or pegs:
            companion.diary.add_batch(drafts, pegs)
        if med_items:
            companion.meds.add_batch(med_items)
        import_ratings(companion, med_records, result.skipped)  # pain before/after of the doses
        if routine_items:
            import_routines(companion, routine_doc, [], dry_run=False)
        apply_settings(companion, new_settings)
        if result.goals_checkins:
            import_goals_and_checkins(companion, goal_doc, checkin_doc, [], dry_run=False)
    return result


def _pegs(companion: CompanionApi, records: list[Any], result: ImportResult) -> list[PegCheckin]:
    now = companion.clock.now()
    pegs: list[PegCheckin] = []
    known = {(p.at, p.pain, p.enjoyment, p.activity) for p in companion.diary.peg_history()}
    for n, rec in enumerate(records, start=1):
        try:
            rec = own_format.need_object(rec, "The PEG check-in")
            at = own_format.moment_field(rec, "at", "The time of the PEG check-in")
            items = [own_format.number_field(rec, key, what) for key, what in PEG_ITEMS]
            peg = make_peg(at, *items)
            if peg.at > ensure_aware(now) + FUTURE_TOLERANCE:
                raise ValidationError(f"The PEG check-in's time {peg.at:%Y-%m-%d %H:%M} is in the future.")
        except ValidationError as exc:
            result.skip(f"peg {n}", str(exc))
            continue
        if (peg.at, peg.pain, peg.enjoyment, peg.activity) not in known:
            pegs.append(peg)
    return pegs


def fingerprint(entry: EntryDraft) -> tuple[Any, ...]:
    return (int(entry.at.timestamp()), entry.pain, entry.note.strip())
