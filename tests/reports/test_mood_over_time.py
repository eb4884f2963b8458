"""Mood over time counts entries and records without a pain score; no pain figure ever counts those records."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from paincompanion.analysis.insights import compute, mood_over_time
from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.mood_record import MoodRecordDraft
from paincompanion.domain.period_rows import EntryPoint
from paincompanion.reports.mood_chart import mood_over_time as mood_chart

CET = timezone(timedelta(hours=1))


def test_daily_mood_joins_entries_and_records_and_the_average_needs_three_days():
    entries = [("2026-03-01", 6), ("2026-03-01", None), ("2026-03-02", 2)]
    records = [("2026-03-01", 8), ("2026-03-03", 5), ("2026-03-09", 9)]
    found = mood_over_time(entries, records, "")
    assert found["mood_days"] == ((date(2026, 3, 1), 7.0, 2), (date(2026, 3, 2), 2.0, 1), (date(2026, 3, 3), 5.0, 1),
                                  (date(2026, 3, 9), 9.0, 1))  # fmt: skip
    rolling = dict(found["mood_rolling"])
    assert rolling[date(2026, 3, 2)] is None and rolling[date(2026, 3, 3)] == 14 / 3
    assert rolling[date(2026, 3, 9)] is None  # only 2 days with a mood in its week: a gap, never a zero
    assert found["n_mood_records"] == 3


def test_records_without_pain_never_change_a_pain_figure(companion):
    companion.diary.add(EntryDraft(at=datetime(2026, 3, 1, 9, 0, tzinfo=CET), pain=6, mood=4))
    before = companion.insights.build(None)
    for day in range(1, 8):
        companion.moods.add(MoodRecordDraft(at=datetime(2026, 3, day, 20, 0, tzinfo=CET), mood=10))
    after = companion.insights.build(None)
    assert (after.days, after.rolling, after.n_entries, after.mean_pain) == (
        before.days, before.rolling, before.n_entries, before.mean_pain)  # fmt: skip
    assert after.mood_days[0] == (date(2026, 3, 1), 7.0, 2) and len(after.mood_days) == 7
    assert "7 of the moods are from records without a pain score" in after.mood_over_time_text()


def test_the_chart_draws_with_and_without_moods():
    empty = compute([], range_days=30, day_from=date(2026, 2, 1), today=date(2026, 3, 2))
    assert not empty.has_mood and mood_chart(empty).axes
    rows = [EntryPoint("2026-03-01", 0, 60, 5, 6, None, None, None)]
    full = compute(rows, range_days=None, day_from=None, today=date(2026, 3, 2), mood_records=[("2026-03-02", 3)])
    figure = mood_chart(full)
    assert full.has_mood and len(figure.axes[0].lines) >= 1
