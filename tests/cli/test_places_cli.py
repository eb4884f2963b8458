"""Places as people say them in `log --where`; the CSV export shows place names and imports back."""

import csv
import json

from paincompanion.cli.main import main
from paincompanion.domain.body import REGIONS


def test_log_with_everyday_places_says_which_regions(run):
    code, out, _ = run("log", "--pain", "5", "--where", "lower back", "--where", "knees=6")
    assert code == 0 and "Left lower back, Right lower back, Left knee, Right knee" in out
    _, listed, _ = run("entries", json_out=True)
    locations = {loc["region"]: loc["intensity"] for loc in listed["entries"][0]["locations"]}
    assert locations == {"back-left-lower-back": None, "back-right-lower-back": None, "front-left-knee": 6,
                         "front-right-knee": 6}  # fmt: skip


def test_unknown_place_one_line_nothing_saved(run, db_hash):
    run("log", "--pain", "3")
    before = db_hash(run.data)
    code, out, err = run("log", "--pain", "5", "--where", "sholders")
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1 and "Closest:" in err and "shoulder" in err
    assert db_hash(run.data) == before


def test_csv_export_shows_place_names_and_imports_back(run, tmp_path, capsys):
    where = [arg for r in REGIONS[:3] for arg in ("--where", f"{r.id}=4")]
    run("log", "--pain", "4", "--at", "2026-01-01T10:00", "--where", "whole body")
    run("log", "--pain", "2", "--at", "2026-01-02T10:00", *where)
    out_csv = tmp_path / "all.csv"
    assert run("export", "--format", "csv", "-o", str(out_csv))[0] == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert rows[1]["locations"] == "Head (front)=4;Left jaw=4;Right jaw=4"
    assert "front-" not in out_csv.read_text() and "back-" not in out_csv.read_text()
    _, original, _ = run("entries", json_out=True)
    target = tmp_path / "copy"
    assert main(["--data-dir", str(target), "--json", "import", str(out_csv)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(target), "--json", "entries"]) == 0
    copied = json.loads(capsys.readouterr().out)
    assert [sorted(loc["region"] for loc in e["locations"]) for e in copied["entries"]] == [
        sorted(loc["region"] for loc in e["locations"]) for e in original["entries"]
    ]
    assert len(original["entries"][1]["locations"]) == len(REGIONS)
