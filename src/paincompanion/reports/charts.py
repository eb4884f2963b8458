"""Charts of Insights as matplotlib `Figure` objects (object API only: no pyplot, no global state).

Every figure prints well in black and white: series differ by line style and marker, never by colour
alone. The GUI passes a `ChartStyle` made from its palette; reports use the default light style.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import MultipleLocator

from ..analysis.insights import Insights

#: Above this many days daily markers get smaller and sparser so lines stay readable.
DENSE_DAYS = 120


@dataclass(frozen=True)
class ChartStyle:
    """Colours (any matplotlib colour string) and the base font size in points."""

    background: str = "#ffffff"
    foreground: str = "#1f1f1f"
    muted: str = "#8a8a8a"
    grid: str = "#dddddd"
    accent: str = "#1d5fa8"
    accent2: str = "#444444"
    bar: str = "#9fb8d6"
    font_size: float = 9.0

    @classmethod
    def light(cls) -> ChartStyle:
        return cls()

    @classmethod
    def dark(cls) -> ChartStyle:
        return cls(
            background="#2b2b2b",
            foreground="#eaeaea",
            muted="#9a9a9a",
            grid="#474747",
            accent="#7fb2ff",
            accent2="#d0d0d0",
            bar="#4d6f99",
        )


def _style(style: ChartStyle | None, dark: bool) -> ChartStyle:
    return style or (ChartStyle.dark() if dark else ChartStyle.light())


def _figure(style: ChartStyle, figsize: tuple[float, float]) -> Figure:
    return Figure(figsize=figsize, layout=ConstrainedLayoutEngine(h_pad=0.06, w_pad=0.06), facecolor=style.background)


def _dress(ax: Axes, style: ChartStyle, *, ylabel: str = "", title: str = "") -> None:
    """Calm axes: light grid behind, no top/right frame, readable text."""
    ax.set_facecolor(style.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(style.muted)
    ax.tick_params(colors=style.foreground, labelsize=style.font_size)
    ax.grid(True, axis="y", color=style.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    if ylabel:
        ax.set_ylabel(ylabel, color=style.foreground, fontsize=style.font_size)
    if title:
        ax.set_title(title, color=style.foreground, fontsize=style.font_size + 1.5, loc="left")


def _legend(ax: Axes, style: ChartStyle) -> None:
    """Legend above the plot, right-aligned, so it never hides data."""
    legend = ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=style.font_size,
        frameon=False,
        ncols=3,
        borderaxespad=0.2,
        handlelength=2.6,
    )
    for text in legend.get_texts():
        text.set_color(style.foreground)


def _date_axis(ax: Axes, style: ChartStyle, first: date, last: date) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(
            locator,
            formats=["%Y", "%b", "%d %b", "%H:%M", "%H:%M", "%S"],
            zero_formats=["", "%b\n%Y", "%d %b", "%d %b", "%H:%M", "%H:%M"],
            offset_formats=["", "%Y", "%Y", "%d %b %Y", "%d %b %Y", "%d %b %Y"],
        )
    )
    ax.xaxis.get_offset_text().set_color(style.foreground)
    ax.xaxis.get_offset_text().set_fontsize(style.font_size)
    pad = 0.5 if first != last else 3
    ax.set_xlim(mdates.date2num(first) - pad, mdates.date2num(last) + pad)


def _empty(ax: Axes, style: ChartStyle, text: str) -> None:
    ax.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        transform=ax.transAxes,
        color=style.muted,
        fontsize=style.font_size + 1,
    )
    ax.set_xticks([])


def _marker_args(n_days: int) -> dict[str, Any]:
    dense = n_days > DENSE_DAYS
    return {"markersize": 2.5 if dense else 4.5, "markevery": max(1, n_days // 60) if dense else None}


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def score_over_time(
    style: ChartStyle,
    figsize: tuple[float, float],
    *,
    title: str,
    ylabel: str,
    empty_text: str,
    daily: Sequence[tuple[date, float]],
    rolling: Sequence[tuple[date, float | None]],
    daily_look: dict[str, Any],
    rolling_look: dict[str, Any],
) -> Figure:
    """A 0–10 score by day: the daily values as points and the 7-day average as a line (pain, mood)."""
    fig = _figure(style, figsize)
    ax = fig.add_subplot()
    _dress(ax, style, ylabel=ylabel, title=title)
    ax.set_ylim(0, 10.4)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    if not daily:
        _empty(ax, style, empty_text)
        return fig
    days = [day for day, _ in daily]
    ax.plot(
        days,  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
        [value for _, value in daily],
        linestyle="none",
        markersize=_marker_args(len(days))["markersize"],
        **daily_look,
    )
    if any(value is not None for _, value in rolling):
        ax.plot(
            [day for day, _ in rolling],  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
            [_nan(value) for _, value in rolling],
            label="7-day average",
            **rolling_look,
        )
    _date_axis(ax, style, days[0], days[-1])
    _legend(ax, style)
    return fig


def pain_over_time(
    insights: Insights, *, style: ChartStyle | None = None, dark: bool = False, figsize: tuple[float, float] = (8, 3.2)
) -> Figure:
    """Daily average pain (light points) and the 7-day average (bold line) on a 0–10 axis."""
    s = _style(style, dark)
    return score_over_time(
        s,
        figsize,
        title="Pain over time",
        ylabel="Pain (0–10)",
        empty_text="No entries in this period",
        daily=[(d.day, d.pain) for d in insights.days],
        rolling=[(p.day, p.pain) for p in insights.rolling],
        daily_look={"marker": "o", "color": s.muted, "alpha": 0.75, "label": "Daily average"},
        rolling_look={"color": s.accent, "linewidth": 2.6, "linestyle": "-"},
    )


def pain_by_time_of_day(
    insights: Insights, *, style: ChartStyle | None = None, dark: bool = False, figsize: tuple[float, float] = (4.5, 3)
) -> Figure:
    """Average pain per part of the local day, one bar each, labelled with the number of entries."""
    s = _style(style, dark)
    fig = _figure(s, figsize)
    ax = fig.add_subplot()
    _dress(ax, s, ylabel="Average pain (0–10)", title="Pain by time of day")
    ax.set_ylim(0, 11.2)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    parts = insights.time_of_day
    if not any(t.n for t in parts):
        _empty(ax, s, "No entries in this period")
        return fig
    names = [f"{t.label}\n{t.start_hour:02d}–{t.end_hour:02d}" for t in parts]
    heights = [t.mean_pain or 0.0 for t in parts]
    bars = ax.bar(names, heights, color=s.bar, edgecolor=s.foreground, linewidth=0.8, width=0.65)
    for bar, part in zip(bars, parts):
        label = f"{part.mean_pain:.1f}\nn = {part.n}" if part.mean_pain is not None else "no\nentries"
        ax.annotate(
            label,
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=s.foreground,
            fontsize=s.font_size - 0.5,
        )
    ax.tick_params(axis="x", length=0)
    return fig


def mood_sleep_vs_pain(
    insights: Insights, *, style: ChartStyle | None = None, dark: bool = False, figsize: tuple[float, float] = (8, 4.2)
) -> Figure:
    """Two stacked panels sharing the date axis: pain and mood (0–10) above, hours of sleep below."""
    s = _style(style, dark)
    fig = _figure(s, figsize)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    _dress(top, s, ylabel="Rating (0–10)", title="Pain, mood and sleep")
    _dress(bottom, s, ylabel="Sleep (hours)")
    top.set_ylim(0, 10.4)
    top.yaxis.set_major_locator(MultipleLocator(2))
    if not insights.days:
        _empty(top, s, "No entries in this period")
        bottom.set_xticks([])
        return fig
    days = [d.day for d in insights.days]
    marks = _marker_args(len(days))
    rolling = insights.rolling
    r_days = [p.day for p in rolling]
    top.plot(
        r_days,
        [_nan(p.pain) for p in rolling],
        color=s.accent,
        linewidth=2.4,
        linestyle="-",
        marker="o",
        markersize=marks["markersize"],
        markevery=marks["markevery"],
        label="Pain, 7-day average",
    )
    if any(p.mood is not None for p in rolling):
        top.plot(
            r_days,
            [_nan(p.mood) for p in rolling],
            color=s.accent2,
            linewidth=1.8,
            linestyle="--",
            marker="s",
            markersize=marks["markersize"],
            markevery=marks["markevery"],
            markerfacecolor="none",
            label="Mood, 7-day average (higher = better)",
        )
    _legend(top, s)
    sleep_days = [d for d in insights.days if d.sleep_hours is not None]
    if sleep_days:
        bottom.plot(
            [d.day for d in sleep_days],
            [d.sleep_hours for d in sleep_days],
            linestyle="none",
            marker="^",
            color=s.muted,
            alpha=0.75,
            markersize=marks["markersize"],
            label="Sleep that night",
        )
        bottom.plot(
            r_days,
            [_nan(p.sleep_hours) for p in rolling],
            color=s.foreground,
            linewidth=1.8,
            linestyle="-",
            label="Sleep, 7-day average",
        )
        top_hours = max(d.sleep_hours or 0 for d in sleep_days)
        bottom.set_ylim(0, max(10, math.ceil(top_hours) + 1))
        bottom.yaxis.set_major_locator(MultipleLocator(2 if top_hours <= 12 else 4))
        bottom.axhline(6, color=s.muted, linewidth=0.9, linestyle="-.", zorder=1)
        bottom.annotate(
            "6 h",
            (1.0, 6),
            xycoords=("axes fraction", "data"),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            color=s.muted,
            fontsize=s.font_size - 0.5,
        )
        _legend(bottom, s)
    else:
        _empty(bottom, s, "No sleep recorded in this period")
    _date_axis(bottom, s, days[0], days[-1])
    return fig
