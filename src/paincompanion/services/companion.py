"""Companion: opens the data and gives the GUI and the CLI the services they use."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Protocol

from ..domain.changes import ALL
from ..domain.clock import Clock, SystemClock
from ..errors import BackupError, PainCompanionError
from ..logsetup import log_caught
from ..paths import AppPaths
from ..storage import backup as store
from ..storage.database import Database
from .backups import BackupService
from .checkins import CheckinService
from .diary import DiaryService
from .dose_effect import DoseEffectService
from .encryption import EncryptionService, drop_stale_key_file, remove_conversion_leftovers, unlock_key
from .events import Signal
from .follow_up import FollowUpService
from .goals import GoalService
from .insights import InsightsService
from .medications import MedicationService
from .moods import MoodService
from .reminders import ReminderService
from .reports import ReportService
from .routines import RoutineService
from .settings import SettingsService

_log = logging.getLogger(__name__)


class CompanionApi(Protocol):
    """What the GUI and the CLI use of the facade, written out: `Companion` has it, and so does
    `startup.DeferredCompanion` (with explicit properties that wait for the opening, never a catch-all)."""

    @property
    def paths(self) -> AppPaths: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def changed(self) -> Signal: ...
    @property
    def diary(self) -> DiaryService: ...
    @property
    def backups(self) -> BackupService: ...
    @property
    def insights(self) -> InsightsService: ...
    @property
    def meds(self) -> MedicationService: ...
    @property
    def dose_effects(self) -> DoseEffectService: ...
    @property
    def follow_ups(self) -> FollowUpService: ...
    @property
    def routines(self) -> RoutineService: ...
    @property
    def reports(self) -> ReportService: ...
    @property
    def encryption(self) -> EncryptionService: ...
    @property
    def reminders(self) -> ReminderService: ...
    @property
    def settings(self) -> SettingsService: ...
    @property
    def goals(self) -> GoalService: ...
    @property
    def checkins(self) -> CheckinService: ...
    @property
    def moods(self) -> MoodService: ...
    def all_or_nothing(self) -> AbstractContextManager[None]: ...
    def restore_backup(self, name: str) -> store.BackupInfo: ...
    def erase_rows(self) -> int: ...
    def close_for_good(self, error: Exception) -> None: ...
    def close(self) -> None: ...


class Companion:
    """The one facade. Build with `Companion.open(paths)`; close when done."""

    def __init__(self, paths: AppPaths, db: Database, clock: Clock, changed: Signal | None = None) -> None:
        self.paths = paths
        self.clock = clock
        self._db = db
        #: Emitted with a `Changes` after every successful mutation.
        self.changed = changed or Signal()
        self._build_services()

    def _build_services(self) -> None:
        """(Re)build every service on the open database; the one place services are made."""
        db, clock = self._db, self.clock
        self.diary = DiaryService(db, clock, self.changed)
        self.moods = MoodService(db, clock, self.changed)
        self.backups = BackupService(db, clock, self.changed)
        self.insights = InsightsService(db, clock)
        self.meds = MedicationService(db, clock, self.changed)
        self.dose_effects = DoseEffectService(db, clock, self.changed, self.meds)
        self.follow_ups = FollowUpService(db, clock, self.changed, self.meds, self.dose_effects)
        self.routines = RoutineService(db, clock, self.changed)
        self.reports = ReportService(db, clock, self.changed, source=self)
        self.encryption = EncryptionService(self, self._convert_database)
        self.reminders = ReminderService(db, clock, self.changed, self.meds)
        self.settings = SettingsService(db, self.changed)
        self.goals = GoalService(db, clock, self.changed)
        self.checkins = CheckinService(db, clock, self.changed)

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        clock: Clock | None = None,
        changed: Signal | None = None,
        *,
        passphrase: str | None = None,
    ) -> Companion:
        """Open (or create) the database in `paths`, migrating after a backup if needed.

        An encrypted diary needs its `passphrase` (DiaryLocked without one, WrongPassphrase if it does not fit;
        the file is not touched either way). Raises a `DatabaseError` subclass with a plain message if the
        file is not safe to open.
        """
        clock = clock or SystemClock()
        paths.ensure_private_dirs()
        key = unlock_key(paths, passphrase)
        if key is None:
            drop_stale_key_file(paths)
        db = Database(paths.database, paths.backups, clock.now(), key)
        remove_conversion_leftovers(paths)
        return cls(paths, db, clock, changed)

    def _convert_database(self, change: Callable[[], None], new_key: bytes | None) -> None:
        """Run `change` on the closed data file, reopen it with `new_key`, rebuild the services, tell everyone."""
        try:
            self._db.convert(change, new_key, self.clock.now())
        finally:
            self._build_services()
            self.changed.emit(ALL)

    def erase_rows(self) -> int:
        """Delete every row (freed pages zeroed) and return how many went; the first step of "Delete all my
        data" (services/erase.py)."""
        return self._db.erase_rows()

    def close_for_good(self, error: Exception) -> None:
        """Close; afterwards every read or write raises `error`, so nothing can recreate deleted data."""
        self._db.seal(error)

    def all_or_nothing(self) -> AbstractContextManager[None]:
        """Every service call inside the block is one transaction: an import lands whole or not at all."""
        return self._db.all_or_nothing()

    def restore_backup(self, name: str) -> store.BackupInfo:
        """Replace the data with a backup, after backing up the current data first."""
        path = self.backups.resolve(name)
        key = self._db.key
        store.check_restorable(path, key)  # revision and schema, before anything is replaced
        safety = self.backups.create(reason="pre-restore")
        self._db.close()
        try:
            store.copy_into(path, self.paths.database, key)
        except Exception as exc:
            log_caught(_log, "Restoring a backup failed", exc)
            raise BackupError(f"Restoring failed ({exc}); your data before the restore is in {safety.path}.") from exc
        finally:
            try:
                self._db = Database(self.paths.database, self.paths.backups, self.clock.now(), key)
            except PainCompanionError as exc:
                raise BackupError(
                    f"The restored file does not open ({exc}). Your data from before the restore is in "
                    f"{safety.path}: `backup restore {safety.path.name}` puts it back."
                ) from exc
            self._build_services()
        self.changed.emit(ALL)
        return safety

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Companion:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
