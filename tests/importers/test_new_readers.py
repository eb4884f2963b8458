"""Issue 14 readers: Privacy Friendly Pain Diary and MedTimer JSON backups, Flaredown (both layouts), the Other
CSV scale conversion and row filter — fixtures written from the layouts, the patient's choices, time zones,
and Hypothesis (no unhandled error; a refused import writes nothing)."""

from __future__ import annotations

import copy
import json
import shutil
import time as _time
from datetime import date, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paincompanion import importers
from paincompanion.cli.main import main
from paincompanion.errors import ImportFormatError, PainCompanionError
from paincompanion.importers import ImportOptions, flaredown, generic_csv, medtimer
from paincompanion.services import transfer

from ..services.test_import_hostile import assert_plain
from .conftest import FIXTURES

PERSON = "QEVuQwEAaaa="


def reasons(parsed) -> dict:
    found: dict = {}
    for skip in parsed.skipped:
        found[skip["line"]] = " | ".join(filter(None, (found.get(skip["line"]), skip["reason"])))
    return found


@pytest.fixture
def zone(monkeypatch):
    def _set(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        _time.tzset()

    yield _set
    monkeypatch.undo()
    _time.tzset()


# --- Flaredown ---------------------------------------------------------------------------------------------------


def test_flaredown_own_export_pain_item_scale_notes_and_treatments(fixture_text):
    parsed = flaredown.parse(fixture_text("flaredown.csv"))
    assert "'Joint pain'" in parsed.mapping[0] and "--pain-item" in parsed.mapping[0]  # the default, and how to change
    assert any("0→0, 1→3, 2→5, 3→8, 4→10" in line for line in parsed.mapping)  # the conversion is shown
    assert parsed.choices["pain_item"][0] == "Rheumatoid arthritis"  # most recorded first
    assert [(line, e.at.date(), e.at.time(), e.pain) for line, e in parsed.entries] == [
        (2, date(2017, 4, 27), time(12), 8), (3, date(2017, 4, 28), time(12), 5),
        (4, date(2017, 4, 29), time(12), 10), (8, date(2017, 5, 2), time(12), 0),
    ]  # fmt: skip
    first = parsed.entries[0][1].note
    assert "Fibromyalgia: 3 of 4 (severe)." in first and "Joint pain: 3 of 4 in Flaredown." in first
    assert "Tags: tired, stressed." in first and "Foods: Bread, Milk." in first
    doses = [(line, d.medicine, d.at.date().day, d.amount) for line, d in parsed.doses]
    assert doses == [(2, "Ibuprofen", 27, "400 mg"), (2, "Prednisone", 27, "5 mg"), (4, "Ibuprofen", 29, "200 mg"),
                     (6, "Prednisone", 1, "5 mg"), (8, "Ibuprofen", 2, "400 mg")]  # fmt: skip
    skipped = reasons(parsed)
    assert "does not exist" in skipped[5] and "not a date like" in skipped[7]
    assert "no rating of Joint pain" in skipped[6]  # the day's treatment still arrived


def test_flaredown_the_patient_chooses_the_pain_item(fixture_text):
    parsed = flaredown.parse(fixture_text("flaredown.csv"), ImportOptions(pain_item="fibromyalgia"))
    assert "'Fibromyalgia' (your choice)" in parsed.mapping[0]
    assert [e.pain for _, e in parsed.entries] == [8, 5, 10, 3]  # 2017-04-29 has none; 05-01 has 4
    assert "Joint pain: 3 of 4 (severe)." in parsed.entries[0][1].note  # the former default goes to the note
    with pytest.raises(ImportFormatError, match="no condition or symptom called 'Back ache'"):
        flaredown.parse(fixture_text("flaredown.csv"), ImportOptions(pain_item="Back ache"))


def test_flaredown_without_a_pain_word_asks_and_keeps_the_treatments():
    text = "Date,Fatigue,Ibuprofen,Tags,Foods\n2020-01-01,2,400 mg,,\n"
    parsed = flaredown.parse(text)
    assert not parsed.entries and "choose which one is the pain score" in parsed.mapping[0]
    assert "choose which item" in parsed.skipped[0]["reason"] and len(parsed.doses) == 1
    assert flaredown.parse(text, ImportOptions(pain_item="Fatigue")).entries[0][1].pain == 5


def test_flaredown_research_file_of_several_people_asks_whose(fixture_text):
    text = fixture_text("flaredown_research.csv")
    assert importers.detect_format(text) == "flaredown"
    waiting = flaredown.parse(text)
    assert not waiting.entries and not waiting.doses and waiting.choices["person"][0] == PERSON
    assert "11 rows: waiting for you to choose" in waiting.skipped[-1]["reason"]
    parsed = flaredown.parse(text, ImportOptions(person=PERSON))
    assert [(e.at.date().day, e.pain) for _, e in parsed.entries] == [(28, 8), (30, 0)]
    first = parsed.entries[0][1].note
    assert "Neck pain: 2 of 4 (moderate)." in first and "Tag: stressed." in first and "Weather: icon rain." in first
    assert [(d.medicine, d.amount) for _, d in parsed.doses] == [("Sumatriptan", "50 mg"), ("Sumatriptan", "")]
    skipped = reasons(parsed)
    assert "not one of 0–4" in skipped[7] and "does not exist" in skipped[10]
    assert skipped["…"] == "1 row: another person's check-ins"
    assert "no rating of Migraine" in skipped[11]  # a day with only a treatment: its dose still arrived
    with pytest.raises(ImportFormatError, match="no user_id"):
        flaredown.parse(text, ImportOptions(person="nobody"))


def test_flaredown_import_and_again_after_the_time_zone_changed(companion, tmp_path, zone):
    path = tmp_path / "fd.csv"
    shutil.copy(FIXTURES / "flaredown_research.csv", path)
    options = ImportOptions(person=PERSON)
    zone("America/Los_Angeles")
    first = transfer.import_file(companion, path, options=options)
    assert (first.format, first.entries, first.doses, first.medications) == ("flaredown", 2, 2, 1)
    assert first.choices["person"][0] == PERSON
    zone("Pacific/Auckland")
    again = transfer.import_file(companion, path, options=options)
    assert (again.entries, again.doses, again.medications) == (0, 0, 0)


# --- MedTimer backup ---------------------------------------------------------------------------------------------


def test_medtimer_backup_taken_events_and_every_medicine(fixture_text, zone):
    zone("America/New_York")
    parsed = medtimer.parse(fixture_text("medtimer_backup.json"))
    doses = [(line, d.medicine, d.at.isoformat(), d.amount, d.note) for line, d in parsed.doses]
    assert doses == [
        ("event 1", "Ibuprofen", "2025-01-05T02:05:00-05:00", "400 mg", "with food; pain, morning"),
        ("event 4", "ibuprofen", "2025-01-06T03:10:00-05:00", "400 mg", ""),  # milliseconds read as such
        ("event 5", "Vitamin D", "2025-01-06T04:00:00-05:00", "1000 IU", ""),  # reminded time when no taken time
    ]  # fmt: skip
    assert [name for _, name in parsed.medicines] == ["Ibuprofen", "Vitamin D", "Melatonin"]
    skipped = reasons(parsed)
    assert "was raised" in skipped["event 2"] and "was skipped" in skipped["event 3"]
    assert "no medicine name" in skipped["event 6"] and "no time" in skipped["event 7"]
    assert "was deleted" in skipped["event 8"] and "no name" in skipped["medicine 4"]
    assert any("without the phone's time zone" in line for line in parsed.mapping)


def test_medtimer_backup_adds_medicines_without_doses_once(companion, tmp_path):
    path = tmp_path / "backup.json"
    shutil.copy(FIXTURES / "medtimer_backup.json", path)
    result = transfer.import_file(companion, path)
    assert (result.format, result.doses, result.medications) == ("medtimer", 3, 3)
    assert sorted(m.name for m in companion.meds.list_medications()) == ["Ibuprofen", "Melatonin", "Vitamin D"]
    again = transfer.import_file(companion, path)
    assert (again.doses, again.medications) == (0, 0)


def test_medtimer_older_single_backups(fixture_text):
    document = json.loads(fixture_text("medtimer_backup.json"))
    events = medtimer.parse(json.dumps(document["events"]))
    assert len(events.doses) == 3 and not events.medicines
    medicines = medtimer.parse(json.dumps(document["medicines"]))
    assert len(medicines.medicines) == 3 and not medicines.doses
    for bad, message in (("{", "not readable"), ("[1]", "not a JSON object"), ('{"x": 1}', "no 'medicines'"),
                         ('{"events": {"version": 1, "list": 5}}', "not a list")):  # fmt: skip
        with pytest.raises(ImportFormatError, match=message):
            medtimer.parse(bad)


# --- Other CSV: scale and row filter -----------------------------------------------------------------------------

SCALED_MAP = {"date": "when", "pain": "score", "note": "remark"}


def test_generic_scale_conversion_and_row_filter(fixture_text):
    parsed = generic_csv.parse(
        fixture_text("generic_scaled.csv"), SCALED_MAP, options=ImportOptions(scale=(1, 5), where=("Kind", "PAIN"))
    )
    assert [(line, e.pain) for line, e in parsed.entries] == [(2, 0), (3, 5), (5, 10), (6, 4)]
    assert any("1–5 scale" in line and "1 → 0, 3 → 5, 5 → 10" in line for line in parsed.mapping)
    assert any("'Kind' is 'PAIN'" in line for line in parsed.mapping)
    skipped = reasons(parsed)
    assert skipped["…"] == "2 rows left out by the row filter (Kind = PAIN)"
    assert "not a number from 1 to 5" in skipped[7] and "no pain score" in skipped[8]


def test_generic_scale_and_filter_mistakes_are_one_clear_message(fixture_text):
    text = fixture_text("generic_scaled.csv")
    with pytest.raises(ImportFormatError, match="no column 'type' to filter"):
        generic_csv.parse(text, SCALED_MAP, options=ImportOptions(where=("type", "pain")))
    with pytest.raises(ImportFormatError, match="not a scale"):
        generic_csv.parse(text, SCALED_MAP, options=ImportOptions(scale=(5, 5)))
    for bad in ("5", "a-b", "1-"):
        with pytest.raises(ImportFormatError, match="LOW-HIGH"):
            generic_csv.parse_scale(bad)
    with pytest.raises(ImportFormatError, match="COLUMN=VALUE"):
        generic_csv.parse_where("pain")
    assert generic_csv.parse_scale("1 to 10") == (1.0, 10.0) and generic_csv.parse_where(" kind = pain ") == (
        "kind", "pain")  # fmt: skip


def test_cli_scale_where_and_pain_item(tmp_path, capsys):
    data = tmp_path / "data"
    source = tmp_path / "scaled.csv"
    shutil.copy(FIXTURES / "generic_scaled.csv", source)
    args = ["--format", "csv", "--map", "date=when,pain=score,note=remark", "--scale", "1-5", "--where", "kind=pain"]
    code = main(["--data-dir", str(data), "--json", "import", str(source), *args, "--dry-run"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["entries"] == 4 and out["dry_run"]
    assert main(["--data-dir", str(data), "import", str(source), "--scale", "five"]) != 0
    assert "LOW-HIGH" in capsys.readouterr().err
    flare = tmp_path / "fd.csv"
    shutil.copy(FIXTURES / "flaredown.csv", flare)
    assert main(["--data-dir", str(data), "--json", "import", str(flare), "--pain-item", "Nausea", "--dry-run"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "flaredown" and out["entries"] == 3 and "Nausea" in out["choices"]["pain_item"]


def test_the_unknown_layout_message_names_flaredown_and_the_column_map(companion, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Day,How bad\n2024-01-05,4\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        transfer.import_file(companion, path)
    message = str(caught.value)
    assert all(word in message for word in ("Flaredown", "Privacy Friendly Pain Diary", "--map", "--scale", "--where"))


# --- Hypothesis --------------------------------------------------------------------------------------------------

ODD = st.one_of(
    st.sampled_from([None, True, "", "x", "2025-02-30", "0001-01-01", "9999-12-31", "7,37", "99,-1,abc", "stabbing,",
                     "at night", -1, 0, 4, 12, 10**30, 1.5, "4", "TAKEN", "RAISED", 1736060700, 1736060700000,
                     -5, [], {}, ["a", 1], "9" * 500]),
    st.text(max_size=10), st.integers(), st.floats(allow_nan=True),
)  # fmt: skip


def _mutate(value, data, depth: int = 0):
    """The fixture's JSON with some leaves (and now and then whole lists or objects) replaced by odd values."""
    if depth > 0 and data.draw(st.integers(0, 15)) == 0:
        return data.draw(ODD)
    if isinstance(value, dict):
        return {k: _mutate(v, data, depth + 1) for k, v in value.items() if data.draw(st.integers(0, 20)) > 0}
    if isinstance(value, list):
        return [_mutate(v, data, depth + 1) for v in value]
    return data.draw(ODD) if data.draw(st.integers(0, 6)) == 0 else value


def _pfpd_document(data) -> str:
    wrapper = json.loads((FIXTURES / "pfpd_backup.json").read_text(encoding="utf-8"))
    inner = _mutate(json.loads(wrapper["data"]), data)
    if data.draw(st.booleans()):
        return json.dumps(inner)
    wrapper = _mutate({**wrapper, "data": "DATA"}, data)
    if isinstance(wrapper, dict) and wrapper.get("data") == "DATA":
        wrapper["data"] = json.dumps(inner)
    return json.dumps(wrapper)


def _medtimer_document(data) -> str:
    return json.dumps(_mutate(json.loads((FIXTURES / "medtimer_backup.json").read_text(encoding="utf-8")), data))


def _flaredown_research(data) -> str:
    lines = (FIXTURES / "flaredown_research.csv").read_text(encoding="utf-8").splitlines()
    odd = ["", "0", "4", "5", "2.0", "Treatment", "Tag", "HBI", "Weather", "Symptom", "2017-04-31", "2017-4-1", PERSON]
    cells = st.one_of(st.sampled_from([*odd, "x" * 50, '"']), st.text(max_size=6))
    rows = []
    for line in lines[1:]:
        row = line.split(",")
        for _ in range(data.draw(st.integers(0, 2))):
            row[data.draw(st.integers(0, len(row) - 1))] = data.draw(cells)
        rows.append(",".join(row))
    return "\n".join([lines[0], *rows]) + "\n"


DOCUMENTS = {"pfpd": _pfpd_document, "medtimer": _medtimer_document, "flaredown": _flaredown_research}


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_new_readers_fuzz_no_unhandled_error(data):
    fmt = data.draw(st.sampled_from(sorted(DOCUMENTS)))
    text = DOCUMENTS[fmt](data)
    options = ImportOptions(person=data.draw(st.sampled_from([None, PERSON, "x"])),
                            pain_item=data.draw(st.sampled_from([None, "Migraine", "Neck pain", "zzz"])))  # fmt: skip
    options = options if fmt == "flaredown" else None
    try:
        parsed = importers.parse(fmt, text, options=options)
    except ImportFormatError as exc:
        assert_plain(str(exc))
        return
    for skip in parsed.skipped:
        assert_plain(skip["reason"])
    assert all(d.at.tzinfo is not None for _, d in parsed.doses)
    assert all(e.at.tzinfo is not None and 0 <= e.pain <= 10 for _, e in parsed.entries)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(st.sampled_from(["pain", "PAIN", "mood", ""]),
                               st.one_of(st.sampled_from(["1", "5", "0", "10", "2.5", "-1", "1e9", ""]),
                                         st.text(max_size=5))), max_size=8),
       scale=st.sampled_from([None, (1, 5), (0, 5), (1, 10), (0.5, 0.75)]),
       where=st.sampled_from([None, ("kind", "pain"), ("KIND", "")]))  # fmt: skip
def test_generic_scale_and_filter_fuzz(rows, scale, where):
    text = "when,kind,score\n" + "".join(f'2025-01-01 10:00,{k},"{v.replace(chr(34), "")}"\n' for k, v in rows)
    try:
        parsed = generic_csv.parse(text, {"date": "when", "pain": "score"}, options=ImportOptions(scale, where))
    except ImportFormatError as exc:
        assert_plain(str(exc))
        return
    assert all(0 <= e.pain <= 10 for _, e in parsed.entries)
    assert len(parsed.entries) <= len(rows)


def _state(companion) -> tuple:
    entries = [(e.id, e.at, e.pain, e.note) for e in companion.diary.list_entries()]
    return entries, [(d.id, d.at) for d in companion.meds.doses()], [m.id for m in companion.meds.list_medications()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_new_readers_import_all_or_nothing(companion, tmp_path, data):
    fmt = data.draw(st.sampled_from(sorted(DOCUMENTS)))
    path = tmp_path / "generated.txt"
    path.write_text(DOCUMENTS[fmt](data), encoding="utf-8")
    before = _state(companion)
    options = ImportOptions(person=PERSON) if fmt == "flaredown" else None
    try:
        result = transfer.import_file(companion, path, fmt=data.draw(st.sampled_from(["auto", fmt])), options=options)
    except PainCompanionError as exc:
        assert_plain(str(exc))
        assert _state(companion) == before  # refused: nothing written
        return
    entries, doses, meds = _state(companion)
    assert (len(entries) - len(before[0]), len(doses) - len(before[1]), len(meds) - len(before[2])) == (
        result.entries, result.doses, result.medications)  # fmt: skip
    again = transfer.import_file(companion, path, fmt=result.format, options=options)
    assert (again.entries, again.doses, again.medications) == (0, 0, 0)


def test_a_pfpd_backup_refused_half_way_writes_nothing(companion, tmp_path):
    document = json.loads((FIXTURES / "pfpd_backup.json").read_text(encoding="utf-8"))
    inner = json.loads(document["data"])
    broken = copy.deepcopy(inner)
    broken["database"]["content"] = "not a list"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no table list"):
        transfer.import_file(companion, path, fmt="pfpd")
    assert companion.diary.count() == 0 and companion.meds.list_medications() == []


def test_scaled_and_filtered_csv_again_after_the_time_zone_changed_adds_nothing(companion, tmp_path, zone):
    path = tmp_path / "scaled.csv"
    shutil.copy(FIXTURES / "generic_scaled.csv", path)
    options = ImportOptions(scale=(1, 5), where=("kind", "pain"))
    zone("Europe/Lisbon")
    first = transfer.import_file(companion, path, fmt="csv", mapping=SCALED_MAP, options=options)
    assert first.entries == 4
    zone("America/Sao_Paulo")
    again = transfer.import_file(companion, path, fmt="csv", mapping=SCALED_MAP, options=options)
    assert again.entries == 0 and companion.diary.count() == 4


def test_choices_meant_for_another_format_are_refused_plainly(fixture_text):
    with pytest.raises(ImportFormatError, match="for Flaredown files; this file is read as Bearable"):
        importers.parse("bearable", fixture_text("bearable.csv"), options=ImportOptions(pain_item="Back pain"))
    with pytest.raises(ImportFormatError, match="for 'Other CSV' files"):
        importers.parse("flaredown", fixture_text("flaredown.csv"), options=ImportOptions(scale=(1, 5)))
