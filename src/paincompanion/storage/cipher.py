"""SQLCipher connections and whole-file conversions (encrypt, decrypt, re-key a copy), each one atomic.

`key` is always the raw 32-byte master key (see cipher_keys) or None for a plain database. Plain files are
opened with the standard sqlite3 module, encrypted ones with sqlcipher3 (imported only when needed, so a
plain diary never pays for it). A conversion builds the new file under a temporary name, checks it, fsyncs it
and only then renames it over the old one: a crash at any moment leaves a file that opens.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import DatabaseBusy
from ..files import fsync_path, replace_durably
from .cipher_keys import KeyFile, key_pragma_value, write_key_file
from .cipher_probe import file_is_plain

SIDE_FILES = ("-wal", "-shm", "-journal")
#: The names (after the database's own) of the copies an encrypt, decrypt or restore builds.
TEMPORARY_SUFFIXES = (".encrypting", ".decrypting", ".restoring")


def sqlcipher() -> Any:
    """The sqlcipher3 DB-API module (imported on first use), with SQLCipher 4's settings pinned as the default
    for every database keyed in this process, so a future SQLCipher with other defaults still opens ours."""
    global _pinned
    import sqlcipher3.dbapi2

    if not _pinned:
        con = sqlcipher3.dbapi2.connect(":memory:")
        con.execute("PRAGMA cipher_default_compatibility = 4")
        con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not lines on stderr
        con.close()
        _pinned = True
    return sqlcipher3.dbapi2


_pinned = False


def db_errors(*also: type[BaseException]) -> tuple[type[BaseException], ...]:
    """The DB-API error classes of both drivers, plus `also` (for `except db_errors(OSError):`)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, loaded.Error, *also) if loaded is not None else (sqlite3.Error, *also)


def database_errors() -> tuple[type[BaseException], ...]:
    """The DB-API DatabaseError classes of both drivers."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.DatabaseError, loaded.DatabaseError) if loaded is not None else (sqlite3.DatabaseError,)


def operational_errors() -> tuple[type[BaseException], ...]:
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.OperationalError, loaded.OperationalError) if loaded is not None else (sqlite3.OperationalError,)


def key_connection(con: Any, key: bytes) -> None:
    """Key a fresh sqlcipher3 connection (quietly: SQLCipher would log a wrong key to stderr)."""
    con.execute("PRAGMA cipher_log_level = NONE")
    con.execute(f"PRAGMA key = {key_pragma_value(key)}")


def connect(path: Path, key: bytes | None = None, *, read_only: bool = False, check_same_thread: bool = True) -> Any:
    """A DB-API connection to `path`: sqlite3 for a plain file (key None), keyed sqlcipher3 otherwise."""
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    if key is None:
        return sqlite3.connect(target, uri=read_only, check_same_thread=check_same_thread)
    con = sqlcipher().connect(target, uri=read_only, check_same_thread=check_same_thread)
    try:
        key_connection(con, key)
    except BaseException:
        con.close()
        raise
    return con


def key_for_file(path: Path, key: bytes | None) -> bytes | None:
    """The key to open `path` with: None for a plain file (a plain backup of an encrypted diary)."""
    return None if file_is_plain(path) else key


def remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def set_aside_side_files(path: Path) -> None:
    """Before another file takes `path`'s name: its -shm/-journal go, an empty -wal goes, and a -wal with
    content (never expected: the database was closed and checkpointed) is renamed aside, never replayed."""
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if not side.exists():
            continue
        if suffix == "-wal" and side.stat().st_size > 0:
            os.replace(side, side.with_name(f"{side.name}.orphaned"))
        else:
            side.unlink(missing_ok=True)


def _create_private_file(path: Path) -> None:
    remove_with_side_files(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def _table_counts(con: Any, schema: str = "main") -> dict[str, int]:
    sql = f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    names = [row[0] for row in con.execute(sql)]
    return {name: con.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0] for name in names}


@contextmanager
def locked_copy(
    source: Path,
    source_key: bytes | None,
    target: Path,
    target_key: bytes | None,
    *,
    alone: bool = True,
    wal: bool = False,
) -> Iterator[None]:
    """Write a complete copy of `source` into the new file `target` with another key (or none), checked and
    fsynced, then run the block while `source` stays locked against every other connection (so nothing can
    be written to it that the copy would miss). `target` is created here (mode 0600); on any failure it is
    removed. A `source` that another program has open raises DatabaseBusy, and nothing is changed.

    `alone=False`: `source` is only read (opened read-only, not locked): a backup to restore from.
    `wal=True`: the copy is built in WAL mode, the journal mode the app uses, for a copy that becomes the live
    database: opening it later needs no switch of journal mode, a write that a kill could interrupt and leave
    as a hot rollback journal beside the renamed file.
    """
    _create_private_file(target)
    source_name = f"{source.resolve().as_uri()}?mode={'rw' if alone else 'ro'}"
    con = sqlcipher().connect(source_name, uri=True, isolation_level=None)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            con.execute(f"PRAGMA key = {key_pragma_value(source_key)}")
        con.execute("PRAGMA busy_timeout = 2000")
        if alone:
            _take_alone(con, source)
        target_key_sql = key_pragma_value(target_key) if target_key is not None else "''"
        con.execute(f"ATTACH DATABASE ? AS copy KEY {target_key_sql}", (f"{target.resolve().as_uri()}?mode=rw",))
        if wal and str(con.execute("PRAGMA copy.journal_mode = WAL").fetchone()[0]).lower() != "wal":
            raise sqlite3.DatabaseError("the new copy cannot use write-ahead logging")
        con.execute("BEGIN")
        con.execute("SELECT sqlcipher_export('copy')")
        for pragma in ("user_version", "application_id"):
            value = int(con.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            con.execute(f"PRAGMA copy.{pragma} = {value}")
        con.execute("COMMIT")
        if con.execute("PRAGMA copy.quick_check").fetchone()[0] != "ok":
            raise sqlite3.DatabaseError("the new copy failed its integrity check")
        if _table_counts(con, "main") != _table_counts(con, "copy"):
            raise sqlite3.DatabaseError("the new copy does not hold every row")
        if wal:
            con.execute("PRAGMA copy.wal_checkpoint(TRUNCATE)")
        con.execute("DETACH DATABASE copy")
        _require_no_side_data(target)
        fsync_path(target)
        yield
    except BaseException:
        con.close()
        remove_with_side_files(target)
        raise
    con.close()


def _require_no_side_data(path: Path) -> None:
    """After the copy was closed: all of it is in the file itself (a -wal or -journal with content would not
    follow the file when it is renamed). Empty side files are removed."""
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists() and suffix != "-shm" and side.stat().st_size > 0:
            raise sqlite3.DatabaseError(f"the new copy left its {suffix[1:]} file behind")
        side.unlink(missing_ok=True)


def _take_alone(con: Any, source: Path) -> None:
    """Make `con` the only connection to `source` until it closes: rollback journal (so no -wal is left
    that the copy would miss) and exclusive locking. Refused while another program has the file open.

    Switching out of WAL writes the file's header through a rollback journal: a kill in that moment leaves a hot
    `-journal` beside the unchanged data, which the next open rolls back (storage/recovery.py)."""
    try:
        mode = con.execute("PRAGMA main.journal_mode = DELETE").fetchone()[0]
        con.execute("PRAGMA main.locking_mode = EXCLUSIVE")
        con.execute("BEGIN EXCLUSIVE")
        con.execute("COMMIT")
    except operational_errors() as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseBusy(
                f"The data file {source} is open in another Pain Companion window or command: close it there and "
                "try again. Nothing was changed."
            ) from exc
        raise
    if str(mode).lower() != "delete":
        raise sqlite3.DatabaseError(f"the data file stays in {mode} mode")


def export_copy(
    source: Path, source_key: bytes | None, target: Path, target_key: bytes | None, *, wal: bool = False
) -> None:
    """A complete, checked, fsynced copy of the file `source` (only read) in the new file `target`
    (`wal`: in WAL mode, for a copy that becomes the live database)."""
    with locked_copy(source, source_key, target, target_key, alone=False, wal=wal):
        pass


def replace_database(new: Path, live: Path) -> None:
    """Give the complete, fsynced file `new` the name `live` (atomic rename) and make the rename durable."""
    set_aside_side_files(live)
    replace_durably(new, live)


def _step(_name: str) -> None:
    """Between the steps of a conversion; tests monkeypatch it to simulate a crash there."""


def encrypt_database(live: Path, key_path: Path, key_file: KeyFile, master: bytes) -> None:
    """Encrypt the closed, checkpointed plain database at `live` with `master`.

    Order: encrypted copy built and fsynced under a temporary name; key file written (atomically); the copy
    renamed over the database. A crash before the rename leaves the plain database (the key file next to it
    is then a leftover and ignored); after it, the encrypted database and its key file.
    """
    if not file_is_plain(live):
        raise sqlite3.DatabaseError("the data file is not a plain database")
    temp = live.with_name(f"{live.name}{TEMPORARY_SUFFIXES[0]}")
    with locked_copy(live, None, temp, master, wal=True):
        _step("copied")
        try:
            write_key_file(key_path, key_file)
            _step("key written")
            replace_database(temp, live)
        except BaseException:
            if file_is_plain(live):  # the database was not replaced: the new key file must not stay
                key_path.unlink(missing_ok=True)
            raise
    _step("replaced")


def decrypt_database(live: Path, key_path: Path, master: bytes) -> None:
    """Decrypt the closed encrypted database at `live`: plain copy built and fsynced, renamed over the
    database, then the key file removed. A crash at any point leaves a database that opens."""
    temp = live.with_name(f"{live.name}{TEMPORARY_SUFFIXES[1]}")
    with locked_copy(live, master, temp, None, wal=True):
        _step("copied")
        replace_database(temp, live)
    _step("replaced")
    key_path.unlink(missing_ok=True)
    fsync_path(key_path.parent)


def rekey_file(path: Path, source_key: bytes | None, target_key: bytes | None) -> None:
    """Convert one file (a backup) to another key in place, atomically."""
    temp = path.with_name(f".{path.name}.partial")
    with locked_copy(path, source_key, temp, target_key):
        replace_durably(temp, path)


def copy_with_key(source: Path, source_key: bytes | None, target: Path, target_key: bytes | None) -> None:
    """Replace the (closed) database `target` by a copy of `source` keyed with `target_key`, atomically."""
    temp = target.with_name(f"{target.name}{TEMPORARY_SUFFIXES[2]}")
    export_copy(source, source_key, temp, target_key, wal=True)
    _step("copied")
    replace_database(temp, target)
    _step("replaced")
