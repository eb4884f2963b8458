"""Is the diary encrypted? Decided from the file's first bytes and the key file, with the standard library alone.

The GUI asks this before anything else at start-up, so this module imports neither SQLAlchemy nor sqlcipher3
(tests/test_architecture.py checks the start-up imports).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from ..paths import AppPaths

SQLITE_MAGIC = b"SQLite format 3\x00"

State = Literal["missing", "plain", "encrypted", "key-missing"]


def file_is_plain(path: Path) -> bool:
    """True when `path` starts like an ordinary (unencrypted) SQLite database."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def database_state(paths: AppPaths) -> State:
    """ "missing" (no file or an empty one), "plain", "encrypted" (with its key file) or "key-missing"
    (not plain SQLite and no key file: an encrypted diary whose key file is gone, or a damaged/foreign file)."""
    try:
        size = paths.database.stat().st_size
    except OSError:
        return "missing"
    if size == 0:
        return "missing"
    if file_is_plain(paths.database):
        return "plain"
    return "encrypted" if paths.key_file.exists() else "key-missing"


def is_encrypted(paths: AppPaths) -> bool:
    """True when the diary is encrypted and its key file is there (so a passphrase can open it).

    A key file next to a plain database is a leftover of an interrupted encrypt/decrypt and is ignored.
    """
    return database_state(paths) == "encrypted"


#: SQLCipher writes whole pages of this size; a file of another length is not an encrypted diary.
ENCRYPTED_PAGE_SIZE = 4096


def looks_locked_without_key(paths: AppPaths) -> bool:
    """The data file looks like an encrypted diary (not plain SQLite, whole 4 KiB pages) but its key file is
    gone: only the recovery key can open it. (A foreign or damaged file fails that test or the recovery key.)"""
    try:
        return key_file_missing(paths) and paths.database.stat().st_size % ENCRYPTED_PAGE_SIZE == 0
    except OSError:
        return False


def key_file_missing(paths: AppPaths) -> bool:
    """True when the data file is not plain SQLite and there is no key file: either an encrypted diary whose
    key file was lost (the recovery key can set a new passphrase) or a damaged or foreign file."""
    return database_state(paths) == "key-missing"
