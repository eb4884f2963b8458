"""Emptying a database before its file is deleted: every row of every table gone, freed pages zeroed.

With `secure_delete=ON` SQLite overwrites deleted content with zeros, so once the write-ahead log is
checkpointed the file itself no longer holds the old rows (on file systems that write in place).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

SQLITE_HEADER = b"SQLite format 3\x00"
_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def _deletable(names: list[str]) -> list[str]:
    """Every table, including the row counters of AUTOINCREMENT; SQLite's own statistics stay (no content)."""
    return [name for name in names if not name.startswith("sqlite_") or name == "sqlite_sequence"]


def _delete_rows(execute: Any, names: list[str]) -> int:
    execute("PRAGMA secure_delete = ON")
    execute("PRAGMA defer_foreign_keys = ON")  # checked at commit, when no row is left to break a rule
    quoted = ['"' + name.replace('"', '""') + '"' for name in _deletable(names)]
    removed: int = sum(execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in quoted)  # cascades included
    for name in quoted:
        execute(f"DELETE FROM {name}")
    return removed


def delete_all_rows(conn: Connection) -> int:
    """Delete every row of every table inside the caller's transaction; returns how many rows went."""
    names = [row[0] for row in conn.exec_driver_sql(_TABLES)]
    return _delete_rows(conn.exec_driver_sql, names)


def is_plain_sqlite(path: Path) -> bool:
    """An unencrypted SQLite file (an encrypted one starts with random bytes)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def wipe_plain_file(path: Path) -> int:
    """Empty a plain SQLite file in place (one transaction, secure_delete, WAL checkpointed); rows removed.

    Raises sqlite3.Error when the file cannot be opened or written.
    """
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA trusted_schema = OFF")
        con.execute("PRAGMA secure_delete = ON")
        con.execute("BEGIN IMMEDIATE")
        try:
            names = [row[0] for row in con.execute(_TABLES)]
            removed = _delete_rows(con.execute, names)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return removed
    finally:
        con.close()
