"""File ▸ Import…: the preview (format, counts, mapping, skipped rows), then the import."""

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
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    return dialog


def test_preview_shows_format_counts_mapping_and_skipped_rows_then_imports(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "migraine_buddy.csv")
    assert dialog.detected_label.text() == "This looks like: Migraine Buddy."
    assert dialog.summary_label.text().startswith("Ready to add 2 diary entries, from 16 Nov 2024 to 03 Dec 2024.")
    assert "4 rows will be skipped" in dialog.summary_label.text()
    assert "Pain Level is our 0–10 pain" in dialog.mapping_text.toPlainText()
    assert dialog.skipped_table.rowCount() == 4
    assert dialog.skipped_table.item(1, 0).text() == "8" and "not 11" in dialog.skipped_table.item(1, 1).text()
    assert ctx.companion.diary.count() == 0
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert ctx.companion.diary.count() == 2
    assert dialog.summary_label.text().startswith("Added 2 diary entries")
    assert not dialog.import_button.isEnabled()
    dialog.set_file(dialog.path)  # the same file again: nothing new to add
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.summary_label.text().startswith("Ready to add nothing new")
    assert not dialog.import_button.isEnabled()


def test_a_file_of_the_wrong_chosen_format_says_so_and_changes_nothing(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "daylio.csv")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("medtimer"))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.summary_label.text().startswith("This file cannot be imported: This is not a MedTimer")
    assert "Nothing was changed" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled() and dialog.skipped_table.rowCount() == 0


def test_other_csv_lets_the_patient_choose_the_columns(ctx, qtbot, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("Tag,Stufe,Text\n2025-01-05 09:00,4,hi\n2025-01-06 09:00,5,\n")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.set_file(path)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert not dialog.column_combos["pain"].isHidden()
    assert "cannot be imported" in dialog.summary_label.text()  # no column is called date or pain
    dialog.column_combos["date"].setCurrentIndex(dialog.column_combos["date"].findData("Tag"))
    dialog.column_combos["pain"].setCurrentIndex(dialog.column_combos["pain"].findData("Stufe"))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=10_000)
    assert dialog.summary_label.text().startswith("Ready to add 2 diary entries")
    assert "pain ← column 'Stufe'" in dialog.mapping_text.toPlainText()


def test_the_file_menu_has_import(ctx, qtbot):
    from paincompanion.gui.main_window import MainWindow

    window = MainWindow(ctx, load_today=False)
    qtbot.addWidget(window)
    assert window.import_action.text() == "&Import…"


def test_an_undecided_date_order_is_asked_in_the_preview(ctx, qtbot, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("date,pain\n3/4/2025 09:00,4\n5/6/2025 09:00,5\n")
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None, timeout=10_000)
    assert dialog.previewed.date_order_needed and dialog.previewed.entries == 0
    assert not dialog.date_order_combo.isHidden()
    assert "--date-order" in dialog.mapping_text.toPlainText()
    dialog.date_order_combo.setCurrentIndex(dialog.date_order_combo.findData("dmy"))
    qtbot.waitUntil(lambda: not dialog.busy and dialog.previewed is not None and dialog.previewed.entries == 2,
                    timeout=10_000)  # fmt: skip
    assert not dialog.previewed.date_order_needed
    assert dialog.previewed.first.month == 4  # 3/4 read as 3 April


def test_a_daylio_preview_shows_its_moods_and_the_patients_numbers_are_imported(ctx, qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = _open(ctx, qtbot, tmp_path, "daylio_year_pl.csv")
    panel = dialog.mood_panel
    assert not panel.isHidden() and list(panel.spins) == ["dobrze", "mój własny nastrój", "tak sobie", "okropnie"]
    assert "1 not recognised" in panel.title.text()
    assert dialog.summary_label.text().startswith("Ready to add 4 mood-only records (no pain score)")
    assert "becomes a mood-only record" in dialog.mapping_text.toPlainText()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    panel.reset_button.setFocus()
    qtbot.waitUntil(panel.reset_button.hasFocus)
    chain = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    assert chain == [*panel.spins.values(), dialog.skipped_table]  # Tab goes through the moods in order
    spin = panel.spins["mój własny nastrój"]
    assert (spin.value(), spin.accessibleName()) == (5, "Number for the mood mój własny nastrój")
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # the keyboard changes the number
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    assert spin.value() == 7

    def previewed_with_seven():  # a new preview, with the patient's numbers
        moods = {m["name"]: m["value"] for m in dialog.previewed.mood_names} if dialog.previewed else {}
        return not dialog.busy and moods.get("mój własny nastrój") == 7

    qtbot.waitUntil(previewed_with_seven, timeout=10_000)
    assert panel.spins["mój własny nastrój"].value() == 7  # the same moods again: the choice stays
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert {r.mood_name: r.mood for r in ctx.companion.moods.list_records()}["mój własny nastrój"] == 7
    panel.reset()
    assert spin.value() == 5
    dialog.set_file(tmp_path / "daylio_year_pl.csv")  # another file (here the same): its own moods
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.summary_label.text().startswith("Ready to add nothing new")


def test_a_file_without_moods_hides_the_mood_list(ctx, qtbot, tmp_path):
    dialog = _open(ctx, qtbot, tmp_path, "migraine_buddy.csv")
    assert dialog.mood_panel.isHidden() and dialog.mood_panel.choices() is None
