"""The encryption keys: a random master key, wrapped by the passphrase in the key file, and a recovery key.

- The database is keyed with the 32-byte master key itself (no SQLCipher key derivation on open).
- Key file (JSON, mode 0600): the master key XOR PBKDF2-SHA256(passphrase), and an HMAC of a constant with
  the master key (`key_check`) that tells a right passphrase from a wrong one.
- Recovery key: 128 random bits (+ 32 bits of checksum that catch typos) written as 8 groups of 4 base32
  characters; master key = sha256(b"paincompanion-recovery-v1" + the 128 bits). It alone opens the diary.

Standard library only.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import WrongPassphrase
from ..files import atomic_write

KEY_FILE_FORMAT = 1
#: OWASP 2023 recommendation for PBKDF2-HMAC-SHA256. Tests lower it with monkeypatch.
PBKDF2_ITERATIONS = 600_000
MASTER_KEY_BYTES = 32
RECOVERY_BYTES = 16
_RECOVERY_CHECK_BYTES = 4
_RECOVERY_PREFIX = b"paincompanion-recovery-v1"
_KEY_CHECK_MESSAGE = b"paincompanion-key-check-v1"
#: Letters people confuse with base32 digits/letters when typing a printed key.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


@dataclass(frozen=True)
class KeyFile:
    key_check: bytes
    iterations: int
    salt: bytes
    wrapped: bytes


def new_master_key() -> bytes:
    return secrets.token_bytes(MASTER_KEY_BYTES)


def key_check(master: bytes) -> bytes:
    return hmac.new(master, _KEY_CHECK_MESSAGE, hashlib.sha256).digest()


def _normalise(passphrase: str) -> bytes:
    """The same passphrase typed on any system gives the same bytes (Unicode NFC)."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _stretch(passphrase: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", _normalise(passphrase), salt, iterations, MASTER_KEY_BYTES)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def wrap(master: bytes, passphrase: str, *, iterations: int | None = None) -> KeyFile:
    """A key file's content for `master` protected by `passphrase` (fresh salt)."""
    iterations = iterations or PBKDF2_ITERATIONS
    salt = secrets.token_bytes(16)
    return KeyFile(key_check(master), iterations, salt, _xor(master, _stretch(passphrase, salt, iterations)))


def unwrap(key_file: KeyFile, passphrase: str) -> bytes:
    """The master key, or WrongPassphrase."""
    master = _xor(key_file.wrapped, _stretch(passphrase, key_file.salt, key_file.iterations))
    if not hmac.compare_digest(key_check(master), key_file.key_check):
        raise WrongPassphrase()
    return master


# --- the key file ------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_file_temp(path: Path) -> Path:
    """Where the key file is written before it is renamed into place."""
    return path.with_name(f".{path.name}.new")


def write_key_file(path: Path, key_file: KeyFile) -> None:
    """Write the key file atomically (temporary file, fsync, rename, fsync of the folder), mode 0600."""
    content = {
        "format": KEY_FILE_FORMAT,
        "key_check": _b64(key_file.key_check),
        "passphrase": {
            "kdf": "pbkdf2-sha256",
            "iterations": key_file.iterations,
            "salt": _b64(key_file.salt),
            "wrapped": _b64(key_file.wrapped),
        },
    }
    atomic_write(path, json.dumps(content, indent=1) + "\n", mode=0o600, temp=key_file_temp(path))


def read_key_file(path: Path) -> KeyFile:
    """Read the key file; a missing or damaged one raises WrongPassphrase with what to do."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        wrapped = content["passphrase"]
        if content.get("format") != KEY_FILE_FORMAT or wrapped.get("kdf") != "pbkdf2-sha256":
            raise ValueError("unknown format")
        key_file = KeyFile(
            key_check=base64.b64decode(content["key_check"], validate=True),
            iterations=int(wrapped["iterations"]),
            salt=base64.b64decode(wrapped["salt"], validate=True),
            wrapped=base64.b64decode(wrapped["wrapped"], validate=True),
        )
        if len(key_file.wrapped) != MASTER_KEY_BYTES or key_file.iterations < 1:
            raise ValueError("wrong sizes")
        return key_file
    except FileNotFoundError:
        raise WrongPassphrase(
            f"The key file {path} is missing, so no passphrase can open this diary. "
            "Use your recovery key to set a new passphrase."
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise WrongPassphrase(
            f"The key file {path} is damaged ({exc}), so no passphrase can open this diary. "
            "Use your recovery key to set a new passphrase."
        ) from None


def unlock(path: Path, passphrase: str) -> bytes:
    """The master key from the key file at `path` and `passphrase` (one PBKDF2), or WrongPassphrase."""
    return unwrap(read_key_file(path), passphrase)


# --- the recovery key --------------------------------------------------------------------------


def _recovery_check(raw: bytes) -> bytes:
    return hashlib.sha256(b"check" + raw).digest()[:_RECOVERY_CHECK_BYTES]


def new_recovery_key() -> tuple[bytes, str]:
    """(the master key, the recovery key as the patient writes it down: 8 groups of 4 characters)."""
    raw = secrets.token_bytes(RECOVERY_BYTES)
    text = base64.b32encode(raw + _recovery_check(raw)).decode("ascii")  # 20 bytes -> 32 characters, no padding
    return master_from_recovery_bytes(raw), "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def master_from_recovery_bytes(raw: bytes) -> bytes:
    return hashlib.sha256(_RECOVERY_PREFIX + raw).digest()


def master_from_recovery_key(text: str) -> bytes:
    """The master key a recovery key stands for; spaces, dashes and case are ignored.

    A key with a typo (wrong length or checksum) raises WrongPassphrase saying so.
    """
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    try:
        decoded = base64.b32decode(cleaned) if len(cleaned) == 32 else b""
    except ValueError:
        decoded = b""
    raw, check = decoded[:RECOVERY_BYTES], decoded[RECOVERY_BYTES:]
    if len(decoded) != RECOVERY_BYTES + _RECOVERY_CHECK_BYTES or not hmac.compare_digest(check, _recovery_check(raw)):
        raise WrongPassphrase(
            "That is not a complete recovery key, or it has a typo: it has 32 letters and digits "
            "in 8 groups of 4, like ABCD-EFGH-...; check each group and try again."
        )
    return master_from_recovery_bytes(raw)


def key_pragma_value(master: bytes) -> str:
    """The SQLCipher key for the raw master key, quoted for `PRAGMA key = ...` and `ATTACH ... KEY ...`."""
    return f"\"x'{master.hex()}'\""
