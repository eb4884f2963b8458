"""`goals …` and `checkin …` through main([...]): JSON shapes, advice on a positive screen, one-line errors."""

import pytest


def test_goals_add_rate_list_done(run):
    code, out, err = run("goals", "add", "garden", "--how-much", "30 minutes", "--by", "2099-06-01", json_out=True)
    assert code == 0, err
    assert (out["goal"]["id"], out["goal"]["by"], out["goal"]["done"]) == (1, "2099-06-01", None)
    code, out, _ = run("goals", "rate", "1", "4", json_out=True)
    assert out["goal"]["latest_progress"] == 4
    code, out, _ = run("goals", "list")
    assert "garden, 30 minutes" in out and "progress 4/10" in out
    code, out, _ = run("goals", "done", "1", json_out=True)
    assert out["goal"]["done"] is not None
    code, out, _ = run("goals", "list", json_out=True)
    assert out["goals"] == []
    code, out, _ = run("goals", "list", "--all", json_out=True)
    assert len(out["goals"]) == 1


def test_checkins_and_positive_screen_advice(run):
    code, out, err = run("checkin", "phq2", "2", "1", json_out=True)
    assert code == 0, err
    assert (out["checkin"]["total"], out["checkin"]["positive"]) == (3, True) and "988" in out["advice"]
    code, out, _ = run("checkin", "gad2", "1", "1")
    assert "below the screening cut-off" in out and "988" not in out
    code, out, _ = run("checkin", "side-effects", "constipation", "dizziness", json_out=True)
    assert out["checkin"]["effects"] == ["constipation", "dizziness"]
    code, out, _ = run("checkin", "side-effects", "none", json_out=True)
    assert out["checkin"]["effects"] == []
    code, out, _ = run("checkin", "change", "2", json_out=True)
    assert out["checkin"]["answer"] == "Much improved"
    code, out, _ = run("checkin", "naloxone", "yes", json_out=True)
    assert out["checkin"]["naloxone_at_home"] is True
    code, out, _ = run("checkin", "list", json_out=True)
    assert [c["kind"] for c in out["checkins"]] == [
        "phq2",
        "gad2",
        "side_effects",
        "side_effects",
        "change",
        "naloxone",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ("checkin", "phq2", "4", "0"),
        ("checkin", "gad2", "1", "x"),
        ("checkin", "side-effects", "itching"),
        ("checkin", "change", "0"),
        ("checkin", "naloxone", "maybe"),
        ("goals", "add", " "),
        ("goals", "add", "walk", "--by", "2020-01-01"),
        ("goals", "rate", "1", "11"),
        ("goals", "rate", "99", "3"),
        ("goals", "done", "x"),
    ],
)
def test_mistakes_are_one_line_exit_non_zero_and_change_nothing(run, args, db_hash):
    run("goals", "add", "garden")
    before = db_hash(run.data)
    code, out, err = run(*args)
    assert code != 0 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert db_hash(run.data) == before
