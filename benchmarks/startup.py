"""Start-up time and peak memory: the app with 20 years of demo data against a bare PySide6 window.

Runs both alternately (default 7 times each), each a fresh process with QT_QPA_PLATFORM=offscreen
unless DISPLAY is set, and prints medians and ratios. Targets: idle painted window within 2.5x of the
bare window, first paint within 1.5x, peak memory <= 200 MB.

    python benchmarks/startup.py [--runs N] [--years 20] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LINE = re.compile(r"BENCH first_paint=([\d.]+) idle=([\d.]+)")


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """Return (first paint s, idle s, process wall s, peak RSS MB) for one launch."""
    env = {**env, "PAINCOMPANION_BENCH_T0": repr(time.time())}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed:\n{stderr}")
    match = LINE.search(stderr)
    if not match:
        raise SystemExit(f"{cmd} printed no BENCH line:\n{stderr}")
    return float(match.group(1)), float(match.group(2)), wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=float, default=20)
    parser.add_argument("--data-dir", help="reuse a data dir that already holds demo data")
    args = parser.parse_args()

    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="pc-bench-")
    if not (Path(data_dir) / "paincompanion.sqlite").exists():
        print(f"Filling {data_dir} with {args.years:g} years of demo data…", flush=True)
        subprocess.run([sys.executable, "-m", "paincompanion", "--data-dir", data_dir, "demo", "--years",
                        str(args.years)], check=True, env=env)  # fmt: skip
    commands = {
        "bare": [sys.executable, str(HERE / "bare_window.py")],
        "app": [sys.executable, "-m", "paincompanion", "--data-dir", data_dir, "--quit-after-startup"],
    }
    for cmd in commands.values():  # warm the OS file cache once
        run_once(cmd, env)
    results: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            results[name].append(run_once(cmd, env))

    def med(name: str, i: int) -> float:
        return statistics.median(r[i] for r in results[name])

    print(f"\nruns: {args.runs} each, alternating; platform: {env.get('QT_QPA_PLATFORM', 'xcb')}")
    print(f"{'':8}{'first paint':>14}{'idle':>10}{'wall':>10}{'peak RSS':>12}")
    for name in commands:
        print(f"{name:8}{med(name, 0) * 1000:>11.0f} ms{med(name, 1) * 1000:>7.0f} ms"
              f"{med(name, 2) * 1000:>7.0f} ms{max(r[3] for r in results[name]):>9.0f} MB")  # fmt: skip
    paint_ratio = med("app", 0) / med("bare", 0)
    idle_ratio = med("app", 1) / med("bare", 1)
    peak = max(r[3] for r in results["app"])
    print(f"\nratio first paint app/bare: {paint_ratio:.2f}  (target <= 1.5)")
    print(f"ratio idle        app/bare: {idle_ratio:.2f}  (target <= 2.5)")
    print(f"app peak memory: {peak:.0f} MB  (target <= 200)")
    ok = paint_ratio <= 1.5 and idle_ratio <= 2.5 and peak <= 200
    print("RESULT", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
