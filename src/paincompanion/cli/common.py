"""Helpers shared by subcommands: opening the data, parsing dates."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from ..errors import BackupError, DiaryLocked, ValidationError
from ..paths import AppPaths
from ..services.companion import Companion
from ..storage.cipher_probe import is_encrypted

PASSPHRASE_ENV = "PAINCOMPANION_PASSPHRASE"
NO_PASSPHRASE = "This diary is encrypted: give its passphrase with --passphrase-file FILE or PAINCOMPANION_PASSPHRASE."


def read_secret_file(path: str, what: str) -> str:
    """The first line of a file holding a passphrase or recovery key (its line ending removed)."""
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"The {what} file {path} cannot be read: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise ValidationError(f"The {what} file {path} is not UTF-8 text.") from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise ValidationError(f"The {what} file {path} is empty.")
    return lines[0]


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def prompt_secret(prompt: str) -> str:
    import getpass

    return getpass.getpass(prompt)


def passphrase(args: argparse.Namespace) -> str:
    """The diary's passphrase: --passphrase-file, else $PAINCOMPANION_PASSPHRASE, else asked on a terminal.

    Asked at most once per command; without any of them, DiaryLocked (one line, exit status 1).
    """
    cached = getattr(args, "_passphrase", None)
    if cached is not None:
        return cached
    if getattr(args, "passphrase_file", None):
        found = read_secret_file(args.passphrase_file, "passphrase")
    elif os.environ.get(PASSPHRASE_ENV):
        found = os.environ[PASSPHRASE_ENV]
    elif interactive():
        found = prompt_secret("Passphrase of your diary: ")
    else:
        raise DiaryLocked(NO_PASSPHRASE)
    args._passphrase = found
    return found


def passphrase_if_encrypted(args: argparse.Namespace) -> str | None:
    """The passphrase when the diary is encrypted, else None (nothing asked)."""
    return passphrase(args) if is_encrypted(AppPaths.default(args.data_dir)) else None


def open_companion(args: argparse.Namespace) -> Companion:
    """Open the diary for a command; an encrypted one with its passphrase (see `passphrase`)."""
    return Companion.open(AppPaths.default(args.data_dir), passphrase=passphrase_if_encrypted(args))


def parse_day(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{what} must be a date like 2026-03-10, not {text!r}.") from None


def parse_moment(text: str) -> datetime:
    """ISO-8601 date or date-time; without an offset it is taken as local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"--at must be a date and time like 2026-03-10T08:30, not {text!r}.") from None
    return moment if moment.tzinfo else moment.astimezone()


def parse_hours(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"Hours of sleep must be a number like 7.5, not {text!r}.") from None


def auto_backup(companion: Companion) -> None:
    """The hourly backup after a change; a failure is reported but does not undo the command."""
    try:
        companion.backups.maybe_backup()
    except BackupError as exc:
        print(f"paincompanion: warning: the automatic backup failed: {exc}", file=sys.stderr)
