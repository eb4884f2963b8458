"""Settings: a list of sections on the left, the chosen section on the right.

Sections live in `gui.settings_sections` (one module each, found automatically); each one saves its own
changes as they are made, so the dialog needs only a Close button.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import settings_sections
from ..context import GuiContext
from .sizing import cap_to_screen


def section_modules() -> list[ModuleType]:
    """Every section module, in their ORDER."""
    modules = [
        importlib.import_module(f"{settings_sections.__name__}.{info.name}")
        for info in pkgutil.iter_modules(settings_sections.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda module: (getattr(module, "ORDER", 100), module.TITLE))


class SettingsDialog(QDialog):
    """Edit > Settings… (Ctrl+,)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None, *, section: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Settings")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Settings sections")
        self.sections.setObjectName("settingsSections")
        self.sections.setTabKeyNavigation(False)
        self.sections.setStyleSheet("QListWidget#settingsSections::item { padding-left: 0.6em; }")
        item_height = self.fontMetrics().height() * 2 + 8  # large targets, like the page list
        self.pages = QStackedWidget()
        self.keys: list[str] = []
        for module in section_modules():
            self.keys.append(module.__name__.rsplit(".", 1)[-1])
            item = QListWidgetItem(module.TITLE, self.sections)
            item.setSizeHint(QSize(0, item_height))
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(module.Section(ctx, scroll))
            self.pages.addWidget(scroll)
        metrics = self.fontMetrics()
        titles = [self.sections.item(row).text() for row in range(self.sections.count())]
        widest = max((metrics.horizontalAdvance(title) for title in titles), default=0)
        self.sections.setFixedWidth(widest + metrics.height() * 3)
        self.sections.currentRowChanged.connect(self.pages.setCurrentIndex)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.sections)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 140, metrics.height() * 44)
        cap_to_screen(self)  # each section scrolls in its own area; Close always shows
        self.show_section(section or (self.keys[0] if self.keys else ""))
        self.sections.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_section(self, key: str) -> None:
        """Show the section whose module is named `key` (e.g. "privacy")."""
        if key in self.keys:
            self.sections.setCurrentRow(self.keys.index(key))

    def section_widget(self, key: str) -> QWidget:
        scroll = self.pages.widget(self.keys.index(key))
        assert isinstance(scroll, QScrollArea)
        widget = scroll.widget()
        assert widget is not None
        return widget
