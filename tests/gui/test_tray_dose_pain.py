"""Pain right now with a dose logged from the tray (menu and reminder), and undo keeping ratings in the GUI."""

from __future__ import annotations

from datetime import time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.dialogs.dose_pain_dialog import DosePainDialog
from paincompanion.gui.main_window import MainWindow
from paincompanion.gui.tray import ReminderTray
from paincompanion.services.reminders import ReminderSettings


@pytest.fixture
def window(qtbot, ctx, companion):
    companion.reminders.tz = ZoneInfo("Europe/Paris")  # the fixture clock's +01:00
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def tray(qtbot, ctx, window) -> ReminderTray:
    tray = ReminderTray(ctx, window, use_tray=False)
    qtbot.addWidget(tray.reminder_window)
    qtbot.addWidget(tray.missed_dialog)
    tray.start()
    return tray


@pytest.fixture
def asked(monkeypatch, qtbot):
    """Every dose pain dialog shown: (prefilled value, parent); answers with the keyboard, or cancels."""
    seen: list[tuple[int | None, object]] = []
    answer: dict[str, object] = {"key": Qt.Key.Key_5}

    def run(dialog: DosePainDialog):
        seen.append((dialog.pain(), dialog.parentWidget()))
        assert dialog.focusWidget() is None or dialog.scale.isAncestorOf(dialog.focusWidget())
        if answer["key"] is None:
            return DosePainDialog.DialogCode.Rejected
        dialog.scale.current_button().setFocus()
        qtbot.keyClick(dialog.scale.current_button(), answer["key"])
        return DosePainDialog.DialogCode.Accepted

    monkeypatch.setattr(DosePainDialog, "exec", run)
    return seen, answer


def _choose(tray: ReminderTray, qtbot, label: str) -> None:
    tray.took_menu.aboutToShow.emit()
    action = next(a for a in tray.took_menu.actions() if a.text().startswith(label))
    action.trigger()
    qtbot.wait(20)  # the dose is logged on the next turn of the event loop, outside the menu's signal


def test_tray_menu_asks_pain_for_an_as_needed_item_prefilled_and_the_follow_up_comes(
    qtbot, ctx, companion, clock, tray, asked
):
    seen, _ = asked
    companion.diary.add(EntryDraft(at=clock.now() - timedelta(minutes=20), pain=6))
    med = companion.meds.add(MedicationDraft("Oxycodone", strength=5, as_needed=True))
    _choose(tray, qtbot, "Oxycodone")
    assert [value for value, _ in seen] == [6]  # prefilled from the diary entry 20 minutes ago
    [dose] = companion.meds.doses()
    assert dose.medication_id == med.id and dose.at == clock.now()
    assert companion.dose_effects.ratings([dose.id])[dose.id].pain_before == 5
    assert "with pain 5" in tray.window.statusBar().currentMessage()
    assert ctx.undo_stack.count() == 1
    assert companion.follow_ups.due() == []
    clock.advance(minutes=60)
    assert [f.dose_id for f in companion.follow_ups.due()] == [dose.id]  # the same follow-up as from Today
    assert tray.timer.isActive()  # the checks went on after the question


def test_tray_menu_cancel_logs_nothing_and_regular_items_are_not_asked(qtbot, companion, tray, asked):
    seen, answer = asked
    companion.meds.add(MedicationDraft("Ibuprofen", strength=400, as_needed=True))
    companion.meds.add(MedicationDraft("Metformin", strength=500, times_per_day=2))
    answer["key"] = None
    _choose(tray, qtbot, "Ibuprofen")
    assert len(seen) == 1 and companion.meds.doses() == []
    _choose(tray, qtbot, "Metformin")
    assert len(seen) == 1  # a regular medicine is taken by the clock: no question
    [dose] = companion.meds.doses()
    assert companion.dose_effects.ratings([dose.id]) == {}


def test_tray_menu_with_no_medicines_says_so(tray):
    tray.took_menu.aboutToShow.emit()
    [only] = tray.took_menu.actions()
    assert not only.isEnabled() and "No medicines" in only.text()


def _due_reminder(companion, clock, tray, med):
    companion.reminders.save_settings(ReminderSettings(True, (), {med.id: (time(9, 45), time(21))}))
    clock.advance(minutes=15)  # 09:45
    tray.tick()
    return f"dose:{med.id}@2026-03-10T09:45"


def test_reminder_taken_for_a_regular_medicine_is_not_asked(companion, clock, tray, asked):
    seen, _ = asked
    med = companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2))
    key = _due_reminder(companion, clock, tray, med)
    QTest.mouseClick(tray.reminder_window.rows[0].buttons["taken"], Qt.MouseButton.LeftButton)
    assert seen == []
    [dose] = companion.meds.doses()
    assert companion.dose_effects.ratings([dose.id]) == {}
    assert all(r.key != key for r in companion.reminders.open_reminders())


def test_reminder_taken_asks_when_the_item_is_now_as_needed_and_cancel_keeps_it_open(companion, clock, tray, asked):
    """A medicine changed to "as needed" while its reminder was open: Taken asks, like Today."""
    seen, answer = asked
    med = companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2))
    key = _due_reminder(companion, clock, tray, med)
    companion.meds.update(med.id, MedicationDraft("Naproxen", strength=250, times_per_day=2, as_needed=True))
    answer["key"] = None
    tray.act(key, "taken")
    assert len(seen) == 1 and seen[0][1] is tray.reminder_window  # over the reminder, not somewhere else
    assert companion.meds.doses() == [] and any(r.key == key for r in companion.reminders.open_reminders())
    answer["key"] = Qt.Key.Key_7
    tray.act(key, "taken")
    [dose] = companion.meds.doses()
    assert companion.dose_effects.ratings([dose.id])[dose.id].pain_before == 7
    assert all(r.key != key for r in companion.reminders.open_reminders())


def test_took_it_then_from_missed_is_not_asked(companion, clock, tray, asked):
    """A dose logged for its planned time hours ago: "pain right now" would not be the pain then."""
    seen, _ = asked
    med = companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2, as_needed=False))
    companion.reminders.save_settings(ReminderSettings(True, (), {med.id: (time(9, 45),)}))
    clock.advance(hours=5)
    tray.tick()
    [reminder] = companion.reminders.missed()
    companion.meds.update(med.id, MedicationDraft("Naproxen", strength=250, times_per_day=2, as_needed=True))
    tray.act(reminder.key, "taken_then")
    assert seen == []
    [dose] = companion.meds.doses()
    assert f"{dose.at:%H:%M}" == "09:45" and companion.dose_effects.ratings() == {}


def test_dialog_by_keyboard_alone(qtbot):
    dialog = DosePainDialog("Kratom", 4)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.scale.isAncestorOf(dialog.focusWidget())
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == DosePainDialog.DialogCode.Accepted and dialog.pain() == 5
    skip = DosePainDialog("Kratom", None)
    qtbot.addWidget(skip)
    skip.show()
    qtbot.waitExposed(skip)
    qtbot.keyClick(skip.focusWidget(), Qt.Key.Key_Return)  # nothing chosen: logged without a rating
    assert skip.result() == DosePainDialog.DialogCode.Accepted and skip.pain() is None
    gone = DosePainDialog("Kratom", 3)
    qtbot.addWidget(gone)
    gone.show()
    qtbot.keyClick(gone.focusWidget(), Qt.Key.Key_Escape)
    assert gone.result() == DosePainDialog.DialogCode.Rejected


def test_medicines_page_delete_and_undo_bring_back_the_ratings(qtbot, ctx, companion, clock):
    from paincompanion.gui.pages.meds_page import MedicinesPage

    med = companion.meds.add(MedicationDraft("Kratom", strength=2, unit="g", as_needed=True))
    dose, _ = companion.dose_effects.take(med.id, clock.now() - timedelta(hours=2), "2 g", pain=6)
    companion.dose_effects.after(dose.id, 4, clock.now() - timedelta(hours=1))
    kept = companion.dose_effects.ratings()
    page = MedicinesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    page.delete_selected()
    assert companion.meds.list_medications() == [] and companion.dose_effects.ratings() == {}
    ctx.undo_stack.undo()
    assert companion.dose_effects.ratings() == kept
    ctx.undo_stack.redo()
    assert companion.dose_effects.ratings() == {}


@pytest.mark.parametrize("suggested", [6, None])
def test_the_dialog_is_tall_enough_for_its_wrapped_text_and_scale_words(qtbot, suggested):
    dialog = DosePainDialog("A rather long medicine name, 400 mg film-coated tablets", suggested)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    layout = dialog.layout()
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width())
    assert dialog.scale.height() >= dialog.scale.minimumSizeHint().height()  # its 0–10 words are not squeezed


def test_the_hint_names_the_patients_follow_up_time_or_none(qtbot, ctx, companion, monkeypatch):
    from paincompanion.gui.dialogs.dose_pain_dialog import ask_dose_pain

    hints = []
    monkeypatch.setattr(
        DosePainDialog, "exec", lambda d: hints.append(d.hint.text()) or DosePainDialog.DialogCode.Rejected
    )
    for delay in (60, 90, 120, "off"):
        companion.follow_ups.set_delay(delay)
        assert ask_dose_pain(companion, "Kratom", None) == (False, None)
    assert [h.split(". ", 1)[1] if ". " in h else "" for h in hints] == [
        "With a number, the app asks how your pain is about an hour later.",
        "With a number, the app asks how your pain is about 90 minutes later.",
        "With a number, the app asks how your pain is about 2 hours later.",
        "",
    ]
    assert hints[-1] == "Leave it empty to log the dose without a rating."
