"""Backups through SQLite's backup API: verified, atomically named, rotated, restorable."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..errors import BackupError
from .cipher import connect, copy_with_key, database_errors, db_errors, key_for_file
from .cipher_probe import file_is_plain
from .integrity import check_connection, open_read_only

_NAME = re.compile(r"^backup-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-([a-z-]+))?\.sqlite$")
_STAMP = "%Y-%m-%d-%H.%M.%S"

#: Backups made before a migration, restore or import are kept out of normal rotation.
PROTECTED_REASONS = ("pre-migration", "pre-restore", "pre-import")
MAX_PROTECTED = 10
#: A backup named up to this much after "now" was made a moment ago (names have whole seconds).
SAME_MOMENT = timedelta(minutes=1)


@dataclass(frozen=True)
class BackupLimits:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime  # naive local time, as in the file name
    reason: str  # "" for regular backups
    size: int

    @property
    def protected(self) -> bool:
        return self.reason in PROTECTED_REASONS


def backup_name(made: datetime, reason: str = "") -> str:
    if not re.fullmatch(r"[a-z-]*", reason):  # the name must match _NAME, or the backup would not be listed
        raise ValueError(f"A backup reason is a short word like 'pre-import', not {reason!r}.")
    suffix = f"-{reason}" if reason else ""
    return f"backup-{made.strftime(_STAMP)}{suffix}.sqlite"


def list_backups(directory: Path) -> list[BackupInfo]:
    """Backups in `directory`, newest first. Temporary or foreign files are ignored."""
    found: list[BackupInfo] = []
    if not directory.is_dir():
        return found
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        made = datetime.strptime(match.group(1), _STAMP)
        found.append(BackupInfo(path, made, match.group(2) or "", path.stat().st_size))
    found.sort(key=lambda b: (b.made, b.path.name), reverse=True)
    return found


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify_backup_file(path: Path, key: bytes | None = None) -> None:
    """Raise BackupError unless `path` is an intact Pain Companion database.

    A plain file is checked as it is; an encrypted one needs the diary's `key` (and must open with it).
    """
    plain = file_is_plain(path)
    if not plain and key is None:
        if path.exists() and path.stat().st_size > 0:
            raise BackupError(f"{path.name} is encrypted (or damaged), and this diary has no key to open it.")
        raise BackupError(f"{path.name} is not a readable database (it is empty or missing).")
    try:
        con = open_read_only(path, None if plain else key)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            report = check_connection(con, thorough=False)
        finally:
            con.close()
    except database_errors() as exc:
        if not plain:
            raise BackupError(
                f"{path.name} cannot be opened with this diary's key: it is damaged, or it was encrypted "
                "with another key (before encryption was turned off and on again)."
            ) from exc
        raise BackupError(f"{path.name} is not a readable database ({exc}).") from exc
    from .probe import APPLICATION_ID

    if app_id != APPLICATION_ID:
        raise BackupError(f"{path.name} is not a Pain Companion database.")
    if not report.ok:
        raise BackupError(f"{path.name} is damaged: {'; '.join(report.lines()[:3])}")


def create_backup(
    source: Path, directory: Path, made: datetime, reason: str = "", key: bytes | None = None
) -> BackupInfo:
    """Copy the live database `source` into `directory`, verified before it gets its final name.

    The backup of an encrypted database (`key`) is encrypted with the same key.
    """
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    made = made.replace(tzinfo=None, microsecond=0)
    existing = list_backups(directory)
    if existing and timedelta(0) <= existing[0].made - made < SAME_MOMENT:
        made = existing[0].made + timedelta(seconds=1)  # a second one this second: named after it, so kept
    while (directory / backup_name(made, reason)).exists():
        made += timedelta(seconds=1)  # two backups in one second: keep both
    final = directory / backup_name(made, reason)
    temp = directory / f".{final.name}.partial"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    try:
        src = open_read_only(source, key)
        dst = connect(temp, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        _fsync(temp)
        verify_backup_file(temp, key)
        os.replace(temp, final)
        os.chmod(final, 0o600)
    except (*db_errors(), OSError) as exc:
        temp.unlink(missing_ok=True)
        raise BackupError(f"The backup could not be written: {exc}") from exc
    except BackupError:
        temp.unlink(missing_ok=True)
        raise
    return BackupInfo(final, made, reason, final.stat().st_size)


def backups_to_keep(backups: list[BackupInfo], limits: BackupLimits) -> set[Path]:
    """Thin regular backups: the newest per day, per ISO week and per month, within limits.

    Protected backups (before migration, restore or import) are kept apart: the newest
    MAX_PROTECTED of them. The newest backup of all is always kept.
    """
    keep: set[Path] = set()
    regular = sorted((b for b in backups if not b.protected), key=lambda b: b.made, reverse=True)
    protected = sorted((b for b in backups if b.protected), key=lambda b: b.made, reverse=True)
    keep.update(b.path for b in protected[:MAX_PROTECTED])
    if regular:
        keep.add(regular[0].path)
    for bucket_of, limit in (
        (lambda d: d.date(), limits.daily),
        (lambda d: d.isocalendar()[:2], limits.weekly),
        (lambda d: (d.year, d.month), limits.monthly),
    ):
        seen: list[object] = []
        for b in regular:
            bucket = bucket_of(b.made)
            if bucket in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(bucket)
            keep.add(b.path)
    return keep


def rotate(directory: Path, limits: BackupLimits) -> list[Path]:
    """Delete backups outside the limits; return what was removed."""
    backups = list_backups(directory)
    keep = backups_to_keep(backups, limits)
    removed = []
    for b in backups:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            removed.append(b.path)
    return removed


def newest_good_backup(directory: Path, key: bytes | None = None) -> BackupInfo | None:
    """The newest backup that passes verification (encrypted ones only with `key`), or None."""
    for b in list_backups(directory):
        try:
            verify_backup_file(b.path, key)
        except BackupError:
            continue
        return b
    return None


def copy_into(backup: Path, target: Path, key: bytes | None = None) -> None:
    """Overwrite the database `target` with the content of `backup` (atomic).

    Plain diary: SQLite's backup API. Encrypted diary (`key`): a copy keyed with `key` (from a plain or an
    encrypted backup) is built under a temporary name and renamed over the closed `target`.
    """
    if key is not None:
        try:
            copy_with_key(backup, key_for_file(backup, key), target, key)
        except db_errors() as exc:
            raise BackupError(f"The backup could not be copied: {exc}") from exc
        return
    src = open_read_only(backup)
    dst = sqlite3.connect(target)
    try:
        dst.execute("PRAGMA busy_timeout=5000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=WAL")
    finally:
        dst.close()
        src.close()


def age_of_newest(directory: Path, now: datetime) -> timedelta | None:
    backups = [b for b in list_backups(directory) if not b.protected]
    return now.replace(tzinfo=None) - backups[0].made if backups else None
