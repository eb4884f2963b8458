"""Colours that read in light, dark and high-contrast palettes, all derived from the widget's palette.

Nothing in the GUI hard-codes a text or background colour: it asks here. The few accent colours (an error
red, the severity marks) are checked against the window background and fall back to the palette's own text
colour when they would not reach a 4.5:1 contrast (WCAG 2 AA for normal text).

`apply_theme(app, name)` lets the patient try "dark", "light" or "high-contrast" (`--theme` or
$PAINCOMPANION_THEME); "system" (the default) keeps the desktop's palette, and follows a dark desktop
colour scheme even when the style would otherwise stay light.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

THEMES = ("system", "light", "dark", "high-contrast")
THEME_ENV = "PAINCOMPANION_THEME"
#: WCAG 2 AA for normal-size text.
MIN_CONTRAST = 4.5

_R = QPalette.ColorRole
_G = QPalette.ColorGroup


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` towards `b` (0 = a, 1 = b)."""
    start, end = (a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF())
    return QColor.fromRgbF(*(x + (y - x) * t for x, y in zip(start, end, strict=True)))


def hex_name(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def luminance(color: QColor) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def is_dark(palette: QPalette) -> bool:
    """True when the window background is dark (light text on it)."""
    return palette.color(_R.Window).lightness() < 128


def is_high_contrast(palette: QPalette) -> bool:
    """True for a high-contrast palette (text and background at least 15:1 apart)."""
    return contrast(palette.color(_R.WindowText), palette.color(_R.Window)) >= 15


def readable(color: QColor, palette: QPalette, role: QPalette.ColorRole = _R.Window) -> QColor:
    """`color` when it reads on the palette's `role` background; otherwise the palette's text colour."""
    background = palette.color(role)
    if is_high_contrast(palette) or contrast(color, background) < MIN_CONTRAST:
        text_role = _R.Text if role == _R.Base else _R.WindowText
        return QColor(palette.color(text_role))
    return QColor(color)


def error_colour(palette: QPalette) -> QColor:
    """A red that reads on the window background, light or dark (the palette's text colour in high contrast)."""
    return readable(QColor("#ff8a80") if is_dark(palette) else QColor("#b00020"), palette)


def muted_text(palette: QPalette) -> QColor:
    """Secondary text: softer than the text colour yet still 4.5:1 on the window background."""
    text, window = palette.color(_R.WindowText), palette.color(_R.Window)
    for t in (0.45, 0.35, 0.25, 0.15, 0.0):
        candidate = mix(text, window, t)
        if contrast(candidate, window) >= MIN_CONTRAST:
            return candidate
    return QColor(text)


# --- whole palettes ----------------------------------------------------------------------------------


def _palette(colours: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, name in colours.items():
        palette.setColor(role, QColor(name))
    for role in (_R.WindowText, _R.Text, _R.ButtonText):
        palette.setColor(_G.Disabled, role, QColor(disabled_text))
    return palette


def dark_palette() -> QPalette:
    """A calm dark palette (Fusion); every text colour is well above 4.5:1 on its background."""
    return _palette(
        {
            _R.Window: "#2b2b2b",
            _R.WindowText: "#ececec",
            _R.Base: "#1f1f1f",
            _R.AlternateBase: "#333333",
            _R.ToolTipBase: "#3a3a3a",
            _R.ToolTipText: "#ececec",
            _R.PlaceholderText: "#a6a6a6",
            _R.Text: "#ececec",
            _R.Button: "#3a3a3a",
            _R.ButtonText: "#ececec",
            _R.BrightText: "#ff8a80",
            _R.Light: "#4a4a4a",
            _R.Midlight: "#404040",
            _R.Mid: "#2f2f2f",
            _R.Dark: "#1a1a1a",
            _R.Shadow: "#000000",
            _R.Highlight: "#3270b5",
            _R.HighlightedText: "#ffffff",
            _R.Link: "#8ab4f8",
            _R.LinkVisited: "#c58af9",
        },
        disabled_text="#8a8a8a",
    )


def high_contrast_palette() -> QPalette:
    """White on black with yellow selection, as the common high-contrast desktop themes do."""
    return _palette(
        {
            _R.Window: "#000000",
            _R.WindowText: "#ffffff",
            _R.Base: "#000000",
            _R.AlternateBase: "#1a1a1a",
            _R.ToolTipBase: "#000000",
            _R.ToolTipText: "#ffffff",
            _R.PlaceholderText: "#d0d0d0",
            _R.Text: "#ffffff",
            _R.Button: "#000000",
            _R.ButtonText: "#ffffff",
            _R.BrightText: "#ffff00",
            _R.Light: "#ffffff",
            _R.Midlight: "#c0c0c0",
            _R.Mid: "#808080",
            _R.Dark: "#ffffff",
            _R.Shadow: "#ffffff",
            _R.Highlight: "#ffff00",
            _R.HighlightedText: "#000000",
            _R.Link: "#00ffff",
            _R.LinkVisited: "#ff80ff",
        },
        disabled_text="#b0b0b0",
    )


def light_palette() -> QPalette:
    """Fusion's own light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette() if style is not None else QPalette()


class ReadableStyle(QProxyStyle):
    """The base style, with check boxes and radio buttons that grow with the text and, on a dark or
    high-contrast palette, get a clear outline.

    Fusion draws their outline from the window colour, which all but vanishes on a dark or black window; here
    it is drawn in the text colour (like form_fields.VisibleCheckDelegate does for list items).
    """

    _OUTLINED = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    _INDICATORS = (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    )

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        """Check boxes and radio buttons grow with large text (the styles keep them at 13 px)."""
        size = super().pixelMetric(metric, option, widget)
        if metric in self._INDICATORS:
            metrics = widget.fontMetrics() if widget is not None else QFontMetrics(QApplication.font())
            size = max(size, round(metrics.height() * 0.75))
        return size

    #: Frames that Fusion draws from the window colour: invisible on a black high-contrast window.
    _FRAMED = (
        QStyle.PrimitiveElement.PE_PanelButtonCommand,
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_PanelLineEdit,
        QStyle.PrimitiveElement.PE_Frame,
    )
    _FRAMED_CONTROLS = (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox)

    @staticmethod
    def _outline(option: QStyleOption, painter: QPainter, *, round_box: bool = False, alpha: int = 200) -> None:
        colour = QColor(option.palette.color(_R.Text))
        colour.setAlpha(alpha)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = QRectF(option.rect).adjusted(0.8, 0.8, -0.8, -0.8)
        if round_box:
            painter.drawEllipse(box)
        else:
            painter.drawRoundedRect(box, 2, 2)
        painter.restore()

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self._OUTLINED and is_dark(option.palette):
            self._outline(option, painter, round_box=element == QStyle.PrimitiveElement.PE_IndicatorRadioButton)
        elif element in self._FRAMED and is_high_contrast(option.palette):
            self._outline(option, painter, alpha=255)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in self._FRAMED_CONTROLS and is_high_contrast(option.palette):
            self._outline(option, painter, alpha=255)


def use_readable_style(app: QApplication, base: str | None = None) -> None:
    """Wrap the style in `ReadableStyle` (once)."""
    if isinstance(app.style(), ReadableStyle) and base is None:
        return
    style = ReadableStyle(base) if base else ReadableStyle(app.style().name())
    app.setStyle(style)


def theme_from_env(explicit: str | None = None) -> str:
    """The theme asked for (`--theme`, else $PAINCOMPANION_THEME, else "system"); unknown names mean "system"."""
    name = (explicit or os.environ.get(THEME_ENV, "") or "system").strip().lower()
    return name if name in THEMES else "system"


def apply_theme(app: QApplication, name: str | None = None) -> str:
    """Use the named palette (Fusion, so every platform honours it); returns the theme in effect.

    "system" keeps the desktop's palette, but when the desktop says its colour scheme is dark and the style
    still paints light (some styles ignore the scheme), the dark palette is used so the app matches.
    """
    name = theme_from_env(name)
    if name == "system":
        if is_dark(app.palette()) or QGuiApplication.styleHints().colorScheme() != Qt.ColorScheme.Dark:
            use_readable_style(app)  # the desktop's own style and palette, with visible, text-sized check boxes
            return "system"
        name = "dark"
    use_readable_style(app, "Fusion")
    palette = {"light": light_palette, "dark": dark_palette, "high-contrast": high_contrast_palette}[name]()
    app.setPalette(palette)
    return name
