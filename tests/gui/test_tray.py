"""The tray menu and reminder windows (built without a real tray), closing to the tray, File ▸ Quit."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSystemTrayIcon

from paincompanion.domain.medications import MedicationDraft
from paincompanion.domain.reminders import MISSED, SNOOZED
from paincompanion.gui.main_window import MainWindow
from paincompanion.gui.tray import ReminderTray
from paincompanion.services.reminders import ReminderSettings


@pytest.fixture
def med(companion):
    return companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2))


@pytest.fixture
def window(qtbot, ctx, companion, med):
    companion.reminders.tz = ZoneInfo("Europe/Paris")  # the fixture clock's +01:00
    companion.reminders.save_settings(ReminderSettings(True, (time(9, 45),), {med.id: (time(9, 45), time(21))}))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def make_tray(qtbot, ctx, window, use_tray=False) -> ReminderTray:
    tray = ReminderTray(ctx, window, use_tray=use_tray)
    qtbot.addWidget(tray.reminder_window)
    qtbot.addWidget(tray.missed_dialog)
    return tray


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def test_menu_without_reminders(qtbot, ctx, window):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    assert texts(tray.menu) == ["&Open Pain Companion", "&Check in now", "&Took my medicine", "&Quit"]
    assert not tray.reminder_window.isVisible()


def test_due_reminders_show_in_the_menu_and_the_window_and_taken_logs_a_dose(qtbot, ctx, window, companion, clock, med):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    clock.advance(minutes=15)  # 09:45
    tray.tick()
    assert texts(tray.menu)[3:5] == ["Diary check-in — 09:45, due", "Naproxen — 09:45, due"]
    assert tray.reminder_window.isVisible()
    assert [row.title.text() for row in tray.reminder_window.rows] == ["<b>Diary check-in</b>", "<b>Naproxen</b>"]
    dose_menu = tray.reminder_actions[f"dose:{med.id}@2026-03-10T09:45"]
    assert [a.text() for a in dose_menu.actions()] == ["&Taken", "Snooze &10 min", "Snooze 1 &hour", "&Dismiss"]
    dose_menu.actions()[0].trigger()
    doses = companion.meds.doses()
    assert [(d.medication_id, d.at) for d in doses] == [(med.id, clock.now())]
    assert ctx.undo_stack.count() == 1  # Edit ▸ Undo takes it back
    assert [r.kind for r in companion.reminders.open_reminders()] == ["checkin"]
    assert [row.title.text() for row in tray.reminder_window.rows] == ["<b>Diary check-in</b>"]
    assert "Naproxen — 09:45, due" not in texts(tray.menu)


def test_snooze_from_the_menu_moves_the_reminder(qtbot, ctx, window, companion, clock, med):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    clock.advance(minutes=15)
    tray.tick()
    key = f"dose:{med.id}@2026-03-10T09:45"
    tray.reminder_actions[key].actions()[1].trigger()  # Snooze 10 min
    snoozed = next(r for r in companion.reminders.open_reminders() if r.key == key)
    assert snoozed.status == SNOOZED and f"{snoozed.snoozed_until:%H:%M}" == "09:55"
    assert "Naproxen — 09:45, snoozed until 09:55" in texts(tray.menu)
    assert [row.title.text() for row in tray.reminder_window.rows] == ["<b>Diary check-in</b>"]
    clock.advance(minutes=10)
    tray.tick()
    assert [row.title.text() for row in tray.reminder_window.rows] == ["<b>Diary check-in</b>", "<b>Naproxen</b>"]


def test_reminder_window_by_keyboard(qtbot, ctx, window, companion, clock, med):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    clock.advance(minutes=15)
    tray.tick()
    rows = tray.reminder_window.rows
    assert tray.reminder_window.focusWidget() is rows[0].first_button()
    # it does not take the keyboard from another program; once switched to, the first button has it
    assert tray.reminder_window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert rows[0].buttons["checkin"].accessibleName().startswith("Check in now: Diary check-in")
    QTest.mouseClick(rows[1].buttons["dismiss"], Qt.MouseButton.LeftButton)
    assert [r.kind for r in companion.reminders.open_reminders()] == ["checkin"]
    assert companion.meds.doses() == []
    QTest.mouseClick(tray.reminder_window.rows[0].buttons["checkin"], Qt.MouseButton.LeftButton)
    assert companion.reminders.open_reminders() == []
    assert not tray.reminder_window.isVisible()
    assert window.current_page_key() == "today"


def test_missed_while_away_lists_them_and_took_it_then_logs_at_the_planned_time(
    qtbot, ctx, window, companion, clock, med
):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    clock.advance(hours=12, minutes=15)  # 21:45: the computer slept through 09:45 and 21:00
    tray.tick()
    assert [r.status for r in companion.reminders.open_reminders()] == [MISSED, MISSED, MISSED]
    assert "&Missed while away (3)…" in texts(tray.menu)
    assert tray.missed_dialog.isVisible()  # shown once on finding them
    tray.missed_dialog.hide()
    tray.missed_action.trigger()
    assert tray.missed_dialog.isVisible()
    rows = tray.missed_dialog.rows
    assert [r.detail.text() for r in rows] == ["Missed: planned for 09:45"] * 2 + ["Missed: planned for 21:00"]
    naproxen = next(r for r in rows if r.reminder.name == "Naproxen")
    assert naproxen.buttons["taken_then"].text() == "I took it at 09:45"
    QTest.mouseClick(naproxen.buttons["taken_then"], Qt.MouseButton.LeftButton)
    [dose] = companion.meds.doses()
    assert f"{dose.at:%H:%M}" == "09:45"
    assert len(tray.missed_dialog.rows) == 2
    for row in list(tray.missed_dialog.rows):
        QTest.mouseClick(row.buttons["dismiss"], Qt.MouseButton.LeftButton)
    assert not tray.missed_dialog.isVisible()
    assert not tray.missed_action.isVisible()


def test_logging_a_check_in_elsewhere_closes_its_reminder(qtbot, ctx, window, companion, clock):
    tray = make_tray(qtbot, ctx, window)
    tray.start()
    clock.advance(minutes=15)
    tray.tick()
    tray.check_in_now()
    page = window.today_page
    page.form.pain.setValue(4)
    page.save()
    assert [e.pain for e in companion.diary.today()] == [4]
    assert [r.kind for r in companion.reminders.open_reminders()] == ["dose"]
    assert "Diary check-in — 09:45, due" not in texts(tray.menu)


def test_without_a_tray_closing_the_window_closes_it(qtbot, ctx, window):
    tray = make_tray(qtbot, ctx, window)
    assert tray.icon is None and not tray.keeps_running()
    window.close()
    assert not window.isVisible()


def test_closing_keeps_running_in_the_tray_and_says_so_once(qtbot, ctx, window, companion):
    tray = make_tray(qtbot, ctx, window, use_tray=True)
    assert tray.keeps_running()
    window.close()
    assert not window.isVisible()
    assert window.hide_to_tray is not None  # still in the tray, not closed
    assert companion.reminders.tray_notice_shown
    notice = tray.notice_box
    qtbot.addWidget(notice)
    assert "keeps running in the tray" in notice.text()
    tray.open_window()
    assert window.isVisible()
    tray.notice_box = None
    window.close()
    assert tray.notice_box is None  # the notice comes only the first time
    companion.reminders.save_settings(ReminderSettings(True, keep_in_tray=False))
    tray.open_window()
    window.close()
    assert not window.isVisible() and not tray.keeps_running()


def test_quit_really_quits(qtbot, ctx, window, companion):
    tray = make_tray(qtbot, ctx, window, use_tray=True)
    tray.quit_action.trigger()
    assert not window.isVisible() and window.hide_to_tray is None


def test_real_system_tray_icon(qtbot, ctx, window):
    if not QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("this desktop (offscreen in tests) has no system tray; the menu is tested without the icon")
    tray = make_tray(qtbot, ctx, window, use_tray=None)
    tray.start()
    assert tray.icon is not None and tray.icon.isVisible() and tray.icon.contextMenu() is tray.menu
