"""The pain follow-up after a dose with an injected clock: due, snoozed, missed while asleep, off."""

from datetime import datetime, timedelta, timezone

import pytest

from paincompanion.domain.clock import FixedClock
from paincompanion.domain.follow_up import (
    DONE,
    DUE,
    MISSED,
    NOT_YET,
    SNOOZED,
    check_delay,
    follow_ups,
    to_ask,
)  # fmt: skip
from paincompanion.errors import ValidationError

TZ = timezone(timedelta(hours=1))
DOSE = datetime(2026, 3, 10, 14, 0, tzinfo=TZ)


def _one(delay=60, rated_after=False):
    (item,) = follow_ups([(1, "Ibuprofen", DOSE, True, rated_after)], delay)
    return item


def test_due_after_the_delay_then_missed_if_not_seen_in_time():
    clock = FixedClock(DOSE)
    item = _one(60)
    assert item.due_at == DOSE + timedelta(minutes=60)
    assert item.status(clock.now()) == NOT_YET
    clock.advance(minutes=60)
    assert item.status(clock.now()) == DUE and to_ask([item], clock.now()) == [item]
    clock.advance(minutes=30)
    assert item.status(clock.now()) == DUE
    clock.advance(minutes=1)
    assert item.status(clock.now()) == MISSED and to_ask([item], clock.now()) == []


def test_missed_while_asleep_is_not_asked_late():
    item = _one(90)
    woke = DOSE + timedelta(hours=7)  # the computer slept through the due time
    assert item.status(woke) == MISSED and to_ask([item], woke) == []


def test_snoozed_then_due_again_then_missed():
    clock = FixedClock(DOSE + timedelta(minutes=60))
    item = _one(60).snooze(15, clock.now())
    assert item.status(clock.now()) == SNOOZED and to_ask([item], clock.now()) == []
    clock.advance(minutes=15)
    assert item.status(clock.now()) == DUE
    clock.advance(minutes=31)
    assert item.status(clock.now()) == MISSED
    with pytest.raises(ValidationError):
        item.snooze(10, clock.now())  # not due any more
    with pytest.raises(ValidationError):
        _one(60).snooze(7, DOSE + timedelta(minutes=60))


def test_off_answered_and_unrated_doses_get_no_question():
    assert follow_ups([(1, "Ibuprofen", DOSE, True, False)], None) == []
    assert _one(rated_after=True).status(DOSE + timedelta(hours=1)) == DONE
    assert follow_ups([(1, "Ibuprofen", DOSE, False, False)], 60) == []


@pytest.mark.parametrize(("value", "minutes"), [(30, 30), ("180", 180), ("off", None), (None, None), ("", None)])
def test_delay_setting(value, minutes):
    assert check_delay(value) == minutes


@pytest.mark.parametrize("value", [29, 181, "soon", 45.5, True, -60])
def test_delay_setting_refused(value):
    with pytest.raises(ValidationError, match="30 to 180"):
        check_delay(value)
