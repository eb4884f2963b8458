"""Pages that fit small screens and large text: one vertical scroll area per page, and rows of panels that stack.

Every page puts its content in `wrap_page(page, content)`: the page itself then asks for almost no room (the window
is never forced past the screen), the content keeps its minimum height and scrolls vertically, and never scrolls
sideways (the content must fit the width: `ResponsiveRow` stacks side-by-side panels when the row is narrow).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: Breakpoints are given in average character widths of the current font, so they follow the text size.
DEFAULT_STACK_CHARS = 110


class PageScroll(QScrollArea):
    """The one scroll area of a page: vertical only; whatever gets the keyboard focus is scrolled into view."""

    def __init__(self, content: QWidget, parent: QWidget, *, focusable: bool = False) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # Focusable: arrow keys and Page Down scroll the page (for pages of text and charts); otherwise the
        # controls are the Tab stops and the area only follows them.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if focusable else Qt.FocusPolicy.NoFocus)
        self.setWidget(content)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A mnemonic, a click or Tab moved the focus into the page: show that control (and its label)."""
        try:
            content = self.widget()
        except RuntimeError:  # being destroyed
            return
        if new is None or content is None or new is self or not content.isAncestorOf(new):
            return
        margin = new.fontMetrics().height()
        self.ensureWidgetVisible(new, margin, margin)

    def sizeHint(self) -> QSize:
        content = self.widget()
        return content.sizeHint() if content is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        """Small enough for any screen: a few lines high and as wide as the content must be (it never scrolls
        sideways)."""
        content = self.widget()
        lines = self.fontMetrics().height() * 6
        width = content.minimumSizeHint().width() if content is not None else 0
        return QSize(width + self.verticalScrollBar().sizeHint().width(), lines)


def wrap_page(
    page: QWidget, content: QWidget, *, name: str, accessible_name: str, focusable: bool = False
) -> PageScroll:
    """Give `page` a layout holding only `content` inside its page scroll area (named `name`); returns the area."""
    layout = page.layout()
    if layout is None:
        layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    area = PageScroll(content, page, focusable=focusable)
    area.setObjectName(name)
    area.setAccessibleName(accessible_name)
    layout.addWidget(area)
    return area


class TabPage(QWidget):
    """A tab's page that asks for room only while it is the current tab: a short tab does not scroll over the
    empty height of a long one (QTabWidget would otherwise be as tall as its tallest page)."""

    def heightForWidth(self, width: int) -> int:
        return -1 if self.isHidden() else super().heightForWidth(width)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0) if self.isHidden() else super().minimumSizeHint()

    def sizeHint(self) -> QSize:
        return QSize(0, 0) if self.isHidden() else super().sizeHint()

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        parent = self.parentWidget()
        while parent is not None:  # the stack, the tab widget and the page content follow the current tab
            parent.updateGeometry()
            if isinstance(parent, QScrollArea):
                break
            parent = parent.parentWidget()


class ResponsiveRow(QWidget):
    """Panels side by side when there is room, one below the other when the row is narrower than `stack_chars`
    average characters (or than the panels' minimum widths side by side).

    Its minimum width is that of the widest panel alone, so a page never has to scroll sideways."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        stack_chars: int = DEFAULT_STACK_CHARS,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        if name:
            self.setObjectName(name)
        self.stack_chars = stack_chars
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._panels: list[QWidget] = []
        self._stretches: list[int] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def add_panel(self, panel: QWidget, stretch: int = 1) -> None:
        self._panels.append(panel)
        self._stretches.append(stretch)
        self._box.addWidget(panel, stretch)
        panel.installEventFilter(self)

    @property
    def stacked(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.TopToBottom

    def breakpoint(self) -> int:
        """The narrowest width at which the panels stay side by side."""
        visible = [p for p in self._panels if not p.isHidden()]
        side_by_side = sum(p.minimumSizeHint().expandedTo(p.minimumSize()).width() for p in visible)
        side_by_side += self._box.spacing() * max(0, len(visible) - 1)
        return max(self.fontMetrics().averageCharWidth() * self.stack_chars, side_by_side)

    def _arrange(self, width: int) -> None:
        direction = QBoxLayout.Direction.TopToBottom if width < self.breakpoint() else QBoxLayout.Direction.LeftToRight
        if direction != self._box.direction():
            self._box.setDirection(direction)
            for panel, stretch in zip(self._panels, self._stretches, strict=True):
                self._box.setStretchFactor(panel, stretch)
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        visible = [p for p in self._panels if not p.isHidden()]
        hints = [p.minimumSizeHint().expandedTo(p.minimumSize()) for p in visible]
        width = max((h.width() for h in hints), default=0)
        if self.stacked:
            height = sum(h.height() for h in hints) + self._box.spacing() * max(0, len(hints) - 1)
        else:
            height = max((h.height() for h in hints), default=0)
        return QSize(width, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest):
            self._arrange(self.width())
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._arrange(self.width())
