"""The calm "How is your pain now?" window about an hour after a rated dose, and the timer that asks it.

The window never takes the keyboard on its own (a key meant for another program must not answer it); it is
skippable (Skip, Escape or closing it) and can be snoozed. The rules (due, snoozed, missed while the computer
slept: never asked late) are in domain/follow_up.py, applied by services/follow_up.py with the app's clock.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from ...domain.follow_up import FollowUp
from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.message_label import MessageLabel
from ..widgets.pain_scale import PainScale
from .reminder_window import fit_to_contents
from .sizing import make_scrollable

TICK_MS = 30_000
SNOOZE = 15
MESSAGE_MS = 10_000


class FollowUpWindow(QWidget):
    """One question about one dose: pain now (0–10), Save, Ask again in 15 minutes, Skip."""

    answered = Signal(int, int)  # dose id, pain
    snoozed = Signal(int)
    skipped = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("followUpWindow")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)  # room for the 0–10 words
        self.setWindowTitle("How is your pain now?")
        self.setAccessibleName("How is your pain now?")
        self.item: FollowUp | None = None
        layout = QVBoxLayout(self)
        self.question = QLabel(self)
        self.question.setObjectName("followUpQuestion")
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.scale = PainScale("Pain now", parent=self, object_name="followUpScale")
        self.question.setBuddy(self.scale)
        layout.addWidget(self.scale)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        note = QLabel("Only if you want to: skipping is fine, and nothing is asked later.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        row = QHBoxLayout()
        self.save_button = QPushButton("&Save", self)
        self.save_button.setObjectName("followUpSave")
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName("Save pain now")
        self.snooze_button = QPushButton(f"Ask again in {SNOOZE} &minutes", self)
        self.snooze_button.setObjectName("followUpSnooze")
        self.skip_button = QPushButton("S&kip", self)
        self.skip_button.setObjectName("followUpSkip")
        self.skip_button.setAccessibleName("Skip this question")
        buttons = QDialogButtonBox(self)
        for button in (self.save_button, self.snooze_button, self.skip_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        row.addWidget(buttons)
        layout.addLayout(row)
        make_scrollable(self, self.message, row, name="followUpScroll")
        self.save_button.clicked.connect(self._save)
        self.snooze_button.clicked.connect(lambda: self.item and self.snoozed.emit(self.item.dose_id))
        self.skip_button.clicked.connect(self.skip)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)

    def ask(self, item: FollowUp) -> None:
        """Show the question for `item` (replacing any other)."""
        self.item = item
        self.question.setText(
            f"You took {item.name.replace('&', '&&')} at {item.dose_at:%H:%M}. "
            "&How is your pain now? (0 = no pain, 10 = worst)"
        )
        self.scale.setValue(None)
        self.message.clear_message()
        fit_to_contents(self)  # the wrapped question and the scale's words show in full
        self.show()
        self.raise_()
        self.scale.setFocus()

    def _save(self) -> None:
        if self.item is None:
            return
        value = self.scale.value()
        if value is None:
            self.message.show_error("Choose a number from 0 to 10 first, or Skip.")
            self.scale.setFocus()
            return
        self.answered.emit(self.item.dose_id, value)

    def skip(self) -> None:
        if self.item is not None and self.isVisible():
            self.skipped.emit(self.item.dose_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.skip()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._save()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.skip()
        super().closeEvent(event)


class FollowUpPrompter(QObject):
    """Every 30 seconds: asks the service what is due (the app's clock) and shows the window."""

    def __init__(self, ctx: GuiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = FollowUpWindow()
        self.window.answered.connect(self.answer)
        self.window.snoozed.connect(self.snooze)
        self.window.skipped.connect(self.skip)
        #: The tray icon, when there is one: a short note appears there too (set by gui/app.py).
        self.tray_icon: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.check()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.window.hide()

    def check(self) -> None:
        """Show the oldest due follow-up; hide the window when nothing is due any more (missed ones too)."""
        try:
            due = self.ctx.companion.follow_ups.due()
        except PainCompanionError as exc:  # a follow-up must never take the diary down
            print(f"Pain Companion: follow-ups could not be checked: {exc}", file=sys.stderr)
            return
        if not due:
            self.window.item = None
            self.window.hide()
            return
        if self.window.isVisible() and self.window.item and self.window.item.dose_id == due[0].dose_id:
            return
        self.window.ask(due[0])
        if self.tray_icon is not None and self.tray_icon.isVisible():
            item = due[0]
            self.tray_icon.showMessage(
                "How is your pain now?",
                f"You took {item.name} at {item.dose_at:%H:%M}.",
                QSystemTrayIcon.MessageIcon.Information,
                MESSAGE_MS,
            )

    def _done(self) -> None:
        self.window.item = None
        self.window.hide()
        self.check()

    def answer(self, dose_id: int, pain: int) -> None:
        try:
            self.ctx.companion.follow_ups.answer(dose_id, pain)
        except PainCompanionError as exc:
            self.window.message.show_error(str(exc))
            return
        self._done()

    def snooze(self, dose_id: int) -> None:
        try:
            self.ctx.companion.follow_ups.snooze(dose_id, SNOOZE)
        except PainCompanionError as exc:
            self.window.message.show_error(str(exc))
            return
        self._done()

    def skip(self, dose_id: int) -> None:
        try:
            self.ctx.companion.follow_ups.skip(dose_id)
        except PainCompanionError as exc:
            print(f"Pain Companion: a follow-up could not be skipped: {exc}", file=sys.stderr)
        self._done()
