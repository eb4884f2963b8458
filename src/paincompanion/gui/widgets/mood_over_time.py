"""Insights' "Mood over time": the mood of entries and of records without a pain score (Daylio's history,
pain "not rated"). Shown whenever the period has a mood, also when it has no pain entry at all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...analysis.insights import Insights
from .chart_canvas import ChartCanvas, palette_style

NOTE = "Days with a mood but no pain score count here only: no pain average, chart or comparison includes them."


class MoodOverTime(QWidget):
    """Heading, a sentence for screen readers and the chart; hidden when the period has no mood."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodOverTime")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel(self)
        self.text.setObjectName("moodOverTimeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        layout.addWidget(self.text)
        self.chart = ChartCanvas(self, min_height_lines=17)
        self.chart.setObjectName("moodOverTimeChart")
        layout.addWidget(self.chart)
        self.hide()

    def show_insights(self, insights: Insights) -> None:
        if not insights.has_mood:
            self.hide()
            return
        from ...reports.mood_chart import mood_over_time  # matplotlib only once there is something to draw

        summary = insights.mood_over_time_text()
        self.text.setText(summary + (" " + NOTE if insights.n_mood_records else ""))
        self.text.setAccessibleName(summary)
        self.chart.set_description("Mood over time chart", summary)
        self.chart.set_figure(mood_over_time(insights, style=palette_style(self)))
        self.show()
