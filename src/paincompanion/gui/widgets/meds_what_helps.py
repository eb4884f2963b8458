"""Insights ▸ What helps, for medicines: pain before and after rated doses (n ≥ 3 only), and grams per day
and per week for kratom and other items taken by weight (a small chart each, matplotlib imported lazily)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.dose_effect import MIN_N, PATTERNS_NOT_CAUSES, MedicationEffect
from ...errors import PainCompanionError
from ...services.amounts_over_time import WeightSeries, service_weight_series
from ..context import GuiContext
from .chart_canvas import ChartCanvas, palette_style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...reports.charts import ChartStyle

TOO_FEW = (
    f"Rate your pain when you take an as-needed medicine and again about an hour later; after {MIN_N} rated "
    "doses of one medicine, what tends to happen is shown here."
)
CAVEAT = (
    f"{PATTERNS_NOT_CAUSES} Averages of your own 0–10 ratings before and after each dose; many things change "
    f"pain over an hour. Only medicines with at least {MIN_N} doses rated before and after are shown. Talk "
    "with your doctor or pharmacist before changing a dose."
)


def effects_text(effects: list[MedicationEffect]) -> str:
    """One line per medicine with n ≥ MIN_N; TOO_FEW when there is none."""
    shown = [e.text() for e in effects if e.shown]
    return "\n".join(shown) if shown else TOO_FEW


def amounts_figure(series: WeightSeries, style: ChartStyle | None = None) -> Figure:
    """Grams a day (bars) above grams a week (bars), with product or strain changes as dashed lines."""
    import matplotlib.dates as mdates

    from ...reports.charts import ChartStyle, _date_axis, _dress, _figure

    s = style or ChartStyle.light()
    fig = _figure(s, (8, 3.6))
    day_ax, week_ax = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    first = min(series.days[0][0], series.weeks[0][0])
    last = series.days[-1][0]
    day_ax.bar([mdates.date2num(d) for d, _ in series.days], [t for _, t in series.days], width=0.8,
               color=s.bar, edgecolor=s.accent, linewidth=0.6)  # fmt: skip
    week_ax.bar([mdates.date2num(d) + 3 for d, _ in series.weeks], [t for _, t in series.weeks], width=6,
                color=s.background, edgecolor=s.accent2, hatch="//", linewidth=0.8)  # fmt: skip
    _dress(day_ax, s, ylabel=f"{series.unit} a day", title=f"{series.title}: how much you took")
    _dress(week_ax, s, ylabel=f"{series.unit} a week")
    for day, label in series.changes:
        for ax in (day_ax, week_ax):
            ax.axvline(mdates.date2num(day) - 0.5, color=s.foreground, linestyle="--", linewidth=1)
        day_ax.annotate(label.split(" instead of ")[0], (mdates.date2num(day), 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -2), textcoords="offset points", va="top", fontsize=s.font_size * 0.9,
                        color=s.foreground)  # fmt: skip
    _date_axis(week_ax, s, first, last)
    return fig


class MedsWhatHelps(QWidget):
    """The medicines part of "What helps"; `refresh()` reads the core (fast SQLite reads) and redraws."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medsWhatHelps")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Medicines and supplements", self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.effects_label = self._label("medsEffectLabel", focusable=True)
        self.effects_label.setText("Working out what helps…")
        self.caveat = self._label("medsEffectCaveat", focusable=True)
        self.caveat.setText(CAVEAT)
        self.caveat.hide()
        self.amounts_heading = QLabel("How much you took, by weight", self)
        self.amounts_heading.setFont(font)
        layout.addWidget(self.effects_label)
        layout.addWidget(self.caveat)
        layout.addWidget(self.amounts_heading)
        self.charts_box = QVBoxLayout()
        layout.addLayout(self.charts_box)
        self.charts: list[tuple[ChartCanvas, QLabel]] = []
        self.series: list[WeightSeries] = []

    def _label(self, name: str, *, focusable: bool = False) -> QLabel:
        from ..pages.insights_page import _text

        label = _text(self, name, focusable=focusable)
        return label

    def refresh(self, range_days: int | None = None) -> None:
        """Read the effects (all rated doses) and the amounts of the last `range_days` days (None: all)."""
        today = self.ctx.companion.clock.now().date()
        start = None if range_days is None else today - timedelta(days=range_days - 1)
        try:
            effects = self.ctx.companion.dose_effects.effects()
            self.series = service_weight_series(self.ctx.companion.meds, start, today)
        except PainCompanionError as exc:
            self.effects_label.setText(f"What helps for medicines could not be worked out ({exc}).")
            self.caveat.hide()
            return
        text = effects_text(effects)
        self.effects_label.setText(text)
        self.caveat.setVisible(text != TOO_FEW)
        self.redraw()

    def redraw(self) -> None:
        """Draw the charts of the series last read (also after a light/dark change)."""
        while len(self.charts) > len(self.series):
            canvas, label = self.charts.pop()
            for widget in (canvas, label):
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        while len(self.charts) < len(self.series):
            canvas = ChartCanvas(self, min_height_lines=16)
            canvas.setObjectName(f"amountsChart{len(self.charts)}")
            label = self._label(f"amountsText{len(self.charts)}", focusable=True)
            self.charts_box.addWidget(canvas)
            self.charts_box.addWidget(label)
            self.charts.append((canvas, label))
        self.amounts_heading.setVisible(bool(self.series))
        style = palette_style(self)
        for series, (canvas, label) in zip(self.series, self.charts):
            description = series.text()
            canvas.set_description(f"{series.title} amounts chart", description)
            canvas.set_figure(amounts_figure(series, style))
            label.setText(description)
