"""Aggregate reads for the appointment summary: a few grouped queries over one period of diary days.

Every function takes the period as local diary days (inclusive) and uses the local_day index, so a short
period reads quickly however long the diary is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, select

from ..domain.period_rows import FlaggedNote, LocationStat, NameCount, PegRow, TagStat
from .schema import entries, entry_locations, entry_qualities, entry_tags, peg_checkins


def _in_period(start: date, end: date) -> Any:
    return and_(entries.c.local_day >= start.isoformat(), entries.c.local_day <= end.isoformat())


def location_stats(conn: Connection, start: date, end: date) -> list[LocationStat]:
    """Each region, the entries naming it and the mean of its own ratings (or None), most named first."""
    n = func.count().label("n")
    stmt = (
        select(entry_locations.c.region, n, func.avg(entry_locations.c.intensity).label("mean"))
        .join(entries, entries.c.id == entry_locations.c.entry_id)
        .where(_in_period(start, end))
        .group_by(entry_locations.c.region)
        .order_by(n.desc(), entry_locations.c.region)
    )
    return [LocationStat(r.region, r.n, r.mean) for r in conn.execute(stmt)]


def quality_stats(conn: Connection, start: date, end: date) -> list[NameCount]:
    """Each pain quality and its entries, most used first."""
    n = func.count().label("n")
    stmt = (
        select(entry_qualities.c.quality, n)
        .join(entries, entries.c.id == entry_qualities.c.entry_id)
        .where(_in_period(start, end))
        .group_by(entry_qualities.c.quality)
        .order_by(n.desc(), entry_qualities.c.quality)
    )
    return [NameCount(r.quality, r.n) for r in conn.execute(stmt)]


def entries_with(conn: Connection, table: Any, start: date, end: date) -> int:
    """How many entries in the period have at least one row in a child table (locations or qualities)."""
    stmt = select(func.count(func.distinct(table.c.entry_id))).join(entries, entries.c.id == table.c.entry_id)
    return conn.execute(stmt.where(_in_period(start, end))).scalar_one()


def entries_with_location(conn: Connection, start: date, end: date) -> int:
    return entries_with(conn, entry_locations, start, end)


def entries_with_quality(conn: Connection, start: date, end: date) -> int:
    return entries_with(conn, entry_qualities, start, end)


def tag_stats(conn: Connection, start: date, end: date) -> list[TagStat]:
    """Each tag with its kind, entries and the mean pain of those entries, most used first within each kind."""
    n = func.count().label("n")
    stmt = (
        select(entry_tags.c.kind, entry_tags.c.tag, n, func.avg(entries.c.pain).label("mean"))
        .join(entries, entries.c.id == entry_tags.c.entry_id)
        .where(_in_period(start, end))
        .group_by(entry_tags.c.kind, entry_tags.c.tag)
        .order_by(entry_tags.c.kind, n.desc(), entry_tags.c.tag)
    )
    return [TagStat(r.kind, r.tag, r.n, float(r.mean)) for r in conn.execute(stmt)]


def activity_counts(conn: Connection, start: date, end: date) -> list[NameCount]:
    """Each activity as written and its entries, most frequent first; entries without an activity are left out."""
    n = func.count().label("n")
    stmt = (
        select(entries.c.activity, n)
        .where(_in_period(start, end), entries.c.activity != "")
        .group_by(entries.c.activity)
        .order_by(n.desc(), entries.c.activity)
    )
    return [NameCount(r.activity, r.n) for r in conn.execute(stmt)]


def flagged_notes(conn: Connection, start: date, end: date) -> list[FlaggedNote]:
    """The flagged entries with a note, oldest first."""
    stmt = (
        select(entries.c.id, entries.c.at_utc, entries.c.utc_offset, entries.c.pain, entries.c.note)
        .where(_in_period(start, end), entries.c.flagged.is_(True), func.trim(entries.c.note) != "")
        .order_by(entries.c.at_utc, entries.c.id)
    )
    return [FlaggedNote(*r) for r in conn.execute(stmt)]


def peg_rows(conn: Connection, start_utc: int, end_utc: int) -> list[PegRow]:
    """PEG check-ins with start_utc <= at_utc < end_utc, oldest first.

    The caller widens the window by a day on each side and keeps the check-ins whose local day is in the period.
    """
    c = peg_checkins.c
    stmt = (
        select(c.id, c.at_utc, c.utc_offset, c.pain, c.enjoyment, c.activity)
        .where(c.at_utc >= start_utc, c.at_utc < end_utc)
        .order_by(c.at_utc, c.id)
    )
    return [PegRow(*r) for r in conn.execute(stmt)]
