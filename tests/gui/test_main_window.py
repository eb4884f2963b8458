"""Main window (pages, shortcuts, undo, status), one instance per data folder, and the `main()` entry point."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.errors import BackupError
from paincompanion.gui.main_window import MainWindow
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.gui.settings import UiSettings
from paincompanion.gui.single_instance import SingleInstance
from paincompanion.paths import DB_FILENAME


@pytest.fixture
def window(qtbot, ctx, tmp_path):
    win = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def test_builds_on_today_with_other_pages_not_loaded_yet(window):
    assert window.windowTitle() == "Pain Companion"
    assert isinstance(window.stack.currentWidget(), TodayPage)
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Today",
        "Diary",
        "Medicines",
        "Routines",
        "Insights",
        "Summary",
    ]
    assert window._loaded == {"today"}  # Diary and Insights are built on first show (fast start-up)
    assert window.today_page.form.pain.isAncestorOf(QApplication.focusWidget())


def test_ctrl_digits_switch_pages(window):
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "diary"
    assert type(window.stack.currentWidget()).__name__ == "DiaryPage"
    assert window.nav.currentRow() == 1
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "meds"
    assert type(window.stack.currentWidget()).__name__ == "MedicinesPage"
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "routines"
    assert type(window.stack.currentWidget()).__name__ == "RoutinesPage"
    QTest.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "insights"
    assert type(window.stack.currentWidget()).__name__ == "InsightsPage"
    QTest.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "today"
    assert window.today_page.form.pain.isAncestorOf(QApplication.focusWidget())


def test_page_list_switches_pages(window):
    window.nav.setCurrentRow(1)
    assert window.current_page_key() == "diary"


def test_undo_and_redo_an_add_through_the_edit_menu(window, ctx):
    QTest.keyClicks(QApplication.focusWidget(), "8")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    [entry] = ctx.companion.diary.today()
    assert window.saved_label.text().startswith("Saved")
    assert window.undo_action.isEnabled() and window.undo_action.text().replace("&", "") == "Undo Add entry"

    window.undo_action.trigger()
    assert ctx.companion.diary.count() == 0
    assert window.today_page.entries.item(0).text() == "Nothing yet today."
    window.redo_action.trigger()
    assert ctx.companion.diary.get(entry.id).pain == 8  # the very same entry is back


def test_undo_shortcut_is_the_standard_one(window):
    from PySide6.QtGui import QKeySequence

    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)


def test_failed_automatic_backup_shows_in_the_status_bar(window, ctx, monkeypatch):
    def broken():
        raise BackupError("The backup folder is full.")

    monkeypatch.setattr(ctx.companion.backups, "maybe_backup", broken)
    window.auto_backup()  # must not raise
    assert "automatic backup failed" in window.statusBar().currentMessage()
    assert "folder is full" in window.statusBar().currentMessage()
    monkeypatch.undo()  # before the window closes: closing backs up again (and would ask about a failure)


def test_geometry_is_remembered(qtbot, ctx, tmp_path):
    settings = UiSettings(tmp_path / "ui.ini")
    first = MainWindow(ctx, settings)
    qtbot.addWidget(first)
    first.resize(700, 500)
    first.show()
    first.close()
    second = MainWindow(ctx, UiSettings(tmp_path / "ui.ini"))
    qtbot.addWidget(second)
    assert second.size().toTuple() == (700, 500)
    text = (tmp_path / "ui.ini").read_text(errors="replace")
    assert "geometry" in text


# --- one instance per data folder -------------------------------------------------------------------


def test_second_lock_in_the_same_folder_is_refused(qtbot, tmp_path):
    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.holder_pid is None
        assert first.acquire()
        assert not second.acquire()
        assert second.holder_pid == first.holder_pid == os.getpid()  # read from the lock file (was a crash)
        assert SingleInstance(tmp_path / "other").data_dir != tmp_path
        with qtbot.waitSignal(first.activation_requested, timeout=5000):
            assert second.activate_running()
    finally:
        first.release()
    assert second.acquire()  # free again once the first let go
    second.release()


# --- main(): run in a subprocess, as a user would start it ----------------------------------------


def run_main(data_dir: Path, *, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(
        f"""
        import sys
        from paincompanion.gui.app import main
        rc = main({str(data_dir)!r}, quit_after_startup=True)
        print("heavy:", sorted(m for m in ("matplotlib", "numpy", "alembic") if m in sys.modules))
        sys.exit(rc)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PAINCOMPANION_NO_BLOCKING_DIALOGS": "1"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def test_main_quits_after_startup_with_exit_0(tmp_path):
    data = tmp_path / "data"
    first = run_main(data)  # creates the diary
    assert first.returncode == 0, first.stderr
    second = run_main(data)  # a normal start of an existing diary
    assert second.returncode == 0, second.stderr
    assert "heavy: []" in second.stdout  # nothing heavy imported before the window is up
    assert (data / DB_FILENAME).exists()
    assert not (data / "gui.lock").exists()  # the lock is released on the way out


def test_main_refuses_a_foreign_file_and_leaves_it_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    foreign = data / DB_FILENAME
    content = b"This is somebody's shopping list, not a diary.\n" * 50
    foreign.write_bytes(content)
    stat_before = foreign.stat()
    result = run_main(data)
    assert result.returncode == 1
    assert "not a Pain Companion database" in result.stderr
    assert foreign.read_bytes() == content
    assert foreign.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert sorted(p.name for p in data.iterdir() if p.name.startswith(DB_FILENAME)) == [DB_FILENAME]


def test_second_launch_wakes_the_first_and_exits_0(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    running = SingleInstance(data)  # this test process plays the first instance
    assert running.acquire()
    try:
        with qtbot.waitSignal(running.activation_requested, timeout=30000):
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    f"from paincompanion.gui.app import main; raise SystemExit(main({str(data)!r}))",
                ],
                stderr=subprocess.PIPE,
                text=True,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PAINCOMPANION_NO_BLOCKING_DIALOGS": "1"},
            )
        _, err = proc.communicate(timeout=30)
    finally:
        running.release()
    assert proc.returncode == 0
    assert "already open" in err
    assert not (data / DB_FILENAME).exists()  # the second launch did not touch the data


def test_the_first_page_loads_without_sqlalchemy():
    """The window and the Today page paint before the diary opens (its SQLAlchemy import runs on a worker thread):
    a page or widget importing a service module at the top would put that import before the first paint."""
    code = (
        "import sys\n"
        "import paincompanion.gui.app, paincompanion.gui.main_window, paincompanion.gui.pages.today_page\n"
        "print(sorted(m for m in sys.modules if m == 'sqlalchemy' or m.startswith('paincompanion.storage.')))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
