"""Goals and the optional check-ins from Today, by keyboard: mood (PHQ-2/GAD-2), side effects, change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.gui.dialogs.checkin_dialog import ChangeDialog, MoodCheckinDialog, SideEffectsDialog
from paincompanion.gui.dialogs.goals_dialog import GoalsDialog
from paincompanion.gui.pages.today_page import TodayPage


def key(k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, k, modifier)


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def test_mood_checkin_by_keyboard_positive_screen_shows_calm_text_and_crisis_lines(qtbot, ctx):
    dialog = show(qtbot, MoodCheckinDialog(ctx))
    # PHQ-2: "More than half the days" (2), "Several days" (1); GAD-2: "Not at all" (0) twice.
    for presses in (3, 2, 1, 1):
        for _ in range(presses):
            key(Qt.Key.Key_Down)
        key(Qt.Key.Key_Tab)
    assert dialog.answers(dialog.combos and next(iter(dialog.combos))[0]) == (2, 1)
    dialog.combos[next(iter(dialog.combos))].setFocus()
    key(Qt.Key.Key_Return)
    saved = ctx.companion.checkins.history()
    assert [(c.kind.value, c.items, c.positive) for c in saved] == [("phq2", (2, 1), True), ("gad2", (0, 0), False)]
    assert dialog.result_label.isVisible() and "988" in dialog.result_label.text()
    assert "not a diagnosis" in dialog.result_label.text()
    key(Qt.Key.Key_Return)
    assert dialog.result() == MoodCheckinDialog.DialogCode.Accepted
    ctx.undo_stack.undo()
    assert len(ctx.companion.checkins.history()) == 1


def test_mood_checkin_half_answered_is_refused_and_nothing_answered_is_a_skip(qtbot, ctx):
    dialog = show(qtbot, MoodCheckinDialog(ctx))
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    assert "both" in dialog.message.text() and ctx.companion.checkins.history() == []
    dialog2 = show(qtbot, MoodCheckinDialog(ctx))
    key(Qt.Key.Key_Return)
    assert dialog2.result() == MoodCheckinDialog.DialogCode.Rejected and ctx.companion.checkins.history() == []


def test_side_effects_by_keyboard(qtbot, ctx):
    dialog = show(qtbot, SideEffectsDialog(ctx))
    key(Qt.Key.Key_Space)  # constipation
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # nausea
    key(Qt.Key.Key_Return)
    assert dialog.result() == SideEffectsDialog.DialogCode.Accepted
    assert ctx.companion.checkins.latest("side_effects").effects == ("constipation", "nausea")


def test_change_by_keyboard(qtbot, ctx):
    dialog = show(qtbot, ChangeDialog(ctx))
    key(Qt.Key.Key_Return)
    assert "choose one" in dialog.message.text()
    key(Qt.Key.Key_Up)  # from "4. No change" up to "3. Minimally improved"
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)
    assert dialog.result() == ChangeDialog.DialogCode.Accepted
    assert ctx.companion.checkins.latest("change").value == 3


def test_goals_by_keyboard_add_rate_and_done(qtbot, ctx):
    dialog = show(qtbot, GoalsDialog(ctx))
    QTest.keyClicks(QApplication.focusWidget(), "garden")
    key(Qt.Key.Key_Tab)
    QTest.keyClicks(QApplication.focusWidget(), "30 minutes")
    dialog.what.setFocus()
    key(Qt.Key.Key_Return)
    goal = ctx.companion.goals.list_goals()[0]
    assert (goal.what, goal.how_much) == ("garden", "30 minutes")
    spin = dialog.spins[goal.id]
    qtbot.waitUntil(spin.isVisible)
    spin.setFocus()
    for _ in range(5):
        key(Qt.Key.Key_Up)  # from "not rated" (-1) to 4
    assert spin.value() == 4
    dialog.buttons.button(dialog.buttons.StandardButton.Save).setFocus()
    key(Qt.Key.Key_Space)
    assert ctx.companion.goals.get(goal.id).latest.progress == 4


@pytest.fixture
def today(qtbot, ctx):
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_today_shows_goals_and_what_is_due(today, ctx):
    from paincompanion.gui.widgets.checkins_panel import CheckinsPanel

    panel = today.findChild(CheckinsPanel)
    assert "none yet" in panel.goals_label.text() and "mood" in panel.due_label.text()
    goal = ctx.companion.goals.add("garden", "30 minutes")
    panel.refresh()
    assert "goal progress" in panel.due_label.text()
    ctx.companion.goals.rate(goal.id, 2)
    ctx.companion.checkins.screen("phq2", 0, 0)
    ctx.companion.checkins.screen("gad2", 0, 0)
    ctx.companion.checkins.side_effects([])
    panel.refresh()
    assert "garden, 30 minutes (progress 2/10)" in panel.goals_label.text()
    assert panel.due_label.text() == "No check-ins due."


def test_naloxone_question_only_with_an_opioid_or_kratom_and_answered_by_keyboard(qtbot, ctx):
    from paincompanion.domain.medications import MedicationDraft
    from paincompanion.gui.widgets.naloxone_row import NaloxoneRow

    row = NaloxoneRow(ctx)
    qtbot.addWidget(row)
    assert row.isHidden()
    ctx.companion.meds.add(MedicationDraft("oxycodone", strength=5, times_per_day=2))
    row.refresh()
    assert not row.isHidden() and "not answered yet" in row.label.text()
    row.no.setFocus()
    QTest.keyClick(row.no, Qt.Key.Key_Space)
    assert ctx.companion.checkins.naloxone_at_home() is False and "answer: no" in row.label.text()


def test_summary_page_saves_the_date_of_birth_and_puts_it_in_the_request(qtbot, ctx):
    from datetime import date

    from paincompanion.gui.pages.summary_page import SummaryPage

    page = SummaryPage(ctx)
    qtbot.addWidget(page)
    page.born_edit.setText("1961-04-30")
    page.save_born()
    assert ctx.companion.reports.birth_date() == date(1961, 4, 30)
    assert page.request().birth_date == date(1961, 4, 30)
    page.born_edit.setText("30/04/1961")
    page.save_born()
    assert "not saved" in page.message.text() and ctx.companion.reports.birth_date() == date(1961, 4, 30)
