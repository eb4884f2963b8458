"""Backups as a core feature: on demand, automatically when data changed, before risky steps."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.changes import Changes
from ..domain.clock import Clock
from ..errors import BackupError
from ..logsetup import log_caught
from ..paths import AppPaths
from ..storage import backup as store
from ..storage import cipher_keys, settings_repo
from ..storage.cipher import SIDE_FILES
from ..storage.cipher_probe import file_is_plain
from ..storage.database import Database
from ..storage.integrity import IntegrityReport, check_file
from .events import Signal

_log = logging.getLogger(__name__)

AUTO_BACKUP_INTERVAL = timedelta(hours=1)


class BackupService:
    def __init__(self, db: Database, clock: Clock, changed: Signal) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self.limits = store.BackupLimits()

    @property
    def directory(self) -> Path:
        return self._db.backups

    def list_backups(self) -> list[store.BackupInfo]:
        return store.list_backups(self.directory)

    def create(self, reason: str = "") -> store.BackupInfo:
        """Back up now, verified; then thin old backups."""
        with self._db.read() as conn:
            revision = settings_repo.get(conn, "data_revision", "0") or "0"
        self._db.checkpoint()
        info = store.create_backup(self._db.path, self.directory, self._clock.now(), reason, key=self._db.key)
        with self._db.write(counts_as_change=False) as conn:
            settings_repo.put(conn, "last_backup_revision", revision)
        store.rotate(self.directory, self.limits)
        self._changed.emit(Changes(backups=True))
        return info

    def needs_backup(self) -> bool:
        """Data changed since the last backup, and the last one is at least an hour old."""
        with self._db.read() as conn:
            revision = settings_repo.get(conn, "data_revision", "0")
            backed_up = settings_repo.get(conn, "last_backup_revision", "")
        if revision == backed_up or revision == "0":
            return False
        age = store.age_of_newest(self.directory, self._clock.now())
        return age is None or age >= AUTO_BACKUP_INTERVAL

    def maybe_backup(self) -> store.BackupInfo | None:
        """The automatic backup: at most once an hour, and only while the data changed."""
        return self.create() if self.needs_backup() else None

    def check(self) -> IntegrityReport:
        """Full integrity and foreign-key check of the live database."""
        self._db.checkpoint()
        return check_file(self._db.path, thorough=True, key=self._db.key)

    def resolve(self, name: str) -> Path:
        """A backup given by path or by file name in the backups folder."""
        path = Path(name).expanduser()
        if not path.exists():
            path = self.directory / name
        if not path.exists():
            raise BackupError(f"There is no backup called {name}.")
        return path


def restore_unopenable(paths: AppPaths, name: str, now: datetime, *, passphrase: str | None = None) -> Path:
    """Restore a backup when the live file cannot be opened (damaged, foreign, too new).

    The unopenable file is not touched: it is renamed aside (with its -wal/-shm/-journal files, which must not
    be replayed into the restored file) and kept next to the new one, so nothing is ever lost. Returns where it
    was put. For an encrypted diary give the `passphrase`: its encrypted backups open with it, and the restored
    file is encrypted again.
    """
    path = Path(name).expanduser()
    if not path.exists():
        path = paths.backups / name
    if not path.exists():
        raise BackupError(f"There is no backup called {name}.")
    key = None
    if passphrase is not None and paths.key_file.exists() and not file_is_plain(paths.database):
        key = cipher_keys.unlock(paths.key_file, passphrase)
    store.check_restorable(path, key)  # revision and schema, before anything is moved
    live = paths.database
    aside = live.with_name(f"{live.name}.unopenable-{now:%Y-%m-%d-%H.%M.%S}")
    if live.exists():
        for suffix in ("", *SIDE_FILES):
            source = Path(f"{live}{suffix}")
            if source.exists():
                os.replace(source, Path(f"{aside}{suffix}"))
    fd = os.open(live, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        store.copy_into(path, live, key)
    except Exception as exc:
        log_caught(_log, "Restoring a backup failed; the data file is put back", exc)
        live.unlink(missing_ok=True)
        for suffix in ("", *SIDE_FILES):
            moved = Path(f"{aside}{suffix}")
            if moved.exists():
                os.replace(moved, Path(f"{live}{suffix}"))
        raise BackupError(f"Restoring failed ({exc}); your data file was left as it was.") from exc
    return aside
