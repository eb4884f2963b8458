"""Saving one diary entry (validate + one durable commit) on a 20-year diary: p50/p95/max.

    python benchmarks/save_entry.py [--years 20] [--saves 300]
Target: p95 <= 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import timedelta

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=float, default=20)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        comp = Companion.open(AppPaths.in_dir(tmp))
        t0 = time.perf_counter()
        entries, _ = fill_demo(comp, args.years)
        print(f"demo: {entries} entries in {time.perf_counter() - t0:.1f} s")
        now = comp.clock.now()
        times = []
        for i in range(args.saves):
            draft = EntryDraft(
                at=now - timedelta(seconds=i), pain=i % 11, locations=(LocationPain("front-left-knee", 5),),
                qualities=("aching",), mood=5, triggers=("stress",), note="benchmark entry " * 5,
            )  # fmt: skip
            start = time.perf_counter()
            comp.diary.add(draft)
            times.append((time.perf_counter() - start) * 1000)
        t0 = time.perf_counter()
        ids = comp.diary.ids()
        first_page = comp.diary.get_many(ids[:200])
        print(f"history: {len(ids)} ids + first 200 rows in {(time.perf_counter() - t0) * 1000:.0f} ms "
              f"({len(first_page)} loaded)")  # fmt: skip
        comp.close()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"save entry: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms "
          f"(target p95 <= 50 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
