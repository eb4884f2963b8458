"""Importing a large CSV export (our own format): time and peak memory of a dry run and, with --real, an import.

    python benchmarks/import_large.py [--mb 200] [--real]
Target: peak memory <= 300 MB for a 200 MB file (the CSV is read as a stream, never whole).
Each run is a fresh process, so its peak resident memory (ru_maxrss) is the import's own.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from paincompanion.services.transfer import CSV_COLUMNS

RUN = """
import json, resource, sys, time
from pathlib import Path
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
companion = Companion.open(AppPaths.in_dir(Path(sys.argv[1])))
start = time.perf_counter()
result = transfer.import_file(companion, Path(sys.argv[2]), dry_run=sys.argv[3] == "dry")
seconds = time.perf_counter() - start
companion.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "entries": result.entries, "skipped": len(result.skipped)}))
"""


def write_csv(path: Path, megabytes: float) -> int:
    """Rows like a real export's, one every 10 minutes back from yesterday, until the file has `megabytes`."""
    limit = int(megabytes * 1024 * 1024)
    zone = timezone(timedelta(hours=1))
    start = datetime.now(zone).replace(microsecond=0) - timedelta(days=1)
    rows = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        while fh.tell() < limit:
            at = start - timedelta(minutes=10 * rows)
            rows += 1
            writer.writerow([
                rows, at.isoformat(), at.date().isoformat(), at.strftime("%H:%M"), rows % 11,
                "front-left-knee=5;back-left-lower-back", "aching;burning", rows % 7, 6.5, 4, "gardening", 3,
                "cold weather;stress", "heat pack", f"Entry {rows}: a walk, then the knee ached — rested after.", "",
            ])  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--real", action="store_true", help="also import it for real (into an empty diary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.csv"
        t0 = time.perf_counter()
        rows = write_csv(path, args.mb)
        print(f"file: {path.stat().st_size / 1024 / 1024:.0f} MB, {rows} rows, written in "
              f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
        for mode in ("dry", "real") if args.real else ("dry",):
            out = subprocess.run(
                [sys.executable, "-c", RUN, str(Path(tmp) / f"data-{mode}"), str(path), mode],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                return 1
            got = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{'dry run' if mode == 'dry' else 'import '}: {got['entries']} entries, {got['skipped']} skipped, "
                  f"{got['seconds']:.1f} s, peak memory {got['peak_mb']:.0f} MB (target <= 300 MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
