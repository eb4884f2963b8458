"""The CLI through main([...]): output, exit codes, one-line errors, no change on failure."""

import json

import pytest

from paincompanion.cli.main import main


def test_log_then_list_as_json(run):
    code, out, err = run(
        "log", "--pain", "6", "--at", "2026-01-05T08:15:00+01:00", "--where", "lower back left=7",
        "--where", "left knee", "--quality", "aching", "--quality", "Burning", "--mood", "4",
        "--sleep-hours", "5.5", "--sleep-quality", "3", "--trigger", "Cold weather", "--helped", "heat pack",
        "--note", "Hard morning", json_out=True,
    )  # fmt: skip
    assert code == 0 and err == ""
    entry = out["entry"]
    code, out, _ = run("entries", json_out=True)
    assert out == {"entries": [entry]}
    assert set(entry) >= {"id", "at", "pain", "locations", "qualities", "mood", "sleep_hours", "sleep_quality",
                          "triggers", "helped", "note"}  # fmt: skip
    assert entry["at"] == "2026-01-05T08:15:00+01:00"
    assert entry["locations"] == [
        {"region": "back-left-lower-back", "name": "Left lower back", "intensity": 7},
        {"region": "front-left-knee", "name": "Left knee", "intensity": None},
    ]
    assert entry["qualities"] == ["aching", "burning"]
    assert entry["triggers"] == ["cold weather"] and entry["sleep_hours"] == 5.5


def test_json_flag_after_the_subcommand_works_too(run):
    run("log", "--pain", "3")
    code = main(["--data-dir", str(run.data), "entries", "--json"])
    assert code == 0


def test_entries_filters(run):
    run("log", "--pain", "2", "--at", "2026-01-01T10:00", "--trigger", "stress")
    run("log", "--pain", "5", "--at", "2026-01-03T10:00", "--where", "neck (front)", "--note", "Walked the dog")
    _, out, _ = run("entries", "--from", "2026-01-02", json_out=True)
    assert [e["pain"] for e in out["entries"]] == [5]
    _, out, _ = run("entries", "--tag", "Stress", json_out=True)
    assert [e["pain"] for e in out["entries"]] == [2]
    _, out, _ = run("entries", "--text", "dog", json_out=True)
    assert [e["pain"] for e in out["entries"]] == [5]
    _, out, _ = run("entries", "--where", "front-neck", json_out=True)
    assert [e["pain"] for e in out["entries"]] == [5]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "--pain", "11"], "from 0 to 10"),
        (["log", "--pain", "seven"], "whole number"),
        (["log", "--pain", "3", "--at", "2099-01-01T10:00"], "future"),
        (["log", "--pain", "3", "--at", "yesterday"], "--at must be"),
        (["log", "--pain", "3", "--where", "elbowz"], "Unknown body location"),
        (["log", "--pain", "3", "--sleep-hours", "lots"], "Hours of sleep"),
        (["edit", "999", "--pain", "3"], "no entry with id 999"),
        (["edit", "abc", "--pain", "3"], "id is a number"),
        (["delete", "999"], "no entry with id 999"),
        (["entries", "--from", "2026-02-01", "--to", "2026-01-01"], "reversed"),
        (["entries", "--from", "1st of May"], "must be a date"),
        (["import", "/nonexistent/file.json"], "no file"),
        (["peg", "--pain", "3", "--enjoyment", "12", "--activity", "2"], "from 0 to 10"),
        (["backup", "restore", "nope.sqlite"], "no backup called"),
        (["demo", "--years", "many"], "--years"),
    ],
)
def test_user_errors_are_one_line_with_nonzero_exit_and_no_change(run, args, message, db_hash):
    run("log", "--pain", "4", "--at", "2026-01-01T10:00")
    before = db_hash(run.data)
    code, out, err = run(*args)
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""
    assert db_hash(run.data) == before


def test_usage_errors_are_one_line_too(run, capsys):
    with pytest.raises(SystemExit) as info:
        main(["log"])
    assert info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_edit_changes_only_the_given_fields_and_delete_removes(run):
    _, out, _ = run("log", "--pain", "4", "--note", "keep me", "--trigger", "stress", json_out=True)
    entry_id = str(out["entry"]["id"])
    _, out, _ = run("edit", entry_id, "--pain", "7", json_out=True)
    assert out["entry"]["pain"] == 7 and out["entry"]["note"] == "keep me" and out["entry"]["triggers"] == ["stress"]
    code, out, _ = run("delete", entry_id)
    assert code == 0 and "Deleted entry" in out
    _, out, _ = run("entries", json_out=True)
    assert out == {"entries": []}


def test_peg(run):
    code, out, _ = run("peg", "--pain", "6", "--enjoyment", "5", "--activity", "7", json_out=True)
    assert code == 0 and out["peg"]["score"] == 6.0


def test_export_import_round_trip(run, tmp_path, capsys):
    run("log", "--pain", "4", "--at", "2026-01-01T10:00+05:30", "--note", '=HYPERLINK("x")', "--where", "left knee=3")
    run("peg", "--pain", "6", "--enjoyment", "5", "--activity", "7")
    out_json, out_csv = tmp_path / "all.json", tmp_path / "all.csv"
    assert run("export", "--format", "json", "-o", str(out_json))[0] == 0
    assert run("export", "--format", "csv", "-o", str(out_csv))[0] == 0
    assert "'=HYPERLINK" in out_csv.read_text()
    _, original, _ = run("entries", json_out=True)
    assert original["entries"][0]["note"] == '=HYPERLINK("x")'
    for source in (out_json, out_csv):
        target = tmp_path / source.suffix[1:]
        assert main(["--data-dir", str(target), "--json", "import", str(source)]) == 0
        assert json.loads(capsys.readouterr().out)["entries"] == 1
        assert main(["--data-dir", str(target), "--json", "entries"]) == 0
        copied = json.loads(capsys.readouterr().out)
        assert [{**e, "id": 0} for e in copied["entries"]] == [{**e, "id": 0} for e in original["entries"]]
    code, out, _ = run("import", str(out_json), "--dry-run", json_out=True)
    assert out["entries"] == 0 and out["skipped"][0]["reason"] == "already in the diary"


def test_backup_create_list_and_db_check(run):
    run("log", "--pain", "4")
    code, out, _ = run("backup", "create", json_out=True)
    assert code == 0
    _, listing, _ = run("backup", "list", json_out=True)
    assert listing["backups"][0]["file"] == out["backup"]
    code, out, _ = run("db", "check", json_out=True)
    assert code == 0 and out == {"ok": True, "problems": []}


def test_damaged_database_exits_1_with_a_message(run):
    run("log", "--pain", "4")
    db = run.data / "paincompanion.sqlite"
    for side in ("-wal", "-shm"):
        (run.data / f"paincompanion.sqlite{side}").unlink(missing_ok=True)
    db.write_bytes(b"garbage" * 1000)
    code, out, err = run("entries")
    assert code == 1 and "not a Pain Companion database" in err and "Traceback" not in err
    assert db.read_bytes() == b"garbage" * 1000


def test_demo_fills_only_an_empty_data_dir(run):
    code, out, _ = run("demo", "--years", "0.1", json_out=True)
    assert code == 0 and out["entries"] > 80 and out["peg"] >= 4
    code, _, err = run("demo", "--years", "1")
    assert code == 1 and "already has diary entries" in err


def test_demo_is_deterministic(tmp_path):
    from paincompanion.services.demo import generate

    a = generate(__import__("datetime").date(2020, 1, 1), __import__("datetime").date(2020, 3, 1), seed=3)
    b = generate(__import__("datetime").date(2020, 1, 1), __import__("datetime").date(2020, 3, 1), seed=3)
    assert a == b
    per_day = len(a[0]) / 61
    assert 3 <= per_day <= 4.2


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert "Pain Companion" in capsys.readouterr().out


def test_restore_works_when_the_live_file_is_damaged_and_keeps_it(run):
    run("log", "--pain", "4", "--note", "in the backup")
    _, made, _ = run("backup", "create", json_out=True)
    db = run.data / "paincompanion.sqlite"
    for side in ("-wal", "-shm"):
        (run.data / f"paincompanion.sqlite{side}").unlink(missing_ok=True)
    db.write_bytes(b"garbage" * 1000)
    code, out, err = run("entries")
    assert code == 1 and "restore it with 'backup restore'" in err
    code, out, _ = run("backup", "restore", made["backup"], json_out=True)
    assert code == 0 and out["entries"] == 1
    kept = run.data / out["unopenable_file_kept_as"].split("/")[-1]
    assert kept.read_bytes() == b"garbage" * 1000
    _, listed, _ = run("entries", json_out=True)
    assert [e["note"] for e in listed["entries"]] == ["in the backup"]
