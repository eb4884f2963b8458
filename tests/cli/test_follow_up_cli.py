"""`meds follow-up [--delay MINUTES|off]`: see, set or switch off the "how is your pain now?" delay."""

import pytest

from paincompanion.domain.follow_up import DEFAULT_DELAY


def test_shows_sets_and_switches_off(run, run_json_last):
    code, out, _ = run("meds", "follow-up", json_out=True)
    assert code == 0 and out == {"follow_up_minutes": DEFAULT_DELAY, "min_minutes": 30, "max_minutes": 180}
    code, text, _ = run("meds", "follow-up")
    assert code == 0 and f"About {DEFAULT_DELAY} minutes after a dose" in text and "Saved" not in text
    for value, expected in (("30", 30), (" 180 ", 180), ("90", 90)):
        code, out, _ = run("meds", "follow-up", "--delay", value, json_out=True)
        assert code == 0 and out["follow_up_minutes"] == expected
    code, text, _ = run("meds", "follow-up", "--delay", "OFF")
    assert code == 0 and text.startswith("Saved. The follow-up is off")
    assert run("meds", "follow-up", json_out=True)[1]["follow_up_minutes"] is None


@pytest.mark.parametrize("bad", ["29", "181", "abc", "", "45.5", "-60", "1e2", "yes"])
def test_bad_delays_are_one_line_and_change_nothing(run, db_hash, bad):
    run("meds", "follow-up", "--delay", "120")
    before = db_hash(run.data)
    code, out, err = run("meds", "follow-up", "--delay", bad)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert "30" in err and "180" in err and "off" in err
    assert db_hash(run.data) == before
    assert run("meds", "follow-up", json_out=True)[1]["follow_up_minutes"] == 120
