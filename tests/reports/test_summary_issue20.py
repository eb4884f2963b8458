"""Issue 20's numbers against a small diary computed by hand: bands, flares, adherence, PHQ-2/GAD-2 in the
period, global impression of change, PEG items and change, the opioid safety line, goals; sparse-data and
no-medicine summaries; and the PDF's text and page count. The clock is 2026-03-10 (tests/conftest.py)."""

from datetime import date, datetime, timedelta, timezone

import pypdfium2 as pdfium
import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.goals import Goal, GoalRating
from paincompanion.domain.medications import MedicationDraft
from paincompanion.reports import summary_more as more
from paincompanion.reports.pdf import render_pdf
from paincompanion.reports.summary import SECTION_KEYS, ReportRequest, build_summary, check_request
from paincompanion.reports.summary_build import r1

CET = timezone(timedelta(hours=1))
START, END = date(2026, 1, 1), date(2026, 1, 14)
MADE = datetime(2026, 3, 10, 9, 30, tzinfo=CET)


def at(day: int, hour: int = 10, month: int = 1, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=CET)


#: Day means: 1 Jan 2, 2 Jan 3, 3 Jan 0, 4 Jan (7+8)/2 = 7.5, 5 Jan 7, 6 Jan 5, 8 Jan 8, 9 Jan 9, 10 Jan 4,
#: 12 Jan 6, 13 Jan 6 -> 11 days: none 1 (3 Jan), mild 2, moderate 4 (6, 10, 12, 13 Jan), severe 4.
#: Median 6.0, so a flare day is >= min(7, 6 + 2) = 7: 4-5 Jan and 8-9 Jan (7 Jan has no entry) = 2 flares.
PAIN = {1: [2], 2: [3], 3: [0], 4: [7, 8], 5: [7], 6: [5], 8: [8], 9: [9], 10: [4], 12: [6], 13: [6]}


@pytest.fixture
def diary(companion):
    for day, values in PAIN.items():
        for i, pain in enumerate(values):
            companion.diary.add(EntryDraft(at(day, 9 + i * 8), pain))
    for day, p, e, a in ((2, 6, 5, 7), (9, 4, 4, 5), (14, 3, 4, 4)):
        companion.diary.add_peg(p, e, a, at=at(day, 12))
    meds = companion.meds
    dulox = meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1, start=date(2025, 6, 1)))
    gaba = meds.add(MedicationDraft("Gabapentin", strength=300, times_per_day=3, start=date(2026, 1, 8)))
    ibu = meds.add(
        MedicationDraft("Ibuprofen", strength=400, times_per_day=3, start=date(2025, 9, 1), stop=date(2026, 1, 5))
    )
    meds.add(MedicationDraft("Tramadol", strength=50, times_per_day=4, as_needed=True, start=date(2025, 12, 1)))
    for day in (1, 2, 2, 3, 4, 6, 7, 8, 9, 10):  # 9 different days (two doses on 2 Jan, none on 5 Jan)
        meds.take(dulox.id, at=at(day, 8))
    for day in (8, 9):
        meds.take(gaba.id, at=at(day, 8))
    for day in (1, 3):
        meds.take(ibu.id, at=at(day, 8))
    checkins = companion.checkins
    checkins.screen("phq2", 3, 3, at=at(20, month=12, year=2025))  # before the period: not counted
    checkins.screen("phq2", 2, 1, at=at(3))
    checkins.screen("gad2", 1, 1, at=at(3))
    checkins.side_effects(["constipation", "drowsiness"], at=at(7))
    checkins.side_effects(["constipation"], at=at(14))
    checkins.change(5, at=at(12))
    checkins.change(2, at=at(13))
    checkins.naloxone("no", at=at(10))
    ratings = (GoalRating(0, at(28, month=12, year=2025), 1), GoalRating(0, at(5), 3), GoalRating(0, at(12), 5))
    companion.goals.restore(Goal("Garden", "30 minutes", date(2026, 6, 1), date(2025, 12, 20), None, 0, ratings))
    return companion


def build(companion, start=START, end=END, **kw):
    request = check_request(ReportRequest(start, end, SECTION_KEYS, **kw), MADE.date())
    return build_summary(companion, request, MADE)


def test_bands_and_flares_by_hand(diary):
    bands = build(diary).bands
    assert (bands.n_days, bands.none, bands.mild, bands.moderate, bands.severe) == (11, 1, 2, 4, 4)
    assert bands.typical == 6.0
    assert [(f.start.day, f.end.day) for f in bands.flares] == [(4, 5), (8, 9)]
    assert (bands.flare_days, bands.longest_flare) == (4, 2)


def test_a_high_typical_day_caps_the_flare_threshold_at_7():
    daily = [(date(2026, 1, d), p) for d, p in ((1, 8.0), (2, 8.0), (3, 8.0), (5, 9.0), (6, 7.0))]
    bands = more.pain_bands(daily, r1)  # median 8 -> threshold min(7, 10) = 7: 1-3 Jan and 5-6 Jan
    assert [(f.start.day, f.days) for f in bands.flares] == [(1, 3), (5, 2)] and bands.severe == 5


def test_adherence_of_scheduled_medicines_only(diary):
    rows = {a.name: (a.days_taken, a.days_listed) for a in build(diary).medicines.adherence}
    # Duloxetine: 9 days of 14; gabapentin from 8 Jan: 2 of 7; ibuprofen stopped 5 Jan: 1-4 Jan = 2 of 4;
    # tramadol is as needed (no adherence).
    assert rows == {"Duloxetine": (9, 14), "Gabapentin": (2, 7), "Ibuprofen": (2, 4)}


def test_checkins_in_the_period(diary):
    c = build(diary).checkins
    assert [(s.name, s.items, s.total, s.positive) for s in c.screens] == [
        ("PHQ-2 (mood)", (2, 1), 3, True),
        ("GAD-2 (anxiety)", (1, 1), 2, False),
    ]
    assert (c.side_effect_checks, c.side_effects) == (2, (("Constipation", 2), ("Drowsiness", 1)))
    assert (c.change, c.change_text, c.naloxone) == (2, "2 = much improved", False)


def test_peg_items_and_change(diary):
    peg = build(diary).peg
    assert [(p.pain, p.enjoyment, p.activity, p.score) for p in peg.checkins] == [
        (6, 5, 7, 6.0), (4, 4, 5, 4.3), (3, 4, 4, 3.7),
    ]  # fmt: skip
    assert (peg.change, peg.change_percent) == (-2.3, -38)


def test_opioid_safety_and_goals(diary):
    summary = build(diary)
    safety = summary.medicines.safety
    assert safety.opioids == ("Tramadol",)
    assert safety.prescribed_mme == 40.0  # 50 mg × 4 a day × 0.2 (CDC 2022)
    assert safety.sedatives == (("Gabapentin", "gabapentinoid"),)
    assert safety.naloxone is False
    assert (safety.mme_taken, safety.taken_doses, safety.period_days) == (0.0, 0, 14)  # no tramadol dose logged
    (goal,) = summary.goals.rows
    assert (goal.text, goal.first, goal.latest, goal.n_ratings) == ("Garden, 30 minutes, by 1 Jun 2026", 3, 5, 2)
    assert summary.too_few is False


def test_medicine_starts_and_stops_are_marked_on_the_chart(diary):
    from paincompanion.reports.pdf import medicine_marks

    assert medicine_marks(build(diary)) == [(date(2026, 1, 5), "−Ibuprofen"), (date(2026, 1, 8), "+Gabapentin")]


def pdf_text(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in doc]
    finally:
        doc.close()


def test_the_pdf_text_says_it_all(diary):
    texts = pdf_text(render_pdf(build(diary, patient_name="Jo Example", birth_date=date(1961, 4, 30))))
    text = " ".join(texts)
    for phrase in (
        "Born: 30 Apr 1961",
        "Questions for my clinician: none written.",
        "Goal: Garden, 30 minutes, by 1 Jun 2026 — progress 3 → 5 of 10 (n = 2)",
        "Days: 2 mild, 4 moderate, 4 severe, 1 without pain (of 11 days with entries); 2 flares (4 days in all, "
        "longest 2 days); typical (median) day 6.0.",
        "Flare (the app's working definition",
        "PEG 6.0 on 2 Jan 2026 → 3.7 on 14 Jan 2026 (−2.3 points, −38 %): improved by 30 % or more",
        "Dworkin RH et al. (IMMPACT)",
        "Opioid safety (Tramadol): most the schedule allows 40.0 MME a day; what was taken (average a day) "
        "0.0 MME (0 doses in 14 days). Sedatives alongside: Gabapentin (gabapentinoid). Naloxone at home: NO.",
        "9 of 14 days",
        "2 of 7 days",
        "(started 1 Sep 2025, stopped 5 Jan 2026)",
        "Side effects (2 weekly checks): Constipation 2 of 2 weeks, Drowsiness 1 of 2 weeks.",
        "PHQ-2 totals 3",
        "positive on 3 Jan 2026",
        "(1–7): 2 = much improved",
    ):
        assert phrase in text, phrase
    assert all("Entered by the patient, not verified by a clinician" in t for t in texts)
    assert all("born 30 Apr 1961" in t for t in texts[1:])  # identification on every page


def test_three_entries_get_the_too_few_banner_and_no_averages(companion):
    for day, pain in ((5, 4), (30, 6), (60, 5)):
        companion.diary.add(EntryDraft(at(1) + timedelta(days=day), pain))
    summary = build(companion, date(2025, 12, 11), date(2026, 3, 10))  # 90 days
    assert summary.too_few and summary.pain.n_days == 3
    text = " ".join(pdf_text(render_pdf(summary)))
    assert "Too few entries to summarise" in text and "Average pain" not in text and "Best day" not in text
    assert "No medicines or supplements recorded for this period." in text
    assert "Side effects: none recorded." in text and "Goals: no goals recorded." in text


def test_no_medicines_means_no_safety_line(companion):
    for day in range(1, 11):
        companion.diary.add(EntryDraft(at(day), 5))
    summary = build(companion)
    assert summary.medicines.has_data is False and summary.medicines.safety is None
    assert "Opioid safety" not in " ".join(pdf_text(render_pdf(summary)))


def test_ninety_busy_days_are_still_two_pages(companion):
    from paincompanion.services.demo import fill_demo

    fill_demo(companion, 1)
    request = companion.reports.request_for(days=90, paper="letter")
    data = render_pdf(companion.reports.build(request))
    assert len(pdf_text(data)) == 2
