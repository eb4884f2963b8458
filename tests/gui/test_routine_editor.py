"""The routine editor: a new routine typed by keyboard, steps added/moved/removed, problems shown in plain words
with nothing lost, and the saved routine listed as "My routine"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.domain.routines import Level, RoutineKind, Step
from paincompanion.gui.dialogs.routine_editor_dialog import RoutineEditorDialog, new_routine_id
from paincompanion.gui.models.routines_list import MINE_MARK, Column
from paincompanion.gui.pages.routines_page import RoutinesPage


@pytest.fixture
def page(qtbot, ctx):
    widget = RoutinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def dialog(qtbot):
    widget = RoutineEditorDialog(None, taken_ids={"user-stretch"})
    widget.show()  # not qtbot.addWidget: its close() would ask "discard changes?" and wait for an answer
    qtbot.waitExposed(widget)
    yield widget
    widget.done(0)  # closes without the question
    widget.deleteLater()


def type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def test_new_ids_come_from_the_title_and_never_clash():
    assert new_routine_id("Morning stretch!", set()) == "user-morning-stretch"
    assert new_routine_id("Stretch", {"user-stretch", "user-stretch-2"}) == "user-stretch-3"
    assert new_routine_id("  ¿¿  ", set()) == "user-routine"


def test_create_a_routine_by_keyboard_from_the_page(qtbot, page, ctx):
    results = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RoutineEditorDialog):
            QTimer.singleShot(20, drive)
            return
        try:
            qtbot.waitUntil(dialog.title_edit.hasFocus)
            QTest.keyClicks(dialog.title_edit, "Morning stretch")
            QTest.keyClick(dialog.title_edit, Qt.Key.Key_Tab)  # to Kind
            kinds = dialog.kind_combo
            assert kinds.hasFocus()
            QTest.keyClick(kinds, Qt.Key.Key_Down)
            QTest.keyClick(kinds, Qt.Key.Key_Up)  # back to Exercise: the arrow keys work in the closed combo
            type_into(dialog.minutes_spin, "")
            dialog.minutes_spin.selectAll()
            QTest.keyClicks(dialog.minutes_spin, "6")
            type_into(dialog.summary_edit, "A few easy stretches before breakfast.")
            dialog.condition_checks["low-back-pain"].setFocus()
            QTest.keyClick(dialog.condition_checks["low-back-pain"], Qt.Key.Key_Space)
            # the first step is there, empty: fill it, then add two more
            type_into(dialog.step_text, "Knees to chest, one at a time")
            dialog.step_seconds.selectAll()
            QTest.keyClicks(dialog.step_seconds, "20")
            dialog.step_reps.selectAll()
            QTest.keyClicks(dialog.step_reps, "3")
            dialog.add_step_button.setFocus()
            QTest.keyClick(dialog.add_step_button, Qt.Key.Key_Space)
            assert dialog.step_text.hasFocus()
            QTest.keyClicks(dialog.step_text, "Rest and breathe slowly")
            QTest.keyClick(dialog.add_step_button, Qt.Key.Key_Space)
            QTest.keyClicks(dialog.step_text, "Gentle twist, lying down")
            dialog.up_button.setFocus()
            QTest.keyClick(dialog.up_button, Qt.Key.Key_Space)  # the twist goes before the rest
            type_into(dialog.stop_if_edit, "Pain shoots down a leg")
            QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)  # Enter saves
            results.append(dialog.result())
        finally:
            if dialog.isVisible():
                dialog.done(0)  # no question on the way out

    QTimer.singleShot(0, drive)
    page.view.new_button.click()
    assert results == [RoutineEditorDialog.DialogCode.Accepted]
    [mine] = ctx.companion.routines.user_routines()
    assert (mine.id, mine.title, mine.kind, mine.minutes, mine.level) == (
        "user-morning-stretch", "Morning stretch", RoutineKind.EXERCISE, 6, Level.GENTLE,
    )  # fmt: skip
    assert mine.origin == "user" and mine.conditions == ("low-back-pain",)
    assert mine.summary == "A few easy stretches before breakfast."
    assert mine.steps == (
        Step("Knees to chest, one at a time", 20, 3),
        Step("Gentle twist, lying down"),
        Step("Rest and breathe slowly"),
    )
    assert mine.safety.stop_if == ("Pain shoots down a leg",)
    assert page.selected_id() == mine.id
    assert MINE_MARK in page.model.data(page.model.index(page.model.row_of(mine.id), Column.MARKS))
    assert "My routine" in page.detail.meta_label.text()
    ctx.undo_stack.undo()
    assert ctx.companion.routines.user_routines() == []


def test_missing_title_is_explained_and_nothing_is_lost(dialog):
    type_into(dialog.step_text, "Breathe in slowly")
    type_into(dialog.summary_edit, "Short and calm.")
    dialog.save_button.click()
    assert dialog.isVisible()  # not closed
    assert dialog.message.isVisible() and dialog.message.is_error
    assert "needs a title" in dialog.message.text()
    assert dialog.title_edit.hasFocus()
    assert dialog.summary_edit.toPlainText() == "Short and calm."
    assert [s.text for s in dialog.steps()] == ["Breathe in slowly"]
    type_into(dialog.title_edit, "Calm breath")
    dialog.save_button.click()
    assert dialog.result() == RoutineEditorDialog.DialogCode.Accepted
    assert dialog.routine().title == "Calm breath"


def test_empty_step_is_explained_and_chosen(dialog):
    type_into(dialog.title_edit, "Two steps")
    type_into(dialog.step_text, "First thing")
    dialog.add_step()  # an empty second step
    dialog.steps_list.setCurrentRow(0)
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "Step 2" in dialog.message.text() and "no text" in dialog.message.text()
    assert dialog.steps_list.currentRow() == 1 and dialog.step_text.hasFocus()
    dialog.remove_step()
    assert [s.text for s in dialog.steps()] == ["First thing"]
    dialog.save_button.click()
    assert dialog.result() == RoutineEditorDialog.DialogCode.Accepted


def test_a_routine_needs_a_step(dialog):
    type_into(dialog.title_edit, "Nothing to do")
    dialog.remove_step()
    dialog.save_button.click()
    assert dialog.isVisible() and "needs at least one step" in dialog.message.text()


def test_too_long_step_text_is_kept_and_explained(dialog):
    type_into(dialog.title_edit, "Long")
    long_text = "word " * 60
    dialog.step_text.setPlainText(long_text)
    dialog.save_button.click()
    assert dialog.isVisible() and "too long" in dialog.message.text()
    assert dialog.steps()[0].text == long_text.strip()


def test_editing_keeps_the_id_and_what_the_form_does_not_show(qtbot, ctx):
    bundled = ctx.companion.routines.bundled().get("thought-record")
    mine = ctx.companion.routines.save_user_routine(bundled.as_user_copy("tr", "My thought record"))
    dialog = RoutineEditorDialog(mine, is_new=False, taken_ids={mine.id})
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit: My thought record"
    dialog.minutes_spin.setValue(20)
    edited = dialog.routine()
    assert edited.id == mine.id and edited.minutes == 20
    assert edited.worksheet == mine.worksheet and edited.sources == mine.sources
    assert edited.flare_tip == mine.flare_tip and edited.steps == mine.steps


def test_every_field_has_a_label_or_name(dialog):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    labelled = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy() is not None}
    for widget in dialog.findChildren(QAbstractSpinBox) + dialog.findChildren(QComboBox):
        assert widget in labelled or widget.accessibleName(), widget.objectName()
    for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit):
        if not widget.objectName().startswith("qt_"):  # not Qt's own parts (a spin box's line edit)
            assert widget in labelled or widget.accessibleName(), widget.objectName()
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            assert button.text() or button.accessibleName()


def test_cancel_asks_before_losing_what_was_typed(dialog, monkeypatch):
    asked = []
    monkeypatch.setattr(dialog, "confirm_discard", lambda: asked.append(True) or False)
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Escape)  # nothing typed yet: closes at once
    assert not dialog.isVisible() and asked == []
    dialog.show()
    type_into(dialog.title_edit, "Half done")
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert asked == [True] and dialog.isVisible()  # "Keep editing"
    assert dialog.title_edit.text() == "Half done"
    monkeypatch.setattr(dialog, "confirm_discard", lambda: True)
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_a_copy_of_a_library_routine_keeps_its_triage_pictures_and_levels_and_saves(qtbot, ctx):
    """Issue 21: the new optional fields travel with a duplicated routine and load back from storage."""
    bundled = ctx.companion.routines.library().get("knee-strength-beginner")
    dialog = RoutineEditorDialog(bundled.as_user_copy("copy"), None, is_new=True, taken_ids=set())
    qtbot.addWidget(dialog)
    draft = dialog.routine()
    assert draft.triage is bundled.triage and draft.progression == bundled.progression
    assert draft.steps[0].image == bundled.steps[0].image and draft.review is None
    saved = ctx.companion.routines.save_user_routine(draft)
    loaded = next(r for r in ctx.companion.routines.user_routines() if r.id == saved.id)
    assert loaded.triage == bundled.triage and loaded.frequency == bundled.frequency
    assert [s.image_alt for s in loaded.steps] == [s.image_alt for s in bundled.steps]
    assert not loaded.reviewed
