"""Insights computed from a hand-checked 10-day diary (1–10 March 2026; 6 March has no entries)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.analysis.insights import compute, local_hour
from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.services.insights import InsightsService

CET = timezone(timedelta(hours=1))
IST = timezone(timedelta(hours=5, minutes=30))
EST = timezone(timedelta(hours=-5))


def _at(day: int, hour: int, minute: int = 0, tz: timezone = CET) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=tz)


# (time, pain, sleep hours, sleep quality, mood, activity level, locations, qualities)
ROWS = [
    (_at(1, 8), 6, 5.0, 3, 3, 8, ("back-left-lower-back", "front-left-knee"), ("aching",)),
    (_at(2, 8), 7, 5.5, 4, 2, 2, ("back-left-lower-back",), ("aching", "burning")),
    (_at(2, 20), 5, None, None, 4, None, (), ()),
    (_at(3, 9), 4, 7.0, 7, 6, 3, ("back-left-lower-back",), ("stiffness",)),
    (_at(4, 13), 3, 8.0, 8, 7, 8, (), ()),
    (_at(5, 14), 8, 4.5, 2, 2, 2, ("front-left-knee",), ("aching",)),
    (_at(7, 10), 2, 7.5, 6, 8, 7, (), ()),
    (_at(7, 23, 30, EST), 4, None, None, None, None, (), ()),  # 04:30 UTC on 8 March
    (_at(8, 23, 30, IST), 5, 6.0, 4, 5, None, ("back-neck",), ()),  # 18:00 UTC
    (_at(9, 2, 0, IST), 9, 6.5, 6, 3, 1, ("back-left-lower-back",), ("aching",)),  # 20:30 UTC on 8 March
    (_at(10, 7), 4, None, None, None, None, (), ()),
]


def _draft(row) -> EntryDraft:
    at, pain, sleep_h, sleep_q, mood, level, locs, quals = row
    return EntryDraft(
        at=at,
        pain=pain,
        sleep_hours=sleep_h,
        sleep_quality=sleep_q,
        mood=mood,
        activity_level=level,
        locations=tuple(LocationPain(r) for r in locs),
        qualities=quals,
    )


@pytest.fixture
def service(companion) -> InsightsService:
    companion.diary.add_many([_draft(r) for r in ROWS])
    return InsightsService(companion._db, companion.clock)


def test_daily_means_use_the_local_day(service):
    ins = service.build(None)
    assert [(d.day.day, d.pain, d.n) for d in ins.days] == [
        (1, 6.0, 1),
        (2, 6.0, 2),
        (3, 4.0, 1),
        (4, 3.0, 1),
        (5, 8.0, 1),
        (7, 3.0, 2),  # the 23:30 entry in UTC-5 stays on 7 March
        (8, 5.0, 1),
        (9, 9.0, 1),  # 02:00 in UTC+5:30 is 9 March there, though 8 March in UTC
        (10, 4.0, 1),
    ]
    assert ins.n_entries == 11 and ins.n_days == 9
    day2 = ins.days[1]
    assert day2.mood == 3.0 and day2.sleep_hours == 5.5 and day2.sleep_quality == 4.0
    assert ins.days[-1].mood is None and ins.days[-1].sleep_hours is None
    assert ins.mean_pain == pytest.approx(48 / 9)


def test_seven_day_average_skips_missing_days(service):
    rolling = service.build(None).rolling
    assert [p.day for p in rolling] == [date(2026, 3, d) for d in range(1, 11)]  # 6 March included
    expected = [None, None, 16 / 3, 19 / 4, 27 / 5, 27 / 5, 30 / 6, 29 / 6, 32 / 6, 32 / 6]
    assert [p.pain for p in rolling] == [pytest.approx(v) if v is not None else None for v in expected]
    assert rolling[2].sleep_hours == pytest.approx((5.0 + 5.5 + 7.0) / 3)
    assert rolling[1].mood is None  # only two days with mood so far


def test_seven_day_average_counts_the_week_before_the_period(service):
    rolling = service.build(8).rolling  # 3–10 March; 1 and 2 March count in the first windows
    assert rolling[0].day == date(2026, 3, 3)
    assert rolling[0].pain == pytest.approx(16 / 3)
    assert service.build(8).n_days == 7 and service.build(8).mean_pain == pytest.approx(36 / 7)


def test_time_of_day_uses_the_local_clock(service):
    parts = {t.label: (t.mean_pain, t.n) for t in service.build(None).time_of_day}
    assert parts["Night"] == (9.0, 1)
    assert parts["Morning"] == (pytest.approx(23 / 5), 5)
    assert parts["Afternoon"] == (5.5, 2)
    assert parts["Evening"] == (pytest.approx(14 / 3), 3)  # includes 23:30 in +05:30 and in -05:00


def test_local_hour_handles_offsets():
    at_utc = int(_at(8, 23, 30, IST).timestamp())
    assert local_hour(at_utc, 330) == 23
    assert local_hour(int(_at(7, 23, 30, EST).timestamp()), -300) == 23


def test_comparisons_with_enough_days(service):
    found = {c.label: c for c in service.build(None).comparisons}
    sleep = found["Short sleep"]
    assert (sleep.n_a, sleep.n_b) == (3, 5)
    assert sleep.mean_a == pytest.approx(20 / 3) and sleep.mean_b == pytest.approx(24 / 5)
    assert sleep.sentence == (
        "After nights under 6 h of sleep your average pain was 6.7 (n = 3 days) vs 4.8 (n = 5 days) "
        "after nights of 6 h or more. This shows a pattern, not a cause."
    )
    quality = found["Poor sleep quality"]
    assert (quality.mean_a, quality.n_a, quality.mean_b, quality.n_b) == (6.25, 4, 4.75, 4)
    mood = found["Low mood"]  # 2 March: moods 2 and 4 average 3, which counts as low
    assert (mood.mean_a, mood.n_a, mood.mean_b, mood.n_b) == (7.25, 4, 3.75, 4)
    active = found["After a very active day"]
    assert (active.n_a, active.n_b) == (3, 3)
    assert active.mean_a == pytest.approx(19 / 3) and active.mean_b == pytest.approx(11 / 3)
    assert "6.3 (n = 3 days) vs 3.7 (n = 3 days)" in active.sentence
    assert all(c.sentence.endswith("This shows a pattern, not a cause.") for c in found.values())


def test_day_before_the_period_counts_for_days_after(service):
    # 9 days = 2–10 March: 2 March follows the active 1 March, which lies outside the period.
    nine = {c.label: c for c in service.build(9).comparisons}
    assert nine["After a very active day"].n_a == 3
    assert service.build(9).days[0].day == date(2026, 3, 2)
    # 8 days = 3–10 March: only two days follow an active day, so no comparison is made.
    eight = {c.label for c in service.build(8).comparisons}
    assert "After a very active day" not in eight
    assert "Short sleep" not in eight  # only 5 March had less than 6 h


def test_no_comparison_is_invented(companion):
    # Three short nights but only two longer ones: too few on one side.
    drafts = [
        EntryDraft(at=_at(d, 9), pain=5, sleep_hours=h, mood=None) for d, h in ((1, 5), (2, 5), (3, 5), (4, 7), (5, 8))
    ]
    companion.diary.add_many(drafts)
    ins = InsightsService(companion._db, companion.clock).build(None)
    assert ins.comparisons == ()
    companion.diary.add(EntryDraft(at=_at(6, 9), pain=3, sleep_hours=7))
    ins = InsightsService(companion._db, companion.clock).build(None)
    assert [c.label for c in ins.comparisons] == ["Short sleep"]  # mood, quality, activity never recorded


def test_locations_and_qualities(service):
    ins = service.build(None)
    assert ins.locations[:3] == (
        ("back-left-lower-back", "Left lower back", 4),
        ("front-left-knee", "Left knee", 2),
        ("back-neck", "Back of neck", 1),
    )
    assert ins.qualities[0] == ("aching", 4)
    assert dict(ins.qualities) == {"aching": 4, "burning": 1, "stiffness": 1}
    assert dict((r, n) for r, _, n in service.build(3).locations) == {"back-neck": 1, "back-left-lower-back": 1}


def test_range_limits_and_empty(companion, service):
    assert [d.day.day for d in service.build(1).days] == [10]
    assert service.build(30).n_days == 9
    with pytest.raises(ValueError):
        service.build(0)
    empty = compute([], range_days=30, day_from=date(2026, 2, 9), today=date(2026, 3, 10))
    assert not empty.has_data and empty.rolling == () and empty.comparisons == ()
    assert [t.n for t in empty.time_of_day] == [0, 0, 0, 0]
    assert empty.summary_text() == "No entries in the last 30 days."


def test_texts_for_screen_readers(service):
    ins = service.build(None)
    assert "lowest 3.0 on 04 Mar 2026" in ins.pain_over_time_text()
    assert "highest 9.0 on 09 Mar 2026" in ins.pain_over_time_text()
    assert "went from 5.3 (03 Mar) to 5.3 (10 Mar)" in ins.pain_over_time_text()
    assert ins.time_of_day_text().startswith("Average pain by time of day: Night 9.0 (n = 1); Morning 4.6 (n = 5)")
    assert ins.summary_text().startswith("11 entries on 9 days (01 Mar 2026 to 10 Mar 2026, 10 calendar days)")
    assert "average sleep" in ins.mood_sleep_text()
