"""A hot rollback journal beside the data file is rolled back safely before the read-only probe.

The app runs in WAL mode and never leaves a rollback journal itself, but a process killed while SQLite
switched the file's journal mode (an older version's encrypt or decrypt did that) or while another program
wrote the file in rollback mode leaves `<file>-journal`: the pages that put the file back as it was before
that write. Only a read-write connection rolls it back; the probe opens read-only and would refuse the file
("attempt to write a readonly database"), although nothing is lost.

So, before the probe: the file and its journal are copied aside (`<file>.before-recovery-<time>` and its
`-journal`: opening that copy read-write replays the same journal), the file is opened read-write (with the
key of an encrypted diary) and read once, which makes SQLite roll the journal back, and the copy is deleted
when the file then passes its quick check. Otherwise the copy stays for the patient (or support) to use.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..files import atomic_copy
from .cipher import connect, db_errors, remove_with_side_files
from .cipher_probe import SQLITE_MAGIC, file_is_plain
from .integrity import check_file

#: The first bytes of a rollback journal's header; a journal whose header was zeroed is not hot.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
#: "PAIN": the application id in a plain database header (bytes 68-71), as in probe.APPLICATION_ID.
_OUR_ID = (0x5041494E).to_bytes(4, "big")
RECOVERY_INFIX = ".before-recovery-"


def journal_of(path: Path) -> Path:
    return Path(f"{path}-journal")


def has_hot_journal(path: Path) -> bool:
    """`path` has a rollback journal beside it that SQLite would play back on a read-write open."""
    try:
        with open(journal_of(path), "rb") as fh:
            return fh.read(len(JOURNAL_MAGIC)) == JOURNAL_MAGIC
    except OSError:
        return False


def _ours_or_encrypted(path: Path, key: bytes | None) -> bool:
    """Only our own diary is written to: a plain file carrying our application id, or an encrypted one we have
    the key of (a foreign SQLite file with a journal is left exactly as it is, for the probe to refuse)."""
    if not file_is_plain(path):
        return key is not None
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == _OUR_ID


def recover_hot_journal(path: Path, key: bytes | None, now: datetime) -> Path | None:
    """Roll back a hot journal beside the data file `path` (see the module text).

    Returns None when there was nothing to do or the recovery worked (its safety copy is then deleted), else
    the path of the safety copy that was kept.
    """
    if not has_hot_journal(path) or not _ours_or_encrypted(path, key):
        return None
    journal = journal_of(path)
    copy = path.with_name(f"{path.name}{RECOVERY_INFIX}{now:%Y-%m-%d-%H.%M.%S}")
    try:
        _copy_private(path, copy)
        _copy_private(journal, journal_of(copy))
    except OSError:
        remove_with_side_files(copy)
        return None  # no room for the safety copy: the file is not touched, and the probe says why it fails
    try:
        con = connect(path, key)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except db_errors():
        return copy
    if has_hot_journal(path) or not check_file(path, thorough=False, key=key).ok:
        return copy
    remove_with_side_files(copy)
    return None


def _copy_private(source: Path, target: Path) -> None:
    atomic_copy(source, target, mode=0o600)
