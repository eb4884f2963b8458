"""The chart figures build from Insights with the object API only (no pyplot)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

pytest.importorskip("matplotlib")

from paincompanion.analysis.insights import compute
from paincompanion.domain.period_rows import EntryPoint
from paincompanion.reports import charts

TODAY = date(2026, 3, 10)


def _rows(n_days: int, *, sleep: bool = True) -> list[EntryPoint]:
    """Two entries a day at 08:00 and 20:00 in UTC+1; morning pains 3..8 cycling, evening one more."""
    rows = []
    for i in range(n_days):
        day = TODAY - timedelta(days=n_days - 1 - i)
        at_utc = int(datetime(day.year, day.month, day.day, 7, tzinfo=UTC).timestamp())
        pain = 3 + i % 6
        rows.append(EntryPoint(day.isoformat(), at_utc, 60, pain, 5, 6.5 if sleep else None, 6, 4))
        rows.append(EntryPoint(day.isoformat(), at_utc + 12 * 3600, 60, pain + 1, None, None, None, None))
    return rows


def _insights(n_days: int, **kw):
    return compute(_rows(n_days, **kw), range_days=None, day_from=None, today=TODAY)


def test_pain_over_time_has_points_and_average():
    fig = charts.pain_over_time(_insights(20))
    (ax,) = fig.axes
    daily, average = ax.get_lines()
    assert len(daily.get_xdata()) == 20 and daily.get_linestyle() == "None"
    assert len(average.get_xdata()) == 20 and average.get_linewidth() > daily.get_linewidth()
    assert ax.get_ylim() == (0, 10.4)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Daily average", "7-day average"]


def test_pain_by_time_of_day_has_four_bars():
    fig = charts.pain_by_time_of_day(_insights(5), dark=True)
    (ax,) = fig.axes
    assert len(ax.patches) == 4
    heights = [p.get_height() for p in ax.patches]
    assert heights[0] == 0  # no night entries: an empty bar, labelled "no entries"
    assert heights[1] == pytest.approx(5.0)  # mornings: pains 3..7
    assert heights[3] == pytest.approx(6.0)  # evenings: one more
    assert any(t.get_text() == "no\nentries" for t in ax.texts)
    assert fig.get_facecolor()[:3] == pytest.approx((0x2B / 255,) * 3)


def test_mood_sleep_vs_pain_has_two_panels_sharing_dates():
    fig = charts.mood_sleep_vs_pain(_insights(30))
    top, bottom = fig.axes
    assert top.get_shared_x_axes().joined(top, bottom)
    assert len(top.get_lines()) == 2  # pain and mood averages
    styles = {line.get_linestyle() for line in top.get_lines()}
    assert styles == {"-", "--"}  # told apart by line style, not only colour
    assert len(bottom.get_lines()) == 3  # nightly sleep, its average, the 6 h reference


def test_missing_sleep_is_said_not_drawn():
    fig = charts.mood_sleep_vs_pain(_insights(10, sleep=False))
    bottom = fig.axes[1]
    assert bottom.get_lines() == []
    assert [t.get_text() for t in bottom.texts] == ["No sleep recorded in this period"]


def test_empty_insights_give_empty_figures():
    empty = compute([], range_days=30, day_from=TODAY - timedelta(days=29), today=TODAY)
    for build in (charts.pain_over_time, charts.pain_by_time_of_day, charts.mood_sleep_vs_pain):
        fig = build(empty)
        assert any(t.get_text() == "No entries in this period" for ax in fig.axes for t in ax.texts)
        assert all(not ax.get_lines() for ax in fig.axes)


def test_figures_render_without_pyplot(tmp_path):
    script = f"""
import sys
from datetime import date
from paincompanion.reports import charts
from paincompanion.analysis.insights import compute
from paincompanion.domain.period_rows import EntryPoint
rows = [EntryPoint("2026-03-0" + str(d), 1772000000 + d * 86400, 60, d, 5, 7.0, 6, 3) for d in range(1, 10)]
ins = compute(rows, range_days=None, day_from=None, today=date(2026, 3, 10))
for n, build in enumerate((charts.pain_over_time, charts.pain_by_time_of_day, charts.mood_sleep_vs_pain)):
    build(ins, dark=n == 1).savefig(r"{tmp_path}" + f"/c{{n}}.png")
assert "matplotlib.pyplot" not in sys.modules, "pyplot was imported"
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert all((tmp_path / f"c{n}.png").stat().st_size > 5000 for n in range(3))
