"""The appointment summary's numbers against a small diary computed by hand, and the request's rules.

The clock (tests/conftest.py) is 2026-03-10 09:30 +01:00; every entry below is at +01:00, so its diary day is
its date. The period is 1 Jan to 10 Mar 2026 (69 days); 30 Dec 2025 is a lead-in day outside it.
"""

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.domain.medications import MedicationDraft
from paincompanion.domain.peg import PEG_SOURCE
from paincompanion.domain.routine_log import LoggedSession
from paincompanion.reports.summary import (
    PAPERS,
    SECTION_KEYS,
    SECTION_TITLES,
    ReportError,
    ReportRequest,
    build_summary,
    check_request,
    default_paper,
    default_period,
)
from paincompanion.reports.summary_build import r1

CET = timezone(timedelta(hours=1))
START, END = date(2026, 1, 1), date(2026, 3, 10)
MADE = datetime(2026, 3, 10, 9, 30, tzinfo=CET)
LOW_BACK, KNEE = "back-left-lower-back", "front-left-knee"


def at(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+01:00")


ENTRIES = [
    # outside the period (lead-in): counts only in the first 7-day averages
    EntryDraft(at("2025-12-30", 9), 9, triggers=("lifting",), note="before the period", flagged=True),
    EntryDraft(at("2026-01-01", 8), 2, (LocationPain(LOW_BACK, 6),), ("aching",), mood=4, sleep_hours=5.0,
               triggers=("cold weather",), note="Flag me", flagged=True),
    EntryDraft(at("2026-01-01", 20), 4, (LocationPain(LOW_BACK), LocationPain(KNEE)), ("aching", "burning"),
               triggers=("cold weather",)),
    EntryDraft(at("2026-01-02", 9), 8, qualities=("burning",), mood=2, sleep_hours=4.5, activity="gardening",
               triggers=("lifting",), helped=("heat pack",)),
    EntryDraft(at("2026-01-03", 9), 6, (LocationPain(KNEE),), mood=6, sleep_hours=7.0, helped=("heat pack",)),
    EntryDraft(at("2026-01-03", 21), 7),
    EntryDraft(at("2026-01-20", 10), 5, sleep_hours=8.0, helped=("walk",)),
    EntryDraft(at("2026-02-20", 10), 7, mood=5, sleep_hours=6.0, activity="gardening", triggers=("lifting",),
               note="Knee gave way on the stairs.", flagged=True),
    EntryDraft(at("2026-02-20", 18), 9),
    EntryDraft(at("2026-03-01", 10), 3, sleep_hours=5.5, helped=("walk",), triggers=("cold weather",)),
    EntryDraft(at("2026-03-09", 10), 1, sleep_hours=9.0, helped=("walk",), flagged=True),  # flagged, no note
]  # fmt: skip
# Day means in the period: 1 Jan (2+4)/2 = 3.0; 2 Jan 8; 3 Jan (6+7)/2 = 6.5; 20 Jan 5; 20 Feb (7+9)/2 = 8.0;
# 1 Mar 3; 9 Mar 1 -> 7 days, 10 entries; mean 34.5/7 = 4.93 -> 4.9.

PEGS = [("2025-12-31", 9, 9, 9), ("2026-01-05", 6, 5, 7), ("2026-02-02", 5, 4, 4), ("2026-03-02", 4, 3, 5)]


@pytest.fixture
def diary(companion):
    for draft in ENTRIES:
        companion.diary.add(draft)
    for day, p, e, a in PEGS:
        companion.diary.add_peg(p, e, a, at=at(day, 12))
    meds = companion.meds
    meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1, start=date(2025, 6, 1)))
    tramadol = meds.add(
        MedicationDraft("Tramadol", strength=50, times_per_day=4, as_needed=True, start=date(2026, 1, 15))
    )
    apap = meds.add(MedicationDraft("Acetaminophen", strength=500, times_per_day=2, start=date(2025, 12, 1)))
    meds.add(MedicationDraft("Buprenorphine", strength=2, times_per_day=1, start=date(2025, 12, 1)))
    meds.add(
        MedicationDraft("Ibuprofen", strength=400, times_per_day=3, start=date(2025, 9, 1), stop=date(2026, 2, 10))
    )
    meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2, start=date(2025, 1, 1), stop=date(2025, 11, 1)))
    for day in ("2026-01-20", "2026-02-01", "2026-02-20", "2026-02-21"):
        meds.take(tramadol.id, at=at(day, 9))
    for hour in (7, 13, 19):
        meds.take(apap.id, at=at("2026-02-03", hour), amount="2 tablets")
    sessions = [
        LoggedSession(0, "belly-breathing", "Slow belly breathing", "relaxation", at("2025-12-20", 9), 5, 9, 1),
        LoggedSession(0, "belly-breathing", "Slow belly breathing", "relaxation", at("2026-01-05", 9), 5, 6, 4),
        LoggedSession(0, "belly-breathing", "Slow belly breathing", "relaxation", at("2026-01-06", 9), 5, 5, 4),
        LoggedSession(0, "belly-breathing", "Slow belly breathing", "relaxation", at("2026-01-07", 9), 5, None, None),
        LoggedSession(0, "body-scan", "Body scan", "mindfulness", at("2026-02-01", 9), 10, 7, 7),
    ]
    companion.routines.add_sessions(sessions)
    return companion


def summary_for(companion, start=START, end=END, sections=SECTION_KEYS, questions=""):
    request = check_request(ReportRequest(start, end, sections, questions=questions), END)
    return build_summary(companion, request, MADE)


# --- the numbers ---------------------------------------------------------------------------------


def test_pain_numbers_match_the_hand_computation(diary):
    pain = summary_for(diary).pain
    assert pain.has_data and pain.absent_reason == ""
    assert (pain.n_entries, pain.n_days, pain.period_days) == (10, 7, 69)
    assert pain.mean == 4.9  # 34.5 / 7 = 4.93
    assert (pain.best_day, pain.best_day_date) == (1.0, date(2026, 3, 9))
    assert (pain.worst_day, pain.worst_day_date) == (8.0, date(2026, 1, 2))  # 2 Jan and 20 Feb tie: the earliest
    assert (pain.lowest_entry, pain.highest_entry) == (1, 9)  # the 9 of 30 Dec is outside the period
    assert pain.days_at_7_or_more == 2  # day means 8 (2 Jan) and 8.0 (20 Feb)
    assert pain.days_any_entry_7_or_more == 3  # also 3 Jan (a 7, day mean 6.5)
    assert pain.daily == (
        (date(2026, 1, 1), 3.0), (date(2026, 1, 2), 8.0), (date(2026, 1, 3), 6.5), (date(2026, 1, 20), 5.0),
        (date(2026, 2, 20), 8.0), (date(2026, 3, 1), 3.0), (date(2026, 3, 9), 1.0),
    )  # fmt: skip


def test_the_trend_has_every_calendar_day_and_the_lead_in_counts_in_the_first_averages(diary):
    rolling = dict(summary_for(diary).pain.rolling)
    assert min(rolling) == date(2026, 1, 1) and max(rolling) == date(2026, 3, 9) and len(rolling) == 68
    assert rolling[date(2026, 1, 1)] is None  # 30 Dec and 1 Jan: 2 days, fewer than 3
    assert rolling[date(2026, 1, 2)] == 6.7  # (9 + 3 + 8) / 3 = 6.67, with 30 Dec from the lead-in
    assert rolling[date(2026, 1, 3)] == 6.6  # (9 + 3 + 8 + 6.5) / 4 = 6.625
    assert rolling[date(2026, 2, 1)] is None  # no entries in the 7 days


def test_first_month_to_last_month_change(diary):
    pain = summary_for(diary).pain
    # First day 1 Jan, last 9 Mar: 68 days of data. First month 1–30 Jan: (3 + 8 + 6.5 + 5) / 4 = 5.625;
    # last month 8 Feb–9 Mar: (8 + 3 + 1) / 3 = 4.0; change 4.0 - 5.625 = -1.625 -> -1.6.
    assert (pain.first_month.start, pain.first_month.end) == (date(2026, 1, 1), date(2026, 1, 30))
    assert (pain.first_month.mean, pain.first_month.n_days) == (5.6, 4)
    assert (pain.last_month.start, pain.last_month.end) == (date(2026, 2, 8), date(2026, 3, 9))
    assert (pain.last_month.mean, pain.last_month.n_days) == (4.0, 3)
    assert pain.month_change == -1.6 and pain.month_change_reason == ""


def test_no_month_change_for_a_short_span_and_the_reason_says_why(diary):
    pain = summary_for(diary, start=date(2026, 2, 1)).pain  # data 20 Feb to 9 Mar: 18 days
    assert pain.has_data and pain.month_change is None and pain.first_month is None
    assert "18 days" in pain.month_change_reason and "60" in pain.month_change_reason


def test_peg_first_latest_and_change(diary):
    peg = summary_for(diary).peg
    # 31 Dec is outside. First 5 Jan (6+5+7)/3 = 6.0; latest 2 Mar (4+3+5)/3 = 4.0; change -2.0 = -33 %.
    assert peg.has_data and peg.n_checkins == 3
    assert (peg.first.day, peg.first.score, peg.first.pain) == (date(2026, 1, 5), 6.0, 6)
    assert (peg.latest.day, peg.latest.score) == (date(2026, 3, 2), 4.0)
    assert (peg.change, peg.change_percent) == (-2.0, -33)
    assert peg.points == ((date(2026, 1, 5), 6.0), (date(2026, 2, 2), 4.3), (date(2026, 3, 2), 4.0))
    assert peg.source == PEG_SOURCE and "Krebs" in peg.source
    assert "30" not in peg.note  # no "a 30 % drop is meaningful" claim: the source does not support it


def test_where_and_how(diary):
    where = summary_for(diary).where
    # Locations on 3 entries: lower back left on 2 (one rated 6), left knee on 2 (none rated).
    assert where.has_data and (where.n_entries, where.n_with_location, where.n_with_quality) == (10, 3, 3)
    assert [(loc.region, loc.name, loc.n_entries, loc.percent, loc.mean_intensity) for loc in where.locations] == [
        (LOW_BACK, "Left lower back", 2, 67, 6.0),
        (KNEE, "Left knee", 2, 67, None),
    ]
    assert where.qualities == (("aching", 2), ("burning", 2))


def test_sleep_mood_and_activity(diary):
    sm = summary_for(diary).sleep_mood
    # Sleep on 7 days: (5 + 4.5 + 7 + 8 + 6 + 5.5 + 9) / 7 = 6.43. Mood on 4 days: (4 + 2 + 6 + 5) / 4 = 4.25 -> 4.3.
    assert sm.has_data
    assert (sm.mean_sleep_hours, sm.n_sleep_days) == (6.4, 7)
    assert (sm.mean_mood, sm.n_mood_days) == (4.3, 4)
    assert (sm.mean_sleep_quality, sm.n_sleep_quality_days) == (None, 0)
    assert (sm.mean_activity_level, sm.n_activity_days) == (None, 0)
    assert sm.activities == (("gardening", 2),)
    # Under 6 h: 1 Jan 3.0, 2 Jan 8, 1 Mar 3 -> 14/3 = 4.67 (3 days); 6 h or more: 6.5, 5, 8.0, 1 -> 5.125 (4 days).
    # Low mood has only 2 days (1 and 2 Jan), so it is not compared.
    assert [(c.label, c.mean_a, c.n_a, c.mean_b, c.n_b) for c in sm.comparisons] == [("Short sleep", 4.7, 3, 5.1, 4)]
    assert "pattern, not a cause" in sm.comparisons[0].sentence


def test_patterns_what_makes_it_worse_and_what_helps(diary):
    patterns = summary_for(diary).patterns
    # cold weather: 2, 4, 3 -> 3.0 (3 entries); lifting: 8, 7 -> 7.5 (30 Dec is outside).
    # walk: 5, 3, 1 -> 3.0; heat pack: 8, 6 -> 7.0. All entries: 52 / 10 = 5.2.
    assert patterns.has_data and patterns.mean_pain_all == 5.2
    assert [(t.tag, t.n_entries, t.mean_pain) for t in patterns.worse] == [
        ("cold weather", 3, 3.0),
        ("lifting", 2, 7.5),
    ]
    assert [(t.tag, t.n_entries, t.mean_pain) for t in patterns.helps] == [("walk", 3, 3.0), ("heat pack", 2, 7.0)]
    assert "not causes" in patterns.note


def test_flagged_notes_in_the_period_only_and_only_with_text(diary):
    notes = summary_for(diary).notes
    assert notes.has_data and notes.n_flagged == 2
    assert [(n.at, n.pain, n.text) for n in notes.notes] == [
        (at("2026-01-01", 8), 2, "Flag me"),
        (at("2026-02-20", 10), 7, "Knee gave way on the stairs."),
    ]


def test_a_long_flagged_note_is_shortened(companion):
    companion.diary.add(EntryDraft(at("2026-03-01", 9), 5, note="word " * 500, flagged=True))
    note = summary_for(companion).notes.notes[0]
    assert note.shortened and len(note.text) <= 402 and note.text.endswith("…")


def test_medicines_list_stopped_totals_and_warnings(diary):
    meds = summary_for(diary).medicines
    assert meds.has_data and meds.dataset_version
    current = {row.name: row for row in meds.current}
    assert set(current) == {"Acetaminophen", "Buprenorphine", "Duloxetine", "Tramadol"}
    assert [row.name for row in meds.stopped] == ["Ibuprofen"]  # Naproxen stopped before the period
    tramadol = current["Tramadol"]
    assert (tramadol.strength, tramadol.schedule, tramadol.start) == (
        "50 mg",
        "as needed, up to 4× a day",
        date(2026, 1, 15),
    )
    # 4 doses from 15 Jan (start) to 10 Mar = 55 days: 4 × 7 / 55 = 0.51 a week.
    assert (tramadol.doses_logged, tramadol.uses_per_week) == (4, 0.5)
    assert current["Duloxetine"].uses_per_week is None  # scheduled, not as needed
    # MME: tramadol 50 mg × 4 a day × 0.2 = 40; buprenorphine is not converted (and says why).
    assert meds.mme.total == 40.0 and meds.mme.lines == (("Tramadol", 40.0),)
    assert [name for name, _ in meds.mme.not_calculated] == ["Buprenorphine"]
    assert meds.mme.notes
    # Acetaminophen: 2 a day = 1000 mg on most days; on 3 Feb 3 × 2 tablets × 500 mg = 3000 mg.
    assert (meds.apap.day, meds.apap.total_mg, meds.apap.limit_mg, meds.apap.over) == (
        date(2026, 2, 3),
        3000.0,
        4000,
        False,
    )
    assert meds.warnings and all(w.severity in ("major", "contraindicated") for w in meds.warnings)
    assert any(set(w.items) == {"Duloxetine", "Tramadol"} for w in meds.warnings)
    assert all("\n" not in w.text and w.text.startswith(("Major:", "Contraindicated:")) for w in meds.warnings)


def test_routines_done_with_before_after_change(diary):
    routines = summary_for(diary).routines
    # belly breathing in the period: 3 times, 2 rated: before (6 + 5)/2 = 5.5, after 4.0, change (-2 - 1)/2 = -1.5.
    assert routines.has_data and routines.n_sessions == 4
    assert [(r.title, r.times_done, r.n_rated, r.mean_before, r.mean_after, r.mean_change) for r in routines.rows] == [
        ("Slow belly breathing", 3, 2, 5.5, 4.0, -1.5),
        ("Body scan", 1, 1, 7.0, 7.0, 0.0),
    ]


# --- present, absent, switched off ------------------------------------------------------------------


def test_an_empty_diary_gives_every_section_with_a_reason(companion):
    summary = summary_for(companion, questions="Is this normal?")
    for key in SECTION_KEYS:
        if key == "questions":
            assert summary.section(key) == "Is this normal?"
            continue
        section = summary.section(key)
        assert section is not None and section.has_data is False, key
        assert section.absent_reason.endswith("."), key
    assert summary.pain.absent_reason == "No diary entries in this period."
    assert summary.pain.period_days == 69


def test_sections_switched_off_are_none(diary):
    summary = summary_for(diary, sections=("pain", "notes"))
    assert summary.pain.has_data and summary.notes.has_data
    for key in ("peg", "where", "sleep_mood", "medicines", "routines", "patterns"):
        assert summary.section(key) is None, key
    assert summary.questions is None


def test_a_period_without_entries_but_with_medicines(diary):
    summary = summary_for(diary, start=date(2026, 3, 10), end=date(2026, 3, 10))
    assert not summary.pain.has_data and not summary.where.has_data
    assert summary.medicines.has_data and summary.dataset_version


def test_a_section_with_entries_but_nothing_of_its_kind_says_so(companion):
    companion.diary.add(EntryDraft(at("2026-03-01", 9), 5))
    summary = summary_for(companion)
    assert summary.pain.has_data
    assert summary.where.absent_reason == "No body locations or pain qualities were noted in this period."
    assert summary.sleep_mood.absent_reason == "No sleep, mood or activity was noted in this period."
    assert "tagged" in summary.patterns.absent_reason


# --- the request ------------------------------------------------------------------------------------


def test_check_request_cleans_and_orders():
    request = check_request(
        ReportRequest(START, END, ("Notes", " pain "), paper="Letter", questions="  Why?  ", patient_name=" Jo  Ex "),
        END,
    )
    assert request.sections == ("pain", "notes") and request.paper == "letter"
    assert (request.questions, request.patient_name) == ("Why?", "Jo Ex")
    assert request.days == 69 and request.period_text == "1 Jan 2026 to 10 Mar 2026 (69 days)"


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (ReportRequest(END, START), "reversed"),
        (ReportRequest(START, END + timedelta(days=1)), "future"),
        (ReportRequest(START, END, ("pain", "horoscope")), "'horoscope'"),
        (ReportRequest(START, END, paper="a5"), "'a5'"),
        (ReportRequest(START, END, questions="?" * 2001), "questions"),
    ],
)
def test_bad_requests_get_one_plain_line(request_, words):
    with pytest.raises(ReportError) as info:
        check_request(request_, END)
    message = str(info.value)
    assert words in message and "\n" not in message


@pytest.mark.parametrize(
    ("name", "paper"),
    [("en_US.UTF-8", "letter"), ("en_CA", "letter"), ("es_MX.UTF-8", "letter"), ("fil_PH", "letter"),
     ("en_GB.UTF-8", "a4"), ("de_DE@euro", "a4"), ("C", "a4"), ("", "a4"), ("fr-CA", "letter")],
)  # fmt: skip
def test_default_paper_by_locale(name, paper):
    assert default_paper(name) == paper


def test_default_paper_reads_the_environment(monkeypatch):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert default_paper() == "letter"
    monkeypatch.delenv("LC_PAPER")
    assert default_paper() == "a4"


def test_default_period_since_the_last_summary_else_90_days():
    today = date(2026, 3, 10)
    assert default_period(today, None) == (date(2025, 12, 11), today)  # 90 days, today included
    assert default_period(today, date(2026, 2, 1)) == (date(2026, 2, 2), today)
    assert default_period(today, today) == (date(2025, 12, 11), today)  # made today: fall back to 90 days


def test_titles_and_papers():
    assert set(SECTION_TITLES) == set(SECTION_KEYS) and all(SECTION_TITLES.values())
    assert PAPERS == ("a4", "letter")


def test_rounding_is_half_up():
    assert (r1(4.25), r1(2.25), r1(-1.625), r1(6.625)) == (4.3, 2.3, -1.6, 6.6)


def test_the_summary_is_the_same_for_the_same_data(diary):
    assert summary_for(diary) == summary_for(diary)
    changed = replace(ENTRIES[1], at=at("2026-03-05", 9))
    diary.diary.add(changed)
    assert summary_for(diary).pain.n_entries == 11


def test_the_acetaminophen_day_uses_the_lower_limit_the_patient_answered(diary):
    diary.meds.set_apap_profile(liver_disease=True)
    apap = summary_for(diary).medicines.apap
    assert (apap.total_mg, apap.limit_mg, apap.over) == (3000.0, 2000, True)
    assert apap.limit_notes and "liver" in apap.limit_notes[0]


def test_no_acetaminophen_and_no_opioid_leave_those_lines_out(companion):
    companion.meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1, start=date(2025, 6, 1)))
    meds = summary_for(companion).medicines
    assert meds.has_data and meds.apap is None and meds.mme is None and meds.warnings == ()


def test_the_summary_modules_load_neither_qt_nor_sqlalchemy():
    code = (
        "import sys, paincompanion.reports.summary, paincompanion.reports.summary_build\n"
        "print(sorted(m for m in ('sqlalchemy', 'PySide6') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_changes_are_the_difference_of_the_numbers_shown(companion):
    companion.diary.add_peg(4, 3, 4, at=at("2026-02-01", 9))  # 3.667 -> shown 3.7
    companion.diary.add_peg(5, 4, 7, at=at("2026-03-01", 9))  # 5.333 -> shown 5.3
    peg = summary_for(companion).peg
    assert (peg.first.score, peg.latest.score, peg.change, peg.change_percent) == (3.7, 5.3, 1.6, 43)


def test_an_item_checked_by_its_pack_ingredients_says_so_in_the_summary(companion):
    from paincompanion.domain.medications import PackIngredient

    companion.meds.add(
        MedicationDraft("Dolo-Mix", times_per_day=2,
                        pack_ingredients=(PackIngredient("paracetamol", "500 mg"), PackIngredient("codeine")))
    )  # fmt: skip
    row = summary_for(companion).medicines.current[0]
    assert row.recognized and row.ingredients_given == "Acetaminophen + Codeine"
