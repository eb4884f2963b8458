"""`routines log` and `routines sessions` through main([...]): JSON shapes, partly done, one-line errors, no change."""

import pytest


def test_log_with_ratings_note_time_and_steps_then_list_sessions(run):
    code, out, err = run(
        "routines", "log", "belly-breathing", "--before", "6", "--after", "4", "--note", "calmer",
        "--at", "2026-03-01T22:15+05:30", "--steps", "3/5", json_out=True,
    )  # fmt: skip
    assert code == 0, err
    s = out["session"]
    assert (s["routine_id"], s["before"], s["after"], s["note"]) == ("belly-breathing", 6, 4, "calmer")
    assert (s["started"], s["completed_steps"], s["total_steps"], s["partly_done"]) == (
        "2026-03-01T22:15:00+05:30", 3, 5, True,
    )  # fmt: skip
    code, out, err = run("routines", "log", "body-scan", "--at", "2026-03-05T08:00+01:00")
    assert code == 0 and out.startswith("Logged ") and err == ""
    code, out, _ = run("routines", "sessions", json_out=True)
    assert [(x["routine_id"], x["before"], x["partly_done"]) for x in out["sessions"]] == [
        ("body-scan", None, False),
        ("belly-breathing", 6, True),
    ]
    code, out, _ = run("routines", "sessions", "--from", "2026-03-02", json_out=True)
    assert [x["routine_id"] for x in out["sessions"]] == ["body-scan"]
    code, out, _ = run("routines", "sessions", "--to", "2026-03-01")
    assert code == 0 and "pain 6 → 4" in out and "3 of 5 steps" in out and "body" not in out.lower()


@pytest.mark.parametrize(
    "args",
    [
        ("no-such-routine",),
        ("belly-breathing", "--before", "11"),
        ("belly-breathing", "--after", "soft"),
        ("belly-breathing", "--steps", "6/5"),
        ("belly-breathing", "--at", "yesterday"),
    ],
)
def test_mistakes_are_one_line_on_stderr_exit_1_and_change_nothing(run, args, db_hash):
    assert run("routines", "log", "belly-breathing", "--at", "2026-03-01T08:00+01:00")[0] == 0
    before = db_hash(run.data)
    code, out, err = run("routines", "log", *args)
    assert code == 1 and out == ""
    assert err.startswith("paincompanion: ") and err.count("\n") == 1
    assert db_hash(run.data) == before
    code, out, _ = run("routines", "sessions", json_out=True)
    assert len(out["sessions"]) == 1


@pytest.fixture
def run(run_json_last):
    return run_json_last
