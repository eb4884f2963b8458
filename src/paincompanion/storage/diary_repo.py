"""Diary and PEG rows <-> domain objects. Functions take a Connection inside a transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from ..domain.diary import DiaryEntry, EntryDraft, EntryFilter
from ..domain.peg import PegCheckin
from ..domain.period_rows import EntryPoint, NameCount
from .rows import ENTRY_COLUMNS, PEG_COLUMNS, assemble_entries, peg_from_row
from .schema import entries, entry_locations, entry_qualities, entry_tags, insert_row, peg_checkins

_CHILD_TABLES = (entry_locations, entry_qualities, entry_tags)


def import_keys(conn: Connection) -> list[tuple[int, int, int, str]]:
    """(at_utc, utc_offset, pain, note) of every entry: what an import compares with, without the child rows."""
    stmt = select(entries.c.at_utc, entries.c.utc_offset, entries.c.pain, entries.c.note)
    return [(r.at_utc, r.utc_offset, r.pain, r.note) for r in conn.execute(stmt)]


def to_utc_fields(at: datetime) -> dict[str, Any]:
    offset = at.utcoffset() or timedelta(0)
    return {
        "at_utc": int(at.timestamp()),
        "utc_offset": int(offset.total_seconds() // 60),
    }


def _entry_row(draft: EntryDraft, now_utc: int) -> dict[str, Any]:
    return {
        **to_utc_fields(draft.at),
        "local_day": draft.at.date().isoformat(),
        "pain": draft.pain,
        "mood": draft.mood,
        "sleep_hours": draft.sleep_hours,
        "sleep_quality": draft.sleep_quality,
        "activity": draft.activity,
        "activity_level": draft.activity_level,
        "note": draft.note,
        "flagged": bool(draft.flagged),
        "updated_utc": now_utc,
    }


def _child_rows(
    entry_id: int, draft: EntryDraft
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    locs = [{"entry_id": entry_id, "region": loc.region, "intensity": loc.intensity} for loc in draft.locations]
    quals = [{"entry_id": entry_id, "quality": q} for q in draft.qualities]
    tags = [{"entry_id": entry_id, "kind": "trigger", "tag": t} for t in draft.triggers]
    tags += [{"entry_id": entry_id, "kind": "helped", "tag": t} for t in draft.helped]
    return locs, quals, tags


def _insert_children(
    conn: Connection, rows: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]
) -> None:
    for table, table_rows in zip(_CHILD_TABLES, rows):
        if table_rows:
            conn.execute(insert(table), table_rows)


def insert_entry(conn: Connection, draft: EntryDraft, now_utc: int, entry_id: int | None = None) -> int:
    """Insert a validated draft; `entry_id` re-creates a deleted entry under its old id (undo)."""
    row = _entry_row(draft, now_utc)
    row["created_utc"] = now_utc
    if entry_id is not None:
        row["id"] = entry_id
    new_id = insert_row(conn, entries, row)
    _insert_children(conn, _child_rows(new_id, draft))
    return new_id


def update_entry(conn: Connection, entry_id: int, draft: EntryDraft, now_utc: int) -> bool:
    result = conn.execute(update(entries).where(entries.c.id == entry_id).values(**_entry_row(draft, now_utc)))
    if result.rowcount == 0:
        return False
    for table in _CHILD_TABLES:
        conn.execute(delete(table).where(table.c.entry_id == entry_id))
    _insert_children(conn, _child_rows(entry_id, draft))
    return True


def delete_entry(conn: Connection, entry_id: int) -> bool:
    return conn.execute(delete(entries).where(entries.c.id == entry_id)).rowcount > 0


def bulk_insert(conn: Connection, drafts: Sequence[EntryDraft], now_utc: int) -> list[int]:
    """Fast insert of many validated drafts in the caller's transaction (import, demo)."""
    if not drafts:
        return []
    start = conn.execute(select(func.coalesce(func.max(entries.c.id), 0))).scalar_one() + 1
    ids = list(range(start, start + len(drafts)))
    rows = []
    children: tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]] = ([], [], [])
    for entry_id, draft in zip(ids, drafts):
        row = _entry_row(draft, now_utc)
        row.update(id=entry_id, created_utc=now_utc)
        rows.append(row)
        for bucket, extra in zip(children, _child_rows(entry_id, draft)):
            bucket.extend(extra)
    conn.execute(insert(entries), rows)
    _insert_children(conn, children)
    return ids


def _filter_clause(flt: EntryFilter) -> list[Any]:
    clauses: list[Any] = []
    if flt.date_from:
        clauses.append(entries.c.local_day >= flt.date_from.isoformat())
    if flt.date_to:
        clauses.append(entries.c.local_day <= flt.date_to.isoformat())
    if flt.tag:
        clauses.append(entries.c.id.in_(select(entry_tags.c.entry_id).where(entry_tags.c.tag == flt.tag)))
    if flt.location:
        clauses.append(
            entries.c.id.in_(select(entry_locations.c.entry_id).where(entry_locations.c.region == flt.location))
        )
    if flt.text:
        pattern = "%" + flt.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append(
            or_(
                entries.c.note.ilike(pattern, escape="\\"),
                entries.c.activity.ilike(pattern, escape="\\"),
                entries.c.id.in_(select(entry_tags.c.entry_id).where(entry_tags.c.tag.ilike(pattern, escape="\\"))),
            )
        )
    return clauses


def query_ids(conn: Connection, flt: EntryFilter | None = None, *, newest_first: bool = True) -> list[int]:
    """Ids of matching entries in time order (ties broken by id, i.e. the order they were made)."""
    stmt = select(entries.c.id)
    if flt:
        stmt = stmt.where(and_(True, *_filter_clause(flt)))
    order = (entries.c.at_utc.desc(), entries.c.id.desc()) if newest_first else (entries.c.at_utc, entries.c.id)
    return list(conn.execute(stmt.order_by(*order)).scalars())


def count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(entries)).scalar_one()


def get_entries(conn: Connection, ids: Sequence[int]) -> list[DiaryEntry]:
    """Entries for `ids`, in the order given; missing ids are skipped."""
    found: dict[int, DiaryEntry] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        found.update(_load_chunk(conn, chunk))
    return [found[i] for i in ids if i in found]


def _load_chunk(conn: Connection, ids: list[int]) -> dict[int, DiaryEntry]:
    columns = [entries.c[name] for name in ENTRY_COLUMNS]
    return assemble_entries(
        conn.execute(select(*columns).where(entries.c.id.in_(ids))),
        conn.execute(
            select(entry_locations.c.entry_id, entry_locations.c.region, entry_locations.c.intensity)
            .where(entry_locations.c.entry_id.in_(ids))
            .order_by(entry_locations.c.region)
        ),
        conn.execute(
            select(entry_qualities.c.entry_id, entry_qualities.c.quality)
            .where(entry_qualities.c.entry_id.in_(ids))
            .order_by(entry_qualities.c.quality)
        ),
        conn.execute(
            select(entry_tags.c.entry_id, entry_tags.c.kind, entry_tags.c.tag)
            .where(entry_tags.c.entry_id.in_(ids))
            .order_by(entry_tags.c.tag)
        ),
    )


def tag_counts(conn: Connection, kind: str) -> list[tuple[str, int]]:
    """Past tags of one kind ('trigger' or 'helped'), most used first."""
    n = func.count().label("n")
    stmt = (
        select(entry_tags.c.tag, n)
        .where(entry_tags.c.kind == kind)
        .group_by(entry_tags.c.tag)
        .order_by(n.desc(), entry_tags.c.tag)
    )
    return [(r.tag, r.n) for r in conn.execute(stmt)]


def location_counts(conn: Connection, day_from: date | None = None, day_to: date | None = None) -> list[NameCount]:
    """Each body region and the entries naming it, most named first."""
    n = func.count().label("n")
    stmt = select(entry_locations.c.region, n).join(entries, entries.c.id == entry_locations.c.entry_id)
    if day_from:
        stmt = stmt.where(entries.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(entries.c.local_day <= day_to.isoformat())
    stmt = stmt.group_by(entry_locations.c.region).order_by(n.desc(), entry_locations.c.region)
    return [NameCount(r.region, r.n) for r in conn.execute(stmt)]


def quality_counts(conn: Connection, day_from: date | None = None, day_to: date | None = None) -> list[NameCount]:
    """Each pain quality and the entries with it, most used first."""
    n = func.count().label("n")
    stmt = select(entry_qualities.c.quality, n).join(entries, entries.c.id == entry_qualities.c.entry_id)
    if day_from:
        stmt = stmt.where(entries.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(entries.c.local_day <= day_to.isoformat())
    stmt = stmt.group_by(entry_qualities.c.quality).order_by(n.desc(), entry_qualities.c.quality)
    return [NameCount(r.quality, r.n) for r in conn.execute(stmt)]


def entry_points(conn: Connection, day_from: date | None = None, day_to: date | None = None) -> list[EntryPoint]:
    """The light columns of the entries (of the diary days from `day_from` to `day_to`), oldest first."""
    stmt = select(
        entries.c.local_day,
        entries.c.at_utc,
        entries.c.utc_offset,
        entries.c.pain,
        entries.c.mood,
        entries.c.sleep_hours,
        entries.c.sleep_quality,
        entries.c.activity_level,
    )
    if day_from:
        stmt = stmt.where(entries.c.local_day >= day_from.isoformat())
    if day_to:
        stmt = stmt.where(entries.c.local_day <= day_to.isoformat())
    return [EntryPoint(*r) for r in conn.execute(stmt.order_by(entries.c.at_utc, entries.c.id))]


def first_day(conn: Connection) -> date | None:
    value = conn.execute(select(func.min(entries.c.local_day))).scalar_one_or_none()
    return date.fromisoformat(value) if value else None


# --- PEG -----------------------------------------------------------------------------------------


def insert_peg(conn: Connection, peg: PegCheckin, peg_id: int | None = None) -> int:
    row = {**to_utc_fields(peg.at), "pain": peg.pain, "enjoyment": peg.enjoyment, "activity": peg.activity}
    if peg_id is not None:
        row["id"] = peg_id
    return insert_row(conn, peg_checkins, row)


def bulk_insert_peg(conn: Connection, pegs: Iterable[PegCheckin]) -> None:
    rows = [{**to_utc_fields(p.at), "pain": p.pain, "enjoyment": p.enjoyment, "activity": p.activity} for p in pegs]
    if rows:
        conn.execute(insert(peg_checkins), rows)


def delete_peg(conn: Connection, peg_id: int) -> bool:
    return conn.execute(delete(peg_checkins).where(peg_checkins.c.id == peg_id)).rowcount > 0


def list_peg(conn: Connection, limit: int | None = None) -> list[PegCheckin]:
    """PEG check-ins, newest first."""
    stmt = select(*[peg_checkins.c[name] for name in PEG_COLUMNS]).order_by(
        peg_checkins.c.at_utc.desc(), peg_checkins.c.id.desc()
    )
    if limit:
        stmt = stmt.limit(limit)
    return [peg_from_row(tuple(r)) for r in conn.execute(stmt)]
