"""Filter controls for the Diary page: period, tag, body location, text, and the number of matches."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ...domain.body import REGIONS
from ...domain.diary import EntryFilter
from ..page_layout import ResponsiveRow
from ..widgets.date_fields import TabLeavingDateEdit

TEXT_DEBOUNCE_MS = 300


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def count_text(n: int, locale: QLocale | None = None) -> str:
    """'1 entry', '1,234 entries' (grouped the local way)."""
    number = (locale or QLocale()).toString(n)
    return f"{number} entry" if n == 1 else f"{number} entries"


class DiaryFilterBar(QWidget):
    """Emits `filterChanged(EntryFilter)` whenever the user changes a filter (text is debounced)."""

    filterChanged = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryFilterBar")
        self._today = QDate(today.year, today.month, today.day)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(TEXT_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)

        self.from_check = QCheckBox("Fro&m")
        self.from_check.setObjectName("fromCheck")
        self.from_check.setAccessibleName("From")
        self.from_check.setAccessibleDescription("Only show entries from the date next to it")
        self.from_edit = self._date_edit("fromDate", "From date", self._today.addMonths(-1))
        self.to_check = QCheckBox("T&o")
        self.to_check.setObjectName("toCheck")
        self.to_check.setAccessibleName("To")
        self.to_check.setAccessibleDescription("Only show entries up to the date next to it")
        self.to_edit = self._date_edit("toDate", "To date", self._today)

        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tagFilter")
        self.tag_combo.setEditable(True)
        self.tag_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if (tag_edit := self.tag_combo.lineEdit()) is not None:  # editable: it has one
            tag_edit.setPlaceholderText("Any tag")
            tag_edit.setClearButtonEnabled(True)
        self.tag_combo.setMinimumContentsLength(12)
        self.tag_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        tag_label = QLabel("T&ag:")
        tag_label.setBuddy(self.tag_combo)
        self.tag_combo.setAccessibleName("Tag")

        self.location_combo = QComboBox()
        self.location_combo.setObjectName("locationFilter")
        self.location_combo.addItem("Anywhere", None)
        for region in sorted(REGIONS, key=lambda r: r.name.casefold()):
            self.location_combo.addItem(region.name, region.id)
        self.location_combo.setMinimumContentsLength(14)
        self.location_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        location_label = QLabel("&Where:")
        location_label.setBuddy(self.location_combo)
        self.location_combo.setAccessibleName("Where it hurt")

        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("textFilter")
        self.text_edit.setPlaceholderText("Words in notes, activities or tags")
        self.text_edit.setClearButtonEnabled(True)
        text_label = QLabel("&Search:")
        text_label.setBuddy(self.text_edit)
        self.text_edit.setAccessibleName("Search")

        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setAccessibleName("Clear filters")

        self.count_label = QLabel(count_text(0))
        self.count_label.setObjectName("entryCount")
        self.count_label.setAccessibleName("Number of entries shown")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        period = QHBoxLayout()
        for widget in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            period.addWidget(widget)
        period.addStretch(1)
        grid.addLayout(period, 0, 0)
        grid.addWidget(self.count_label, 0, 1)
        # Tag and place on the left, the text search on the right; one below the other when narrow.
        self.filters_row = ResponsiveRow(self, stack_chars=100, name="diaryFiltersRow")
        choices = QWidget(self.filters_row)
        choices_layout = QHBoxLayout(choices)
        choices_layout.setContentsMargins(0, 0, 0, 0)
        choices_layout.addWidget(tag_label)
        choices_layout.addWidget(self.tag_combo, 1)
        choices_layout.addWidget(location_label)
        choices_layout.addWidget(self.location_combo, 1)
        search = QWidget(self.filters_row)
        search_layout = QHBoxLayout(search)
        search_layout.setContentsMargins(0, 0, 0, 0)
        search_layout.addWidget(text_label)
        search_layout.addWidget(self.text_edit, 1)
        search_layout.addWidget(self.clear_button)
        self.filters_row.add_panel(choices, 1)
        self.filters_row.add_panel(search, 1)
        grid.addWidget(self.filters_row, 1, 0, 1, 2)
        grid.setColumnStretch(0, 1)

        self.from_check.toggled.connect(self._on_period_toggled)
        self.to_check.toggled.connect(self._on_period_toggled)
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)
        self.tag_combo.activated.connect(self._emit_now)
        self.tag_combo.editTextChanged.connect(self._debounce.start)
        self.location_combo.currentIndexChanged.connect(self._emit)
        self.text_edit.textChanged.connect(self._debounce.start)
        self.text_edit.returnPressed.connect(self._emit_now)
        self.clear_button.clicked.connect(self.clear)
        self._on_period_toggled()

    def _date_edit(self, name: str, accessible: str, value: QDate) -> QDateEdit:
        edit = TabLeavingDateEdit(value)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMaximumDate(self._today.addYears(1))
        edit.setMinimumDate(QDate(1900, 1, 1))
        return edit

    # --- public -------------------------------------------------------------------------------

    def current_filter(self) -> EntryFilter:
        """The filter as the controls show it now (not validated: 'from' may be after 'to')."""
        region = self.location_combo.currentData()
        return EntryFilter(
            date_from=_to_date(self.from_edit.date()) if self.from_check.isChecked() else None,
            date_to=_to_date(self.to_edit.date()) if self.to_check.isChecked() else None,
            tag=self.tag_combo.currentText().strip() or None,
            location=region or None,
            text=self.text_edit.text().strip() or None,
        )

    def is_filtered(self) -> bool:
        return self.current_filter() != EntryFilter()

    def set_tags(self, tags: Sequence[str]) -> None:
        """Offer these tags; keeps whatever the user has typed."""
        text = self.tag_combo.currentText()
        with QSignalBlocker(self.tag_combo):
            self.tag_combo.clear()
            self.tag_combo.addItems(list(tags))
            self.tag_combo.setCurrentIndex(-1)
            self.tag_combo.setEditText(text)

    def set_count(self, n: int) -> None:
        self.count_label.setText(count_text(n))

    def clear(self) -> None:
        """Reset every filter to 'any' and emit once."""
        self._debounce.stop()
        blockers = [
            QSignalBlocker(w)
            for w in (self.from_check, self.to_check, self.tag_combo, self.location_combo, self.text_edit)
        ]
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.tag_combo.setCurrentIndex(-1)
        self.tag_combo.setEditText("")
        self.location_combo.setCurrentIndex(0)
        self.text_edit.clear()
        del blockers
        self._on_period_toggled(emit=False)
        self._emit()

    def flush(self) -> None:
        """Apply a pending (debounced) change now."""
        if self._debounce.isActive():
            self._emit_now()

    # --- internals ----------------------------------------------------------------------------

    def _on_period_toggled(self, *_: object, emit: bool = True) -> None:
        self.from_edit.setEnabled(self.from_check.isChecked())
        self.to_edit.setEnabled(self.to_check.isChecked())
        if emit:
            self._emit()

    def _emit_now(self, *_: object) -> None:
        self._emit()

    def _emit(self, *_: object) -> None:
        self._debounce.stop()
        self.filterChanged.emit(self.current_filter())
