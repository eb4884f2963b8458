"""Integrity checks: quick at open, thorough on demand."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .cipher import connect, database_errors, db_errors


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.ok:
            return ["ok"]
        return self.problems + self.foreign_key_problems


def open_read_only(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """Open without any chance of writing to the main file (with SQLCipher when a `key` is given)."""
    if key is None:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    con: sqlite3.Connection = connect(path, key, read_only=True)  # (sqlcipher3's has the same interface)
    return con


def check_connection(con: sqlite3.Connection, *, thorough: bool) -> IntegrityReport:
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        fk = [
            f"row {rowid} of {table} points to a missing row in {parent}"
            for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check")
        ]
    except database_errors() as exc:
        return IntegrityReport(False, [str(exc)])
    problems = [] if rows == ["ok"] else rows
    return IntegrityReport(not problems and not fk, problems, fk)


def check_file(path: Path, *, thorough: bool = True, key: bytes | None = None) -> IntegrityReport:
    """Check a database file read-only (an encrypted one with its `key`)."""
    try:
        con = open_read_only(path, key)
    except db_errors() as exc:
        return IntegrityReport(False, [str(exc)])
    try:
        return check_connection(con, thorough=thorough)
    finally:
        con.close()
