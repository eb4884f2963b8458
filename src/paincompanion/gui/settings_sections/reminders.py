"""Settings ▸ Reminders: on/off, check-in times, dose times per scheduled medicine, start with the computer,
keep running in the tray. Changes are saved as they are made (a moment after the last keypress)."""

from __future__ import annotations

from datetime import time
from itertools import pairwise

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.reminders import default_dose_times
from ...errors import PainCompanionError
from ...paths import AppPaths
from ...services.autostart import Autostart, launch_command
from ...services.reminders import ReminderSettings, ScheduledMedicine
from ..context import GuiContext
from ..widgets.follow_up_choice import FollowUpChoice
from ..widgets.message_label import MessageLabel

TITLE = "Reminders"
ORDER = 20
SAVE_DELAY_MS = 400
DEFAULT_NEW_TIME = time(12, 0)


def _big(button: QPushButton) -> QPushButton:
    button.setMinimumHeight(button.fontMetrics().height() * 2 + 4)
    return button


def _minute(value: QTime) -> time:
    """A time edit's value to the minute."""
    return time(value.hour(), value.minute())


class TimeEdit(QTimeEdit):
    """A time edit that Tab leaves at once (Left/Right move between hours and minutes; see widgets/date_fields)."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class TimeList(QWidget):
    """A few times of day, each with a Remove button, and an Add button. Emits `changed`."""

    changed = Signal()

    def __init__(self, what: str, times: tuple[time, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self.edits: list[QTimeEdit] = []
        self.remove_buttons: list[QPushButton] = []
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self.add_button = _big(QPushButton(f"Add a time for {what}", self))
        self.add_button.clicked.connect(self.add_time)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.set_times(times)

    def times(self) -> tuple[time, ...]:
        return tuple(sorted({_minute(edit.time()) for edit in self.edits}))

    def set_times(self, times: tuple[time, ...]) -> None:
        old = {*self.edits, *self.remove_buttons}
        while (item := self._rows.takeAt(0)) is not None:
            if (row := item.layout()) is not None:
                while (child_item := row.takeAt(0)) is not None:
                    child = child_item.widget()
                    if child is not None:
                        child.hide()
                        child.setParent(None)  # out of the focus chain now, not at deletion
                        child.deleteLater()
        self.edits, self.remove_buttons = [], []
        for number, value in enumerate(times, start=1):
            edit = TimeEdit(QTime(value.hour, value.minute), self)
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(f"{self.what}: time {number} of {len(times)}")
            edit.setMinimumHeight(edit.fontMetrics().height() * 2)
            edit.timeChanged.connect(self.changed)
            remove = _big(QPushButton("Remove", self))
            remove.setAccessibleName(f"Remove time {number} for {self.what}")
            remove.clicked.connect(lambda _=False, e=edit: self.remove_time(e))
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(remove)
            row.addStretch(1)
            self._rows.addLayout(row)
            self.edits.append(edit)
            self.remove_buttons.append(remove)
        self._chain(old)

    def _chain(self, old: set[QWidget]) -> None:
        """Tab order: each time, its Remove, then Add (new rows would otherwise come last in the window)."""
        before = self.add_button.previousInFocusChain()
        rows = {*old, *self.edits, *self.remove_buttons}
        while before is not None and (before in rows or before.focusPolicy() == Qt.FocusPolicy.NoFocus):
            before = before.previousInFocusChain()  # (setTabOrder ignores those)
        order = [w for pair in zip(self.edits, self.remove_buttons) for w in pair] + [self.add_button]
        chain = order if before is None else [before, *order]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_time(self) -> None:
        latest = max(self.times(), default=None)
        new = DEFAULT_NEW_TIME if latest is None else time((latest.hour + 2) % 24, latest.minute)
        self.set_times((*self.times(), new) if new not in self.times() else self.times())
        if self.edits:
            self.edits[-1].setFocus()
        self.changed.emit()

    def remove_time(self, edit: QTimeEdit) -> None:
        remaining = tuple(_minute(e.time()) for e in self.edits if e is not edit)
        self.set_times(tuple(sorted(set(remaining))))
        (self.remove_buttons[0] if self.remove_buttons else self.add_button).setFocus()
        self.changed.emit()


class Section(QWidget):
    """The reminder choices; saved through `companion.reminders.save_settings`."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersSection")
        self.ctx = ctx
        self.service = ctx.companion.reminders
        chosen = self.service.settings()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        self.enabled = QCheckBox("&Remind me to check in and to take my scheduled medicines", self)
        self.enabled.setChecked(chosen.enabled)
        self.enabled.toggled.connect(self._changed)
        layout.addWidget(self.enabled)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            note = QLabel("This desktop has no tray area, so reminders appear only while the window is open.", self)
            note.setWordWrap(True)
            layout.addWidget(note)

        checkin_box = QGroupBox("Diary check-in", self)
        checkin_layout = QVBoxLayout(checkin_box)
        self.checkin_times = TimeList("the diary check-in", chosen.checkin_times, checkin_box)
        self.checkin_times.changed.connect(self._changed)
        checkin_layout.addWidget(self.checkin_times)
        layout.addWidget(checkin_box)

        self.doses_box = QGroupBox("Medicines", self)
        doses_layout = QVBoxLayout(self.doses_box)
        self.dose_times: dict[int, TimeList] = {}
        self._suggested: dict[int, tuple[time, ...]] = {}
        try:
            scheduled = self.service.scheduled_medicines(chosen)
        except PainCompanionError:
            scheduled = []
        for item in scheduled:
            doses_layout.addWidget(self._medicine(item))
        hint = (
            "Medicines taken as needed, or less than once a day, get no reminders."
            if scheduled
            else "No medicine on your list is taken on a daily schedule. Medicines taken as needed get no reminders."
        )
        hint_label = QLabel(hint, self.doses_box)
        hint_label.setWordWrap(True)
        doses_layout.addWidget(hint_label)
        layout.addWidget(self.doses_box)
        self.follow_up = FollowUpChoice(ctx, self)
        layout.addWidget(self.follow_up)

        self.autostart = QCheckBox("&Start with my computer, minimised to the tray", self)
        self.autostart.setChecked(self._autostart().is_enabled())
        self.autostart.toggled.connect(self.set_autostart)
        layout.addWidget(self.autostart)
        self.keep_in_tray = QCheckBox("&Keep running in the tray when I close the window", self)
        self.keep_in_tray.setChecked(chosen.keep_in_tray)
        self.keep_in_tray.toggled.connect(self._changed)
        layout.addWidget(self.keep_in_tray)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._update_enabled()

    def _medicine(self, item: ScheduledMedicine) -> QWidget:
        med = item.medication
        box = QWidget(self.doses_box)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        name = " ".join(part for part in (med.name, med.strength_text) if part)
        label = QLabel(f"<b>{name.replace('&', '&amp;').replace('<', '&lt;')}</b> — {med.schedule_text}", box)
        column.addWidget(label)
        times = TimeList(name, item.times, box)
        times.changed.connect(self._changed)
        column.addWidget(times)
        self.dose_times[med.id] = times
        self._suggested[med.id] = default_dose_times(med.times_per_day)
        return box

    def _autostart(self) -> Autostart:
        data = self.ctx.companion.paths.data
        default = AppPaths.default(None).data
        return Autostart(launch_command(None if data == default else data))

    # --- saving ---------------------------------------------------------------------------------

    def _changed(self) -> None:
        self._update_enabled()
        self._save_timer.start()

    def _update_enabled(self) -> None:
        on = self.enabled.isChecked()
        for widget in (self.checkin_times, self.doses_box, self.keep_in_tray):
            widget.setEnabled(on)

    def current(self) -> ReminderSettings:
        """The choices as shown."""
        dose_times = {
            med_id: editor.times()
            for med_id, editor in self.dose_times.items()
            if editor.times() != self._suggested.get(med_id)
        }
        return ReminderSettings(
            enabled=self.enabled.isChecked(),
            checkin_times=self.checkin_times.times(),
            dose_times=dose_times,
            keep_in_tray=self.keep_in_tray.isChecked(),
        )

    def save_now(self) -> None:
        self._save_timer.stop()
        try:
            self.service.save_settings(self.current())
        except PainCompanionError as exc:
            self.message.show_error(f"Your reminder choices were not saved: {exc}")
            return
        self.message.clear_message()

    def set_autostart(self, on: bool) -> None:
        starter = self._autostart()
        try:
            starter.set_enabled(on)
        except OSError as exc:
            self.message.show_error(f"Starting with your computer could not be turned {'on' if on else 'off'}: {exc}")
            self.autostart.blockSignals(True)
            self.autostart.setChecked(starter.is_enabled())
            self.autostart.blockSignals(False)
            return
        self.message.show_info(
            "Pain Companion will start with your computer, in the tray." if on else "It will no longer start by itself."
        )

    def hideEvent(self, event: QHideEvent) -> None:
        if self._save_timer.isActive():
            self.save_now()  # closing the dialog right after a change still saves it
        super().hideEvent(event)
