"""`meds take --pain`, `meds after DOSE_ID --pain N [--at]`, `meds effect [--json]`; bad input changes nothing."""

import pytest


def _med(run, name="Ibuprofen") -> str:
    _, out, _ = run("meds", "add", name, "--strength", "400", "--as-needed", json_out=True)
    return str(out["medication"]["id"])


def _rate(run, med_id, day, before, after):
    _, out, _ = run("meds", "take", med_id, "--at", f"2026-02-{day:02d}T10:00:00+01:00", "--pain", str(before),
                    json_out=True)  # fmt: skip
    assert out["dose"]["pain_before"] == before
    dose_id = str(out["dose"]["id"])
    code, out, err = run("meds", "after", dose_id, "--pain", str(after), "--at", f"2026-02-{day:02d}T11:05:00+01:00",
                         json_out=True)  # fmt: skip
    assert code == 0, err
    assert (out["dose"]["pain_before"], out["dose"]["pain_after"]) == (before, after)
    assert out["dose"]["after_at"] == f"2026-02-{day:02d}T11:05:00+01:00"
    return dose_id


def test_effect_per_medicine_from_three_rated_doses(run):
    ibu, tram = _med(run), _med(run, "Tramadol")
    for day, before, after in ((1, 7, 5), (2, 6, 5), (3, 8, 4)):
        _rate(run, ibu, day, before, after)
    _rate(run, tram, 4, 8, 3)
    code, out, _ = run("meds", "effect", json_out=True)
    assert code == 0
    # Ibuprofen: before (7+6+8)/3 = 7.0, after (5+5+4)/3 = 4.67 → 4.7, change -2.3
    assert out["medications"] == [
        {"id": int(ibu), "name": "Ibuprofen", "n": 3, "pain_before": 7.0, "pain_after": 4.7, "change": -2.3},
        {"id": int(tram), "name": "Tramadol", "n": 1, "pain_before": None, "pain_after": None, "change": None},
    ]
    code, text, _ = run("meds", "effect")
    assert "Ibuprofen: pain 7 before and 4.7 after" in text and "over 3 doses" in text
    assert "These show patterns, not causes." in text and "a pattern is shown from 3" in text


def test_take_text_names_the_dose_for_the_follow_up(run):
    med = _med(run)
    code, out, _ = run("meds", "take", med, "--pain", "6")
    assert code == 0 and "(dose #1)" in out and "Pain now: 6" in out and "meds after 1 --pain N" in out
    code, out, _ = run("meds", "after", "1", "--pain", "4")
    assert code == 0 and "Saved: pain 4 after the Ibuprofen" in out and "(before: 6)" in out
    run("meds", "take", med)
    _, out, _ = run("meds", "doses", json_out=True)
    assert [(d["id"], d.get("pain_before"), d.get("pain_after")) for d in out["doses"]] == [(2, None, None), (1, 6, 4)]


def test_take_without_pain_is_as_before(run):
    med = _med(run)
    _, out, _ = run("meds", "take", med, json_out=True)
    assert "pain_before" not in out["dose"]
    _, out, _ = run("meds", "effect", json_out=True)
    assert out["medications"] == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["meds", "after", "99", "--pain", "3"], "no logged dose with id 99"),
        (["meds", "after", "1", "--pain", "11"], "0 to 10"),
        (["meds", "after", "1", "--pain", "3", "--at", "2026-02-01T09:00:00+01:00"], "before the dose"),
        (["meds", "after", "x", "--pain", "3"], "number"),
        (["meds", "take", "1", "--pain", "11"], "0 to 10"),
        (["meds", "take", "1", "--pain", "3", "--amount", "-2 g"], "negative"),
        (["meds", "take", "1", "--amount", "lots"], "no number"),
    ],
)
def test_bad_follow_ups_and_pains_change_nothing(run, db_hash, args, words):
    med = _med(run)
    _rate(run, med, 1, 7, 5)
    before = db_hash(run.data)
    code, out, err = run(*args)
    assert code != 0 and out == "" and len(err.strip().splitlines()) == 1 and words in err
    assert db_hash(run.data) == before
