"""`import FILE --format … --dry-run --json` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"

KEYS = {"format", "entries", "doses", "from", "to", "skipped"}


def test_dry_run_json_shape_and_nothing_written(run, tmp_path, db_hash):
    path = tmp_path / "mb.csv"
    shutil.copy(FIXTURES / "migraine_buddy.csv", path)
    run("log", "--pain", "3")
    before = db_hash(run.data)
    code, out, _ = run("import", str(path), "--dry-run", json_out=True)
    assert code == 0
    assert out.keys() >= KEYS
    assert (out["format"], out["entries"], out["doses"]) == ("migraine-buddy", 2, 0)
    assert out["from"].startswith("2024-11-16T13:12") and out["to"].startswith("2024-12-03T22:05")
    assert all(set(s) == {"line", "reason"} for s in out["skipped"]) and len(out["skipped"]) == 4
    assert db_hash(run.data) == before


def test_real_import_then_again_adds_nothing(run, tmp_path):
    path = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "medtimer.csv", path)
    code, out, _ = run("import", str(path), "--format", "medtimer", json_out=True)
    assert code == 0 and (out["doses"], out["medications"]) == (3, 2)
    code, out, _ = run("import", str(path), json_out=True)
    assert code == 0 and (out["doses"], out["medications"], out["entries"]) == (0, 0, 0)
    code, text, _ = run("import", str(path))
    assert code == 0 and "Imported 0 entries" in text and "skipped line 3: Ibuprofen was not taken" in text


def test_generic_csv_with_a_column_map(run, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("When,Level,Text\n2025-01-05 09:00,4,hi\n")
    code, out, _ = run("import", str(path), "--format", "csv", "--map", "date=When,pain=Level,note=Text", json_out=True)
    assert code == 0 and out["entries"] == 1
    code, text, _ = run("entries")
    assert "hi" in text


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [("not,a,known\nlayout,at,all\n", (), "not a Pain Companion export"),
     ("x;y\n", ("--format", "medtimer"), "MedTimer"),
     ("When,Level\n", ("--format", "csv", "--map", "date"), "FIELD=COLUMN"),
     ("\x00\x01", ("--format", "bearable"), "")],
)  # fmt: skip
def test_a_bad_file_gets_one_line_a_non_zero_exit_and_the_database_unchanged(run, tmp_path, db_hash, content, args,
                                                                              message):  # fmt: skip
    path = tmp_path / "bad.csv"
    path.write_text(content)
    run("log", "--pain", "3")
    before = db_hash(run.data)
    code, out, err = run("import", str(path), *args)
    assert code != 0
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert db_hash(run.data) == before
