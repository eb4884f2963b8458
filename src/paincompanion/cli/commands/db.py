"""`backup create|list|restore` and `db check|version`."""

from __future__ import annotations

import argparse

from ...domain import bounds
from ...domain.clock import SystemClock
from ...errors import DatabaseError, DiaryLocked, WrongPassphrase
from ...services.backups import restore_unopenable
from ...storage.migrations import HEAD_REVISION
from ..common import data_paths, open_companion, passphrase_if_encrypted
from ..output import print_json, say


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    if name == "backup":
        sub.add_parser("create", help="back up now").add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS
        )
        sub.add_parser("list", help="list backups").add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS
        )
        restore = sub.add_parser("restore", help="replace the data with a backup (the current data is backed up first)")
        restore.add_argument("file", metavar="FILE")
        restore.add_argument("--json", action="store_true", default=argparse.SUPPRESS)
    else:
        sub.add_parser("check", help="full integrity check").add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS
        )
        sub.add_parser("version", help="schema version").add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS
        )


def run(args: argparse.Namespace) -> int:
    if args.command == "backup" and args.action == "restore":
        _check_backup_name(args)
        try:
            companion = open_companion(args)
        except (DiaryLocked, WrongPassphrase):
            raise  # no passphrase, or a wrong one: that is not a damaged file to replace
        except DatabaseError as exc:
            return _restore_unopenable(args, exc)
        companion.close()
    with open_companion(args) as companion:
        if args.command == "db" and args.action == "check":
            report = companion.backups.check()
            if args.json:
                print_json({"ok": report.ok, "problems": report.problems + report.foreign_key_problems})
            elif report.ok:
                say(False, "The database is intact (integrity check: ok).")
            else:
                say(False, "The database has problems:")
                for line in report.lines():
                    say(False, f"  {line}")
            return 0 if report.ok else 1
        if args.command == "db":
            if args.json:
                print_json({"schema": HEAD_REVISION, "file": str(companion.paths.database)})
            else:
                say(False, f"Schema {HEAD_REVISION}; data file {companion.paths.database}")
            return 0
        if args.action == "create":
            info = companion.backups.create()
            if args.json:
                print_json({"backup": str(info.path), "size": info.size})
            else:
                say(False, f"Backed up to {info.path}")
        elif args.action == "list":
            backups = companion.backups.list_backups()
            if args.json:
                print_json({"backups": [
                    {"file": str(b.path), "made": b.made.isoformat(), "reason": b.reason, "size": b.size}
                    for b in backups
                ]})  # fmt: skip
            else:
                for b in backups:
                    reason = f"  ({b.reason})" if b.reason else ""
                    say(False, f"{b.made:%Y-%m-%d %H:%M:%S}  {b.size / 1024:8.0f} KiB  {b.path.name}{reason}")
                if not backups:
                    say(False, "No backups yet.")
        else:
            safety = companion.restore_backup(args.file)
            if args.json:
                print_json({"restored": args.file, "previous_data_backup": str(safety.path)})
            else:
                say(False, f"Restored {args.file}. Your data from before the restore is in {safety.path}.")
    return 0


def _check_backup_name(args: argparse.Namespace) -> None:
    """A name the system can take, and, when it names something (as given or in backups/), a regular file."""
    what = "The backup to restore"
    given = bounds.check_path(args.file, what)
    for candidate in (given, data_paths(args).backups / given):
        if candidate.exists():
            bounds.check_input_file(candidate, what)
            return


def _restore_unopenable(args: argparse.Namespace, problem: DatabaseError) -> int:
    """The live file cannot be opened: keep it aside untouched and put the backup in its place."""
    paths = data_paths(args)
    aside = restore_unopenable(paths, args.file, SystemClock().now(), passphrase=passphrase_if_encrypted(args))
    with open_companion(args) as companion:
        count = companion.diary.count()
    if args.json:
        print_json({"restored": args.file, "unopenable_file_kept_as": str(aside), "entries": count})
    else:
        say(False, f"The data file could not be opened ({problem}).")
        say(False, f"Restored {args.file} ({count} entries). The old file was kept, unchanged, as {aside}.")
    return 0
