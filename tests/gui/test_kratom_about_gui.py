"""The kratom page and "About this data" in the GUI: they render, the kratom page opens from the Medicines page,
from a kratom or 7-OH warning (list and "check before I buy") and from the Summary page when kratom is listed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.dialogs.info_dialog import ABOUT_TITLE, KRATOM_TITLE, InfoDialog, about_markdown
from paincompanion.gui.pages.meds_page import MedicinesPage
from paincompanion.gui.pages.summary_page import SummaryPage


@pytest.fixture
def page(qtbot, ctx):
    widget = MedicinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(ctx, *names: str) -> None:
    for name in names:
        ctx.companion.meds.add(MedicationDraft(name))


def opened(qtbot, page) -> InfoDialog:
    dialog = page.info_dialog
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_about_dialog_shows_the_patient_page(qtbot, page, ctx):
    page.view.about_button.click()
    about = opened(qtbot, page)
    text = about.browser.toPlainText()
    rules = ctx.companion.meds.dataset.rules
    assert about.windowTitle() == ABOUT_TITLE and about.browser.isReadOnly()
    assert f"{sum(r.verified for r in rules)} of {len(rules)} rules" in text
    assert "US-focused" in text and "No warning is not a promise" in text
    assert "build_dataset" not in text and "verified: true" not in text and "this folder" not in text


def test_kratom_button_opens_the_page(qtbot, page):
    page.view.kratom_button.click()
    kratom = opened(qtbot, page)
    text = kratom.browser.toPlainText()
    assert kratom.windowTitle() == KRATOM_TITLE and "In an emergency" in text and "1-800-222-1222" in text


@pytest.mark.parametrize("item", ["kratom red vein", "7-OH tablets"])
def test_a_kratom_or_7oh_warning_links_to_the_page(qtbot, page, ctx, item):
    add(ctx, item, "alprazolam")  # the page reloads on the change notification
    rows = page.view.warnings.rows
    linked = [row for row in rows if row.kratom_button is not None]
    assert linked, [row.warning.summary for row in rows]
    row = linked[0]
    assert not row.kratom_button.isVisibleTo(row)  # shown with the details
    row.toggle.setFocus()
    QTest.keyClick(row.toggle, Qt.Key.Key_Space)
    assert row.kratom_button.isVisibleTo(row)
    assert row.toggle.nextInFocusChain() is row.kratom_button  # Tab goes from Details to the link
    row.kratom_button.click()
    assert opened(qtbot, page).objectName() == "kratomDialog"


def test_warnings_without_kratom_have_no_link(page, ctx):
    add(ctx, "oxycodone", "alprazolam")
    assert page.view.warnings.rows and all(row.kratom_button is None for row in page.view.warnings.rows)


def test_check_before_buying_7oh_links_to_the_page(qtbot, page, ctx):
    add(ctx, "oxycodone")
    page.check_before_buying("7-OH gummies")
    panel = page.view.buy_box.panel
    qtbot.waitUntil(lambda: bool(panel.rows), timeout=10_000)
    row = next(row for row in panel.rows if row.kratom_button is not None)
    row.set_expanded(True)
    row.kratom_button.click()
    assert opened(qtbot, page).objectName() == "kratomDialog"


def test_summary_page_offers_the_page_when_kratom_is_listed(qtbot, ctx):
    summary = SummaryPage(ctx)
    qtbot.addWidget(summary)
    summary.refresh()
    assert not summary.kratom_button.isVisibleTo(summary)
    add(ctx, "kratom powder")
    summary.refresh()
    assert summary.kratom_button.isVisibleTo(summary)
    summary.kratom_button.click()
    dialog = summary.info_dialog
    qtbot.addWidget(dialog)
    assert dialog.objectName() == "kratomDialog" and "Kratom" in dialog.browser.toPlainText()
    qtbot.waitUntil(lambda: not summary.is_busy(), timeout=60_000)


def test_about_markdown_renders_counts_for_the_bundled_data(ctx):
    ds = ctx.companion.meds.dataset
    assert f"Version {ds.version}" in about_markdown()
