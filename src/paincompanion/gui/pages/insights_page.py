"""Insights page: pain over time, by time of day and by place, mood and sleep beside it, honest comparisons,
and "what helps": the average change in pain before and after each routine (with at least 3 rated sessions).

The numbers are worked out on a worker thread (and matplotlib is imported there the first time), so
the page never blocks. Nothing is computed until the page is first shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes
from ...domain.routine_log import RoutineEffect
from ...routines.what_helps_text import CAVEAT, MIN_SESSIONS, TOO_FEW, what_helps_text
from ...services.insights import MIN_DAYS_PER_SIDE, Insights
from ..background import BackgroundCall, error_text
from ..context import GuiContext
from ..page_layout import wrap_page
from ..widgets.chart_canvas import ChartCanvas, palette_style
from ..widgets.checkins_panel import CheckinsPanel
from ..widgets.meds_what_helps import MedsWhatHelps
from ..widgets.mood_over_time import MoodOverTime

RANGES: tuple[tuple[int | None, str, str], ...] = (
    (30, "30 days", "Last 30 days"),
    (90, "90 days", "Last 90 days"),
    (365, "365 days", "Last 365 days"),
    (None, "All", "All entries"),
)
DEFAULT_RANGE = 90
EMPTY_TEXT = "Add entries for a few days to see patterns."
NO_COMPARISONS = (
    f"No comparisons yet. Each one needs at least {MIN_DAYS_PER_SIDE} days on both sides, for example "
    f"{MIN_DAYS_PER_SIDE} nights under 6 hours of sleep and {MIN_DAYS_PER_SIDE} nights of 6 hours or more."
)
DEBOUNCE_MS = 300


def _heading(text: str, parent: QWidget, scale: float = 1.15) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class _ResultLabel(QLabel):
    """A label that can take keyboard focus and shows it with a clear frame (not just a text caret)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(1, 1, -1, -1))
            painter.end()


def _text(parent: QWidget, name: str, *, focusable: bool = False) -> QLabel:
    """Plain text; `focusable` results are Tab stops, so keyboard and screen-reader users land on them."""
    label = _ResultLabel(parent) if focusable else QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    flags = Qt.TextInteractionFlag.TextSelectableByMouse
    if focusable:
        flags |= Qt.TextInteractionFlag.TextSelectableByKeyboard
    label.setTextInteractionFlags(flags)
    if focusable:
        label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # QLabel alone would only take click focus
        label.setMargin(4)
    return label


class InsightsPage(QWidget):
    """Charts and honest comparisons computed from the diary, for 30/90/365 days or everything."""

    page_title = "Insights"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsPage")
        self._ctx = ctx
        self._call = BackgroundCall(self, "Insights could not be worked out")
        self._helps_call = BackgroundCall(self, "What helps could not be worked out", share_thread_with=self._call)
        self._helps_dirty = True
        self.what_helps: list[RoutineEffect] | None = None  # once worked out
        self._dirty = True
        self._range: int | None = DEFAULT_RANGE
        self.insights: Insights | None = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._helps_debounce = QTimer(self)
        self._helps_debounce.setSingleShot(True)
        self._helps_debounce.setInterval(DEBOUNCE_MS)
        self._helps_debounce.timeout.connect(self.refresh_what_helps)
        self._meds_dirty = True
        self._meds_debounce = QTimer(self)
        self._meds_debounce.setSingleShot(True)
        self._meds_debounce.setInterval(DEBOUNCE_MS)
        self._meds_debounce.timeout.connect(self.refresh_meds)
        self._restyle = QTimer(self)
        self._restyle.setSingleShot(True)
        self._restyle.setInterval(50)
        self._restyle.timeout.connect(lambda: self.insights is not None and self._draw_charts(self.insights))
        self._build()
        ctx.bus.operation_did_execute.connect(self._on_operation)

    def focus_first(self) -> None:
        """The keyboard starts on the chosen period (the intro text before it is a Tab stop for screen readers)."""
        self.range_buttons[self._range].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        body = QWidget(self)
        body.setObjectName("insightsBody")
        outer = QVBoxLayout(body)
        intro = _text(body, "insightsIntro", focusable=True)  # a screen reader reaches every text by Tab
        intro.setText("Patterns in your diary. They show what tends to go together, not what causes what.")
        outer.addWidget(intro)
        bar = QHBoxLayout()
        show = QLabel("Show:", body)
        bar.addWidget(show)
        # No QButtonGroup: Qt makes a group (exclusive or not) a single Tab stop whose other buttons only
        # arrow keys reach, which keyboard users rarely guess. Every button is a Tab stop; the page keeps one checked.
        self.range_buttons: dict[int | None, QPushButton] = {}
        for days, text, name in RANGES:
            button = QPushButton(text, body)
            button.setObjectName(f"range{days or 'All'}Button")
            button.setCheckable(True)
            button.setAccessibleName(f"Show {name.lower()}")
            button.setProperty("plainText", text)
            self.range_buttons[days] = button
            bar.addWidget(button)
            button.clicked.connect(lambda _=False, d=days: self.set_range(d))
        bar.addStretch(1)
        outer.addLayout(bar)
        for value, button in self.range_buttons.items():
            self._mark(button, value == self._range)
        self.summary = _text(body, "insightsSummary", focusable=True)
        outer.addWidget(self.summary)
        outer.addWidget(CheckinsPanel(self._ctx, body, with_buttons=False))  # goals with progress (issue 20)
        column = outer
        self.empty_label = _heading(EMPTY_TEXT, body, 1.2)
        self.empty_label.setObjectName("insightsEmptyLabel")
        self.empty_label.setWordWrap(True)
        column.addWidget(self.empty_label)
        self.empty_detail = _text(body, "insightsEmptyDetail")
        column.addWidget(self.empty_detail)
        self.content = QWidget(body)
        column.addWidget(self.content)
        self._build_content(self.content)
        self.mood_over_time = MoodOverTime(body)  # also without pain entries (records without a pain score)
        column.addWidget(self.mood_over_time)
        column.addSpacing(self.fontMetrics().height())
        column.addWidget(self._build_what_helps(body))  # made after the content: last in the Tab order too
        column.addStretch(1)
        # The one scroll area of the page; a Tab stop of its own, so arrow keys and Page Down scroll the charts.
        self.page_scroll = wrap_page(
            self, body, name="insightsScroll", accessible_name="Insights for the chosen period", focusable=True
        )
        QWidget.setTabOrder(self.summary, self.page_scroll)
        QWidget.setTabOrder(self.page_scroll, self.comparisons_label)

    def _build_what_helps(self, parent: QWidget) -> QWidget:
        """Shown whether or not the diary has entries: sessions are logged apart from entries."""
        section = QWidget(parent)
        section.setObjectName("whatHelpsSection")
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_heading("What helps", section))
        self.what_helps_label = _text(section, "whatHelpsLabel", focusable=True)
        self.what_helps_label.setText("Working out what helps…")
        layout.addWidget(self.what_helps_label)
        self.what_helps_caveat = _text(section, "whatHelpsCaveat", focusable=True)
        self.what_helps_caveat.setText(CAVEAT)
        self.what_helps_caveat.hide()
        layout.addWidget(self.what_helps_caveat)
        self.meds_helps = MedsWhatHelps(self._ctx, section)  # issue 16: medicines, and amounts by weight
        layout.addWidget(self.meds_helps)
        return section

    def _build_content(self, content: QWidget) -> None:
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(int(self.fontMetrics().height() * 0.8))
        self.pain_chart = ChartCanvas(content, min_height_lines=17)
        self.pain_chart.setObjectName("painOverTimeChart")
        self.time_chart = ChartCanvas(content, min_height_lines=15)
        self.time_chart.setObjectName("timeOfDayChart")
        self.mood_chart = ChartCanvas(content, min_height_lines=21)
        self.mood_chart.setObjectName("moodSleepChart")
        comparisons = QWidget(content)
        comp_layout = QVBoxLayout(comparisons)
        comp_layout.setContentsMargins(0, 0, 0, 0)
        comp_layout.addWidget(_heading("Comparisons", comparisons))
        self.comparisons_label = _text(comparisons, "comparisonsLabel", focusable=True)
        comp_layout.addWidget(self.comparisons_label)
        lists = QWidget(content)
        lists_layout = QVBoxLayout(lists)
        lists_layout.setContentsMargins(0, 0, 0, 0)
        lists_layout.addWidget(_heading("Where it hurts most often", lists, 1.0))
        self.locations_label = _text(lists, "topLocationsLabel", focusable=True)
        lists_layout.addWidget(self.locations_label)
        lists_layout.addWidget(_heading("How the pain feels most often", lists, 1.0))
        self.qualities_label = _text(lists, "topQualitiesLabel", focusable=True)
        lists_layout.addWidget(self.qualities_label)
        lists_layout.addStretch(1)
        grid.addWidget(self.pain_chart, 0, 0, 1, 2)
        grid.addWidget(comparisons, 1, 0, 1, 2)
        grid.addWidget(self.time_chart, 2, 0)
        grid.addWidget(lists, 2, 1)
        grid.addWidget(self.mood_chart, 3, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.content.hide()
        self.empty_label.setText("Working out your patterns…")

    # --- behaviour --------------------------------------------------------------------------------

    @property
    def range_days(self) -> int | None:
        return self._range

    def set_range(self, days: int | None) -> None:
        """Show the last `days` days (None: everything) and recompute."""
        if days not in self.range_buttons:
            raise ValueError(f"unknown range {days!r}")
        for value, button in self.range_buttons.items():
            self._mark(button, value == days)
        if days != self._range:
            self._range = days
            self._meds_dirty = True  # the amounts charts follow the chosen period
            self.refresh()

    @staticmethod
    def _mark(button: QPushButton, checked: bool) -> None:
        """The chosen range is bold with a tick: told apart by shape, not by colour alone."""
        button.setChecked(checked)
        font = QFont(button.font())
        font.setBold(checked)
        button.setFont(font)
        text = button.property("plainText")
        button.setText(f"✓ {text}" if checked else text)

    def is_busy(self) -> bool:
        """True while a computation or a redraw is running or queued (tests wait on this)."""
        calls = (self._call, self._helps_call)
        timers = (self._debounce, self._helps_debounce, self._meds_debounce, self._restyle)
        return any(call.busy for call in calls) or any(timer.isActive() for timer in timers)

    def refresh(self) -> None:
        """Recompute on the worker thread; older results still on their way are ignored."""
        self._debounce.stop()
        self._dirty = False
        service, range_days = self._ctx.companion.insights, self._range
        self.summary.setText("Working out your patterns…" if self.insights is None else self.summary.text())

        def work() -> Insights:
            insights = service.build(range_days)
            from ...reports import charts  # noqa: F401  (import cost paid here, not on the GUI thread)

            return insights

        self._call.start(work, self._on_done, self._on_failed)
        if self._helps_dirty:
            self.refresh_what_helps()

    def refresh_what_helps(self) -> None:
        """Recompute "what helps" on the worker thread (it follows routine sessions, not the chosen range)."""
        self._helps_debounce.stop()
        routines = getattr(self._ctx.companion, "routines", None)
        if routines is None:
            return
        self._helps_dirty = False
        self._helps_call.start(lambda: routines.what_helps(MIN_SESSIONS), self._on_helps_done, self._on_helps_failed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        elif self._helps_dirty:
            self.refresh_what_helps()

    def _on_operation(self, changes: Changes) -> None:
        if changes.medications:
            self._meds_dirty = True
            if self.isVisible() and self.insights is not None:
                self._meds_debounce.start()
        if changes.routines:
            if self.isVisible():
                self._helps_debounce.start()
            else:
                self._helps_dirty = True
        if not changes.entries:
            return
        if self.isVisible():
            self._debounce.start()
        else:
            self._dirty = True

    def _on_helps_done(self, effects: list[RoutineEffect]) -> None:
        self.what_helps = list(effects)
        text = what_helps_text(self.what_helps)
        self.what_helps_label.setText(text)
        self.what_helps_caveat.setVisible(text != TOO_FEW)

    def _on_helps_failed(self, exc: BaseException) -> None:
        self.what_helps_label.setText(f"What helps could not be worked out. {error_text(exc)}")
        self.what_helps_caveat.hide()

    def _on_failed(self, exc: BaseException) -> None:
        self.summary.setText(f"Your patterns could not be worked out. {error_text(exc)}")

    def _on_done(self, insights: Insights) -> None:
        self.insights = insights
        self._show(insights)
        if self._meds_dirty:  # after the first build: matplotlib is imported by then
            self.refresh_meds()

    def refresh_meds(self) -> None:
        self._meds_debounce.stop()
        self._meds_dirty = False
        self.meds_helps.refresh(self._range)

    def changeEvent(self, event: QEvent) -> None:
        """Follow light/dark and font changes (redrawn once, however many events arrive)."""
        super().changeEvent(event)
        restyle = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.FontChange)
        if event.type() in restyle and self.insights is not None and (self.insights.has_data or self.insights.has_mood):
            self._restyle.start()

    # --- showing ----------------------------------------------------------------------------------

    def _show(self, ins: Insights) -> None:
        few = ins.n_days < MIN_DAYS_PER_SIDE
        self.empty_label.setText(EMPTY_TEXT)
        self.empty_label.setVisible(few)
        self.empty_detail.setVisible(few)
        if not ins.has_data:
            self.mood_over_time.show_insights(ins)
            self.summary.clear()
            if ins.n_entries_all == 0 and ins.has_mood:
                detail = "Your diary has no pain scores yet. Add an entry on the Today page; pain patterns appear here."
            elif ins.n_entries_all == 0:
                detail = "Your diary has no entries yet. Add one on the Today page; patterns appear here."
            else:
                detail = f"There are no entries in {ins.period_text}. Choose “All” to include older entries."
            if ins.has_mood:
                detail += " Your mood over time, from records without a pain score, is below."
            self.empty_detail.setText(detail)
            self.content.hide()
            return
        self.summary.setText(ins.summary_text())
        self.empty_detail.setText(f"So far there are entries on {ins.n_days} of the days shown.")
        self.content.show()
        self.locations_label.setText(
            "\n".join(
                f"{i}. {name}: {n} {'entry' if n == 1 else 'entries'}"
                for i, (_, name, n) in enumerate(ins.locations, 1)
            )
            or "No body locations noted in this period."
        )
        self.qualities_label.setText(
            "\n".join(
                f"{i}. {q.capitalize()}: {n} {'entry' if n == 1 else 'entries'}"
                for i, (q, n) in enumerate(ins.qualities, 1)
            )
            or "No pain qualities noted in this period."
        )
        sentences = [c.sentence for c in ins.comparisons]
        self.comparisons_label.setText("\n\n".join(sentences) if sentences else NO_COMPARISONS)
        self._draw_charts(ins)

    def _draw_charts(self, ins: Insights) -> None:
        from ...reports import charts

        style = palette_style(self)
        self.pain_chart.set_description("Pain over time chart", ins.pain_over_time_text())
        self.pain_chart.set_figure(charts.pain_over_time(ins, style=style))
        self.time_chart.set_description("Pain by time of day chart", ins.time_of_day_text())
        self.time_chart.set_figure(charts.pain_by_time_of_day(ins, style=style))
        self.mood_chart.set_description("Pain, mood and sleep chart", ins.mood_sleep_text())
        self.mood_chart.set_figure(charts.mood_sleep_vs_pain(ins, style=style))
        self.mood_over_time.show_insights(ins)
        self.meds_helps.redraw()
