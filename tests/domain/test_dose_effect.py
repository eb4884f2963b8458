"""Pain before and after a dose: checks, and the effect per item against hand-computed means."""

from datetime import datetime, timedelta, timezone

import pytest

from paincompanion.domain.dose_effect import MIN_N, check_after_time, check_pain, medication_effects
from paincompanion.errors import ValidationError

TZ = timezone(timedelta(hours=1))
DOSE = datetime(2026, 3, 9, 20, 0, tzinfo=TZ)
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=TZ)


def test_effect_means_over_doses_rated_both_times_and_only_from_min_n():
    rated = [
        (1, "Ibuprofen", 7, 5), (1, "Ibuprofen", 6, 4), (1, "Ibuprofen", 8, 5), (1, "Ibuprofen", 5, 5),
        (1, "Ibuprofen", 9, None),  # not rated after: not counted
        (2, "Tramadol", 8, 5), (2, "Tramadol", 7, 4),  # only 2: no numbers yet
        (3, "kratom", None, 3),
    ]  # fmt: skip
    effects = medication_effects(rated)
    assert [e.to_json() for e in effects] == [
        # before (7+6+8+5)/4 = 6.5, after (5+4+5+5)/4 = 4.75 → 4.8 (rounded), change 4.75 - 6.5 → -1.7
        {"id": 1, "name": "Ibuprofen", "n": 4, "pain_before": 6.5, "pain_after": 4.8, "change": -1.7},
        {"id": 2, "name": "Tramadol", "n": 2, "pain_before": None, "pain_after": None, "change": None},
    ]
    assert MIN_N == 3 and effects[0].shown and not effects[1].shown
    assert "6.5 before and 4.8 after" in effects[0].text() and "over 4 doses" in effects[0].text()
    assert "2 doses rated before and after so far" in effects[1].text()


@pytest.mark.parametrize("value", [11, -1, "11", "lots", 5.5, True, None, ""])
def test_pain_out_of_range_is_refused(value):
    with pytest.raises(ValidationError) as caught:
        check_pain(value)
    assert "\n" not in str(caught.value)


def test_pain_accepted():
    assert (check_pain(0), check_pain("10"), check_pain(7)) == (0, 10, 7)


def test_follow_up_time_rules():
    assert check_after_time(DOSE, DOSE + timedelta(hours=1), NOW) == DOSE + timedelta(hours=1)
    with pytest.raises(ValidationError, match="before the dose"):
        check_after_time(DOSE, DOSE - timedelta(minutes=1), NOW)
    with pytest.raises(ValidationError, match="future"):
        check_after_time(DOSE, NOW + timedelta(hours=1), NOW)
    with pytest.raises(ValidationError, match="within a day"):
        check_after_time(DOSE - timedelta(days=2), DOSE, NOW)
