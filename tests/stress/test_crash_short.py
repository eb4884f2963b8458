"""The crash harness, short: 10 kills during saves plus a few during import, migration, first start, encrypt and
decrypt (a year of demo data). `make stress` runs the long one (test_crash_long.py)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

HARNESS = Path(__file__).with_name("harness.py")
sys.path.insert(0, str(HARNESS.parent))

import harness  # noqa: E402
from checks import read_snapshot  # noqa: E402

from paincompanion.domain.diary import validate_draft  # noqa: E402


def run_harness(*args: str, timeout: int = 170) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HARNESS), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


def test_kills_lose_no_acknowledged_save_and_tear_nothing():
    result = run_harness(
        "--cycles=10",
        "--seed=7",
        "--import-cycles=2",
        "--import-years=0.5",
        "--migration-cycles=2",
        "--migration-size=800",
        "--first-start-cycles=2",
        "--encryption-cycles=4",
        "--encryption-years=1",
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    saves = re.search(r"saves: 10 cycles \((\d+) killed.*?(\d+) acknowledged, 0 findings", result.stdout)
    assert saves, result.stdout
    assert int(saves.group(1)) >= 8 and int(saves.group(2)) > 10  # it really killed, and saves were made
    for name, cycles in (("import", 2), ("migration", 2), ("first start", 2), ("encrypt/decrypt", 4)):
        assert re.search(rf"{name}: {cycles} cycles .*0 findings", result.stdout), result.stdout
    conversions = re.search(r"encrypt/decrypt: 4 cycles \((\d+) killed", result.stdout)
    assert int(conversions.group(1)) >= 2, result.stdout  # the two kills at the journal, at least


# --- the checks themselves can fail --------------------------------------------------------------


def _saved(companion, rng, count):
    model, tally = harness.SaveModel(), harness.Tally("t")
    now = companion.clock.now()
    for n in range(count):
        entry = companion.diary.add(validate_draft(harness.random_draft(rng, now, f"t{n}"), now))
        model.apply([f"A {entry.id} {harness.fingerprint_entry(entry)}"], tally)
    companion.close()
    return model, tally


def test_checks_find_a_half_written_entry(companion):
    import random

    model, tally = _saved(companion, random.Random(1), 3)
    database = companion.paths.database
    assert model.check(read_snapshot(database), tally) == []
    with sqlite3.connect(database) as con:
        con.execute("DELETE FROM entry_tags WHERE entry_id = (SELECT min(id) FROM entries)")
    found = model.check(read_snapshot(database), tally)
    assert len(found) == 1 and "half-written" in found[0]


def test_checks_find_a_lost_and_an_unacknowledged_entry(companion):
    import random

    model, tally = _saved(companion, random.Random(2), 3)
    database = companion.paths.database
    lost = min(model.entries)
    model.entries[999] = model.entries.pop(lost)  # as if 999 was acknowledged and `lost` never was
    found = model.check(read_snapshot(database), tally)
    assert any("999 is missing" in f for f in found)
    assert any(f"entry {lost} was never acknowledged" in f for f in found)


def test_the_save_in_flight_may_land_only_whole(companion):
    import random

    model, tally = _saved(companion, random.Random(3), 2)
    database = companion.paths.database
    newest = max(model.entries)
    model.pending = ("add", model.entries.pop(newest))  # killed between commit and acknowledgement
    assert model.check(read_snapshot(database), tally) == []
    assert tally.in_flight_kept == 1 and newest in model.entries
