"""EntryDialog: loads every field of an entry and gives it back unchanged; checks input before closing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtTest import QTest

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.gui.dialogs.entry_dialog import EntryDialog
from paincompanion.gui.undo import push_op
from paincompanion.services.undo import EditEntryOp


@pytest.fixture
def full_entry(ctx):
    """An entry with every field set, made in another UTC offset (travel) with seconds in its time."""
    at = datetime(2026, 3, 8, 21, 45, 30, tzinfo=timezone(timedelta(hours=-5)))
    return ctx.companion.diary.add(
        EntryDraft(
            at=at,
            pain=6,
            locations=(LocationPain("back-left-lower-back", 7), LocationPain("front-right-knee", None)),
            qualities=("stiffness", "aching", "pins and needles"),  # order kept; one not in the usual list
            mood=3,
            sleep_hours=6.25,
            sleep_quality=2,
            activity="gardening",
            activity_level=7,
            triggers=("long sitting", "cold weather"),
            helped=("heat pad",),
            note="Line one\n\n  indented line two\n",
        )
    )


def test_round_trips_every_field(qtbot, ctx, full_entry):
    dialog = EntryDialog(ctx, full_entry)
    qtbot.addWidget(dialog)
    assert dialog.draft() == full_entry.as_draft()
    dialog.accept()
    assert dialog.result() == EntryDialog.DialogCode.Accepted
    assert dialog.draft() == full_entry.as_draft()
    assert dialog.windowTitle() == "Edit entry"  # never diary text in a title


def test_edit_one_field_and_save_through_undo(qtbot, ctx, full_entry):
    dialog = EntryDialog(ctx, full_entry)
    qtbot.addWidget(dialog)
    fields = dialog.form.fields
    fields.mood.setScore(8)
    fields.sleep_hours.setHours(None)
    fields.qualities.set_qualities(["aching"])
    dialog.accept()
    assert push_op(ctx.undo_stack, EditEntryOp(ctx.companion.diary, full_entry.id, dialog.draft())) is None
    stored = ctx.companion.diary.get(full_entry.id)
    assert (stored.mood, stored.sleep_hours, stored.qualities) == (8, None, ("aching",))
    assert stored.note == full_entry.note and stored.at == full_entry.at
    ctx.undo_stack.undo()
    assert ctx.companion.diary.get(full_entry.id).as_draft() == full_entry.as_draft()


def test_changed_time_keeps_the_entry_offset(qtbot, ctx, full_entry):
    dialog = EntryDialog(ctx, full_entry)
    qtbot.addWidget(dialog)
    time_edit = dialog.form.fields.time_edit
    time_edit.setDateTime(QDateTime(time_edit.date(), time_edit.time().addSecs(-3600)))
    draft = dialog.draft()
    assert draft.at == datetime(2026, 3, 8, 20, 45, tzinfo=timezone(timedelta(hours=-5)))


def test_new_entry_needs_a_pain_score(qtbot, ctx):
    dialog = EntryDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.form.notes.setPlainText("no number yet")
    dialog.accept()
    assert dialog.result() != EntryDialog.DialogCode.Accepted
    assert dialog.message.isVisibleTo(dialog) and "how much it hurts" in dialog.message.text()
    dialog.form.pain.setValue(2)
    dialog.accept()
    assert dialog.result() == EntryDialog.DialogCode.Accepted
    draft = dialog.draft()
    assert (draft.pain, draft.note, draft.at) == (2, "no number yet", ctx.companion.clock.now())


def test_future_time_is_refused_with_a_plain_message(qtbot, ctx):
    dialog = EntryDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.form.pain.setValue(4)
    time_edit = dialog.form.fields.time_edit
    time_edit.setDateTime(time_edit.dateTime().addDays(2))
    dialog.accept()
    assert dialog.result() != EntryDialog.DialogCode.Accepted
    assert "future" in dialog.message.text()


def test_spin_boxes_can_be_cleared_back_to_not_set(qtbot, ctx, full_entry):
    dialog = EntryDialog(ctx, full_entry)
    qtbot.addWidget(dialog)
    mood = dialog.form.fields.mood
    mood.lineEdit().selectAll()
    QTest.keyClick(mood.lineEdit(), "\b")
    mood.interpretText()
    assert mood.score() is None
    assert dialog.draft().mood is None


def test_every_control_has_an_accessible_name(qtbot, ctx, full_entry):
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    dialog = EntryDialog(ctx, full_entry)
    qtbot.addWidget(dialog)
    kinds = (QAbstractSpinBox, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractButton)
    unnamed = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(dialog) or widget.objectName().startswith("qt_"):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    assert unnamed == []
