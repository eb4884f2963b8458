"""Dark and high-contrast palettes: every page and dialog stays readable (issue 18).

Text on labels and buttons reaches 4.5:1 against what it is drawn on, colours written into rich text too;
charts are drawn light on dark; severity marks keep their symbol and word.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget

from paincompanion.gui import theme
from paincompanion.gui.main_window import PAGES, MainWindow
from paincompanion.gui.settings import UiSettings
from paincompanion.gui.widgets.chart_canvas import ChartCanvas, palette_style
from paincompanion.gui.widgets.warnings_panel import SYMBOLS
from paincompanion.services.demo import fill_demo

from .dialog_catalogue import DIALOG_BUILDERS

THEMES = ["dark", "high-contrast"]
_COLOUR = re.compile(r"color\s*:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-z]+)")


@pytest.fixture
def themed(qapp):
    """Apply a theme; the application's palette and style are put back afterwards."""
    palette, style = QApplication.palette(), QApplication.style().name()

    def apply(name: str) -> None:
        assert theme.apply_theme(qapp, name) == name

    yield apply
    QApplication.setStyle(style)
    QApplication.setPalette(palette)


def background_of(widget: QWidget) -> QColor:
    """The colour the widget's text is drawn on: its own or the nearest filled ancestor's background."""
    current: QWidget | None = widget
    while current is not None:
        parent = current.parentWidget()
        if current.autoFillBackground() or current.isWindow():
            return current.palette().color(current.backgroundRole())
        if parent is not None and isinstance(parent, QAbstractScrollArea) and current is parent.viewport():
            return current.palette().color(current.backgroundRole())
        current = parent
    return widget.palette().color(QPalette.ColorRole.Window)


def text_colour_of(widget: QWidget) -> QColor:
    group = QPalette.ColorGroup.Active if widget.isEnabled() else QPalette.ColorGroup.Disabled
    return widget.palette().color(group, widget.foregroundRole())


def unreadable(root: QWidget) -> list[str]:
    """Every visible, enabled label or button under `root` whose text (or a colour in its rich text) is
    below 4.5:1 against its background."""
    problems = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        if not widget.text().strip():
            continue
        background = background_of(widget)
        ratio = theme.contrast(text_colour_of(widget), background)
        if ratio < theme.MIN_CONTRAST:
            problems.append(f"{type(widget).__name__} {widget.objectName()!r} {widget.text()[:30]!r}: {ratio:.1f}:1")
        sources = [widget.text(), widget.styleSheet()]
        for source in sources:
            for name in _COLOUR.findall(source):
                colour = QColor(name)
                if colour.isValid() and theme.contrast(colour, background) < theme.MIN_CONTRAST:
                    problems.append(f"{widget.objectName()!r} writes {name} on {background.name()}")
    return problems


def test_contrast_helper_matches_wcag():
    assert theme.contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert theme.contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert theme.contrast(QColor("#2b2b2b"), QColor("#2b2b2b")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", THEMES)
def test_the_palettes_themselves_are_readable(name):
    palette = theme.dark_palette() if name == "dark" else theme.high_contrast_palette()
    roles = QPalette.ColorRole
    pairs = [
        (roles.WindowText, roles.Window),
        (roles.Text, roles.Base),
        (roles.Text, roles.AlternateBase),
        (roles.ButtonText, roles.Button),
        (roles.HighlightedText, roles.Highlight),
        (roles.PlaceholderText, roles.Base),
        (roles.ToolTipText, roles.ToolTipBase),
        (roles.Link, roles.Base),
    ]
    for text, background in pairs:
        assert theme.contrast(palette.color(text), palette.color(background)) >= theme.MIN_CONTRAST, (text, background)
    disabled = palette.color(QPalette.ColorGroup.Disabled, roles.WindowText)
    assert theme.contrast(disabled, palette.color(roles.Window)) >= 3.0  # still legible when greyed out


def test_accent_colours_fall_back_to_the_text_colour_when_they_would_not_read():
    palette = theme.dark_palette()
    assert theme.readable(QColor("#000080"), palette) == palette.color(QPalette.ColorRole.WindowText)
    assert theme.error_colour(palette) != QColor("#b00020")  # the light-theme red would vanish on dark
    assert theme.contrast(theme.error_colour(palette), palette.color(QPalette.ColorRole.Window)) >= 4.5
    high = theme.high_contrast_palette()
    assert theme.error_colour(high) == high.color(QPalette.ColorRole.WindowText)


@pytest.mark.parametrize("name", THEMES)
def test_every_page_reads_in_the_theme(qtbot, ctx, companion, tmp_path, themed, name):
    themed(name)
    fill_demo(companion, 0.1, 7)
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    problems: dict[str, list[str]] = {}
    for spec in PAGES:
        window.show_page(spec.key)
        QApplication.processEvents()
        page = window.page(spec.key)
        if found := unreadable(page):
            problems[spec.key] = found
    assert problems == {}


@pytest.mark.parametrize("name", THEMES)
def test_every_dialog_reads_in_the_theme(qtbot, ctx, app_paths, themed, name):
    """Each dialog of the catalogue in turn, under one theme (switching the theme per dialog is what costs)."""
    themed(name)
    problems: dict[str, list[str]] = {}
    for dialog in sorted(DIALOG_BUILDERS):
        window = DIALOG_BUILDERS[dialog](ctx, app_paths)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if found := unreadable(window):
            problems[dialog] = found
        window.close()
    assert problems == {}


def test_a_black_label_on_the_dark_window_is_caught(qtbot, themed):
    """The walk above can fail: hard-coded black text on a dark window is reported."""
    themed("dark")
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Hard to read", root)
    label.setStyleSheet("color: black")
    rich = QLabel("<b style='color:#202020'>▲ Major</b>", root)
    rich.move(0, 40)
    root.show()
    qtbot.waitExposed(root)
    problems = unreadable(root)
    assert any("Hard to read" in p for p in problems)
    assert any("#202020" in p for p in problems)


@pytest.mark.parametrize("name", THEMES)
def test_charts_are_light_on_dark(qtbot, themed, name):
    themed(name)
    holder = ChartCanvas()
    qtbot.addWidget(holder)
    style = palette_style(holder)
    background = QColor(style.background)
    assert theme.luminance(background) < 0.1
    for colour in (style.foreground, style.muted, style.accent, style.accent2):
        assert theme.contrast(QColor(colour), background) >= theme.MIN_CONTRAST, colour
    assert theme.luminance(QColor(style.foreground)) > theme.luminance(background)


def test_insights_charts_are_drawn_in_the_dark_palette(qtbot, ctx, companion, tmp_path, themed):
    from matplotlib.colors import to_rgb
    from matplotlib.text import Text

    themed("dark")
    fill_demo(companion, 0.1, 7)
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.show()
    window.show_page("insights")
    page = window.page("insights")
    canvases = page.findChildren(ChartCanvas)
    qtbot.waitUntil(lambda: any(c.figure is not None for c in canvases), timeout=10000)
    for canvas in canvases:
        figure = canvas.figure
        if figure is None:
            continue
        face = QColor.fromRgbF(*figure.get_facecolor()[:3])
        assert theme.luminance(face) < 0.1, "a white chart box on a dark page"
        for text in figure.findobj(Text):
            if not text.get_text().strip() or not text.get_visible():
                continue
            colour = QColor.fromRgbF(*to_rgb(text.get_color()))
            assert theme.contrast(colour, face) >= theme.MIN_CONTRAST, text.get_text()


def test_severity_marks_keep_symbol_and_word_in_dark(qtbot, ctx, companion, tmp_path, themed):
    themed("high-contrast")
    fill_demo(companion, 0.1, 7)
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.show()
    window.show_page("meds")
    QApplication.processEvents()
    marks = [
        label.text()
        for label in window.page("meds").findChildren(QLabel)
        if label.textFormat() != Qt.TextFormat.PlainText and "Major" in label.text()
    ]
    assert marks, "no severity mark on the Medicines page"
    for text in marks:
        assert any(f"{symbol} " in text for symbol in SYMBOLS.values())


def test_theme_option_and_environment_reach_the_gui(monkeypatch):
    import paincompanion.gui.app as gui_app
    from paincompanion.cli.main import main as cli_main

    seen = {}
    monkeypatch.setattr(gui_app, "main", lambda *args, **kwargs: seen.update(kwargs) or 0)
    assert cli_main(["--theme", "high-contrast", "--quit-after-startup"]) == 0
    assert seen["theme"] == "high-contrast"
    monkeypatch.setenv(theme.THEME_ENV, "dark")
    assert theme.theme_from_env(None) == "dark"
    assert theme.theme_from_env("light") == "light"  # the option wins over the environment
    monkeypatch.setenv(theme.THEME_ENV, "neon")
    assert theme.theme_from_env(None) == "system"  # an unknown name changes nothing


def test_system_theme_keeps_the_desktop_palette(qapp, themed):
    before = QApplication.palette().color(QPalette.ColorRole.Window)
    assert theme.apply_theme(qapp, "system") == "system"
    assert QApplication.palette().color(QPalette.ColorRole.Window) == before
    assert isinstance(QApplication.style(), theme.ReadableStyle)
