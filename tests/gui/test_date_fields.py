"""Tab leaves date fields at once (Qt would first walk day, month and year)."""

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from paincompanion.gui.widgets.date_fields import TabLeavingDateEdit, TabLeavingDateTimeEdit


@pytest.mark.parametrize("make", [lambda p: TabLeavingDateEdit(QDate(2026, 3, 10), p),
                                  lambda p: TabLeavingDateTimeEdit(QDateTime.currentDateTime(), p)])  # fmt: skip
def test_one_tab_moves_on(qtbot, make):
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    field = make(box)
    after = QLineEdit(box)
    layout.addWidget(field)
    layout.addWidget(after)
    box.show()
    qtbot.waitExposed(box)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
