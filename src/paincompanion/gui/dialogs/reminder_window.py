"""The small, calm reminder window (tray messages have no buttons) and the "Missed while away" dialog.

Both only show reminders and report what the patient chose through `chosen(key, action, minutes)`; the tray
controller (gui/tray.py) does the work. Neither is modal: the rest of the app stays usable.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...domain.reminders import CHECKIN, SNOOZED, Reminder
from .sizing import fit_to_content, make_scrollable

#: What a button asks for (the `action` of `chosen`).
TAKEN, TAKEN_THEN, CHECK_IN, DONE, DISMISS, SNOOZE = "taken", "taken_then", "checkin", "done", "dismiss", "snooze"
SNOOZE_CHOICES = ((10, "10 minutes"), (30, "30 minutes"), (60, "1 hour"))
MISSED_INTRO = (
    "These reminders came while Pain Companion was closed or the computer was asleep. "
    "If you are not sure what to do about a missed dose, the leaflet or your pharmacist can tell you."
)


def when_text(reminder: Reminder, today: date) -> str:
    """'08:00', 'yesterday 20:00' or '3 Mar 20:00'."""
    clock = f"{reminder.slot:%H:%M}"
    days = (today - reminder.day).days
    if days == 0:
        return clock
    if days == 1:
        return f"yesterday {clock}"
    return f"{reminder.day.day} {reminder.day:%b} {clock}"


def fit_to_contents(widget: QWidget) -> None:
    """Resize so wrapped text and every row show in full (adjustSize alone misjudges wrapped labels)."""
    fit_to_content(widget)  # capped at the available screen; more rows scroll (sizing.make_scrollable)


def _big(button: QPushButton) -> QPushButton:
    button.setMinimumHeight(button.fontMetrics().height() * 2 + 8)
    button.setMinimumWidth(button.fontMetrics().averageCharWidth() * 12)
    return button


class ReminderRow(QFrame):
    """One reminder: what and when, and its buttons. Emits `chosen(key, action, minutes)`."""

    chosen = Signal(str, str, int)

    def __init__(self, reminder: Reminder, today: date, *, missed: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.reminder = reminder
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("reminderRow")
        when = when_text(reminder, today)
        if missed:
            detail = f"Missed: planned for {when}"
        elif reminder.status == SNOOZED and reminder.snoozed_until is not None:
            detail = f"Snoozed until {reminder.snoozed_until:%H:%M} (planned for {when})"
        else:
            detail = f"Planned for {when}"
        what = "Diary check-in" if reminder.kind == CHECKIN else reminder.name
        self.title = QLabel(f"<b>{_escape(what)}</b>", self)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QLabel(detail, self)
        self.detail.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for action, text in self._button_texts(missed, when):
            button = _big(QPushButton(text, self))
            button.setAccessibleName(f"{text.replace('&', '')}: {what}, {detail}")
            button.setObjectName(f"reminder_{action}")
            if action == SNOOZE:
                menu = QMenu(button)
                for minutes, label in SNOOZE_CHOICES:
                    item = menu.addAction(f"Snooze {label}")
                    item.triggered.connect(lambda _=False, m=minutes: self._choose(SNOOZE, m))
                button.setMenu(menu)
            else:
                button.clicked.connect(lambda _=False, a=action: self._choose(a))
            row.addWidget(button)
            self.buttons[action] = button
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addLayout(row)
        self.setAccessibleName(f"{what}, {detail}")

    def _button_texts(self, missed: bool, when: str) -> list[tuple[str, str]]:
        dose = self.reminder.kind != CHECKIN
        if missed and dose:
            return [(TAKEN_THEN, f"I took it at {when}"), (DISMISS, "&Not taken")]
        if missed:
            return [(CHECK_IN, "&Check in now"), (DISMISS, "&Dismiss")]
        if dose:
            return [(TAKEN, "&Taken"), (SNOOZE, "&Snooze"), (DISMISS, "&Dismiss")]
        return [(CHECK_IN, "&Check in now"), (DONE, "D&one"), (SNOOZE, "&Snooze"), (DISMISS, "&Dismiss")]

    def _choose(self, action: str, minutes: int = 0) -> None:
        self.chosen.emit(self.reminder.key, action, minutes)

    def first_button(self) -> QPushButton:
        return next(iter(self.buttons.values()))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _RowList(QWidget):
    """A column of ReminderRows, rebuilt by `set_reminders`."""

    chosen = Signal(str, str, int)

    def __init__(self, missed: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._missed = missed
        self.rows: list[ReminderRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_reminders(self, reminders: list[Reminder], today: date) -> None:
        if [row.reminder for row in self.rows] == reminders:
            return  # unchanged: keep the rows (and the keyboard focus in them)
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        for reminder in reminders:
            row = ReminderRow(reminder, today, missed=self._missed, parent=self)
            row.chosen.connect(self.chosen)
            self._layout.addWidget(row)
            self.rows.append(row)


class ReminderWindow(QWidget):
    """Non-modal window with the reminders due now; hides itself when none are left. Escape hides it."""

    chosen = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reminderWindow")
        self.setWindowTitle(f"Reminder — {APP_NAME}")
        self.heading = QLabel("Reminders", self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.heading.setFont(font)
        self.list = _RowList(missed=False, parent=self)
        self.list.chosen.connect(self.chosen)
        self.later = _big(QPushButton("&Later", self))
        self.later.setToolTip("Close this window; the reminders stay open in the tray menu")
        self.later.clicked.connect(self.hide)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.later)
        layout.addLayout(bottom)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        make_scrollable(self, bottom, name="reminderScroll")

    @property
    def rows(self) -> list[ReminderRow]:
        return self.list.rows

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, lambda: fit_to_contents(self))  # once the style has given the rows their sizes

    def set_reminders(self, reminders: list[Reminder], today: date) -> None:
        """Show these reminders (hide the window when there are none); focus goes to the first button."""
        self.list.set_reminders(reminders, today)
        if not reminders:
            self.hide()
            return
        self.heading.setText(reminders[0].title if len(reminders) == 1 else "Reminders")
        fit_to_contents(self)
        QTimer.singleShot(0, lambda: fit_to_contents(self))  # again once the new rows have their style
        self.rows[0].first_button().setFocus(Qt.FocusReason.OtherFocusReason)


class MissedDialog(QDialog):
    """'Missed while away': each missed reminder with what can be done about it."""

    chosen = Signal(str, str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missedDialog")
        self.setWindowTitle(f"Missed while away — {APP_NAME}")
        self.setModal(False)
        intro = QLabel(MISSED_INTRO, self)
        intro.setWordWrap(True)
        self.list = _RowList(missed=True, parent=self)
        self.list.chosen.connect(self.chosen)
        self.close_button = _big(QPushButton("&Close", self))
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        make_scrollable(self, bottom, name="missedScroll")

    @property
    def rows(self) -> list[ReminderRow]:
        return self.list.rows

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, lambda: fit_to_contents(self))  # once the style has given the rows their sizes

    def set_reminders(self, reminders: list[Reminder], today: date) -> None:
        self.list.set_reminders(reminders, today)
        if not reminders:
            self.hide()
            return
        fit_to_contents(self)
        QTimer.singleShot(0, lambda: fit_to_contents(self))  # again once the new rows have their style
        self.rows[0].first_button().setFocus(Qt.FocusReason.OtherFocusReason)
