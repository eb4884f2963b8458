"""Diary page: edit through the dialog, delete with undo/redo, filters, empty states, keyboard."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QWidget,
)

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.gui.dialogs import entry_dialog
from paincompanion.gui.models.diary_table import Column
from paincompanion.gui.pages.diary_page import EMPTY_DIARY, EMPTY_FILTERED, REVERSED_PERIOD, DiaryPage

CET = timezone(timedelta(hours=1))
BASE = datetime(2026, 3, 10, 8, 0, tzinfo=CET)


def drafts(n: int) -> list[EntryDraft]:
    return [
        EntryDraft(
            at=BASE - timedelta(days=i),
            pain=i % 11,
            locations=(LocationPain("front-left-knee"),) if i % 2 else (),
            triggers=("rain",) if i % 3 == 0 else (),
            helped=("heat pad",),
            note="walked the dog" if i % 4 == 0 else "",
        )
        for i in range(n)
    ]


@pytest.fixture
def page(qtbot, ctx):
    ctx.companion.diary.add_many(drafts(12))
    widget = DiaryPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ids_on_screen(page: DiaryPage) -> list[int]:
    return page.model.all_ids()


def settle(qtbot, page: DiaryPage) -> None:
    """Wait until the model has applied the changes announced on the bus."""
    qtbot.waitUntil(lambda: not page.model.refresh_pending())


def focus_table(qtbot, page: DiaryPage) -> None:
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)


@pytest.fixture
def fake_dialog(monkeypatch):
    """EntryDialog.exec answers from a script; draft() returns what the test sets."""
    state: dict = {"answers": [], "draft": None, "opened_with": []}

    def fake_exec(self):
        state["opened_with"].append(self.entry)
        return state["answers"].pop(0) if state["answers"] else QDialog.DialogCode.Rejected

    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", fake_exec)
    monkeypatch.setattr(entry_dialog.EntryDialog, "draft", lambda self: state["draft"])
    return state


# --- edit --------------------------------------------------------------------------------------


def test_enter_opens_the_dialog_and_the_edit_lands_in_db_and_table(qtbot, ctx, page, fake_dialog):
    focus_table(qtbot, page)
    page.table.setCurrentIndex(page.model.index(2, 0))
    entry = page.model.entry(2)
    fake_dialog["answers"] = [QDialog.DialogCode.Accepted]
    fake_dialog["draft"] = replace(entry.as_draft(), pain=9, note="much worse today")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [e.id for e in fake_dialog["opened_with"]] == [entry.id]
    assert ctx.companion.diary.get(entry.id).pain == 9
    settle(qtbot, page)
    row = page.model.row_of(entry.id)
    assert page.model.data(page.model.index(row, Column.PAIN)) == "9"
    assert page.model.data(page.model.index(row, Column.NOTE)) == "much worse today"
    assert page.selected_ids() == [entry.id]
    assert "Saved" in page.view.message_label.text()

    ctx.undo_stack.undo()
    settle(qtbot, page)
    assert ctx.companion.diary.get(entry.id).pain == entry.pain
    assert page.model.data(page.model.index(row, Column.PAIN)) == str(entry.pain)
    ctx.undo_stack.redo()
    assert ctx.companion.diary.get(entry.id).pain == 9


def test_edit_that_moves_the_entry_keeps_it_selected(qtbot, ctx, page, fake_dialog):
    entry = page.model.entry(5)
    fake_dialog["answers"] = [QDialog.DialogCode.Accepted]
    fake_dialog["draft"] = replace(entry.as_draft(), at=BASE + timedelta(hours=1))
    page.edit_row(5)
    settle(qtbot, page)
    assert page.model.entry_id(0) == entry.id
    assert page.selected_ids() == [entry.id]


def test_cancel_changes_nothing(qtbot, ctx, page, fake_dialog):
    before = ctx.companion.diary.list_entries()
    page.edit_row(0)
    assert len(fake_dialog["opened_with"]) == 1
    assert ctx.companion.diary.list_entries() == before
    assert ctx.undo_stack.count() == 0


def test_a_failed_save_reopens_the_dialog_with_what_was_typed(qtbot, monkeypatch, ctx, page, fake_dialog):
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    entry = page.model.entry(0)
    fake_dialog["answers"] = [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected]
    fake_dialog["draft"] = replace(entry.as_draft(), at=BASE + timedelta(days=30))  # in the future
    page.edit_row(0)
    assert len(fake_dialog["opened_with"]) == 2  # shown again, same dialog, nothing lost
    assert warnings and "future" in warnings[0]
    assert ctx.companion.diary.get(entry.id) == entry


def test_add_entry_pushes_an_undoable_add(qtbot, ctx, page, fake_dialog):
    fake_dialog["answers"] = [QDialog.DialogCode.Accepted]
    fake_dialog["draft"] = EntryDraft(at=BASE + timedelta(hours=1), pain=3, note="new one")
    qtbot.mouseClick(page.view.add_button, Qt.MouseButton.LeftButton)
    assert fake_dialog["opened_with"] == [None]
    settle(qtbot, page)
    assert page.model.rowCount() == 13
    new_id = page.model.entry_id(0)
    assert page.selected_ids() == [new_id]
    ctx.undo_stack.undo()
    settle(qtbot, page)
    assert page.model.rowCount() == 12 and new_id not in ids_on_screen(page)


# --- delete and undo ---------------------------------------------------------------------------


def test_delete_key_then_undo_restores_the_same_id_and_redo_deletes_again(qtbot, ctx, page):
    focus_table(qtbot, page)
    page.table.selectRow(3)
    gone = page.model.entry(3)
    next_older = page.model.entry_id(4)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    settle(qtbot, page)
    assert gone.id not in ids_on_screen(page)
    assert ctx.companion.diary.count() == 11
    assert page.view.message_label.text().startswith("Deleted 1 entry — Undo (")
    assert page.view.undo_button.isVisibleTo(page)
    assert page.selected_ids() == [next_older]  # ready for the next Delete

    ctx.undo_stack.undo()
    settle(qtbot, page)
    assert ctx.companion.diary.get(gone.id) == gone
    assert page.model.row_of(gone.id) == 3
    assert "put back" in page.view.message_label.text()
    assert not page.view.undo_button.isVisibleTo(page)

    ctx.undo_stack.redo()
    settle(qtbot, page)
    assert gone.id not in ids_on_screen(page)
    assert ctx.companion.diary.count() == 11
    assert "Deleted 1 entry" in page.view.message_label.text()


def test_delete_button_deletes_all_selected_and_undo_button_brings_them_back(qtbot, ctx, page):
    page.table.selectRow(1)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(4, 0), flags)
    chosen = [page.model.entry_id(1), page.model.entry_id(4)]
    assert page.selected_ids() == chosen
    qtbot.mouseClick(page.view.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.model.rowCount() == 10
    assert "Deleted 2 entries" in page.view.message_label.text()
    qtbot.mouseClick(page.view.undo_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page)
    assert page.model.rowCount() == 12
    assert all(ctx.companion.diary.get(i) for i in chosen)


def test_deleting_everything_shows_the_empty_state(qtbot, ctx, page):
    page.table.selectAll()
    page.delete_selected()
    settle(qtbot, page)
    assert page.model.rowCount() == 0
    assert page.view.empty_label.isVisibleTo(page) and page.view.empty_label.text() == EMPTY_DIARY
    assert page.table.accessibleDescription() == EMPTY_DIARY
    assert not page.view.delete_button.isEnabled()
    assert page.filter_bar.count_label.text() == "0 entries"


# --- filters -----------------------------------------------------------------------------------


def test_filter_controls_change_the_rows(qtbot, page):
    bar = page.filter_bar
    assert bar.count_label.text() == "12 entries"

    bar.text_edit.setText("dog")  # debounced
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)  # days 0, 4, 8
    assert bar.count_label.text() == "3 entries"
    bar.text_edit.clear()
    bar.flush()

    bar.tag_combo.setEditText("rain")
    bar.flush()
    assert page.model.rowCount() == 4  # days 0, 3, 6, 9
    assert "rain" in [bar.tag_combo.itemText(i) for i in range(bar.tag_combo.count())]
    bar.tag_combo.setEditText("")
    bar.flush()

    bar.location_combo.setCurrentIndex(bar.location_combo.findText("Left knee"))
    assert page.model.rowCount() == 6  # odd days

    bar.clear()
    assert page.model.rowCount() == 12 and bar.current_filter().location is None

    bar.from_check.setChecked(True)
    bar.from_edit.setDate(QDate(2026, 3, 5))
    bar.to_check.setChecked(True)
    bar.to_edit.setDate(QDate(2026, 3, 7))
    assert page.model.rowCount() == 3
    assert bar.current_filter().date_from == date(2026, 3, 5)


def test_reversed_period_shows_a_plain_message_not_an_exception(qtbot, page):
    bar = page.filter_bar
    bar.to_check.setChecked(True)
    bar.to_edit.setDate(QDate(2026, 3, 1))
    bar.from_check.setChecked(True)
    bar.from_edit.setDate(QDate(2026, 3, 9))
    assert page.view.filter_message.text() == REVERSED_PERIOD
    assert page.view.filter_message.isVisibleTo(page)
    assert page.model.rowCount() == 0
    bar.from_edit.setDate(QDate(2026, 2, 20))
    assert not page.view.filter_message.isVisibleTo(page)
    assert page.model.rowCount() == 3  # 27 Feb – 1 Mar (the oldest entry is 27 Feb)


def test_empty_states_in_plain_words(qtbot, ctx):
    page = DiaryPage(ctx)
    qtbot.addWidget(page)
    assert page.view.empty_label.text() == EMPTY_DIARY
    ctx.companion.diary.add(EntryDraft(at=BASE, pain=2))
    settle(qtbot, page)
    assert page.view.empty_label.text() == "" and not page.view.empty_label.isVisibleTo(page)
    page.filter_bar.text_edit.setText("nothing like this")
    page.filter_bar.flush()
    assert page.view.empty_label.text() == EMPTY_FILTERED


def test_new_tags_appear_in_the_tag_filter(qtbot, ctx, page):
    ctx.companion.diary.add(EntryDraft(at=BASE, pain=2, triggers=("thunderstorm",)))
    settle(qtbot, page)
    combo = page.filter_bar.tag_combo
    assert "thunderstorm" in [combo.itemText(i) for i in range(combo.count())]


# --- keyboard and accessibility ----------------------------------------------------------------


def test_keyboard_starts_on_the_newest_entry(qtbot, page, fake_dialog):
    focus_table(qtbot, page)
    newest = page.model.entry(0)
    assert page.selected_ids() == [newest.id]
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [e.id for e in fake_dialog["opened_with"]] == [newest.id]


def test_tab_leaves_the_table(qtbot, page):
    assert not page.table.tabKeyNavigation()
    focus_table(qtbot, page)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not page.table
    focus_table(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is not page.table


def _is_internal(widget: QWidget, page: DiaryPage) -> bool:
    """Parts of a compound control (combo line edit, spin box editor, table viewport)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not page:
        if isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_every_control_has_an_accessible_name(page):
    buddies = {label.buddy() for label in page.findChildren(QLabel) if label.buddy() is not None}
    unnamed = [
        f"{type(w).__name__}:{w.objectName()}"
        for w in page.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not _is_internal(w, page)
        and not w.accessibleName()
        and w not in buddies
    ]
    assert unnamed == []
    assert page.table.accessibleName() == "Diary entries"


def test_page_title():
    assert DiaryPage.page_title == "Diary"
