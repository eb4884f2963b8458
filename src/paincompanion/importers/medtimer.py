"""MedTimer's events CSV (semicolon-separated, header in the phone's language): the dose history.

Columns by position: Reminded; Name; Dosage; Taken; Tags; Interval; Notes; Reminded (ISO 8601); Taken (ISO 8601).
Only taken doses are imported; reminders not taken are listed as skipped.
"""

from __future__ import annotations

from ..errors import ImportFormatError, ValidationError
from .common import DoseDraft, Parsed, iso_moment, rows

NAME = "medtimer"
NAME_COL, DOSAGE_COL, TAKEN_COL, TAGS_COL, NOTES_COL, TAKEN_ISO_COL = 1, 2, 3, 4, 6, 8
MAPPING = [
    "Each taken dose goes into the dose log at its 'Taken (ISO 8601)' time, with MedTimer's dosage as the amount"
    " and its notes and tags as the dose note.",
    "A medicine is matched to one on your list by name (ignoring case); a name not on your list is added to it.",
    "Reminders that were not taken are listed as skipped.",
]


def parse(text: str) -> Parsed:
    result = Parsed(NAME, mapping=list(MAPPING))
    records = list(rows(text, delimiter=";"))
    if not records or len(records[0][1]) < TAKEN_ISO_COL + 1:
        raise ImportFormatError("This is not a MedTimer events export (it needs 9 columns separated by ';').")
    for line, rec in records[1:]:
        rec = rec + [""] * (TAKEN_ISO_COL + 1 - len(rec))
        try:
            name = rec[NAME_COL].strip()
            if not name:
                raise ValidationError("the row has no medicine name")
            taken_iso, taken = rec[TAKEN_ISO_COL].strip(), rec[TAKEN_COL].strip()
            if not taken_iso and not taken:
                raise ValidationError(f"{name} was not taken (a reminder only)")
            if not taken_iso:
                raise ValidationError(f"the dose of {name} has no 'Taken (ISO 8601)' time")
            at = iso_moment(taken_iso)
            note = "; ".join(p for p in (rec[NOTES_COL].strip(), rec[TAGS_COL].strip()) if p)
            result.doses.append((line, DoseDraft(name, at, rec[DOSAGE_COL].strip(), note)))
        except ValidationError as exc:
            result.skip(line, str(exc))
    return result
