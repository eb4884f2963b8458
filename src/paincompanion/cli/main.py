"""Argument parsing and dispatch. Subcommand modules are imported lazily from COMMANDS."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from types import ModuleType

from .. import __version__
from ..domain.bounds import printable
from ..errors import DatabaseError, PainCompanionError

UNEXPECTED = "Something unexpected went wrong"

#: subcommand -> (module under cli.commands, help). Each module has `add_arguments(parser, name)` (one module may
#: serve several subcommands) and `run(args) -> int` (the exit status).
COMMANDS: dict[str, tuple[str, str]] = {
    "log": ("diary", "add a diary entry"),
    "entries": ("diary", "list diary entries"),
    "edit": ("diary", "change a diary entry"),
    "delete": ("diary", "delete a diary entry"),
    "peg": ("diary", "record the weekly PEG check-in"),
    "export": ("transfer", "export everything to CSV or JSON"),
    "import": ("transfer", "import a Pain Companion JSON or CSV export"),
    "backup": ("db", "create, list or restore backups"),
    "db": ("db", "check the database"),
    "demo": ("demo", "fill an empty data dir with realistic synthetic data"),
    "meds": ("meds", "your medicines and supplements: add, list, stop, take, doses, delete"),
    "routines": ("routines", "browse the guided exercise, relaxation and coping routines"),
    "interactions": ("interactions", "check medicines and supplements for interactions"),
    "mme": ("interactions", "add up opioids as morphine milligram equivalents (CDC 2022)"),
    "goals": ("goals", "your function goals: add, list, rate progress, mark done"),
    "checkin": ("checkin", "optional check-ins: PHQ-2, GAD-2, side effects, change since the last summary, naloxone"),
    "report": ("report", "write the appointment summary as a PDF for your clinician"),
    "delete-all-data": ("erase", "delete all your data, backups and settings from this computer (asks twice)"),
    "encrypt": ("encryption", "encrypt the diary with a passphrase (shows a recovery key once)"),
    "decrypt": ("encryption", "store the diary unencrypted again"),
    "change-passphrase": ("encryption", "set a new passphrase (with the old one, or with your recovery key)"),
}


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one plain line on stderr (no usage dump), exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {printable(message)} (see --help)\n")


def build_parser(command: str | None = None, *, light: bool = False) -> argparse.ArgumentParser:
    """The parser; `light` skips loading subcommand modules (only the global options and the command name)."""
    parser = OneLineParser(prog="paincompanion", description="Pain Companion: your pain diary, on your computer.")
    parser.add_argument("--version", action="version", version=f"Pain Companion {__version__}")
    parser.add_argument(
        "--data-dir", metavar="DIR", help="keep the data in DIR (default: $PAINCOMPANION_HOME or the user data dir)"
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help="read the passphrase of an encrypted diary from FILE (or set $PAINCOMPANION_PASSPHRASE); "
        "UTF-8, a byte-order mark and one final line break are ignored",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output on stdout")
    parser.add_argument(
        "--verbose", action="store_true", help="also print the log's records on stderr (they never hold your entries)"
    )
    parser.add_argument("--quit-after-startup", action="store_true", help="GUI: quit once the window is shown and idle")
    parser.add_argument("--minimised", action="store_true", help="GUI: start hidden in the tray (reminders)")
    parser.add_argument(
        "--theme",
        choices=("system", "light", "dark", "high-contrast"),
        help="GUI: colours to use (default: the system's, or $PAINCOMPANION_THEME)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name, (module, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text, add_help=not light)
        if not light and command in (None, name):
            _load(module).add_arguments(sub_parser, name)
    return parser


def _load(module: str) -> ModuleType:
    return importlib.import_module(f"{__package__}.commands.{module}")


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every way it can end is an exit status; every refusal is one plain line on stderr."""
    _tolerant_output()
    # First find the subcommand cheaply, so the GUI start never imports the CLI's modules (and SQLAlchemy).
    light, _ = build_parser(light=True).parse_known_args(argv)
    args = build_parser(light.command, light=light.command is None).parse_args(argv)
    if args.command is None:
        from ..gui.app import main as gui_main

        return gui_main(
            args.data_dir,
            quit_after_startup=args.quit_after_startup,
            minimised=args.minimised,
            verbose=args.verbose,
            theme=args.theme,
        )
    _start_log(args)
    try:
        run: Callable[[argparse.Namespace], int] = _load(COMMANDS[args.command][0]).run
        return run(args)
    except DatabaseError as exc:
        return _refuse(exc.user_message())
    except PainCompanionError as exc:
        return _refuse(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `paincompanion entries | head`
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the system refused (disk full, permissions, a name it cannot take…)
        return _refuse(_os_error_text(exc))
    except Exception as exc:  # last resort: a bug still ends in one line, with a log
        where = _log_unexpected(args, exc)
        return _refuse(
            f"{UNEXPECTED} ({type(exc).__name__}); the command stopped. Details for a bug report are in {where}."
        )


def _refuse(message: str) -> int:
    """The one-line error contract: `paincompanion: <message>` on stderr, exit status 1."""
    line = printable(" ".join(message.split()))
    print(f"paincompanion: {line}", file=sys.stderr)
    return 1


def _os_error_text(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    if exc.filename is not None:
        return f"{os_fsdecode(exc.filename)}: {reason}. Nothing more was done."
    return f"{reason}. Nothing more was done."


def os_fsdecode(name: object) -> str:
    import os

    return os.fsdecode(name) if isinstance(name, str | bytes) else str(name)


def _tolerant_output() -> None:
    """Never fail on printing: characters the terminal's encoding cannot show become escapes."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot be reconfigured
                pass


def _start_log(args: argparse.Namespace) -> None:
    """The app's log (see logsetup) in the data folder's log folder; a data folder that cannot be worked out
    (it is what is wrong) puts it in the fallback folder."""
    import logging

    from .. import logsetup
    from ..paths import AppPaths

    try:
        folder = AppPaths.default(args.data_dir).logs
    except Exception:  # the data folder itself may be what is wrong
        logging.getLogger(__name__).warning("The data folder's path could not be worked out", exc_info=True)
        folder = logsetup.fallback_folder()
    logsetup.setup(folder, verbose=args.verbose)
    logsetup.install_excepthooks()


def _log_unexpected(args: argparse.Namespace, exc: BaseException) -> str:
    """Log the traceback (code locations and the exception's type; never the message or values, which may hold
    what the patient wrote) in the app's log; returns where it went."""
    import logging

    from .. import logsetup

    logging.getLogger(__name__).error("The command %r stopped on an unexpected error", args.command, exc_info=exc)
    logsetup.flush()
    where = logsetup.log_file()
    if where is None or not where.is_file():
        return "no log (no folder could be written)"
    return str(where)
