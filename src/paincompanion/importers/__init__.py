"""Importers for other apps' exports (Qt-free, no database): each turns a file's text into drafts and skipped rows.

`parse(format, text)` dispatches; `detect_format(header_text)` guesses the format; services/foreign_import.py
validates the drafts against the diary and writes them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain.bounds import collect_gap_moves, gap_note
from ..errors import ImportFormatError, ValidationError
from . import bearable, daylio, flaredown, generic_csv, medtimer, migraine_buddy, pfpd
from .common import DATE_ORDERS, DoseDraft, ImportOptions, MoodName, Parsed, check_date_order, decode_text
from .detect import detect_format

PARSERS: dict[str, Callable[..., Parsed]] = {
    migraine_buddy.NAME: migraine_buddy.parse,
    pfpd.NAME: pfpd.parse,
    bearable.NAME: bearable.parse,
    medtimer.NAME: medtimer.parse,
    daylio.NAME: daylio.parse,
    flaredown.NAME: flaredown.parse,
    generic_csv.NAME: generic_csv.parse,
}
#: What `import --format` accepts: ours, then the other apps'.
FORMATS = ("auto", "paincompanion", *PARSERS)
LABELS = {
    "paincompanion": "Pain Companion export",
    "migraine-buddy": "Migraine Buddy",
    "pfpd": "Privacy Friendly Pain Diary (backup)",
    "bearable": "Bearable",
    "medtimer": "MedTimer (dose history or backup)",
    "daylio": "Daylio (mood diary)",
    "flaredown": "Flaredown",
    "csv": "Other CSV (columns mapped)",
}


#: Readers whose slash dates may need the patient's date order ("dmy" or "mdy").
DATE_ORDER_FORMATS = (migraine_buddy.NAME, bearable.NAME, generic_csv.NAME, daylio.NAME)


def parse(
    fmt: str,
    text: str,
    mapping: dict[str, str] | None = None,
    date_order: str | None = None,
    options: ImportOptions | None = None,
) -> Parsed:
    """The file's drafts; ImportFormatError when the file is not of that format at all.

    `date_order` ("dmy"/"mdy") settles slash dates the file cannot decide; without it such rows are skipped and
    `Parsed.date_order_needed` is set (the preview asks).

    `options` are the patient's other answers (Flaredown's pain item and person; Other CSV's scale and row
    filter); `Parsed.choices` lists what there is to choose from.

    Times that fell in a spring-forward gap were moved forward; the preview's mapping says so.
    """
    if fmt != generic_csv.NAME and fmt not in PARSERS:
        raise ImportFormatError(f"Unknown import format {fmt!r}.")
    try:
        date_order = check_date_order(date_order)
    except ValidationError as exc:
        raise ImportFormatError(str(exc)) from None
    _check_options(fmt, options)
    with collect_gap_moves() as moves:
        if fmt == generic_csv.NAME:
            parsed = generic_csv.parse(text, mapping, date_order, options)
        elif fmt == flaredown.NAME:
            parsed = flaredown.parse(text, options)
        elif fmt in DATE_ORDER_FORMATS:
            parsed = PARSERS[fmt](text, date_order)
        else:
            parsed = PARSERS[fmt](text)
    note = gap_note(moves)
    if note:
        parsed.mapping.append(note)
    return parsed


def _check_options(fmt: str, options: ImportOptions | None) -> None:
    """Answers meant for another format are a mistake to say, not to ignore."""
    if options is None:
        return
    if (options.pain_item or options.person) and fmt != flaredown.NAME:
        raise ImportFormatError(
            f"The pain item and the person are chosen for Flaredown files; this file is read as {LABELS[fmt]}."
        )
    if (options.scale or options.where) and fmt != generic_csv.NAME:
        raise ImportFormatError(
            "The pain scale and the row filter are for 'Other CSV' files (--format csv with --map);"
            f" this file is read as {LABELS[fmt]}."
        )


__all__ = [
    "DATE_ORDERS",
    "FORMATS",
    "LABELS",
    "PARSERS",
    "DoseDraft",
    "ImportOptions",
    "MoodName",
    "Parsed",
    "decode_text",
    "detect_format",
    "parse",
]
