"""Real export files of other apps' users (issue 14), when ../shared/import-real is present; skipped otherwise.

The files are personal diaries their owners published: they are read here, never copied into the repository,
and no note of theirs is quoted in a test.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from paincompanion import importers
from paincompanion.services import transfer

_REPO = Path(__file__).resolve().parents[2]
_CANDIDATES = [Path(os.environ.get("PAINCOMPANION_REAL_IMPORTS", "/nonexistent")),
               _REPO.parent / "shared" / "import-real", _REPO.parent.parent / "shared" / "import-real"]  # fmt: skip
REAL = next((p for p in _CANDIDATES if (p / "SOURCES.md").is_file()), None)
pytestmark = pytest.mark.skipif(REAL is None, reason="the real export files (../shared/import-real) are not here")


def _text(name: str) -> str:
    assert REAL is not None
    return (REAL / name).read_text(encoding="utf-8-sig")


def test_real_migraine_buddy_attack_arrives_with_its_places():
    text = _text("migraine_buddy_2024.csv")
    assert importers.detect_format(text) == "migraine-buddy"
    parsed = importers.parse("migraine-buddy", text)
    assert not parsed.date_order_needed and len(parsed.entries) == 1
    entry = parsed.entries[0][1]
    assert [loc.region for loc in entry.locations] == ["back-head"]
    assert entry.at.utcoffset() == timedelta(0) and entry.pain == 4


@pytest.mark.parametrize("name", ["medtimer_events_from-app-unit-test.csv",
                                  "medtimer_events_v1.15_from-app-unit-test.csv"])  # fmt: skip
def test_real_medtimer_layouts_keep_the_local_time(name):
    text = _text(name)
    assert importers.detect_format(text) == "medtimer"
    parsed = importers.parse("medtimer", text)
    ((_, dose),) = parsed.doses
    assert dose.amount == "10mg" and dose.at.utcoffset() != timedelta(0)  # the phone was east of UTC
    assert dose.at.hour in (1, 2) and dose.at.minute == 2
    assert len(parsed.skipped) == 1  # the reminder that was not taken


def test_real_bearable_medicines_times_and_sleep(companion, tmp_path):
    path = tmp_path / "bearable.csv"
    path.write_text(_text("bearable_2021.csv"), encoding="utf-8")
    result = transfer.import_file(companion, path, dry_run=True)
    assert result.format == "bearable" and result.doses == 99 and result.entries == 30
    parsed = importers.parse("bearable", _text("bearable_2021.csv"))
    assert {e.at.hour for _, e in parsed.entries} >= {3, 9, 15, 21}  # the codes became times, not all 12:00
    assert sum(e.sleep_hours is not None for _, e in parsed.entries) > 0
    assert parsed.skipped == [] and len(parsed.mood_records) == 36  # days without a pain symptom: kept, no pain
    result = transfer.import_file(companion, path)
    assert (result.entries, result.moods, result.skipped) == (30, 36, [])
    assert companion.diary.count() == 30 and companion.moods.count() == 36
    assert transfer.import_file(companion, path).moods == 0  # a second import adds nothing


def test_real_flaredown_rows_all_arrive_for_each_person():
    """Every row of each person's check-ins arrives (pain, note, dose) or is listed as skipped with its line."""
    import csv
    import io

    text = _text("flaredown_kaggle_extract.csv")
    assert importers.detect_format(text) == "flaredown"
    records = list(csv.DictReader(io.StringIO(text)))
    people = {r["user_id"] for r in records}
    assert len(importers.parse("flaredown", text).choices["person"]) == len(people) > 1
    arrived = 0
    for person in people:
        options = importers.ImportOptions(person=person)
        parsed = importers.parse("flaredown", text, options=options)
        if not parsed.entries and parsed.choices.get("pain_item"):  # no item with a pain word: the patient chooses
            options = importers.ImportOptions(person=person, pain_item=parsed.choices["pain_item"][0])
            parsed = importers.parse("flaredown", text, options=options)
        notes = {e.at.date().isoformat(): e.note for _, e in parsed.entries}
        doses = {(d.at.date().isoformat(), d.medicine) for _, d in parsed.doses}
        skipped = {s["line"] for s in parsed.skipped}
        for line, row in enumerate(records, start=2):
            if row["user_id"] != person:
                continue
            day, name = row["checkin_date"], " ".join(row["trackable_name"].split())
            kept = (day, name) in doses if row["trackable_type"] == "Treatment" else name in notes.get(day, "")
            assert kept or line in skipped, (line, row["trackable_type"])
            arrived += kept
    assert arrived >= len(records) - 2  # at most a check-in day without the chosen item is listed, not lost


DAYLIO_FILES = {"daylio_2017_pl_year-header.csv": 21, "daylio_2018_en_year-header.csv": 77,
                "daylio_2019_custom-moods_12h.csv": 1186, "daylio_2020_12h_no-note-title.csv": 705,
                "daylio_2021_es_no-header.csv": None, "daylio_2026_scales.csv": 7}  # fmt: skip


@pytest.mark.parametrize("name", sorted(DAYLIO_FILES))
def test_real_daylio_files_every_row_arrives(name, companion, tmp_path):
    text = _text(name)
    assert importers.detect_format(text) == "daylio"
    lines = [line for line in text.splitlines() if line.strip()]
    rows = DAYLIO_FILES[name] or len(lines)  # the header-less file: every line is a row (no note spans lines)
    path = tmp_path / "daylio.csv"
    path.write_text(text, encoding="utf-8")
    companion.clock = type(companion.clock)(companion.clock.now().replace(year=2026, month=12))  # the 2026 file
    companion._build_services()
    result = transfer.import_file(companion, path)
    assert result.skipped == [] and result.moods == rows == companion.moods.count()
    records = companion.moods.list_records()
    assert all(r.mood is not None and r.mood_name for r in records)
    assert companion.insights.build(None).n_entries == 0 and companion.diary.count() == 0
    if name == "daylio_2026_scales.csv":
        assert sum(r.sleep_hours is not None and r.sleep_quality is not None for r in records) == 3
    if name == "daylio_2019_custom-moods_12h.csv":
        assert sum(bool(r.activities) for r in records) > 500 and {r.at.hour for r in records} & {13, 17, 22}
