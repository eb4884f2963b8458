"""`meds amounts ID`: totals per local day of the dose, across midnight and a daylight-saving change."""

from datetime import datetime, timedelta, timezone

from paincompanion.domain.medications import MedicationDraft
from paincompanion.services.meds_amounts import daily_amounts

EST = timezone(timedelta(hours=-5))  # the US change to -04:00 is on 2026-03-08


def _kratom(run) -> str:
    _, out, _ = run("meds", "add", "Kratom", "--strength", "2", "--unit", "g", "--as-needed", json_out=True)
    return str(out["medication"]["id"])


def test_amounts_per_local_day_across_midnight_and_dst(run):
    med_id = _kratom(run)
    for at, amount in [
        ("2026-03-07T23:50:00-05:00", "2 g"),  # 04:50 UTC on the 8th, but the 7th where it was taken
        ("2026-03-08T00:10:00-05:00", "1 g"),
        ("2026-03-08T03:30:00-04:00", "1,5 g"),  # after the change
        ("2026-03-08T23:59:00-04:00", "500 mg"),
        ("2026-03-09T00:01:00-04:00", "1.5 g"),
        ("2026-03-09T08:00:00-04:00", "2 tablets"),  # another unit: left out
        ("2026-03-09T09:00:00-04:00", ""),  # no amount: left out
    ]:
        code, _, err = run("meds", "take", med_id, "--at", at, "--amount", amount)
        assert code == 0, err
    code, out, _ = run("meds", "amounts", med_id, json_out=True)
    assert code == 0
    assert out == {
        "unit": "g",
        "days": [{"date": "2026-03-07", "total": 2.0}, {"date": "2026-03-08", "total": 3.0},
                 {"date": "2026-03-09", "total": 1.5}],
        "left_out": 2,
    }  # fmt: skip
    _, out, _ = run("meds", "amounts", med_id, "--from", "2026-03-08", "--to", "2026-03-08", json_out=True)
    assert out == {"unit": "g", "days": [{"date": "2026-03-08", "total": 3.0}], "left_out": 0}
    code, text, _ = run("meds", "amounts", med_id)
    assert "2026-03-08  3 g" in text and "2 doses were left out" in text


def test_stored_text_that_cannot_be_read_stays_and_is_left_out(companion):
    med = companion.meds.add(MedicationDraft("Kratom", strength=2, unit="g"))
    at = datetime(2026, 3, 1, 20, 0, tzinfo=EST)
    companion.meds.add_batch([(med.id, [(at, "lots", ""), (at, "2 g", "")])])  # e.g. an import of older data
    assert sorted(d.amount for d in companion.meds.doses()) == ["2 g", "lots"]  # kept as typed
    assert daily_amounts(companion.meds, med.id).to_json() == {
        "unit": "g", "days": [{"date": "2026-03-01", "total": 2.0}], "left_out": 1,
    }  # fmt: skip


def test_bad_amounts_and_ids_change_nothing(run, db_hash):
    med_id = _kratom(run)
    before = db_hash(run.data)
    for amount in ("-2 g", "lots"):
        code, out, err = run("meds", "take", med_id, "--amount", amount)
        assert code != 0 and out == "" and len(err.strip().splitlines()) == 1
    assert db_hash(run.data) == before
    code, _, err = run("meds", "amounts", "99", json_out=True)
    assert code != 0 and "no medicine with id 99" in err
    code, _, err = run("meds", "amounts", med_id, "--from", "2026-03-09", "--to", "2026-03-01", json_out=True)
    assert code != 0 and "reversed" in err
