"""Layout of the Routines page (public child widgets; behaviour lives in RoutinesPage)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.routines import CONDITIONS, Level, RoutineKind
from ..models.routines_list import (
    AWAITING_MARK,
    FAVOURITE_MARK,
    MINE_MARK,
    REVIEWED_MARK,
    WORKSHEET_MARK,
    Column,
)
from ..page_layout import ResponsiveRow, TabPage
from ..widgets.message_label import MessageLabel
from ..widgets.routine_detail import RoutineDetail
from .table_columns import ColumnChooser
from .table_setup import setup_record_table

#: Sample texts that set the widths of the columns after the title (which takes the room left).
COLUMN_SAMPLES = (
    [kind.label for kind in RoutineKind] + ["Kind"],
    ["240 min", "Length"],
    [level.label for level in Level],
    [f"{FAVOURITE_MARK} · {MINE_MARK}", f"{MINE_MARK} · {WORKSHEET_MARK}"],
    [REVIEWED_MARK, AWAITING_MARK, "Review"],
)
#: The review filter: label -> Library.search(review=...) value.
REVIEWS: tuple[tuple[str, str | None], ...] = (
    ("Any review status", None),
    ("Reviewed by a clinician", "reviewed"),
    ("Awaiting review", "awaiting"),
)
#: The length filter: label -> longest length in minutes (None: any).
LENGTHS: tuple[tuple[str, int | None], ...] = (
    ("Any length", None),
    ("Up to 5 minutes", 5),
    ("Up to 10 minutes", 10),
    ("Up to 20 minutes", 20),
    ("Up to 30 minutes", 30),
)
ANY_KIND = "Any kind"
#: Columns hidden first when the list is narrow (the routine's name stays).
DROP_ORDER = (Column.REVIEW, Column.LEVEL, Column.LENGTH, Column.MARKS, Column.KIND)
TITLE_MIN_CHARS = 32
TABLE_MIN_ROWS = 7
ANY_CONDITION = "Any condition"


class RoutinesView(QWidget):
    """Tabs "Library" (filters on top, the list on the left, the chosen routine on the right) and "My worksheets"
    (filled in by the page on first show)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routinesView")
        self.heading = QLabel("Routines", self)
        self.heading.setObjectName("routinesHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.heading.setFont(font)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("routinesTabs")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab bar is the Tab stop (no loop back to it)
        self.tabs.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None (no proxy); the stub says QWidget. With it, Tab from the page's last control would go back to the bar
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.library_tab = TabPage(self.tabs)
        self.library_tab.setObjectName("routinesLibraryTab")
        self.worksheets_tab = TabPage(self.tabs)
        self.worksheets_tab.setObjectName("routinesWorksheetsTab")
        self.worksheets_layout = QVBoxLayout(self.worksheets_tab)
        self.tabs.addTab(self.library_tab, "Librar&y")
        self.tabs.addTab(self.worksheets_tab, "My &worksheets")
        self._build_filters()
        self._build_table()
        self.detail = RoutineDetail(self.library_tab)
        self.message = MessageLabel(self.library_tab)
        self._build_layout()
        self._apply_fonts()

    # --- building ---------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        tab = self.library_tab
        self.search_edit = QLineEdit(tab)
        self.search_edit.setObjectName("routineSearch")
        self.search_edit.setPlaceholderText("Words from the title or summary (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label = QLabel("Se&arch", tab)
        self.search_label.setBuddy(self.search_edit)
        self.kind_combo = QComboBox(tab)
        self.kind_combo.setObjectName("routineKindFilter")
        self.kind_combo.addItem(ANY_KIND, None)
        for kind in RoutineKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.kind_label = QLabel("&Kind", tab)
        self.kind_label.setBuddy(self.kind_combo)
        self.condition_combo = QComboBox(tab)
        self.condition_combo.setObjectName("routineConditionFilter")
        self.condition_combo.addItem(ANY_CONDITION, None)
        for condition_id, name in CONDITIONS.items():
            self.condition_combo.addItem(name, condition_id)
        self.condition_label = QLabel("&Condition", tab)
        self.condition_label.setBuddy(self.condition_combo)
        self.length_combo = QComboBox(tab)
        self.length_combo.setObjectName("routineLengthFilter")
        for label, minutes in LENGTHS:
            self.length_combo.addItem(label, minutes)
        self.length_label = QLabel("&Length", tab)
        self.length_label.setBuddy(self.length_combo)
        self.review_combo = QComboBox(tab)
        self.review_combo.setObjectName("routineReviewFilter")
        self.review_combo.setAccessibleDescription("Show routines a physiotherapist or psychologist has reviewed")
        for label, value in REVIEWS:
            self.review_combo.addItem(label, value)
        self.review_label = QLabel("Re&view", tab)
        self.review_label.setBuddy(self.review_combo)
        self.favourites_check = QCheckBox("Favourites &only", tab)
        self.favourites_check.setObjectName("routineFavouritesOnly")
        self.new_button = QPushButton("&New routine…", tab)
        self.new_button.setObjectName("newRoutine")
        self.new_button.setAccessibleName("New routine of your own")
        self.count_label = QLabel(tab)
        self.count_label.setObjectName("routineCount")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

    def _build_table(self) -> None:
        self.table = QTableView(self.library_tab)
        setup_record_table(self.table, "routinesTable", "Routines", multi_select=False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("routinesEmptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setVisible(False)
        self.table.viewport().installEventFilter(self)
        self.delete_action = QAction("Delete your chosen routine", self.table)
        self.delete_action.setObjectName("deleteRoutineAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)
        self.columns = ColumnChooser(
            self.table, "routines", keep=Column.TITLE, drop_order=DROP_ORDER, needed=self._needed_width
        )

    def _needed_width(self, column: int) -> int:
        metrics = self.table.fontMetrics()
        if column == Column.TITLE:
            return metrics.averageCharWidth() * TITLE_MIN_CHARS
        samples = COLUMN_SAMPLES[column - 1]
        return max(metrics.horizontalAdvance(t) for t in samples) + metrics.averageCharWidth() * 3

    def _build_layout(self) -> None:
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search_edit, 1)
        search_row.addSpacing(12)
        search_row.addWidget(self.new_button)
        # Kind and condition, then length and review: two pairs side by side, or one below the other.
        self.filters_row = ResponsiveRow(self.library_tab, stack_chars=96, name="routineFiltersRow")
        for pairs in (
            ((self.kind_label, self.kind_combo), (self.condition_label, self.condition_combo)),
            ((self.length_label, self.length_combo), (self.review_label, self.review_combo)),
        ):
            part = QWidget(self.filters_row)
            grid = QGridLayout(part)
            grid.setContentsMargins(0, 0, 0, 0)
            for column, (label, combo) in enumerate(pairs):
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(12)  # long names elide in the closed box, never widen the page
                grid.addWidget(label, 0, column * 2)
                grid.addWidget(combo, 0, column * 2 + 1)
                grid.setColumnStretch(column * 2 + 1, 1)
            self.filters_row.add_panel(part, 1)
        filters = QVBoxLayout()
        filters.addLayout(search_row)
        filters.addWidget(self.filters_row)
        filters.addWidget(self.favourites_check)

        list_part = QWidget(self.library_tab)
        list_part.setObjectName("routinesListPart")
        list_layout = QVBoxLayout(list_part)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.table, 1)
        # The list a little wider than the chosen routine; the routine goes below the list when narrow.
        self.list_row = ResponsiveRow(self.library_tab, stack_chars=130, name="routinesListRow")
        self.list_row.add_panel(list_part, 3)
        self.list_row.add_panel(self.detail, 2)

        library = QVBoxLayout(self.library_tab)
        library.addLayout(filters)
        library.addWidget(self.message)
        library.addWidget(self.list_row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        d = self.detail
        order = [
            self.search_edit, self.new_button, self.kind_combo, self.condition_combo, self.length_combo,
            self.review_combo, self.favourites_check, self.table, d.start_button, d.favourite_button,
            d.duplicate_button, d.edit_button, d.delete_button, d.text,
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    # --- state helpers ----------------------------------------------------------------------------

    def show_empty_state(self, text: str) -> None:
        """Plain words over the empty table ('' hides them); also the table's accessible description."""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.table.setAccessibleDescription(text)
        self._place_empty_label()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_fonts()

    def _apply_fonts(self) -> None:
        metrics = self.table.fontMetrics()
        row = int(metrics.height() * 1.9)
        self.table.verticalHeader().setDefaultSectionSize(row)
        self.table.setMinimumHeight(row * TABLE_MIN_ROWS)  # several routines always show; the page scrolls
        height = metrics.height() * 2 + 4
        combos = (self.kind_combo, self.condition_combo, self.length_combo, self.review_combo)
        for widget in (self.search_edit, *combos, self.new_button):
            widget.setMinimumHeight(height)
        self.fit_columns()
        self._place_empty_label()

    def fit_columns(self) -> None:
        """The title takes the room left; kind, length, level and marks are as wide as their longest words."""
        metrics = self.table.fontMetrics()
        pad = metrics.averageCharWidth() * 3
        header = self.table.horizontalHeader()
        if header.count():  # section modes need the model's columns
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, samples in enumerate(COLUMN_SAMPLES, start=1):
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in samples) + pad)
        self.columns.apply()

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
