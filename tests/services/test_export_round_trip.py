"""Leaving with everything: the JSON export, imported into an empty data folder, gives back the same export."""

import json
from datetime import date, datetime, timedelta, timezone

from paincompanion.cli.main import main
from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.domain.medications import MedicationDraft
from paincompanion.domain.mood_record import MoodRecordDraft
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo

IST = timezone(timedelta(hours=5, minutes=30))
NOTE = "Héllo — 日本語 😀\nsecond line\n\n  indented third, \"quoted\", 'single', =SUM(A1)\ttab"


def _fill_awkward(companion, clock) -> None:
    """Demo data plus what the demo lacks: odd text, flagged notes, two equal entries, settings, a worksheet."""
    fill_demo(companion, 0.15)
    now = clock.now()
    flagged = EntryDraft(
        at=datetime(2026, 3, 9, 23, 59, 59, tzinfo=IST),
        pain=10,
        locations=(LocationPain("front-head", 9), LocationPain("back-neck", None)),
        qualities=("stabbing", "burning"),
        mood=0,
        sleep_hours=0.25,
        sleep_quality=0,
        activity="Ménage ✨",
        activity_level=10,
        triggers=("=cmd|' /C calc'!A0", "Kälte"),
        helped=("heat pack", "🛁 bath"),
        note=NOTE,
        flagged=True,
    )
    companion.diary.add(flagged)
    twice = EntryDraft(at=now - timedelta(hours=1), pain=3, note="saved twice by mistake")
    companion.diary.add(twice)
    companion.diary.add(twice)
    companion.diary.add_peg(7, 2, 8, at=now - timedelta(days=2))
    med = companion.meds.add(
        MedicationDraft("Gabapentin «test»", strength=300, form="capsule", times_per_day=3, start=date(2025, 1, 2),
                        reason="nerve pain\nat night", prescriber="Dr. Ødegård", notes=NOTE)
    )  # fmt: skip
    companion.meds.take(med.id, now - timedelta(hours=3), "1 capsule", "with food 🍞")
    companion.meds.stop(med.id, date(2026, 3, 1))
    companion.meds.add(MedicationDraft("Unknown herb ☘", kind="herbal", unit="g", as_needed=True, notes="tea"))
    companion.meds.set_apap_profile(liver_disease=True, regular_alcohol=False)
    companion.reports.set_questions("Can we talk about sleep?\nAnd the knee — ✓")
    r = companion.routines
    mine = r.save_user_routine(r.library().get("belly-breathing").as_user_copy("calm", "Calm ✨ «mine»"))
    r.set_favourite(mine.id, True)
    r.set_favourite("body-scan", True)
    r.log_session(mine.id, datetime(2026, 3, 1, 22, 15, tzinfo=IST), before=7, after=5, note=NOTE,
                  completed_steps=2, total_steps=5)  # fmt: skip
    r.save_worksheet("thought-record", {"situation": NOTE, "rerating": "4"}, datetime(2026, 3, 2, 8, tzinfo=IST))
    for record in MOOD_RECORDS:
        companion.moods.add(record)


#: Mood-only records (no pain score): from Daylio with odd text, one entered here without a mood.
MOOD_RECORDS = [
    MoodRecordDraft(at=datetime(2026, 3, 8, 21, 5, tzinfo=IST), mood=3, mood_name="tak sobie 🌧", sleep_hours=6.5,
                    sleep_quality=7, activities=("=sum(a1)", "gunpla building"), note=NOTE, source="daylio"),
    MoodRecordDraft(at=datetime(2026, 3, 9, 7, 0, tzinfo=IST), activities=("walk",), note=""),
    MoodRecordDraft(at=datetime(2026, 3, 9, 7, 0, tzinfo=IST), mood=10),  # the same minute: both kept
]  # fmt: skip


def _export(companion, path) -> dict:
    transfer.export_json(companion, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document.pop("exported_at")
    return document


def test_json_export_imported_into_an_empty_folder_exports_the_same(companion, clock, tmp_path):
    _fill_awkward(companion, clock)
    first = _export(companion, tmp_path / "first.json")
    assert first["settings"]["apap_liver_disease"] == "1" and "data_revision" not in first["settings"]
    assert any(e["flagged"] and e["note"] == NOTE for e in first["entries"])
    assert any(m["stop"] == "2026-03-01" for m in first["medications"])
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        result = transfer.import_file(fresh, tmp_path / "first.json")
        assert result.skipped == []
        assert result.entries == len(first["entries"]) and result.settings == len(first["settings"])
        second = _export(fresh, tmp_path / "second.json")
        assert fresh.meds.apap_profile() == {"liver_disease": True, "regular_alcohol": False}
        assert fresh.reports.questions() == "Can we talk about sleep?\nAnd the knee — ✓"
    assert second == first
    assert sum(e["note"] == "saved twice by mistake" for e in second["entries"]) == 2
    assert len(second["mood_records"]) == 3 and result.moods == 3
    assert second["mood_records"][0]["activities"] == ["=sum(a1)", "gunpla building"]


def test_csv_export_round_trips_mood_only_records_and_a_second_import_adds_nothing(companion, clock, tmp_path):
    companion.diary.add(EntryDraft(at=datetime(2026, 3, 9, 8, 0, tzinfo=IST), pain=4, mood=6, note=NOTE))
    for record in MOOD_RECORDS:
        companion.moods.add(record)
    transfer.export_csv(companion, tmp_path / "first.csv")
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        result = transfer.import_file(fresh, tmp_path / "first.csv")
        assert (result.entries, result.moods, result.skipped) == (1, 3, [])
        assert [r.as_draft() for r in fresh.moods.list_records()] == [
            r.as_draft() for r in companion.moods.list_records()
        ]
        assert fresh.insights.build(None).n_entries == 1  # the records are not pain entries
        again = transfer.import_file(fresh, tmp_path / "first.csv")
        assert (again.entries, again.moods) == (0, 0)
        transfer.export_csv(fresh, tmp_path / "second.csv")
    assert (tmp_path / "second.csv").read_text(encoding="utf-8").replace("\r\n2,", "\r\n1,") == (
        tmp_path / "first.csv"
    ).read_text(encoding="utf-8")


def test_a_second_import_adds_nothing_and_keeps_the_settings_chosen_here(companion, clock, tmp_path):
    _fill_awkward(companion, clock)
    path = tmp_path / "all.json"
    first = _export(companion, path)
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        fresh.meds.set_apap_profile(liver_disease=False)
        transfer.import_file(fresh, path)
        again = transfer.import_file(fresh, path)
        assert (again.entries, again.peg, again.medications, again.doses, again.settings, again.moods) == (0,) * 6
        assert fresh.meds.apap_profile()["liver_disease"] is False  # a choice made here is never overwritten
        second = _export(fresh, tmp_path / "second.json")
    assert second["entries"] == first["entries"] and second["routines"] == first["routines"]


def test_internal_bookkeeping_in_an_export_is_not_imported(companion, clock, tmp_path):
    path = tmp_path / "doc.json"
    document = _export(companion, path)
    document["settings"] = {"data_revision": "999", "last_backup_revision": "5", "report_paper": "letter"}
    path.write_text(json.dumps(document), encoding="utf-8")
    result = transfer.import_file(companion, path)
    assert result.settings == 1
    exported = _export(companion, tmp_path / "again.json")
    assert exported["settings"] == {"report_paper": "letter"}


def test_cli_export_then_import_into_a_new_data_dir_is_lossless(companion, clock, tmp_path, capsys):
    _fill_awkward(companion, clock)
    companion.close()
    source, target = str(companion.paths.data), str(tmp_path / "new")
    out_1, out_2 = tmp_path / "cli1.json", tmp_path / "cli2.json"
    assert main(["--data-dir", source, "export", "--format", "json", "-o", str(out_1)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", target, "import", str(out_1), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["skipped"] == [] and printed["entries"] > 100
    assert main(["--data-dir", target, "export", "--format", "json", "-o", str(out_2)]) == 0
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (out_1, out_2))
    first.pop("exported_at"), second.pop("exported_at")
    assert second == first


def test_an_export_with_only_routines_and_settings_is_counted_in_the_preview(companion, clock, tmp_path):
    companion.routines.save_worksheet("thought-record", {"situation": "Stairs"}, clock.now())
    companion.reports.set_questions("Sleep?")
    path = tmp_path / "small.json"
    transfer.export_json(companion, path)
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        preview = transfer.import_file(fresh, path, dry_run=True)
        assert (preview.entries, preview.routines, preview.settings) == (0, 1, 1) and preview.adds_anything
        assert preview.to_json()["routines"] == 1 and preview.to_json()["settings"] == 1
        transfer.import_file(fresh, path)
        assert fresh.reports.questions() == "Sleep?" and len(fresh.routines.worksheets()) == 1
        assert not transfer.import_file(fresh, path, dry_run=True).adds_anything


def test_reminder_times_follow_their_medicine_into_a_diary_where_its_id_differs(companion, clock, tmp_path):
    from datetime import time

    from paincompanion.services.reminders import ReminderSettings

    companion.meds.add(MedicationDraft("Paracetamol", strength=500, times_per_day=4))
    duloxetine = companion.meds.add(MedicationDraft("Duloxetine", strength=60, form="capsule", times_per_day=1))
    companion.reminders.save_settings(
        ReminderSettings(enabled=True, checkin_times=(time(9, 0),), dose_times={duloxetine.id: (time(21, 30),)})
    )
    path = tmp_path / "all.json"
    document = _export(companion, path)
    assert "Duloxetine" in document["settings"]["reminders_settings"]  # named by record, not by id
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        fresh.meds.add(MedicationDraft("Ibuprofen", strength=200, as_needed=True))  # shifts the ids
        transfer.import_file(fresh, path)
        new_id = next(m.id for m in fresh.meds.list_medications() if m.name == "Duloxetine")
        assert new_id != duloxetine.id
        chosen = fresh.reminders.settings()
        assert chosen.enabled and chosen.checkin_times == (time(9, 0),)
        assert dict(chosen.dose_times) == {new_id: (time(21, 30),)}
