"""Settings ▸ Privacy and encryption, against the real encryption core: on (recovery key shown once), change, off."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import WrongPassphrase
from paincompanion.gui.dialogs.passphrase_dialog import NOT_THE_SAME, WRONG_CURRENT, PassphraseDialog
from paincompanion.gui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from paincompanion.gui.settings_sections import privacy
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.storage.cipher_probe import is_encrypted

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse battery"
RECOVERY_KEY = re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4}){7}$")


@pytest.fixture(autouse=True)
def fast_key_derivation(monkeypatch) -> None:
    """Few PBKDF2 rounds: the tests are about the screens, not the key derivation's cost."""
    from paincompanion.storage import cipher_keys

    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


@pytest.fixture
def section(qtbot, ctx) -> privacy.Section:
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=5, note="Back pain after gardening"))
    widget = privacy.Section(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def fill(dialog: PassphraseDialog, *, current: str = "", new: str = "", repeat: str | None = None) -> None:
    if dialog.current_field is not None:
        dialog.current_field.setText(current)
    if dialog.new_field is not None and dialog.repeat_field is not None:
        dialog.new_field.setText(new)
        dialog.repeat_field.setText(new if repeat is None else repeat)


def run_step(qtbot, section: privacy.Section, **fields: str) -> None:
    dialog = section.dialog
    assert isinstance(dialog, PassphraseDialog)
    fill(dialog, **fields)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working, timeout=60000)


def notes(paths: AppPaths, passphrase: str | None) -> list[str]:
    companion = Companion.open(paths, passphrase=passphrase)
    try:
        return [entry.note for entry in companion.diary.list_entries()]
    finally:
        companion.close()


def turn_on(qtbot, section: privacy.Section) -> RecoveryKeyDialog:
    qtbot.mouseClick(section.turn_on_button, Qt.MouseButton.LeftButton)
    run_step(qtbot, section, new=PASSPHRASE)
    shown = section.dialog
    assert isinstance(shown, RecoveryKeyDialog)
    return shown


def close_recovery_key(qtbot, dialog: RecoveryKeyDialog) -> None:
    assert not dialog.close_button.isEnabled()
    dialog.reject()  # Escape: not yet, the key would be lost
    assert dialog.isVisible()
    assert "not shown again" in dialog.problem.text()
    box = dialog.confirm_box
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().topLeft() + QPoint(8, box.height() // 2))
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_off_by_default_with_plain_words(section):
    assert section.status.text() == privacy.STATUS_OFF
    assert section.turn_on_button.isVisibleTo(section)
    assert not section.change_button.isVisibleTo(section)
    assert not section.turn_off_button.isVisibleTo(section)
    texts = " ".join(label.text() for label in section.findChildren(QLabel))
    assert "copies" in texts and "stolen" in texts and "including us" in texts


def test_turning_on_shows_the_recovery_key_once_and_encrypts_the_file(qtbot, section, ctx, app_paths):
    dialog = turn_on(qtbot, section)
    key = dialog.key_label.text()
    assert RECOVERY_KEY.match(key)
    assert is_encrypted(app_paths)
    assert not app_paths.database.read_bytes().startswith(b"SQLite format 3\0")
    assert ctx.companion.encryption.enabled
    assert [entry.note for entry in ctx.companion.diary.list_entries()] == ["Back pain after gardening"]  # still works
    assert section.status.text() == privacy.STATUS_ON
    assert section.change_button.isVisibleTo(section) and section.turn_off_button.isVisibleTo(section)
    close_recovery_key(qtbot, dialog)
    # Shown once: once closed, the key is nowhere on the screen, and a fresh section does not show it either.
    qtbot.waitUntil(lambda: not section.findChildren(RecoveryKeyDialog))
    fresh = privacy.Section(ctx)
    qtbot.addWidget(fresh)
    for widget in (section, fresh):
        assert all(key not in label.text() for label in widget.findChildren(QLabel))
    # The recovery key opens the diary (a forgotten passphrase can be replaced with it).
    from paincompanion.services.encryption import reset_passphrase

    ctx.companion.close()
    reset_passphrase(app_paths, key, "another long passphrase")
    assert notes(app_paths, "another long passphrase") == ["Back pain after gardening"]


def test_turning_on_refuses_passphrases_that_differ_and_changes_nothing(qtbot, section, app_paths):
    qtbot.mouseClick(section.turn_on_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert isinstance(dialog, PassphraseDialog)
    fill(dialog, new=PASSPHRASE, repeat=PASSPHRASE + "!")
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert not dialog.working
    assert dialog.problem.text() == NOT_THE_SAME
    fill(dialog, new="short")
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() and dialog.problem.text() != NOT_THE_SAME
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert section.dialog is None
    assert not is_encrypted(app_paths)
    assert app_paths.database.read_bytes().startswith(b"SQLite format 3\0")


def test_older_unencrypted_backups_can_be_deleted_after_turning_on(qtbot, section, ctx):
    ctx.companion.backups.create("pre-import")  # kept by rotation
    dialog = turn_on(qtbot, section)
    assert len(ctx.companion.encryption.plain_backups()) == 1
    close_recovery_key(qtbot, dialog)
    question = section.dialog
    assert isinstance(question, QMessageBox)
    assert "not encrypted" in question.text()
    delete = question.findChild(type(section.turn_on_button), "deletePlainBackupsYes")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert ctx.companion.encryption.plain_backups() == []
    assert "Deleted 1 unencrypted backup" in section.done_label.text()
    assert not section.delete_backups_button.isVisibleTo(section)


def test_keeping_the_older_backups_leaves_a_way_to_delete_them_later(qtbot, section, ctx):
    ctx.companion.backups.create("pre-import")  # kept by rotation
    close_recovery_key(qtbot, turn_on(qtbot, section))
    question = section.dialog
    assert isinstance(question, QMessageBox)
    keep = question.findChild(type(section.turn_on_button), "deletePlainBackupsNo")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert len(ctx.companion.encryption.plain_backups()) == 1
    assert section.delete_backups_button.isVisibleTo(section)
    assert "not encrypted" in section.plain_backups_label.text()


def test_change_passphrase_needs_the_current_one(qtbot, section, ctx, app_paths):
    close_recovery_key(qtbot, turn_on(qtbot, section))
    qtbot.mouseClick(section.change_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    run_step(qtbot, section, current="not the passphrase", new="a different long one")
    assert dialog.isVisible()
    assert dialog.problem.text() == WRONG_CURRENT
    assert ctx.companion.encryption.check_passphrase(PASSPHRASE)
    run_step(qtbot, section, current=PASSPHRASE, new="a different long one")
    assert section.dialog is None
    assert "changed" in section.done_label.text()
    ctx.companion.close()
    assert notes(app_paths, "a different long one") == ["Back pain after gardening"]
    with pytest.raises(WrongPassphrase):
        notes(app_paths, PASSPHRASE)


def test_turning_off_needs_the_passphrase_and_leaves_a_plain_file(qtbot, section, ctx, app_paths):
    close_recovery_key(qtbot, turn_on(qtbot, section))
    qtbot.mouseClick(section.turn_off_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.new_field is None
    run_step(qtbot, section, current="not the passphrase")
    assert dialog.problem.text() == WRONG_CURRENT
    assert is_encrypted(app_paths)
    run_step(qtbot, section, current=PASSPHRASE)
    assert section.dialog is None
    assert not is_encrypted(app_paths)
    assert app_paths.database.read_bytes().startswith(b"SQLite format 3\0")
    assert not ctx.companion.encryption.enabled
    assert section.status.text() == privacy.STATUS_OFF
    assert [entry.note for entry in ctx.companion.diary.list_entries()] == ["Back pain after gardening"]
    ctx.companion.close()
    assert notes(app_paths, None) == ["Back pain after gardening"]


def test_the_recovery_key_can_be_saved_printed_and_copied(qtbot, tmp_path):
    from datetime import date

    from PySide6.QtGui import QGuiApplication

    key = "K7QD-M2XA-9PLR-4TBN-Q8ZC-W3HE-6YUF-J5VS"
    dialog = RecoveryKeyDialog(key, today=date(2026, 3, 10))
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "key.txt"
    dialog.choose_save_path = lambda: target
    printed: list[str] = []
    dialog.print_page = lambda page: printed.append(page) or True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert key in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o077 == 0  # only this user can read it
    assert str(target) in dialog.result_label.text()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1 and key in printed[0] and "10 March 2026" in printed[0]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == key
    dialog.choose_save_path = lambda: tmp_path / "no such folder" / "key.txt"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "could not be saved" in dialog.problem.text()


def test_the_open_window_keeps_working_while_and_after_encryption_is_turned_on(qtbot, ctx, tmp_path):
    from paincompanion.gui.main_window import MainWindow
    from paincompanion.gui.settings import UiSettings

    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=6, note="Hip this morning"))
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    window.interactive = False
    qtbot.addWidget(window)
    window.show()
    section = privacy.Section(ctx, window)
    close_recovery_key(qtbot, turn_on(qtbot, section))  # the core announces the change from the worker thread
    texts = [window.today_page.entries.item(i).text() for i in range(window.today_page.entries.count())]
    assert any("Hip this morning" in text for text in texts)
    ctx.companion.diary.add(EntryDraft(at=ctx.companion.clock.now(), pain=3, note="Better after the walk"))
    assert sorted(entry.note for entry in ctx.companion.diary.list_entries()) == [
        "Better after the walk",
        "Hip this morning",
    ]
