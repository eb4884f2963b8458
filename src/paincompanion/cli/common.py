"""Helpers shared by subcommands: opening the data, parsing dates."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from ..errors import BackupError, ValidationError
from ..paths import AppPaths
from ..services.companion import Companion


def open_companion(args: argparse.Namespace) -> Companion:
    return Companion.open(AppPaths.default(args.data_dir))


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
