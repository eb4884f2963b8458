"""Logged routines appear in the diary's day (Diary page) and on Today, and follow logging and undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QUndoStack

from paincompanion.domain.diary import EntryDraft, EntryFilter
from paincompanion.domain.routine_log import LoggedSession
from paincompanion.gui.change_bus import ChangeBus
from paincompanion.gui.context import GuiContext
from paincompanion.gui.pages.diary_page import DiaryPage
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.gui.undo import push_op
from paincompanion.gui.widgets.day_routines import session_line
from paincompanion.services.companion import Companion
from paincompanion.services.routines_undo import LogSessionOp
from paincompanion.services.startup import DeferredCompanion, open_for_gui


def log(ctx, routine_id: str, started, before=None, after=None, done=5, total=5, note="") -> LoggedSession:
    return ctx.companion.routines.log_session(
        routine_id, started, before=before, after=after, note=note, completed_steps=done, total_steps=total
    )


def test_session_line_reads_plainly(ctx, clock):
    at = clock.now().replace(hour=9, minute=5)  # before "now" (09:30): sessions cannot be in the future
    partly = log(ctx, "belly-breathing", at, before=6, after=4, done=3, total=5, note="Felt   calmer.")
    assert (
        session_line(partly) == "09:05 Slow belly breathing — pain 6 → 4 (partly done: 3 of 5 steps) · “Felt calmer.”"
    )
    only_before = log(ctx, "belly-breathing", at, before=7)
    assert session_line(only_before) == "09:05 Slow belly breathing — pain 7 before"
    neither = log(ctx, "belly-breathing", at)
    assert session_line(neither) == "09:05 Slow belly breathing"


@pytest.fixture
def diary(qtbot, ctx, clock):
    today = clock.now()
    ctx.companion.diary.add(EntryDraft(at=today - timedelta(hours=1), pain=5, note="this morning"))
    ctx.companion.diary.add(EntryDraft(at=today - timedelta(days=2), pain=3, note="two days ago"))
    page = DiaryPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def select_row(page: DiaryPage, row: int) -> None:
    page.table.selectionModel().setCurrentIndex(
        page.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def test_diary_shows_the_routines_of_the_chosen_entrys_day(qtbot, ctx, clock):
    now = clock.now()
    log(ctx, "belly-breathing", now.replace(hour=8, minute=5), before=6, after=4, done=3, total=5)
    log(ctx, "body-scan", now - timedelta(days=2, hours=1), before=5, after=5)
    ctx.companion.diary.add(EntryDraft(at=now - timedelta(hours=1), pain=5, note="this morning"))
    ctx.companion.diary.add(EntryDraft(at=now - timedelta(days=1), pain=4, note="yesterday"))
    page = DiaryPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    panel = page.day_routines

    assert page.table.currentIndex().row() == 0  # the newest entry: today
    assert panel.isVisible()
    assert panel.heading.text() == "Routines today:"
    assert panel.lines.text() == "08:05 Slow belly breathing — pain 6 → 4 (partly done: 3 of 5 steps)"

    select_row(page, 1)  # yesterday: nothing logged
    assert panel.heading.text() == "Routines on Mon 9 Mar 2026: none logged."
    assert not panel.lines.isVisible()


def test_diary_day_follows_logging_and_undo(qtbot, ctx, clock, diary):
    panel = diary.day_routines
    assert panel.heading.text() == "Routines today: none logged."
    op = LogSessionOp(ctx.companion.routines, "belly-breathing", clock.now(), 7, 5, 5, 5, note="")
    assert push_op(ctx.undo_stack, op) is None
    assert panel.lines.text() == "09:30 Slow belly breathing — pain 7 → 5"
    ctx.undo_stack.undo()
    assert panel.heading.text() == "Routines today: none logged."
    ctx.undo_stack.redo()
    assert "Slow belly breathing" in panel.lines.text()


def test_today_lists_todays_routines_and_hides_when_none(qtbot, ctx, clock):
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert not page.routines_today.isVisible()  # nothing logged: no empty heading on Today
    log(ctx, "body-scan", clock.now() - timedelta(days=1), before=5, after=3)  # yesterday: not today
    assert not page.routines_today.isVisible()
    log(ctx, "body-scan", clock.now().replace(hour=7, minute=45), before=5, after=3)
    assert page.routines_today.isVisible()
    assert page.routines_today.heading.text() == "Routines today:"
    assert page.routines_today.lines.text().startswith("07:45 Body scan — pain 5 → 3")


def test_today_reads_routines_only_once_the_companion_is_open(qtbot, app_paths, clock):
    first = Companion.open(app_paths, clock)
    first.routines.log_session(
        "belly-breathing", clock.now().replace(hour=8), before=6, after=5, completed_steps=5, total_steps=5
    )
    first.close()
    deferred = open_for_gui(app_paths, clock)
    assert isinstance(deferred, DeferredCompanion)
    ctx = GuiContext(companion=deferred, bus=ChangeBus(deferred), undo_stack=QUndoStack())
    try:
        page = TodayPage(ctx)
        qtbot.addWidget(page)
        assert not deferred.ready  # building Today did not open the real Companion
        assert page.routines_today.day is None
        deferred.start()
        qtbot.waitUntil(lambda: page.routines_today.day is not None, timeout=20_000)
        assert "Slow belly breathing — pain 6 → 5" in page.routines_today.lines.text()
    finally:
        deferred.close()


def test_diary_day_hides_when_no_entry_is_left(qtbot, ctx, diary):
    assert diary.day_routines.isVisible()
    diary.model.set_filter(EntryFilter(text="no entry has these words"))
    qtbot.waitUntil(lambda: diary.model.rowCount() == 0)
    assert not diary.day_routines.isVisible()
    assert diary.day_routines.day is None
