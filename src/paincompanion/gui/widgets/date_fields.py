"""Date and date-time edits that Tab leaves at once.

Qt's QDateTimeEdit uses Tab to walk its sections (day, month, year, hour, minute) first, which keyboard users
take for a trap. Here Tab moves on; Left/Right move between the sections and Up/Down change the one under the
cursor.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget


class TabLeavingDateEdit(QDateEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class TabLeavingDateTimeEdit(QDateTimeEdit):
    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)
