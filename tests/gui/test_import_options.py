"""The import preview's Flaredown and Other CSV choices (gui/widgets/import_options.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from paincompanion.gui.dialogs.import_dialog import ImportDialog

FIXTURES = Path(__file__).parent.parent / "importers" / "fixtures"


def _open(ctx, qtbot, tmp_path, name: str) -> ImportDialog:
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    path = tmp_path / name
    shutil.copy(FIXTURES / name, path)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=10_000)
    return dialog


def _wait(dialog, qtbot) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_flaredown_pain_item_choice_reads_again_and_shows_the_scale(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "flaredown.csv")
    panel = dialog.options_panel
    assert dialog.detected_label.text() == "This looks like: Flaredown."
    assert not panel.pain_item_combo.isHidden() and panel.scale_combo.isHidden() and panel.person_combo.isHidden()
    assert "'Joint pain'" in dialog.mapping_text.toPlainText() and "1→3, 2→5" in dialog.mapping_text.toPlainText()
    assert dialog.summary_label.text().startswith("Ready to add 4 diary entries, 5 doses and 2 new medicines")
    panel.pain_item_combo.setCurrentIndex(panel.pain_item_combo.findData("Fibromyalgia"))
    _wait(dialog, qtbot)
    assert "'Fibromyalgia' (your choice)" in dialog.mapping_text.toPlainText()
    assert dialog.previewed.entries == 4 and panel.pain_item_combo.currentData() == "Fibromyalgia"
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert sorted(e.pain for e in ctx.companion.diary.list_entries()) == [3, 5, 8, 10]


def test_flaredown_research_file_asks_whose_check_ins(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "flaredown_research.csv")
    panel = dialog.options_panel
    assert not panel.person_combo.isHidden() and panel.person_combo.count() == 3
    assert not dialog.import_button.isEnabled()  # nothing to add until the person is chosen
    panel.person_combo.setCurrentIndex(1)
    _wait(dialog, qtbot)
    assert dialog.previewed.entries == 2 and dialog.import_button.isEnabled()


def test_other_csv_scale_and_row_filter(ctx, qtbot, tmp_path):
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    path = tmp_path / "scaled.csv"
    shutil.copy(FIXTURES / "generic_scaled.csv", path)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.set_file(path)
    _wait(dialog, qtbot)
    panel = dialog.options_panel
    assert not panel.scale_combo.isHidden() and panel.pain_item_combo.isHidden()
    dialog.column_combos["date"].setCurrentIndex(dialog.column_combos["date"].findData("when"))
    dialog.column_combos["pain"].setCurrentIndex(dialog.column_combos["pain"].findData("score"))
    _wait(dialog, qtbot)
    panel.scale_combo.setCurrentIndex(panel.scale_combo.findText("1–5"))
    _wait(dialog, qtbot)
    assert "1–5 scale" in dialog.mapping_text.toPlainText()
    panel.filter_column.setCurrentIndex(panel.filter_column.findData("kind"))
    panel.filter_value.setText("pain")
    panel.filter_value.editingFinished.emit()
    _wait(dialog, qtbot)
    assert "'kind' is 'pain'" in dialog.mapping_text.toPlainText()
    assert dialog.previewed.entries == 4
    assert any("row filter" in dialog.skipped_table.item(r, 1).text() for r in range(dialog.skipped_table.rowCount()))


def test_the_panel_is_hidden_for_formats_without_choices(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "migraine_buddy.csv")
    assert dialog.options_panel.all_hidden()
