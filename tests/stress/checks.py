"""What a crash may and may not leave behind: content fingerprints and a read-only look at the data file.

Fingerprints are computed from raw rows with the sqlite3 module alone, independent of the app's
repository code, so a bug there cannot hide itself. An entry without its location, quality or tag
rows has a different fingerprint from the one the app acknowledged, so "half-written" shows up as
a mismatch.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def fingerprint(at_utc: int, pain: int, note: str, locations: list, qualities: list, tags: list) -> str:
    """A short hash of an entry's content and all of its child rows."""
    canonical = json.dumps(
        [at_utc, pain, note, sorted(map(list, locations)), sorted(qualities), sorted(map(list, tags))],
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:20]


def fingerprint_entry(entry: Any) -> str:
    """The fingerprint of a `DiaryEntry` as the app returned it (the child's side)."""
    return fingerprint(
        int(entry.at.timestamp()),
        entry.pain,
        entry.note,
        [(loc.region, loc.intensity) for loc in entry.locations],
        list(entry.qualities),
        [("trigger", t) for t in entry.triggers] + [("helped", t) for t in entry.helped],
    )


@dataclass
class Snapshot:
    """What the data file holds, read without writing to it."""

    entries: dict[int, str] = field(default_factory=dict)  # id -> fingerprint
    peg_count: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # rows per data table
    revision: str | None = None
    problems: list[str] = field(default_factory=list)


def _open_read_only(path: Path, key: bytes | None = None) -> Any:
    if key is not None:  # an encrypted diary: SQLCipher, keyed with the raw master key
        from paincompanion.storage.cipher import connect

        return connect(path, key, read_only=True)
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _errors() -> tuple[type[BaseException], ...]:
    from paincompanion.storage.cipher import db_errors

    return db_errors()


def read_snapshot(path: Path, key: bytes | None = None) -> Snapshot:
    """Integrity check, foreign-key check and every entry's fingerprint (of an encrypted file with its `key`)."""
    snap = Snapshot()
    try:
        con = _open_read_only(path, key)
    except _errors() as exc:
        snap.problems.append(f"cannot open: {exc}")
        return snap
    try:
        integrity = [row[0] for row in con.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            snap.problems.append(f"integrity_check: {integrity[:3]}")
        orphans = con.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            snap.problems.append(f"foreign_key_check: {orphans[:3]}")
        snap.revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        children: dict[str, dict[int, list]] = {name: defaultdict(list) for name in ("loc", "qual", "tag")}
        for entry_id, region, intensity in con.execute("SELECT entry_id, region, intensity FROM entry_locations"):
            children["loc"][entry_id].append((region, intensity))
        for entry_id, quality in con.execute("SELECT entry_id, quality FROM entry_qualities"):
            children["qual"][entry_id].append(quality)
        for entry_id, kind, tag in con.execute("SELECT entry_id, kind, tag FROM entry_tags"):
            children["tag"][entry_id].append((kind, tag))
        for entry_id, at_utc, pain, note in con.execute("SELECT id, at_utc, pain, note FROM entries"):
            snap.entries[entry_id] = fingerprint(
                at_utc,
                pain,
                note,
                children["loc"][entry_id],
                children["qual"][entry_id],
                children["tag"][entry_id],
            )
        snap.peg_count = con.execute("SELECT count(*) FROM peg_checkins").fetchone()[0]
        tables = [
            name
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not name.startswith("sqlite_") and name not in ("settings", "alembic_version")
        ]
        snap.counts = {name: con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
    except _errors() as exc:
        snap.problems.append(f"cannot read: {exc}")
    finally:
        con.close()
    return snap
