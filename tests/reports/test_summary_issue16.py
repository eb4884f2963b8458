"""Issue 16's summary lines against a small dose log computed by hand: both MME numbers on the opioid safety line
(and only there), pain before → after per as-needed item (n >= 3), kratom and by-weight supplement amounts; and
issue 20's PEG table with every check-in. The clock is 2026-03-10 (tests/conftest.py)."""

from datetime import date, datetime, timedelta, timezone

import pypdfium2 as pdfium
import pytest

from paincompanion.domain.medications import MedicationDraft
from paincompanion.reports.pdf import render_pdf
from paincompanion.reports.summary import SECTION_KEYS, ReportRequest, build_summary, check_request

CET = timezone(timedelta(hours=1))
START, END = date(2026, 1, 1), date(2026, 1, 10)  # 10 days
MADE = datetime(2026, 3, 10, 9, 30, tzinfo=CET)


def at(day: int, hour: int = 10, minute: int = 0, month: int = 1, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CET)


@pytest.fixture
def log(companion):
    meds, rate = companion.meds, companion.dose_effects
    tramadol = meds.add(MedicationDraft("Tramadol", strength=50, times_per_day=4, as_needed=True))
    ibuprofen = meds.add(MedicationDraft("Ibuprofen", strength=400, times_per_day=3, as_needed=True))
    dulox = meds.add(MedicationDraft("Duloxetine", strength=60, times_per_day=1))
    kratom = meds.add(MedicationDraft("Kratom", kind="herbal", unit="g", as_needed=True))
    magnesium = meds.add(MedicationDraft("Magnesium", kind="supplement", strength=400, times_per_day=1))
    melatonin = meds.add(MedicationDraft("Melatonin", kind="supplement", strength=3, form="tablet", times_per_day=1))
    # Tramadol: "2 tablets" = 2 doses, no amount = 1 dose, "100 mg" = 100 mg, 6 Jan no amount = 1 dose ->
    # 6 × 50 mg × 0.2 = 60 MME in 10 days = 6.0 MME a day (4 doses logged). 31 Dec is before the period.
    rate.take(tramadol.id, at=at(31, month=12, year=2025), amount="4 tablets", pain=9)
    for day, amount, before, after in ((1, "2 tablets", 8, 5), (3, "", 7, 5), (5, "100 mg", 6, 4)):
        dose, _ = rate.take(tramadol.id, at=at(day), amount=amount, pain=before)
        rate.after(dose.id, after, at=at(day, 11))
    rate.take(tramadol.id, at=at(6), pain=9)  # rated before only: not in the effect
    # Tramadol before 8, 7, 6 -> 7.0; after 5, 5, 4 -> 4.7 (14/3 = 4.67); change 4.7 - 7.0 = -2.3 (n = 3).
    for day in (2, 4):  # ibuprofen rated twice: fewer than 3, not shown
        dose, _ = rate.take(ibuprofen.id, at=at(day), pain=6)
        rate.after(dose.id, 3, at=at(day, 11))
    for day in (1, 2, 3):  # scheduled, not as needed: no effect line even when rated
        dose, _ = rate.take(dulox.id, at=at(day, 8), pain=5)
        rate.after(dose.id, 2, at=at(day, 9))
    # Kratom: 2 Jan 2 g + 1.5 g = 3.5 g; 4 Jan 500 mg = 0.5 g; 6 Jan "2-3 g" cannot be read; 8 Jan 23:30 2 g
    # (its local day is 8 Jan). Days used 4; counted 3; (3.5 + 0.5 + 2) / 3 = 2.0 g; highest 3.5 g on 2 Jan.
    for when, amount in ((at(2, 9), "2 g"), (at(2, 20), "1.5 g"), (at(4), "500 mg"), (at(6), "2-3 g"),
                         (at(8, 23, 30), "2 g")):  # fmt: skip
        meds.take(kratom.id, at=when, amount=amount)
    for day in (3, 7):  # 400 mg on 2 days -> 400 mg a day on average
        meds.take(magnesium.id, at=at(day), amount="400 mg")
    meds.take(melatonin.id, at=at(3, 22), amount="1 tablet")  # counted in tablets, not a weight: no line
    return companion


def pdf_text(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in doc]
    finally:
        doc.close()


def build(companion, start=START, end=END):
    request = check_request(ReportRequest(start, end, SECTION_KEYS), MADE.date())
    return build_summary(companion, request, MADE)


def test_both_mme_numbers_by_hand(log):
    safety = build(log).medicines.safety
    assert safety.opioids == ("Kratom", "Tramadol")
    assert safety.prescribed_mme == 40.0  # 50 mg × 4 a day × 0.2
    assert (safety.mme_taken, safety.taken_doses, safety.period_days) == (6.0, 4, 10)


def test_an_opioid_stopped_in_the_period_still_counts_as_taken(companion):
    meds = companion.meds
    oxy = meds.add(MedicationDraft("Oxycodone", strength=5, times_per_day=4, as_needed=True, start=date(2025, 12, 1)))
    meds.take(oxy.id, at=at(2), amount="2 tablets")  # 10 mg × 1.5 = 15 MME in 10 days = 1.5 a day
    meds.stop(oxy.id, on=date(2026, 1, 5))
    safety = build(companion).medicines.safety
    assert safety.opioids == ("Oxycodone",) and safety.prescribed_mme is None
    assert (safety.mme_taken, safety.taken_doses) == (1.5, 1)


def test_effect_per_as_needed_item_from_three_rated_doses(log):
    medicines = build(log).medicines
    assert [(e.name, e.n, e.before, e.after, e.change) for e in medicines.effects] == [("Tramadol", 3, 7.0, 4.7, -2.3)]
    assert medicines.effects_fewer == 1  # ibuprofen, rated twice


def test_amounts_by_weight_by_hand(log):
    rows = {a.name: a for a in build(log).medicines.amounts}
    assert set(rows) == {"Kratom", "Magnesium"}  # melatonin is counted in tablets
    k = rows["Kratom"]
    assert (k.unit, k.days_used, k.days_counted, k.mean_per_day, k.highest, k.highest_day, k.left_out) == (
        "g",
        4,
        3,
        2.0,
        3.5,
        date(2026, 1, 2),
        1,
    )
    m = rows["Magnesium"]
    assert (m.unit, m.days_used, m.mean_per_day, m.highest, m.left_out) == ("mg", 2, 400.0, 400.0, 0)


def test_kratom_counted_in_capsules_says_no_weight_could_be_read(companion):
    kratom = companion.meds.add(MedicationDraft("Kratom capsules", kind="herbal", as_needed=True))
    for day in (2, 3):
        companion.meds.take(kratom.id, at=at(day), amount="3 capsules")
    summary = build(companion)
    (row,) = summary.medicines.amounts
    assert (row.days_used, row.mean_per_day, row.left_out) == (2, None, 2)
    text = " ".join(pdf_text(render_pdf(summary)))
    assert "Kratom capsules: used on 2 days; no amount could be read as a weight; 2 amounts left out" in text


def test_a_period_without_doses_has_no_effect_or_amount_lines(log):
    medicines = build(log, date(2026, 2, 1), date(2026, 2, 28)).medicines
    assert medicines.effects == () and medicines.amounts == () and medicines.effects_fewer == 0
    assert (medicines.safety.mme_taken, medicines.safety.taken_doses) == (0.0, 0)


def test_the_pdf_shows_each_line_once(log):
    text = " ".join(pdf_text(render_pdf(build(log))))
    for phrase in (
        "Opioid safety (Kratom, Tramadol): most the schedule allows 40.0 MME a day; what was taken (average a "
        "day) 6.0 MME (4 doses in 10 days).",
        "Pain before → after as-needed doses (rated both times; from n = 3): Tramadol 7.0 → 4.7 (−2.3, n = 3); "
        "1 item with fewer than 3 rated doses not shown. These show patterns, not causes.",
        "Kratom: 2.0 g a day on average on 4 days used (averaged over the 3 with an amount), highest 3.5 g "
        "(2 Jan 2026); 1 amount left out (could not be read as a weight).",
        "Magnesium: 400.0 mg a day on average on 2 days used, highest 400.0 mg (3 Jan 2026).",
    ):
        assert phrase in text, phrase
    assert text.count("MME") == 2  # one place for both numbers (the medicine section does not repeat them)


def test_every_peg_checkin_is_in_the_table_with_its_items(companion):
    first = at(1, month=12, year=2025)
    weeks = [first + timedelta(days=7 * w) for w in range(13)]  # 13 weekly check-ins in 90 days
    for w, when in enumerate(weeks):
        companion.diary.add_peg(w % 11, (w + 3) % 11, (w * 2) % 11, at=when)
    for paper in ("a4", "letter"):  # one row of columns on either paper
        request = check_request(ReportRequest(date(2025, 11, 30), date(2026, 2, 27), ("peg",), paper), MADE.date())
        text = " ".join(pdf_text(render_pdf(build_summary(companion, request, MADE))))
        assert "Check-in " + " ".join(f"{d.day} {d:%b}" for d in weeks) in text
        assert "Pain " + " ".join(str(w % 11) for w in range(13)) in text
        assert "Enjoyment " + " ".join(str((w + 3) % 11) for w in range(13)) in text
        assert "Activity " + " ".join(str((w * 2) % 11) for w in range(13)) in text
        assert "Every PEG score" not in text
