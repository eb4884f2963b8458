"""Settings ▸ Your data: folder facts, export, import, and "Delete all my data" with its two confirmations."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from paincompanion.domain.diary import EntryDraft
from paincompanion.gui.dialogs.erase_dialogs import DeleteConfirmDialog, DeletedDialog, DeleteExplainDialog
from paincompanion.gui.dialogs.settings_dialog import SettingsDialog
from paincompanion.gui.settings_sections import your_data

pytestmark = pytest.mark.gui


@pytest.fixture
def section(qtbot, ctx, clock, tmp_path):
    ctx.companion.diary.add(EntryDraft(at=clock.now(), pain=5, note="private note"))
    ctx.companion.backups.create(reason="manual")
    widget = your_data.Section(ctx)
    qtbot.addWidget(widget)
    widget.quits = []
    widget.quit_app = lambda: widget.quits.append(True)
    widget.ask_export_path = lambda parent: tmp_path / "everything.json"
    return widget


def _entries(ctx) -> int:
    return ctx.companion.diary.count()


def test_the_section_is_in_the_settings_dialog(qtbot, ctx):
    dialog = SettingsDialog(ctx, section="your_data")
    qtbot.addWidget(dialog)
    assert dialog.sections.currentItem().text() == "Your data"
    assert isinstance(dialog.section_widget("your_data"), your_data.Section)


def test_it_says_where_the_data_is_its_size_and_the_backups(section, app_paths):
    assert section.folder_label.text() == str(app_paths.data)
    assert section.size_label.text().endswith(("KB", "MB"))
    assert section.backups_label.text().startswith("1 (in ")


def test_export_everything_writes_the_json_export(section, qtbot, tmp_path):
    qtbot.mouseClick(section.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.status.text().startswith("Exported"), timeout=10000)
    document = json.loads((tmp_path / "everything.json").read_text(encoding="utf-8"))
    assert document["format"] == "paincompanion" and document["entries"][0]["note"] == "private note"
    assert str(tmp_path / "everything.json") in section.status.text() and section.export_button.isEnabled()


def test_a_cancelled_file_choice_exports_nothing(section, qtbot, tmp_path):
    section.ask_export_path = lambda parent: None
    qtbot.mouseClick(section.export_button, Qt.MouseButton.LeftButton)
    assert not (tmp_path / "everything.json").exists() and section.status.isHidden()


def test_import_opens_the_import_dialog(section, qtbot, monkeypatch):
    from paincompanion.gui.dialogs import import_dialog

    opened = []
    monkeypatch.setattr(import_dialog.ImportDialog, "exec", lambda self: opened.append(self) or 0)
    qtbot.mouseClick(section.import_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1


def test_cancelling_the_first_question_deletes_nothing(section, qtbot, ctx, app_paths):
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    first = section.dialog
    assert isinstance(first, DeleteExplainDialog) and first.isVisible()
    assert str(app_paths.data) in first.body.text() and "no undo" in first.body.text()
    assert first.cancel_button.isDefault()
    qtbot.mouseClick(first.cancel_button, Qt.MouseButton.LeftButton)
    assert section.dialog is None and section.status.text() == "Nothing was deleted."
    assert _entries(ctx) == 1 and app_paths.database.exists() and section.quits == []


def test_cancelling_the_second_question_deletes_nothing(section, qtbot, ctx, app_paths):
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.dialog.continue_button, Qt.MouseButton.LeftButton)
    second = section.dialog
    assert isinstance(second, DeleteConfirmDialog)
    qtbot.keyClicks(second.typed, "DELETE")
    assert second.delete_button.isEnabled()
    qtbot.keyClick(second, Qt.Key.Key_Escape)
    assert section.dialog is None and section.status.text() == "Nothing was deleted."
    assert _entries(ctx) == 1 and app_paths.database.exists() and section.quits == []


def test_the_delete_button_waits_for_the_word(section, qtbot, ctx):
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.dialog.continue_button, Qt.MouseButton.LeftButton)
    second = section.dialog
    assert not second.delete_button.isEnabled()
    qtbot.keyClicks(second.typed, "DELET")
    assert not second.delete_button.isEnabled()
    qtbot.keyClick(second.typed, Qt.Key.Key_Return)  # Enter with the wrong word deletes nothing
    assert _entries(ctx) == 1 and not second.busy
    qtbot.keyClicks(second.typed, "E")
    assert second.delete_button.isEnabled()
    second.reject()


def test_both_confirmations_delete_everything_show_what_and_quit(section, qtbot, ctx, app_paths, tmp_path):
    neighbour = tmp_path / "beside.txt"
    neighbour.write_text("mine")
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(section.dialog.continue_button, Qt.MouseButton.LeftButton)
    second = section.dialog
    qtbot.keyClicks(second.typed, "DELETE")
    qtbot.mouseClick(second.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(section.dialog, DeletedDialog), timeout=20000)
    result = section.dialog
    shown = result.details.toPlainText()
    assert str(app_paths.database) in shown and "backups" in shown and shown.startswith("Deleted ")
    assert not app_paths.data.exists() and neighbour.read_text() == "mine"
    assert section.quits == []  # only once the patient closes the list
    qtbot.mouseClick(result.close_button, Qt.MouseButton.LeftButton)
    assert section.quits == [True]


def test_export_first_from_the_first_question(section, qtbot, ctx, tmp_path):
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    first = section.dialog
    qtbot.mouseClick(first.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.export_status.text().startswith("Exported"), timeout=10000)
    assert (tmp_path / "everything.json").exists() and first.isVisible() and _entries(ctx) == 1
    first.reject()


def test_the_import_preview_names_routine_items_and_settings():
    from paincompanion.gui.dialogs.import_dialog import describe
    from paincompanion.services.transfer import ImportResult

    text = describe(ImportResult(format="paincompanion-json", routines=3, settings=2, dry_run=True))
    assert text == "Ready to add 3 routine items (sessions, worksheets…) and 2 settings."


def test_the_import_dialog_refuses_a_utf16_file_with_the_advice(ctx, qtbot, tmp_path):
    from paincompanion.gui.dialogs.import_dialog import ImportDialog

    path = tmp_path / "from-excel.csv"
    path.write_bytes("date,pain,note\n2025-01-10 08:00,5,Grüße\n".encode("utf-16"))
    dialog = ImportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_file(path)
    qtbot.waitUntil(lambda: not dialog.busy and "cannot be imported" in dialog.summary_label.text(), timeout=10_000)
    text = dialog.summary_label.text()
    assert "from-excel.csv is not a UTF-8 text file" in text and "export it again as UTF-8/CSV" in text
    assert not dialog.import_button.isEnabled() and _entries(ctx) == 0
