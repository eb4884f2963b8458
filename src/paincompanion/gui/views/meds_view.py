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
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..widgets.buy_check import BuyCheckBox
from ..widgets.message_label import MessageLabel
from ..widgets.warnings_panel import WarningsPanel
from .table_setup import setup_record_table

#: Column widths in average characters (the last column stretches).
COLUMN_CHARS = (30, 18, 32, 36, 22)


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
    """Heading and info buttons; the list with its actions on top; below, the warnings on the left, and the
    dose log and "check before I buy" on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medsView")
        self.heading = _bold(QLabel("Medicines and supplements", self), 1.4)
        self.heading.setObjectName("medsHeading")
        self.kratom_button = _button("K&ratom: what to know", "kratomInfo", "Kratom: what to know", self)
        self.about_button = _button("A&bout this data", "aboutMedsData", "About the interaction data", self)

        left = QWidget(self)
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

        middle = QWidget(self)
        middle.setObjectName("medsWarningsPart")
        self.warnings = WarningsPanel("Warnings for your list", middle)
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

    def _build_layout(self, top_part: QWidget, bottom_left: QWidget, bottom_right: QWidget) -> None:
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.kratom_button)
        heading_row.addWidget(self.about_button)

        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.stop_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        top_layout = QVBoxLayout(top_part)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(actions)
        top_layout.addWidget(self.message)
        top_layout.addWidget(self.list_label)
        top_layout.addWidget(self.table, 1)

        warnings_layout = QVBoxLayout(bottom_left)
        warnings_layout.setContentsMargins(0, 0, 0, 0)
        warnings_layout.addWidget(self.warnings, 1)
        warnings_layout.addWidget(self.amounts_label)
        apap = QVBoxLayout(self.apap_box)
        apap.addWidget(self.liver_check)
        apap.addWidget(self.alcohol_check)
        apap.addWidget(self.apap_hint)
        warnings_layout.addWidget(self.apap_box)

        doses = QVBoxLayout(self.doses_box)
        took_row = QHBoxLayout()
        took_row.addWidget(self.took_button)
        took_row.addWidget(self.as_needed_label, 1)
        doses.addLayout(took_row)
        doses.addWidget(self.doses_label)
        doses.addWidget(self.doses_list, 1)
        right_layout = QVBoxLayout(bottom_right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.doses_box)
        right_layout.addWidget(self.buy_box, 1)

        self.bottom_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.bottom_split.setObjectName("medsBottomSplit")
        self.bottom_split.setChildrenCollapsible(False)
        self.bottom_split.addWidget(bottom_left)
        self.bottom_split.addWidget(bottom_right)
        self.bottom_split.setStretchFactor(0, 5)
        self.bottom_split.setStretchFactor(1, 4)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setObjectName("medsSplit")
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(top_part)
        self.split.addWidget(self.bottom_split)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(self.split, 1)

        order = [
            self.add_button, self.edit_button, self.stop_button, self.delete_button, self.table,
            self.warnings.expand_button, self.liver_check, self.alcohol_check, self.took_button, self.doses_list,
            self.buy_box.edit,
            self.buy_box.check_button, self.buy_box.panel.expand_button, self.buy_box.add_button,
            self.kratom_button, self.about_button,
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

    def show_amounts(self, text: str) -> None:
        self.amounts_label.setText(text)
        self.amounts_label.setAccessibleName(text)
        self.amounts_label.setVisible(bool(text))

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
        self.doses_list.setFixedHeight(metrics.height() * 6 + 8)  # about five doses; the list scrolls
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.9))
        big = QFont(self.font())
        big.setPointSizeF(self.font().pointSizeF() * 1.15)
        self.empty_label.setFont(big)
        self.fit_columns()
        self._place_empty_label()

    def fit_columns(self) -> None:
        chars = self.table.fontMetrics().averageCharWidth()
        for column, width in enumerate(COLUMN_CHARS[:-1]):
            self.table.setColumnWidth(column, width * chars)

    def _place_empty_label(self) -> None:
        self.empty_label.setGeometry(self.table.viewport().rect().adjusted(12, 12, -12, -12))
