"""`delete-all-data`: asks twice on a terminal (type "delete", then yes); elsewhere needs --yes-delete-everything."""

from __future__ import annotations

import argparse
import sys

from ...errors import DatabaseError
from ...paths import AppPaths
from ...services.erase import ErasureReport, data_summary, erase_everything, erase_files, human_size
from ..common import data_paths, interactive, open_companion
from ..output import print_json, printable, say

CONFIRM_WORD = "delete"
NOT_CONFIRMED = "Nothing was deleted."


def add_arguments(p: argparse.ArgumentParser, name: str) -> None:
    p.add_argument(
        "--yes-delete-everything",
        action="store_true",
        help="do not ask (needed when not run on a terminal); there is no undo",
    )
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    paths = data_paths(args)
    if not paths.data.exists() and not paths.cache.exists():
        return _finish(args, erase_files(paths))
    if not args.yes_delete_everything:
        if not interactive():
            print(
                "paincompanion: delete-all-data needs --yes-delete-everything when it is not run on a terminal; "
                "nothing was deleted.",
                file=sys.stderr,
            )
            return 1
        if not _confirmed_twice(paths):
            print(NOT_CONFIRMED, file=sys.stderr)
            return 1
    if not paths.database.exists():
        return _finish(args, erase_files(paths))
    try:
        companion = open_companion(args)
    except DatabaseError as exc:  # locked, wrong passphrase, damaged: the files go all the same
        return _finish(args, erase_files(paths, exc.user_message()))
    return _finish(args, erase_everything(companion))


def _ask(question: str) -> str:
    sys.stderr.write(question)
    sys.stderr.flush()
    return (sys.stdin.readline() or "").strip()


def _confirmed_twice(paths: AppPaths) -> bool:
    size, backups = data_summary(paths)
    sys.stderr.write(
        f"This deletes ALL your Pain Companion data in {printable(paths.data)} ({human_size(size)}):\n"
        f"your diary, medicines and doses, routines and worksheets, settings, {backups} backups, the encryption\n"
        "key file (if any), window settings and the cache. It cannot be undone.\n"
        "To keep a copy first: paincompanion export --format json -o everything.json\n"
    )
    if _ask(f'Type "{CONFIRM_WORD}" to continue: ').lower() != CONFIRM_WORD:
        return False
    return _ask("Are you sure? Everything will be deleted now. [y/N]: ").lower() in ("y", "yes")


def _finish(args: argparse.Namespace, report: ErasureReport) -> int:
    if args.json:
        print_json(report.to_json())
    else:
        for line in report.lines():
            say(False, line)
    return 0 if report.complete else 1
