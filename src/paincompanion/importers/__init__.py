"""Importers for other apps' exports (Qt-free, no database): each turns a file's text into drafts and skipped rows.

`parse(format, text)` dispatches; `detect_format(header_text)` guesses the format; services/foreign_import.py
validates the drafts against the diary and writes them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.bounds import collect_gap_moves, gap_note
from ..errors import ImportFormatError, ValidationError
from . import bearable, daylio, generic_csv, medtimer, migraine_buddy, pfpd
from .common import DATE_ORDERS, DoseDraft, MoodName, Parsed, check_date_order, decode_text
from .detect import detect_format

PARSERS: dict[str, Callable[..., Parsed]] = {
    migraine_buddy.NAME: migraine_buddy.parse,
    pfpd.NAME: pfpd.parse,
    bearable.NAME: bearable.parse,
    medtimer.NAME: medtimer.parse,
    daylio.NAME: daylio.parse,
    generic_csv.NAME: generic_csv.parse,
}
#: What `import --format` accepts: ours, then the other apps'.
FORMATS = ("auto", "paincompanion", *PARSERS)
LABELS = {
    "paincompanion": "Pain Companion export",
    "migraine-buddy": "Migraine Buddy",
    "pfpd": "Privacy Friendly Pain Diary",
    "bearable": "Bearable",
    "medtimer": "MedTimer (dose history)",
    "daylio": "Daylio (mood diary)",
    "csv": "Other CSV (columns mapped)",
}


#: Readers whose slash dates may need the patient's date order ("dmy" or "mdy").
DATE_ORDER_FORMATS = (migraine_buddy.NAME, pfpd.NAME, bearable.NAME, generic_csv.NAME, daylio.NAME)


def parse(fmt: str, text: str, mapping: dict[str, str] | None = None, date_order: str | None = None) -> Parsed:
    """The file's drafts; ImportFormatError when the file is not of that format at all.

    `date_order` ("dmy"/"mdy") settles slash dates the file cannot decide; without it such rows are skipped and
    `Parsed.date_order_needed` is set (the preview asks).

    Times that fell in a spring-forward gap were moved forward; the preview's mapping says so.
    """
    if fmt != generic_csv.NAME and fmt not in PARSERS:
        raise ImportFormatError(f"Unknown import format {fmt!r}.")
    try:
        date_order = check_date_order(date_order)
    except ValidationError as exc:
        raise ImportFormatError(str(exc)) from None
    with collect_gap_moves() as moves:
        if fmt == generic_csv.NAME:
            parsed = generic_csv.parse(text, mapping, date_order)
        elif fmt in DATE_ORDER_FORMATS:
            parsed = PARSERS[fmt](text, date_order)
        else:
            parsed = PARSERS[fmt](text)
    note = gap_note(moves)
    if note:
        parsed.mapping.append(note)
    return parsed


__all__ = [
    "DATE_ORDERS",
    "FORMATS",
    "LABELS",
    "PARSERS",
    "DoseDraft",
    "MoodName",
    "Parsed",
    "decode_text",
    "detect_format",
    "parse",
]
