"""`routines worksheets [--routine ID] [--full] [--json]`: the saved worksheets, newest first."""

from __future__ import annotations

from datetime import timedelta

from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion


def save_two(run, clock) -> None:
    companion = Companion.open(AppPaths.in_dir(run.data), clock)
    try:
        companion.routines.save_worksheet(
            "flare-up-plan", {"early_signs": "Stiff mornings\nPoor sleep", "who_to_contact": "Sam"},
            at=clock.now() - timedelta(days=1),
        )  # fmt: skip
        companion.routines.save_worksheet("pacing-plan", {"activity": "Gardening", "quota_minutes": "20"})
    finally:
        companion.close()


def test_no_worksheets_yet(run):
    code, out, err = run("routines", "worksheets")
    assert code == 0 and err == "" and "No worksheets saved yet" in out
    code, data, _ = run("routines", "worksheets", json_out=True)
    assert code == 0 and data == {"worksheets": []}


def test_json_lists_every_answer_newest_first(run, clock):
    save_two(run, clock)
    code, data, err = run("routines", "worksheets", json_out=True)
    assert code == 0 and err == ""
    sheets = data["worksheets"]
    assert [w["routine_id"] for w in sheets] == ["pacing-plan", "flare-up-plan"]
    assert set(sheets[0]) == {"id", "routine_id", "title", "at", "answers"}
    assert sheets[0]["answers"] == {"activity": "Gardening", "quota_minutes": "20"}
    assert sheets[1]["at"] == "2026-03-09T09:30:00+01:00" and sheets[1]["title"] == "My flare-up plan"


def test_text_shows_date_title_and_first_line(run, clock):
    save_two(run, clock)
    code, out, _ = run("routines", "worksheets")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert lines[0].startswith("2026-03-10 09:30  #") and lines[0].endswith("Activity pacing plan  Gardening")
    assert lines[1].endswith("My flare-up plan  Stiff mornings")


def test_full_text_and_filter(run, clock):
    save_two(run, clock)
    code, out, _ = run("routines", "worksheets", "--routine", "pacing-plan", "--full")
    assert code == 0 and "Activity pacing plan" in out and "My flare-up plan" not in out
    assert "Planned time (quota)\n  20 minutes" in out and "Weekly increase\n  Not filled in" in out
    assert "Sources" in out


def test_unknown_routine_is_a_one_line_error(run):
    code, out, err = run("routines", "worksheets", "--routine", "nope")
    assert code != 0 and out == "" and "no routine with the id 'nope'" in err
