"""Daylio in every CSV layout it wrote (fixtures written from the layouts, with awkward rows), and fuzzed."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paincompanion import importers
from paincompanion.errors import ImportFormatError, PainCompanionError
from paincompanion.importers import daylio
from paincompanion.importers.daylio_words import _GROUP_WORDS, GROUPS, MONTHS, fold, month_number, mood_group
from paincompanion.services import transfer

from ..services.test_import_hostile import assert_plain


def _reasons(parsed):
    return {s["line"]: s["reason"] for s in parsed.skipped}


def test_the_old_year_layout_in_polish(fixture_text):
    text = fixture_text("daylio_year_pl.csv")
    assert importers.detect_format(text) == "daylio"
    parsed = daylio.parse(text)
    got = [(line, r.at.replace(tzinfo=None), r.mood_name, r.activities, r.note) for line, r in parsed.mood_records]
    assert got == [
        (2, datetime(2017, 9, 7, 12, 10), "dobrze", ("praca", "spacer"), ""),
        (3, datetime(2017, 8, 31, 7, 44), "tak sobie", (), "Notatka, z przecinkiem"),
        (4, datetime(2017, 1, 1, 23, 59), "mój własny nastrój", (), ""),
        (6, datetime(2017, 10, 15, 9, 5), "okropnie", (), ""),  # "paź." is października
    ]
    assert "does not exist" in _reasons(parsed)[5]  # 30 February
    names = {m.name: (m.value, m.recognised) for m in parsed.mood_names}
    assert names == {"dobrze": (8, True), "tak sobie": (5, True), "okropnie": (0, True),
                     "mój własny nastrój": (5, False)}  # fmt: skip
    assert any("not recognised" in line for line in parsed.mapping)


def test_a_file_without_its_header_in_spanish_with_12_hour_times(fixture_text):
    text = fixture_text("daylio_noheader_es.csv")
    assert importers.detect_format(text) == "daylio"
    parsed = daylio.parse(text)
    got = [(r.at.replace(tzinfo=None), r.mood_name, r.activities) for _, r in parsed.mood_records]
    assert got == [
        (datetime(2021, 10, 16, 18, 43), "mal", ()),
        (datetime(2021, 10, 15, 19, 5), "como siempre", ("leer", "caminar")),
        (datetime(2021, 10, 14, 0, 5), "Pos bien", ()),  # 12:05 a. m. is just after midnight
        (datetime(2021, 10, 13, 12, 0), "", ()),  # no time and no mood: a note at midday, said in the note
    ]
    assert parsed.mood_records[1][1].note == "Nota\nde dos líneas"
    assert parsed.mood_records[3][1].note.startswith("solo una nota\n(Daylio gave no time")
    assert any("no header line" in line for line in parsed.mapping)
    assert any("12-hour" in line for line in parsed.mapping)
    assert not parsed.skipped


def test_the_newest_layout_reads_scales_into_sleep_and_html_notes_as_text(fixture_text):
    parsed = daylio.parse(fixture_text("daylio_scales.csv"))
    records = [r for _, r in parsed.mood_records]
    assert [r.mood_name for r in records] == ["rested", "Strange new mood"]
    rested, strange = records
    assert (rested.sleep_hours, rested.sleep_quality) == (7.5, 8)
    assert rested.note == "Title\nfirst\nsecond & bold\nAwake mid-sleep: 1:00"
    assert strange.activities == ("tea",)
    assert "Activity: a very long activity name" in strange.note and "Energy: 3/5" in strange.note
    reasons = _reasons(parsed)
    assert "no mood, activity, scale or note" in reasons[4] and "not a clock time" in reasons[5]
    assert {m.name: m.recognised for m in parsed.mood_names} == {"rested": True, "Strange new mood": False}


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [("June 22", "2018", date(2018, 6, 22)), ("7 września", "2017", date(2017, 9, 7)),
     ("16 de octubre", "2021", date(2021, 10, 16)), ("22. Juni", "2019", date(2019, 6, 22)),
     ("22 juin", "2019", date(2019, 6, 22)), ("3 marzo", "2020", date(2020, 3, 3)),
     ("5 de março", "2020", date(2020, 3, 5)), ("22 июня", "2019", date(2019, 6, 22)),
     ("1 листопада", "2019", date(2019, 11, 1)), ("6月22日", "2019", date(2019, 6, 22)),
     ("6월 22일", "2019", date(2019, 6, 22)), ("Sept. 3", "2019", date(2019, 9, 3)),
     ("3 ekim", "2019", date(2019, 10, 3)), ("12 augustus", "2019", date(2019, 8, 12)),
     ("22. kesäkuuta", "2019", date(2019, 6, 22)), ("2 říjen", "2019", date(2019, 10, 2)),
     ("4 dicembre 2020", "", date(2020, 12, 4))],
)  # fmt: skip
def test_month_names_in_the_languages_daylio_writes(text, year, expected):
    assert daylio.named_day(text, year) == expected


@pytest.mark.parametrize("text", ["Smarch 3", "3", "June", "June 31", "ju 3", "June 3 4"])
def test_a_date_that_is_not_a_day_and_month_is_a_plain_reason(text):
    with pytest.raises(PainCompanionError) as caught:
        daylio.named_day(text, "2019")
    assert_plain(str(caught.value))


def test_month_table_has_no_name_for_two_months():
    assert MONTHS["listopad"] == 11 and month_number("lis") == 11
    assert month_number("ju") is None and month_number("jun") == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [("18:43", time(18, 43)), ("5:01 PM", time(17, 1)), ("12:53 pm", time(12, 53)), ("12:05 AM", time(0, 5)),
     ("7:05 p. m.", time(19, 5)), ("9:00 a.m.", time(9, 0)), ("午後5:01", time(17, 1)), ("오전 9:30", time(9, 30))],
)  # fmt: skip
def test_12_and_24_hour_times(text, expected):
    assert daylio._clock(text) == expected


def test_no_mood_word_belongs_to_two_groups():
    seen: dict[str, str] = {}
    for group, words in _GROUP_WORDS.items():
        for word in words:
            assert seen.setdefault(fold(word), group) == group, word
    assert list(GROUPS) == ["rad", "good", "meh", "bad", "awful"]
    assert [mood_group(w) for w in ("Very tired", "beyond anxious", "RAD", "blue-green")] == ["meh", "awful", "rad",
                                                                                             None]  # fmt: skip


def test_the_patients_numbers_for_the_moods_are_used_and_shown(companion, tmp_path, fixture_text):
    path = tmp_path / "d.csv"
    path.write_text(fixture_text("daylio_year_pl.csv"), encoding="utf-8")
    dry = transfer.import_file(companion, path, dry_run=True)
    assert dry.moods == 4 and companion.moods.count() == 0
    unknown = next(m for m in dry.mood_names if not m["recognised"])
    assert (unknown["name"], unknown["value"], unknown["count"]) == ("mój własny nastrój", 5, 1)
    result = transfer.import_file(companion, path, moods={"MÓJ WŁASNY NASTRÓJ": 7, "dobrze": 9})
    assert {r.mood_name: r.mood for r in companion.moods.list_records()} == {
        "dobrze": 9, "tak sobie": 5, "mój własny nastrój": 7, "okropnie": 0}  # fmt: skip
    assert result.moods == 4 and companion.insights.build(None).n_entries == 0  # no pain statistic counts them


def test_a_second_import_after_a_time_zone_change_adds_nothing(companion, tmp_path, fixture_text, monkeypatch):
    path = tmp_path / "d.csv"
    path.write_text(fixture_text("daylio_scales.csv"), encoding="utf-8")
    assert transfer.import_file(companion, path).moods == 2
    monkeypatch.setenv("TZ", "America/Denver")
    import time as _time

    _time.tzset()
    try:
        again = transfer.import_file(companion, path)
    finally:
        monkeypatch.undo()
        _time.tzset()
    assert again.moods == 0 and companion.moods.count() == 2


# --- fuzzing -------------------------------------------------------------------------------------------------

_HEADERS = [
    "full_date,date,weekday,time,mood,activities,note",
    "full_date,date,weekday,time,mood,activities,note_title,note",
    "full_date,date,weekday,time,mood,activities,scales,note_title,note",
    "year,date,weekday,time,mood,activities,note",
    "",
]
_CELLS = st.one_of(
    st.sampled_from(["2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "2017", "June 22", "7 września",
                     "6月22日", "16 de octubre", "5:01 PM", "12:00 AM", "25:61", "18:43", "rad", "Pos bien", "",
                     "a | b | ", "|" * 30, "Sleep Quality:\xa08/10 | Sleep Time:\xa099:99", "Sleep time: 7h 30m",
                     "<br>&amp;", "<" * 40, "&#99999999;", "x" * 200, "1e309", "NaN"]),
    st.text(max_size=15),
)  # fmt: skip


@st.composite
def daylio_files(draw) -> str:
    header = draw(st.sampled_from(_HEADERS))
    width = max(7, len(header.split(",")))
    lines = [header] if header else []
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(_CELLS, min_size=0, max_size=width + 1))
        lines.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(text=daylio_files())
def test_the_daylio_reader_never_fails_unhandled(text):
    try:
        parsed = daylio.parse(text)
    except ImportFormatError as exc:
        assert_plain(str(exc))
        return
    for skip in parsed.skipped:
        assert_plain(skip["reason"])
    for line, record in parsed.mood_records:
        assert line >= 1 and record.source == "daylio"
    assert sum(m.count for m in parsed.mood_names) == sum(1 for _, r in parsed.mood_records if r.mood_name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=daylio_files(), choice=st.dictionaries(st.sampled_from(["rad", "Pos bien", "x"]), st.integers(-2, 12)))
def test_a_failed_or_refused_daylio_import_writes_nothing(companion, tmp_path, text, choice):
    path = tmp_path / "fuzz.csv"
    path.write_text(text, encoding="utf-8")
    before = [(r.id, r.at, r.mood) for r in companion.moods.list_records()]
    try:
        result = transfer.import_file(companion, path, fmt="daylio", moods=choice)
    except PainCompanionError as exc:
        assert_plain(str(exc))
        assert [(r.id, r.at, r.mood) for r in companion.moods.list_records()] == before
        return
    assert companion.moods.count() == len(before) + result.moods
    assert all(0 <= (r.mood if r.mood is not None else 0) <= 10 for r in companion.moods.list_records())


def test_full_dates_with_month_names_and_slash_dates_that_need_the_patients_order():
    text = ("full_date,date,weekday,time,mood,activities,note\n"
            "7 września 2017,7 września,czwartek,12:10,dobrze,,\n"
            "3/4/2024,,,09:00,good,,\n")  # fmt: skip
    parsed = daylio.parse(text)
    assert [r.at.date() for _, r in parsed.mood_records] == [date(2017, 9, 7)]
    assert parsed.date_order_needed and "day/month or month/day" in _reasons(parsed)[3]
    chosen = importers.parse("daylio", text, date_order="dmy")
    assert [r.at.date() for _, r in chosen.mood_records] == [date(2017, 9, 7), date(2024, 4, 3)]


def test_a_number_for_a_mood_the_file_does_not_have_is_refused(companion, tmp_path, fixture_text):
    path = tmp_path / "d.csv"
    path.write_text(fixture_text("daylio_scales.csv"), encoding="utf-8")
    with pytest.raises(PainCompanionError, match="no mood named 'sunny'.*'rested'") as caught:
        transfer.import_file(companion, path, moods={"sunny": 7})
    assert_plain(str(caught.value))
    assert companion.moods.count() == 0 and companion.backups.list_backups() == []


def test_a_mood_group_column_decides_the_default_over_the_name():
    text = ("full_date,date,weekday,time,mood,mood_group,activities,note\n"
            "2024-05-01,May 1,Wednesday,09:00,sunny side,1,,\n"
            "2024-05-02,May 2,Thursday,09:00,good,4,,\n"
            "2024-05-03,May 3,Friday,09:00,grey,x,,\n")  # fmt: skip
    parsed = daylio.parse(text)
    got = {m.name: (m.value, m.group, m.recognised) for m in parsed.mood_names}
    assert got == {"sunny side": (10, "rad", True), "good": (3, "bad", True), "grey": (5, "", False)}
    assert any("'mood_group' column" in line for line in parsed.mapping)
