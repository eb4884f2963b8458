"""MedTimer's events CSV (semicolon-separated, header in the phone's language): the dose history.

Every layout MedTimer has written is read, by column count (the header is translated, so names cannot be
relied on): 9 columns (Reminded; Name; Dosage; Taken; Tags; Interval; Notes; Reminded ISO; Taken ISO), the older
8, 7 and 6 (Time; Name; Amount; Taken; Time ISO; Taken ISO — v1.15) ones, and a file without ISO columns
(Time; Name; Amount; Taken). The ISO times are UTC; the 'Taken' column is the phone's local time, so the
difference between the two is the dose's UTC offset and the dose keeps its own local day.
Only taken doses are imported; reminders not taken are listed as skipped.

Its JSON backup (menu ▸ Backup; the app's database/backup code) is read too:
{"medicines": {"version": V, "list": [{"medicine": {"name", …}, "tags", "reminders"}]},
 "events": {"version": V, "list": [{"medicineName", "amount", "status", "remindedTimestamp",
 "processedTimestamp", "tags", "notes", …}]}, "settings": {…}}, or one of the older single backups
{"version": V, "list": [...]} of medicines or of events. Timestamps are UTC seconds since 1970.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone

from ..errors import ImportFormatError, ValidationError
from .common import DateReader, DoseDraft, Parsed, aware, clock_time, describe, iso_moment, rows

NAME = "medtimer"
NAME_COL, DOSAGE_COL, TAKEN_COL = 1, 2, 3
#: Column count → (tags, notes) columns; the ISO columns are the last two when present.
EXTRA_COLS: dict[int, tuple[int | None, int | None]] = {9: (4, 6), 8: (4, None), 7: (4, None), 6: (None, None)}
MIN_COLUMNS, MAX_COLUMNS = 4, 9
MAX_OFFSET = timedelta(hours=14)
MAPPING = [
    "Each taken dose goes into the dose log at the phone's local time when it was taken: the 'Taken' time with the"
    " UTC offset it had then (the difference from the 'Taken (ISO 8601)' UTC time), so an evening dose counts on"
    " its own day. MedTimer's dosage is the amount; its notes and tags are the dose note.",
    "A medicine is matched to one on your list by name (ignoring case); a name not on your list is added to it.",
    "Reminders that were not taken are listed as skipped.",
]
FALLBACK_ISO = (
    "Where the local 'Taken' time could not be read, the dose is at its UTC time shown in this computer's time zone."
)
FALLBACK_LOCAL = "This file has no ISO (UTC) times: each dose's 'Taken' time is taken as this computer's local time."
_LOCAL = re.compile(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?,?\s+(.+)")


BACKUP_MAPPING = [
    "Each taken dose in the backup goes into the dose log at the moment it was taken. MedTimer's backup keeps"
    " that moment in UTC without the phone's time zone, so it is shown at this computer's local time then (with"
    " the offset that applied that day); if the phone was in another time zone, the day of a late dose may"
    " differ. MedTimer's amount is the amount; its notes and tags are the dose note.",
    "Every medicine in the backup is matched to one on your list by name (ignoring case); a name not on your list"
    " is added to it, even without a dose. Reminders, colours, stock and settings are not imported.",
    "Reminders that were not taken (raised, skipped, deleted, acknowledged) are listed as skipped.",
]
#: Timestamps larger than this are milliseconds, not seconds (year 5138 in seconds).
_MILLISECONDS = 10**11


def parse(text: str) -> Parsed:
    if text.lstrip().startswith(("{", "[")):
        return parse_backup(text)
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text, delimiter=";"))
    width = len(records[0][1]) if records else 0
    if not MIN_COLUMNS <= width <= MAX_COLUMNS:
        raise ImportFormatError(
            "This is not a MedTimer events export (it needs 4 to 9 columns separated by ';': time, medicine,"
            " amount, taken…)."
        )
    header = [c.lower() for c in records[0][1]]
    has_iso = width >= 6
    taken_iso_col = width - 1 if has_iso else None
    tags_col, notes_col = EXTRA_COLS[width] if has_iso else (None, None)
    if "tags" in header:  # an English header names it
        tags_col = header.index("tags")
    body = records[1:]
    dates = DateReader([_date_part(r[TAKEN_COL]) for _, r in body if len(r) > TAKEN_COL])
    fallback = False
    for line, rec in body:
        rec = rec + [""] * (width - len(rec))
        try:
            name = rec[NAME_COL].strip()
            if not name:
                raise ValidationError("the row has no medicine name")
            taken = rec[TAKEN_COL].strip()
            taken_iso = rec[taken_iso_col].strip() if taken_iso_col is not None else ""
            if not taken_iso and not taken:
                raise ValidationError(f"{name} was not taken (a reminder only)")
            if taken_iso_col is None:
                at = aware(dates.moment(_clean(taken)), taken)
            elif not taken_iso:
                raise ValidationError(f"the dose of {name} has no 'Taken (ISO 8601)' time")
            else:
                utc = iso_moment(taken_iso)
                local = local_moment(taken, utc)
                fallback = fallback or local is None
                at = local or utc.astimezone()
            extras = [rec[c].strip() for c in (notes_col, tags_col) if c is not None]
            note = "; ".join(p for p in extras if p)
            result.doses.append((line, DoseDraft(name, at, rec[DOSAGE_COL].strip(), note)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    if taken_iso_col is None:
        result.mapping.append(FALLBACK_LOCAL)
        result.ask_date_order(dates)
    elif fallback:
        result.mapping.append(FALLBACK_ISO)
    return result


def _clean(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


def _date_part(text: str) -> str:
    return _clean(text).split(" ")[0].rstrip(",")


def local_moment(local: str, utc: datetime) -> datetime | None:
    """The dose's local time with its offset: the `local` text (any day/month/year order) whose difference from
    `utc` is a real UTC offset (within ±14 h, in quarter hours). A time already given with a non-zero offset is kept;
    None when the text is no such time."""
    if utc.utcoffset():
        return utc  # the ISO column already carried the local offset
    match = _LOCAL.fullmatch(_clean(local))
    clock = clock_time(match.group(4)) if match else None
    if match is None or clock is None:
        return None
    a, b, c = (int(g) for g in match.groups()[:3])

    def years(y: int) -> int:
        return y + 2000 if y < 100 else y

    candidates = {(years(c), a, b), (years(c), b, a), (years(a), b, c)}
    naive_utc = utc.replace(tzinfo=None)
    found = set()
    for year, month, day in candidates:
        try:
            moment = datetime(year, month, day, clock.hour, clock.minute, clock.second)
        except ValueError:
            continue
        offset = moment - naive_utc
        if abs(offset) <= MAX_OFFSET and offset % timedelta(minutes=15) == timedelta(0):
            found.add((moment, offset))
    if len(found) != 1:
        return None
    moment, offset = found.pop()
    return moment.replace(tzinfo=timezone(offset))


def parse_backup(text: str) -> Parsed:
    """MedTimer's JSON backup: its taken events as doses, its medicines as names for the list."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise ImportFormatError("This MedTimer backup is not readable JSON.") from None
    if not isinstance(document, dict):
        raise ImportFormatError("This is not a MedTimer backup (it is not a JSON object).")
    medicines, events = _part(document.get("medicines")), _part(document.get("events"))
    if medicines is None and events is None and "list" in document:  # an older backup of one kind
        items = _part(document) or []
        is_events = any(isinstance(i, dict) and "medicineName" in i for i in items)
        medicines, events = (None, items) if is_events else (items, None)
    if medicines is None and events is None:
        raise ImportFormatError("This is not a MedTimer backup (it has no 'medicines' or 'events' list).")
    result = Parsed(NAME, mapping=list(BACKUP_MAPPING))
    for n, item in enumerate(medicines or [], start=1):
        medicine = item.get("medicine") if isinstance(item, dict) else None
        name = medicine.get("name") if isinstance(medicine, dict) else None
        if isinstance(name, str) and name.strip():
            result.medicines.append((f"medicine {n}", name.strip()))
        else:
            result.skip(f"medicine {n}", f"the medicine has no name ({describe(name)})")
    for n, event in enumerate(events or [], start=1):
        where = f"event {n}"
        try:
            result.doses.append((where, _event_dose(event)))
        except ValidationError as exc:
            result.skip(where, str(exc))
    return result


def _part(value: object) -> list[object] | None:
    """The "list" of a {"version", "list"} part; None when there is no such part."""
    if not isinstance(value, dict):
        return None
    items = value.get("list")
    if items is None:
        return []
    if not isinstance(items, list):
        raise ImportFormatError(f"The MedTimer backup's list is {describe(items)}, not a list.")
    return items


def _event_dose(event: object) -> DoseDraft:
    if not isinstance(event, dict):
        raise ValidationError(f"the event is {describe(event)}, not an object")
    name = event.get("medicineName")
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("the event has no medicine name")
    name = name.strip()
    said = name if len(name) <= 60 else name[:60] + "…"  # how messages name it
    status = event.get("status")
    if status != "TAKEN":
        word = status.lower() if isinstance(status, str) and len(status) <= 20 else describe(status)
        raise ValidationError(f"{said} was not taken (the reminder was {word})")
    stamp = event.get("processedTimestamp") or event.get("remindedTimestamp")
    if isinstance(stamp, bool) or not isinstance(stamp, (int, float)) or stamp <= 0:
        raise ValidationError(f"the dose of {said} has no time ({describe(stamp)})")
    seconds = stamp / 1000 if stamp > _MILLISECONDS else stamp
    try:
        moment = datetime.fromtimestamp(int(seconds), UTC)
    except (OverflowError, OSError, ValueError):
        raise ValidationError(f"the time of the dose of {said} ({describe(stamp)}) is not a date") from None
    at = aware(moment.astimezone(), str(stamp))  # this computer's local time then, with that day's offset
    amount = event.get("amount")
    notes = event.get("notes")
    tags = event.get("tags")
    tag_text = ", ".join(t.strip() for t in tags if isinstance(t, str) and t.strip()) if isinstance(tags, list) else ""
    extras = [notes.strip() if isinstance(notes, str) else "", tag_text]
    return DoseDraft(name, at, amount.strip() if isinstance(amount, str) else "", "; ".join(e for e in extras if e))
