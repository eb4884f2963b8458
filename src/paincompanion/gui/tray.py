"""The tray icon and its menu, and the timer that asks ReminderService what is due.

`ReminderTray` works without a system tray too (offscreen, desktops without one): the menu, the timer, the
reminder window and the missed dialog are the same; only the QSystemTrayIcon is left out, and then closing
the window quits as usual (nothing would be left to bring it back).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyle, QSystemTrayIcon

from .. import APP_ID, APP_NAME
from ..domain.changes import Changes
from ..domain.reminders import CHECKIN, MISSED, SNOOZED, Reminder
from ..errors import PainCompanionError
from .context import GuiContext
from .dialogs.dose_pain_dialog import dose_op
from .dialogs.reminder_window import (
    CHECK_IN,
    DISMISS,
    DONE,
    SNOOZE,
    TAKEN,
    TAKEN_THEN,
    MissedDialog,
    ReminderWindow,
    when_text,
)
from .undo import push_op
from .widgets.took_menu import fill_took_menu

if TYPE_CHECKING:
    from ..services.reminders import ReminderService
    from .main_window import MainWindow

TICK_MS = 30_000
MESSAGE_MS = 15_000
#: A gap this much longer than a tick between two ticks means the computer slept (or the clock was changed).
SLEEP_GAP = timedelta(minutes=2)
TRAY_NOTICE = (
    f"{APP_NAME} keeps running in the tray so it can remind you. "
    "To close it completely, choose Quit in the tray menu or File ▸ Quit."
)


def app_icon() -> QIcon:
    """The application's icon, else the theme's, else a standard one (a tray icon must not be empty)."""
    icon = QApplication.windowIcon()
    if icon.isNull():
        icon = QIcon.fromTheme(APP_ID)
    if icon.isNull():
        icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
    return icon


class ReminderTray(QObject):
    """Tray icon (where there is one), tray menu, reminder timer, reminder window and missed dialog."""

    def __init__(self, ctx: GuiContext, window: MainWindow, *, use_tray: bool | None = None, manage_quit: bool = False):
        """`use_tray=None` uses the system tray when the desktop has one; `manage_quit` lets this object decide
        whether closing the last window quits (the app does; tests leave the QApplication alone)."""
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._manage_quit = manage_quit
        available = QSystemTrayIcon.isSystemTrayAvailable() if use_tray is None else use_tray
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.icon: QSystemTrayIcon | None = None
        if available:
            self.icon = QSystemTrayIcon(app_icon(), self)
            self.icon.setToolTip(APP_NAME)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._activated)
        self.reminder_window = ReminderWindow()
        self.reminder_window.chosen.connect(self.act)
        self.missed_dialog = MissedDialog()
        self.missed_dialog.chosen.connect(self.act)
        self.notice_box: QMessageBox | None = None
        for extra in (self.reminder_window, self.missed_dialog):
            extra.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # closing the main window still quits
        # A reminder appears without taking the keyboard: a key meant for another program must not press "Taken".
        self.reminder_window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.reminder_actions: dict[str, QMenu] = {}
        #: "Took my medicine ▸": every current item, read when the submenu opens (as on Today).
        self.took_menu = QMenu("&Took my medicine", self.menu)
        self.took_menu.setObjectName("trayTookMenu")
        self.took_menu.aboutToShow.connect(self.fill_took_menu)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self._last_tick: datetime | None = None
        ctx.bus.operation_did_execute.connect(self._on_changes)
        window.hide_to_tray = self.keep_running_on_close
        self.rebuild_menu()

    @property
    def service(self) -> ReminderService:
        """Asked each time: restoring a backup rebuilds the services."""
        return self.ctx.companion.reminders

    # --- running ------------------------------------------------------------------------------

    def start(self) -> None:
        """First look (reports what was missed while the app was closed), then every 30 seconds."""
        self.tick()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.icon is not None:
            self.icon.hide()
        self.reminder_window.hide()
        self.missed_dialog.hide()

    def tick(self) -> None:
        """Ask what is due by the wall clock (so a sleep shows up as a jump) and announce it."""
        now = self.ctx.companion.clock.now()
        slept = self._last_tick is not None and now - self._last_tick > SLEEP_GAP
        self._last_tick = now
        try:
            if slept:
                self.service.settle()
            check = self.service.check()
        except PainCompanionError as exc:  # reminders must never take the diary down
            print(f"{APP_NAME}: reminders could not be checked: {exc}", file=sys.stderr)
            return
        if check.fire:
            self._announce(list(check.fire))
        if check.missed:
            self._announce_missed(len(check.missed))
        self.refresh()

    def _announce(self, fired: list[Reminder]) -> None:
        if self.icon is not None and self.icon.isVisible():
            title = fired[0].title if len(fired) == 1 else f"{len(fired)} reminders"
            body = "; ".join(f"{_what(r)} at {r.slot:%H:%M}" for r in fired)
            self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self.show_reminder_window()

    def _announce_missed(self, count: int) -> None:
        if self.icon is not None and self.icon.isVisible():
            text = "1 reminder was" if count == 1 else f"{count} reminders were"
            self.icon.showMessage("While you were away", f"{text} missed.", QSystemTrayIcon.MessageIcon.Information)
        if self.window.interactive:
            self.show_missed(activate=False)

    # --- the menu -----------------------------------------------------------------------------

    def rebuild_menu(self) -> None:
        """Open, Check in now, one submenu per due or snoozed reminder, Missed while away…, Quit."""
        menu = self.menu
        menu.clear()
        self.reminder_actions = {}
        self.open_action = menu.addAction(f"&Open {APP_NAME}", self.open_window)
        self.checkin_action = menu.addAction("&Check in now", self.check_in_now)
        menu.addMenu(self.took_menu)  # the submenu owns its action: clear() leaves it alone
        reminders = self._open_reminders()
        today = self._today()
        showing = [r for r in reminders if r.status != MISSED]
        if showing:
            menu.addSection("Reminders")
        for reminder in showing:
            detail = f"snoozed until {reminder.snoozed_until:%H:%M}" if reminder.status == SNOOZED else "due"
            label = f"{_what(reminder)} — {when_text(reminder, today)}, {detail}".replace("&", "&&")
            sub = menu.addMenu(label)
            first = "&Taken" if reminder.kind != CHECKIN else "&Done"
            sub.addAction(first, partial(self.act, reminder.key, TAKEN if reminder.kind != CHECKIN else DONE))
            sub.addAction("Snooze &10 min", partial(self.act, reminder.key, SNOOZE, 10))
            sub.addAction("Snooze 1 &hour", partial(self.act, reminder.key, SNOOZE, 60))
            sub.addAction("&Dismiss", partial(self.act, reminder.key, DISMISS))
            self.reminder_actions[reminder.key] = sub
        missed = [r for r in reminders if r.status == MISSED]
        menu.addSeparator()
        self.missed_action: QAction = menu.addAction(f"&Missed while away ({len(missed)})…", lambda: self.show_missed())
        self.missed_action.setVisible(bool(missed))
        menu.addSeparator()
        self.quit_action = menu.addAction("&Quit", self.quit)

    def refresh(self) -> None:
        """Menu, windows and icon follow the open reminders and the settings."""
        self.rebuild_menu()
        today = self._today()
        reminders = self._open_reminders()
        if self.reminder_window.isVisible():
            self.reminder_window.set_reminders([r for r in reminders if r.status not in (MISSED, SNOOZED)], today)
        if self.missed_dialog.isVisible():
            self.missed_dialog.set_reminders([r for r in reminders if r.status == MISSED], today)
        self._update_icon()

    def _update_icon(self) -> None:
        enabled = self._settings_enabled()
        if self.icon is not None:
            self.icon.setVisible(enabled or not self.window.isVisible())
        if self._manage_quit:
            QApplication.setQuitOnLastWindowClosed(not self.keeps_running())

    def keeps_running(self) -> bool:
        """True when closing the window leaves the app in the tray."""
        if self.icon is None:
            return False
        try:
            chosen = self.service.settings()
        except PainCompanionError:
            return False
        return chosen.enabled and chosen.keep_in_tray

    def keep_running_on_close(self) -> bool:
        """Called by the window's closeEvent: hide to the tray? Says so the first time."""
        if not self.window.interactive or not self.keeps_running():  # scripted runs always close
            return False
        if not self.service.tray_notice_shown:
            self.service.mark_tray_notice_shown()
            if self.icon is not None and self.icon.isVisible():
                self.icon.showMessage(APP_NAME, TRAY_NOTICE, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
            if self.window.interactive:
                box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, TRAY_NOTICE, parent=None)
                box.setObjectName("trayNotice")
                box.setModal(False)
                box.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
                box.show()
                self.notice_box = box
        QTimer.singleShot(0, self._update_icon)
        return True

    # --- what the patient chose ---------------------------------------------------------------

    def act(self, key: str, action: str, minutes: int = 0) -> None:
        """Taken / taken then / check in / done / dismiss / snooze on one reminder."""
        try:
            reminder = next((r for r in self.service.open_reminders() if r.key == key), None)
            if reminder is None:
                self.refresh()
                return
            if action in (TAKEN, TAKEN_THEN) and reminder.kind != CHECKIN and reminder.medication_id is not None:
                # "I took it at 08:00" (TAKEN_THEN) logs the planned time: no "pain right now" for it.
                at = reminder.due_at if action == TAKEN_THEN else None
                as_needed = self.ctx.companion.meds.get(reminder.medication_id).as_needed
                if not self._log_dose(reminder.medication_id, reminder.name, as_needed, at):
                    return  # cancelled or refused: the reminder stays open
                self.service.close(key)
            elif action == SNOOZE:
                self.service.snooze(key, minutes)
            elif action == CHECK_IN:
                self.service.close(key)
                self.check_in_now()
            else:  # DONE, DISMISS, or TAKEN on a check-in
                self.service.close(key)
        except PainCompanionError as exc:
            self._tell(str(exc))
        self.refresh()

    def fill_took_menu(self) -> None:
        """One entry per current medicine; choosing one logs a dose now (as-needed items ask the pain first)."""
        fill_took_menu(self.took_menu, self.ctx.companion, self.took_medicine, later=True)

    def took_medicine(self, med_id: int, name: str, as_needed: bool) -> None:
        """Log a dose now from the tray menu (the same question and undo as Today's "Took my medicine")."""
        try:
            self._log_dose(med_id, name, as_needed)
        except PainCompanionError as exc:
            self._tell(str(exc))
        self.refresh()

    def _log_dose(self, med_id: int, name: str, as_needed: bool, at: datetime | None = None) -> bool:
        """Ask (as-needed items taken now), log through the undo stack, say so; False when nothing was logged."""
        parent = self.reminder_window if self.reminder_window.isVisible() else None
        with self._paused():
            op = dose_op(self.ctx.companion, med_id, name, as_needed, parent, at)
        if op is None:
            return False
        error = push_op(self.ctx.undo_stack, op)
        if error is not None:
            self._tell(f"The dose of {name} was not logged: {error}")
            return False
        rated = "" if op.pain is None else f" with pain {op.pain}"
        self.window.show_status(f"Dose of {name} logged{rated}")
        return True

    @contextmanager
    def _paused(self) -> Iterator[None]:
        """No reminder checks while a question is open (a tick would rebuild the menu and rows under it)."""
        running = self.timer.isActive()
        self.timer.stop()
        try:
            yield
        finally:
            if running:
                self.timer.start()

    def _tell(self, text: str) -> None:
        if self.icon is not None and self.icon.isVisible():
            self.icon.showMessage(APP_NAME, text, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)
        self.window.show_status(text, 0)
        print(f"{APP_NAME}: {text}", file=sys.stderr)

    def open_window(self) -> None:
        self.window.bring_to_front()
        self._update_icon()

    def check_in_now(self) -> None:
        """The window on Today with the keyboard in the quick entry."""
        self.open_window()
        self.window.show_page("today")
        today = getattr(self.window, "today_page", None)
        if today is not None:
            today.focus_first()

    def show_reminder_window(self) -> None:
        due = [r for r in self._open_reminders() if r.status not in (MISSED, SNOOZED)]
        self.reminder_window.set_reminders(due, self._today())
        if due:
            self.reminder_window.show()
            self.reminder_window.raise_()

    def show_missed(self, activate: bool = True) -> None:
        """The missed dialog; `activate=False` (found by the timer) leaves the keyboard where it is."""
        missed = [r for r in self._open_reminders() if r.status == MISSED]
        self.missed_dialog.set_reminders(missed, self._today())
        if missed:
            self.missed_dialog.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not activate)
            self.missed_dialog.show()
            self.missed_dialog.raise_()
            if activate:
                self.missed_dialog.activateWindow()

    def quit(self) -> None:
        """Really quit (the window's File ▸ Quit does the same)."""
        self.window.quit_app()

    # --- helpers ------------------------------------------------------------------------------

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_window()

    def _on_changes(self, changes: Changes) -> None:
        try:
            if changes.entries or changes.medications:
                self.service.settle()  # a check-in or dose logged elsewhere answers its reminder
        except PainCompanionError:
            pass
        if changes.entries or changes.medications or changes.settings:
            self.refresh()

    def _open_reminders(self) -> list[Reminder]:
        try:
            return self.service.open_reminders()
        except PainCompanionError:
            return []

    def _settings_enabled(self) -> bool:
        try:
            return self.service.settings().enabled
        except PainCompanionError:
            return False

    def _today(self) -> date:
        return self.ctx.companion.clock.now().date()


def _what(reminder: Reminder) -> str:
    return "Diary check-in" if reminder.kind == CHECKIN else reminder.name
