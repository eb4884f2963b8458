"""Run one slow core call at a time off the GUI thread; its result or error comes back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..logsetup import log_caught

_log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(int, object, object)  # call number, result, error (an exception or None)


class _Call(QRunnable):
    def __init__(self, number: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._number, self._work, self._relay = number, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # never lose an error on a worker thread
            log_caught(_log, "A background task failed", exc)
            self._relay.finished.emit(self._number, None, exc)
        else:
            self._relay.finished.emit(self._number, result, None)


class BackgroundCall(QObject):
    """`start(work, on_done, on_error)`: `work()` runs on a worker thread; one of the callbacks runs on the GUI
    thread afterwards. Owned by a widget: when the widget goes, a call still running is waited for first."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)  # created before the relay, so it is destroyed (and waits) first
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._number = 0
        self._callbacks: tuple[Callable[[Any], None], Callable[[BaseException], None]] | None = None

    @property
    def running(self) -> bool:
        return self._callbacks is not None

    def start(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        if self.running:
            raise RuntimeError("A background call is already running.")
        self._number += 1
        self._callbacks = (on_done, on_error)
        self._pool.start(_Call(self._number, work, self._relay))

    def wait(self) -> None:
        """Block until a running call has finished (its callback runs when events are next processed)."""
        self._pool.waitForDone()

    def _finished(self, number: int, result: object, error: BaseException | None) -> None:
        if number != self._number or self._callbacks is None:
            return
        on_done, on_error = self._callbacks
        self._callbacks = None
        if error is not None:
            on_error(error)
        else:
            on_done(result)
