"""Settings ▸ Reminders: choices saved as made, per-medicine times, start with the computer, by keyboard."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QAbstractButton, QTimeEdit

from paincompanion import APP_ID
from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.dialogs.settings_dialog import SettingsDialog
from paincompanion.gui.settings_sections import reminders as section_module
from paincompanion.gui.settings_sections.reminders import Section
from paincompanion.services.reminders import ReminderSettings


@pytest.fixture(autouse=True)
def xdg(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


@pytest.fixture
def meds(companion):
    twice = companion.meds.add(MedicationDraft("Naproxen", strength=250, times_per_day=2))
    companion.meds.add(MedicationDraft("Ibuprofen", times_per_day=3, as_needed=True))
    return twice


@pytest.fixture
def section(qtbot, ctx, meds):
    widget = Section(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_found_by_the_settings_dialog(qtbot, ctx):
    assert (section_module.TITLE, section_module.ORDER) == ("Reminders", 20)
    dialog = SettingsDialog(ctx, section="reminders")
    qtbot.addWidget(dialog)
    assert isinstance(dialog.section_widget("reminders"), Section)


def test_shows_defaults_off_and_only_scheduled_medicines(section, meds):
    assert not section.enabled.isChecked()
    assert not section.checkin_times.isEnabled()  # greyed out while reminders are off
    assert section.checkin_times.times() == (time(9), time(20))
    assert list(section.dose_times) == [meds.id]  # Ibuprofen is as needed: no reminders
    assert section.dose_times[meds.id].times() == (time(8), time(20))
    assert not section.autostart.isChecked() and section.keep_in_tray.isChecked()


def test_turning_on_and_editing_times_is_saved(section, companion, meds, qtbot):
    section.enabled.setChecked(True)
    assert section.checkin_times.isEnabled()
    section.checkin_times.edits[0].setTime(QTime(8, 30))
    section.checkin_times.remove_buttons[1].click()  # remove 20:00
    section.dose_times[meds.id].add_time()  # 20:00 + 2 h
    qtbot.waitUntil(lambda: companion.reminders.settings().enabled)  # saved a moment after the last change
    section.save_now()
    saved = companion.reminders.settings()
    assert saved.checkin_times == (time(8, 30),)
    assert saved.dose_times == {meds.id: (time(8), time(20), time(22))}
    assert [d.times for d in companion.reminders.plan().doses] == [(time(8), time(20), time(22))]


def test_suggested_dose_times_are_not_stored_as_the_patients_own(section, companion, meds):
    section.enabled.setChecked(True)
    section.save_now()
    assert companion.reminders.settings().dose_times == {}
    section.dose_times[meds.id].remove_buttons[0].click()
    section.dose_times[meds.id].remove_buttons[0].click()
    section.save_now()
    assert companion.reminders.settings().dose_times == {meds.id: ()}  # no reminders for it
    assert companion.reminders.plan().doses == ()


def test_saved_choices_are_shown_again(qtbot, ctx, companion, meds):
    companion.reminders.save_settings(ReminderSettings(True, (time(7),), {meds.id: (time(6),)}, keep_in_tray=False))
    widget = Section(ctx)
    qtbot.addWidget(widget)
    assert widget.enabled.isChecked() and not widget.keep_in_tray.isChecked()
    assert widget.checkin_times.times() == (time(7),)
    assert widget.dose_times[meds.id].times() == (time(6),)


def test_closing_right_after_a_change_still_saves(section, companion):
    section.keep_in_tray.setChecked(False)
    section.hide()
    assert companion.reminders.settings().keep_in_tray is False


def test_start_with_my_computer_writes_and_removes_the_autostart_file(section, xdg):
    desktop = xdg / "autostart" / f"{APP_ID}.desktop"
    section.autostart.setChecked(True)
    assert desktop.is_file() and "--minimised" in desktop.read_text()
    assert "--data-dir" in desktop.read_text()  # the tests' data folder is not the default one
    section.autostart.setChecked(False)
    assert not desktop.exists()


def test_every_control_has_a_name_and_large_targets(section):
    for edit in section.findChildren(QTimeEdit):
        assert edit.accessibleName()
    names = [edit.accessibleName() for edit in section.findChildren(QTimeEdit)]
    assert "the diary check-in: time 1 of 2" in names and "Naproxen 250 mg: time 2 of 2" in names
    for button in section.findChildren(QAbstractButton):
        assert button.text() or button.accessibleName()
    remove = section.checkin_times.remove_buttons[0]
    assert remove.accessibleName() == "Remove time 1 for the diary check-in"
    assert remove.minimumHeight() >= remove.fontMetrics().height() * 2


def next_stop(widget):
    """The next Tab stop after `widget` (skipping its own inner parts, like a time edit's line edit)."""
    found = widget.nextInFocusChain()
    while widget.isAncestorOf(found) or not found.focusPolicy() & Qt.FocusPolicy.TabFocus:
        found = found.nextInFocusChain()
    return found


def test_tab_order_after_adding_a_time(section):
    times = section.checkin_times
    times.add_time()
    assert len(times.edits) == 3
    assert [next_stop(edit) for edit in times.edits] == times.remove_buttons
    assert next_stop(times.remove_buttons[1]) is times.edits[2]
    assert next_stop(times.remove_buttons[-1]) is times.add_button
    assert next_stop(section.enabled) is times.edits[0]
