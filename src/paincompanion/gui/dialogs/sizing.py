"""Windows that fit the screen they are on, from 100 % text on 1024×600 to 200 % text on 1366×768.

`make_scrollable` moves a dialog's body into ONE vertical scroll area and keeps its button row below it,
always visible; `fit_to_content` sizes a window to what its content needs, never beyond the available screen;
a small guard re-checks both when the window is shown (it may open on a smaller screen than it was built on).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialogButtonBox,
    QFrame,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

#: Room kept for the window manager's title bar and borders (the available geometry excludes panels only).
FRAME = QSize(16, 40)
#: The smallest window we ever ask for, even on an absurdly small screen.
_FLOOR = QSize(240, 160)

_screen_override: QRect | None = None


def set_screen_override(rect: QRect | None) -> None:
    """Pretend the available screen is `rect` (tests and screenshot scripts); None goes back to the real one."""
    global _screen_override
    _screen_override = QRect(rect) if rect is not None else None


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The free part of the screen `widget` is on (the primary screen when it has none yet)."""
    if _screen_override is not None:
        return QRect(_screen_override)
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 600)


def max_size(widget: QWidget | None = None) -> QSize:
    """The largest window size that still shows in full, title bar included."""
    free = available_geometry(widget).size() - FRAME
    return free.expandedTo(_FLOOR)


def _take(layout: QLayout, target: QWidget | QLayout) -> bool:
    """Remove `target` from `layout` or one of its sub-layouts; True when found."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is target or item.layout() is target:
            layout.takeAt(index)
            return True
        child = item.layout()
        if child is not None and _take(child, target):
            return True
    return False


def _button_boxes(layout: QLayout) -> list[QWidget]:
    widgets = [item.widget() for item in (layout.itemAt(i) for i in range(layout.count())) if item is not None]
    return [w for w in widgets if isinstance(w, QDialogButtonBox)]


def make_scrollable(window: QWidget, *footer: QWidget | QLayout, name: str = "dialogScroll") -> QScrollArea:
    """Put everything of `window`'s layout except `footer` (default: its button boxes) into one scroll area.

    The footer (buttons, and a message line that must stay in sight) stays below the scroll area, always
    visible. The window is then sized to its content, capped at the available screen.
    """
    old = window.layout()
    if old is None:
        raise ValueError("make_scrollable needs a window with a layout")
    margins = old.contentsMargins()
    kept = list(footer) or _button_boxes(old)
    for part in kept:
        _take(old, part)
    body = QWidget()
    body.setObjectName(f"{name}Body")
    body.setLayout(old)  # takes the layout off the window and re-parents its widgets to the body
    old.setContentsMargins(margins.left(), margins.top(), margins.right(), margins.bottom() // 2)
    scroll = QScrollArea(window)
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields; the area follows the focus
    scroll.setWidget(body)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(0)
    outer.addWidget(scroll, 1)
    if kept:
        bottom = QVBoxLayout()
        bottom.setContentsMargins(margins.left(), margins.bottom() // 2, margins.right(), margins.bottom())
        for part in kept:
            if isinstance(part, QWidget):
                bottom.addWidget(part)
            else:
                bottom.addLayout(part)
        outer.addLayout(bottom)
    window.fit_scroll = scroll  # type: ignore[attr-defined]
    guard_screen(window)
    fit_to_content(window, keep_requested=True)
    return scroll


def use_scroll(window: QWidget, scroll: QScrollArea) -> QScrollArea:
    """For a window that already holds its body in one scroll area (with its buttons outside it): size it to
    its content and keep it within the screen, like `make_scrollable` does."""
    window.fit_scroll = scroll  # type: ignore[attr-defined]
    guard_screen(window)
    fit_to_content(window, keep_requested=True)
    return scroll


def cap_to_screen(window: QWidget) -> None:
    """For a window whose content scrolls by itself (a text browser): only keep it within the screen."""
    guard_screen(window)
    keep_on_screen(window)


def scroll_area_of(window: QWidget) -> QScrollArea | None:
    """The scroll area `make_scrollable` made for `window`, if any."""
    scroll = getattr(window, "fit_scroll", None)
    return scroll if isinstance(scroll, QScrollArea) else None


def _layout_height(layout: QLayout, width: int) -> int:
    layout.activate()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
    return max(height, layout.totalMinimumSize().height())


def content_size(window: QWidget, width: int | None = None) -> QSize:
    """The size `window` needs to show everything without scrolling, at `width` (default: its preferred width)."""
    scroll = scroll_area_of(window)
    layout = window.layout()
    if layout is None:
        return window.sizeHint()
    layout.activate()
    if scroll is None or scroll.widget() is None:
        if width is None:
            width = max(window.minimumWidth(), window.sizeHint().width())
        return QSize(width, _layout_height(layout, width))
    body = scroll.widget()
    if body is None:  # an empty scroll area: only the rest of the window counts
        return window.sizeHint() if width is None else QSize(width, window.sizeHint().height())
    body_layout = body.layout()
    if width is None:
        width = max(window.minimumWidth(), body.sizeHint().width(), body.minimumSizeHint().width())
    # Worked out a scroll bar narrower: if one shows after all, the wrapped text still fits (no bar for nothing).
    inner = max(1, width - scroll.verticalScrollBar().sizeHint().width())
    body_height = _layout_height(body_layout, inner) if body_layout is not None else body.sizeHint().height()
    rest = max(0, layout.totalSizeHint().height() - scroll.sizeHint().height())  # the footer and its margins
    return QSize(width, body_height + rest + 2 * scroll.frameWidth())


def cap_minimum(window: QWidget) -> None:
    """Never ask for a minimum size larger than the screen."""
    limit = max_size(window)
    if window.minimumWidth() > limit.width():
        window.setMinimumWidth(limit.width())
    if window.minimumHeight() > limit.height():
        window.setMinimumHeight(limit.height())


def fit_to_content(window: QWidget, width: int | None = None, *, keep_requested: bool = False) -> None:
    """Resize to show the content in full at `width` (it becomes the minimum width), capped at the screen.

    With `keep_requested`, a size the window asked for earlier (resize()) is kept when it is larger.
    """
    if width is not None:
        window.setMinimumWidth(width)
    cap_minimum(window)
    limit = max_size(window)
    requested = keep_requested and window.testAttribute(Qt.WidgetAttribute.WA_Resized)
    if width is None:
        width = content_size(window).width()
        if requested:
            width = max(width, window.width())
    wanted = content_size(window, min(width, limit.width()))  # the height at the width it will have
    if requested:
        wanted = wanted.expandedTo(window.size())
    scroll = scroll_area_of(window)
    if scroll is not None and wanted.height() > limit.height():
        wanted.setWidth(wanted.width() + scroll.verticalScrollBar().sizeHint().width())
    window.resize(wanted.boundedTo(limit).expandedTo(window.minimumSize()))


def fit_height(window: QWidget, width: int | None = None) -> None:
    """Keep the width (or take `width`) and make the window as tall as its content there, within the screen."""
    cap_minimum(window)
    limit = max_size(window)
    width = min(max(width or window.width(), window.minimumWidth()), limit.width())
    height = content_size(window, width).height()
    window.resize(width, min(max(height, window.minimumHeight()), limit.height()))


def keep_on_screen(window: QWidget) -> None:
    """Cap the minimum and current size at the available screen; move a top-level window back onto it."""
    cap_minimum(window)
    limit = max_size(window)
    if window.width() > limit.width() or window.height() > limit.height():
        window.resize(window.size().boundedTo(limit))
    if window.isWindow() and window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        free = available_geometry(window)
        x = min(max(window.x(), free.left()), max(free.left(), free.right() - window.width() - FRAME.width()))
        y = min(max(window.y(), free.top()), max(free.top(), free.bottom() - window.height() - FRAME.height()))
        if (x, y) != (window.x(), window.y()):
            window.move(x, y)


class _ScreenGuard(QObject):
    """Re-checks the size when the window is shown: it may open on another, smaller screen."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            keep_on_screen(watched)
        return False


def guard_screen(window: QWidget) -> None:
    """Keep `window` within the available screen each time it is shown (idempotent)."""
    if window.findChild(_ScreenGuard, "screenGuard", Qt.FindChildOption.FindDirectChildrenOnly) is None:
        guard = _ScreenGuard(window)
        guard.setObjectName("screenGuard")
        window.installEventFilter(guard)


def grow_to_content(window: QWidget) -> None:
    """Grow (never shrink) the height to what the content now needs at the current width, up to the screen."""
    if window.layout() is None:
        return
    wanted = min(content_size(window, window.width()).height(), max_size(window).height())
    if wanted > window.height():
        window.resize(window.width(), wanted)


class _Reflow(QObject):
    """Lays a row of panels out side by side when the window is wide enough for all of them, else stacked."""

    def __init__(self, window: QWidget, box: QBoxLayout) -> None:
        super().__init__(window)
        self.window, self.box = window, box

    def needed_width(self) -> int:
        count = self.box.count()
        items = (self.box.itemAt(i) for i in range(count))
        parts = sum(item.minimumSize().width() for item in items if item is not None)
        margins = self.window.fontMetrics().height() * 3  # window margins and a scroll bar
        return parts + self.box.spacing() * max(0, count - 1) + margins

    def apply(self, width: int) -> None:
        wide = width >= self.needed_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.box.direction() != direction:
            self.box.setDirection(direction)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply(self.window.width())
        return False


def stack_when_narrow(window: QWidget, box: QBoxLayout) -> None:
    """Put the panels of `box` side by side only while `window` is wide enough; stacked otherwise.

    Call it before `make_scrollable`, so the first size is worked out with the layout the screen allows.
    """
    reflow = _Reflow(window, box)
    reflow.apply(min(max(window.width(), window.sizeHint().width()), max_size(window).width()))
    window.installEventFilter(reflow)


class CurrentPageStack(QWidget):
    """Pages shown one at a time, as large as the page on show (a QStackedWidget takes its largest page's
    height, so a short page would scroll for nothing). Hidden pages take no room in the layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, page: QWidget) -> int:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(len(self._pages) == 1)
        return len(self._pages) - 1

    def currentWidget(self) -> QWidget | None:
        return next((page for page in self._pages if not page.isHidden()), None)

    def setCurrentWidget(self, page: QWidget) -> None:
        for other in self._pages:
            if other is not page:
                other.hide()
        page.show()

    def count(self) -> int:
        return len(self._pages)

    def widget(self, index: int) -> QWidget:
        return self._pages[index]
