"""The GUI's one way to run slow core calls off the GUI thread.

`BackgroundCall.start(work, on_done, on_error)`: `work()` runs on a worker thread; `on_done(result)` or
`on_error(exc)` runs on the GUI thread afterwards. A newer `start` supersedes an older call still on its way:
the older result is dropped (stale), so a quick change of choice never shows an outdated answer. Every error
is logged here (`logsetup.log_caught`: where and what kind, never its message) and shown in words made by
`error_text`, the one wording for the GUI. No other worker-thread class exists in gui/ (a test checks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..errors import PainCompanionError
from ..logsetup import log_caught

_log = logging.getLogger(__name__)


def error_text(exc: BaseException) -> str:
    """The one wording for an error shown in the GUI: the core's own plain message when it has one, else
    a short line naming the kind of problem (the details are in the log)."""
    user_message = getattr(exc, "user_message", None)
    if callable(user_message):
        return str(user_message())
    if isinstance(exc, PainCompanionError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"A file could not be read or written ({exc.strerror or exc})."
    return f"Something went wrong ({type(exc).__name__}: {exc}). The details are in the log (Help ▸ Show log folder)."


class _Relay(QObject):
    finished = Signal(int, object, object)  # call number, result, error (an exception or None)


class _Call(QRunnable):
    def __init__(self, number: int, what: str, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._number, self._what, self._work, self._relay = number, what, work, relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # never lose an error on a worker thread
            log_caught(_log, self._what, exc)
            self._relay.finished.emit(self._number, None, exc)
        else:
            self._relay.finished.emit(self._number, result, None)


_Callbacks = tuple[Callable[[Any], None], Callable[[BaseException], None]]


class BackgroundCall(QObject):
    """One kind of slow call made by a widget (a preview, an import, a check…), run off the GUI thread.

    `what` is a fixed sentence for the log when the call fails ("The summary could not be made"). With
    `drop_stale` (the default) only the newest call's result is delivered; without it every call's is (saves,
    where each one the patient asked for must be answered). Calls made by one widget can share one worker
    thread (`share_thread_with`), so they run one after another, never at once. Owned by a widget: when it
    goes, a call still running is waited for first.
    """

    def __init__(
        self,
        parent: QObject,
        what: str = "A background task failed",
        *,
        drop_stale: bool = True,
        share_thread_with: BackgroundCall | None = None,
    ) -> None:
        super().__init__(parent)
        if share_thread_with is None:
            self._pool = QThreadPool(self)  # created before the relay, so it is destroyed (and waits) first
            self._pool.setMaxThreadCount(1)
        else:
            self._pool = share_thread_with._pool
        self._what = what
        self._drop_stale = drop_stale
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._number = 0
        self._waiting: dict[int, _Callbacks] = {}  # calls whose result is still wanted
        self._in_flight = 0  # every call started and not yet back, stale ones too

    @property
    def running(self) -> bool:
        """True while a call whose result is still wanted is running or queued."""
        return bool(self._waiting)

    @property
    def busy(self) -> bool:
        """True while any call (even a superseded one) is still running or queued."""
        return self._in_flight > 0

    def start(
        self, work: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        """Run `work()` off the GUI thread; with `drop_stale`, a call still on its way will not report."""
        self._number += 1
        if self._drop_stale:
            self._waiting.clear()
        self._waiting[self._number] = (on_done, on_error)
        self._in_flight += 1
        self._pool.start(_Call(self._number, self._what, work, self._relay))

    def drop(self) -> None:
        """Forget the calls on their way: their results will not be delivered (the choice changed)."""
        self._waiting.clear()

    def wait(self) -> None:
        """Block until the running calls have finished (their callbacks run when events are next processed)."""
        self._pool.waitForDone()

    def _finished(self, number: int, result: object, error: BaseException | None) -> None:
        self._in_flight -= 1
        callbacks = self._waiting.pop(number, None)
        if callbacks is None:
            return  # stale: a newer call superseded it, or it was dropped
        on_done, on_error = callbacks
        if error is not None:
            on_error(error)
        else:
            on_done(result)
