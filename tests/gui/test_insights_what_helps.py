"""Insights "what helps": hidden until a routine has 3 sessions rated before and after; the numbers are right."""

from __future__ import annotations

from datetime import timedelta

import pytest

from paincompanion.gui.pages.insights_page import InsightsPage
from paincompanion.routines.what_helps_text import TOO_FEW


@pytest.fixture
def page(qtbot, ctx):
    widget = InsightsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 900)
    return widget


def show_and_wait(qtbot, page: InsightsPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_busy() and page.what_helps is not None, timeout=20_000)


def log(ctx, routine_id: str, *pairs: tuple[int | None, int | None]) -> None:
    routines = ctx.companion.routines
    steps = len(routines.library().get(routine_id).steps)
    now = ctx.companion.clock.now()
    for n, (before, after) in enumerate(pairs, start=1):
        routines.log_session(
            routine_id, now - timedelta(days=n), before=before, after=after, completed_steps=steps, total_steps=steps
        )


def test_two_rated_sessions_are_not_enough(qtbot, ctx, page):
    log(ctx, "body-scan", (6, 4), (5, 4), (None, 3))  # the third has no rating before, so it does not count
    show_and_wait(qtbot, page)
    assert page.what_helps_label.isVisible()
    assert page.what_helps_label.text() == TOO_FEW
    assert "Body scan" not in page.what_helps_label.text()
    assert not page.what_helps_caveat.isVisible()


def test_three_rated_sessions_show_the_average_change_with_n(qtbot, ctx, page):
    log(ctx, "body-scan", (6, 4), (5, 4), (7, 4))  # changes -2, -1, -3: mean -2.0
    log(ctx, "belly-breathing", (4, 4), (5, 6), (3, 3), (6, 6))  # +0, +1, 0, 0: mean +0.25
    log(ctx, "progressive-muscle-relaxation", (8, 2), (8, 2))  # only 2: left out
    show_and_wait(qtbot, page)
    lines = page.what_helps_label.text().splitlines()
    assert lines == [
        "Body scan — on average 2.0 points less pain after than before (3 sessions).",
        "Slow belly breathing — on average 0.2 points more pain after than before (4 sessions).",
    ]
    assert page.what_helps_caveat.isVisible() and "not proof" in page.what_helps_caveat.text()
    assert page.what_helps_label.focusPolicy() != 0  # a Tab stop, like the other results


def test_reloads_when_a_session_is_logged(qtbot, ctx, page):
    log(ctx, "body-scan", (6, 4), (5, 4))
    show_and_wait(qtbot, page)
    assert page.what_helps_label.text() == TOO_FEW
    log(ctx, "body-scan", (7, 6))  # changes -2, -1, -1: mean -1.33
    assert page.is_busy()
    qtbot.waitUntil(lambda: not page.is_busy() and "Body scan" in page.what_helps_label.text(), timeout=20_000)
    assert "1.3 points less pain" in page.what_helps_label.text() and "(3 sessions)" in page.what_helps_label.text()
