"""A QWidget hosting one matplotlib Figure. The only module that touches backend_qtagg.

matplotlib is imported lazily, the first time a figure is shown, so the first window never waits for it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ...reports.charts import ChartStyle


def _hex(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(_rgb(a), _rgb(b))))


def _rgb(color: QColor) -> tuple[float, float, float]:
    return color.redF(), color.greenF(), color.blueF()


def palette_style(widget: QWidget) -> ChartStyle:
    """Chart colours and text size taken from the widget's palette and font (light or dark)."""
    from ...reports.charts import ChartStyle

    pal = widget.palette()
    window = pal.color(QPalette.ColorRole.Window)
    text = pal.color(QPalette.ColorRole.WindowText)
    highlight = pal.color(QPalette.ColorRole.Highlight)
    dark = window.lightness() < 128
    accent = _mix(highlight, QColor("white"), 0.3) if dark else _mix(highlight, QColor("black"), 0.15)
    point_size = widget.font().pointSizeF()
    return ChartStyle(
        background=_hex(window),
        foreground=_hex(text),
        muted=_hex(_mix(window, text, 0.55)),
        grid=_hex(_mix(window, text, 0.15)),
        accent=_hex(accent),
        accent2=_hex(_mix(window, text, 0.8)),
        bar=_hex(_mix(window, highlight, 0.55)),
        font_size=max(8.0, point_size * 0.9) if point_size > 0 else 9.0,
    )


def _ensure_backend() -> type:
    """Import matplotlib's Qt backend, making sure it uses PySide6 (never a second Qt binding)."""
    os.environ.setdefault("QT_API", "pyside6")
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    return FigureCanvasQTAgg


class ChartCanvas(QWidget):
    """Shows one Figure at a time; `set_figure` replaces it. Not a Tab stop (charts are not interactive)."""

    def __init__(self, parent: QWidget | None = None, *, min_height_lines: float = 16) -> None:
        super().__init__(parent)
        self.setObjectName("chartCanvas")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._canvas: QWidget | None = None
        self.setMinimumHeight(int(self.fontMetrics().height() * min_height_lines))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    @property
    def figure(self) -> Figure | None:
        return self._canvas.figure if self._canvas is not None else None  # type: ignore[attr-defined]

    def set_figure(self, figure: Figure) -> None:
        canvas_class = _ensure_backend()
        canvas = canvas_class(figure)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.setAccessibleName(self.accessibleName())
        canvas.setAccessibleDescription(self.accessibleDescription())
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.hide()
            self._canvas.deleteLater()
        self._canvas = canvas
        self._layout.addWidget(canvas)

    def set_description(self, name: str, description: str) -> None:
        """What screen readers say for the chart: a name and a plain-text summary of it."""
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        if self._canvas is not None:
            self._canvas.setAccessibleName(name)
            self._canvas.setAccessibleDescription(description)
