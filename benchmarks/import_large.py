"""Importing large files: time and peak memory of the preview (dry run) and the import.

    python benchmarks/import_large.py [--mb 200] [--real]      # our own CSV export, into an empty diary
    python benchmarks/import_large.py --apps [--rows 10000] [--years 20]   # other apps' files, into a full diary
Targets: our CSV: peak memory <= 300 MB for a 200 MB file (read as a stream, never whole). Other apps' files
(issue 14): a 10,000-row file into a 20-year diary (the demo data: entries, doses, routines): preview <= 5 s,
import <= 10 s, for each format. Each run is a fresh process (its peak resident memory, ru_maxrss, is its own).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
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


APPS_RUN = """
import json, resource, sys, time
from pathlib import Path
from paincompanion import importers
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
companion = Companion.open(AppPaths.in_dir(Path(sys.argv[1])))
given = json.loads(sys.argv[3])
fmt, mapping = given.pop("format", "auto"), given.pop("map", None)
options = importers.ImportOptions(**{k: tuple(v) if isinstance(v, list) else v for k, v in given.items()})
times = []
for dry in (True, False):
    start = time.perf_counter()
    result = transfer.import_file(companion, Path(sys.argv[2]), dry_run=dry, fmt=fmt, mapping=mapping,
                                  options=options)
    times.append(time.perf_counter() - start)
companion.close()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"dry": times[0], "real": times[1], "peak_mb": peak, "format": result.format,
                  "added": result.entries + result.doses, "skipped": len(result.skipped)}))
"""
DEMO = """
import sys
from pathlib import Path
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo
companion = Companion.open(AppPaths.in_dir(Path(sys.argv[1])))
fill_demo(companion, float(sys.argv[2]))
print(companion.diary.count(), len(companion.meds.doses()))
companion.close()
"""
ZONE = timezone(timedelta(hours=-5))
FIRST = datetime(1999, 1, 1, 7, 13, tzinfo=ZONE)  # odd minutes: no time of the demo diary's


def _moment(i: int, hours: int = 13) -> datetime:
    return FIRST + timedelta(hours=hours * i)


def write_app_files(folder: Path, rows: int) -> dict[str, tuple[Path, dict[str, object]]]:
    """A `rows`-row file in each other app's layout (all rows new to the diary), with the options it needs."""
    files: dict[str, tuple[Path, dict[str, object]]] = {}
    path = folder / "other.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["when", "kind", "score", "remark"])
        for i in range(rows):
            writer.writerow([_moment(i).strftime("%Y-%m-%d %H:%M"), "pain", 1 + i % 5, f"row {i}"])
    mapping = {"date": "when", "pain": "score", "note": "remark"}
    files["csv"] = (path, {"format": "csv", "map": mapping, "scale": [1, 5], "where": ["kind", "pain"]})
    path = folder / "medtimer.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["Reminded", "Name", "Dosage", "Taken", "Tags", "Interval", "Notes", "Reminded (ISO 8601)",
                         "Taken (ISO 8601)"])  # fmt: skip
        for i in range(rows):
            at = _moment(i)
            local = f"{at.month}/{at.day}/{at:%y} {at:%I:%M %p}"
            utc = at.astimezone(UTC).isoformat().replace("+00:00", "Z")
            writer.writerow([local, f"Medicine {i % 7}", "1 tablet", local, "", "", "", utc, utc])
    files["medtimer"] = (path, {})
    path = folder / "flaredown.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Date", "Joint pain", "Fatigue", "Ibuprofen", "Tags", "Foods"])
        for i in range(rows):
            day = (FIRST + timedelta(days=i)).date().isoformat()
            writer.writerow([day, i % 5, (i + 2) % 5, "400 mg" if i % 3 == 0 else "", "tired" if i % 4 else "", ""])
    files["flaredown"] = (path, {"pain_item": "Joint pain"})
    path = folder / "bearable.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["date", "weekday", "time of day", "category", "rating/amount", "detail", "notes"])
        for i in range(rows):
            day = (FIRST + timedelta(days=i // 4)).date()
            kind = i % 4
            row = [("Symptom", "", "Back pain (Moderate)"), ("Mood", "3", ""), ("Sleep", "7:30", ""),
                   ("Meds/Supplements", "400", "Ibuprofen (mg)")][kind]  # fmt: skip
            writer.writerow([day.isoformat(), f"{day:%a}", ("am", "pm", "pre", "mid")[kind], *row, ""])
    files["bearable"] = (path, {})
    path = folder / "migraine_buddy.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, quoting=csv.QUOTE_ALL)
        writer.writerow(["#", "Started", "Lasted", "Start UTC Offset (min)", "End UTC Offset (min)", "Geohash",
                         "Attack Types", "Attack Location", "Pain Level", "Affected Activities", "Potential Triggers",
                         "Symptoms", "Most Bothersome Symptom", "Premonitory Symptoms", "Pain Positions",
                         "Helpful Medication", "Somewhat Helpful Medication", "Unhelpful Medication",
                         "Unsure Medication", "Helpful Non Drug Relief Methods",
                         "Somewhat Helpful Non Drug Relief Methods", "Unhelpful Non Drug Relief Methods",
                         "Unsure Non Drug Relief Methods", "Notes"])  # fmt: skip
        for i in range(rows):
            at = _moment(i) + timedelta(days=800)  # from 2001: Migraine Buddy's two-digit years are 20xx
            writer.writerow([i + 1, f"{at.month}/{at.day}/{at:%y} {at:%H:%M}", "02h 10m", "-300", "-300", "",
                             "Migraine", "Home", 1 + i % 10, "Work", "Stress", "Nausea", "Nausea", "",
                             "Left Temple, Neck", "Ibuprofen", "", "", "", "Dark room", "", "", "",
                             f"attack {i}"])  # fmt: skip
    files["migraine-buddy"] = (path, {})
    tables = {"paindescriptions": [], "diaryentries": [], "drugs": [{"_id": 1, "name": "Ibuprofen", "dose": "400 mg"}],
              "drugintakes": []}  # fmt: skip
    for i in range(rows):
        day = (FIRST + timedelta(days=i)).date().isoformat()
        tables["paindescriptions"].append({"_id": i + 1, "painLevel": i % 11, "bodyRegions": "7,37",
                                           "painQualities": "dull", "timesOfPain": "morning"})  # fmt: skip
        tables["diaryentries"].append({"_id": i + 1, "date": day, "painDescription_id": i + 1, "condition": i % 5,
                                       "notes": f"day {i}"})  # fmt: skip
        if i % 2:
            tables["drugintakes"].append({"_id": i + 1, "morning": 1, "noon": 0, "evening": 1, "night": 0,
                                          "drug_id": 1, "diaryEntry_id": i + 1})  # fmt: skip
    content = [{"tableName": name, "createSql": "", "values": values} for name, values in tables.items()]
    path = folder / "pfpd.json"
    path.write_text(json.dumps({"database": {"version": 2, "content": content}}), encoding="utf-8")
    files["pfpd"] = (path, {})
    return files


def apps(rows: int, years: float) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "diary"
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", DEMO, str(base), str(years)], capture_output=True, text=True,
                             check=False)  # fmt: skip
        if out.returncode:
            print(out.stderr, file=sys.stderr)
            return 1
        entries, doses = out.stdout.split()
        print(f"diary: {years:g} years of demo data, {entries} entries and {doses} doses"
              f" (made in {time.perf_counter() - t0:.0f} s)")  # fmt: skip
        worst = 0.0
        for fmt, (path, options) in write_app_files(Path(tmp), rows).items():
            data = Path(tmp) / f"data-{fmt}"
            shutil.copytree(base, data)
            out = subprocess.run([sys.executable, "-c", APPS_RUN, str(data), str(path), json.dumps(options)],
                                 capture_output=True, text=True, check=False)  # fmt: skip
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                return 1
            got = json.loads(out.stdout.strip().splitlines()[-1])
            worst = max(worst, got["dry"] / 5, got["real"] / 10)
            print(f"{fmt:>9}: {rows} rows ({got['format']}), preview {got['dry']:.1f} s (target <= 5),"
                  f" import {got['real']:.1f} s (target <= 10), {got['added']} entries and doses added,"
                  f" {got['skipped']} skipped, peak memory {got['peak_mb']:.0f} MB")  # fmt: skip
        print("all within the targets" if worst <= 1 else "OVER a target")
    return 0 if worst <= 1 else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--real", action="store_true", help="also import it for real (into an empty diary)")
    parser.add_argument("--apps", action="store_true", help="other apps' files into a full diary instead")
    parser.add_argument("--rows", type=int, default=10_000, help="with --apps: rows in each file")
    parser.add_argument("--years", type=float, default=20, help="with --apps: years of demo diary")
    args = parser.parse_args()
    if args.apps:
        return apps(args.rows, args.years)
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
