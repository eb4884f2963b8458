"""Integrity checks: quick at open, thorough on demand."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.ok:
            return ["ok"]
        return self.problems + self.foreign_key_problems


def open_read_only(path: Path) -> sqlite3.Connection:
    """Open without any chance of writing to the main file."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def check_connection(con: sqlite3.Connection, *, thorough: bool) -> IntegrityReport:
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}")]
        fk = [
            f"row {rowid} of {table} points to a missing row in {parent}"
            for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check")
        ]
    except sqlite3.DatabaseError as exc:
        return IntegrityReport(False, [str(exc)])
    problems = [] if rows == ["ok"] else rows
    return IntegrityReport(not problems and not fk, problems, fk)


def check_file(path: Path, *, thorough: bool = True) -> IntegrityReport:
    """Check a database file read-only."""
    try:
        con = open_read_only(path)
    except sqlite3.Error as exc:
        return IntegrityReport(False, [str(exc)])
    try:
        return check_connection(con, thorough=thorough)
    finally:
        con.close()
