"""Appointment summary speed: a 90-day report from a 20-year diary, written as a PDF.

Measures (1) in one process, the first report (imports of fpdf2 and matplotlib, fonts, chart included)
and the following ones, and (2) `paincompanion report --days 90 -o FILE` as a fresh process against
the bare PySide6 window of benchmarks/bare_window.py started the same way (the ratio of wall times).
Target: the report is written in <= 2 s (first report in-process, and the whole CLI process).

    python benchmarks/report.py [--years 20] [--runs 5] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_S = 2.0


def fill(data_dir: str, years: float) -> None:
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion
    from paincompanion.services.demo import fill_demo

    t0 = time.perf_counter()
    with Companion.open(AppPaths.in_dir(data_dir)) as comp:
        entries, _ = fill_demo(comp, years)
    print(f"demo: {entries} entries over {years:g} years in {time.perf_counter() - t0:.1f} s", flush=True)


def in_process(data_dir: str, out: Path, runs: int) -> list[float]:
    """Seconds for each report, opening the data once (the first run pays the imports)."""
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    times = []
    with Companion.open(AppPaths.in_dir(data_dir)) as comp:
        for _ in range(runs):
            start = time.perf_counter()
            request = comp.reports.request_for(days=90)
            comp.reports.write(request, out)
            times.append(time.perf_counter() - start)
    return times


def wall(cmd: list[str], env: dict[str, str]) -> float:
    env = {**env, "PAINCOMPANION_BENCH_T0": repr(time.time())}
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{proc.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=float, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-dir", help="reuse a data dir that already holds demo data")
    args = parser.parse_args()

    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="pc-bench-report-") as tmp:
        data_dir = args.data_dir or tmp
        if not (Path(data_dir) / "paincompanion.sqlite").exists():
            fill(data_dir, args.years)
        out = Path(tmp) / "summary.pdf"

        times = in_process(data_dir, out, args.runs)
        size_kb = out.stat().st_size / 1024
        print(f"\nin-process, 90-day report ({size_kb:.0f} kB): first {times[0] * 1000:.0f} ms (imports included), "
              f"then median {statistics.median(times[1:] or times) * 1000:.0f} ms")  # fmt: skip

        cli = [sys.executable, "-m", "paincompanion", "--data-dir", data_dir, "report", "--days", "90", "-o", str(out)]
        bare = [sys.executable, str(HERE / "bare_window.py")]
        wall(cli, env), wall(bare, env)  # warm the OS file cache once
        cli_times, bare_times = [], []
        for _ in range(args.runs):
            cli_times.append(wall(cli, env))
            bare_times.append(wall(bare, env))
    cli_s, bare_s = statistics.median(cli_times), statistics.median(bare_times)
    print(f"CLI 'report --days 90' fresh process: median {cli_s * 1000:.0f} ms (target <= {TARGET_S:g} s)")
    print(f"bare PySide6 window fresh process:   median {bare_s * 1000:.0f} ms")
    print(f"ratio report CLI / bare window: {cli_s / bare_s:.2f}")
    ok = times[0] <= TARGET_S and cli_s <= TARGET_S
    print("RESULT", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
