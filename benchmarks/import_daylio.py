"""A 10,000-row Daylio file into a 20-year diary: time of the dry run (the preview) and of the import.

    python benchmarks/import_daylio.py
Targets (issue 14): dry run <= 5 s, import <= 10 s. The diary has 20 years of entries (two a day) and the
file's rows become records without a pain score; custom mood names and 12-hour times as in real exports.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from paincompanion.domain.diary import EntryDraft, validate_draft
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion

MOODS = ("rad", "content", "okay", "anxious", "tired", "my own mood", "awful")
ROWS = 10_000


def write_daylio(path: Path, now: datetime) -> None:
    lines = ["full_date,date,weekday,time,mood,activities,note_title,note"]
    for i in range(ROWS):
        at = now - timedelta(hours=7 * (i + 1))
        clock = at.strftime("%I:%M %p").lstrip("0")
        lines.append(f'{at:%Y-%m-%d},{at:%B} {at.day},{at:%A},{clock},{MOODS[i % len(MOODS)]},'
                     f'"work | walk | reading","","Row {i}, a short note"')  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        companion = Companion.open(AppPaths.in_dir(Path(tmp) / "data"))
        now = companion.clock.now()
        drafts = [validate_draft(EntryDraft(at=now - timedelta(hours=12 * (i + 1)), pain=i % 11, mood=i % 7,
                                            note=f"entry {i}"), now) for i in range(2 * 365 * 20)]  # fmt: skip
        companion.diary.add_batch(drafts)
        path = Path(tmp) / "daylio.csv"
        write_daylio(path, now.replace(tzinfo=None))
        for dry in (True, False):
            start = time.perf_counter()
            result = transfer.import_file(companion, path, dry_run=dry)
            seconds = time.perf_counter() - start
            target = 5 if dry else 10
            print(f"{'dry run' if dry else 'import '}: {result.moods} records, {len(result.skipped)} skipped, "
                  f"{seconds:.1f} s (target <= {target} s)")  # fmt: skip
        companion.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
