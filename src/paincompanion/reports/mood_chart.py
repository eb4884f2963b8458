"""Mood over time (Insights): the daily mood of entries and of records without a pain score, and its 7-day
average. Kept apart from the pain charts: a mood-only day has no pain point anywhere."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.ticker import MultipleLocator

from ..analysis.insights import Insights
from .charts import ChartStyle, _date_axis, _dress, _empty, _figure, _legend, _marker_args, _nan, _style


def mood_over_time(
    insights: Insights, *, style: ChartStyle | None = None, dark: bool = False, figsize: tuple[float, float] = (8, 3.2)
) -> Figure:
    """Daily mean mood (hollow squares) and the 7-day average (dashed line) on a 0–10 axis."""
    s = _style(style, dark)
    fig = _figure(s, figsize)
    ax = fig.add_subplot()
    _dress(ax, s, ylabel="Mood (0–10, higher = better)", title="Mood over time")
    ax.set_ylim(0, 10.4)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    if not insights.mood_days:
        _empty(ax, s, "No mood recorded in this period")
        return fig
    days = [d[0] for d in insights.mood_days]
    ax.plot(
        days,  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
        [d[1] for d in insights.mood_days],
        linestyle="none",
        marker="s",
        markerfacecolor="none",
        color=s.muted,
        alpha=0.8,
        markersize=_marker_args(len(days))["markersize"],
        label="Daily mood",
    )
    if any(value is not None for _, value in insights.mood_rolling):
        ax.plot(
            [day for day, _ in insights.mood_rolling],  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
            [_nan(value) for _, value in insights.mood_rolling],
            color=s.accent2,
            linewidth=2.2,
            linestyle="--",
            label="7-day average",
        )
    _date_axis(ax, s, days[0], days[-1])
    _legend(ax, s)
    return fig
