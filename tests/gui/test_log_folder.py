"""Help ▸ Show log folder, and errors on the GUI's worker threads reaching the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl

from paincompanion import logsetup
from paincompanion.gui.background import BackgroundCall
from paincompanion.gui.main_window import MainWindow
from paincompanion.gui.settings import UiSettings


@pytest.fixture
def opened(monkeypatch):
    urls: list[QUrl] = []

    def fake_open(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr("paincompanion.gui.main_window.QDesktopServices.openUrl", fake_open)
    return urls


def _help_actions(window: MainWindow) -> dict[str, object]:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    return {a.text(): a for a in menus["&Help"].actions()}


def test_help_menu_opens_the_log_folder_in_the_file_manager(qtbot, ctx, tmp_path, log_dir, opened):
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    action = _help_actions(window)["Show &log folder"]
    assert action is window.log_folder_action
    action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [log_dir]
    assert log_dir.is_dir()  # made before it is shown, even when nothing was logged yet


def test_without_a_log_set_up_it_shows_the_diarys_log_folder(qtbot, ctx, tmp_path, opened):
    logsetup.shut_down()
    window = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(window)
    window.log_folder_action.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == [ctx.companion.paths.logs]


def test_a_failing_background_task_is_logged_without_its_message(qtbot, log_dir):
    owner = QObject()
    call = BackgroundCall(owner)
    errors: list[BaseException] = []

    def work():
        raise LookupError("private words from a note")

    call.start(work, lambda result: None, errors.append)
    call.wait()
    qtbot.waitUntil(lambda: bool(errors))
    logsetup.flush()
    text = (log_dir / logsetup.LOG_FILENAME).read_text()
    assert "A background task failed" in text and "builtins.LookupError" in text and "in work" in text
    assert "private" not in text
