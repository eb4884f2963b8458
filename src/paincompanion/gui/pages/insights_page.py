"""Insights page: patterns over time (placeholder until the full page lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import GuiContext


class InsightsPage(QWidget):
    """Charts and honest comparisons computed from the diary."""

    page_title = "Insights"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("insightsPage")
        self._ctx = ctx
        layout = QVBoxLayout(self)
        label = QLabel("Add entries for a few days to see patterns.")
        label.setObjectName("insightsEmptyLabel")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addStretch(1)
