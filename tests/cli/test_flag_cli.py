"""`log --flag`, `edit --flag/--unflag`, and flagged notes through export and import."""

import json

from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.transfer import import_file


def test_log_with_flag_is_stored_and_shown(run):
    code, out, err = run("log", "--pain", "6", "--note", "Ask about the new tablets", "--flag", json_out=True)
    assert code == 0 and err == ""
    assert out["entry"]["flagged"] is True
    code, text, _ = run("entries")
    assert "[for my clinician]" in text
    code, out, _ = run("log", "--pain", "2", json_out=True)
    assert out["entry"]["flagged"] is False


def test_edit_flags_and_unflags_and_keeps_the_rest(run):
    _, out, _ = run("log", "--pain", "5", "--note", "Knee gave way", json_out=True)
    entry_id = str(out["entry"]["id"])
    code, out, _ = run("edit", entry_id, "--flag", json_out=True)
    assert code == 0 and out["entry"]["flagged"] is True and out["entry"]["note"] == "Knee gave way"
    code, out, _ = run("edit", entry_id, "--unflag", json_out=True)
    assert code == 0 and out["entry"]["flagged"] is False and out["entry"]["pain"] == 5
    code, out, _ = run("edit", entry_id, "--pain", "4", json_out=True)  # no flag option: the flag stays as it is
    assert out["entry"]["flagged"] is False


def test_flag_and_unflag_together_is_refused(run, db_hash):
    run("log", "--pain", "5")
    before = db_hash(run.data)
    try:
        code, _, _ = run("edit", "1", "--flag", "--unflag")
    except SystemExit as exc:  # argparse refuses the pair itself
        code = exc.code
    assert code != 0
    assert db_hash(run.data) == before


def test_flag_survives_json_and_csv_export_and_import(run, tmp_path, clock):
    run("log", "--pain", "7", "--at", "2026-01-05T08:15:00+01:00", "--note", "=flagged one", "--flag")
    run("log", "--pain", "3", "--at", "2026-01-06T08:15:00+01:00", "--note", "plain one")
    for kind in ("json", "csv"):
        target = tmp_path / f"out.{kind}"
        code, _, _ = run("export", "--format", kind, "-o", str(target))
        assert code == 0
        with Companion.open(AppPaths.in_dir(tmp_path / f"fresh-{kind}"), clock) as fresh:
            import_file(fresh, target)
            got = {e.note: e.flagged for e in fresh.diary.list_entries()}
        assert got == {"=flagged one": True, "plain one": False}, kind


def test_an_older_json_export_without_flagged_still_imports(tmp_path, clock):
    old = {
        "format": "paincompanion",
        "format_version": 1,
        "entries": [{"at": "2026-01-05T08:15:00+01:00", "pain": 4, "note": "old file"}],
        "peg": [],
    }
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    with Companion.open(AppPaths.in_dir(tmp_path / "data"), clock) as comp:
        result = import_file(comp, path)
        assert result.entries == 1
        assert [e.flagged for e in comp.diary.list_entries()] == [False]
