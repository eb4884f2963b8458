"""Probe an existing data file read-only, with the sqlite3 module alone (no SQLAlchemy: cheap at start-up).

A damaged, foreign, empty or newer file is refused with a plain message and never modified.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DatabaseBusy, DatabaseDamaged, DatabaseError, NotADatabase, SchemaTooNew
from ..paths import KEY_FILENAME
from .backup import newest_good_backup
from .cipher import database_errors, operational_errors
from .integrity import check_connection, open_read_only
from .migrations import KNOWN_REVISIONS
from .recovery import has_hot_journal

#: "PAIN" in ASCII: lets us (and `file`) recognise our database files.
APPLICATION_ID = 0x5041494E
SQLITE_MAGIC = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


def _newest_backup_name(backups: Path, key: bytes | None = None) -> str | None:
    found = newest_good_backup(backups, key)
    return str(found.path) if found else None


def probe(path: Path, backups: Path, key: bytes | None = None) -> str:
    """Check an existing file without writing to it; return its schema revision.

    With a `key` the file is an encrypted diary, opened with SQLCipher.
    """

    def refuse(cls: type[DatabaseError], message: str) -> DatabaseError:
        return cls(message, newest_backup=_newest_backup_name(backups, key))

    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise refuse(NotADatabase, f"The data file {path} cannot be read: {exc.strerror}.") from exc
    if not header:
        raise refuse(NotADatabase, f"The data file {path} is empty (0 bytes); it was left as it is.")
    if key is None and not header.startswith(SQLITE_MAGIC):
        key_file = path.with_name(KEY_FILENAME)
        raise refuse(
            NotADatabase,
            f"The file {path} is not a Pain Companion database, or it is an encrypted diary whose key file "
            f"{key_file.name} is missing; it was left as it is. If it is your encrypted diary, your recovery "
            "key can set a new passphrase.",
        )
    if len(header) < 100:
        raise refuse(DatabaseDamaged, f"The data file {path} is truncated; it was left as it is.")
    try:
        con = open_read_only(path, key)
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
            except operational_errors():
                row = None
        finally:
            con.close()
    except operational_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy(f"The data file {path} is in use by another program.") from exc
        if has_hot_journal(path):
            raise refuse(
                DatabaseDamaged,
                f"The data file {path} has an unfinished change in {path.name}-journal beside it that could not "
                "be rolled back (is it a Pain Companion diary, and is its folder writable?); both were left as "
                "they are.",
            ) from exc
        raise refuse(DatabaseDamaged, f"The data file {path} cannot be read ({exc}); it was left as it is.") from exc
    except database_errors() as exc:
        if key is not None and "not a database" in str(exc):
            raise refuse(
                DatabaseDamaged,
                f"The encrypted data file {path} does not open with its key: it is damaged, or the key file "
                "belongs to another diary; it was left as it is.",
            ) from exc
        raise refuse(DatabaseDamaged, f"The data file {path} is damaged ({exc}); it was left as it is.") from exc
    if row is None:
        raise refuse(DatabaseDamaged, f"The data file {path} has no schema version; it was left as it is.")
    revision = str(row[0])
    if revision not in KNOWN_REVISIONS:
        raise SchemaTooNew(
            f"The data file {path} was written by a newer version of Pain Companion "
            f"(schema {revision}). Please update the app; the file was left as it is."
        )
    return revision
