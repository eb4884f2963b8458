"""The "how is your pain now?" prompt after a rated dose: injected clock, keyboard, missed while asleep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.dialogs.dose_pain_dialog import DosePainDialog
from paincompanion.gui.dialogs.follow_up_window import FollowUpPrompter
from paincompanion.gui.pages.meds_page import MedicinesPage
from paincompanion.gui.pages.today_page import TodayPage


def _rated_dose(ctx, pain: int = 7) -> int:
    med = ctx.companion.meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))
    dose, _ = ctx.companion.dose_effects.take(med.id, pain=pain)
    return dose.id


def test_due_prompt_is_answered_by_keyboard_and_saved(qtbot, ctx, clock):
    dose_id = _rated_dose(ctx)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    prompter.check()
    assert not prompter.window.isVisible()  # not due yet
    clock.advance(minutes=61)
    prompter.check()
    window = prompter.window
    assert window.isVisible()
    assert window.accessibleName() == "How is your pain now?"
    assert "ibuprofen" in window.question.text()
    window.activateWindow()
    window.scale.buttons[0].setFocus()
    qtbot.keyClick(window.scale.buttons[0], Qt.Key.Key_4)
    qtbot.keyClick(window.scale.buttons[4], Qt.Key.Key_Return)
    rating = ctx.companion.dose_effects.ratings([dose_id])[dose_id]
    assert (rating.pain_before, rating.pain_after) == (7, 4)
    assert rating.after_at == clock.now()
    assert not window.isVisible()
    prompter.check()
    assert not window.isVisible()  # answered: never asked again


def test_enter_without_a_number_saves_nothing(qtbot, ctx, clock):
    dose_id = _rated_dose(ctx)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    clock.advance(minutes=60)
    prompter.check()
    qtbot.keyClick(prompter.window, Qt.Key.Key_Return)
    assert "0 to 10" in prompter.window.message.text()
    assert ctx.companion.dose_effects.ratings([dose_id])[dose_id].pain_after is None
    assert prompter.window.isVisible()


def test_missed_while_asleep_is_not_shown(qtbot, ctx, clock):
    dose_id = _rated_dose(ctx)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    clock.advance(hours=3)  # the computer slept through the due time
    prompter.check()
    assert not prompter.window.isVisible()
    assert ctx.companion.dose_effects.ratings([dose_id])[dose_id].pain_after is None


def test_snooze_then_due_again_and_escape_skips_for_good(qtbot, ctx, clock):
    _rated_dose(ctx)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    clock.advance(minutes=60)
    prompter.check()
    prompter.window.snooze_button.click()
    assert not prompter.window.isVisible()
    clock.advance(minutes=10)
    prompter.check()
    assert not prompter.window.isVisible()  # still snoozed
    clock.advance(minutes=5)
    prompter.check()
    assert prompter.window.isVisible()
    qtbot.keyClick(prompter.window, Qt.Key.Key_Escape)
    assert not prompter.window.isVisible()
    clock.advance(minutes=1)
    prompter.check()
    assert not prompter.window.isVisible()


def test_switched_off_asks_nothing(qtbot, ctx, clock):
    _rated_dose(ctx)
    ctx.companion.follow_ups.set_delay("off")
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    clock.advance(minutes=60)
    prompter.check()
    assert not prompter.window.isVisible()


def test_longer_delay_from_settings(qtbot, ctx, clock):
    _rated_dose(ctx)
    ctx.companion.follow_ups.set_delay(120)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    clock.advance(minutes=61)
    prompter.check()
    assert not prompter.window.isVisible()
    clock.advance(minutes=60)
    prompter.check()
    assert prompter.window.isVisible()


def test_took_it_now_asks_pain_prefilled_from_the_diary(qtbot, ctx, clock, monkeypatch):
    ctx.companion.diary.add(EntryDraft(at=clock.now() - timedelta(minutes=20), pain=6))
    ctx.companion.meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))
    seen = []

    def answer(dialog):
        seen.append(dialog.pain())
        qtbot.keyClick(dialog.scale.buttons[6], Qt.Key.Key_5)
        return DosePainDialog.DialogCode.Accepted

    monkeypatch.setattr(DosePainDialog, "exec", answer)
    page = MedicinesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.selectRow(0)
    page.view.took_button.click()
    assert seen == [6]
    [dose] = ctx.companion.meds.doses()
    assert ctx.companion.dose_effects.ratings([dose.id])[dose.id].pain_before == 5
    assert "with pain 5" in page.view.message.text()
    ctx.undo_stack.undo()
    assert ctx.companion.meds.doses() == []
    ctx.undo_stack.redo()
    [again] = ctx.companion.meds.doses()
    assert ctx.companion.dose_effects.ratings([again.id])[again.id].pain_before == 5


def test_today_cancel_logs_nothing_and_scheduled_items_are_not_asked(qtbot, ctx, monkeypatch):
    med = ctx.companion.meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))
    daily = ctx.companion.meds.add(MedicationDraft("metformin", strength=500, times_per_day=2))
    asked = []
    monkeypatch.setattr(DosePainDialog, "exec", lambda dialog: asked.append(1) or DosePainDialog.DialogCode.Rejected)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.took_medicine(med.id, med.name, True)
    assert asked == [1] and ctx.companion.meds.doses() == []
    page.took_medicine(daily.id, daily.name, daily.as_needed)
    assert asked == [1]
    [dose] = ctx.companion.meds.doses()
    assert ctx.companion.dose_effects.ratings([dose.id]) == {}


def test_settings_choice_saves_the_delay_and_bad_values_change_nothing(qtbot, ctx):
    from paincompanion.errors import ValidationError
    from paincompanion.gui.settings_sections.reminders import Section

    section = Section(ctx)
    qtbot.addWidget(section)
    combo = section.follow_up.combo
    assert combo.currentData() == 60 and "1 hour" in combo.currentText()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    assert ctx.companion.follow_ups.delay() is None
    combo.setCurrentIndex(combo.findData(120))
    assert ctx.companion.follow_ups.delay() == 120
    for bad in (200, 29, "lots", 45.5):
        with pytest.raises(ValidationError, match="30 to 180"):
            ctx.companion.follow_ups.set_delay(bad)
    assert ctx.companion.follow_ups.delay() == 120


def test_tray_gets_a_short_note_when_the_prompt_opens(qtbot, ctx, clock):
    class FakeIcon:
        messages: list[tuple[str, str]] = []

        def isVisible(self) -> bool:
            return True

        def showMessage(self, title, body, _icon, _ms) -> None:
            self.messages.append((title, body))

    _rated_dose(ctx)
    prompter = FollowUpPrompter(ctx)
    qtbot.addWidget(prompter.window)
    prompter.tray_icon = FakeIcon()
    clock.advance(minutes=60)
    prompter.check()
    prompter.check()  # already showing: no second note
    assert prompter.tray_icon.messages == [("How is your pain now?", "You took ibuprofen at 09:30.")]


def test_the_prompt_is_tall_enough_for_its_wrapped_question_and_scale_words(qtbot):
    from datetime import datetime, timezone

    from paincompanion.domain.follow_up import FollowUp
    from paincompanion.gui.dialogs.follow_up_window import FollowUpWindow

    window = FollowUpWindow()
    qtbot.addWidget(window)
    now = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)
    window.ask(FollowUp(1, "A rather long medicine name, 400 mg film-coated tablets", now, now))
    qtbot.waitExposed(window)
    layout = window.layout()
    assert window.height() >= layout.totalHeightForWidth(window.width())
    assert window.scale.height() >= window.scale.minimumSizeHint().height()  # its 0–10 words are not squeezed
