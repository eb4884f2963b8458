"""Reminder rules with an injected clock: on time, missed while asleep, snooze, DST both ways, plan edits."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from paincompanion.domain.reminders import (
    CHECKIN,
    DOSE,
    DUE,
    MISSED,
    SNOOZED,
    DoseTimes,
    ReminderPlan,
    ReminderState,
    clean_times,
    close,
    default_dose_times,
    due,
    local_moment,
    next_due,
    occurrences,
    prune,
    snooze,
)
from paincompanion.errors import ValidationError

LONDON = ZoneInfo("Europe/London")
PARIS = ZoneInfo("Europe/Paris")
PLAN = ReminderPlan(enabled=True, checkin_times=(time(9), time(20)))


def at(text: str, tz=LONDON) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


class Ticker:
    """Runs `due` like the tray's timer does, keeping the state between calls."""

    def __init__(self, plan: ReminderPlan, start: datetime, tz=LONDON) -> None:
        self.plan, self.tz = plan, tz
        self.state = due(plan, ReminderState(), start, tz).state

    def at(self, moment: datetime):
        check = due(self.plan, self.state, moment, self.tz)
        self.state = check.state
        return check


def keys(reminders) -> list[str]:
    return [r.key for r in reminders]


def test_a_checkin_fires_once_at_its_time():
    ticker = Ticker(PLAN, at("2026-03-10 08:00"))
    assert ticker.at(at("2026-03-10 08:59:30")).fire == ()
    check = ticker.at(at("2026-03-10 09:00:20"))
    assert keys(check.fire) == ["checkin@2026-03-10T09:00"]
    assert check.fire[0].status == DUE and check.fire[0].title == "Time for your check-in"
    assert ticker.at(at("2026-03-10 09:00:50")).fire == ()  # the next tick does not repeat it
    assert keys(ticker.state.open) == ["checkin@2026-03-10T09:00"]  # open until done or dismissed


def test_first_look_reports_nothing_from_before_it():
    state = due(PLAN, ReminderState(), at("2026-03-10 21:00")).state
    assert state.open == () and state.seen_until == at("2026-03-10 21:00")


def test_missed_while_asleep_is_reported_missed_not_fired():
    plan = ReminderPlan(True, (time(9),), (DoseTimes(7, "Naproxen", (time(8), time(20))),))
    ticker = Ticker(plan, at("2026-03-09 22:00"))
    # the laptop slept from 22:10 until 10:15 the next morning
    check = ticker.at(at("2026-03-10 10:15"))
    assert check.fire == ()
    assert keys(check.missed) == ["dose:7@2026-03-10T08:00", "checkin@2026-03-10T09:00"]
    assert all(r.status == MISSED for r in ticker.state.open)
    # a reminder only a little late still fires
    check = ticker.at(at("2026-03-10 20:20"))
    assert keys(check.fire) == ["dose:7@2026-03-10T20:00"] and check.missed == ()


def test_app_closed_for_days_keeps_only_the_last_24_hours():
    ticker = Ticker(PLAN, at("2026-03-05 08:00"))
    check = ticker.at(at("2026-03-10 10:00"))
    assert keys(check.missed) == ["checkin@2026-03-09T20:00", "checkin@2026-03-10T09:00"]


def test_open_reminders_are_forgotten_after_a_day():
    ticker = Ticker(PLAN, at("2026-03-10 08:00"))
    ticker.at(at("2026-03-10 09:00"))
    ticker.at(at("2026-03-11 08:00"))
    assert keys(ticker.state.open) == ["checkin@2026-03-10T09:00", "checkin@2026-03-10T20:00"]
    ticker.at(at("2026-03-11 09:10"))
    assert keys(ticker.state.open) == ["checkin@2026-03-10T20:00", "checkin@2026-03-11T09:00"]


def test_snooze_moves_only_that_occurrence():
    plan = ReminderPlan(True, (time(9),), (DoseTimes(3, "Gabapentin", (time(9),)),))
    ticker = Ticker(plan, at("2026-03-10 08:00"))
    fired = ticker.at(at("2026-03-10 09:00")).fire
    assert keys(fired) == ["checkin@2026-03-10T09:00", "dose:3@2026-03-10T09:00"]
    ticker.state = snooze(ticker.state, "dose:3@2026-03-10T09:00", 10, at("2026-03-10 09:01"))
    snoozed = ticker.state.find("dose:3@2026-03-10T09:00")
    assert snoozed.status == SNOOZED and snoozed.snoozed_until == at("2026-03-10 09:11")
    assert ticker.state.find("checkin@2026-03-10T09:00").status == DUE
    assert ticker.at(at("2026-03-10 09:10:30")).fire == ()
    again = ticker.at(at("2026-03-10 09:11:10")).fire
    assert keys(again) == ["dose:3@2026-03-10T09:00"] and again[0].status == DUE
    assert ticker.at(at("2026-03-10 09:12")).fire == ()
    assert next_due(plan, ticker.state, at("2026-03-10 09:12"), LONDON) == at("2026-03-11 09:00")


def test_a_snooze_that_ended_while_asleep_is_missed():
    ticker = Ticker(PLAN, at("2026-03-10 08:00"))
    ticker.at(at("2026-03-10 09:00"))
    ticker.state = snooze(ticker.state, "checkin@2026-03-10T09:00", 60, at("2026-03-10 09:01"))
    check = ticker.at(at("2026-03-10 13:00"))
    assert check.fire == () and keys(check.missed) == ["checkin@2026-03-10T09:00"]


def test_close_and_snooze_need_an_open_reminder():
    ticker = Ticker(PLAN, at("2026-03-10 08:00"))
    ticker.at(at("2026-03-10 09:00"))
    ticker.state = close(ticker.state, "checkin@2026-03-10T09:00")
    assert ticker.state.open == ()
    assert ticker.at(at("2026-03-10 09:01")).fire == ()  # closed stays closed
    with pytest.raises(ValidationError, match="no longer open"):
        close(ticker.state, "checkin@2026-03-10T09:00")
    with pytest.raises(ValidationError, match="no longer open"):
        snooze(ticker.state, "checkin@2026-03-10T09:00", 10, at("2026-03-10 09:01"))
    ticker.at(at("2026-03-10 20:00"))
    with pytest.raises(ValidationError, match="1 minute to 24 hours"):
        snooze(ticker.state, "checkin@2026-03-10T20:00", 0, at("2026-03-10 20:01"))


def test_spring_forward_a_skipped_time_fires_at_the_first_valid_moment():
    # London 2026-03-29: 01:00 GMT jumps to 02:00 BST, so 01:30 never happens on the wall clock
    assert local_moment(date(2026, 3, 29), time(1, 30), LONDON) == at("2026-03-29 02:00")
    assert local_moment(date(2026, 3, 29), time(1, 30), LONDON).utcoffset() == timedelta(hours=1)
    plan = ReminderPlan(True, (time(1, 30), time(9)))
    ticker = Ticker(plan, at("2026-03-29 00:30"))
    assert ticker.at(datetime(2026, 3, 29, 0, 59, tzinfo=timezone.utc)).fire == ()
    check = ticker.at(at("2026-03-29 02:00:30"))
    assert keys(check.fire) == ["checkin@2026-03-29T01:30"] and check.missed == ()
    # 09:00 is still 09:00 on the wall clock (08:00 UTC)
    check = ticker.at(datetime(2026, 3, 29, 8, 0, 10, tzinfo=timezone.utc))
    assert keys(check.fire) == ["checkin@2026-03-29T09:00"]


def test_fall_back_a_repeated_time_fires_once():
    # London 2026-10-25: 02:00 BST goes back to 01:00 GMT, so 01:30 happens twice
    plan = ReminderPlan(True, (time(1, 30),))
    ticker = Ticker(plan, at("2026-10-25 00:00"))
    first = datetime(2026, 10, 25, 0, 30, 20, tzinfo=timezone.utc)  # 01:30:20 BST
    second = datetime(2026, 10, 25, 1, 30, 20, tzinfo=timezone.utc)  # 01:30:20 GMT
    assert keys(ticker.at(first).fire) == ["checkin@2026-10-25T01:30"]
    assert ticker.at(second).fire == () and ticker.at(second).missed == ()
    assert len(occurrences(plan, at("2026-10-24 12:00"), at("2026-10-25 12:00"), LONDON)) == 1


def test_wall_clock_time_holds_across_the_change_and_in_other_zones():
    plan = ReminderPlan(True, (time(9),))
    found = occurrences(plan, at("2026-03-28 00:00"), at("2026-03-31 00:00"), LONDON)
    assert [r.due_at.astimezone(timezone.utc).hour for r in found] == [9, 8, 8]
    paris = occurrences(plan, at("2026-03-10 00:00", PARIS), at("2026-03-11 00:00", PARIS), PARIS)
    assert [r.due_at.astimezone(timezone.utc).hour for r in paris] == [8]


def test_several_medicines_each_get_their_own_reminders():
    plan = ReminderPlan(
        True,
        (),
        (
            DoseTimes(1, "Paracetamol", (time(8), time(14), time(20))),
            DoseTimes(2, "Amitriptyline", (time(20),)),
        ),
    )
    ticker = Ticker(plan, at("2026-03-10 07:00"))
    assert keys(ticker.at(at("2026-03-10 08:00")).fire) == ["dose:1@2026-03-10T08:00"]
    assert keys(ticker.at(at("2026-03-10 14:05")).fire) == ["dose:1@2026-03-10T14:00"]
    evening = ticker.at(at("2026-03-10 20:00")).fire
    assert [(r.kind, r.name) for r in evening] == [(DOSE, "Amitriptyline"), (DOSE, "Paracetamol")]
    assert evening[0].title == "Time for Amitriptyline"
    ticker.state = close(ticker.state, "dose:2@2026-03-10T20:00")
    assert keys(ticker.state.open) == ["dose:1@2026-03-10T08:00", "dose:1@2026-03-10T14:00", "dose:1@2026-03-10T20:00"]


def test_plan_edits_apply_from_now_on_and_drop_reminders_of_removed_medicines():
    plan = ReminderPlan(True, (time(9),), (DoseTimes(5, "Pregabalin", (time(8),)),))
    ticker = Ticker(plan, at("2026-03-10 07:00"))
    ticker.at(at("2026-03-10 09:00"))
    assert keys(ticker.state.open) == ["dose:5@2026-03-10T08:00", "checkin@2026-03-10T09:00"]
    # the patient adds 10:00 and 08:30 check-ins at 09:30 and stops Pregabalin
    ticker.plan = ReminderPlan(True, (time(8, 30), time(9), time(10)))
    ticker.state = prune(ticker.plan, ticker.state)
    assert keys(ticker.state.open) == ["checkin@2026-03-10T09:00"]
    check = ticker.at(at("2026-03-10 09:30"))
    assert check.fire == () and check.missed == ()  # 08:30 was before the edit: not missed
    assert keys(ticker.at(at("2026-03-10 10:00")).fire) == ["checkin@2026-03-10T10:00"]
    # turning reminders off forgets what is open and does not pile up a backlog
    ticker.plan = ReminderPlan(False, (time(8, 30), time(9), time(10)))
    assert prune(ticker.plan, ticker.state).open == ()
    assert ticker.at(at("2026-03-10 12:00")).state.open == ()
    ticker.plan = ReminderPlan(True, (time(11),))
    assert ticker.at(at("2026-03-10 12:01")).missed == ()


def test_default_dose_times():
    assert default_dose_times(None) == ()
    assert default_dose_times(0.5) == ()  # every 2 days: no daily reminder
    assert default_dose_times(1) == (time(8),)
    assert default_dose_times(2) == (time(8), time(20))
    assert default_dose_times(3) == (time(8), time(14), time(20))
    assert default_dose_times(4) == (time(8), time(12), time(16), time(20))
    assert default_dose_times(6) == (time(0), time(4), time(8), time(12), time(16), time(20))
    assert len(default_dose_times(24)) == 24


def test_clean_times():
    assert clean_times(["20:00", time(9, 0, 30), "09:00"]) == (time(9), time(20))
    with pytest.raises(ValidationError, match="like 09:00"):
        clean_times(["9 o'clock"])
    with pytest.raises(ValidationError, match="like 09:00"):
        clean_times([42])


def test_turned_off_plan_fires_nothing():
    state = ReminderState(seen_until=at("2026-03-10 08:00"))
    check = due(ReminderPlan(False), state, at("2026-03-10 21:00"), LONDON)
    assert check.fire == () and check.missed == () and check.state.seen_until == at("2026-03-10 21:00")
    assert next_due(ReminderPlan(False), state, at("2026-03-10 21:00"), LONDON) is None


def test_checkin_constant_in_keys():
    assert keys(occurrences(PLAN, at("2026-03-10 00:00"), at("2026-03-10 10:00"), LONDON)) == [
        f"{CHECKIN}@2026-03-10T09:00"
    ]
