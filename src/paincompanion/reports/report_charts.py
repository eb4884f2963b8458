"""Charts for the printed appointment summary, as PNG bytes (matplotlib object API, imported lazily).

Printed in black and white: series differ by marker and line style, never by colour alone.
The same input gives the same bytes (no timestamps in the PNG).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date

#: Dots per inch of the embedded PNG: sharp on paper, small in the file.
DPI = 220
#: Pain at or above this is marked with a dashed line ("days at 7 or more").
HIGH_PAIN = 7

DayValue = tuple[date, float | None]


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def pain_trend_png(
    daily: Sequence[DayValue],
    rolling: Sequence[DayValue],
    *,
    width_in: float,
    height_in: float,
    font_size: float = 9.0,
    period: tuple[date, date] | None = None,
    marks: Sequence[tuple[date, str]] = (),
) -> bytes:
    """Daily mean pain as small open circles, the 7-day average as a solid line, a dashed line at 7.

    With `period` the axis spans the whole period (not just the days with entries); `marks` are medicine
    changes (day, "+name" started / "−name" stopped), drawn as dotted vertical lines with a small label.
    """
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine
    from matplotlib.ticker import MultipleLocator

    fig = Figure(
        figsize=(width_in, height_in),
        dpi=DPI,
        facecolor="white",
        layout=ConstrainedLayoutEngine(h_pad=0.03, w_pad=0.03),
    )
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=font_size, colors="black")
    ax.grid(True, axis="y", color="#cccccc", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_ylim(0, 10.3)
    ax.yaxis.set_major_locator(MultipleLocator(2))
    ax.set_ylabel("Pain (0–10)", fontsize=font_size)
    ax.axhline(HIGH_PAIN, color="black", linewidth=0.9, linestyle=(0, (4, 3)), zorder=1, label="Pain 7")

    points = [(d, v) for d, v in daily if v is not None]
    days = [d for d, _ in daily] + [d for d, _ in rolling] + (list(period) if period else [])
    for day, text in marks:
        ax.axvline(day, color="#555555", linewidth=0.7, linestyle=(0, (1, 2)), zorder=1)  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
        ax.text(day, 10.25, " " + text[:18], rotation=90, va="top", ha="right", fontsize=font_size - 2,  # type: ignore[arg-type]  # a date, as above
                color="#333333")  # fmt: skip
    if points:
        ax.plot(
            [d for d, _ in points],  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
            [v for _, v in points],
            linestyle="none",
            marker="o",
            markersize=3.0 if len(points) <= 120 else 1.8,
            markerfacecolor="white",
            markeredgecolor="#555555",
            markeredgewidth=0.7,
            label="Daily average",
        )
    if any(v is not None for _, v in rolling):
        ax.plot(
            [d for d, _ in rolling],  # type: ignore[arg-type]  # dates: matplotlib converts them, its hints say float
            [_nan(v) for _, v in rolling],
            color="black",
            linewidth=1.8,
            linestyle="-",
            label="7-day average",
        )
    if days:
        first, last = min(days), max(days)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(
            mdates.ConciseDateFormatter(
                locator,
                formats=["%Y", "%b", "%d %b", "%H:%M", "%H:%M", "%S"],
                zero_formats=["", "%b %Y", "%d %b", "%d %b", "%H:%M", "%H:%M"],
                offset_formats=["", "", "", "", "", ""],
            )
        )
        ax.xaxis.get_offset_text().set_fontsize(font_size)
        pad = 0.8 if first != last else 3
        ax.set_xlim(mdates.date2num(first) - pad, mdates.date2num(last) + pad)
    else:
        ax.set_xticks([])
        ax.text(0.5, 0.5, "No entries in this period", ha="center", va="center", transform=ax.transAxes,
                fontsize=font_size + 1, color="#555555")  # fmt: skip
    legend = ax.legend(
        loc="lower right",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=font_size,
        frameon=False,
        ncols=3,
        borderaxespad=0.1,
        handlelength=2.4,
    )
    legend.set_zorder(5)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None}, pil_kwargs={"optimize": False})
    return out.getvalue()
