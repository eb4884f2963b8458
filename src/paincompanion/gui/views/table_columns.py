"""Columns that give way on a narrow table: the less important ones hide first, the main one (the name) never.

Right-click (or the context-menu key on) the header lists every column with a tick; the patient's own choices
(shown or hidden) are kept in the UI state and win over the automatic hiding.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

if TYPE_CHECKING:
    from ..settings import UiSettings


class ColumnChooser(QObject):
    """Hides the columns of `drop_order` (first = least important) while the visible ones do not fit the table's
    width; `keep` is never hidden. `needed(column)` is the width a column needs to stay readable."""

    def __init__(
        self,
        table: QTableView,
        key: str,
        *,
        keep: int,
        drop_order: Sequence[int],
        needed: Callable[[int], int],
    ) -> None:
        super().__init__(table)
        self.setObjectName(f"{key}Columns")
        self.table = table
        self.key = key
        self.keep = keep
        self.drop_order = tuple(drop_order)
        self.needed = needed
        self.settings: UiSettings | None = None
        #: The patient's own choices: column -> shown.
        self.choices: dict[int, bool] = {}
        self.menu: QMenu | None = None
        header = table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self.show_menu)
        header.setToolTip("Right-click to choose the columns shown")
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)  # the context-menu key on the table opens the same menu

    # --- state ------------------------------------------------------------------------------------

    def use_settings(self, settings: UiSettings | None) -> None:
        """Read the patient's remembered choices (the main window calls this when the page is built)."""
        self.settings = settings
        if settings is not None:
            self.choices = {c: shown for c, shown in settings.column_choices(self.key).items() if c != self.keep}
        self.apply()

    def set_shown(self, column: int, shown: bool) -> None:
        """The patient's choice for one column; remembered."""
        if column == self.keep:
            return
        self.choices[column] = shown
        if self.settings is not None:
            self.settings.set_column_choices(self.key, self.choices)
        self.apply()

    def auto_hidden(self) -> list[int]:
        """The columns hidden because the table is narrow (not by the patient's choice)."""
        count = self._count()
        return [c for c in self.drop_order if c < count and c not in self.choices and self.table.isColumnHidden(c)]

    def _count(self) -> int:
        model = self.table.model()
        return model.columnCount() if model is not None else 0

    def apply(self) -> None:
        """Show the patient's choices, then hide what does not fit, least important first."""
        count = self._count()
        if not count:
            return
        shown = {c for c in range(count) if self.choices.get(c, True) or c == self.keep}
        available = self.table.viewport().width()
        droppable = [c for c in self.drop_order if c < count and c in shown and c not in self.choices]
        while droppable and sum(self.needed(c) for c in shown) > available:
            shown.discard(droppable.pop(0))
        for column in range(count):
            if self.table.isColumnHidden(column) == (column in shown):
                self.table.setColumnHidden(column, column not in shown)

    # --- the header menu --------------------------------------------------------------------------

    def build_menu(self) -> QMenu:
        menu = QMenu(self.table)
        menu.setObjectName(f"{self.key}ColumnsMenu")
        menu.setTitle("Columns shown")
        model = self.table.model()
        for column in range(self._count()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
            action = menu.addAction(title)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != self.keep)
            action.toggled.connect(lambda on, c=column: self.set_shown(c, on))
        menu.addSeparator()
        reset = menu.addAction("Show columns as they fit")
        reset.triggered.connect(self.reset)
        return menu

    def show_menu(self, pos: QPoint) -> None:
        header: QHeaderView = self.table.horizontalHeader()
        self.menu = self.build_menu()
        self.menu.popup(header.mapToGlobal(pos))

    def reset(self) -> None:
        self.choices.clear()
        if self.settings is not None:
            self.settings.set_column_choices(self.key, {})
        self.apply()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self.apply()
        elif (
            watched is self.table
            and event.type() == QEvent.Type.ContextMenu
            and isinstance(event, QContextMenuEvent)
            and event.reason() == QContextMenuEvent.Reason.Keyboard
        ):
            self.show_menu(QPoint(0, self.table.horizontalHeader().height()))
            return True
        return super().eventFilter(watched, event)
