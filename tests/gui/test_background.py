"""The GUI's one background-task helper: results on the GUI thread, errors logged and worded one way, stale
results dropped; and no other worker-thread class in gui/."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread

from paincompanion import gui, logsetup
from paincompanion.errors import ValidationError
from paincompanion.gui.background import BackgroundCall, error_text


@pytest.fixture
def owner(qapp):
    parent = QObject()
    yield parent
    for call in parent.findChildren(BackgroundCall):
        call.wait()


def test_the_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(qtbot, owner):
    call = BackgroundCall(owner)
    seen: dict[str, object] = {}

    def work() -> int:
        seen["work_thread"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["done_on_gui_thread"] = QThread.currentThread() is owner.thread()

    call.start(work, done, lambda exc: seen.setdefault("error", exc))
    assert call.running and call.busy
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42 and seen["done_on_gui_thread"] is True
    assert seen["work_thread"] != threading.get_ident()
    assert "error" not in seen and not call.running and not call.busy


def test_an_error_is_logged_without_its_message_and_shown_in_the_one_wording(qtbot, owner, log_dir):
    call = BackgroundCall(owner, "The test task failed")
    shown: list[str] = []
    call.start(lambda: 1 / 0, lambda _: shown.append("done?"), lambda exc: shown.append(error_text(exc)))
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [error_text(ZeroDivisionError("division by zero"))]
    assert shown[0].startswith("Something went wrong (ZeroDivisionError") and "log" in shown[0]
    logsetup.flush()
    text = (log_dir / logsetup.LOG_FILENAME).read_text()
    assert "ERROR" in text and "The test task failed" in text and "builtins.ZeroDivisionError" in text
    assert "division by zero" not in text  # the message could quote what the patient wrote


def test_error_text_uses_the_cores_own_words():
    assert error_text(ValidationError("The date is in the future.")) == "The date is in the future."
    denied = PermissionError(13, "Permission denied")
    assert error_text(denied) == "A file could not be read or written (Permission denied)."


def test_a_newer_call_drops_the_older_result(qtbot, owner):
    call = BackgroundCall(owner)
    release = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        release.wait(5)
        return "old"

    call.start(slow, delivered.append, lambda exc: delivered.append(f"error {exc}"))
    call.start(lambda: "new", delivered.append, lambda exc: delivered.append(f"error {exc}"))
    release.set()
    qtbot.waitUntil(lambda: not call.busy)
    assert delivered == ["new"]


def test_a_dropped_call_does_not_report_but_counts_as_busy_until_back(qtbot, owner):
    call = BackgroundCall(owner)
    release = threading.Event()
    delivered: list[object] = []
    call.start(lambda: release.wait(5), delivered.append, delivered.append)
    call.drop()
    assert not call.running and call.busy
    release.set()
    qtbot.waitUntil(lambda: not call.busy)
    qtbot.wait(20)
    assert delivered == []


def test_without_drop_stale_every_result_is_delivered_in_order_on_one_shared_thread(qtbot, owner):
    first = BackgroundCall(owner)
    saves = BackgroundCall(owner, drop_stale=False, share_thread_with=first)
    threads: set[int] = set()
    delivered: list[int] = []

    def work(n: int):
        def run() -> int:
            threads.add(threading.get_ident())
            return n

        return run

    first.start(work(0), delivered.append, delivered.append)
    for n in (1, 2, 3):
        saves.start(work(n), delivered.append, delivered.append)
    qtbot.waitUntil(lambda: not saves.busy and not first.busy)
    assert delivered == [0, 1, 2, 3]
    assert len(threads) == 1  # one after another on the widget's worker thread, never at once


_WORKER_BASES = {"QThread", "QRunnable", "Thread", "QThreadPool"}


def test_no_other_worker_thread_class_in_the_gui():
    """Every GUI background task goes through gui/background.py: no other module subclasses a thread or
    runnable, starts a thread pool or a Python thread."""
    root = Path(gui.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == "background.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases}
                if names & _WORKER_BASES:
                    offenders.append(f"{rel}: class {node.name}")
            elif isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"QThreadPool", "globalInstance", "Thread", "QThread", "ThreadPoolExecutor"}:
                    offenders.append(f"{rel}: {name}()")
    assert offenders == []
