"""Insights ▸ What helps for medicines (n ≥ 3, with n) and kratom grams per day and per week with strain changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from paincompanion.domain.changes import Changes
from paincompanion.domain.dose_effect import PATTERNS_NOT_CAUSES
from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.pages.insights_page import InsightsPage
from paincompanion.gui.widgets.meds_what_helps import TOO_FEW


@pytest.fixture
def page(qtbot, ctx):
    widget = InsightsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 1400)
    return widget


def show_and_wait(qtbot, page: InsightsPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.is_busy() and page.insights is not None and not page._meds_dirty, timeout=20_000)


def rate(ctx, med_id: int, *pairs: tuple[int, int]) -> None:
    now = ctx.companion.clock.now()
    for n, (before, after) in enumerate(pairs, start=1):
        dose, _ = ctx.companion.dose_effects.take(med_id, now - timedelta(days=n, hours=2), pain=before)
        ctx.companion.dose_effects.after(dose.id, after, now - timedelta(days=n, hours=1))


def test_medicines_with_three_rated_doses_are_shown_with_n(qtbot, ctx, page):
    ibu = ctx.companion.meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))
    apap = ctx.companion.meds.add(MedicationDraft("acetaminophen", strength=500, as_needed=True))
    rate(ctx, ibu.id, (6, 4), (7, 4), (5, 4))  # before 6.0, after 4.0
    rate(ctx, apap.id, (6, 5), (6, 5))  # only 2: not shown
    show_and_wait(qtbot, page)
    text = page.meds_helps.effects_label.text()
    assert text.splitlines() == [
        "ibuprofen: pain 6 before and 4 after on average (2 points lower), over 3 doses rated before and after."
    ]
    assert page.meds_helps.caveat.isVisible() and PATTERNS_NOT_CAUSES in page.meds_helps.caveat.text()
    assert not page.meds_helps.amounts_heading.isVisible()
    rate(ctx, apap.id, (4, 4))
    ctx.bus.operation_did_execute.emit(Changes(medications=True))
    qtbot.waitUntil(lambda: "acetaminophen" in page.meds_helps.effects_label.text(), timeout=5_000)


def test_too_few_rated_doses_say_how_to_get_there(qtbot, ctx, page):
    show_and_wait(qtbot, page)
    assert page.meds_helps.effects_label.text() == TOO_FEW
    assert not page.meds_helps.caveat.isVisible()


def test_kratom_grams_chart_marks_the_strain_change(qtbot, ctx, page):
    meds = ctx.companion.meds
    now = ctx.companion.clock.now()
    red = meds.add(MedicationDraft("Kratom", kind="herbal", as_needed=True, strain="Red Bali"))
    green = meds.add(MedicationDraft("Kratom", kind="herbal", as_needed=True, strain="Green Malay"))
    for days_ago, amount in ((20, "3 g"), (19, "2.5 g"), (12, "2 g")):
        meds.take(red.id, now - timedelta(days=days_ago), amount)
    meds.take(green.id, now - timedelta(days=5), "1500 mg")
    show_and_wait(qtbot, page)
    [(canvas, label)] = page.meds_helps.charts
    assert canvas.figure is not None
    assert "used on 4 days" in label.text() and "Green Malay" in label.text()
    assert "Kratom amounts chart" in canvas.accessibleName()
    assert page.meds_helps.amounts_heading.isVisible()


def test_amounts_follow_the_chosen_period(qtbot, ctx, page):
    meds = ctx.companion.meds
    now = ctx.companion.clock.now()
    kratom = meds.add(MedicationDraft("Kratom", kind="herbal", as_needed=True))
    meds.take(kratom.id, now - timedelta(days=200), "4 g")
    meds.take(kratom.id, now - timedelta(days=2), "2 g")
    show_and_wait(qtbot, page)  # 90 days
    assert page.meds_helps.series[0].days == (((now - timedelta(days=2)).date(), 2.0),)
    page.set_range(None)
    qtbot.waitUntil(lambda: not page.is_busy() and not page._meds_dirty, timeout=20_000)
    assert len(page.meds_helps.series[0].days) == 2
