"""Mood over time (Insights): the daily mood of entries and of records without a pain score, and its 7-day
average. Kept apart from the pain charts: a mood-only day has no pain point anywhere."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..analysis.insights import Insights
from .charts import ChartStyle, _style, score_over_time


def mood_over_time(
    insights: Insights, *, style: ChartStyle | None = None, dark: bool = False, figsize: tuple[float, float] = (8, 3.2)
) -> Figure:
    """Daily mean mood (hollow squares) and the 7-day average (dashed line) on a 0–10 axis."""
    s = _style(style, dark)
    return score_over_time(
        s,
        figsize,
        title="Mood over time",
        ylabel="Mood (0–10, higher = better)",
        empty_text="No mood recorded in this period",
        daily=[(day, mood) for day, mood, _count in insights.mood_days],
        rolling=insights.mood_rolling,
        daily_look={"marker": "s", "markerfacecolor": "none", "color": s.muted, "alpha": 0.8, "label": "Daily mood"},
        rolling_look={"color": s.accent2, "linewidth": 2.2, "linestyle": "--"},
    )
