"""The very first start builds the database under a temporary name: a crash there never blocks the next start."""

from __future__ import annotations

import sqlite3

from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion


def tables(path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()


def test_a_half_made_database_from_a_killed_first_start_is_replaced(tmp_path, clock):
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    half_made = paths.database.with_name(f"{paths.database.name}.new")
    half_made.write_bytes(b"")  # what a kill right after creating the file leaves
    with Companion.open(paths, clock) as comp:
        assert comp.diary.count() == 0 and comp.backups.check().ok
    assert not half_made.exists()
    assert "entries" in tables(paths.database)


def test_a_stray_wal_of_another_database_is_set_aside_not_replayed(tmp_path, clock):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE foreign_rows (x)")
    con.executemany("INSERT INTO foreign_rows VALUES (?)", [("x" * 500,)] * 100)
    con.commit()
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    stray = paths.database.with_name(f"{paths.database.name}-wal")
    stray.write_bytes(other.with_name("other.sqlite-wal").read_bytes())
    con.close()

    with Companion.open(paths, clock) as comp:
        assert comp.backups.check().ok
    assert "foreign_rows" not in tables(paths.database)
    assert stray.with_name(f"{stray.name}.orphaned").stat().st_size > 0  # kept, not deleted
