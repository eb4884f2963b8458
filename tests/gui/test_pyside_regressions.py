"""Known PySide6 defects the app must not run into."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_signals_does_not_leak_references_to_true(qapp):
    """PySide6 6.12.0 dropped one reference to True per emit(); after a few thousand the process aborted
    ("Fatal Python error: bool_dealloc"). pyproject.toml excludes that release."""
    emitter = _Emitter()
    emitter.changed.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit(1)
    assert sys.getrefcount(True) >= before
