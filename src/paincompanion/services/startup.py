"""A fast start for the GUI: show today's diary before SQLAlchemy has finished loading.

Importing SQLAlchemy costs about a third of a second, more than building the whole window. So the GUI
probes the file with the sqlite3 module (the same open protocol: damaged, foreign or newer files are
refused untouched), reads what the Today page shows first through `QuickReader`, and opens the real
`Companion` on a background thread. Any write, and any read beyond the first screen, waits for it.

This module must not import SQLAlchemy (tests/test_architecture.py checks that).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.clock import Clock, SystemClock
from ..domain.diary import DiaryEntry
from ..domain.peg import PegCheckin, peg_due
from ..logsetup import log_caught
from ..paths import AppPaths
from ..storage.cipher_probe import is_encrypted
from ..storage.migrations import HEAD_REVISION
from ..storage.probe import probe
from ..storage.quick_read import QuickReader
from ..storage.recovery import recover_hot_journal
from .events import Signal

_log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .companion import Companion


class DeferredCompanion:
    """Stands in for `Companion` while it opens on a background thread.

    `paths`, `clock` and `changed` are available at once; `diary` answers the first screen's questions
    from a read-only sqlite3 connection; every other attribute waits for the real Companion.
    """

    def __init__(self, paths: AppPaths, clock: Clock, reader: QuickReader) -> None:
        self.paths = paths
        self.clock = clock
        self.changed = Signal()
        self._reader: QuickReader | None = reader
        self._companion: Companion | None = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._callbacks: list[Callable[[], None]] = []
        self.diary = _DeferredDiary(self)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def start(self) -> None:
        """Begin opening in the background (the GUI calls this once its first screen has painted)."""
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._open, name="open-companion", daemon=True)
                self._thread.start()

    def _open(self) -> None:
        try:
            from .companion import Companion

            self._companion = Companion.open(self.paths, self.clock, self.changed)
        except BaseException as exc:
            log_caught(_log, "The diary could not be opened", exc)
            self._error = exc
        finally:
            self._done.set()
            for callback in list(self._callbacks):
                callback()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def on_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback` (from the opening thread, or now if already done) when opening has finished."""
        self._callbacks.append(callback)
        if self._done.is_set():
            callback()

    def wait(self) -> Companion:
        """The real Companion (opening it now if `start` was not called yet); raises what opening raised."""
        self.start()
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._companion is not None
        return self._companion

    def quick(self) -> QuickReader | None:
        """The start-up reader while the real Companion is still opening, else None."""
        return None if self._done.is_set() else self._reader

    def close(self) -> None:
        if self._thread is not None and self._done.wait(timeout=30) and self._companion is not None:
            self._companion.close()
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wait(), name)


class _DeferredDiary:
    """DiaryService's first-screen reads from the start-up reader; everything else from the real service."""

    def __init__(self, owner: DeferredCompanion) -> None:
        self._owner = owner

    def _reader_or_none(self) -> QuickReader | None:
        return self._owner.quick()

    def on_day(self, day: date) -> list[DiaryEntry]:
        reader = self._reader_or_none()
        return reader.entries_on_day(day) if reader else self._owner.wait().diary.on_day(day)

    def today(self) -> list[DiaryEntry]:
        return self.on_day(self._owner.clock.now().date())

    def peg_history(self, limit: int | None = None) -> list[PegCheckin]:
        reader = self._reader_or_none()
        return reader.peg_history(limit) if reader else self._owner.wait().diary.peg_history(limit)

    def peg_due(self) -> bool:
        latest = self.peg_history(limit=1)
        return peg_due(latest[0].at if latest else None, self._owner.clock.now())

    def count(self) -> int:
        reader = self._reader_or_none()
        return reader.count() if reader else self._owner.wait().diary.count()

    def suggestions(self, kind: str) -> list[str]:
        reader = self._reader_or_none()
        if reader and kind in ("trigger", "helped"):
            return [tag for tag, _ in reader.tag_counts(kind)]
        return self._owner.wait().diary.suggestions(kind)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._owner.wait().diary, name)


def open_for_gui(
    paths: AppPaths, clock: Clock | None = None, *, passphrase: str | None = None
) -> DeferredCompanion | Companion:
    """Open the diary for the GUI as fast as possible.

    An existing plain file at the current schema is probed (raising the usual `DatabaseError`s) and served
    by a `DeferredCompanion`; a new file or one that needs a migration is opened normally. An encrypted diary
    (`is_encrypted(paths)`) is opened fully with its `passphrase` (DiaryLocked without one, WrongPassphrase).
    """
    clock = clock or SystemClock()
    paths.ensure_private_dirs()
    if is_encrypted(paths):
        from .companion import Companion

        return Companion.open(paths, clock, passphrase=passphrase)
    if paths.database.exists():
        recover_hot_journal(paths.database, None, clock.now())  # (the probe reads only)
    if paths.database.exists() and probe(paths.database, paths.backups) == HEAD_REVISION:
        return DeferredCompanion(paths, clock, QuickReader(paths.database))
    from .companion import Companion

    return Companion.open(paths, clock)
