"""Layout of the Medicines page (public child widgets; behaviour lives in MedicinesPage)."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..models.meds_list import Column
from ..page_layout import ResponsiveRow, TabPage
from ..widgets.buy_check import BuyCheckBox
from ..widgets.message_label import MessageLabel
from ..widgets.warnings_panel import WarningsPanel
from .table_columns import ColumnChooser
from .table_setup import setup_record_table

#: Column widths in average characters (the last column stretches), and the least each needs to stay readable.
COLUMN_CHARS = (30, 18, 32, 36, 22)
NEEDED_CHARS = (24, 12, 14, 18, 12)
#: Columns hidden first when the list is narrow (the name and the warning stay).
DROP_ORDER = (Column.DATES, Column.RECOGNISED, Column.DOSE)
TABLE_MIN_ROWS = 7


def _button(text: str, name: str, accessible: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


APAP_HINT = (
    "Either one lowers the daily limit this app uses from 4,000 mg to a cautious 2,000 mg. "
    "Your doctor may set a different limit; follow theirs."
)


class MedsView(QWidget):
    """Heading and info buttons, a message line, and four tabs: "My medicines" (the list, its actions and
    warnings), "Dose log", "Check before I buy" and "Limits" (acetaminophen and opioid amounts)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medsView")
        self.heading = _bold(QLabel("Medicines and supplements", self), 1.4)
        self.heading.setObjectName("medsHeading")
        self.kratom_button = _button("K&ratom: what to know", "kratomInfo", "Kratom: what to know", self)
        self.about_button = _button("A&bout this data", "aboutMedsData", "About the interaction data", self)

        left = TabPage(self)
        left.setObjectName("medsListPart")
        self.add_button = _button("&Add…", "addMedication", "Add a medicine or supplement", left)
        self.edit_button = _button("Ed&it…", "editMedication", "Edit the chosen medicine", left)
        self.stop_button = _button("&Stop taking", "stopMedication", "Stop taking the chosen medicine", left)
        self.delete_button = _button("&Delete", "deleteMedication", "Delete the chosen medicine", left)
        self.message = MessageLabel(left)
        self.list_label = _bold(QLabel("&Your list", left))
        self.table = QTableView(left)
        self._setup_table()
        self.list_label.setBuddy(self.table)
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("medsEmptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_label.setVisible(False)
        self.table.viewport().installEventFilter(self)
        self.delete_action = QAction("Delete the chosen medicine", self.table)
        self.delete_action.setObjectName("deleteMedicationAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.delete_action)

        right = QWidget(self)
        right.setObjectName("medsSidePart")
        self.doses_box = QGroupBox("Doses", right)
        self.doses_box.setObjectName("dosesBox")
        self.took_button = _button("Took it &now", "tookItNow", "Took the chosen medicine now", self.doses_box)
        self.as_needed_label = QLabel(self.doses_box)
        self.as_needed_label.setObjectName("asNeededUses")
        self.as_needed_label.setWordWrap(True)
        self.as_needed_label.setTextFormat(Qt.TextFormat.PlainText)
        self.doses_label = QLabel("Recent d&oses (last 14 days)", self.doses_box)
        self.doses_list = QListWidget(self.doses_box)
        self.doses_list.setObjectName("recentDoses")
        self.doses_list.setAccessibleName("Recent doses")
        self.doses_list.setTabKeyNavigation(False)
        self.doses_label.setBuddy(self.doses_list)

        middle = TabPage(self)
        middle.setObjectName("medsWarningsPart")
        self.warnings = WarningsPanel("Warnings for your list", middle, scroll=False)  # the page scrolls
        self.amounts_label = QLabel(middle)
        self.amounts_label.setObjectName("medsAmounts")
        self.amounts_label.setWordWrap(True)
        self.amounts_label.setTextFormat(Qt.TextFormat.PlainText)
        self.amounts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amounts_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.amounts_label.setVisible(False)
        self.apap_box = QGroupBox("Acetaminophen (paracetamol) daily limit", middle)
        self.apap_box.setObjectName("apapLimitBox")
        self.liver_check = QCheckBox("I have &liver disease", self.apap_box)
        self.liver_check.setObjectName("apapLiverDisease")
        self.alcohol_check = QCheckBox("I have &3 or more alcoholic drinks a day", self.apap_box)
        self.alcohol_check.setObjectName("apapRegularAlcohol")
        self.apap_hint = QLabel(APAP_HINT, self.apap_box)
        self.apap_hint.setObjectName("apapLimitHint")
        self.apap_hint.setWordWrap(True)
        self.apap_hint.setTextFormat(Qt.TextFormat.PlainText)
        for check in (self.liver_check, self.alcohol_check):
            check.setAccessibleDescription(APAP_HINT)

        self.buy_box = BuyCheckBox(right)

        self._build_layout(left, middle, right)
        self._apply_fonts()

    # --- building ---------------------------------------------------------------------------------

    def _setup_table(self) -> None:
        setup_record_table(self.table, "medsTable", "Your medicines and supplements", multi_select=False)
        self.columns = ColumnChooser(
            self.table, "medicines", keep=Column.NAME, drop_order=DROP_ORDER, needed=self._needed_width
        )

    def _needed_width(self, column: int) -> int:
        return self.table.fontMetrics().averageCharWidth() * NEEDED_CHARS[column]

    def _build_layout(self, top_part: QWidget, bottom_left: QWidget, bottom_right: QWidget) -> None:
        """One thing at a time: the list with its warnings, the dose log, "check before I buy" and the limits
        each on a tab (Ctrl+Tab, or Alt with the underlined letter)."""
        heading_row = ResponsiveRow(self, stack_chars=0, name="medsHeadingRow")  # buttons below when narrow
        info = QWidget(heading_row)
        info_row = QHBoxLayout(info)
        info_row.setContentsMargins(0, 0, 0, 0)
        info_row.addStretch(1)
        info_row.addWidget(self.kratom_button)
        info_row.addWidget(self.about_button)
        heading_row.add_panel(self.heading, 1)
        heading_row.add_panel(info, 0)

        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.stop_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        top_layout = QVBoxLayout(top_part)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.list_label)
        top_layout.addWidget(self.table, 3)
        top_layout.addWidget(self.warnings, 2)
        self.list_layout = top_layout  # the page adds the naloxone question under the warnings

        doses = QVBoxLayout(self.doses_box)
        took_row = QHBoxLayout()
        took_row.addWidget(self.took_button)
        took_row.addWidget(self.as_needed_label, 1)
        doses.addLayout(took_row)
        doses.addWidget(self.doses_label)
        doses.addWidget(self.doses_list, 1)
        doses_tab = TabPage(self)
        QVBoxLayout(doses_tab).addWidget(self.doses_box, 1)

        buy_tab = TabPage(self)
        QVBoxLayout(buy_tab).addWidget(self.buy_box, 1)

        limits = QVBoxLayout(bottom_left)
        limits.addWidget(self.amounts_label)
        apap = QVBoxLayout(self.apap_box)
        apap.addWidget(self.liver_check)
        apap.addWidget(self.alcohol_check)
        apap.addWidget(self.apap_hint)
        limits.addWidget(self.apap_box)
        limits.addStretch(1)
        bottom_right.hide()  # empty: what it held has its own tabs now

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("medsTabs")
        self.tabs.setAccessibleName("Parts of the Medicines page")
        self.tabs.setDocumentMode(True)
        # Its tab bar is the Tab stop; the tab widget itself (a focus proxy of the bar) would send Tab from the
        # end of the page back to the bar, and the page list and the info buttons could not be reached.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.setFocusProxy(None)  # type: ignore[arg-type]  # Qt takes None (no proxy); the stub says QWidget. With it, Tab from the page's last control would go back to the bar
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for widget, name, title, spoken in (
            (top_part, "medsListTab", "&My medicines", "My medicines and their warnings"),
            (doses_tab, "medsDosesTab", "Dose lo&g", "Dose log: log a dose, recent doses"),
            (buy_tab, "medsBuyTab", "&Check before I buy", "Check before I buy"),
            (bottom_left, "medsLimitsTab", "Limi&ts", "Limits: acetaminophen and opioid amounts"),
        ):
            widget.setObjectName(name)
            widget.setAccessibleName(spoken)
            index = self.tabs.addTab(widget, title)
            self.tabs.setTabToolTip(index, f"{spoken} (Ctrl+Tab: next part)")
        self.list_tab, self.doses_tab, self.buy_tab, self.limits_tab = top_part, doses_tab, buy_tab, bottom_left
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_row)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

        order = [
            self.kratom_button, self.about_button, self.tabs.tabBar(),
            self.add_button, self.edit_button, self.stop_button, self.delete_button, self.table,
            self.warnings.expand_button, self.took_button, self.doses_list, self.buy_box.edit,
            self.buy_box.check_button, self.buy_box.panel.expand_button, self.buy_box.add_button,
            self.liver_check, self.alcohol_check,
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def show_part(self, widget: QWidget) -> None:
        """Bring the tab holding `widget` forward (a message or a focus request about a part not shown)."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                return

    # --- state helpers ----------------------------------------------------------------------------

    def show_empty_state(self, text: str) -> None:
        """Plain words over the empty table ('' hides them); also the table's accessible description."""
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self.table.setAccessibleDescription(text)
        self._place_empty_label()

    def show_amounts(self, text: str) -> None:
        self.amounts_label.setText(text)
        self.amounts_label.setAccessibleName(text)
        self.amounts_label.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._place_empty_label()
            self.columns.apply()
            self.fit_columns()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_fonts()

    def _apply_fonts(self) -> None:
        metrics = self.table.fontMetrics()
        self.doses_list.setMinimumHeight(metrics.height() * 6 + 8)  # at least five doses; the list scrolls
        row = int(metrics.height() * 1.9)
        self.table.verticalHeader().setDefaultSectionSize(row)
        self.table.setMinimumHeight(row * TABLE_MIN_ROWS + self.table.horizontalHeader().sizeHint().height())
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.15)
        self.empty_label.setFont(big)
        self.fit_columns()
        self._place_empty_label()

    def fit_columns(self) -> None:
        """The comfortable widths when they fit. Else the name keeps as much of its width as it can, and the
        other shown columns share what is left (never below readable; the last one stretches)."""
        chars = self.table.fontMetrics().averageCharWidth()
        others = [c for c in range(1, len(COLUMN_CHARS)) if not self.table.isColumnHidden(c)]
        available = self.table.viewport().width()
        if available <= 0:
            available = sum(COLUMN_CHARS) * chars
        name = available - sum(NEEDED_CHARS[c] for c in others) * chars
        name = max(NEEDED_CHARS[0] * chars, min(COLUMN_CHARS[0] * chars, name))
        wanted = sum(COLUMN_CHARS[c] for c in others) * chars
        share = min(1.0, (available - name) / wanted) if wanted else 1.0
        self.table.setColumnWidth(0, name)
        for column in range(1, len(COLUMN_CHARS) - 1):
            self.table.setColumnWidth(column, max(NEEDED_CHARS[column], int(COLUMN_CHARS[column] * share)) * chars)

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
