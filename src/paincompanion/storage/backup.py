"""Backups through SQLite's backup API: verified, atomically named, rotated, restorable."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import BackupError
from ..files import fsync_path, replace_durably
from .cipher import connect, copy_with_key, database_errors, db_errors, key_for_file
from .cipher_probe import file_is_plain
from .integrity import check_connection, open_read_only

_NAME = re.compile(r"^backup-(\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2})(?:-([a-z-]+))?\.sqlite$")
_STAMP = "%Y-%m-%d-%H.%M.%S"
#: Every file the app writes in the backups folder: a backup, its half-written copy (".backup-….partial"),
#: and the side files SQLite may leave beside either.
_MADE = re.compile(
    r"^\.?backup-\d{4}-\d{2}-\d{2}-\d{2}\.\d{2}\.\d{2}(?:-[a-z-]+)?\.sqlite(?:\.partial)?(?:-wal|-shm|-journal)?$"
)


def is_app_made_backup(name: str) -> bool:
    """True for the name of a file the app makes in the backups folder (see _MADE)."""
    return bool(_MADE.match(name))


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


#: SQLCipher writes whole pages of this size: a file of another length is not an encrypted backup.
_ENCRYPTED_PAGE = 4096


def _not_a_backup(path: Path) -> str:
    return f"{path.name} is not a Pain Companion backup (it is not a database file)."


def verify_backup_file(path: Path, key: bytes | None = None) -> str:
    """Raise BackupError unless `path` is an intact Pain Companion database of a schema revision this version
    knows; return that revision.

    A plain file is checked as it is; an encrypted one needs the diary's `key` (and must open with it).
    """
    plain = file_is_plain(path)
    if not plain:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size == 0:
            raise BackupError(f"{path.name} is not a readable database (it is empty or missing).")
        if size % _ENCRYPTED_PAGE:
            raise BackupError(_not_a_backup(path))  # a text file, a picture, ...: neither SQLite nor SQLCipher
        if key is None:
            raise BackupError(
                f"{path.name} is not a plain database: it is an encrypted backup (or a damaged file), and this "
                "diary has no key to open it."
            )
    try:
        con = open_read_only(path, None if plain else key)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            report = check_connection(con, thorough=False)
            revision = _revision(con) if app_id == _our_application_id() and report.ok else None
        finally:
            con.close()
    except database_errors() as exc:
        if not plain:
            raise BackupError(
                f"{path.name} cannot be opened with this diary's key: it is damaged, or it was encrypted "
                "with another key (before encryption was turned off and on again)."
            ) from exc
        raise BackupError(f"{path.name} is not a readable database ({exc}).") from exc
    if app_id != _our_application_id():
        raise BackupError(f"{path.name} is not a Pain Companion database.")
    if not report.ok:
        raise BackupError(f"{path.name} is damaged: {'; '.join(report.lines()[:3])}")
    from .migrations import KNOWN_REVISIONS

    if revision is None:
        raise BackupError(f"{path.name} has no schema version, so it is not a Pain Companion backup.")
    if revision not in KNOWN_REVISIONS:
        raise BackupError(
            f"{path.name} was made by a newer version of Pain Companion (schema {revision[:40]!r}), or by "
            "another program: this version cannot use it."
        )
    return revision


def _our_application_id() -> int:
    from .probe import APPLICATION_ID

    return APPLICATION_ID


def _revision(con: Any) -> str | None:
    try:
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except database_errors():
        return None
    return rows[0][0] if len(rows) == 1 and isinstance(rows[0][0], str) else None


def schema_of(con: Any) -> dict[str, Any]:
    """A database's schema, comparable between two files: every table with its columns (name, type, not null,
    primary key), and every index, view and trigger by name and table."""
    objects = con.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'"
    ).fetchall()
    tables = {}
    for kind, name, _ in objects:
        if kind == "table":
            columns = con.execute(f'PRAGMA table_info("{name.replace(chr(34), chr(34) * 2)}")').fetchall()
            tables[name] = [(c[1], str(c[2]).upper(), c[3], c[5]) for c in columns]
    others = sorted((kind, name, table) for kind, name, table in objects if kind != "table")
    return {"tables": tables, "others": others}


@cache
def _reference_schema(revision: str) -> str:
    """The schema the migrations build for `revision` (in memory), as canonical JSON."""
    from .engine import make_engine
    from .migrations import upgrade_to
    from .opener import raw_execute

    engine = make_engine(":memory:")
    try:
        raw_execute(engine, "PRAGMA foreign_keys=OFF")
        with engine.connect() as conn:
            upgrade_to(conn, revision)
            if conn.in_transaction():
                conn.commit()
            schema = schema_of(conn.connection.dbapi_connection)
    finally:
        engine.dispose()
    return json.dumps(schema, sort_keys=True)


def check_restorable(path: Path, key: bytes | None = None) -> str:
    """Raise BackupError (ending "Your diary was not changed.") unless `path` can replace the diary: an intact
    Pain Companion database at a schema revision this version knows, with exactly the tables, columns, indexes
    and triggers that revision has (not a newer file, nor one another program made or changed). Returns the
    revision. Nothing is written anywhere."""
    unchanged = " Your diary was not changed."
    try:
        revision = verify_backup_file(path, key)
        con = open_read_only(path, None if file_is_plain(path) else key)
        try:
            schema = json.dumps(schema_of(con), sort_keys=True)
        finally:
            con.close()
    except BackupError as exc:
        raise BackupError(f"{exc}{unchanged}") from exc
    except db_errors() as exc:
        raise BackupError(f"{path.name} cannot be read ({exc}).{unchanged}") from exc
    if schema != _reference_schema(revision):
        raise BackupError(
            f"{path.name} does not have the tables of a Pain Companion diary (schema {revision}): another "
            f"program made or changed it, so it is not used.{unchanged}"
        )
    return revision


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
        fsync_path(temp)
        verify_backup_file(temp, key)
        replace_durably(temp, final)
        os.chmod(final, 0o600)
    except db_errors(OSError) as exc:
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
