"""Medicines page and "check before I buy": a recognised item that no rule covers is named, never folded into
"no warnings"; a long co-medication list (blood thinner, antidepressant) shows its warnings."""

from __future__ import annotations

import re

import pytest

from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.pages.meds_page import MedicinesPage

FORBIDDEN = re.compile(r"\bsafe\b|\bno interactions\b", re.IGNORECASE)
LONG_LIST = (
    "phenprocoumon", "sertraline", "metformin", "amlodipine", "ramipril", "hydrochlorothiazide", "omeprazole",
    "tramadol", "Tylenol", "pregabalin", "zopiclone", "ibuprofen", "clarithromycin", "vitamin D", "metoclopramide",
)  # fmt: skip


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


def test_items_without_rules_are_named_instead_of_no_warnings(page, ctx):
    add(ctx, "metformin", "vitamin D")
    page.reload()
    panel = page.view.warnings
    assert panel.rows == []
    text = panel.all_text()
    assert "“metformin”: no interaction rules for Metformin in this dataset." in text
    assert "“vitamin D”: no interaction rules for Vitamin D in this dataset." in text
    assert "has no warning for the items it has rules for" in panel.summary.text()
    assert FORBIDDEN.search(text) is None


def test_a_long_list_with_a_blood_thinner_and_an_antidepressant_shows_their_warnings(page, ctx):
    add(ctx, *LONG_LIST)
    page.reload()
    panel = page.view.warnings
    rules = {row.warning.rule_id for row in panel.rows}
    assert {"nsaid-anticoagulant", "ssri-snri-anticoagulant", "vka-macrolide", "tramadol-antidepressant"} <= rules
    assert "no interaction rules for Metformin" in panel.all_text()
    assert FORBIDDEN.search(panel.all_text()) is None


def test_check_before_buying_names_a_product_without_rules(page, ctx):
    add(ctx, "sertraline")
    box = page.view.buy_box
    box.edit.setText("metformin")
    box.check_button.click()
    assert box.panel.rows == []
    summary = box.panel.summary.text()
    assert "There are no interaction rules for Metformin in this dataset, so it could not be checked" in summary
    assert FORBIDDEN.search(box.panel.all_text()) is None
