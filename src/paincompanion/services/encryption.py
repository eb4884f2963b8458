"""Optional encryption at rest: turn it on or off, change the passphrase, replace a forgotten one.

Off by default. Turned on, the database (and every backup made from then on) is encrypted with SQLCipher
under a random master key; the key file next to it holds that key wrapped by the passphrase, and the
recovery key shown once can always set a new passphrase (storage/cipher_keys.py has the details).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.changes import Changes
from ..errors import BackupError, DiaryLocked, PainCompanionError, ValidationError, WrongPassphrase
from ..paths import AppPaths
from ..storage import backup as store
from ..storage import cipher, cipher_keys
from ..storage.cipher_probe import database_state, file_is_plain

if TYPE_CHECKING:
    from .companion import Companion

MIN_PASSPHRASE_LENGTH = 8
STALE_PARTIAL_SECONDS = 600


class EncryptionFailed(PainCompanionError):
    """Encrypting or decrypting could not finish; the diary was left as it was."""


def check_new_passphrase(text: str) -> str | None:
    """Why `text` is not acceptable as a new passphrase (one plain sentence), or None when it is."""
    if not text or not text.strip():
        return "The passphrase is empty."
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return f"The passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters (a few words are best)."
    if len(set(text)) == 1:
        return "The passphrase repeats one character; use a few words instead."
    if text != text.strip():
        return "The passphrase starts or ends with a space, which is easy to forget; please leave it out."
    return None


def _require_acceptable(passphrase: str) -> None:
    reason = check_new_passphrase(passphrase)
    if reason:
        raise ValidationError(reason)


def unlock_key(paths: AppPaths, passphrase: str | None) -> bytes | None:
    """The master key of an encrypted diary (None for a plain or new one).

    Raises DiaryLocked when it is encrypted and no passphrase was given, WrongPassphrase when it does not fit.
    """
    if database_state(paths) != "encrypted":
        return None
    if passphrase is None:
        raise DiaryLocked()
    return cipher_keys.unlock(paths.key_file, passphrase)


def unlock_check(paths: AppPaths, passphrase: str) -> None:
    """Raise WrongPassphrase unless `passphrase` opens the diary's key file (one PBKDF2, ~0.3 s)."""
    unlock_key(paths, passphrase)


def drop_stale_key_file(paths: AppPaths) -> None:
    """A key file next to a plain database is left by an interrupted encrypt or decrypt: remove it."""
    if database_state(paths) == "plain" and paths.key_file.exists():
        paths.key_file.unlink(missing_ok=True)


def remove_conversion_leftovers(paths: AppPaths) -> None:
    """Remove copies left by an interrupted encrypt, decrypt, restore or backup (a plain one must not linger).

    The database and the backups are always whole (each is finished with an atomic rename): these are spare.
    A half-written backup is removed only when it is old, as another window may be writing it right now.
    """
    database = paths.database
    for suffix in cipher.TEMPORARY_SUFFIXES:
        cipher.remove_with_side_files(database.with_name(f"{database.name}{suffix}"))
    cipher_keys.key_file_temp(paths.key_file).unlink(missing_ok=True)
    if paths.backups.is_dir():
        for partial in paths.backups.glob(".backup-*.sqlite.partial"):
            try:
                if time.time() - partial.stat().st_mtime > STALE_PARTIAL_SECONDS:
                    cipher.remove_with_side_files(partial)
            except OSError:
                pass


def _key_opens(database: Path, master: bytes) -> bool:
    try:
        con = cipher.connect(database, master, read_only=True)
    except cipher.db_errors():
        return False
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except cipher.db_errors():
        return False
    finally:
        con.close()


def reset_passphrase(paths: AppPaths, recovery_key: str, new_passphrase: str) -> None:
    """Forgotten passphrase: with the recovery key, write a new key file for `new_passphrase`.

    Works before the diary is opened, also when the key file is lost. Raises ValidationError (new passphrase
    not acceptable, diary not encrypted) or WrongPassphrase (recovery key mistyped or not this diary's).
    """
    _require_acceptable(new_passphrase)
    if database_state(paths) not in ("encrypted", "key-missing"):
        raise ValidationError("This diary is not encrypted, so it has no passphrase to replace.")
    master = cipher_keys.master_from_recovery_key(recovery_key)
    if not _key_opens(paths.database, master):
        raise WrongPassphrase("That recovery key does not open this diary. Check it letter by letter.")
    cipher_keys.write_key_file(paths.key_file, cipher_keys.wrap(master, new_passphrase))


class EncryptionService:
    """`companion.encryption`: the diary's encryption, switched while it is open."""

    def __init__(self, owner: Companion, convert: Callable[[Callable[[], None], bytes | None], None]) -> None:
        self._owner = owner
        self._convert = convert

    @property
    def _key(self) -> bytes | None:
        return self._owner._db.key

    @property
    def _paths(self) -> AppPaths:
        return self._owner.paths

    @property
    def enabled(self) -> bool:
        return self._key is not None

    def encrypt(self, passphrase: str) -> str:
        """Encrypt the diary (atomically) and return the recovery key, to be shown once: `ABCD-EFGH-...`.

        Takes seconds on a big diary (run it off the GUI thread). A first encrypted backup is made at once;
        backups made before stay as they were (see `plain_backups`).
        """
        _require_acceptable(passphrase)
        if self.enabled:
            raise ValidationError("This diary is already encrypted.")
        master, recovery_key = cipher_keys.new_recovery_key()
        key_file = cipher_keys.wrap(master, passphrase)
        paths = self._paths
        try:
            self._convert(lambda: cipher.encrypt_database(paths.database, paths.key_file, key_file, master), master)
        except cipher.db_errors(OSError) as exc:
            raise EncryptionFailed(f"Encrypting failed ({exc}); your diary was left as it was, not encrypted.") from exc
        try:
            self._owner.backups.create()
        except BackupError:
            pass  # the next automatic backup tries again; the diary itself is encrypted
        return recovery_key

    def decrypt(self) -> None:
        """Store the diary unencrypted again (atomically); its backups made with this key are decrypted too
        (first, so none is left that nothing can open), and the key file is removed."""
        master = self._key
        if master is None:
            raise ValidationError("This diary is not encrypted.")
        paths = self._paths
        try:
            for info in store.list_backups(paths.backups):
                if not file_is_plain(info.path) and _key_opens(info.path, master):
                    cipher.rekey_file(info.path, master, None)
            self._convert(lambda: cipher.decrypt_database(paths.database, paths.key_file, master), None)
        except cipher.db_errors(OSError) as exc:
            raise EncryptionFailed(f"Decrypting failed ({exc}); your diary was left encrypted.") from exc
        self._owner.changed.emit(Changes(backups=True))

    def change_passphrase(self, new_passphrase: str) -> None:
        """Protect the key with a new passphrase (instant: the data is not re-encrypted)."""
        _require_acceptable(new_passphrase)
        master = self._key
        if master is None:
            raise ValidationError("This diary is not encrypted, so it has no passphrase to change.")
        cipher_keys.write_key_file(self._paths.key_file, cipher_keys.wrap(master, new_passphrase))

    def check_passphrase(self, passphrase: str) -> bool:
        """True when `passphrase` is the current one (one PBKDF2, ~0.3 s)."""
        master = self._key
        if master is None:
            return False
        try:
            return cipher_keys.unlock(self._paths.key_file, passphrase) == master
        except WrongPassphrase:
            return False

    def plain_backups(self) -> list[Path]:
        """Backups that are not encrypted (made before encryption was turned on); [] when the diary is plain."""
        if not self.enabled:
            return []
        return [info.path for info in store.list_backups(self._paths.backups) if file_is_plain(info.path)]

    def delete_plain_backups(self) -> list[Path]:
        """Delete the unencrypted backups (after making an encrypted one if there is none); return them."""
        plain = self.plain_backups()
        if not plain:
            return []
        if len(plain) == len(store.list_backups(self._paths.backups)):
            self._owner.backups.create()
            plain = self.plain_backups()
        for path in plain:
            path.unlink(missing_ok=True)
        self._owner.changed.emit(Changes(backups=True))
        return plain
