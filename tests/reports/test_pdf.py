"""The appointment summary PDF: pages, text, sections present or absent, paper, fonts, same bytes."""

from __future__ import annotations

import dataclasses
import math
from datetime import date, datetime, timedelta, timezone

import pypdfium2 as pdfium
import pytest

from paincompanion.reports.pdf import render_pdf, write_pdf
from paincompanion.reports.summary import (
    SECTION_KEYS,
    ApapDay,
    AppointmentSummary,
    ComparisonRow,
    FlaggedNote,
    LocationCount,
    MedicineRow,
    MedicinesSummary,
    MmeSummary,
    MonthPain,
    NotesSummary,
    PainSummary,
    PatternsSummary,
    PegPoint,
    PegSummary,
    ReportError,
    ReportRequest,
    RoutineRow,
    RoutinesSummary,
    SleepMoodSummary,
    TagRow,
    WarningRow,
    WhereSummary,
)

START = date(2026, 9, 1)
END = date(2026, 11, 29)
MADE = datetime(2026, 11, 30, 10, 15, tzinfo=timezone.utc)


def _daily(days: int = 90) -> tuple[tuple[date, float | None], ...]:
    return tuple((START + timedelta(i), round(5 + 2.5 * math.sin(i / 6), 1)) for i in range(days) if i % 9 != 4)


def _medicine(i: int) -> MedicineRow:
    return MedicineRow(
        f"Medicine number {i}", f"{10 * i} mg", "2× a day", date(2025, 1, 1 + i % 28), None, False, recognized=i != 0
    )


def sample_summary(
    *,
    medicines: int = 5,
    paper: str = "a4",
    name: str = "Jo Example",
    questions: str = "Could the tramadol dose be making me dizzy?",
    sections: tuple[str, ...] = SECTION_KEYS,
) -> AppointmentSummary:
    """A hand-made summary with every section filled (numbers chosen to be found in the text)."""
    request = ReportRequest(START, END, sections, paper, questions, name)
    daily = _daily()
    pain = PainSummary(
        True, n_entries=214, n_days=len(daily), period_days=90, mean=5.3, best_day=2.6,
        best_day_date=date(2026, 10, 1), worst_day=7.9, worst_day_date=date(2026, 9, 10), lowest_entry=1,
        highest_entry=9, days_at_7_or_more=17, days_any_entry_7_or_more=23, daily=daily, rolling=daily,
        first_month=MonthPain(START, date(2026, 9, 30), 5.8, 27),
        last_month=MonthPain(date(2026, 10, 31), END, 4.9, 26),
        month_change=-0.9,
    )  # fmt: skip
    peg = PegSummary(
        True, n_checkins=12, first=PegPoint(date(2026, 9, 2), 6.3, 7, 6, 6),
        latest=PegPoint(date(2026, 11, 25), 4.7, 5, 5, 4), change=-1.6, change_percent=-25.0,
        source="Krebs EE et al. J Gen Intern Med 2009",
    )  # fmt: skip
    where = WhereSummary(
        True, n_entries=214, n_with_location=190, n_with_quality=150,
        locations=(LocationCount("lower-back", "Lower back", 120, 63, 6.1),
                   LocationCount("front-left-knee", "Left knee (front)", 44, 23, 4.2)),
        qualities=(("aching", 98), ("burning", 31)),
    )  # fmt: skip
    sleep = SleepMoodSummary(
        True, mean_sleep_hours=6.4, n_sleep_days=80, mean_sleep_quality=5.1, n_sleep_quality_days=70,
        mean_mood=5.6, n_mood_days=75, mean_activity_level=4.2, n_activity_days=60,
        activities=(("walking", 40), ("gardening", 9)),
        comparisons=(ComparisonRow("Short sleep (under 6 h)", 6.2, 21, 4.8, 55, "Pain was higher."),),
    )  # fmt: skip
    meds = MedicinesSummary(
        True,
        current=(
            MedicineRow("Tramadol", "50 mg", "as needed, up to 3× a day", date(2026, 2, 1), None, True,
                        uses_per_week=3.5),
            MedicineRow("Duloxetine", "60 mg", "1× a day", date(2025, 6, 1), None, False),
            MedicineRow("Kratom", "", "as needed", date(2026, 8, 1), None, True, kind="herbal", uses_per_week=1.2),
            *(_medicine(i) for i in range(max(0, medicines - 3))),
        ),
        stopped=(MedicineRow("Naproxen", "500 mg", "2× a day", date(2026, 1, 1), date(2026, 10, 3), False),),
        mme=MmeSummary(15.0, (("Tramadol", 15.0),), notes=("MME is a rough guide, not a dose limit.",)),
        apap=ApapDay(date(2026, 10, 12), 3000, 4000, False),
        warnings=(
            WarningRow("major", ("Tramadol", "Duloxetine"), "Major: Tramadol + Duloxetine — serotonin syndrome risk.",
                       "FDA label"),
        ),
        dataset_version="2026.11",
    )  # fmt: skip
    routines = RoutinesSummary(
        True, n_sessions=31,
        rows=(RoutineRow("breathing", "Slow breathing", 18, 15, 6.0, 5.2, -0.8),
              RoutineRow("stretch", "Gentle back stretch", 13, 0)),
    )  # fmt: skip
    patterns = PatternsSummary(
        True, mean_pain_all=5.3,
        worse=(TagRow("stress", 40, 6.4), TagRow("cold weather", 12, 6.0)),
        helps=(TagRow("heat pad", 22, 4.1),),
    )  # fmt: skip
    notes = NotesSummary(True, n_flagged=1, notes=(FlaggedNote(7, datetime(2026, 10, 2, 8, 30), 8, "Knee gave way."),))
    on = request.wants
    return AppointmentSummary(
        request, MADE, "2026.11",
        pain=pain if on("pain") else None, peg=peg if on("peg") else None, where=where if on("where") else None,
        sleep_mood=sleep if on("sleep_mood") else None, medicines=meds if on("medicines") else None,
        routines=routines if on("routines") else None, patterns=patterns if on("patterns") else None,
        notes=notes if on("notes") else None,
    )  # fmt: skip


def empty_summary(sections: tuple[str, ...] = SECTION_KEYS) -> AppointmentSummary:
    """Every section on, none with data (as for a period with no entries)."""
    request = ReportRequest(START, END, sections, "a4", "", "")
    return AppointmentSummary(
        request, MADE, None,
        pain=PainSummary(False, "No diary entries in this period.", period_days=90),
        peg=PegSummary(False, "No PEG check-ins in this period."),
        where=WhereSummary(False, "No places recorded in this period."),
        sleep_mood=SleepMoodSummary(False, "No sleep or mood recorded in this period."),
        medicines=MedicinesSummary(False, "No medicines on the list."),
        routines=RoutinesSummary(False, "No routines done in this period."),
        patterns=PatternsSummary(False, "No tags in this period."),
        notes=NotesSummary(False, "No flagged notes in this period."),
    )  # fmt: skip


def pages_text(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, for phrase checks."""
    return " ".join(text.split())


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    doc = pdfium.PdfDocument(data)
    try:
        return [tuple(round(v) for v in doc[i].get_size()) for i in range(len(doc))]
    finally:
        doc.close()


def image_boxes(data: bytes) -> list[tuple[int, float, float]]:
    """(page index, bottom, top) of every image, in PDF points from the page bottom."""
    doc = pdfium.PdfDocument(data)
    try:
        boxes = []
        for i in range(len(doc)):
            for obj in doc[i].get_objects(filter=(pdfium.raw.FPDF_PAGEOBJ_IMAGE,)):
                _, bottom, _, top = obj.get_bounds()
                boxes.append((i, bottom, top))
        return boxes
    finally:
        doc.close()


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_pdf(sample_summary())


def test_a_demo_sized_report_is_one_or_two_pages_with_a_page_x_of_y_footer(sample_pdf):
    texts = pages_text(sample_pdf)
    assert 1 <= len(texts) <= 2
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of {len(texts)}" in flat(text)
        assert "interaction data 2026.11" in flat(text)


def test_the_header_and_the_key_numbers_are_in_the_text(sample_pdf):
    text = flat(" ".join(pages_text(sample_pdf)))
    for phrase in (
        "Name: Jo Example",
        "1 Sep 2026 to 29 Nov 2026 (90 days)",
        "Made: 30 Nov 2026",
        "Patient-reported data",
        "5.3",  # average
        "2.6",  # best day
        "7.9",  # worst day
        "Days averaging 7 or more",
        "17",
        "6.3 → 4.7",  # PEG
        "−1.6 (−25%)",
        "First 30 days 5.8 (27 days) → last 30 days 4.9 (26 days): change −0.9",
    ):
        assert phrase in text, phrase


def test_every_section_shows_its_numbers(sample_pdf):
    text = flat(" ".join(pages_text(sample_pdf)))
    for phrase in (
        "Lower back",
        "63%",
        "aching 98 (65%)",
        "sleep 6.4 h a night (80 days)",
        "mood 5.6/10",
        "Short sleep (under 6 h)",
        "Tramadol",
        "as needed, up to 3× a day",
        "3.5",  # as-needed uses per week
        "Kratom (herbal)",
        "Stopped in this period: Naproxen 500 mg (started 1 Jan 2026, stopped 3 Oct 2026)",
        "15.0 MME a day",
        "12 Oct 2026, 3,000 mg (limit 4,000 mg a day)",
        "Major: Tramadol + Duloxetine — serotonin syndrome risk. (FDA label)",
        "Medicine number 0 †",
        "† Not in the app's interaction data, so not checked for interactions.",
        "Slow breathing",
        "Slow breathing 18× (pain −0.8 after, n = 15)",
        "18×",
        "stress",
        "heat pad",
        "Knee gave way.",
        "Questions for my clinician",
        "Could the tramadol dose be making me dizzy?",
    ):
        assert phrase in text, phrase


def test_sections_switched_off_are_left_out():
    data = render_pdf(sample_summary(sections=("pain", "questions")))
    text = flat(" ".join(pages_text(data)))
    assert "Pain" in text and "Questions for my clinician" in text
    for absent in ("Where and how it hurts", "Medicines and supplements", "Routines done", "Notes I flagged",
                   "Slow breathing", "Tramadol", "6.3 → 4.7"):  # fmt: skip
        assert absent not in text, absent


def test_sections_without_data_say_so_in_one_line():
    data = render_pdf(empty_summary())
    texts = pages_text(data)
    text = flat(" ".join(texts))
    assert len(texts) == 1
    for reason in (
        "No diary entries in this period.",
        "No PEG check-ins in this period.",
        "No medicines on the list.",
        "No routines done in this period.",
        "No flagged notes in this period.",
    ):
        assert reason in text, reason
    assert "interaction data none loaded" in text
    assert image_boxes(data) == []  # no chart without data


def test_an_empty_questions_box_is_left_for_writing_by_hand():
    data = render_pdf(sample_summary(questions=""))
    assert "Questions for my clinician" in flat(" ".join(pages_text(data)))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_size(paper, size):
    data = render_pdf(sample_summary(paper=paper))
    assert set(page_sizes(data)) == {size}


def test_fonts_are_embedded_and_the_title_is_set(sample_pdf):
    assert b"/FontFile2" in sample_pdf
    assert b"DejaVuSans" in sample_pdf
    doc = pdfium.PdfDocument(sample_pdf)
    try:
        meta = doc.get_metadata_dict()
        assert meta["Title"] == "Pain summary, Jo Example, 1 Sep 2026 to 29 Nov 2026 (90 days)"
        assert meta["Author"] == "Jo Example"
    finally:
        doc.close()


def test_the_same_summary_gives_the_same_bytes(sample_pdf):
    assert render_pdf(sample_summary()) == sample_pdf
    later = dataclasses.replace(sample_summary(), made_at=MADE + timedelta(days=1))
    assert render_pdf(later) != sample_pdf


def test_a_long_medicine_list_never_splits_the_chart_and_repeats_the_table_heading():
    data = render_pdf(sample_summary(medicines=60))
    texts = pages_text(data)
    assert len(texts) >= 3
    sizes = page_sizes(data)
    boxes = image_boxes(data)
    assert len(boxes) == 1  # the pain chart, whole, on one page
    page, bottom, top = boxes[0]
    assert 0 < bottom < top < sizes[page][1]
    pages_with_meds = [t for t in texts if "Medicine number" in t]
    assert len(pages_with_meds) >= 2
    for text in pages_with_meds:
        assert "Taken" in flat(text)  # the heading row repeats on every page the table reaches


def test_write_pdf_writes_the_bytes_atomically(tmp_path):
    summary = sample_summary()
    target = tmp_path / "summary.pdf"
    write_pdf(summary, target)
    assert target.read_bytes() == render_pdf(summary)
    assert [p.name for p in tmp_path.iterdir()] == ["summary.pdf"]


@pytest.mark.parametrize("where", ["missing/summary.pdf", "."])
def test_write_pdf_to_an_impossible_place_is_a_report_error(tmp_path, where):
    with pytest.raises(ReportError, match="Cannot write the report"):
        write_pdf(empty_summary(), tmp_path / where)


def test_a_90_day_report_of_the_demo_diary_is_one_or_two_pages_with_its_numbers(companion):
    from paincompanion.services.demo import fill_demo

    fill_demo(companion, 1)
    request = companion.reports.request_for(days=90, paper="a4")
    summary = companion.reports.build(request)
    data = render_pdf(summary)
    texts = pages_text(data)
    assert 1 <= len(texts) <= 2
    assert len(image_boxes(data)) == 1
    text = flat(" ".join(texts))
    pain = summary.pain
    assert pain is not None and pain.has_data
    assert f"{pain.mean:.1f} Average pain on {pain.n_days} of {pain.period_days} days" in text
    assert f"{pain.days_at_7_or_more} Days averaging 7 or more" in text
    assert f"{pain.days_any_entry_7_or_more} days with at least one single rating of 7 or more" in text
    assert summary.medicines is not None and all(m.name in text for m in summary.medicines.current)
    assert render_pdf(summary) == data


def test_characters_the_font_lacks_are_shown_as_a_replacement_mark_not_dropped(caplog):
    data = render_pdf(sample_summary(name="Zoë Łukasz 山田", questions="Is this 🙂 normal?"))
    text = flat(" ".join(pages_text(data)))
    assert "Name: Zoë Łukasz \ufffd\ufffd" in text
    assert "Is this \ufffd normal?" in text
    assert "missing" not in caplog.text


def test_a_very_long_word_wraps_inside_the_page():
    long_note = FlaggedNote(3, datetime(2026, 10, 2, 8, 30), 6, "https://example.org/" + "a" * 300)
    summary = dataclasses.replace(sample_summary(), notes=NotesSummary(True, n_flagged=1, notes=(long_note,)))
    text = flat(" ".join(pages_text(render_pdf(summary))))
    assert "a" * 60 in text


def test_an_item_checked_by_the_ingredients_given_by_the_patient_is_marked():
    summary = sample_summary()
    given = MedicineRow("Dolo-Mix", "", "2× a day", date(2026, 2, 1), None, False,
                        ingredients_given="Acetaminophen + Codeine")  # fmt: skip
    medicines = dataclasses.replace(summary.medicines, current=(*summary.medicines.current, given))
    text = flat(" ".join(pages_text(render_pdf(dataclasses.replace(summary, medicines=medicines)))))
    assert "Dolo-Mix (Acetaminophen + Codeine; ingredients given by you)" in text
