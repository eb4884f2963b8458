"""Which app wrote a file, from its first lines."""

from __future__ import annotations

import csv
import io
import re

from .common import header_index
from .flaredown import is_flaredown
from .generic_csv import guess_mapping

#: Our own CSV export starts with these columns.
OWN_CSV = ("id", "at", "date", "time", "pain")


def _first_record(line: str, delimiter: str = ",") -> list[str]:
    try:
        return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    except csv.Error:
        return []


def _daylio_without_header(record: list[str]) -> bool:
    """A Daylio row as the first line (a file whose header was removed): a date, …, a clock time, a mood."""
    cells = [c.strip() for c in record]
    return (
        7 <= len(cells) <= 9
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[0]) is not None
        and re.fullmatch(r"\d{1,2}:\d{2}(\s*[aApP]\.?\s*[mM]\.?)?", cells[3]) is not None
        and bool(cells[4])
    )


def detect_format(header_text: str) -> str | None:
    """ "paincompanion", "migraine-buddy", "pfpd", "bearable", "medtimer", "daylio", "flaredown", "csv" (a CSV
    with date- and pain-like columns), or None when the first lines match none of them.

    JSON: our export, a Privacy Friendly Pain Diary backup (bare or in Privacy Friendly Backup's wrapper), a
    MedTimer backup."""
    text = header_text.lstrip("\ufeff").lstrip()
    if text.startswith("{"):
        return _json_format(text[:20_000])
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    first = lines[0]
    lowered = text[:20_000].lower()
    unquoted = lowered.replace('"', "").replace(" ", "")
    if (
        "\n#,started," in "\n" + unquoted
        or "#,started,lasted" in unquoted
        or ("start utc offset (min)" in lowered and "pain level" in lowered)
    ):
        return "migraine-buddy"
    header = header_index(_first_record(first))
    if tuple(header)[:5] == OWN_CSV:
        return "paincompanion"
    if "pain level (0-10)" in header and "body regions" in header:
        return "pfpd"
    if "category" in header and ("rating/amount" in header or {"label", "rating"} <= header.keys()):
        return "bearable"
    semi = _first_record(first, ";")
    if 6 <= len(semi) <= 9 and sum("iso 8601" in c.lower() for c in semi) >= 2:
        return "medtimer"
    if "mood" in header and "activities" in header and ("full_date" in header or {"year", "date"} <= header.keys()):
        return "daylio"
    if _daylio_without_header(_first_record(first)):
        return "daylio"
    if is_flaredown(_first_record(first)):
        return "flaredown"
    guessed = guess_mapping(_first_record(first))
    if "date" in guessed and "pain" in guessed:
        return "csv"
    return None


def _json_format(head: str) -> str | None:
    if '"paincompanion"' in head[:4096]:
        return "paincompanion"
    if "privacyfriendlypaindiary" in head or any(
        table in head for table in ('"diaryentries"', '"paindescriptions"', '"painDescription_id"')
    ):
        return "pfpd"
    if any(key in head for key in ('"medicineName"', '"remindedTimestamp"', '"notificationImportance"')) or (
        '"medicines"' in head and '"events"' in head
    ):
        return "medtimer"
    return None
