"""Plain row tuples -> domain objects, shared by the SQLAlchemy repositories and the start-up reader."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from ..domain.diary import DiaryEntry, LocationPain
from ..domain.peg import PegCheckin

#: Column order of an entry row, as both readers select it.
ENTRY_COLUMNS = (
    "id", "at_utc", "utc_offset", "pain", "mood", "sleep_hours", "sleep_quality", "activity",
    "activity_level", "note", "created_utc", "flagged",
)  # fmt: skip
PEG_COLUMNS = ("id", "at_utc", "utc_offset", "pain", "enjoyment", "activity")


def from_utc_fields(at_utc: int, utc_offset: int) -> datetime:
    return datetime.fromtimestamp(at_utc, timezone(timedelta(minutes=utc_offset)))


def assemble_entries(
    entry_rows: Iterable[tuple[Any, ...]],
    location_rows: Iterable[tuple[int, str, int | None]],
    quality_rows: Iterable[tuple[int, str]],
    tag_rows: Iterable[tuple[int, str, str]],
) -> dict[int, DiaryEntry]:
    """Build entries from rows in ENTRY_COLUMNS order plus their (entry_id, …) child rows, sorted by name."""
    locs: dict[int, list[LocationPain]] = defaultdict(list)
    for entry_id, region, intensity in location_rows:
        locs[entry_id].append(LocationPain(region, intensity))
    quals: dict[int, list[str]] = defaultdict(list)
    for entry_id, quality in quality_rows:
        quals[entry_id].append(quality)
    tags: dict[tuple[int, str], list[str]] = defaultdict(list)
    for entry_id, kind, tag in tag_rows:
        tags[(entry_id, kind)].append(tag)
    result: dict[int, DiaryEntry] = {}
    for row in entry_rows:
        (entry_id, at_utc, utc_offset, pain, mood, sleep_hours, sleep_quality, activity, activity_level, note,
         created_utc, flagged) = row  # fmt: skip
        result[entry_id] = DiaryEntry(
            id=entry_id,
            at=from_utc_fields(at_utc, utc_offset),
            pain=pain,
            locations=tuple(locs[entry_id]),
            qualities=tuple(quals[entry_id]),
            mood=mood,
            sleep_hours=sleep_hours,
            sleep_quality=sleep_quality,
            activity=activity,
            activity_level=activity_level,
            triggers=tuple(tags[(entry_id, "trigger")]),
            helped=tuple(tags[(entry_id, "helped")]),
            note=note,
            flagged=bool(flagged),
            created=datetime.fromtimestamp(created_utc, UTC),
        )
    return result


def peg_from_row(row: tuple[Any, ...]) -> PegCheckin:
    peg_id, at_utc, utc_offset, pain, enjoyment, activity = row
    return PegCheckin(id=peg_id, at=from_utc_fields(at_utc, utc_offset), pain=pain, enjoyment=enjoyment,
                      activity=activity)  # fmt: skip
