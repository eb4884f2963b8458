"""`routines list` and `routines show` through main([...]): JSON shapes, readable text, filters, one-line errors."""

from __future__ import annotations

import json

import pytest

from paincompanion.cli.main import main
from paincompanion.routines import load_library


@pytest.fixture
def run(tmp_path, capsys):
    data = tmp_path / "data"

    def _run(*args):
        code = main(["--data-dir", str(data), *args])
        out, err = capsys.readouterr()
        return code, out, err

    _run.data = data
    return _run


def test_list_json_has_the_agreed_shape(run):
    code, out, err = run("routines", "list", "--json")
    assert code == 0 and err == ""
    routines = json.loads(out)["routines"]
    assert len(routines) == len(load_library())
    assert all(set(r) == {"id", "title", "kind", "conditions", "minutes", "level"} for r in routines)
    body_scan = next(r for r in routines if r["id"] == "body-scan")
    assert body_scan["kind"] == "mindfulness" and body_scan["minutes"] == 10 and body_scan["level"] == "gentle"
    assert "chronic-pain" in body_scan["conditions"] and body_scan["title"] == "Body scan"


def test_global_json_flag_works_too(run):
    code, out, _ = run("--json", "routines", "list", "--kind", "sleep")
    assert code == 0
    assert [r["id"] for r in json.loads(out)["routines"]] == ["awake-at-night", "sleep-wind-down", "sleep-scheduling"]


def test_list_filters(run):
    _, out, _ = run("routines", "list", "--kind", "exercise", "--condition", "Knee osteoarthritis", "--json")
    ids = [r["id"] for r in json.loads(out)["routines"]]
    assert "knee-gentle-start" in ids and "knee-strength-beginner" in ids and "neck-gentle-mobility" not in ids
    _, out, _ = run("routines", "list", "--max-minutes", "3", "--json")
    assert [r["id"] for r in json.loads(out)["routines"]] == ["breathing-space-3-minutes"]
    _, out, _ = run("routines", "list", "--search", "walking plan", "--json")
    assert {r["id"] for r in json.loads(out)["routines"]} == {
        "walking-starter-10", "walking-build-up-20", "walking-steady-30",
    }  # fmt: skip


def test_list_text_is_grouped_by_kind(run):
    code, out, err = run("routines", "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Exercise" and "Thinking skills (CBT)" in lines and "Planning" in lines
    assert any(line.split()[:1] == ["body-scan"] and line.rstrip().endswith("10 min  gentle") for line in lines)
    assert lines[-1].startswith(f"{len(load_library())} routines.")


def test_list_with_no_match_says_so(run):
    code, out, _ = run("routines", "list", "--search", "xylophone")
    assert code == 0 and out.startswith("No routines match.")
    _, out, _ = run("routines", "list", "--search", "xylophone", "--json")
    assert json.loads(out) == {"routines": []}


def test_show_json_has_the_whole_routine(run):
    code, out, err = run("routines", "show", "thought-record", "--json")
    assert code == 0 and err == ""
    routine = json.loads(out)["routine"]
    assert routine["id"] == "thought-record" and routine["kind"] == "cbt" and routine["origin"] == "bundled"
    assert len(routine["steps"]) >= 3 and all("text" in step for step in routine["steps"])
    assert routine["safety"]["stop_if"] and routine["safety"]["see_doctor_if"]
    assert routine["sources"] and all({"title", "verified"} <= set(s) for s in routine["sources"])
    assert routine["worksheet"]["fields"][0] == {
        "id": "situation", "label": "Situation", "type": "text", "help": "Where were you, when, what was happening?",
    }  # fmt: skip


def test_show_json_steps_keep_their_timing(run):
    _, out, _ = run("routines", "show", "knee-gentle-start", "--json")
    steps = json.loads(out)["routine"]["steps"]
    assert steps[1] == {
        "text": steps[1]["text"], "seconds": 8, "repetitions": 8, "side": "left", "image": "long-sit.svg",
        "image_alt": steps[1]["image_alt"],
    }  # fmt: skip
    assert "repetitions" not in steps[0] and "side" not in steps[0]


def test_show_text_is_readable(run):
    code, out, err = run("routines", "show", "knee-gentle-start")
    assert code == 0 and err == ""
    assert out.startswith("Knee care: gentle start  (Exercise, gentle, about 7 min)\n")
    for heading in ("Steps", "Flare days", "How often", "Call emergency services now if", "Stop if", "See a doctor if"):
        assert f"\n{heading}\n" in out
    for heading in ("Good to know", "Sources", "Review"):
        assert f"\n{heading}\n" in out
    assert out.index("Call emergency services now if") < out.index("Stop if")
    assert " 1. Sit on a bed" in out and "[left side; 8 times, 8 s each]" in out
    assert "(not yet checked)" in out and "(checked)" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_unknown_id_is_one_line_on_stderr(run):
    code, out, err = run("routines", "show", "no-such-routine")
    assert code == 1 and out == ""
    assert err == "paincompanion: There is no routine with the id 'no-such-routine'. See 'routines list'.\n"


def test_unknown_kind_and_condition_are_one_line_errors(run):
    code, _, err = run("routines", "list", "--kind", "yoga")
    assert code == 1 and err.count("\n") == 1 and "Unknown kind of routine 'yoga'" in err
    code, _, err = run("routines", "list", "--condition", "gout")
    assert code == 1 and err.count("\n") == 1 and "Unknown condition 'gout'" in err


def test_routines_need_no_data_folder(run):
    run("routines", "list")
    run("routines", "show", "body-scan")
    assert not run.data.exists()


def test_missing_action_is_a_one_line_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(tmp_path), "routines"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1
