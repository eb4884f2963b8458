"""The JSON export carries the medicine list and dose log losslessly; older exports without it still import."""

import csv
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain.clock import FixedClock
from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import ImportFormatError
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.meds_transfer import medication_records

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))
INDIA = timezone(timedelta(hours=5, minutes=30))


@pytest.fixture
def open_at(tmp_path):
    opened = []

    def _open(name):
        comp = Companion.open(AppPaths.in_dir(tmp_path / name), FixedClock(NOW))
        opened.append(comp)
        return comp

    yield _open
    for comp in opened:
        comp.close()


def _fill(comp):
    comp.diary.add(EntryDraft(at=NOW - timedelta(hours=1), pain=5, note="with meds"))
    kratom = comp.meds.add(MedicationDraft(
        "kratom red vein", kind="herbal", strength=2.5, unit="g", form="powder", as_needed=True, times_per_day=3,
        start=date(2025, 11, 1), reason="bad days", prescriber="smoke shop", product="Leafy Co.", strain="Red Bali",
        notes='Emoji 🌿, RTL עברית, "quotes" and =SUM(A1)\nsecond line',
    ))  # fmt: skip
    stopped = comp.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2, start=date(2025, 1, 1)))
    unknown = comp.meds.add(MedicationDraft("Grandma's tea blend"))
    twin = comp.meds.add(MedicationDraft("Grandma's tea blend"))  # two identical items stay two
    comp.meds.take(kratom.id, at=datetime(2026, 3, 1, 23, 30, tzinfo=INDIA), amount="2 g", note="late")
    comp.meds.take(kratom.id, amount="1,5 g")
    comp.meds.take(stopped.id, at=datetime(2025, 6, 1, 8, 0, tzinfo=timezone.utc))
    comp.meds.take(twin.id)
    comp.meds.stop(stopped.id, on=date(2025, 12, 31))
    return kratom, stopped, unknown, twin


def test_json_round_trip_keeps_medicines_and_doses_losslessly(open_at, tmp_path):
    source = open_at("a")
    _fill(source)
    path = tmp_path / "all.json"
    transfer.export_json(source, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format_version"] == 1 and len(document["medications"]) == 4
    assert document["medications"][0]["doses"][0] == {"at": "2026-03-01T23:30:00+05:30", "amount": "2 g",
                                                      "note": "late"}  # fmt: skip
    target = open_at("b")
    result = transfer.import_file(target, path)
    assert (result.entries, result.medications, result.doses, result.skipped) == (1, 4, 4, [])
    assert result.to_json()["medications"] == 4 and result.to_json()["doses"] == 4
    assert medication_records(target) == medication_records(source)
    assert [(d.medication_name, d.at, d.amount, d.note) for d in target.meds.doses()] == [
        (d.medication_name, d.at, d.amount, d.note) for d in source.meds.doses()
    ]
    naproxen = next(m for m in target.meds.list_medications() if m.name == "Naproxen")
    assert not naproxen.active and naproxen.stop == date(2025, 12, 31)
    again = transfer.import_file(target, path)  # a re-import adds nothing
    assert (again.entries, again.medications, again.doses) == (0, 0, 0)
    assert medication_records(target) == medication_records(source)


def test_a_matching_saved_item_gets_only_the_missing_doses(open_at, tmp_path):
    source = open_at("a")
    kratom, *_ = _fill(source)
    transfer.export_json(source, tmp_path / "x.json")
    target = open_at("b")
    same = target.meds.add(kratom.as_draft())
    target.meds.take(same.id, amount="1,5 g")  # the dose "now" is already there
    result = transfer.import_file(target, tmp_path / "x.json")
    assert (result.medications, result.doses) == (3, 3)
    assert len(target.meds.list_medications()) == 4
    assert len(target.meds.doses(medication_id=same.id)) == 2


def test_dry_run_counts_and_changes_nothing(open_at, tmp_path):
    source = open_at("a")
    _fill(source)
    transfer.export_json(source, tmp_path / "x.json")
    target = open_at("b")
    result = transfer.import_file(target, tmp_path / "x.json", dry_run=True)
    assert (result.medications, result.doses, result.dry_run) == (4, 4, True)
    assert target.meds.list_medications() == [] and target.meds.doses() == []


def test_an_older_export_without_medicines_still_imports(open_at, tmp_path):
    document = {"format": "paincompanion", "format_version": 1, "entries": [{"at": "2026-03-01T10:00:00+01:00",
                "pain": 4}], "peg": []}  # fmt: skip
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    target = open_at("b")
    result = transfer.import_file(target, path)
    assert (result.entries, result.medications, result.doses) == (1, 0, 0)
    assert target.meds.list_medications() == []


def test_bad_medicine_records_are_skipped_with_a_reason(open_at, tmp_path):
    document = {
        "format": "paincompanion", "format_version": 1, "entries": [],
        "medications": [
            {"name": "Ibuprofen", "strength": -1},
            {"name": "", "doses": []},
            {"name": "Melatonin", "start": "last year"},
            "not an object",
            {"name": "Tramadol", "as_needed": "yes"},
            {"name": "Kratom", "doses": [{"at": "2999-01-01T10:00:00+00:00"}, {"at": "nope"}, 5,
                                         {"at": "2026-03-01T10:00:00+01:00", "amount": "2 g"}]},
        ],
    }  # fmt: skip
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    target = open_at("b")
    result = transfer.import_file(target, path)
    assert (result.medications, result.doses) == (1, 1)
    lines = [s["line"] for s in result.skipped]
    assert lines == ["medication 1", "medication 2", "medication 3", "medication 4", "medication 5",
                     "medication 6 dose 1", "medication 6 dose 2", "medication 6 dose 3"]  # fmt: skip
    assert "more than 0" in result.skipped[0]["reason"] and "future" in result.skipped[5]["reason"]
    assert [m.name for m in target.meds.list_medications()] == ["Kratom"]
    path.write_text(json.dumps({**document, "medications": {"name": "x"}}), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="medicines are not a list"):
        transfer.import_file(target, path)


def test_csv_stays_diary_only(open_at, tmp_path):
    source = open_at("a")
    _fill(source)
    transfer.export_csv(source, tmp_path / "x.csv")
    rows = list(csv.reader((tmp_path / "x.csv").open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == transfer.CSV_COLUMNS and len(rows) == 2
