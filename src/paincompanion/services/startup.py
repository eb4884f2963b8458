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
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from ..domain.clock import Clock, SystemClock
from ..domain.diary import DiaryEntry, EntryDraft, EntryFilter
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

if TYPE_CHECKING:  # the real services import SQLAlchemy, which this module must not
    from ..storage.backup import BackupInfo
    from .backups import BackupService
    from .checkins import CheckinService
    from .companion import Companion
    from .diary import DiaryService
    from .dose_effect import DoseEffectService
    from .encryption import EncryptionService
    from .follow_up import FollowUpService
    from .goals import GoalService
    from .insights import InsightsService
    from .medications import MedicationService
    from .moods import MoodService
    from .reminders import ReminderService
    from .reports import ReportService
    from .routines import RoutineService
    from .settings import SettingsService


class DeferredCompanion:
    """Stands in for `Companion` while it opens on a background thread; it has the same `CompanionApi`.

    `paths`, `clock` and `changed` are available at once; `diary` answers the first screen's questions
    from a read-only sqlite3 connection. Every other service is an explicit property that waits for the real
    Companion (`wait`); a wait that holds up the GUI thread is logged with how long it took, never silent.
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
        self._diary = _DeferredDiary(self)
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
        """The real Companion (opening it now if `start` was not called yet); raises what opening raised.

        Waiting on the main (GUI) thread is logged with its length, so a slow start is never silent."""
        if not self._done.is_set():
            self.start()
            started = time.perf_counter()
            self._done.wait()
            if threading.current_thread() is threading.main_thread():
                waited = (time.perf_counter() - started) * 1000
                _log.info("The main thread waited %.0f ms for the diary to open", waited)
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

    # --- the services: the diary's first-screen reads at once, everything else once open (waits) ------------

    @property
    def diary(self) -> DiaryService:
        return cast("DiaryService", self._diary)

    @property
    def backups(self) -> BackupService:
        return self.wait().backups

    @property
    def insights(self) -> InsightsService:
        return self.wait().insights

    @property
    def meds(self) -> MedicationService:
        return self.wait().meds

    @property
    def dose_effects(self) -> DoseEffectService:
        return self.wait().dose_effects

    @property
    def follow_ups(self) -> FollowUpService:
        return self.wait().follow_ups

    @property
    def routines(self) -> RoutineService:
        return self.wait().routines

    @property
    def reports(self) -> ReportService:
        return self.wait().reports

    @property
    def encryption(self) -> EncryptionService:
        return self.wait().encryption

    @property
    def reminders(self) -> ReminderService:
        return self.wait().reminders

    @property
    def settings(self) -> SettingsService:
        return self.wait().settings

    @property
    def goals(self) -> GoalService:
        return self.wait().goals

    @property
    def checkins(self) -> CheckinService:
        return self.wait().checkins

    @property
    def moods(self) -> MoodService:
        return self.wait().moods

    def all_or_nothing(self) -> AbstractContextManager[None]:
        return self.wait().all_or_nothing()

    def restore_backup(self, name: str) -> BackupInfo:
        return self.wait().restore_backup(name)

    def erase_rows(self) -> int:
        return self.wait().erase_rows()

    def close_for_good(self, error: Exception) -> None:
        self.wait().close_for_good(error)


_List = list  # DiaryService has a method called `list`


class _DeferredDiary:
    """DiaryService's first-screen reads from the start-up reader; every other method (each written out, so
    the class has exactly DiaryService's methods: a test checks) waits for the real service."""

    def __init__(self, owner: DeferredCompanion) -> None:
        self._owner = owner

    def _reader_or_none(self) -> QuickReader | None:
        return self._owner.quick()

    def _real(self) -> DiaryService:
        return self._owner.wait().diary

    # --- answered at once while the diary opens ---

    def on_day(self, day: date) -> _List[DiaryEntry]:
        reader = self._reader_or_none()
        return reader.entries_on_day(day) if reader else self._real().on_day(day)

    def today(self) -> _List[DiaryEntry]:
        return self.on_day(self._owner.clock.now().date())

    def peg_history(self, limit: int | None = None) -> _List[PegCheckin]:
        reader = self._reader_or_none()
        return reader.peg_history(limit) if reader else self._real().peg_history(limit)

    def peg_due(self) -> bool:
        latest = self.peg_history(limit=1)
        return peg_due(latest[0].at if latest else None, self._owner.clock.now())

    def count(self) -> int:
        reader = self._reader_or_none()
        return reader.count() if reader else self._real().count()

    def suggestions(self, kind: str) -> _List[str]:
        reader = self._reader_or_none()
        if reader and kind in ("trigger", "helped"):
            return [tag for tag, _ in reader.tag_counts(kind)]
        return self._real().suggestions(kind)

    # --- these wait for the real service ---

    def add(self, draft: EntryDraft) -> DiaryEntry:
        return self._real().add(draft)

    def update(self, entry_id: int, draft: EntryDraft) -> DiaryEntry:
        return self._real().update(entry_id, draft)

    def delete(self, entry_id: int) -> DiaryEntry:
        return self._real().delete(entry_id)

    def restore(self, entry: DiaryEntry) -> DiaryEntry:
        return self._real().restore(entry)

    def delete_many(self, entry_ids: Sequence[int]) -> _List[DiaryEntry]:
        return self._real().delete_many(entry_ids)

    def restore_many(self, deleted: Sequence[DiaryEntry]) -> None:
        self._real().restore_many(deleted)

    def add_many(self, drafts: Sequence[EntryDraft]) -> _List[int]:
        return self._real().add_many(drafts)

    def add_batch(self, drafts: Sequence[EntryDraft], pegs: Sequence[PegCheckin] = ()) -> _List[int]:
        return self._real().add_batch(drafts, pegs)

    def get(self, entry_id: int) -> DiaryEntry:
        return self._real().get(entry_id)

    def get_many(self, ids: Sequence[int]) -> _List[DiaryEntry]:
        return self._real().get_many(ids)

    def ids(self, flt: EntryFilter | None = None, *, newest_first: bool = True) -> _List[int]:
        return self._real().ids(flt, newest_first=newest_first)

    def list_entries(self, flt: EntryFilter | None = None, *, newest_first: bool = True) -> _List[DiaryEntry]:
        return self._real().list_entries(flt, newest_first=newest_first)

    def all_tags(self) -> _List[str]:
        return self._real().all_tags()

    def import_keys(self) -> _List[tuple[int, int, int, str]]:
        return self._real().import_keys()

    def add_peg(self, pain: object, enjoyment: object, activity: object, at: datetime | None = None) -> PegCheckin:
        return self._real().add_peg(pain, enjoyment, activity, at)

    def delete_peg(self, peg_id: int) -> None:
        self._real().delete_peg(peg_id)

    def restore_peg(self, peg: PegCheckin) -> None:
        self._real().restore_peg(peg)


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
