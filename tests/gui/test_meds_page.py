"""Medicines page: add by keyboard, warnings with advice and sources, unknown names, "check before I buy",
stop, took-it-now with undo, keyboard and accessible names; the Today page's "Took my medicine"."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)

from paincompanion.domain.medications import MedicationDraft
from paincompanion.gui.dialogs.dose_pain_dialog import DosePainDialog
from paincompanion.gui.dialogs.medication_dialog import MedicationDialog
from paincompanion.gui.models.meds_list import Column
from paincompanion.gui.pages.meds_page import MedicinesPage
from paincompanion.gui.pages.today_page import TodayPage

#: Never claimed: "safe", "no interactions" (the honest "no interaction information" is fine).
FORBIDDEN = re.compile(r"\bsafe\b|\bno interactions\b|\bno interaction\b(?! information)", re.IGNORECASE)


@pytest.fixture
def page(qtbot, ctx):
    widget = MedicinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 850)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(ctx, *names: str, **fields) -> None:
    for name in names:
        ctx.companion.meds.add(MedicationDraft(name, **fields))


def select(page: MedicinesPage, name: str) -> None:
    row = next(r for r in range(page.model.rowCount()) if page.model.medication(r).name == name)
    page.table.selectRow(row)


def all_text(page: QWidget) -> str:
    """Every string the page shows or gives to screen readers: labels, buttons, table cells and tooltips."""
    parts: list[str] = []
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        parts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
    model = page.model
    for row in range(model.rowCount()):
        for column in Column:
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                parts.append(str(model.data(model.index(row, column), role) or ""))
    for i in range(page.view.doses_list.count()):
        parts.append(page.view.doses_list.item(i).text())
    return "\n".join(p for p in parts if p)


def run_dialog(qtbot, page: MedicinesPage, interact) -> None:
    """Press Add… and drive the modal dialog with `interact(dialog)` once it is up."""
    done = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MedicationDialog):
            QTimer.singleShot(20, drive)
            return
        try:
            interact(dialog)
            done.append(True)
        finally:
            if dialog.isVisible():  # a failed step must not leave the modal dialog hanging
                dialog.reject()

    QTimer.singleShot(0, drive)
    page.view.add_button.click()
    assert done


# --- adding ------------------------------------------------------------------------------------


def test_add_through_the_dialog_by_keyboard_with_completion(qtbot, page, ctx):
    chosen: list[str] = []

    def interact(dialog: MedicationDialog) -> None:
        qtbot.waitUntil(dialog.name_edit.hasFocus)
        QTest.keyClicks(dialog.name_edit, "oxycod")
        popup = dialog.completer.popup()
        qtbot.waitUntil(popup.isVisible)
        QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)  # picks the completion, does not save yet
        assert dialog.isVisible()
        chosen.append(dialog.name_edit.text())
        assert dialog.recognition.text().lower().startswith("recognised as: oxycodone")
        QTest.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # the second Enter saves

    run_dialog(qtbot, page, interact)
    [med] = ctx.companion.meds.list_medications()
    assert chosen and med.name == chosen[0] and med.name.lower().startswith("oxycod")
    assert med.recognized and "oxycodone" in med.ingredients
    assert page.model.rowCount() == 1
    assert "added" in page.view.message.text()
    ctx.undo_stack.undo()
    assert ctx.companion.meds.list_medications() == []
    assert page.model.rowCount() == 0


def test_dialog_says_live_what_a_name_is_recognised_as(qtbot, ctx):
    dialog = MedicationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Percocet 5/325")
    assert dialog.recognition.text().lower() == "recognised as: oxycodone + acetaminophen (percocet)"
    dialog.name_edit.setText("oxycodon zzz")
    text = dialog.recognition.text()
    assert text.startswith("Not recognised — no interaction information.")
    assert FORBIDDEN.search(text) is None
    dialog.name_edit.setText("Tylenoll")
    assert "Did you mean" in dialog.recognition.text()
    assert dialog.suggestion_button.isVisibleTo(dialog)
    dialog.suggestion_button.click()
    assert dialog.recognition.text().startswith("Recognised as")


def test_product_and_strain_fields_show_for_supplements_only(qtbot, ctx):
    dialog = MedicationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("ibuprofen")
    assert not dialog.form.isRowVisible(dialog.strain_edit)
    dialog.name_edit.setText("kratom")
    assert dialog.form.isRowVisible(dialog.strain_edit) and dialog.form.isRowVisible(dialog.product_edit)
    dialog.name_edit.setText("ibuprofen")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("supplement"))
    assert dialog.form.isRowVisible(dialog.product_edit)


def test_invalid_dialog_input_keeps_the_dialog_open_with_a_message(qtbot, ctx):
    dialog = MedicationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()  # no name
    assert dialog.isVisible()
    assert "needs a name" in dialog.message.text()


# --- warnings ----------------------------------------------------------------------------------


def test_major_warning_for_oxycodone_and_alprazolam_with_advice_and_source(qtbot, page, ctx):
    add(ctx, "oxycodone", "alprazolam")  # the page reloads on the change notification
    panel = page.view.warnings
    majors = [row for row in panel.rows if row.warning.severity.value == "major"]
    assert majors, panel.all_text()
    row = next(r for r in majors if set(r.warning.items) == {"alprazolam", "oxycodone"})
    assert "Major" in row.header.text() and "alprazolam, oxycodone" in row.header.text()
    assert not row.details.isVisibleTo(row)
    row.toggle.setFocus()
    QTest.keyClick(row.toggle, Qt.Key.Key_Space)  # expand by keyboard
    assert row.details.isVisibleTo(row)
    details = row.details.text()
    assert "What to ask your pharmacist or doctor:" in details
    assert row.warning.advice[:40] in details
    assert row.warning.sources and row.warning.sources[0].title[:30] in details
    assert panel.source_line.text().startswith("From the bundled dataset (version ")
    assert "does not replace a pharmacist or doctor" in panel.source_line.text()
    assert panel.rows[0].warning.severity.rank >= panel.rows[-1].warning.severity.rank  # most serious first
    marks = {page.model.medication(r).name: page.model.data(page.model.index(r, Column.WARNING)) for r in range(2)}
    assert marks == {"alprazolam": "▲ Major", "oxycodone": "▲ Major"}


def test_unknown_name_says_not_recognised_and_never_safe(qtbot, page, ctx):
    add(ctx, "Zyntrafol", "fish oil")
    text = all_text(page)
    assert "not recognised — no interaction information" in text
    assert "Not recognised — no interaction information: “Zyntrafol”" in page.view.warnings.unrecognised.text()
    assert page.view.warnings.summary.text() == "The dataset has no warning for these items."
    assert FORBIDDEN.search(text) is None, FORBIDDEN.search(text)


def test_empty_list_invites_to_add_and_claims_nothing(page):
    assert page.view.empty_label.isVisible()
    assert "Add" in page.view.empty_label.text()
    assert FORBIDDEN.search(all_text(page)) is None


# --- check before I buy ------------------------------------------------------------------------


def test_check_before_buying_shows_added_warnings_and_saves_nothing(qtbot, page, ctx):
    add(ctx, "sertraline", times_per_day=1)
    before = ctx.companion.meds.list_medications()
    box = page.view.buy_box
    page.view.tabs.setCurrentWidget(page.view.buy_tab)  # "Check before I buy" has a tab of its own
    QTest.keyClicks(box.edit, "ibuprofen")
    QTest.keyClick(box.edit, Qt.Key.Key_Return)
    assert ctx.companion.meds.list_medications() == before
    assert page.model.rowCount() == 1
    assert [set(r.warning.items) for r in box.panel.rows] == [{"ibuprofen", "sertraline"}]
    assert "It would add 1 warning" in box.panel.summary.text()
    assert box.add_button.isVisible() and "ibuprofen" in box.add_button.text()


def test_check_before_buying_an_unknown_product(qtbot, page, ctx):
    add(ctx, "sertraline")
    box = page.view.buy_box
    box.edit.setText("Zyntrafol Plus")
    box.check_button.click()
    assert box.panel.rows == []
    assert "not recognised — no interaction information" in box.panel.unrecognised.text().lower()
    assert FORBIDDEN.search(box.panel.all_text()) is None
    assert [m.name for m in ctx.companion.meds.list_medications()] == ["sertraline"]


# --- stop, doses, undo -------------------------------------------------------------------------


def test_stop_keeps_the_item_listed_as_stopped_and_undo_brings_it_back(qtbot, page, ctx):
    add(ctx, "oxycodone", "alprazolam")
    select(page, "alprazolam")
    page.view.stop_button.click()
    assert page.model.rowCount() == 2
    last = page.model.rowCount() - 1
    assert page.model.medication(last).name == "alprazolam"
    assert page.model.data(page.model.index(last, Column.DATES)).startswith("stopped")
    assert all("alprazolam" not in row.warning.items for row in page.view.warnings.rows)
    assert page.view.stop_button.text().replace("&", "") == "Restart"
    ctx.undo_stack.undo()
    assert all(m.active for m in ctx.companion.meds.list_medications())
    assert any("alprazolam" in row.warning.items for row in page.view.warnings.rows)


def test_took_it_now_logs_a_dose_and_undo_removes_it(qtbot, page, ctx, monkeypatch):
    add(ctx, "ibuprofen", strength=400, as_needed=True)
    select(page, "ibuprofen")
    assert page.view.took_button.isEnabled()
    monkeypatch.setattr(DosePainDialog, "exec", lambda dialog: DosePainDialog.DialogCode.Accepted)  # no rating
    page.view.took_button.click()
    [dose] = ctx.companion.meds.doses()
    assert dose.medication_name == "ibuprofen"
    assert "ibuprofen" in page.view.doses_list.item(0).text()
    assert "Dose of ibuprofen logged" in page.view.message.text()
    assert "ibuprofen" in page.view.as_needed_label.text()
    ctx.undo_stack.undo()
    assert ctx.companion.meds.doses() == []
    assert page.view.doses_list.item(0).text() == "No doses logged in the last 14 days."


def test_delete_with_undo(qtbot, page, ctx):
    add(ctx, "ibuprofen")
    select(page, "ibuprofen")
    page.view.delete_button.click()
    assert ctx.companion.meds.list_medications() == []
    ctx.undo_stack.undo()
    assert [m.name for m in ctx.companion.meds.list_medications()] == ["ibuprofen"]


# --- information pages -------------------------------------------------------------------------


def test_kratom_and_about_pages_are_read_only_text(qtbot, page, ctx):
    page.view.kratom_button.click()
    kratom = page.info_dialog
    qtbot.addWidget(kratom)
    assert kratom.browser.isReadOnly() and "Mitragyna speciosa" in kratom.browser.toPlainText()
    kratom.close()
    page.view.about_button.click()
    about = page.info_dialog
    qtbot.addWidget(about)
    text = about.browser.toPlainText()
    assert f"Version {ctx.companion.meds.dataset.version}" in text
    assert "does not replace" in text
    assert "build_dataset.py" not in text.split("How it was built")[0]


# --- keyboard and names ------------------------------------------------------------------------


def test_tab_leaves_every_table_and_list(qtbot, page, ctx):
    add(ctx, "oxycodone", "alprazolam")
    page.view.buy_box.edit.setText("ibuprofen")
    page.check_before_buying()
    tabs = page.view.tabs
    seen = []
    for index in range(tabs.count()):  # one part of the page at a time
        tabs.setCurrentIndex(index)
        views = [
            w
            for w in page.findChildren(QAbstractItemView)
            if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
        seen += views
        for view in views:
            assert not view.tabKeyNavigation()
            view.setFocus()
            qtbot.waitUntil(view.hasFocus)
            QTest.keyClick(view, Qt.Key.Key_Tab)
            assert not view.hasFocus(), view.objectName()
    assert page.table in seen and page.view.doses_list in seen


def _is_internal(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        compound = isinstance(parent, QComboBox | QAbstractSpinBox | QAbstractScrollArea)
        if compound and parent.focusPolicy() != Qt.FocusPolicy.NoFocus:
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if (
            isinstance(widget, QLabel)  # text, not a control (selectable labels take click focus)
            or not widget.isVisibleTo(root)
            or widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or _is_internal(widget, root)
        ):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not (name or widget.accessibleName()):
            found.append(f"{type(widget).__name__}:{widget.objectName()}")
    return found


def test_every_control_on_the_page_has_an_accessible_name(qtbot, page, ctx):
    add(ctx, "oxycodone", "alprazolam", "Zyntrafol")
    page.view.buy_box.edit.setText("ibuprofen")
    page.check_before_buying()
    page.view.warnings.set_all_expanded(True)
    tabs = page.view.tabs
    for index in range(tabs.count()):  # every part of the page, each on its tab
        tabs.setCurrentIndex(index)
        assert tabs.widget(index).accessibleName()
        assert unnamed_controls(page) == [], tabs.tabText(index)
    assert page.table.accessibleName() == "Your medicines and supplements"


def test_every_control_in_the_dialog_has_an_accessible_name(qtbot, ctx):
    dialog = MedicationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("kratom")
    assert unnamed_controls(dialog) == []


# --- Today page: "Took my medicine" ------------------------------------------------------------


def test_today_took_my_medicine_logs_a_dose_and_undo_takes_it_back(qtbot, ctx):
    add(ctx, "ibuprofen", strength=400)
    add(ctx, "tramadol", stop=ctx.companion.clock.now().date())  # stopped today: not offered
    today = TodayPage(ctx)
    qtbot.addWidget(today)
    today.fill_took_menu()
    actions = [a for a in today.took_menu.actions() if a.isEnabled()]
    assert [a.text() for a in actions] == ["ibuprofen 400 mg"]
    actions[0].trigger()
    [dose] = ctx.companion.meds.doses()
    assert dose.medication_name == "ibuprofen"
    assert today.message.text().startswith("Dose of ibuprofen logged — ")
    assert "takes it back" in today.message.text()
    ctx.undo_stack.undo()
    assert ctx.companion.meds.doses() == []


def test_today_took_my_medicine_with_an_empty_list(qtbot, ctx):
    today = TodayPage(ctx)
    qtbot.addWidget(today)
    today.fill_took_menu()
    [only] = today.took_menu.actions()
    assert not only.isEnabled() and "Medicines page" in only.text()


def test_tab_leaves_the_date_fields_of_the_dialog_at_once(qtbot, ctx):
    dialog = MedicationDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start_date.check.setChecked(True)
    dialog.start_date.edit.setFocus()
    qtbot.waitUntil(dialog.start_date.edit.hasFocus)
    QTest.keyClick(dialog.start_date.edit, Qt.Key.Key_Tab)  # not to the month part: to the next control
    assert dialog.stop_date.check.hasFocus()


def test_liver_disease_answer_lowers_the_acetaminophen_limit(page, ctx, qtbot):
    add(ctx, "Tylenol", strength=500, times_per_day=6)  # 3 000 mg a day
    page.reload()
    amounts = page.view.amounts_label
    assert "4,000 mg" in amounts.text()
    assert not any(w.kind == "daily-limit" for w in page._check(ctx.companion.meds.list_medications()))
    liver = page.view.liver_check
    liver.setFocus()
    QTest.keyClick(liver, Qt.Key.Key_Space)  # keyboard only
    assert ctx.companion.meds.apap_profile()["liver_disease"] is True
    assert "2,000 mg" in amounts.text()
    assert any(w.kind == "daily-limit" for w in page._check(ctx.companion.meds.list_medications()))
    # A fresh page shows the saved answer.
    again = MedicinesPage(ctx)
    qtbot.addWidget(again)
    again.reload()
    assert again.view.liver_check.isChecked() and not again.view.alcohol_check.isChecked()
    QTest.keyClick(liver, Qt.Key.Key_Space)
    assert "4,000 mg" in amounts.text()
    assert liver.accessibleDescription() and page.view.alcohol_check.text()


def test_mme_lines_schedule_and_what_was_taken(qtbot, page, ctx):
    from datetime import timedelta

    from paincompanion.domain.changes import Changes

    tramadol = ctx.companion.meds.add(MedicationDraft("tramadol", strength=50, as_needed=True, times_per_day=4))
    now = ctx.companion.clock.now()
    ctx.companion.meds.take(tramadol.id, now - timedelta(days=3), "1 tablet")
    ctx.companion.meds.take(tramadol.id, now - timedelta(days=40), "2 tablets")  # outside the last 30 days
    ctx.companion.meds.take(tramadol.id, now - timedelta(hours=2), "2")
    ctx.bus.operation_did_execute.emit(Changes(medications=True))
    qtbot.waitUntil(lambda: "What you took" in page.view.amounts_label.text(), timeout=5_000)
    lines = page.view.amounts_label.text().splitlines()
    assert "Opioids from the schedule: about 40 MME a day (CDC 2022)." in lines
    # 3 tablets × 50 mg × 0.2 = 30 MME over 30 days
    assert "What you took (average a day, last 30 days): 1.0 MME." in lines
