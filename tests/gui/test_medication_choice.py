"""The add/edit dialog: ingredients from the pack, "which product did you mean?", bad names; the same choice in
"check before I buy"; the Medicines list marks items checked by the ingredients given by the patient."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from paincompanion.domain.medications import MedicationDraft, PackIngredient
from paincompanion.gui.dialogs.medication_dialog import MedicationDialog
from paincompanion.gui.models.meds_list import Column, cell_text, row_description
from paincompanion.gui.pages.meds_page import MedicinesPage


@pytest.fixture
def dialog(qtbot, ctx):
    widget = MedicationDialog(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_an_unknown_product_is_added_by_its_ingredients(dialog):
    dialog.name_edit.setText("Dolo-Mix forte")
    assert "Not recognised" in dialog.recognition.text()
    assert dialog.ingredients_hint.text().startswith("Not recognised? Type the active ingredients from the pack")
    dialog.ingredients_edit.setText("Paracetamol 500 mg + Codein 30 mg, Mystery root")
    text = dialog.recognition.text()
    assert "ingredients given by you: Acetaminophen + Codeine" in text and "Mystery root" in text
    dialog.accept()
    assert dialog.result() == MedicationDialog.DialogCode.Accepted
    assert dialog.draft().pack_ingredients == (
        PackIngredient("Paracetamol", "500 mg"), PackIngredient("Codein", "30 mg"), PackIngredient("Mystery root"),
    )  # fmt: skip


def test_ingredient_completion_completes_the_last_part(dialog):
    completer = dialog.ingredients_completer
    dialog.ingredients_edit.setText("paracetamol + cod")
    assert completer.splitPath(dialog.ingredients_edit.text()) == ["cod"]
    completer.setCompletionPrefix("cod")
    index = completer.completionModel().index(0, 0)
    assert completer.pathFromIndex(index).startswith("paracetamol + ")
    assert "Codeine" in dialog._ingredient_completions()


def test_which_product_did_you_mean_is_asked_and_picked_by_keyboard(qtbot, dialog):
    dialog.name_edit.setText("Tylenol 3")
    choice = dialog.choice
    assert choice.isVisibleTo(dialog) and choice.list.count() == 2
    labels = [choice.list.item(k).text() for k in range(2)]
    assert labels == ["Tylenol with Codeine #3 (Acetaminophen + Codeine)",
                      "Tylenol with Codeine No. 3 (Canada) (Acetaminophen + Codeine + Caffeine)"]  # fmt: skip
    assert choice.list.accessibleName() == "Which product did you mean?"
    assert choice.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole) == labels[1]
    dialog.accept()  # not picked yet: refused, with the list focused
    assert dialog.isVisible() and "could be several products" in dialog.message.text()
    assert choice.list.hasFocus() or dialog.focusWidget() is choice.list
    QTest.keyClick(choice.list, Qt.Key.Key_Down)
    QTest.keyClick(choice.list, Qt.Key.Key_Return)
    assert dialog.product_edit.text() == "Tylenol with Codeine No. 3 (Canada)"
    assert dialog.recognition.text().startswith("Recognised as: Acetaminophen + Codeine + Caffeine")
    assert choice.isVisibleTo(dialog)  # the choice can still be changed
    dialog.accept()
    assert dialog.result() == MedicationDialog.DialogCode.Accepted
    assert dialog.draft().product == "Tylenol with Codeine No. 3 (Canada)"


def test_editing_a_picked_item_shows_its_choice(qtbot, ctx):
    med = ctx.companion.meds.add(MedicationDraft("Tylenol 3", product="Tylenol with Codeine #3"))
    dialog = MedicationDialog(ctx, med)
    qtbot.addWidget(dialog)
    assert dialog.choice.list.currentItem().text().startswith("Tylenol with Codeine #3 (")
    assert dialog.recognition.text().startswith("Recognised as")


@pytest.mark.parametrize(("name", "message"), [("12345", "not only digits"), ("x" * 10_000, "at most 200")])
def test_bad_names_are_refused_in_the_dialog(dialog, ctx, name, message):
    dialog.name_edit.setText(name)
    dialog.accept()
    assert dialog.isVisible() and message in dialog.message.text()
    assert ctx.companion.meds.count() == 0


def test_suggestions_are_offered_with_ingredients_and_never_applied(dialog):
    dialog.name_edit.setText("Panadol Extar")
    assert "“Panadol Extra (Acetaminophen + Caffeine)”" in dialog.recognition.text()
    assert dialog.name_edit.text() == "Panadol Extar"
    assert dialog.suggestion_button.text().startswith("&Use “Panadol")


def test_the_list_marks_ingredients_given_by_you(qtbot, ctx):
    meds = ctx.companion.meds
    meds.add(MedicationDraft("Dolo-Mix", pack_ingredients=(PackIngredient("ibuprofen"),)))
    meds.add(MedicationDraft("Tylenol 3"))
    given, ambiguous = sorted(meds.list_medications(), key=lambda m: m.name)
    assert cell_text(given, Column.RECOGNISED) == "Ibuprofen (ingredients given by you)"
    assert "ingredients given by you" in row_description(given, None)
    assert cell_text(ambiguous, Column.RECOGNISED).startswith("which product? Tylenol with Codeine #3 (")
    assert cell_text(ambiguous, Column.WARNING).endswith("which product?")
    page = MedicinesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    texts = [page.model.index(r, Column.RECOGNISED).data() for r in range(page.model.rowCount())]
    assert "Ibuprofen (ingredients given by you)" in texts


def test_check_before_i_buy_asks_which_product_and_checks_the_pick(qtbot, ctx):
    ctx.companion.meds.add(MedicationDraft("Xanax"))
    page = MedicinesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 850)
    page.show()
    qtbot.waitExposed(page)
    box = page.view.buy_box
    box.edit.setText("Solpadeine")
    page.check_before_buying()
    assert box.choice.isVisibleTo(box)
    assert box.choice.names() == ["Solpadeine Headache", "Solpadeine Max", "Solpadeine Plus"]
    box.choice.list.setFocus()
    box.choice.list.setCurrentRow(0)
    QTest.keyClick(box.choice.list, Qt.Key.Key_Return)
    assert box.picked == "Solpadeine Headache"
    resolution = box.result.items[-1]
    assert resolution.recognized and "codeine" not in resolution.ingredients
    box.choice.list.setCurrentRow(1)
    QTest.keyClick(box.choice.list, Qt.Key.Key_Space)
    assert box.result.items[-1].product == "Solpadeine Max"
    assert any("Solpadeine" in w.items and "Xanax" in w.items for w in box.result.warnings)
