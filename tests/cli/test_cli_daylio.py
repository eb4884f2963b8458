"""`import` of a Daylio file on the command line: the moods and their numbers, --mood, and refusals."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE = Path(__file__).parent.parent / "importers" / "fixtures" / "daylio_year_pl.csv"


def test_dry_run_lists_the_moods_then_mood_sets_a_number(run, tmp_path):
    path = tmp_path / "daylio.csv"
    shutil.copy(FIXTURE, path)
    code, out, _ = run("import", str(path), "--dry-run", json_out=True)
    assert code == 0 and out["moods"] == 4 and out["entries"] == 0
    assert {m["name"]: m["value"] for m in out["mood_names"]}["mój własny nastrój"] == 5
    code, out, _ = run("import", str(path), "--mood", "mój własny nastrój=7", "--mood", "dobrze=9")
    assert code == 0
    code, out, _ = run("import", str(path), "--dry-run", json_out=True)
    assert out["moods"] == 0  # already there


def test_a_mood_number_outside_0_to_10_or_without_a_name_is_refused(run, tmp_path):
    path = tmp_path / "daylio.csv"
    shutil.copy(FIXTURE, path)
    for value, message in (("dobrze=11", "from 0 to 10"), ("=5", "NAME=NUMBER"), ("dobrze", "NAME=NUMBER"),
                           ("sunny=5", "no mood named 'sunny'")):  # fmt: skip
        code, _, err = run("import", str(path), "--mood", value)
        assert code != 0 and message in err
    code, out, _ = run("import", str(path), "--dry-run", json_out=True)
    assert out["moods"] == 4  # nothing was imported by the refused runs


def test_export_counts_the_records_without_a_pain_score(run, tmp_path):
    path = tmp_path / "daylio.csv"
    shutil.copy(FIXTURE, path)
    run("import", str(path))
    code, out, _ = run("export", "--format", "csv", "-o", str(tmp_path / "out.csv"), json_out=True)
    assert code == 0 and (out["entries"], out["mood_records"]) == (0, 4)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("daylio") == 4
