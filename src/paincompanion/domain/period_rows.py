"""Named rows that storage/ hands up to analysis/ and reports/ (through services/), instead of bare tuples.

They are NamedTuples: read by name (`row.pain`, never `row[3]`), still cheap to make by the thousand and
still unpackable where a reader wants all the fields. Times are as stored: `at_utc` in seconds since the
epoch and `utc_offset` in minutes east of UTC; `day` is the diary day (ISO text, local to the entry).
"""

from __future__ import annotations

from typing import NamedTuple


class EntryPoint(NamedTuple):
    """The light columns of one diary entry, for charts and statistics (`diary_repo.entry_points`)."""

    day: str
    at_utc: int
    utc_offset: int
    pain: int
    mood: int | None
    sleep_hours: float | None
    sleep_quality: int | None
    activity_level: int | None


class NameCount(NamedTuple):
    """A name (a body region, a pain quality, an activity as written) and how many entries have it."""

    name: str
    entries: int


class LocationStat(NamedTuple):
    """A body region, the entries naming it and the mean of its own ratings (None when never rated)."""

    region: str
    entries: int
    mean: float | None


class TagStat(NamedTuple):
    """A trigger or "what helped" tag (`kind`), the entries with it and their mean pain."""

    kind: str
    tag: str
    entries: int
    mean_pain: float


class FlaggedNote(NamedTuple):
    """A diary note the patient marked for their clinician."""

    entry_id: int
    at_utc: int
    utc_offset: int
    pain: int
    note: str


class PegRow(NamedTuple):
    """One PEG check-in as stored."""

    peg_id: int
    at_utc: int
    utc_offset: int
    pain: int
    enjoyment: int
    activity: int
