"""PHQ-2 / GAD-2 scoring (Kroenke 2003 / 2007), side effects, PGIC, naloxone, goals: rules and messages."""

from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain import checkins as ck
from paincompanion.domain.goals import Goal, GoalRating, make_goal, progress, rating_due
from paincompanion.errors import ValidationError

AT = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize(
    ("a", "b", "total", "positive"),
    [(0, 0, 0, False), (1, 1, 2, False), (2, 1, 3, True), (0, 3, 3, True), (3, 3, 6, True), ("2", "0", 2, False)],
)
@pytest.mark.parametrize("kind", ["phq2", "gad2"])
def test_screens_sum_two_items_and_3_or_more_is_positive(kind, a, b, total, positive):
    c = ck.make_screen(kind, AT, a, b)
    assert (c.total, c.positive) == (total, positive)
    assert ("positive screen" in c.text) is positive


@pytest.mark.parametrize("bad", [-1, 4, "x", None, True, 1.5, "2.0"])
def test_screen_answers_outside_0_to_3_are_refused(bad):
    with pytest.raises(ValidationError, match="0 to 3"):
        ck.make_screen("phq2", AT, bad, 0)


def test_positive_text_names_crisis_lines_and_is_not_a_diagnosis():
    text = ck.POSITIVE_TEXT
    assert "988" in text and "116 123" in text and "emergency number" in text and "not a diagnosis" in text


def test_side_effects_known_names_in_list_order_and_none():
    c = ck.make_side_effects(AT, ["Falls", "constipation", "drowsy", "falls"])
    assert c.effects == ("constipation", "drowsiness", "falls")
    assert ck.make_side_effects(AT, []).text == "Side effects: none this week"
    with pytest.raises(ValidationError, match="Unknown side effect"):
        ck.make_side_effects(AT, ["itching"])


def test_change_is_1_to_7_and_naloxone_yes_or_no():
    assert ck.make_change(AT, "4").text.endswith("no change")
    for bad in (0, 8, "much better"):
        with pytest.raises(ValidationError):
            ck.make_change(AT, bad)
    assert ck.make_naloxone(AT, "YES").value == 1 and ck.make_naloxone(AT, "no").value == 0
    with pytest.raises(ValidationError):
        ck.make_naloxone(AT, "maybe")


def test_due_every_two_weeks_for_screens_weekly_for_side_effects():
    assert ck.due(ck.Kind.PHQ2, None, AT)
    assert not ck.due(ck.Kind.PHQ2, AT - timedelta(days=13), AT)
    assert ck.due(ck.Kind.GAD2, AT - timedelta(days=14), AT)
    assert ck.due(ck.Kind.SIDE_EFFECTS, AT - timedelta(days=7), AT)
    assert not ck.due(ck.Kind.CHANGE, None, AT)


def test_goals_need_text_a_future_day_and_progress_0_to_10():
    goal = make_goal("  garden  ", " 30 minutes ", date(2026, 6, 1), today=date(2026, 3, 10))
    assert goal.text == "garden, 30 minutes, by 1 Jun 2026"
    with pytest.raises(ValidationError, match="empty"):
        make_goal(" ", today=date(2026, 3, 10))
    with pytest.raises(ValidationError, match="past"):
        make_goal("walk", by=date(2026, 3, 9), today=date(2026, 3, 10))
    assert progress("7") == 7
    for bad in (11, -1, "lots", None, True):
        with pytest.raises(ValidationError):
            progress(bad)
    rated = Goal("walk", ratings=(GoalRating(1, AT - timedelta(days=6), 3),))
    assert not rating_due(rated, AT) and rating_due(rated, AT + timedelta(days=1))
