"""Read-only queries with the sqlite3 module alone, so the first window can show today's diary while
SQLAlchemy is still loading in the background (it costs about a third of a second to import).

Only what the Today page shows first is here; everything else goes through the repositories.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from ..domain.diary import DiaryEntry
from ..domain.peg import PegCheckin
from .rows import ENTRY_COLUMNS, PEG_COLUMNS, assemble_entries, peg_from_row


class QuickReader:
    """A read-only connection to a database that `probe()` has already accepted at the head revision."""

    def __init__(self, path: Path) -> None:
        # Closed from whichever thread ends the session, hence check_same_thread=False; reads are GUI-thread only.
        self._con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA query_only=ON")

    def close(self) -> None:
        self._con.close()

    def entries_on_day(self, day: date) -> list[DiaryEntry]:
        """One diary day, oldest first (same order as DiaryService.on_day)."""
        con = self._con
        rows = con.execute(
            f"SELECT {', '.join(ENTRY_COLUMNS)} FROM entries WHERE local_day = ? ORDER BY at_utc, id",
            (day.isoformat(),),
        ).fetchall()
        ids = [r[0] for r in rows]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        built = assemble_entries(
            rows,
            con.execute(f"SELECT entry_id, region, intensity FROM entry_locations WHERE entry_id IN ({marks}) "
                        "ORDER BY region", ids),
            con.execute(f"SELECT entry_id, quality FROM entry_qualities WHERE entry_id IN ({marks}) "
                        "ORDER BY quality", ids),
            con.execute(f"SELECT entry_id, kind, tag FROM entry_tags WHERE entry_id IN ({marks}) ORDER BY tag", ids),
        )  # fmt: skip
        return [built[i] for i in ids]

    def peg_history(self, limit: int | None = None) -> list[PegCheckin]:
        sql = f"SELECT {', '.join(PEG_COLUMNS)} FROM peg_checkins ORDER BY at_utc DESC, id DESC"
        rows = self._con.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()).fetchall()
        return [peg_from_row(r) for r in rows]

    def count(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM entries").fetchone()[0])

    def tag_counts(self, kind: str) -> list[tuple[str, int]]:
        rows = self._con.execute(
            "SELECT tag, count(*) AS n FROM entry_tags WHERE kind = ? GROUP BY tag ORDER BY n DESC, tag", (kind,)
        )
        return [(tag, n) for tag, n in rows]
