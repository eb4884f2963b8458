"""DiaryTableModel: model contract, lazy paging, filters, refresh that keeps rows stable."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from paincompanion.domain.diary import EntryDraft, EntryFilter, LocationPain
from paincompanion.errors import ValidationError
from paincompanion.gui.models.diary_table import (
    COLUMN_SIZES,
    ENTRY_ID_ROLE,
    ENTRY_ROLE,
    Column,
    DiaryTableModel,
    cell_text,
    cell_tooltip,
    fit_column_widths,
)

CET = timezone(timedelta(hours=1))
BASE = datetime(2026, 3, 10, 8, 0, tzinfo=CET)


@pytest.fixture(autouse=True)
def british_locale():
    old = QLocale()
    QLocale.setDefault(QLocale("en_GB"))
    yield
    QLocale.setDefault(old)


def make_drafts(n: int, step_hours: int = 12) -> list[EntryDraft]:
    """n entries going back in time from BASE, with a spread of fields."""
    drafts = []
    for i in range(n):
        drafts.append(
            EntryDraft(
                at=BASE - timedelta(hours=step_hours * i),
                pain=i % 11,
                locations=(LocationPain("back-mid-back", 5),) if i % 3 == 0 else (),
                qualities=("aching",) if i % 2 else (),
                mood=None if i % 4 else 6,
                sleep_hours=7.5 if i % 5 == 0 else None,
                triggers=("cold weather",) if i % 7 == 0 else (),
                helped=("heat pad",) if i % 2 == 0 else (),
                note=f"Note number {i}\nsecond line" if i % 2 else "",
            )
        )
    return drafts


@pytest.fixture
def filled(companion):
    ids = companion.diary.add_many(make_drafts(40))
    return companion, ids


def count_get_many(monkeypatch, companion) -> list[list[int]]:
    calls: list[list[int]] = []
    real = companion.diary.get_many

    def counting(ids):
        calls.append(list(ids))
        return real(ids)

    monkeypatch.setattr(companion.diary, "get_many", counting)
    return calls


# --- the Qt model contract ---------------------------------------------------------------------


def test_modeltester_empty(qtmodeltester, companion):
    model = DiaryTableModel(companion)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 0
    assert model.columnCount() == len(Column)


def test_modeltester_filled(qtmodeltester, filled):
    companion, _ = filled
    model = DiaryTableModel(companion)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 40


@pytest.mark.qt_log_level_fail("WARNING")
def test_qt_modeltester_through_removals_insertions_and_resets(qtmodeltester, ctx):
    ids = ctx.companion.diary.add_many(make_drafts(30))
    model = DiaryTableModel(ctx.companion, ctx.bus)
    qtmodeltester.check(model)  # Qt's own tester stays attached and checks every change below
    gone = [ctx.companion.diary.delete(entry_id) for entry_id in ids[3:6]]
    model.refresh()  # rows removed
    assert model.rowCount() == 27
    model.set_filter(EntryFilter(tag="heat pad"))  # reset
    model.set_filter(EntryFilter())
    for entry in gone:
        ctx.companion.diary.restore(entry)
    model.refresh()  # rows inserted
    moved = ctx.companion.diary.get(ids[20]).as_draft()
    ctx.companion.diary.update(ids[20], EntryDraft(**{**moved.__dict__, "at": BASE + timedelta(minutes=5)}))
    model.refresh()  # order changed: reset
    assert model.rowCount() == 30 and model.entry_id(0) == ids[20]


# --- content -----------------------------------------------------------------------------------


def test_newest_first_and_cells(filled):
    companion, ids = filled
    model = DiaryTableModel(companion)
    assert model.entry_id(0) == ids[0]
    assert model.data(model.index(0, 0), ENTRY_ID_ROLE) == ids[0]
    assert model.data(model.index(0, Column.DATE)) == "Tue 10 Mar 2026"
    assert model.data(model.index(0, Column.TIME)) == "08:00"
    assert model.data(model.index(0, Column.PAIN)) == "0"
    assert model.data(model.index(0, Column.WHERE)) == "Middle back"
    assert model.data(model.index(0, Column.SLEEP)) == "7.5 h"
    assert model.data(model.index(0, Column.MOOD)) == "6"
    assert model.data(model.index(0, Column.TRIGGERS)) == "cold weather"
    assert model.data(model.index(0, Column.HELPED)) == "heat pad"
    assert model.data(model.index(1, Column.NOTE)) == "Note number 1"
    assert model.data(model.index(1, Column.MOOD)) == ""
    assert model.data(model.index(1, Column.DATE)) == "Mon 9 Mar 2026"
    assert model.data(model.index(0, 0), ENTRY_ROLE).id == ids[0]
    times = [model.entry(r).at for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)


def test_time_shown_in_the_entrys_own_offset(companion):
    india = timezone(timedelta(hours=5, minutes=30))
    companion.diary.add(EntryDraft(at=datetime(2026, 3, 9, 23, 45, tzinfo=india), pain=4))
    model = DiaryTableModel(companion)
    assert model.data(model.index(0, Column.TIME)) == "23:45"
    assert model.data(model.index(0, Column.DATE)) == "Mon 9 Mar 2026"
    assert "UTC+05:30" in model.data(model.index(0, Column.TIME), Qt.ItemDataRole.ToolTipRole)


def test_tooltips_carry_what_the_cell_leaves_out(companion):
    entry = companion.diary.add(
        EntryDraft(
            at=BASE,
            pain=6,
            locations=(LocationPain("front-left-knee", 7), LocationPain("back-mid-back")),
            sleep_quality=4,
            note="\n  First real line  \nmore",
        )
    )
    assert cell_text(entry, Column.SLEEP) == "quality 4"
    assert cell_text(entry, Column.NOTE) == "First real line"
    where = cell_tooltip(entry, Column.WHERE)
    assert "Left knee: 7 of 10" in where and "Middle back" in where
    assert cell_tooltip(entry, Column.NOTE).startswith("First real line")


# --- lazy loading ------------------------------------------------------------------------------


def test_rows_load_lazily_in_pages(monkeypatch, companion):
    ids = companion.diary.add_many(make_drafts(1000, step_hours=3))
    calls = count_get_many(monkeypatch, companion)
    model = DiaryTableModel(companion)
    assert model.rowCount() == 1000
    assert calls == []  # the ids are enough to know the size

    assert model.data(model.index(500, Column.PAIN)) is not None
    assert len(calls) == 1
    assert calls[0] == ids[400:600]  # exactly the page holding row 500

    model.data(model.index(450, Column.NOTE))
    model.data(model.index(599, Column.DATE))
    assert len(calls) == 1  # same page: served from the cache

    model.data(model.index(600, Column.DATE))
    assert len(calls) == 2 and calls[1] == ids[600:800]


def test_a_view_loads_only_its_visible_pages(monkeypatch, qtbot, companion):
    companion.diary.add_many(make_drafts(1000, step_hours=3))
    calls = count_get_many(monkeypatch, companion)
    model = DiaryTableModel(companion)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(800, 400)
    view.show()
    qtbot.waitUntil(lambda: len(calls) > 0)  # painted
    loaded = {i for call in calls for i in call}
    assert loaded == set(model.all_ids()[: DiaryTableModel.PAGE_SIZE])
    view.scrollToBottom()
    last = model.entry_id(999)
    qtbot.waitUntil(lambda: any(last in call for call in calls))
    loaded = {i for call in calls for i in call}
    assert len(loaded) == DiaryTableModel.PAGE_SIZE * 2  # first page and last page, nothing between


def test_cache_is_bounded(monkeypatch, companion):
    companion.diary.add_many(make_drafts(1000, step_hours=3))
    model = DiaryTableModel(companion)
    monkeypatch.setattr(model, "CACHE_LIMIT", 450)
    for row in range(0, 1000, 100):
        assert model.entry(row) is not None
    assert len(model._cache) <= 450


# --- filters -----------------------------------------------------------------------------------


def test_filters_change_the_row_count(filled):
    companion, _ = filled
    model = DiaryTableModel(companion)
    everything = model.rowCount()
    # 40 entries, 12 h apart, from 10 Mar 08:00 backwards: 9 Mar has 2 (20:00, 08:00).
    model.set_filter(EntryFilter(date_from=date(2026, 3, 9), date_to=date(2026, 3, 9)))
    assert model.rowCount() == 2
    model.set_filter(EntryFilter(tag="cold weather"))
    assert model.rowCount() == len(range(0, 40, 7))
    model.set_filter(EntryFilter(location="Middle back"))
    assert model.rowCount() == len(range(0, 40, 3))
    model.set_filter(EntryFilter(text="number 3"))
    assert {model.data(model.index(r, Column.NOTE)) for r in range(model.rowCount())} == {
        "Note number 3",
        "Note number 31",
        "Note number 33",
        "Note number 35",
        "Note number 37",
        "Note number 39",
    }
    model.set_filter(EntryFilter(tag="cold weather", location="Middle back"))
    assert model.rowCount() == len(range(0, 40, 21))
    model.set_filter(EntryFilter())
    assert model.rowCount() == everything


def test_reversed_period_raises_plainly_and_shows_nothing(filled):
    companion, _ = filled
    model = DiaryTableModel(companion)
    with pytest.raises(ValidationError, match="reversed"):
        model.set_filter(EntryFilter(date_from=date(2026, 3, 9), date_to=date(2026, 3, 1)))
    assert model.rowCount() == 0 and model.blocked
    model.refresh()
    assert model.rowCount() == 0
    model.set_filter(EntryFilter())
    assert model.rowCount() == 40 and not model.blocked


# --- refresh -----------------------------------------------------------------------------------


def test_refreshes_after_changes_on_the_bus(qtbot, ctx):
    ids = ctx.companion.diary.add_many(make_drafts(10))
    model = DiaryTableModel(ctx.companion, ctx.bus)
    assert model.data(model.index(2, Column.PAIN)) == "2"
    entry = ctx.companion.diary.get(ids[2])
    ctx.companion.diary.update(ids[2], EntryDraft(**{**entry.as_draft().__dict__, "pain": 9}))
    qtbot.waitUntil(lambda: model.data(model.index(2, Column.PAIN)) == "9")
    ctx.companion.diary.add(EntryDraft(at=BASE + timedelta(minutes=10), pain=1))
    qtbot.waitUntil(lambda: model.rowCount() == 11)
    assert model.entry(0).at == BASE + timedelta(minutes=10)


def test_several_changes_make_one_refresh(qtbot, ctx):
    ids = ctx.companion.diary.add_many(make_drafts(10))
    model = DiaryTableModel(ctx.companion, ctx.bus)
    with qtbot.waitSignal(model.refreshed) as blocker:
        for entry_id in ids[:4]:
            ctx.companion.diary.delete(entry_id)
        assert model.refresh_pending() and model.rowCount() == 10
    assert blocker.args == [6]


def test_removal_and_insertion_keep_other_rows_in_place(ctx):
    ids = ctx.companion.diary.add_many(make_drafts(10))
    model = DiaryTableModel(ctx.companion)
    below = QPersistentModelIndex(model.index(7, 0))
    removed: list[tuple[int, int]] = []
    inserted: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.rowsRemoved.connect(lambda _p, first, last: removed.append((first, last)))
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.modelReset.connect(lambda: resets.append(True))

    gone = [ctx.companion.diary.delete(i) for i in (ids[2], ids[3], ids[5])]
    model.refresh()
    assert removed == [(5, 5), (2, 3)]
    assert below.isValid() and below.data(ENTRY_ID_ROLE) == ids[7] and below.row() == 4

    for entry in gone:
        ctx.companion.diary.restore(entry)
    model.refresh()
    assert inserted == [(2, 3), (5, 5)]
    assert below.row() == 7 and model.all_ids() == ids
    assert resets == []


def test_vanished_entry_shows_plainly(monkeypatch, companion):
    ids = companion.diary.add_many(make_drafts(3))
    model = DiaryTableModel(companion)
    companion.diary.delete(ids[1])  # no bus: the model has not refreshed yet
    assert model.entry(1) is None
    assert model.data(model.index(1, Column.PAIN)) == ""
    assert "no longer there" in model.data(model.index(1, Column.NOTE))
    assert model.data(model.index(0, Column.PAIN)) == "0"


def test_invalid_index_and_other_roles(filled):
    companion, _ = filled
    model = DiaryTableModel(companion)
    assert model.data(QModelIndex()) is None
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert model.headerData(Column.PAIN, Qt.Orientation.Horizontal) == "Pain"
    assert "0 (no pain)" in model.headerData(Column.PAIN, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


# --- column widths -----------------------------------------------------------------------------


def test_column_widths_fill_the_space_and_follow_the_font(qapp):
    metrics = QFontMetrics(QFont())
    narrow = fit_column_widths(100, metrics, metrics)
    wide = fit_column_widths(3000, metrics, metrics)
    fixed = [c for c in Column if COLUMN_SIZES[c][2] == 0]
    assert all(narrow[c] == wide[c] for c in fixed)
    assert abs(sum(wide) - 3000) <= len(Column)
    assert all(w > 0 for w in narrow)
    big_font = QFont()
    big_font.setPointSizeF(QFont().pointSizeF() * 2)
    big = fit_column_widths(100, QFontMetrics(big_font), QFontMetrics(big_font))
    assert big[Column.DATE] > narrow[Column.DATE]
