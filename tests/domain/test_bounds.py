"""domain/bounds: one test per bound (numbers, ids, days, times, DST, texts, file names, the app's own files)."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain import bounds
from paincompanion.errors import ValidationError


@pytest.fixture
def berlin(monkeypatch):
    """Local time is Europe/Berlin for the test (spring forward 2026-03-29 02:00, fall back 2026-10-25 03:00)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# -- numbers ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["9" * 5000, "1" + "0" * 4301, "-" + "9" * 100_000])
def test_a_number_longer_than_pythons_int_limit_is_a_plain_refusal(value):
    with pytest.raises(ValidationError, match="Pain must be a whole number from 0 to 10, not a"):
        bounds.parse_score(value, "Pain")


@pytest.mark.parametrize(("value", "expected"), [("0", 0), (" 10 ", 10), (7, 7), (3.0, 3), ("+4", 4), ("", None)])
def test_score_accepts_whole_numbers_from_0_to_10(value, expected):
    assert bounds.parse_score(value, "Pain") == expected


@pytest.mark.parametrize("value", ["11", "-1", 3.5, float("nan"), float("inf"), True, "seven", "1e1", [], 10**400])
def test_score_refuses_everything_else(value):
    with pytest.raises(ValidationError, match="Mood"):
        bounds.parse_score(value, "Mood")


def test_a_required_score_must_be_given():
    with pytest.raises(ValidationError, match="required"):
        bounds.parse_score(" ", "PEG pain", required=True)


@pytest.mark.parametrize("value", ["0", "-3", str(2**63), "9" * 30, "9" * 10_000, "1.5", "abc", "+5", True])
def test_ids_are_from_1_to_2_63_minus_1(value):
    with pytest.raises(ValidationError, match="entry id"):
        bounds.parse_id(value, "The entry id")


def test_the_largest_id_and_a_hash_prefix_are_accepted():
    assert bounds.parse_id(str(2**63 - 1), "The id") == 2**63 - 1
    assert bounds.parse_id("#12", "The id") == 12


@pytest.mark.parametrize("value", ["1e400", "nan", "inf", "-0.5", "24.01", "1" * 50, "7..5"])
def test_decimals_are_finite_and_in_range(value):
    with pytest.raises(ValidationError, match="Hours of sleep"):
        bounds.parse_number(value, "Hours of sleep", low=0, high=24)


def test_decimals_take_a_comma_and_an_open_low_bound():
    assert bounds.parse_number("7,5", "Hours", low=0, high=24) == 7.5
    with pytest.raises(ValidationError, match="more than 0"):
        bounds.parse_number("0", "The strength", low=0, high=10, low_open=True)


@pytest.mark.parametrize("value", ["0", "100000000", "9" * 5000, "36526"])
def test_a_period_is_1_day_to_100_years(value):
    with pytest.raises(ValidationError, match="--days"):
        bounds.parse_days(value, "--days")
    assert bounds.parse_days("36525", "--days") == 36525


# -- days and times -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_days_before_1900_or_from_9999_are_refused(text):
    with pytest.raises(ValidationError, match="year must be from 1900 to 9998"):
        bounds.parse_day(text, "--from")


@pytest.mark.parametrize("text", ["0001-01-01", "0001-01-01T00:00", "1899-12-31T23:59+00:00", "9999-12-31T23:59"])
def test_times_before_1900_or_from_9999_are_refused_before_any_zone_arithmetic(text):
    with pytest.raises(ValidationError, match="year must be from 1900 to 9998"):
        bounds.parse_moment(text, "--at")


def test_a_long_or_odd_date_text_is_one_line():
    with pytest.raises(ValidationError, match="like 2026-03-10"):
        bounds.parse_day("2026-01-01" * 1000, "--to")
    with pytest.raises(ValidationError, match="like 2026-03-10T08:30"):
        bounds.parse_moment("\udcff" * 10, "--at")


def test_the_spring_forward_gap_is_refused_with_the_time_to_give(berlin):
    with pytest.raises(ValidationError, match=r"2026-03-29 02:30 does not exist here.*Give 03:30 instead"):
        bounds.parse_moment("2026-03-29T02:30", "--at")


def test_the_gap_can_be_moved_forward_never_back(berlin):
    moved = bounds.local_aware(datetime(2026, 3, 29, 2, 30), gap="forward")
    assert moved.replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)
    assert moved.utcoffset() == timedelta(hours=2)


def test_an_autumn_time_that_happens_twice_is_its_first_occurrence(berlin):
    first = bounds.parse_moment("2026-10-25T02:30", "--at")
    assert first.utcoffset() == timedelta(hours=2)  # still summer time: the earlier of the two
    second = bounds.parse_moment("2026-10-25T02:30+01:00", "--at")
    assert second - first == timedelta(hours=1)


def test_times_around_the_change_are_unchanged(berlin):
    assert bounds.parse_moment("2026-03-29T01:59", "--at").utcoffset() == timedelta(hours=1)
    assert bounds.parse_moment("2026-03-29T03:00", "--at").utcoffset() == timedelta(hours=2)


def test_a_future_time_is_refused():
    now = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)
    bounds.not_in_future(now + timedelta(minutes=4), now, "The session")
    with pytest.raises(ValidationError, match="The session 9998-01-01 00:00 is in the future"):
        bounds.not_in_future(datetime(9998, 1, 1, tzinfo=timezone.utc), now, "The session")


# -- texts ----------------------------------------------------------------------------------------------------


def test_a_text_over_its_limit_is_refused():
    assert bounds.check_text("a" * 10, "The note", limit=10) == "a" * 10
    with pytest.raises(ValidationError, match="at most 10 characters"):
        bounds.check_text("a" * 11, "The note", limit=10)


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\x7f", "\x9b"])
def test_control_characters_are_refused(char):
    with pytest.raises(ValidationError, match="control character"):
        bounds.check_text(f"Ibu{char}[31m", "The name", limit=100)


def test_notes_keep_every_character_so_an_export_round_trips():
    assert bounds.check_text("a\nb\tc\r\n\x1b\x00", "The note", limit=100, multiline=True) == "a\nb\tc\r\n\x1b\x00"


def test_line_breaks_and_tabs_are_refused_in_one_line_texts():
    with pytest.raises(ValidationError, match="control character"):
        bounds.check_text("a\nb", "The name", limit=100)
    assert bounds.one_line(" a \n b\t", "The name", limit=100) == "a b"


def test_undecodable_bytes_from_a_non_utf8_argument_are_refused():
    argument = os.fsdecode(b"caf\xe9")  # what sys.argv holds for Latin-1 bytes (surrogateescape)
    with pytest.raises(ValidationError, match="not valid text"):
        bounds.check_text(argument, "The note", limit=100, multiline=True)


def test_printable_shows_control_characters_as_escapes():
    shown = bounds.printable("Ibu\x1b[2J\x9b\udcff\u202e\nend")
    assert shown == "Ibu\\x1b[2J\\x9b\\udcff\\u202e\\nend"
    assert bounds.printable("a\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"
    assert bounds.printable("Café 5/325 — 日本") == "Café 5/325 — 日本"


# -- files ----------------------------------------------------------------------------------------------------


def test_a_300_character_file_name_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="too long"):
        bounds.check_path(tmp_path / ("x" * 300 + ".json"), "-o")
    with pytest.raises(ValidationError, match="too long"):
        bounds.check_path("a/" * 2100, "-o")
    with pytest.raises(ValidationError, match="NUL"):
        bounds.check_path("a\x00b", "-o")


def test_input_files_say_what_they_are(tmp_path):
    with pytest.raises(ValidationError, match="is a folder, not a file"):
        bounds.check_input_file(tmp_path, "import")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ValidationError, match=r"is a named pipe \(FIFO\), not a file"):
        bounds.check_input_file(fifo, "import")
    with pytest.raises(ValidationError, match="there is no file"):
        bounds.check_input_file(tmp_path / "missing.csv", "import")
    (tmp_path / "ok.csv").write_text("x")
    assert bounds.check_input_file(tmp_path / "ok.csv", "import") == tmp_path / "ok.csv"


@pytest.mark.parametrize(
    "name",
    [
        "paincompanion.sqlite",
        "paincompanion.sqlite-wal",
        "paincompanion.sqlite-shm",
        "PAINCOMPANION.SQLITE",
        "paincompanion.key",
        "backups/paincompanion-2026-01-01.sqlite",
        "backups/new.json",
        "cache/x",
        "sub/../paincompanion.sqlite",
    ],
)
def test_the_apps_own_files_are_recognised(tmp_path, name):
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    (data / "sub").mkdir()
    (data / "cache").mkdir()
    assert bounds.app_file_kind(data / name, data)
    with pytest.raises(ValidationError, match="own files; choose another name"):
        bounds.check_output_file(data / name, "-o", data_dir=data)


def test_links_to_the_apps_own_files_are_seen_through(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    diary = data / "paincompanion.sqlite"
    diary.write_bytes(b"SQLite")
    (tmp_path / "sym.json").symlink_to(diary)
    os.link(diary, tmp_path / "hard.json")
    (tmp_path / "dirlink").symlink_to(data)
    for name in ("sym.json", "hard.json", "dirlink/paincompanion.sqlite"):
        assert bounds.app_file_kind(tmp_path / name, data) == "your diary", name


def test_other_files_even_in_the_data_folder_may_be_written(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    assert bounds.app_file_kind(data / "my-export.json", data) is None
    assert bounds.app_file_kind(tmp_path / "paincompanion.sqlite", data) is None  # another folder
    assert bounds.check_output_file(tmp_path / "out.pdf", "-o", data_dir=data) == tmp_path / "out.pdf"


def test_output_files_need_an_existing_folder_and_not_a_folder(tmp_path):
    with pytest.raises(ValidationError, match="is a folder"):
        bounds.check_output_file(tmp_path, "-o", data_dir=None)
    with pytest.raises(ValidationError, match="does not exist"):
        bounds.check_output_file(tmp_path / "no" / "x.json", "-o", data_dir=None)


def test_day_bounds_accept_the_edges():
    assert bounds.parse_day("1900-01-01", "--from") == date(1900, 1, 1)
    assert bounds.parse_day("9998-12-31", "--to") == date(9998, 12, 31)


def test_a_naive_imported_time_in_the_gap_moves_forward_never_back(berlin):
    from paincompanion.domain.diary import EntryDraft, ensure_aware, validate_draft

    assert ensure_aware(datetime(2026, 3, 29, 2, 30)).isoformat() == "2026-03-29T03:30:00+02:00"
    now = datetime(2026, 4, 1, 12, tzinfo=timezone.utc)
    entry = validate_draft(EntryDraft(at=datetime(2026, 3, 29, 2, 30), pain=3), now)
    assert entry.at.isoformat() == "2026-03-29T03:30:00+02:00"
    with pytest.raises(ValidationError, match="year must be from 1900 to 9998"):
        ensure_aware(datetime(9999, 1, 1))


def test_an_imported_time_in_the_spring_gap_moves_forward_and_the_preview_says_so(berlin):
    from paincompanion import importers

    text = "When,Level,Text\n29.3.2026 2:30,4,gap\n29.3.2026 9:00,3,fine\n"
    parsed = importers.parse("csv", text, {"date": "When", "pain": "Level", "note": "Text"})
    stored = sorted(draft.at for _, draft in parsed.entries)
    assert [f"{m:%H:%M%z}" for m in stored] == ["03:30+0200", "09:00+0200"]  # forward, never back to 01:30
    notes = [m for m in parsed.mapping if "clocks went forward" in m]
    assert notes and "2026-03-29 02:30 was stored as 03:30" in notes[0]
    plain = importers.parse("csv", "When,Level\n30.3.2026 2:30,4\n", {"date": "When", "pain": "Level"})
    assert not any("clocks went forward" in m for m in plain.mapping)
