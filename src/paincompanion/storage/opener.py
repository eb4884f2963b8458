"""The open protocol: probe read-only, refuse what is not ours, back up, migrate, then open.

A damaged, foreign, empty or newer file is never modified, re-initialised or overwritten.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text

from ..errors import DatabaseBusy, DatabaseDamaged, NotADatabase, SchemaTooNew
from .backup import create_backup, newest_good_backup
from .engine import APPLICATION_ID, make_engine
from .integrity import check_connection, open_read_only
from .migrations import HEAD_REVISION, KNOWN_REVISIONS

SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


def _newest_backup_name(backups: Path) -> str | None:
    found = newest_good_backup(backups)
    return str(found.path) if found else None


def probe(path: Path, backups: Path) -> str:
    """Check an existing file without writing to it; return its schema revision."""

    def refuse(cls: type, message: str) -> Exception:
        return cls(message, newest_backup=_newest_backup_name(backups))

    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise refuse(NotADatabase, f"The data file {path} cannot be read: {exc.strerror}.") from exc
    if not header:
        raise refuse(NotADatabase, f"The data file {path} is empty (0 bytes); it was left as it is.")
    if not header.startswith(SQLITE_MAGIC):
        raise refuse(NotADatabase, f"The file {path} is not a Pain Companion database; it was left as it is.")
    if len(header) < 100:
        raise refuse(DatabaseDamaged, f"The data file {path} is truncated; it was left as it is.")
    try:
        con = open_read_only(path)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise refuse(
                    NotADatabase,
                    f"The file {path} belongs to another program, not Pain Companion; it was left as it is.",
                )
            report = check_connection(con, thorough=False)
            if not report.ok:
                raise refuse(
                    DatabaseDamaged,
                    f"The data file {path} is damaged ({report.lines()[0]}); it was left as it is.",
                )
            try:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy(f"The data file {path} is in use by another program.") from exc
        raise refuse(DatabaseDamaged, f"The data file {path} cannot be read ({exc}); it was left as it is.") from exc
    except sqlite3.DatabaseError as exc:
        raise refuse(DatabaseDamaged, f"The data file {path} is damaged ({exc}); it was left as it is.") from exc
    if row is None:
        raise refuse(DatabaseDamaged, f"The data file {path} has no schema version; it was left as it is.")
    revision = row[0]
    if revision not in KNOWN_REVISIONS:
        raise SchemaTooNew(
            f"The data file {path} was written by a newer version of Pain Companion "
            f"(schema {revision}). Please update the app; the file was left as it is."
        )
    return revision


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


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


def open_database(path: Path, backups: Path, now: datetime) -> Engine:
    """Open (creating or upgrading if needed) the database at `path` and return its engine."""
    os.umask(0o077)
    if not path.exists():
        _create_private_file(path)
        engine = make_engine(path)
        raw_execute(engine, f"PRAGMA application_id={APPLICATION_ID}")
        _migrate(engine)
        tighten_permissions(path)
        return engine
    revision = probe(path, backups)
    if revision != HEAD_REVISION:
        create_backup(path, backups, now, reason="pre-migration")
        engine = make_engine(path)
        _migrate(engine)
    else:
        engine = make_engine(path)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    tighten_permissions(path)
    return engine
