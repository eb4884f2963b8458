"""The open protocol: probe read-only, refuse what is not ours, back up, migrate, then open.

A damaged, foreign, empty or newer file is never modified, re-initialised or overwritten.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text

from ..errors import BackupError
from ..files import fsync_path, replace_durably
from .backup import create_backup
from .engine import make_engine
from .migrations import HEAD_REVISION, KNOWN_REVISIONS
from .probe import APPLICATION_ID, SIDE_FILES, probe
from .recovery import recover_hot_journal


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _set_aside_stray_side_files(path: Path) -> None:
    """A -wal/-shm/-journal with no database next to it belongs to some other file; SQLite would replay it
    into the new database. Rename it aside (never delete what might be someone's data)."""
    for suffix in SIDE_FILES:
        stray = Path(f"{path}{suffix}")
        if stray.exists():
            os.replace(stray, stray.with_name(f"{stray.name}.orphaned"))


def _create_database(path: Path) -> None:
    """Build a new, empty database under a temporary name and give it its final name only when complete.

    A first start that is killed half-way leaves just the temporary file (replaced next time),
    never a half-made file under the real name, which the next start would rightly refuse to touch.
    """
    temp = path.with_name(f"{path.name}.new")
    _remove_with_side_files(temp)  # left by an interrupted first start; it never held any data
    _create_private_file(temp)
    engine = make_engine(temp)
    try:
        raw_execute(engine, f"PRAGMA application_id={APPLICATION_ID}")
        _migrate(engine)
        raw_execute(engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    fsync_path(temp)
    _set_aside_stray_side_files(path)
    replace_durably(temp, path)
    _remove_with_side_files(temp)


def tighten_permissions(path: Path) -> None:
    """Database and side files readable by the owner only."""
    for suffix in ("", *SIDE_FILES):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            os.chmod(candidate, 0o600)


def raw_execute(engine: Engine, sql: str) -> None:
    """Run a statement outside any transaction (PRAGMAs that a transaction would ignore)."""
    with engine.connect() as conn:
        conn.connection.dbapi_connection.execute(sql)  # type: ignore[union-attr]


def _migrate(engine: Engine) -> None:
    from .migrations import upgrade_to_head

    raw_execute(engine, "PRAGMA foreign_keys=OFF")  # batch mode rebuilds tables
    try:
        with engine.connect() as conn:
            upgrade_to_head(conn)
            if conn.in_transaction():
                conn.commit()
    finally:
        raw_execute(engine, "PRAGMA foreign_keys=ON")
    raw_execute(engine, f"PRAGMA user_version={len(KNOWN_REVISIONS)}")


def open_database(path: Path, backups: Path, now: datetime, key: bytes | None = None) -> Engine:
    """Open (creating or upgrading if needed) the database at `path` and return its engine.

    With a `key` the database is an encrypted one (never created here: encrypting converts an existing file).
    """
    os.umask(0o077)
    if not path.exists() and key is None:
        _create_database(path)
    recover_hot_journal(path, key, now)  # a kill during a write in rollback mode: the probe reads only
    revision = probe(path, backups, key)
    if revision != HEAD_REVISION:
        try:
            create_backup(path, backups, now, reason="pre-migration", key=key)
        except BackupError as exc:
            raise BackupError(
                "This version of Pain Companion needs to update your data file, and it makes a safety copy "
                f"first; that copy could not be written, so nothing was changed. Is the disk full? ({exc})"
            ) from exc
        engine = make_engine(path, key)
        _migrate(engine)
    else:
        engine = make_engine(path, key)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    tighten_permissions(path)
    return engine
