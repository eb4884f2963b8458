"""Routines page: search and filters, details with safety and sources, favourites (stored, undo), duplicate to adapt,
edit and delete a routine of your own with undo, keyboard (Ctrl+F, Enter), Start and Fill in, the main window."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget

from paincompanion.domain.routines import CONDITIONS, RoutineKind
from paincompanion.gui.dialogs.routine_editor_dialog import RoutineEditorDialog
from paincompanion.gui.models.routines_list import FAVOURITE_MARK, MINE_MARK, Column
from paincompanion.gui.pages.routines_page import NOTHING_FOUND, RoutinesPage

SAFE = re.compile(r"\bsafe\b", re.IGNORECASE)


@pytest.fixture
def page(qtbot, ctx):
    widget = RoutinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def titles(page: RoutinesPage) -> list[str]:
    return [page.model.routine(row).title for row in range(page.model.rowCount())]


def ids(page: RoutinesPage) -> list[str]:
    return [page.model.routine(row).id for row in range(page.model.rowCount())]


def cell(page: RoutinesPage, routine_id: str, column: Column) -> str:
    return page.model.data(page.model.index(page.model.row_of(routine_id), column))


def choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def run_editor(qtbot, trigger, interact) -> None:
    """Press a button that opens the editor and drive it with `interact(dialog)` once it is up."""
    done = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RoutineEditorDialog):
            QTimer.singleShot(20, drive)
            return
        try:
            interact(dialog)
            done.append(True)
        finally:
            if dialog.isVisible():
                dialog.done(0)  # no question on the way out

    QTimer.singleShot(0, drive)
    trigger()
    assert done


# --- browsing ----------------------------------------------------------------------------------


def test_lists_the_whole_library_and_shows_the_first_routine(page, ctx):
    library = ctx.companion.routines.library()
    assert page.model.rowCount() == len(library) >= 24
    assert page.view.count_label.text() == f"Showing {len(library)} of {len(library)} routines"
    first = library.list_routines()[0]
    assert page.selected_id() == first.id
    assert page.detail.title_label.text() == first.title


def test_search_and_filters_by_kind_condition_length_combine(page, ctx):
    QTest.keyClicks(page.view.search_edit, "breathing")
    assert titles(page) and all(
        "breath" in (t + page.model.routine(i).summary).lower() for i, t in enumerate(titles(page))
    )
    assert "belly-breathing" in ids(page)
    page.view.search_edit.clear()

    choose(page.view.kind_combo, "exercise")
    assert page.model.rowCount() >= 10
    assert {page.model.routine(r).kind for r in range(page.model.rowCount())} == {RoutineKind.EXERCISE}
    choose(page.view.condition_combo, "knee-osteoarthritis")
    assert "knee-strength-beginner" in ids(page) and "neck-gentle-mobility" not in ids(page)
    assert all("knee-osteoarthritis" in page.model.routine(r).conditions for r in range(page.model.rowCount()))
    choose(page.view.length_combo, 5)
    assert all(page.model.routine(r).minutes <= 5 for r in range(page.model.rowCount()))
    assert "knee-strength-beginner" not in ids(page)  # 9 minutes

    QTest.keyClicks(page.view.search_edit, "zzzz no such routine")
    assert page.model.rowCount() == 0
    assert page.view.empty_label.isVisible() and page.view.empty_label.text() == NOTHING_FOUND
    assert page.selected() is None and not page.detail.start_button.isEnabled()
    page.clear_filters()
    assert page.model.rowCount() == len(ctx.companion.routines.library())


def test_condition_filter_offers_plain_names(page):
    combo = page.view.condition_combo
    names = [combo.itemText(i) for i in range(1, combo.count())]
    assert names == list(CONDITIONS.values())


def test_details_show_steps_with_times_safety_and_sources(page, ctx):
    routine = ctx.companion.routines.library().get("knee-strength-beginner")
    page.select_id(routine.id)
    text = page.detail.text.toPlainText()
    assert routine.summary in text
    assert "Knee osteoarthritis" in text
    assert routine.steps[1].text in text and "6 seconds each, 8 times" in text
    assert "Stop if" in text and routine.safety.stop_if[0] in text
    assert "See a doctor if" in text and routine.triage.see_doctor[0] in text
    assert "Call emergency services now if" in text and routine.triage.emergency_now[0] in text
    assert "Sources" in text and routine.sources[0].title in text
    assert page.detail.meta_label.text().startswith("Exercise · about 9 minutes")
    assert page.detail.start_button.text().replace("&", "") == "Start"
    assert not page.detail.edit_button.isVisible() and not page.detail.delete_button.isVisible()  # bundled


def test_worksheet_routines_say_fill_in(page):
    page.select_id("thought-record")
    assert page.detail.start_button.text().replace("&", "") == "Fill in…"
    assert "You fill in" in page.detail.text.toPlainText()
    assert "Worksheet" in cell(page, "thought-record", Column.MARKS)


# --- favourites --------------------------------------------------------------------------------


def test_favourite_is_stored_marked_filtered_and_undoable(page, ctx):
    page.select_id("body-scan")
    page.detail.favourite_button.click()
    assert ctx.companion.routines.favourites() == {"body-scan"}
    assert FAVOURITE_MARK in cell(page, "body-scan", Column.MARKS)
    assert page.detail.favourite_button.text().replace("&", "") == "Remove from favourites"
    page.view.favourites_check.setChecked(True)
    assert ids(page) == ["body-scan"]
    ctx.undo_stack.undo()
    assert ctx.companion.routines.favourites() == set()
    assert ids(page) == [] and page.view.empty_label.isVisible()
    ctx.undo_stack.redo()
    assert ids(page) == ["body-scan"]


def test_favourites_persist_for_a_new_page(qtbot, page, ctx):
    page.select_id("belly-breathing")
    page.detail.favourite_button.click()
    again = RoutinesPage(ctx)
    qtbot.addWidget(again)
    again.show()
    assert FAVOURITE_MARK in cell(again, "belly-breathing", Column.MARKS)


# --- duplicate, edit, delete -------------------------------------------------------------------


def test_duplicate_to_adapt_saves_a_marked_copy_and_leaves_the_original(qtbot, page, ctx):
    page.select_id("belly-breathing")
    original = page.selected()

    def interact(dialog: RoutineEditorDialog) -> None:
        assert dialog.title_edit.text() == f"{original.title} (my version)"
        assert [s.text for s in dialog.steps()] == [s.text for s in original.steps]
        dialog.minutes_spin.setValue(3)
        dialog.save_button.click()

    run_editor(qtbot, page.detail.duplicate_button.click, interact)
    [mine] = ctx.companion.routines.user_routines()
    assert mine.origin == "user" and mine.id.startswith("user-") and mine.minutes == 3
    assert mine.sources == original.sources and mine.steps == original.steps
    assert ctx.companion.routines.bundled().get("belly-breathing") == original  # never overwritten
    assert page.selected_id() == mine.id
    assert MINE_MARK in cell(page, mine.id, Column.MARKS)
    assert "My routine" in page.detail.meta_label.text()
    assert page.detail.edit_button.isVisible() and page.detail.delete_button.isVisible()
    assert "saved as your own routine" in page.view.message.text()
    ctx.undo_stack.undo()
    assert ctx.companion.routines.user_routines() == []
    assert page.model.row_of(mine.id) == -1


def test_edit_your_routine_and_undo(qtbot, page, ctx):
    mine = ctx.companion.routines.save_user_routine(
        ctx.companion.routines.bundled().get("body-scan").as_user_copy("scan", "My scan")
    )
    page.select_id(mine.id)

    def interact(dialog: RoutineEditorDialog) -> None:
        dialog.title_edit.setText("Evening scan")
        dialog.save_button.click()

    run_editor(qtbot, page.detail.edit_button.click, interact)
    [edited] = ctx.companion.routines.user_routines()
    assert (edited.id, edited.title) == (mine.id, "Evening scan")
    assert page.detail.title_label.text() == "Evening scan"
    ctx.undo_stack.undo()
    assert ctx.companion.routines.user_routines() == [mine]


def test_delete_your_routine_by_keyboard_and_undo(qtbot, page, ctx):
    mine = ctx.companion.routines.save_user_routine(
        ctx.companion.routines.bundled().get("body-scan").as_user_copy("scan", "My scan")
    )
    ctx.companion.routines.set_favourite(mine.id, True)
    page.select_id(mine.id)
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert ctx.companion.routines.user_routines() == []
    assert page.model.row_of(mine.id) == -1
    assert "deleted" in page.view.message.text() and "brings it back" in page.view.message.text()
    ctx.undo_stack.undo()
    assert ctx.companion.routines.user_routines() == [mine]
    assert mine.id in ctx.companion.routines.favourites()
    assert page.model.row_of(mine.id) >= 0


def test_bundled_routines_cannot_be_deleted(page, ctx):
    page.select_id("body-scan")
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    page.delete_selected()
    assert "body-scan" in ctx.companion.routines.library()
    assert ctx.undo_stack.count() == 0


# --- keyboard, start, fill in ------------------------------------------------------------------


def test_ctrl_f_focuses_the_search_and_enter_goes_to_the_list(qtbot, page):
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.view.search_edit.hasFocus()
    QTest.keyClicks(page.view.search_edit, "body scan")
    QTest.keyClick(page.view.search_edit, Qt.Key.Key_Return)
    assert page.table.hasFocus() and page.selected_id() == "body-scan"


def test_enter_in_the_list_starts_the_player(qtbot, page, ctx, monkeypatch):
    player = pytest.importorskip("paincompanion.gui.dialogs.player_dialog")
    started = []

    def fake_exec(dialog) -> int:
        started.append(dialog)
        return 0

    monkeypatch.setattr(player.PlayerDialog, "exec", fake_exec)
    page.select_id("belly-breathing")
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert len(started) == 1 and isinstance(started[0], player.PlayerDialog)
    page.detail.start_button.click()
    assert len(started) == 2
    for dialog in started:
        dialog.deleteLater()


def test_fill_in_opens_the_worksheet(qtbot, page, monkeypatch):
    worksheet = pytest.importorskip("paincompanion.gui.dialogs.worksheet_dialog")
    opened = []

    def fake_exec(dialog) -> int:
        opened.append(dialog)
        return 0

    monkeypatch.setattr(worksheet.WorksheetDialog, "exec", fake_exec)
    page.select_id("pacing-plan")
    page.detail.start_button.click()
    assert len(opened) == 1
    opened[0].deleteLater()


def test_every_control_has_a_name_and_our_words_never_say_safe(page):
    """The page's own words (not the bundled text, which may speak of "a safe route") never call a routine safe."""
    own = [w.text() for w in page.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)]
    own += [w.accessibleName() + " " + w.toolTip() for w in page.findChildren(QWidget)]
    own.append(page.view.search_edit.placeholderText())
    assert not any(SAFE.search(text) for text in own)
    for button in page.findChildren(QAbstractButton):
        if button.isVisibleTo(page):
            assert button.accessibleName() or button.text(), button.objectName()
    for combo in page.findChildren(QComboBox):
        buddies = [lbl for lbl in page.findChildren(QLabel) if lbl.buddy() is combo]
        assert buddies or combo.accessibleName(), combo.objectName()


def test_main_window_shows_the_routines_page(qtbot, ctx, tmp_path):
    from paincompanion.gui.main_window import MainWindow
    from paincompanion.gui.settings import UiSettings

    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.show()
    window.show_page("routines")
    page = window.stack.currentWidget()
    assert isinstance(page, RoutinesPage) and page.model.rowCount() >= 24
    assert window.nav.currentItem().text() == "Routines"


def test_my_worksheets_tab_embeds_the_panel_and_takes_the_focus(qtbot, page):
    panels = pytest.importorskip("paincompanion.gui.widgets.worksheets_panel")
    assert page.worksheets_panel is None  # built on first show of the tab
    page.table.setFocus()
    page.view.tabs.setCurrentWidget(page.view.worksheets_tab)
    assert isinstance(page.worksheets_panel, panels.WorksheetsPanel)
    focus = QApplication.focusWidget()
    assert focus is not None and page.worksheets_panel.isAncestorOf(focus)
    QTest.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # Ctrl+F goes back to the search
    assert page.view.tabs.currentWidget() is page.view.library_tab and page.view.search_edit.hasFocus()


# --- review status (issue 21) --------------------------------------------------------------------


def test_the_list_says_plainly_which_routines_are_reviewed_and_can_filter_by_it(page, ctx, monkeypatch):
    from dataclasses import replace

    from paincompanion.domain.routines import Review
    from paincompanion.gui.models.routines_list import AWAITING_MARK, REVIEWED_MARK
    from paincompanion.gui.pages.routines_page import NONE_REVIEWED
    from paincompanion.routines.library import Library

    header = page.model.headerData(Column.REVIEW, Qt.Orientation.Horizontal)
    assert header == "Review"
    assert cell(page, "body-scan", Column.REVIEW) == AWAITING_MARK
    assert "awaiting a clinician's review" in page.model.data(
        page.model.index(page.model.row_of("body-scan"), 0), Qt.ItemDataRole.ToolTipRole
    )
    page.select_id("body-scan")
    assert "Awaiting review" in page.detail.meta_label.text()
    assert "Not yet reviewed by a clinician" in page.detail.text.toPlainText()
    # no bundled routine is reviewed yet: the filter says so plainly instead of an empty list
    choose(page.view.review_combo, "reviewed")
    assert page.model.rowCount() == 0 and page.view.empty_label.text() == NONE_REVIEWED
    choose(page.view.review_combo, "awaiting")
    assert page.model.rowCount() == len(ctx.companion.routines.bundled())

    # once a clinician signs one off, it shows as reviewed and the filter finds it
    real = ctx.companion.routines.library()
    signed = replace(real.get("body-scan"), review=Review("reviewed", "A. Physio (physiotherapist)", "2026-12-01"))
    others = [r for r in real.list_routines() if r.id != "body-scan"]
    fake = Library([*others, signed], version=real.version, sources=real.sources, blocks=real.blocks)
    monkeypatch.setattr(ctx.companion.routines, "library", lambda: fake)
    page.reload()
    choose(page.view.review_combo, "reviewed")
    assert ids(page) == ["body-scan"] and cell(page, "body-scan", Column.REVIEW) == REVIEWED_MARK
    assert "Reviewed by A. Physio (physiotherapist) on 2026-12-01" in page.detail.text.toPlainText()
    page.clear_filters()
    assert page.view.review_combo.currentIndex() == 0
