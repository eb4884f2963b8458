"""Today page: keyboard-only quick entry, failures keep the text, today's list, the PEG offer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.gui.dialogs.peg_dialog import PegDialog
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.storage.database import StorageFailure


@pytest.fixture
def page(qtbot, ctx):
    widget = TodayPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.form.focus_first()
    return widget


def key(widget_key) -> None:
    """Press a key on whatever has the keyboard focus (as a user would)."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, widget_key)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def test_pain_scale_has_focus_on_open(page):
    assert page.form.pain.isAncestorOf(QApplication.focusWidget())


def test_quick_entry_by_keyboard_only(page, ctx):
    type_text("7")
    assert page.form.pain.value() == 7
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.form.notes
    type_text("knee bad after the walk")
    key(Qt.Key.Key_Return)

    today = ctx.companion.diary.today()
    assert [(e.pain, e.note) for e in today] == [(7, "knee bad after the walk")]
    assert page.form.pain.value() is None and page.form.notes.toPlainText() == ""  # reset after success
    assert page.entries.count() == 1 and "pain 7" in page.entries.item(0).text()
    assert page.form.pain.isAncestorOf(QApplication.focusWidget())  # ready for the next one


def test_shift_enter_in_the_quick_note_is_a_new_line(page, ctx):
    type_text("3")
    key(Qt.Key.Key_Tab)
    type_text("first")
    QTest.keyClick(page.form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text("second")
    QTest.keyClick(page.form.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [e.note for e in ctx.companion.diary.today()] == ["first\nsecond"]


def test_digits_arrows_and_ten(page):
    scale = page.form.pain
    type_text("4")
    assert scale.value() == 4
    key(Qt.Key.Key_Right)
    assert scale.value() == 5
    type_text("10")  # "1" then "0" in quick succession means ten
    assert scale.value() == 10
    type_text("0")
    assert scale.value() == 0
    key(Qt.Key.Key_End)
    assert scale.value() == 10
    key(Qt.Key.Key_Delete)
    assert scale.value() is None


def test_enter_without_pain_explains_and_saves_nothing(page, ctx):
    key(Qt.Key.Key_Tab)
    type_text("forgot the number")
    key(Qt.Key.Key_Return)
    assert ctx.companion.diary.count() == 0
    assert page.message.isVisible() and "how much it hurts" in page.message.text()
    assert page.form.notes.toPlainText() == "forgot the number"


def test_failed_save_keeps_the_text_and_says_so(page, ctx, monkeypatch):
    def broken_add(draft):
        raise StorageFailure("The disk is full or cannot be written, so nothing was saved.")

    monkeypatch.setattr(ctx.companion.diary, "add", broken_add)
    type_text("6")
    key(Qt.Key.Key_Tab)
    type_text("this must not be lost")
    key(Qt.Key.Key_Return)

    assert page.message.isVisible() and page.message.is_error
    assert "disk is full" in page.message.text()
    assert page.form.notes.toPlainText() == "this must not be lost"
    assert page.form.pain.value() == 6
    assert ctx.companion.diary.count() == 0
    assert ctx.undo_stack.count() == 0  # nothing to undo: nothing happened


def test_details_reachable_by_tab_and_saved(page, ctx):
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now() - timedelta(days=2), pain=3, triggers=("cold",)))
    type_text("5")
    key(Qt.Key.Key_Tab)  # note
    key(Qt.Key.Key_Tab)  # "More details"
    assert QApplication.focusWidget() is page.form.details_toggle
    key(Qt.Key.Key_Space)
    fields = page.form.fields
    assert fields is not None and fields.triggers.suggestions() == ["cold"]
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fields.time_edit
    key(Qt.Key.Key_Tab)  # the time field is one stop, not five
    assert QApplication.focusWidget() is fields.locations.choose_button
    fields.locations.set_locations([LocationPain("front-left-knee", 6)])
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fields.locations.findChild(type(fields.mood), "locationPain_front-left-knee")
    fields.mood.setFocus()
    type_text("6")
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is fields.sleep_hours
    type_text("7.5")
    fields.triggers.setFocus()
    type_text("long sitting")
    key(Qt.Key.Key_Return)

    saved = ctx.companion.diary.today()[-1]
    assert (saved.pain, saved.mood, saved.sleep_hours, saved.triggers) == (5, 6, 7.5, ("long sitting",))
    assert saved.locations == (LocationPain("front-left-knee", 6),)


def test_list_follows_changes_from_elsewhere(page, ctx):
    assert page.entries.count() == 1 and not page.entries.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=2, note="from the diary page"))
    assert page.entries.count() == 1 and "from the diary page" in page.entries.item(0).text()


def test_delete_from_today_can_be_undone(page, ctx):
    entry = ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=4))
    page.entries.setCurrentRow(0)
    page.delete_selected()
    assert ctx.companion.diary.count() == 0
    ctx.undo_stack.undo()
    assert ctx.companion.diary.get(entry.id).pain == 4


def test_peg_banner_hidden_for_a_brand_new_diary(page):
    assert not page.peg_banner.isVisible()


def test_peg_banner_offered_when_due_and_saving_a_peg_stores_it(qtbot, ctx):
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now() - timedelta(days=1), pain=5))
    widget = TodayPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    assert widget.peg_banner.isVisible()

    seen: list[PegDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PegDialog)
        seen.append(dialog)
        for key_name, value in (("pain", 6), ("enjoyment", 4), ("activity", 5)):
            dialog.scales[key_name].setValue(value)
        dialog.accept()

    QTimer.singleShot(0, answer)
    widget.peg_banner.start_button.click()
    assert seen, "the check-in dialog did not open"

    history = ctx.companion.diary.peg_history()
    assert [(p.pain, p.enjoyment, p.activity) for p in history] == [(6, 4, 5)]
    assert not widget.peg_banner.isVisible()


def test_peg_dialog_by_keyboard(qtbot, ctx):
    dialog = PegDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.scales["pain"].setFocus()
    for digit in "72":
        type_text(digit)
        key(Qt.Key.Key_Tab)
    type_text("3")
    assert "4.0" in dialog.score_label.text()
    key(Qt.Key.Key_Return)
    assert dialog.result() == PegDialog.DialogCode.Accepted
    assert [(p.pain, p.enjoyment, p.activity, p.score) for p in ctx.companion.diary.peg_history()] == [(7, 2, 3, 4.0)]


def test_peg_dialog_requires_all_three(qtbot, ctx):
    dialog = PegDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.scales["pain"].setValue(3)
    dialog.accept()
    assert dialog.result() != PegDialog.DialogCode.Accepted
    assert "enjoyment of life" in dialog.message.text()
    assert ctx.companion.diary.peg_history() == []


def test_not_now_hides_the_banner(qtbot, ctx):
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=5))
    widget = TodayPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.peg_banner.dismiss_button.click()
    assert not widget.peg_banner.isVisible()
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=4))
    assert not widget.peg_banner.isVisible()  # stays away for this session


def test_tab_cycle_reaches_the_peg_banner(qtbot, ctx):
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now() - timedelta(days=1), pain=5))
    widget = TodayPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.focus_first()
    visited = []
    for _ in range(12):
        visited.append(QApplication.focusWidget())
        key(Qt.Key.Key_Tab)
    assert widget.peg_banner.start_button in visited and widget.peg_banner.dismiss_button in visited
    assert widget.form.notes in visited and widget.save_button in visited and widget.entries in visited
