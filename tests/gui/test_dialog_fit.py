"""Every dialog fits the screen, from 200 % text on 1366×768 to 100 % text on 1024×600 (issue 18).

The minimum size never exceeds the available screen, the window opens no larger than it, the buttons stay
visible below the scrolling body, and the last field of the body can be scrolled into view.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QWidget

from paincompanion.gui.dialogs import sizing

from .dialog_catalogue import DIALOG_BUILDERS, missing_dialog_classes

SCREENS = [
    pytest.param(2.0, QRect(0, 0, 1366, 768), id="200pc-1366x768"),
    pytest.param(1.0, QRect(0, 0, 1024, 600), id="100pc-1024x600"),
]


@pytest.fixture
def screen_and_text(qapp, request):
    """Apply a text scale and a pretend screen; both are put back afterwards."""
    original = QApplication.font()

    def apply(scale: float, screen: QRect) -> None:
        font = QApplication.font()
        font.setPointSizeF(original.pointSizeF() * scale)
        QApplication.setFont(font)
        sizing.set_screen_override(screen)

    yield apply
    QApplication.setFont(original)
    sizing.set_screen_override(None)


def _inside(child: QWidget, ancestor: QWidget) -> bool:
    parent = child.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False


def _footer_buttons(window: QWidget) -> list[QAbstractButton]:
    scroll = sizing.scroll_area_of(window)
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    if scroll is not None:
        return [b for b in buttons if not _inside(b, scroll)]
    return [b for b in buttons if b.parentWidget() is not None and "ButtonBox" in type(b.parentWidget()).__name__]


def _last_field(body: QWidget) -> QWidget | None:
    """The focusable widget lowest in the body (what a patient would reach last)."""
    fields = [
        w
        for w in body.findChildren(QWidget)
        if w.isVisibleTo(body) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
    ]
    if not fields:
        return None
    return max(fields, key=lambda w: (w.mapTo(body, QPoint(0, w.height())).y(), w.mapTo(body, QPoint(0, 0)).x()))


@pytest.mark.parametrize("name", sorted(DIALOG_BUILDERS))
@pytest.mark.parametrize(("scale", "screen"), SCREENS)
def test_dialog_fits_the_screen(qtbot, ctx, app_paths, screen_and_text, name, scale, screen):
    screen_and_text(scale, screen)
    window = DIALOG_BUILDERS[name](ctx, app_paths)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    limit = screen.size()

    needed = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert needed.width() <= limit.width() and needed.height() <= limit.height(), f"{name} needs {needed}"
    assert window.width() <= limit.width() and window.height() <= limit.height(), f"{name} opens at {window.size()}"

    buttons = _footer_buttons(window)
    assert buttons, f"{name} shows no buttons outside its scrolling body"
    for button in buttons:
        top_left = button.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(QRect(top_left, button.size())), f"{button.text()!r} of {name} is cut off"

    scroll = sizing.scroll_area_of(window)
    if scroll is None:  # a text browser or list that scrolls by itself (info, settings, deleted files)
        return
    last = _last_field(scroll.widget())
    if last is None:
        return
    top_left = last.mapTo(scroll.widget(), QPoint(0, 0))
    reach = min(last.height(), scroll.viewport().height())  # a field taller than the view scrolls inside itself
    scroll.ensureVisible(top_left.x(), top_left.y() + reach - 1, 0, 0)  # its bottom edge, as scrolling would
    QApplication.processEvents()
    shown = QRect(last.mapTo(scroll.viewport(), QPoint(0, 0)), last.size()).intersected(scroll.viewport().rect())
    wanted = min(last.height(), scroll.viewport().height())
    assert shown.height() >= wanted * 0.9, f"the last field of {name} ({last.objectName()}) is out of reach"


def test_every_dialog_class_is_covered(qtbot, ctx, app_paths):
    built = [DIALOG_BUILDERS[name](ctx, app_paths) for name in sorted(DIALOG_BUILDERS)]
    for widget in built:
        qtbot.addWidget(widget)
    assert missing_dialog_classes(built) == set()


def test_a_dialog_built_for_a_big_screen_shrinks_when_shown_on_a_small_one(qtbot, ctx, screen_and_text):
    screen_and_text(1.0, QRect(0, 0, 2560, 1440))
    dialog = DIALOG_BUILDERS["routine_editor"](ctx, None)
    qtbot.addWidget(dialog)
    dialog.setMinimumSize(1800, 1000)  # as a dialog that asked for a large minimum would
    sizing.set_screen_override(QRect(0, 0, 1024, 600))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= 1024 and dialog.height() <= 600
    assert dialog.minimumWidth() <= 1024 and dialog.minimumHeight() <= 600


def test_scrollable_keeps_the_buttons_out_of_the_scroll_area(qtbot, screen_and_text):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout

    screen_and_text(1.0, QRect(0, 0, 1024, 600))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    labels = [QLabel(f"Line {i}", dialog) for i in range(80)]  # far taller than the screen
    for label in labels:
        layout.addWidget(label)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    layout.addWidget(buttons)
    scroll = sizing.make_scrollable(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not _inside(buttons, scroll) and buttons.isVisible()
    assert _inside(labels[-1], scroll)
    assert dialog.height() <= 600 - sizing.FRAME.height()
    assert scroll.verticalScrollBar().maximum() > 0
