"""Worksheets: fill in by keyboard, clear messages that keep what was typed, edit, the panel's list, delete with
undo, and the flare-up plan saved as a PDF whose text can be read back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit

from paincompanion.gui.dialogs.worksheet_dialog import WorksheetDialog
from paincompanion.gui.widgets.form_fields import OptionalScoreSpin
from paincompanion.gui.widgets.worksheets_panel import EMPTY_TEXT, WorksheetsPanel, pdf_file_name

THOUGHT_RECORD = {
    "situation": "After hoovering the lounge",
    "automatic_thought": "This will never get better",
    "emotion": "Hopeless",
    "emotion_strength": "8",
    "evidence_for": "The pain came back fast",
    "evidence_against": "Last week I managed with a break",
    "balanced_thought": "This is a flare, not forever",
    "rerating": "5",
    "next_step": "One room, then tea",
}
FLARE_PLAN = {
    "early_signs": "Stiff mornings, poor sleep",
    "what_helps": "Heat pack\nShort walks every hour",
    "who_to_contact": "Sam 07700 900123",
}


def library_routine(ctx, routine_id):
    return ctx.companion.routines.library().get(routine_id)


@pytest.fixture
def dialog_for(qtbot, ctx):
    def make(routine_id, record=None):
        dialog = WorksheetDialog(ctx, library_routine(ctx, routine_id), record)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitExposed(dialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return dialog

    return make


@pytest.fixture
def panel(qtbot, ctx):
    widget = WorksheetsPanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    return widget


def type_into_focused(qtbot, text: str, widget=None) -> None:
    widget = widget or QApplication.focusWidget()
    QApplication.processEvents()  # a score box selects its "not set" text once focused
    for n, line in enumerate(text.split("\n")):
        if n:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def save_by_keyboard(qtbot, dialog, widget=None) -> None:
    target = widget or QApplication.focusWidget() or dialog
    qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def drive_modal(qtbot, interact) -> list:
    """Run `interact(dialog)` on the next modal WorksheetDialog once it is up (exec() blocks the test)."""
    done: list = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WorksheetDialog):
            QTimer.singleShot(20, poll)
            return
        try:
            interact(dialog)
        finally:
            done.append(dialog)
            if dialog.isVisible():
                dialog.done(0)

    QTimer.singleShot(0, poll)
    return done


# --- the dialog ------------------------------------------------------------------------------------------


def test_fill_in_a_thought_record_by_keyboard(qtbot, ctx, dialog_for):
    dialog = dialog_for("thought-record")
    fields = library_routine(ctx, "thought-record").worksheet
    for n, wf in enumerate(fields):
        assert QApplication.focusWidget() is dialog.inputs[wf.id], f"Tab did not reach {wf.label}"
        type_into_focused(qtbot, THOUGHT_RECORD[wf.id])
        if n < len(fields) - 1:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    save_by_keyboard(qtbot, dialog)
    assert dialog.result() == WorksheetDialog.DialogCode.Accepted
    [saved] = ctx.companion.routines.worksheets()
    assert saved.routine_id == "thought-record" and saved.answers == THOUGHT_RECORD
    assert dialog.saved is not None and dialog.saved.id == saved.id
    ctx.undo_stack.undo()
    assert ctx.companion.routines.worksheets() == []


def test_every_question_has_a_buddy_label_and_visible_help(ctx, dialog_for):
    dialog = dialog_for("thought-record")
    for wf in library_routine(ctx, "thought-record").worksheet:
        field = dialog.inputs[wf.id]
        label = dialog.findChild(QLabel, f"{wf.id}Label")
        assert label.buddy() is field and wf.label in label.text()
        assert field.accessibleName() == wf.label
        help_label = dialog.findChild(QLabel, f"{wf.id}Help")
        assert help_label.isVisible() and help_label.text() == wf.help
    assert isinstance(dialog.inputs["situation"], QPlainTextEdit)
    assert dialog.inputs["situation"].height() >= dialog.fontMetrics().height() * 4
    assert isinstance(dialog.inputs["emotion_strength"], OptionalScoreSpin)
    safety = dialog.findChild(QLabel, "worksheetGetHelp")
    assert "crisis line" in safety.text()


def test_a_bad_answer_gets_a_message_under_it_and_nothing_typed_is_lost(qtbot, ctx, dialog_for):
    dialog = dialog_for("pacing-plan")
    type_into_focused(qtbot, "Gardening")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_into_focused(qtbot, "twenty")
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and ctx.companion.routines.worksheets() == []
    problem = dialog.findChild(QLabel, "baseline_minutesProblem")
    assert problem.isVisible() and "whole number of minutes" in problem.text()
    assert dialog.message.isVisible() and "Nothing was lost" in dialog.message.text()
    assert dialog.inputs["activity"].toPlainText() == "Gardening"
    baseline = dialog.inputs["baseline_minutes"]
    assert isinstance(baseline, QLineEdit) and baseline.text() == "twenty" and baseline.hasFocus()
    suggestion = dialog.findChild(QLabel, "baseline_minutesSuggestion")
    assert not suggestion.isVisible()
    baseline.selectAll()
    qtbot.keyClicks(baseline, "25")
    assert suggestion.isVisible() and "plan about 20 minutes" in suggestion.text()
    assert "plan about 20 minutes" in baseline.accessibleDescription()
    save_by_keyboard(qtbot, dialog)
    assert not dialog.isVisible()
    [saved] = ctx.companion.routines.worksheets()
    assert saved.answers == {"activity": "Gardening", "baseline_minutes": "25"}


def test_an_empty_worksheet_is_not_saved(qtbot, ctx, dialog_for):
    dialog = dialog_for("flare-up-plan")
    save_by_keyboard(qtbot, dialog)
    assert dialog.isVisible() and "Nothing is filled in yet" in dialog.message.text()
    assert ctx.companion.routines.worksheets() == []


def test_closing_with_unsaved_text_asks_first(qtbot, ctx, dialog_for, monkeypatch):
    dialog = dialog_for("flare-up-plan")
    type_into_focused(qtbot, "Stiff mornings")
    answers = iter([False, True])
    monkeypatch.setattr(dialog, "confirm_discard", lambda: next(answers))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.inputs["early_signs"].toPlainText() == "Stiff mornings"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and ctx.companion.routines.worksheets() == []


def test_edit_saved_answers_and_undo_the_change(qtbot, ctx, dialog_for):
    record = ctx.companion.routines.save_worksheet("flare-up-plan", FLARE_PLAN)
    dialog = dialog_for("flare-up-plan", record)
    assert dialog.inputs["what_helps"].toPlainText() == "Heat pack\nShort walks every hour"
    assert "written 10 Mar 2026" in dialog.windowTitle()
    notes = dialog.inputs["notes"]
    notes.setFocus()
    type_into_focused(qtbot, "It always passes")
    dialog.inputs["who_to_contact"].clear()
    save_by_keyboard(qtbot, dialog)
    [saved] = ctx.companion.routines.worksheets()
    assert saved.id == record.id and saved.at == record.at
    assert saved.answers == {
        "early_signs": "Stiff mornings, poor sleep",
        "what_helps": "Heat pack\nShort walks every hour",
        "notes": "It always passes",
    }
    ctx.undo_stack.undo()
    assert ctx.companion.routines.get_worksheet(record.id).answers == FLARE_PLAN


# --- the panel -------------------------------------------------------------------------------------------


def test_panel_lists_worksheets_with_kind_date_and_first_line(qtbot, ctx, panel):
    assert panel.empty_label.isVisible() and panel.empty_label.text() == EMPTY_TEXT
    assert not panel.delete_button.isEnabled()
    ctx.companion.routines.save_worksheet("pacing-plan", {"activity": "Gardening", "baseline_minutes": "25"})
    ctx.companion.routines.save_worksheet("thought-record", {"situation": "At work\nsecond line"})
    assert not panel.empty_label.isVisible()  # reloaded on the change
    rows = [[panel.list.topLevelItem(r).text(c) for c in range(3)] for r in range(panel.list.topLevelItemCount())]
    assert ["Activity pacing plan", "10 Mar 2026, 09:30", "Gardening"] in rows
    assert ["Thought record", "10 Mar 2026, 09:30", "At work"] in rows
    assert panel.list.tabKeyNavigation() is False and panel.list.accessibleName() == "Saved worksheets"


def test_new_worksheet_from_the_menu(qtbot, ctx, panel):
    titles = [a.text() for a in panel.new_menu.actions()]
    assert {"Thought record", "Activity pacing plan", "My flare-up plan"} <= set(titles)

    def fill(dialog):
        type_into_focused(qtbot, "Poor sleep", dialog.inputs["early_signs"])
        save_by_keyboard(qtbot, dialog, dialog.inputs["early_signs"])

    done = drive_modal(qtbot, fill)
    action = next(a for a in panel.new_menu.actions() if a.text() == "My flare-up plan")
    action.trigger()
    assert done
    [saved] = ctx.companion.routines.worksheets()
    assert saved.routine_id == "flare-up-plan" and saved.answers == {"early_signs": "Poor sleep"}
    assert panel.selected_record().id == saved.id and "saved" in panel.message.text()


def test_open_with_enter_and_change(qtbot, ctx, panel):
    record = ctx.companion.routines.save_worksheet("pacing-plan", {"activity": "Walking"})
    panel.list.setFocus()
    assert panel.selected_record().id == record.id

    def change(dialog):
        assert dialog.record.id == record.id and dialog.inputs["activity"].toPlainText() == "Walking"
        type_into_focused(qtbot, "15", dialog.inputs["quota_minutes"])
        save_by_keyboard(qtbot, dialog, dialog.inputs["quota_minutes"])

    done = drive_modal(qtbot, change)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert done
    assert ctx.companion.routines.get_worksheet(record.id).answers == {"activity": "Walking", "quota_minutes": "15"}


def test_delete_with_the_delete_key_and_undo(qtbot, ctx, panel):
    keep = ctx.companion.routines.save_worksheet("pacing-plan", {"activity": "Walking"})
    gone = ctx.companion.routines.save_worksheet("flare-up-plan", FLARE_PLAN)
    panel.select_record(gone.id)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [w.id for w in ctx.companion.routines.worksheets()] == [keep.id]
    assert panel.list.topLevelItemCount() == 1
    assert "deleted" in panel.message.text() and panel.undo_button.isVisible()
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    restored = ctx.companion.routines.get_worksheet(gone.id)
    assert restored.answers == FLARE_PLAN and restored.at == gone.at
    assert panel.list.topLevelItemCount() == 2 and panel.selected_record().id == gone.id
    assert not panel.undo_button.isVisible()
    panel.delete_selected()  # and the main window's Undo (the shared stack) works too
    ctx.undo_stack.undo()
    assert len(ctx.companion.routines.worksheets()) == 2


def test_flare_up_plan_saved_as_pdf_holds_the_answers(qtbot, ctx, panel, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    record = ctx.companion.routines.save_worksheet("flare-up-plan", FLARE_PLAN)
    panel.select_record(record.id)
    assert pdf_file_name(record) == "flare-up-plan-2026-03-10.pdf"
    written = panel.save_pdf_to(tmp_path / "my plan")
    assert written == tmp_path / "my plan.pdf" and written.stat().st_size > 1000
    assert str(written) in panel.message.text()
    pdf = pdfium.PdfDocument(str(written))
    try:
        text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()
    flat = " ".join(text.split())
    for expected in ("My flare-up plan", "Written 10 Mar 2026, 09:30", "Early signs of a flare",
                     "Stiff mornings, poor sleep", "Short walks every hour", "Sam 07700 900123",
                     "When to get help", "NG193"):  # fmt: skip
        assert expected in flat, expected


def test_pdf_to_a_folder_that_does_not_exist_says_so(qtbot, ctx, panel, tmp_path):
    record = ctx.companion.routines.save_worksheet("flare-up-plan", FLARE_PLAN)
    panel.select_record(record.id)
    assert panel.save_pdf_to(tmp_path / "missing" / "plan.pdf") is None
    assert panel.message.is_error and "could not be written" in panel.message.text()


def test_print_goes_through_the_print_dialog(qtbot, ctx, panel, tmp_path, monkeypatch):
    """The system's print dialog is faked: 'accepting' it points the printer at a PDF file we can check."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog

    from paincompanion.gui import printing

    target = tmp_path / "printed.pdf"
    shown = []

    class FakePrintDialog:
        def __init__(self, printer, parent):
            self.printer = printer
            shown.append(parent)

        def setWindowTitle(self, title):
            shown.append(title)

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing, "QPrintDialog", FakePrintDialog)
    record = ctx.companion.routines.save_worksheet("flare-up-plan", FLARE_PLAN)
    panel.select_record(record.id)
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert shown == [panel, "Print My flare-up plan"]
    assert target.exists() and target.stat().st_size > 1000
    assert "sent to the printer" in panel.message.text()

    class CancelledDialog(FakePrintDialog):
        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(printing, "QPrintDialog", CancelledDialog)
    panel.message.clear_message()
    assert panel.print_selected() is False and not panel.message.isVisible()
