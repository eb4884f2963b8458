"""Sleep scheduling from the diary's sleep: average of recent nights, time in bed half an hour more, never < 6 h."""

from __future__ import annotations

from datetime import date, timedelta

from paincompanion.routines.sleep_window import MIN_NIGHTS, sleep_window, sleep_window_text

DAY = date(2026, 12, 1)


def nights(*hours: float):
    return [(DAY - timedelta(days=i), h) for i, h in enumerate(hours)]


def test_too_few_nights_says_what_to_record_first():
    assert sleep_window(nights(*[6.0] * (MIN_NIGHTS - 1))) is None
    assert "fewer than 7 nights" in sleep_window_text(None)


def test_time_in_bed_is_average_plus_half_an_hour_to_the_quarter():
    window = sleep_window(nights(6.5, 6.5, 7, 7, 6, 6, 7))  # average 6.57
    assert window.nights == 7 and window.average_hours == 6.6
    assert window.time_in_bed_hours == 7.0
    text = sleep_window_text(window)
    assert "about 6 h 36 min a night" in text and "about 7 hours" in text


def test_never_less_than_six_hours_and_one_value_per_night():
    window = sleep_window([*nights(4, 4, 4, 4, 4, 4, 4), (DAY, 5.0), (DAY, 3.0)])
    assert window.nights == 7 and window.time_in_bed_hours == 6.0
    assert window.average_hours == round((5 + 4 * 6) / 7, 1)  # the larger value of a night with two entries
    assert sleep_window([(DAY - timedelta(days=i), 30.0) for i in range(9)]) is None  # impossible values ignored
