"""Flagged notes in the GUI: "Show this note to my clinician" in the entry form, a mark in the Diary table."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from paincompanion.domain.diary import EntryDraft
from paincompanion.gui.dialogs.entry_dialog import EntryDialog
from paincompanion.gui.models.diary_table import FLAG_MARK, Column, DiaryTableModel, cell_text, cell_tooltip
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.gui.widgets.entry_form import EntryForm


def _next_tab_stop(widget: QWidget) -> QWidget:
    """The widget Tab moves to from `widget` (its own viewport and other non-stops skipped)."""
    candidate = widget.nextInFocusChain()
    while not (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus) or widget.isAncestorOf(candidate):
        candidate = candidate.nextInFocusChain()
    return candidate


def test_full_form_flag_sits_after_the_note_and_round_trips(qtbot, ctx):
    entry = ctx.companion.diary.add(
        EntryDraft(at=ctx.companion.clock.now() - timedelta(hours=2), pain=6, note="Numb toes again", flagged=True)
    )
    dialog = EntryDialog(ctx, entry)
    qtbot.addWidget(dialog)
    check = dialog.form.flag_check
    assert check is not None and check.isChecked()
    assert check.text().replace("&", "") == "Show this note to my clinician"
    assert _next_tab_stop(dialog.form.notes) is check
    assert dialog.draft() == entry.as_draft()
    check.setChecked(False)
    assert dialog.draft().flagged is False


def test_quick_entry_flag_is_the_last_detail_and_is_stored(qtbot, ctx):
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    form: EntryForm = page.form
    assert form.flag_check is None  # built with the other details, when first opened
    form.set_details_visible(True)
    check = form.flag_check
    assert check is not None and check.isVisible()
    assert _next_tab_stop(form.fields.helped) is check
    form.pain.setValue(5)
    form.notes.setPlainText("Ask about the tingling")
    QTest.keyClick(check, Qt.Key.Key_Space)
    assert check.isChecked()
    form.submitted.emit()
    saved = ctx.companion.diary.today()[-1]
    assert (saved.note, saved.flagged) == ("Ask about the tingling", True)
    assert form.flag_check is check and not check.isChecked()  # the form is empty again


def test_unopened_details_mean_not_flagged(qtbot, ctx):
    form = EntryForm(ctx, compact=True)
    qtbot.addWidget(form)
    form.pain.setValue(3)
    assert form.draft().flagged is False


def test_diary_table_marks_flagged_notes(qtbot, ctx):
    now = ctx.companion.clock.now()
    flagged = ctx.companion.diary.add(EntryDraft(at=now - timedelta(hours=3), pain=4, note="Dizzy", flagged=True))
    plain = ctx.companion.diary.add(EntryDraft(at=now - timedelta(hours=2), pain=4, note="Fine"))
    assert cell_text(flagged, Column.NOTE) == f"{FLAG_MARK} Dizzy"
    assert cell_text(plain, Column.NOTE) == "Fine"
    assert cell_tooltip(flagged, Column.NOTE).startswith("Flagged")
    model = DiaryTableModel(ctx.companion, ctx.bus)
    texts = {model.index(row, Column.NOTE).data() for row in range(model.rowCount())}
    assert texts == {f"{FLAG_MARK} Dizzy", "Fine"}
