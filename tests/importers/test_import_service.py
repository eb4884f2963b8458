"""Importing other apps' files into a real diary: counts, de-duplication, one transaction, a backup first."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import ImportFormatError, ValidationError
from paincompanion.services import transfer
from paincompanion.storage import mood_repo

from .conftest import FIXTURES

CET = timezone(timedelta(hours=1))


def copy(tmp_path, name):
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(
    ("name", "fmt", "entries", "doses"),
    [("migraine_buddy.csv", "migraine-buddy", 2, 0), ("pfpd_backup.json", "pfpd", 3, 5),
     ("bearable.csv", "bearable", 2, 0), ("medtimer.csv", "medtimer", 0, 3), ("generic.csv", "csv", 3, 0),
     ("flaredown.csv", "flaredown", 4, 5), ("medtimer_backup.json", "medtimer", 0, 3)],
)  # fmt: skip
def test_auto_import_then_the_same_file_again_adds_nothing(companion, tmp_path, name, fmt, entries, doses):
    path = copy(tmp_path, name)
    preview = transfer.import_file(companion, path, dry_run=True)
    assert (preview.format, preview.entries, preview.doses) == (fmt, entries, doses)
    assert companion.diary.count() == 0 and companion.meds.doses() == []
    result = transfer.import_file(companion, path)
    assert (result.entries, result.doses) == (entries, doses)
    assert result.to_json()["skipped"] == preview.to_json()["skipped"]
    assert companion.diary.count() == entries and len(companion.meds.doses()) == doses
    assert any(b.reason == "pre-import" for b in companion.backups.list_backups())
    again = transfer.import_file(companion, path)
    assert (again.entries, again.doses, again.medications) == (0, 0, 0)
    assert companion.diary.count() == entries and len(companion.meds.doses()) == doses


def test_migraine_buddy_entries_are_stored_as_read(companion, tmp_path):
    transfer.import_file(companion, copy(tmp_path, "migraine_buddy.csv"))
    first = companion.diary.list_entries(newest_first=False)[0]
    assert first.at == datetime(2024, 11, 16, 13, 12, tzinfo=CET)
    assert first.pain == 7
    assert sorted(first.triggers) == ["bright light", "stress"] and sorted(first.helped) == ["dark room", "ibuprofen"]
    assert sorted(loc.region for loc in first.locations) == ["back-neck", "front-head"]


def test_medtimer_matches_saved_medicines_by_name_and_adds_the_others(companion, tmp_path):
    saved = companion.meds.add(MedicationDraft(name="IBUPROFEN"))
    result = transfer.import_file(companion, copy(tmp_path, "medtimer.csv"), fmt="medtimer")
    assert (result.medications, result.doses) == (1, 3)
    names = sorted(m.name for m in companion.meds.list_medications())
    assert names == ["IBUPROFEN", "Vitamin D"]
    assert len(companion.meds.doses(medication_id=saved.id)) == 2
    dose = companion.meds.doses(medication_id=saved.id)[-1]
    assert (dose.at, dose.amount, dose.note) == (
        datetime(2025, 1, 5, 8, 5, tzinfo=CET),
        "400 mg",
        "with food; pain, morning",
    )


def test_daylio_rows_arrive_as_mood_only_records_and_leave_entries_alone(companion, tmp_path):
    plain = companion.diary.add(EntryDraft(at=datetime(2025, 1, 22, 10, 0, tzinfo=CET), pain=4))
    path = copy(tmp_path, "daylio.csv")
    result = transfer.import_file(companion, path, moods={"so-so": 6})
    assert (result.format, result.entries, result.moods) == ("daylio", 0, 4)
    assert companion.diary.get(plain.id).mood is None and companion.diary.count() == 1
    assert [(r.mood_name, r.mood) for r in companion.moods.list_records()] == [("meh", 5), ("bad", 3), ("rad", 10),
                                                                       ("so-so", 6)]  # fmt: skip
    assert {m["name"]: m["value"] for m in result.mood_names}["so-so"] == 6
    again = transfer.import_file(companion, path)
    assert again.moods == 0 and {s["reason"] for s in again.skipped} >= {"already in the diary"}
    assert companion.moods.count() == 4


def test_a_failure_midway_leaves_nothing_of_the_import(companion, tmp_path, monkeypatch):
    real_insert, calls = mood_repo.bulk_insert, []

    def failing_insert(conn, drafts, now_utc):
        calls.append(real_insert(conn, drafts, now_utc))  # the rows are written, then the disk fails
        raise OSError("disk full")

    monkeypatch.setattr(mood_repo, "bulk_insert", failing_insert)
    with pytest.raises(OSError):
        transfer.import_file(companion, copy(tmp_path, "daylio.csv"))
    assert calls == [4]
    assert companion.moods.count() == 0 and companion.diary.count() == 0  # undone


def test_a_mood_number_that_is_not_0_to_10_is_refused_before_anything_is_written(companion, tmp_path):
    with pytest.raises(ValidationError, match="so-so"):
        transfer.import_file(companion, copy(tmp_path, "daylio.csv"), moods={"so-so": 11})
    assert companion.moods.count() == 0 and companion.backups.list_backups() == []


def test_a_file_of_another_format_than_asked_is_refused_and_nothing_changes(companion, tmp_path):
    with pytest.raises(ImportFormatError):
        transfer.import_file(companion, copy(tmp_path, "daylio.csv"), fmt="migraine-buddy")
    with pytest.raises(ImportFormatError):
        transfer.import_file(companion, copy(tmp_path, "daylio.csv"), fmt="medtimer")
    assert companion.diary.count() == 0 and companion.backups.list_backups() == []


def test_our_own_exports_still_import_through_auto(companion, tmp_path):
    companion.diary.add(EntryDraft(at=datetime(2025, 1, 22, 10, 0, tzinfo=CET), pain=4, note="mine"))
    path = tmp_path / "mine.json"
    transfer.export_json(companion, path)
    result = transfer.import_file(companion, path)
    assert result.format == "paincompanion-json" and result.entries == 0
