"""Export everything (JSON lossless, CSV for spreadsheets) and import our own exports back.

The JSON export holds the diary ("entries", with flagged notes, places and tags), the PEG check-ins ("peg"),
the medicine list with each item's dose log ("medications"), routine sessions, worksheets, favourites and the
patient's own routines ("routines") and the patient's settings ("settings", see settings_transfer.py). Keys
were added within format_version 1: older exports simply lack them. Imported into an empty data folder it
gives back the same export (tests/services/test_export_round_trip.py). Not exported: ids, the times rows
were created or changed, and the app's own bookkeeping (change counter, last backup). CSV stays diary-only.

CSV text cells that a spreadsheet would run as a formula are prefixed with an apostrophe
(OWASP CSV injection advice); the importer removes exactly that prefix again.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import __version__, importers
from ..domain.body import region_name
from ..domain.changes import ALL
from ..domain.diary import DiaryEntry, EntryDraft, LocationPain, validate_draft
from ..domain.peg import PegCheckin, make_peg
from ..errors import ImportFormatError, PainCompanionError, ValidationError
from .companion import Companion
from .meds_transfer import medication_items, medication_records
from .ratings_transfer import import_ratings
from .routines_transfer import import_routines, routines_document
from .settings_transfer import apply_settings, settings_document, settings_to_import

JSON_FORMAT = "paincompanion"
JSON_VERSION = 1
CSV_COLUMNS = (
    "id", "at", "date", "time", "pain", "locations", "qualities", "mood", "sleep_hours", "sleep_quality",
    "activity", "activity_level", "triggers", "helped", "note", "flagged",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
MAX_IMPORT_BYTES = 200 * 1024 * 1024


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


def escape_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: a cell starting (after spaces) with = + - @ TAB CR NUL gets a ' prefix."""
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_STARTS) or (
        text.startswith("'") and text[1:].lstrip(" ").startswith(FORMULA_STARTS)
    ):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    if text.startswith("'") and text[1:].lstrip(" ").startswith(("'", *FORMULA_STARTS)):
        return text[1:]
    return text


def _write_private(path: Path, data: str) -> None:
    """Write atomically with mode 0600, so a failed export never leaves half a file."""
    path = path.expanduser()
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; give a file name to export to.")
    temp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise PainCompanionError(f"Cannot write {path}: {exc.strerror or exc}.") from exc


def export_json(companion: Companion, path: Path) -> int:
    entries = companion.diary.list(newest_first=False)
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
    }
    _write_private(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
    return len(entries)


def export_csv(companion: Companion, path: Path) -> int:
    entries = companion.diary.list(newest_first=False)
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
            trig_s, help_s, note_s, "1" if e.flagged else "",
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
    #: Moods added to existing entries (Daylio), and how another app's values were mapped (for the preview).
    moods: int = 0
    mapping: list[str] = field(default_factory=list)
    #: From our own JSON export: new routine items (sessions, worksheets, favourites, own routines) and
    #: settings this data did not have yet.
    routines: int = 0
    settings: int = 0

    @property
    def adds_anything(self) -> bool:
        return bool(self.entries or self.doses or self.medications or self.peg or self.moods or self.routines
                    or self.settings)  # fmt: skip

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
            "mapping": self.mapping,
            "routines": self.routines,
            "settings": self.settings,
        }


def _read_text(path: Path) -> str:
    path = path.expanduser()
    if not path.is_file():
        raise PainCompanionError(f"There is no file {path}.")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{path.name} is larger than 200 MB; that is not a Pain Companion export.")
    return importers.decode_text(path.read_bytes(), path.name)


def _draft_from_record(rec: dict[str, Any]) -> EntryDraft:
    if not isinstance(rec, dict):
        raise ValidationError("not an object")
    try:
        at = datetime.fromisoformat(str(rec["at"]))
    except (KeyError, ValueError):
        raise ValidationError(f"bad or missing time {rec.get('at')!r}") from None
    if at.tzinfo is None:
        at = at.astimezone()
    if "pain" not in rec:
        raise ValidationError("no pain score")
    locs = []
    for loc in rec.get("locations") or []:
        if isinstance(loc, str):
            locs.append(LocationPain(loc))
        elif isinstance(loc, dict):
            locs.append(LocationPain(str(loc.get("region", "")), loc.get("intensity")))
        else:
            raise ValidationError(f"bad location {loc!r}")

    def tags(key: str) -> tuple[str, ...]:
        value = rec.get(key) or []
        if isinstance(value, str):
            value = [v for v in value.split(";") if v.strip()]
        if not isinstance(value, list):
            raise ValidationError(f"bad {key}")
        return tuple(str(v) for v in value)

    return EntryDraft(
        at=at,
        pain=rec["pain"],
        locations=tuple(locs),
        qualities=tags("qualities"),
        mood=rec.get("mood"),
        sleep_hours=rec.get("sleep_hours"),
        sleep_quality=rec.get("sleep_quality"),
        activity=str(rec.get("activity") or ""),
        activity_level=rec.get("activity_level"),
        triggers=tags("triggers"),
        helped=tags("helped"),
        note=str(rec.get("note") or ""),
        flagged=_flag(rec.get("flagged")),
    )


def _flag(value: Any) -> bool:
    """'flagged' from JSON (true/false) or CSV ("1"/""); missing in older exports means not flagged."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return value is True or value == 1


def _parse_json(text: str) -> dict[str, Any]:
    """The export's document, its format and lists checked."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"The file is not valid JSON (line {exc.lineno}: {exc.msg}).") from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportFormatError("This JSON file is not a Pain Companion export.")
    if int(document.get("format_version", 0)) > JSON_VERSION:
        raise ImportFormatError("This export was made by a newer Pain Companion; please update the app first.")
    entries = document.get("entries") or []
    pegs = document.get("peg") or []
    meds = document.get("medications") or []
    if not isinstance(entries, list) or not isinstance(pegs, list):
        raise ImportFormatError("The export's entries are not a list.")
    if not isinstance(meds, list):
        raise ImportFormatError("The export's medicines are not a list.")
    return document


def _parse_csv(text: str) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    if "pain" not in header or "at" not in header:
        raise ImportFormatError("This CSV file is not a Pain Companion export (it needs 'at' and 'pain' columns).")
    records = []
    for row in reader:
        line = reader.line_num
        rec: dict[str, Any] = {k: unescape_cell(v or "") for k, v in row.items() if k}
        for key in ("mood", "sleep_quality", "activity_level"):
            rec[key] = rec.get(key) or None
        rec["sleep_hours"] = rec.get("sleep_hours") or None
        rec["locations"] = [
            {"region": part.partition("=")[0], "intensity": part.partition("=")[2] or None}
            for part in (rec.get("locations") or "").split(";")
            if part.strip()
        ]
        records.append((line, rec))
    return records


def detect_format(path: Path, text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return "json"
    if path.suffix.lower() in (".csv", ".txt") or "," in stripped.split("\n", 1)[0]:
        return "csv"
    raise ImportFormatError(f"{path.name} is neither a Pain Companion JSON nor CSV export.")


def import_file(
    companion: Companion,
    path: Path,
    *,
    dry_run: bool = False,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
) -> ImportResult:
    """Read, validate and (unless dry_run) add everything in one transaction; duplicates are skipped.

    `fmt` is "auto", "paincompanion" or another app's format (importers.FORMATS); `mapping` is for "csv".
    """
    text = _read_text(path)
    fmt = importers.detect_format(text[:20_000]) or "paincompanion" if fmt == "auto" else fmt
    if fmt != "paincompanion":
        from .foreign_import import import_parsed  # it imports this module

        return import_parsed(companion, importers.parse(fmt, text, mapping), dry_run=dry_run)
    kind = detect_format(path, text)
    document: dict[str, Any] = _parse_json(text) if kind == "json" else {}
    if kind == "json":
        records = list(enumerate(document.get("entries") or [], start=1))
        peg_records, med_records = document.get("peg") or [], document.get("medications") or []
    else:
        records, peg_records, med_records = _parse_csv(text), [], []
    result = ImportResult(format=f"paincompanion-{kind}", dry_run=dry_run)
    now = companion.clock.now()
    # Only what was here before counts as a duplicate: two equal entries within one export are both kept.
    existing = {fingerprint(e) for e in companion.diary.list()}
    drafts: list[EntryDraft] = []
    for line, rec in records:
        try:
            draft = validate_draft(_draft_from_record(rec), now)
        except ValidationError as exc:
            result.skipped.append({"line": line, "reason": str(exc)})
            continue
        if fingerprint(draft) in existing:
            result.skipped.append({"line": line, "reason": "already in the diary"})
            continue
        drafts.append(draft)
    pegs: list[PegCheckin] = []
    known_pegs = {(p.at, p.pain, p.enjoyment, p.activity) for p in companion.diary.peg_history()}
    for n, rec in enumerate(peg_records, start=1):
        try:
            peg = make_peg(datetime.fromisoformat(rec["at"]), rec["pain"], rec["enjoyment"], rec["activity"])
        except (ValidationError, KeyError, TypeError, ValueError) as exc:
            result.skipped.append({"line": f"peg {n}", "reason": str(exc) or "incomplete check-in"})
            continue
        if (peg.at, peg.pain, peg.enjoyment, peg.activity) not in known_pegs:
            pegs.append(peg)
    med_items = medication_items(companion, med_records, result.skipped)
    result.entries, result.peg = len(drafts), len(pegs)
    result.medications = sum(not isinstance(item, int) for item, _ in med_items)
    result.doses = sum(len(doses) for _, doses in med_items)
    if drafts:
        times = sorted(d.at for d in drafts)
        result.first, result.last = times[0], times[-1]
    routine_doc = document.get("routines")
    routine_items = import_routines(companion, routine_doc, result.skipped, dry_run=True)
    new_settings = settings_to_import(companion, document.get("settings"), result.skipped)
    result.routines, result.settings = routine_items, len(new_settings)
    if dry_run or not (drafts or pegs or med_items or routine_items or new_settings):
        return result
    companion.backups.create(reason="pre-import")
    try:
        with companion.all_or_nothing():  # one transaction: a crash or error leaves all of it or none
            if drafts or pegs:
                companion.diary.add_batch(drafts, pegs)
            if med_items:
                companion.meds.add_batch(med_items)
            import_ratings(companion, med_records, result.skipped)  # pain before/after of the doses
            if routine_items:
                import_routines(companion, routine_doc, [], dry_run=False)
            apply_settings(companion, new_settings)
    except Exception:
        companion.changed.emit(ALL)  # views that reloaded during the import may show rows now undone
        raise
    return result


def fingerprint(entry: EntryDraft) -> tuple[Any, ...]:
    return (int(entry.at.timestamp()), entry.pain, entry.note.strip())
