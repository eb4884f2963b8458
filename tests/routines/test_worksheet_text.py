"""Worksheets without Qt: checking typed answers, the printable document (text and HTML), "what helps" sentences."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from paincompanion.domain.routine_log import RoutineEffect, WorksheetRecord
from paincompanion.routines import load_library
from paincompanion.routines.what_helps_text import TOO_FEW, effect_sentence, what_helps_text
from paincompanion.routines.worksheet_answers import NOTHING_FILLED_IN, WHOLE_SHEET, check_answers, pacing_suggestion
from paincompanion.routines.worksheet_text import (
    GET_HELP,
    NOT_FILLED_IN,
    build_document,
    date_text,
    document_html,
    document_text,
    first_line,
)

CET = timezone(timedelta(hours=1))
AT = datetime(2026, 3, 10, 9, 5, tzinfo=CET)


def routine(routine_id: str):
    return load_library().get(routine_id)


def test_the_three_worksheets_have_fields():
    for rid in ("thought-record", "pacing-plan", "flare-up-plan"):
        assert routine(rid).is_worksheet


def test_good_answers_are_cleaned_and_empty_ones_left_out():
    checked = check_answers(
        routine("pacing-plan"),
        {"activity": "  Gardening  ", "baseline_minutes": "25 min", "quota_minutes": "20", "notes": "   "},
    )
    assert checked.ok
    assert checked.answers == {"activity": "Gardening", "baseline_minutes": "25", "quota_minutes": "20"}


def test_each_bad_answer_is_named_by_its_question():
    checked = check_answers(
        routine("pacing-plan"),
        {"activity": "Walking", "baseline_minutes": "twenty", "quota_minutes": "-3", "weekly_increase_minutes": "2000"},
    )
    assert not checked.ok
    assert set(checked.problems) == {"baseline_minutes", "quota_minutes", "weekly_increase_minutes"}
    assert checked.problems["weekly_increase_minutes"] == "Weekly increase: at most 1440 minutes (a whole day)."
    assert checked.problems["baseline_minutes"].startswith("Baseline time: write a whole number of minutes")
    assert checked.answers == {"activity": "Walking"}


def test_scores_are_whole_numbers_from_0_to_10():
    tr = routine("thought-record")
    assert check_answers(tr, {"emotion_strength": "10"}).answers == {"emotion_strength": "10"}
    assert "emotion_strength" in check_answers(tr, {"emotion_strength": "11"}).problems
    assert "rerating" in check_answers(tr, {"rerating": "4.5"}).problems


def test_an_empty_sheet_cannot_be_saved():
    checked = check_answers(routine("flare-up-plan"), {"early_signs": " ", "unknown": "x"})
    assert checked.problems == {WHOLE_SHEET: NOTHING_FILLED_IN} and checked.answers == {}


def test_document_has_title_date_questions_answers_help_and_sources():
    plan = routine("flare-up-plan")
    record = WorksheetRecord(
        1, plan.id, plan.title, AT, {"early_signs": "Stiff mornings\nPoor sleep", "who_to_contact": "Sam <sister>"}
    )
    doc = build_document(record, plan)
    assert doc.title == "My flare-up plan" and doc.date_text == "10 Mar 2026, 09:05"
    assert [item.question for item in doc.items] == [f.label for f in plan.worksheet]
    assert doc.items[0].answer == "Stiff mornings\nPoor sleep" and doc.items[1].answer == ""
    text = document_text(doc)
    assert "Early signs of a flare\n  Stiff mornings\n  Poor sleep" in text
    assert f"What helps\n  {NOT_FILLED_IN}" in text
    assert GET_HELP in text and "NG193" in text
    html = document_html(doc)
    assert "Sam &lt;sister&gt;" in html and "Sam <sister>" not in html  # answers are escaped
    assert "Stiff mornings<br>Poor sleep" in html and "ng193" in html


def test_scores_and_minutes_read_as_words():
    tr = routine("thought-record")
    record = WorksheetRecord(1, tr.id, tr.title, AT, {"emotion_strength": "8", "rerating": "4"})
    answers = {item.question: item.answer for item in build_document(record, tr).items}
    assert answers["How strong was the feeling?"] == "8 out of 10"
    pacing = routine("pacing-plan")
    record = WorksheetRecord(2, pacing.id, pacing.title, AT, {"baseline_minutes": "1", "quota_minutes": "20"})
    answers = {item.question: item.answer for item in build_document(record, pacing).items}
    assert answers["Baseline time"] == "1 minute" and answers["Planned time (quota)"] == "20 minutes"


def test_a_worksheet_whose_routine_is_gone_still_shows_every_answer():
    record = WorksheetRecord(3, "user-my-plan", "My plan", AT, {"first_thing": "Rest", "second": "Walk"})
    doc = build_document(record, None)
    assert doc.title == "My plan" and [i.question for i in doc.items] == ["First thing", "Second"]
    assert first_line(record, None) == "Rest"


def test_first_line_is_the_first_answer_shortened():
    tr = routine("thought-record")
    long = "word " * 40
    record = WorksheetRecord(1, tr.id, tr.title, AT, {"automatic_thought": long + "\nsecond line"})
    line = first_line(record, tr)
    assert line.endswith("…") and len(line) <= 80 and "second" not in line
    assert first_line(WorksheetRecord(2, tr.id, tr.title, AT, {}), tr) == ""


def test_date_text_has_no_leading_zero():
    assert date_text(datetime(2026, 3, 1, 18, 0, tzinfo=CET)) == "1 Mar 2026, 18:00"


def test_what_helps_sentences():
    effects = [RoutineEffect("body-scan", "Body scan", 4, -1.25), RoutineEffect("walk", "Walk", 3, 0.5)]
    assert effect_sentence(effects[0]) == "Body scan — on average 1.2 points less pain after than before (4 sessions)."
    assert effect_sentence(effects[1]) == "Walk — on average 0.5 points more pain after than before (3 sessions)."
    assert effect_sentence(RoutineEffect("x", "X", 3, -1.0)).startswith("X — on average 1.0 point less")
    assert effect_sentence(RoutineEffect("x", "X", 5, 0.02)) == "X — no change in pain on average (5 sessions)."
    assert what_helps_text(effects).splitlines() == [effect_sentence(e) for e in effects]


def test_what_helps_needs_three_sessions():
    assert what_helps_text([]) == TOO_FEW
    assert what_helps_text([RoutineEffect("x", "X", 2, -3.0)]) == TOO_FEW
    assert "at least 3 sessions" in TOO_FEW


def test_pacing_suggestion_is_four_fifths_and_a_tenth():
    assert pacing_suggestion("25") == (
        "With a baseline of 25 minutes: plan about 20 minutes, and add about 2 minutes a week while things are steady."
    )
    assert "plan about 48 minutes, and add about 5 minutes" in pacing_suggestion("60 min")
    assert "plan about 1 minute, and add about 1 minute" in pacing_suggestion("1")
    assert pacing_suggestion("") == pacing_suggestion("0") == pacing_suggestion("lots") == ""
