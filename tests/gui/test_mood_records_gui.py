"""Records without a pain score in the GUI: saved from the entry editor with pain "not rated", listed in the
Diary as "not rated" (filtered with it, deletable with Undo), never counted as pain."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from paincompanion.domain.diary import EntryDraft, EntryFilter
from paincompanion.domain.mood_record import MoodRecordDraft
from paincompanion.gui.dialogs import entry_dialog
from paincompanion.gui.dialogs.entry_dialog import EntryDialog
from paincompanion.gui.pages.diary_page import DiaryPage
from paincompanion.gui.widgets.mood_records_panel import NOT_RATED

CET = timezone(timedelta(hours=1))


def _records(ctx) -> None:
    for day, mood, name, acts, note in [(1, 8, "content", ("gaming",), "a quiet day"), (2, 3, "anxious", (), ""),
                                        (20, None, "", ("walk",), "only a walk")]:  # fmt: skip
        ctx.companion.moods.add(MoodRecordDraft(at=datetime(2026, 3, 9, 20, 0, tzinfo=CET) - timedelta(days=day),
                                                mood=mood, mood_name=name, activities=acts, note=note))  # fmt: skip


@pytest.fixture
def page(qtbot, ctx):
    ctx.companion.diary.add(EntryDraft(at=datetime(2026, 3, 9, 9, 0, tzinfo=CET), pain=5))
    _records(ctx)
    widget = DiaryPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_diary_lists_records_without_a_pain_score_as_not_rated(page):
    panel = page.mood_records
    assert not panel.isHidden() and panel.table.rowCount() == 3
    texts = [[panel.table.item(r, c).text() for c in range(panel.table.columnCount())] for r in range(3)]
    assert [t[2] for t in texts] == [NOT_RATED] * 3
    assert texts[0][3] == "8 (content)" and texts[0][5] == "gaming" and texts[2][3] == ""
    assert "3 records" in panel.heading.text() and "pain not rated" in panel.heading.text()
    assert page.model.rowCount() == 1  # the pain entries' table is unchanged


def test_the_diary_filter_applies_to_the_records(qtbot, page):
    page._on_filter_changed(EntryFilter(text="quiet"))
    assert page.mood_records.table.rowCount() == 1 and "1 in this view" in page.mood_records.heading.text()
    page._on_filter_changed(EntryFilter(date_from=datetime(2026, 3, 1).date()))
    assert page.mood_records.table.rowCount() == 2
    page._on_filter_changed(EntryFilter(tag="walk"))
    assert page.mood_records.table.rowCount() == 1


def test_delete_with_the_keyboard_then_undo(qtbot, ctx, page):
    panel = page.mood_records
    panel.table.setFocus()
    panel.table.selectRow(1)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert ctx.companion.moods.count() == 2 and panel.table.rowCount() == 2
    ctx.undo_stack.undo()
    assert ctx.companion.moods.count() == 3 and panel.table.rowCount() == 3


def test_the_panel_is_hidden_while_there_are_no_records(qtbot, ctx):
    widget = DiaryPage(ctx)
    qtbot.addWidget(widget)
    assert widget.mood_records.isHidden()


def test_the_entry_editor_saves_a_record_with_pain_not_rated(qtbot, ctx):
    dialog = EntryDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.not_rated.isHidden()
    dialog.not_rated.setChecked(True)
    assert not dialog.form.pain.isEnabled() and not dialog.form.fields.triggers.isEnabled()
    dialog.accept()
    assert "needs a mood, sleep, an activity or a note" in dialog.message.text()
    dialog.form.fields.mood.setScore(6)
    dialog.form.fields.activity.setText("reading, tea")
    dialog.form.notes.setPlainText("tired but ok")
    dialog.accept()
    draft = dialog.draft()
    assert isinstance(draft, MoodRecordDraft)
    assert (draft.mood, draft.activities, draft.note) == (6, ("reading", "tea"), "tired but ok")


def test_an_existing_entry_keeps_its_pain(qtbot, ctx):
    entry = ctx.companion.diary.add(EntryDraft(at=datetime(2026, 3, 9, 9, 0, tzinfo=CET), pain=5))
    dialog = EntryDialog(ctx, entry)
    qtbot.addWidget(dialog)
    assert dialog.not_rated.isHidden()


def test_adding_from_the_diary_with_pain_not_rated_is_undoable(qtbot, ctx, page, monkeypatch):
    draft = MoodRecordDraft(at=datetime(2026, 3, 10, 7, 0, tzinfo=CET), mood=4, note="new")
    answers = [QDialog.DialogCode.Accepted]
    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", lambda self: answers.pop(0) if answers else 0)
    monkeypatch.setattr(entry_dialog.EntryDialog, "draft", lambda self: draft)
    page.add_entry()
    assert ctx.companion.moods.count() == 4 and ctx.companion.diary.count() == 1
    assert "without a pain score" in page.view.message_label.text()
    ctx.undo_stack.undo()
    assert ctx.companion.moods.count() == 3


def test_a_diary_of_records_only_says_so_and_insights_show_the_mood(qtbot, ctx):
    from paincompanion.gui.pages.diary_page import EMPTY_DIARY_WITH_MOODS
    from paincompanion.gui.pages.insights_page import InsightsPage

    _records(ctx)
    widget = DiaryPage(ctx)
    qtbot.addWidget(widget)
    assert widget.view.empty_label.text() == EMPTY_DIARY_WITH_MOODS
    insights = InsightsPage(ctx)
    qtbot.addWidget(insights)
    insights.show()
    insights.set_range(None)
    qtbot.waitUntil(lambda: insights.insights is not None and not insights.is_busy(), timeout=20_000)
    assert insights.insights.n_entries == 0 and insights.insights.n_mood_records == 2  # the third has no mood
    assert not insights.mood_over_time.isHidden() and insights.content.isHidden()
    assert "2 of the moods are from records without a pain score" in insights.mood_over_time.text.text()
    assert "no pain scores yet" in insights.empty_detail.text()


def test_a_long_history_lists_the_newest_rows_and_says_so(qtbot, ctx, page, monkeypatch):
    from paincompanion.gui.widgets import mood_records_panel

    monkeypatch.setattr(mood_records_panel, "MAX_ROWS", 2)
    page.mood_records.reload()
    assert page.mood_records.table.rowCount() == 2
    assert "the newest 2 are listed" in page.mood_records.heading.text()
    assert page.mood_records.table.item(0, 3).text() == "8 (content)"  # newest first


def test_enter_on_a_record_edits_it_keeping_its_name_and_undo_puts_it_back(qtbot, ctx, page, monkeypatch):
    opened = []

    def fake_exec(self):
        opened.append(self)
        assert self.not_rated.isChecked() and not self.not_rated.isEnabled()
        assert self.form.fields.mood.score() == 8 and self.form.fields.activity.text() == "gaming"
        self.form.fields.mood.setScore(6)
        self.form.fields.activity.setText("gaming, tea")
        self.accept()
        return QDialog.DialogCode.Accepted if self.result() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", fake_exec)
    panel = page.mood_records
    panel.table.setFocus()
    panel.table.setCurrentCell(0, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert len(opened) == 1
    newest = ctx.companion.moods.list_records(newest_first=True)[0]
    assert (newest.mood, newest.mood_name, newest.activities, newest.source) == (6, "content", ("gaming", "tea"), "")
    ctx.undo_stack.undo()
    assert ctx.companion.moods.list_records(newest_first=True)[0].mood == 8
