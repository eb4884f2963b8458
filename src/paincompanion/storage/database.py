"""The open database: one engine, one lock, short transactions, a change counter for backups."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, exc

from ..errors import DatabaseBusy, PainCompanionError
from ..logsetup import log_caught
from . import settings_repo
from .cipher_probe import file_is_plain
from .opener import open_database, raw_execute

_log = logging.getLogger(__name__)

Conn = Connection  # re-exported so services can annotate without importing SQLAlchemy


class StorageFailure(PainCompanionError):
    """A write failed (disk full, I/O error, locked); nothing was saved."""


def _explain(error: exc.DBAPIError) -> str:
    text = str(error.orig) if error.orig else str(error)
    if "full" in text or "disk I/O" in text:
        return "The disk is full or cannot be written, so nothing was saved. Free some space and try again."
    if "locked" in text or "busy" in text:
        return "The diary is busy in another program, so nothing was saved. Try again in a moment."
    if "readonly" in text or "read-only" in text:
        return "The data file is read-only, so nothing was saved."
    if "constraint" in text.lower():
        return "That change breaks a rule of the diary, so nothing was saved."
    return "The change could not be saved because of a storage error; nothing was saved."


def _bump_revision(conn: Connection) -> None:
    """Count a change, so the automatic backup knows there is something new to keep."""
    revision = int(settings_repo.get(conn, "data_revision", "0") or 0)
    settings_repo.put(conn, "data_revision", str(revision + 1))


class Database:
    """Thread-safe access to the single SQLite connection."""

    def __init__(self, path: Path, backups: Path, now: datetime, key: bytes | None = None) -> None:
        self.path = path
        self.backups = backups
        #: The master key of an encrypted database (None: plain). Backups are made with it.
        self.key = key
        self.engine = open_database(path, backups, now, key)
        self._lock = threading.RLock()
        self._group: Connection | None = None  # the transaction of an all_or_nothing() block

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._lock:
            if self._group is not None:  # inside all_or_nothing() (only its own thread gets here)
                yield self._group
                return
            with self._translate(), self.engine.begin() as conn:
                yield conn

    @contextmanager
    def write(self, *, counts_as_change: bool = True) -> Iterator[Connection]:
        """A write transaction; committed when the block ends, rolled back on any error."""
        with self._lock:
            if self._group is not None:  # part of all_or_nothing(): a savepoint, committed with the group
                with self._group.begin_nested():
                    yield self._group
                return
            with self._translate(), self.engine.begin() as conn:
                yield conn
                if counts_as_change:
                    _bump_revision(conn)

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """Make every read and write inside the block one transaction (an import: all of it or none of it).

        Other threads wait until the block ends. A write that fails inside the block is undone on its
        own (savepoint), like an ordinary write; an exception leaving the block undoes everything.
        """
        with self._lock:
            if self._group is not None:
                yield
                return
            with self._translate(), self.engine.begin() as conn:
                self._group = conn
                try:
                    yield
                    _bump_revision(conn)
                finally:
                    self._group = None

    @contextmanager
    def _translate(self) -> Iterator[None]:
        try:
            yield
        except exc.OperationalError as error:
            message = _explain(error)
            if "busy" in message:
                raise DatabaseBusy(message) from error
            raise StorageFailure(message) from error
        except exc.DBAPIError as error:
            raise StorageFailure(_explain(error)) from error

    def checkpoint(self) -> None:
        with self._lock:
            raw_execute(self.engine, "PRAGMA wal_checkpoint(TRUNCATE)")

    def convert(self, change: Callable[[], None], new_key: bytes | None, now: datetime) -> None:
        """Close the connection, run `change` on the closed file (encrypt, decrypt, restore), then open again
        with `new_key` (with the old key if `change` failed, and re-raise). Other threads wait meanwhile."""
        with self._lock:
            if self._group is not None:
                raise StorageFailure("The data file cannot be converted inside an all-or-nothing block.")
            self.checkpoint()
            self.engine.dispose()
            try:
                change()
            except BaseException:
                self.key = None if file_is_plain(self.path) else self.key  # (a change that got half-way)
                self.engine = open_database(self.path, self.backups, now, self.key)
                raise
            self.engine = open_database(self.path, self.backups, now, new_key)
            self.key = new_key

    def erase_rows(self) -> int:
        """Delete every row of every table in one transaction and checkpoint the WAL (secure_delete zeroes
        the freed pages); returns how many rows were deleted in all."""
        from . import wipe

        with self.write(counts_as_change=False) as conn:
            rows = wipe.delete_all_rows(conn)
        self.checkpoint()
        return rows

    def seal(self, error: Exception) -> None:
        """Close for good: every later read or write raises `error` (the data is gone; nothing may recreate it)."""
        self.close()
        self.engine = _SealedEngine(error)  # type: ignore[assignment]

    def close(self) -> None:
        with self._lock:
            try:
                self.checkpoint()
            except Exception as error:  # closing goes on: the checkpoint is an optimisation
                log_caught(_log, "The checkpoint before closing failed", error)
            self.engine.dispose()


class _SealedEngine:
    """Stands in for the engine of a database that was deleted."""

    def __init__(self, error: Exception) -> None:
        self._error = error

    def _refuse(self, *_: object, **__: object) -> None:
        raise self._error

    begin = connect = _refuse

    def dispose(self) -> None:
        pass
