"""Helpers shared by subcommands: opening the data, parsing dates."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from ..domain import bounds
from ..errors import BackupError, DiaryLocked, ValidationError
from ..paths import AppPaths
from ..services.companion import Companion
from ..storage.cipher_probe import is_encrypted

PASSPHRASE_ENV = "PAINCOMPANION_PASSPHRASE"
MAX_SECRET_CHARS = 1024
MAX_SECRET_FILE_BYTES = 16 * 1024
NO_PASSPHRASE = "This diary is encrypted: give its passphrase with --passphrase-file FILE or PAINCOMPANION_PASSPHRASE."


def read_secret_file(path: str, what: str) -> str:
    """The passphrase or recovery key held in a file.

    Read as UTF-8 with an optional byte-order mark (what Notepad writes: `utf-8-sig`); ONE trailing line break
    (\\n or \\r\\n) is removed, nothing else, so spaces are part of the passphrase. A file with more lines is
    refused rather than guessed at.
    """
    file = bounds.check_path(path, f"The {what} file")
    shown = bounds.printable(file)
    try:
        raw = _read_at_most(file, MAX_SECRET_FILE_BYTES + 1)
    except IsADirectoryError:
        raise ValidationError(f"The {what} file {shown} is a folder, not a file.") from None
    except OSError as exc:
        raise ValidationError(f"The {what} file {shown} cannot be read: {exc.strerror}.") from None
    if len(raw) > MAX_SECRET_FILE_BYTES:
        raise ValidationError(f"The {what} file {shown} is too large for a {what}; check the file name.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"The {what} file {shown} is not UTF-8 text.") from None
    text = text.removesuffix("\n").removesuffix("\r") if text.endswith("\n") else text
    if not text:
        raise ValidationError(f"The {what} file {shown} is empty.")
    if "\n" in text or "\r" in text:
        raise ValidationError(f"The {what} file {shown} has more than one line; put the {what} alone on one line.")
    return bounds.check_text(text, f"The {what}", limit=MAX_SECRET_CHARS)


def _read_at_most(path: Path, size: int) -> bytes:
    """Up to `size` bytes of `path`. A pipe (`--passphrase-file <(pass show diary)`) is read as it comes; a named
    pipe that nobody writes to reads as empty instead of waiting forever."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # opened without waiting for a writer; now read what a writer sends
        chunks, left = [], size
        while left > 0:
            chunk = os.read(fd, min(left, 65536))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def prompt_secret(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def passphrase(args: argparse.Namespace) -> str:
    """The diary's passphrase: --passphrase-file, else $PAINCOMPANION_PASSPHRASE, else asked on a terminal.

    Asked at most once per command; without any of them, DiaryLocked (one line, exit status 1).
    """
    cached: str | None = getattr(args, "_passphrase", None)
    if cached is not None:
        return cached
    if getattr(args, "passphrase_file", None):
        found = read_secret_file(args.passphrase_file, "passphrase")
    elif os.environ.get(PASSPHRASE_ENV):
        found = bounds.check_text(os.environ[PASSPHRASE_ENV], f"${PASSPHRASE_ENV}", limit=MAX_SECRET_CHARS)
    elif interactive():
        found = prompt_secret("Passphrase of your diary: ")
    else:
        raise DiaryLocked(NO_PASSPHRASE)
    args._passphrase = found
    return found


def passphrase_if_encrypted(args: argparse.Namespace) -> str | None:
    """The passphrase when the diary is encrypted, else None (nothing asked)."""
    return passphrase(args) if is_encrypted(data_paths(args)) else None


def open_companion(args: argparse.Namespace) -> Companion:
    """Open the diary for a command; an encrypted one with its passphrase (see `passphrase`)."""
    return Companion.open(data_paths(args), passphrase=passphrase_if_encrypted(args))


def parse_day(text: str | None, what: str) -> date | None:
    """A day like 2026-03-10, or None when not given (see domain/bounds)."""
    return bounds.parse_day(text, what)


def parse_moment(text: str, what: str = "--at") -> datetime:
    """ISO-8601 date or date-time; without an offset, local time (a time skipped by a clock change is refused)."""
    return bounds.parse_moment(text, what)


def parse_hours(text: str | None) -> float | None:
    return bounds.parse_number(text, "Hours of sleep", low=0, high=24)


def parse_id(text: str, what: str) -> int:
    """A record id from the command line: 1 to 2^63 − 1."""
    return bounds.parse_id(text, what)


def data_paths(args: argparse.Namespace) -> AppPaths:
    """The app's folders for --data-dir / $PAINCOMPANION_HOME, refusing a data folder that is a file."""
    return check_data_dir(AppPaths.default(args.data_dir))


def check_data_dir(paths: AppPaths) -> AppPaths:
    """`paths` unless its data folder (or a folder above it) is a file, or its name is impossible."""
    bounds.check_path(paths.data, "The data folder")
    for folder in (paths.data, *paths.data.parents):
        if folder.exists():
            if not folder.is_dir():
                raise ValidationError(
                    f"The data folder {bounds.printable(paths.data)} cannot be used: "
                    f"{bounds.printable(folder)} is a file, not a folder."
                )
            break
    return paths


def output_file(args: argparse.Namespace, value: str, what: str = "-o") -> Path:
    """A file the command may write: a sane name in an existing folder, and not one of the app's own files."""
    return bounds.check_output_file(value, what, data_dir=data_paths(args).data)


def auto_backup(companion: Companion) -> None:
    """The hourly backup after a change; a failure is reported but does not undo the command."""
    try:
        companion.backups.maybe_backup()
    except BackupError as exc:
        print(f"paincompanion: warning: the automatic backup failed: {bounds.printable(exc)}", file=sys.stderr)
