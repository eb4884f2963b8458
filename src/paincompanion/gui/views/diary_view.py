"""Layout and style of the Diary page (public child widgets; behaviour lives in DiaryPage)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..models.diary_table import Column, column_ranges, fit_column_widths
from ..widgets.message_label import error_colour
from .diary_filter_bar import DiaryFilterBar
from .table_columns import ColumnChooser
from .table_setup import setup_record_table


def _button(text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


#: Columns hidden first when the table is narrow (the date, pain and note stay).
DROP_ORDER = (Column.HELPED, Column.TRIGGERS, Column.SLEEP, Column.MOOD, Column.FEELS, Column.WHERE, Column.TIME)
TABLE_MIN_ROWS = 6


class DiaryView(QWidget):
    """Filter bar, action row with a message line, and the entries table with an empty-state text."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryView")
        self._fitting = False
        self._user_sized_columns = False
        self._message_is_error = False

        self.filter_bar = DiaryFilterBar(today, self)
        self.filter_message = QLabel("")
        self.filter_message.setObjectName("filterMessage")
        self.filter_message.setWordWrap(True)
        self.filter_message.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_message.setVisible(False)

        self.add_button = _button("Add e&ntry…", "addEntry", "Add entry")
        self.edit_button = _button("Ed&it…", "editEntry", "Edit entry")
        self.delete_button = _button("&Delete", "deleteEntries", "Delete selected entries")
        self.message_label = QLabel("")
        self.message_label.setObjectName("diaryMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = _button("&Undo", "undoDelete", "Undo delete")
        self.undo_button.setVisible(False)

        self.table = QTableView(self)
        self._setup_table()
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setVisible(False)
        self.table.viewport().installEventFilter(self)

        self.delete_action = QAction("Delete selected entries", self.table)
        self.delete_action.setObjectName("deleteAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)

        self.columns = ColumnChooser(
            self.table, "diary", keep=Column.DATE, drop_order=DROP_ORDER, needed=self._needed_width
        )
        self._build_layout()
        self.table.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self._apply_fonts()

    # --- building -----------------------------------------------------------------------------

    def _setup_table(self) -> None:
        setup_record_table(self.table, "diaryTable", "Diary entries", multi_select=True)

    def _build_layout(self) -> None:
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.message_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.filter_message)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        bar = self.filter_bar
        order = [
            *(bar.from_check, bar.from_edit, bar.to_check, bar.to_edit),
            *(bar.tag_combo, bar.location_combo, bar.text_edit, bar.clear_button),
            *(self.add_button, self.edit_button, self.delete_button, self.undo_button, self.table),
        ]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def set_model(self, model: QAbstractItemModel) -> None:
        self._fitting = True
        try:
            self.table.setModel(model)
        finally:
            self._fitting = False
        self.columns.apply()
        self._fit_columns()

    def _needed_width(self, column: int) -> int:
        return column_ranges(self.table.fontMetrics(), self.table.horizontalHeader().fontMetrics())[column][0]

    # --- messages -----------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False, undo: bool = False) -> None:
        """One line under the filters: confirmations, or errors in an error colour. `undo` shows the Undo button."""
        self._message_is_error = error and bool(text)
        self.message_label.setText(text)
        self.message_label.setAccessibleName(text or "No message")
        self._style_error(self.message_label, self._message_is_error)
        self.undo_button.setVisible(undo)

    def show_filter_message(self, text: str) -> None:
        self.filter_message.setText(text)
        self.filter_message.setAccessibleName(text)
        self._style_error(self.filter_message, bool(text))
        self.filter_message.setVisible(bool(text))

    def show_empty_state(self, text: str) -> None:
        """Plain words over the empty table ('' hides them); screen readers get them as the table's description."""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.table.setAccessibleDescription(text)
        self._place_empty_label()

    def _style_error(self, label: QLabel, error: bool) -> None:
        palette = QPalette()  # the application palette: follows light/dark
        if error:
            palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
        label.setPalette(palette)
        font = label.font()
        font.setBold(error)
        label.setFont(font)

    # --- sizes follow the font and the width --------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
            self.columns.apply()
            self._fit_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_fonts()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style_error(self.message_label, self._message_is_error)
            self._style_error(self.filter_message, bool(self.filter_message.text()))

    def _apply_fonts(self) -> None:
        metrics = self.table.fontMetrics()
        row = int(metrics.height() * 1.9)
        self.table.verticalHeader().setDefaultSectionSize(row)
        self.table.setMinimumHeight(row * TABLE_MIN_ROWS)  # a few entries always show; the page scrolls
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.25)
        self.empty_label.setFont(big)
        self._place_empty_label()
        self._fit_columns()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))

    def _fit_columns(self) -> None:
        """Share the width among the columns, until the user resizes one by hand."""
        if self._user_sized_columns or self.table.model() is None:
            return
        header = self.table.horizontalHeader()
        hidden = [c for c in range(header.count()) if self.table.isColumnHidden(c)]
        widths = fit_column_widths(
            self.table.viewport().width(), self.table.fontMetrics(), header.fontMetrics(), hidden
        )
        self._fitting = True
        try:
            for column, width in enumerate(widths[: header.count()]):
                self.table.setColumnWidth(column, width)
        finally:
            self._fitting = False

    def _on_section_resized(self, logical: int, *_: object) -> None:
        # The last section stretches by itself; any other resize we did not make is the user's choice.
        if not self._fitting and logical != self.table.horizontalHeader().count() - 1:
            self._user_sized_columns = True
