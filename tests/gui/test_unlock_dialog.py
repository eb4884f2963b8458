"""The unlock dialog at start, against the real encryption core: wrong passphrase, right one, recovery key."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import WrongPassphrase
from paincompanion.gui import app as gui_app
from paincompanion.gui.change_bus import ChangeBus
from paincompanion.gui.context import GuiContext
from paincompanion.gui.dialogs.unlock_dialog import (
    KEY_FILE_MISSING,
    WRONG_PASSPHRASE,
    WRONG_RECOVERY_KEY,
    UnlockDialog,
    lost_key_file,
)
from paincompanion.gui.main_window import MainWindow
from paincompanion.gui.settings import UiSettings
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion

pytestmark = pytest.mark.gui

PASSPHRASE = "correct horse battery"


@pytest.fixture
def fast_key_derivation(monkeypatch) -> None:
    """Few PBKDF2 rounds: the tests are about the dialog, not the key derivation's cost."""
    from paincompanion.storage import cipher_keys

    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


@pytest.fixture
def encrypted(app_paths: AppPaths, clock, fast_key_derivation) -> str:
    """An encrypted diary with one entry; returns its recovery key."""
    companion = Companion.open(app_paths, clock)
    try:
        companion.diary.add(EntryDraft(at=clock.now(), pain=4, note="Knee after the walk"))
        recovery_key = companion.encryption.encrypt(PASSPHRASE)
    finally:
        companion.close()
    return recovery_key


@pytest.fixture
def dialog(qtbot, app_paths, encrypted) -> UnlockDialog:
    dlg = UnlockDialog(app_paths)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def notes(paths: AppPaths, passphrase: str) -> list[str]:
    companion = Companion.open(paths, passphrase=passphrase)
    try:
        return [entry.note for entry in companion.diary.list_entries()]
    finally:
        companion.close()


def type_and_press_enter(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.clear()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_wrong_passphrase_keeps_the_dialog_open_with_a_plain_message(qtbot, dialog, app_paths):
    before = app_paths.database.read_bytes()
    type_and_press_enter(qtbot, dialog.passphrase_field.edit, "not my passphrase")
    qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text() == WRONG_PASSPHRASE
    assert dialog.passphrase is None
    # Ready to try again: the field has the focus and its text is selected, so typing replaces it.
    assert dialog.passphrase_field.edit.selectedText() == "not my passphrase"
    assert dialog.focusWidget() is dialog.passphrase_field.edit
    assert app_paths.database.read_bytes() == before


def test_the_right_passphrase_unlocks_and_opens_the_diary(qtbot, dialog, app_paths):
    type_and_press_enter(qtbot, dialog.passphrase_field.edit, "a wrong one")
    qtbot.waitUntil(lambda: not dialog.working)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        type_and_press_enter(qtbot, dialog.passphrase_field.edit, PASSPHRASE)
    assert dialog.passphrase == PASSPHRASE
    assert notes(app_paths, dialog.passphrase) == ["Knee after the walk"]


def test_an_empty_passphrase_is_not_checked(qtbot, dialog):
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not dialog.working
    assert dialog.problem.text() == "Enter your passphrase first."
    assert dialog.isVisible()


def test_show_reveals_the_passphrase(qtbot, dialog):
    edit = dialog.passphrase_field.edit
    assert edit.echoMode() == edit.EchoMode.Password
    qtbot.mouseClick(dialog.passphrase_field.show_button, Qt.MouseButton.LeftButton)
    assert edit.echoMode() == edit.EchoMode.Normal
    assert dialog.passphrase_field.show_button.text() == "Hide"


def test_the_recovery_key_sets_a_new_passphrase_and_unlocks(qtbot, dialog, app_paths, encrypted):
    qtbot.mouseClick(dialog.forgot_button, Qt.MouseButton.LeftButton)
    assert dialog.on_recovery_page
    assert dialog.focusWidget() is dialog.recovery_edit
    dialog.recovery_edit.setText(encrypted.lower().replace("-", " "))  # case and separators do not matter
    dialog.new_field.setText("a brand new passphrase")
    dialog.repeat_field.setText("a brand new passphrase")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert dialog.passphrase == "a brand new passphrase"
    assert notes(app_paths, "a brand new passphrase") == ["Knee after the walk"]
    with pytest.raises(WrongPassphrase):
        notes(app_paths, PASSPHRASE)


def test_a_wrong_recovery_key_or_different_passphrases_keep_the_dialog_open(qtbot, dialog, app_paths):
    dialog.show_recovery()
    dialog.recovery_edit.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    dialog.new_field.setText("a brand new passphrase")
    dialog.repeat_field.setText("a brand new passphrase, but different")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not dialog.working  # refused before any key derivation
    assert "not the same" in dialog.recovery_problem.text()
    dialog.repeat_field.setText("a brand new passphrase")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working)
    assert dialog.isVisible() and dialog.passphrase is None
    assert dialog.recovery_problem.text() == WRONG_RECOVERY_KEY
    assert notes(app_paths, PASSPHRASE) == ["Knee after the walk"]  # the old passphrase still opens it


def test_a_too_short_new_passphrase_is_explained(qtbot, dialog, encrypted):
    dialog.show_recovery()
    dialog.recovery_edit.setText(encrypted)
    dialog.new_field.setText("short")
    dialog.repeat_field.setText("short")
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert not dialog.working
    assert dialog.recovery_problem.text()  # the core's reason, in plain words
    assert dialog.focusWidget() is dialog.new_field.edit


def test_a_missing_key_file_starts_on_the_recovery_key(qtbot, app_paths, encrypted):
    app_paths.key_file.unlink()
    dlg = UnlockDialog(app_paths)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.on_recovery_page
    assert dlg.recovery_intro.text() == KEY_FILE_MISSING
    assert not dlg.back_button.isVisibleTo(dlg)
    dlg.recovery_edit.setText(encrypted)
    dlg.new_field.setText("a brand new passphrase")
    dlg.repeat_field.setText("a brand new passphrase")
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.reset_button, Qt.MouseButton.LeftButton)
    assert notes(app_paths, "a brand new passphrase") == ["Knee after the walk"]


# --- the start-up step in gui/app.py ------------------------------------------------------------


def start_up(qtbot, paths: AppPaths, monkeypatch, answer: str | None) -> tuple[GuiContext, list[int]]:
    """Run the app's open step with the unlock dialog answered by `answer` (None = Quit)."""
    ctx = GuiContext(companion=None, bus=ChangeBus(), undo_stack=QUndoStack())  # type: ignore[arg-type]
    window = MainWindow(ctx, UiSettings(paths.data / "ui.ini"), load_today=False)
    window.interactive = False  # closing it in teardown must not wait on a message box
    qtbot.addWidget(window)
    watcher = gui_app._StartupWatcher(window, quit_after=False)
    monkeypatch.setattr(gui_app, "_ask_passphrase", lambda *_: answer)
    exits: list[int] = []
    app = QApplication.instance()
    monkeypatch.setattr(app, "exit", exits.append)
    gui_app._open_diary(app, ctx, window, watcher, paths, None, auto_close=False)
    return ctx, exits


def test_start_up_opens_an_encrypted_diary_with_the_passphrase(qtbot, app_paths, encrypted, monkeypatch):
    ctx, exits = start_up(qtbot, app_paths, monkeypatch, PASSPHRASE)
    try:
        assert exits == []
        assert [entry.note for entry in ctx.companion.diary.list_entries()] == ["Knee after the walk"]
    finally:
        ctx.companion.close()


def test_start_up_quit_leaves_the_file_untouched_and_exits_0(qtbot, app_paths, encrypted, monkeypatch):
    before = app_paths.database.read_bytes()
    ctx, exits = start_up(qtbot, app_paths, monkeypatch, None)
    assert exits == [0]
    assert ctx.companion is None
    assert app_paths.database.read_bytes() == before


def test_start_up_with_a_lost_key_file_asks_for_the_recovery_key(qtbot, app_paths, encrypted, monkeypatch):
    from paincompanion.services.encryption import reset_passphrase

    app_paths.key_file.unlink()
    assert lost_key_file(app_paths)
    ctx = GuiContext(companion=None, bus=ChangeBus(), undo_stack=QUndoStack())  # type: ignore[arg-type]
    window = MainWindow(ctx, UiSettings(app_paths.data / "ui.ini"), load_today=False)
    window.interactive = False
    qtbot.addWidget(window)

    def recover(*_: object) -> str:  # what the dialog's recovery page does
        reset_passphrase(app_paths, encrypted, "a brand new passphrase")
        return "a brand new passphrase"

    monkeypatch.setattr(gui_app, "_ask_passphrase", recover)
    app = QApplication.instance()
    gui_app._open_diary(app, ctx, window, gui_app._StartupWatcher(window, False), app_paths, None, auto_close=False)
    try:
        assert [entry.note for entry in ctx.companion.diary.list_entries()] == ["Knee after the walk"]
    finally:
        ctx.companion.close()


def test_a_foreign_file_is_not_taken_for_a_diary_with_a_lost_key_file(app_paths):
    app_paths.data.mkdir(parents=True, exist_ok=True)
    app_paths.database.write_bytes(b"This is somebody's shopping list, not a diary.\n" * 50)
    assert not lost_key_file(app_paths)


def test_the_window_shell_behind_the_dialog_is_inert_until_unlocked(qtbot, app_paths, encrypted, monkeypatch):
    ctx = GuiContext(companion=None, bus=ChangeBus(), undo_stack=QUndoStack())  # type: ignore[arg-type]
    window = MainWindow(ctx, UiSettings(app_paths.data / "ui.ini"), load_today=False)
    window.interactive = False
    qtbot.addWidget(window)
    seen = []

    def answer(dialog: UnlockDialog) -> int:
        seen.append((dialog.parent() is window, window.menuBar().isEnabled(), window.centralWidget().isEnabled()))
        dialog.passphrase = PASSPHRASE
        return UnlockDialog.DialogCode.Accepted

    monkeypatch.setattr(UnlockDialog, "exec", answer)
    assert gui_app._ask_passphrase(app_paths, window, auto_close=False) == PASSPHRASE
    assert seen == [(True, False, False)]
    assert window.menuBar().isEnabled() and window.centralWidget().isEnabled()


def test_a_start_that_closes_by_itself_cannot_unlock_and_exits_1(app_paths, encrypted):
    before = app_paths.database.read_bytes()
    code = textwrap.dedent(
        f"""
        import sys
        from paincompanion.gui.app import main
        sys.exit(main({str(app_paths.data)!r}, quit_after_startup=True))
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PAINCOMPANION_NO_BLOCKING_DIALOGS": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("Pain Companion")]
    assert len(lines) == 1 and "encrypted" in lines[0]
    assert Path(app_paths.database).read_bytes() == before
