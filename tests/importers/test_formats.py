"""Each importer on a small file of its app's layout, including the awkward cases: what it maps, what it skips."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion import importers
from paincompanion.domain.diary import LocationPain
from paincompanion.errors import ImportFormatError
from paincompanion.importers import bearable, daylio, medtimer, migraine_buddy, pfpd
from paincompanion.importers.pfpd import region_id


def reasons(parsed) -> dict[int, str]:
    return {s["line"]: s["reason"] for s in parsed.skipped}


def test_migraine_buddy_reads_attacks_after_the_ongoing_events_section(fixture_text):
    parsed = migraine_buddy.parse(fixture_text("migraine_buddy.csv"))
    assert [line for line, _ in parsed.entries] == [5, 7]
    first = parsed.entries[0][1]
    assert first.at == datetime(2024, 11, 16, 13, 12, tzinfo=timezone(timedelta(hours=1)))
    assert first.pain == 7
    assert first.locations == (LocationPain("front-head"), LocationPain("back-neck"))
    assert first.triggers == ("Stress", "Bright light")
    assert first.helped == ("Ibuprofen", "Dark room")
    assert "Lasted 01h 00m." in first.note
    assert first.note.endswith('Started at work.\nWent home early, "bad one".')  # a multi-line quoted note
    assert "u0yjj" not in first.note  # the geohash is not imported


def test_migraine_buddy_offsets_durations_and_the_no_medication_sentinel(fixture_text):
    second = migraine_buddy.parse(fixture_text("migraine_buddy.csv")).entries[1][1]
    assert second.at == datetime(2024, 12, 3, 22, 5, tzinfo=timezone(timedelta(hours=-5)))  # M/D/YY, offset -300
    assert second.helped == ()
    assert "No medication" not in second.note
    assert "Lasted 2d 04h 10m." in second.note


def test_migraine_buddy_skips_with_reasons(fixture_text):
    skipped = reasons(migraine_buddy.parse(fixture_text("migraine_buddy.csv")))
    assert "ongoing event" in skipped[2]
    assert "not 11" in skipped[8]
    assert "11/31/24" in skipped[9]
    assert "no pain level" in skipped[10]


def test_migraine_buddy_without_an_attacks_section_is_not_a_migraine_buddy_file():
    with pytest.raises(ImportFormatError, match="attacks section"):
        migraine_buddy.parse('"Date","Time Period","Description","Notes"\n"1/1/24","x","y","z"\n')


def test_pfpd_backup_maps_days_regions_qualities_times_and_intakes(fixture_text):
    parsed = pfpd.parse(fixture_text("pfpd_backup.json"))  # the Backup app's wrapper around the app's backup
    assert [line for line, _ in parsed.entries] == ["diary entry 1", "diary entry 2", "diary entry 7"]
    first = parsed.entries[0][1]
    assert (first.at.date(), first.at.hour, first.pain, first.mood) == (date(2025, 1, 15), 9, 6, 3)
    assert first.locations == (LocationPain("front-right-knee"), LocationPain("back-head"))
    assert "Other places: abdomen right." in first.note  # a region our map lacks: in the note, not dropped
    assert first.qualities == ("stabbing", "dull")
    assert "Times of pain: morning, at night." in first.note
    assert first.note.endswith("Bad night,\ncould not sleep")
    last = parsed.entries[2][1]
    assert last.locations == (LocationPain("front-left-upper-arm"),)  # an arm seen from the back
    assert last.at.hour == 15 and last.mood == 8 and last.pain == 4  # a pain level written as text
    assert "region 99" in last.note and "Pain nature: pinching." in last.note
    assert "Jo" not in "".join(e.note for _, e in parsed.entries)  # the profile's name is not imported


def test_pfpd_backup_intakes_become_doses_at_their_part_of_the_day(fixture_text):
    doses = [(d.medicine, d.at.date().day, d.at.hour, d.amount, d.note)
             for _, d in pfpd.parse(fixture_text("pfpd_backup.json")).doses]  # fmt: skip
    assert doses == [
        ("Ibuprofen", 15, 8, "400 mg", ""), ("Ibuprofen", 15, 18, "400 mg", ""),
        ("Paracetamol", 19, 8, "1000 mg", "2 × 500 mg"),  # the day's entry was skipped; its dose still arrives
        ("Naproxen", 20, 12, "250 mg", ""), ("Magnesium", 20, 22, "3", "3 × one sachet"),
    ]  # fmt: skip


def test_pfpd_backup_skips_with_reasons(fixture_text):
    skipped = reasons(pfpd.parse(fixture_text("pfpd_backup.json")))
    assert "not 12" in skipped["diary entry 3"]
    assert "does not exist" in skipped["diary entry 4"]
    assert "unknown condition 7" in skipped["diary entry 5"]
    assert "no pain description" in skipped["diary entry 6"]
    assert "names no drug" in skipped["diary entry 7"]


def test_pfpd_backup_bare_or_wrapped_reads_the_same(fixture_text):
    wrapped = json.loads(fixture_text("pfpd_backup.json"))
    bare = pfpd.parse(wrapped["data"])
    assert bare.entries == pfpd.parse(fixture_text("pfpd_backup.json")).entries


@pytest.mark.parametrize(
    ("text", "message"),
    [("{", "not readable JSON"), ("[]", "no 'database'"), ('{"database": {"version": 2}}', "no table list"),
     ('{"database": {"version": 2, "content": []}}', "no table of diary entries"),
     ('{"packageName": "org.secuso.other", "data": "{}"}', "another app"),
     ('{"packageName": "org.secuso.privacyfriendlypaindiary", "encrypted": true, "data": "-----BEGIN PGP"}',
      "encrypted"),
     ('{"packageName": "org.secuso.privacyfriendlypaindiary", "encrypted": false, "data": "{"}', "not readable")],
)  # fmt: skip
def test_pfpd_backup_that_cannot_be_read_says_why(text, message):
    with pytest.raises(ImportFormatError, match=message):
        pfpd.parse(text)


@pytest.mark.parametrize(
    ("name", "region"),
    [("KNEE_RIGHT", "front-right-knee"), ("HEAD_BACK", "back-head"), ("LOWER_LEG_LEFT_BACK", "back-left-calf"),
     ("HAND_LEFT", "front-left-hand"), ("GROIN_LEFT_BACK", "back-left-buttock"), ("ABDOMEN_RIGHT", None),
     ("NONSENSE", None)],
)  # fmt: skip
def test_pfpd_region_names(name, region):
    assert region_id(name) == region


def test_bearable_one_entry_per_day_with_a_pain_symptom(fixture_text):
    parsed = bearable.parse(fixture_text("bearable.csv"))
    assert [line for line, _ in parsed.entries] == [2, 12]
    day = parsed.entries[0][1]
    assert (day.at.date(), day.at.hour, day.at.minute) == (date(2025, 1, 22), 9, 30)
    assert day.pain == 8  # the worst pain symptom: back pain (Severe)
    assert day.mood == 4  # a mood of 9 elsewhere in the file: ratings taken as 0–10
    assert (day.sleep_hours, day.sleep_quality) == (7.5, 3)
    assert "Nausea: mild." in day.note and "Factors: Rain." in day.note and "Energy: 2." in day.note
    flare = parsed.entries[1][1]
    assert (flare.pain, flare.at.hour, flare.at.minute) == (10, 22, 15)
    assert flare.note.startswith("Flare,\nsecond line")
    assert any("no single pain score" in text for text in parsed.mapping)


def test_bearable_keeps_days_without_pain_as_records_and_skips_bad_rows(fixture_text):
    parsed = bearable.parse(fixture_text("bearable.csv"))
    skipped = reasons(parsed)
    assert 10 not in skipped and 16 not in skipped  # days without a pain symptom are no longer lost
    assert "does not exist" in skipped[15]
    records = {r.at.date(): r for _, r in parsed.mood_records}
    assert set(records) == {date(2025, 1, 23), date(2025, 1, 26)}
    assert all(r.source == "bearable" and r.mood_name == "" for r in records.values())
    assert all(r.mood is not None or r.sleep_hours is not None or r.note for r in records.values())


def test_bearable_moods_of_one_to_five_are_stretched_to_ten():
    text = ("date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n"
            "x,2025-02-01,Sat,,Mood,4,,\n"
            "x,2025-02-01,Sat,,Symptom,2,Migraine,\n")  # fmt: skip
    entry = bearable.parse(text).entries[0][1]
    assert (entry.mood, entry.pain) == (8, 5)


def test_medtimer_takes_taken_doses_from_the_iso_column(fixture_text):
    parsed = medtimer.parse(fixture_text("medtimer.csv"))
    assert [(line, d.medicine, d.amount) for line, d in parsed.doses] == [
        (2, "Ibuprofen", "400 mg"), (4, "ibuprofen", "400 mg"), (5, "Vitamin D", "1000 IU")]  # fmt: skip
    assert parsed.doses[0][1].at == datetime(2025, 1, 5, 8, 5, tzinfo=timezone(timedelta(hours=1)))
    assert parsed.doses[0][1].note == "with food; pain, morning"
    skipped = reasons(parsed)
    assert "not taken" in skipped[3] and "not a time" in skipped[6]


def test_daylio_rows_become_mood_records_with_their_names(fixture_text):
    parsed = daylio.parse(fixture_text("daylio.csv"))
    assert [(line, r.at.replace(tzinfo=None), r.mood_name, r.activities) for line, r in parsed.mood_records] == [
        (2, datetime(2025, 1, 22, 21, 15), "bad", ("work", "walk")),
        (4, datetime(2025, 1, 22, 8, 0), "meh", ()),
        (5, datetime(2025, 1, 23, 20, 0), "rad", ("friends",)),
        (6, datetime(2025, 1, 24, 20, 0), "so-so", ()),
    ]  # fmt: skip
    assert parsed.mood_records[0][1].note == "Tired,\nsore"
    assert [(m.name, m.value) for m in parsed.mood_names] == [("rad", 10), ("meh", 5), ("so-so", 5), ("bad", 3)]
    assert "does not exist" in reasons(parsed)[7]
    assert not parsed.entries


def test_generic_csv_guesses_columns_and_takes_a_mapping(fixture_text):
    parsed = importers.parse("csv", fixture_text("generic.csv"))
    assert [(e.at.hour, e.pain, e.note) for _, e in parsed.entries] == [
        (8, 5, "morning flare"), (21, 3, ""), (12, 7, "date only")]  # fmt: skip
    skipped = reasons(parsed)
    assert "yesterday" in skipped[5] and "not -1" in skipped[6]
    custom = importers.parse("csv", "When,Level,Text\n5.1.2025 9:00,4,hi\n", {"date": "When", "pain": "Level"})
    assert [(e.at.day, e.at.month, e.at.hour, e.pain, e.note) for _, e in custom.entries] == [(5, 1, 9, 4, "")]


@pytest.mark.parametrize(
    ("text", "mapping", "message"),
    [("a,b\n1,2\n", None, "which column"), ("date,pain\n", {"date": "nope", "pain": "pain"}, "no column"),
     ("date,pain\n", {"colour": "date"}, "Unknown field")],
)  # fmt: skip
def test_generic_csv_without_usable_columns_says_so(text, mapping, message):
    with pytest.raises(ImportFormatError, match=message):
        importers.parse("csv", text, mapping)


def test_bearable_older_header_with_label_and_rating_columns():
    text = (
        "Date,Time,Category,Label,Rating,Notes\n"
        "2025-03-01,07:45,Symptom,Back pain (Mild),,stiff\n"
        "2025-03-01,,Mood,,2,\n"
        "2025-03-01,,Mood,,3,\n"
    )
    assert importers.detect_format(text) == "bearable"
    parsed = bearable.parse(text)
    entry = parsed.entries[0][1]
    assert (entry.pain, entry.at.hour, entry.at.minute, entry.mood) == (3, 7, 45, 4)  # moods 2 and 3 of 5
    assert "stiff" in entry.note and parsed.skipped == []
