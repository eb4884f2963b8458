"""Insights page: empty state, range switching, comparison text, refresh after changes, lazy matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from paincompanion.domain.diary import EntryDraft
from paincompanion.gui.pages.insights_page import EMPTY_TEXT, InsightsPage

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=CET)


def _drafts(days: int, first_days_ago: int = 1) -> list[EntryDraft]:
    """One morning entry a day: every third night short (5 h) with pain 7, otherwise 7.5 h with pain 4."""
    drafts = []
    for i in range(days):
        at = (NOW - timedelta(days=first_days_ago + i)).replace(hour=8, minute=0)
        short = i % 3 == 0
        drafts.append(EntryDraft(at=at, pain=7 if short else 4, sleep_hours=5 if short else 7.5, mood=5))
    return drafts


@pytest.fixture
def page(qtbot, ctx):
    widget = InsightsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    return widget


def _show_and_wait(qtbot, page: InsightsPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_busy() and page.insights is not None, timeout=20_000)


def test_nothing_is_computed_before_the_page_is_shown(page):
    assert page.insights is None and not page.is_busy()


def test_empty_diary_shows_an_honest_empty_state(qtbot, page):
    _show_and_wait(qtbot, page)
    assert page.empty_label.isVisible() and page.empty_label.text() == EMPTY_TEXT
    assert "no entries yet" in page.empty_detail.text()
    assert not page.content.isVisible()
    assert page.pain_chart.figure is None


def test_comparison_text_appears_with_data(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(30))
    _show_and_wait(qtbot, page)
    assert page.content.isVisible() and not page.empty_label.isVisible()
    text = page.comparisons_label.text()
    assert "After nights under 6 h of sleep your average pain was 7.0 (n = 10 days) vs 4.0 (n = 20 days)" in text
    assert "This shows a pattern, not a cause." in text
    assert page.summary.text().startswith("30 entries on 30 days")
    assert page.pain_chart.figure is not None and page.mood_chart.figure is not None
    assert page.pain_chart.accessibleName() == "Pain over time chart"
    assert "highest 7.0" in page.pain_chart.accessibleDescription()
    assert "Morning 5.0 (n = 30)" in page.time_chart.accessibleDescription()


def test_no_comparison_with_too_few_days(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(2))
    _show_and_wait(qtbot, page)
    assert page.comparisons_label.text().startswith("No comparisons yet")
    assert page.empty_label.isVisible()  # two days: still asks for a few more
    assert page.empty_detail.text() == "So far there are entries on 2 of the days shown."


def test_range_switch(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(10) + _drafts(10, first_days_ago=200))
    _show_and_wait(qtbot, page)
    assert page.range_days == 90 and page.insights.n_days == 10
    assert page.range_buttons[90].isChecked() and page.range_buttons[90].font().bold()
    qtbot.mouseClick(page.range_buttons[None], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy() and page.insights.range_days is None, timeout=20_000)
    assert page.insights.n_days == 20
    assert page.range_buttons[None].isChecked() and not page.range_buttons[90].isChecked()
    page.range_buttons[30].setFocus()
    qtbot.keyClick(page.range_buttons[30], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.is_busy() and page.insights.range_days == 30, timeout=20_000)
    assert page.insights.n_days == 10
    assert page.range_buttons[30].text() == "✓ 30 days" and page.range_buttons[90].text() == "90 days"
    names = [page.range_buttons[d].accessibleName() for d in (30, 90, 365, None)]
    assert names == ["Show last 30 days", "Show last 90 days", "Show last 365 days", "Show all entries"]


def test_every_range_button_and_result_is_a_tab_stop(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(6))
    _show_and_wait(qtbot, page)
    page.activateWindow()
    page.range_buttons[30].setFocus()
    qtbot.waitUntil(page.range_buttons[30].hasFocus)
    visited = []
    for _ in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget().objectName())
    assert visited == [
        "range90Button",
        "range365Button",
        "rangeAllButton",
        "insightsSummary",
        "insightsScroll",
        "comparisonsLabel",
    ]


def test_older_entries_hint(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(5, first_days_ago=200))
    _show_and_wait(qtbot, page)
    assert "Choose “All”" in page.empty_detail.text()


def test_refreshes_after_a_change(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(5))
    _show_and_wait(qtbot, page)
    assert page.insights.n_entries == 5
    ctx.companion.diary.add(EntryDraft(at=NOW - timedelta(hours=1), pain=2))
    assert page.is_busy()  # debounced refresh pending
    qtbot.waitUntil(lambda: not page.is_busy() and page.insights.n_entries == 6, timeout=20_000)


def test_hidden_page_refreshes_when_shown_again(qtbot, ctx, page):
    _show_and_wait(qtbot, page)
    page.hide()
    ctx.companion.diary.add_many(_drafts(4))
    assert not page.is_busy()
    _show_and_wait(qtbot, page)
    qtbot.waitUntil(lambda: page.insights.n_entries == 4, timeout=20_000)


def test_matplotlib_is_imported_only_when_shown(tmp_path):
    script = f"""
import sys, time
from datetime import datetime, timedelta, timezone
from PySide6.QtWidgets import QApplication
from PySide6.QtGui import QUndoStack
from paincompanion.domain.clock import FixedClock
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.gui.change_bus import ChangeBus
from paincompanion.gui.context import GuiContext
from paincompanion.gui.pages.insights_page import InsightsPage
app = QApplication([])
comp = Companion.open(AppPaths.in_dir(r"{tmp_path}"), FixedClock(datetime(2026, 3, 10, tzinfo=timezone.utc)))
page = InsightsPage(GuiContext(comp, ChangeBus(comp), QUndoStack()))
assert "matplotlib" not in sys.modules, "imported before the page was shown"
page.show()
while page.is_busy() or page.insights is None:
    app.processEvents()
    time.sleep(0.01)
assert "matplotlib" in sys.modules and "matplotlib.pyplot" not in sys.modules
print("ok")
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env)
    assert result.stdout.strip() == "ok", result.stderr


def test_charts_follow_a_dark_palette(qtbot, ctx, page):
    ctx.companion.diary.add_many(_drafts(5))
    _show_and_wait(qtbot, page)
    assert page.pain_chart.figure.get_facecolor()[0] > 0.5
    palette = page.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    page.setPalette(palette)
    qtbot.waitUntil(lambda: page.pain_chart.figure.get_facecolor()[0] < 0.2)
