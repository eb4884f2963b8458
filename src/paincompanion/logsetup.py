"""The app's one log: a rotating file in the log folder (`AppPaths.logs`), an exception hook, `--verbose` on stderr.

What goes in is *where* and *what kind* of thing went wrong, never what the patient wrote: records carry our own
fixed sentences, and tracebacks keep the exception's type and the code locations but drop its message (an error
from SQLite, a parser or a validator can quote a note, a medicine name or a passphrase). Every module logs
through `logging.getLogger(__name__)`, under the "paincompanion" logger set up here. No Qt.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import sys
import tempfile
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO, TypeAlias

LOGGER_NAME = "paincompanion"
LOG_FILENAME = "paincompanion.log"
#: A small log: a few hundred kilobytes per file, three old files kept.
MAX_BYTES = 512 * 1024
BACKUP_COUNT = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_ExcInfo: TypeAlias = tuple[type[BaseException], BaseException, TracebackType | None]


def format_exception_safely(exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None) -> str:
    """A traceback with the code locations (file, line, function) and exception types only, causes first as
    Python prints them: no messages, no values, no source lines."""
    blocks: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    current_type, current_tb = exc_type, tb
    while True:
        frames = [f'  File "{f.filename}", line {f.lineno}, in {f.name}\n' for f in traceback.extract_tb(current_tb)]
        name = f"{current_type.__module__}.{current_type.__qualname__} (message not logged)"
        blocks.append("Traceback (most recent call last):\n" + "".join(frames) + name)
        if current is None:
            break
        seen.add(id(current))
        cause = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if cause is None or id(cause) in seen:
            break
        current, current_type, current_tb = cause, type(cause), cause.__traceback__
    return "\n\nThe above exception led to the following one:\n\n".join(reversed(blocks))


class SafeFormatter(logging.Formatter):
    """Formats records with `format_exception_safely`; never reuses a traceback another handler cached."""

    def __init__(self) -> None:
        super().__init__(_FORMAT)

    def formatException(self, ei: _ExcInfo | tuple[None, None, None]) -> str:
        exc_type, exc, tb = ei
        return "" if exc_type is None else format_exception_safely(exc_type, exc, tb)

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + self.formatException(record.exc_info)
        if record.stack_info:
            text += "\n" + self.formatStack(record.stack_info)
        return text


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Rotating file made on the first record, mode 0600, in a folder made 0700; falls back to the temporary
    folder when the log folder cannot be written, and never prints its own failures (stderr is for the user)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        super().__init__(
            folder / LOG_FILENAME, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
        self.failed = False

    def _open(self) -> io.TextIOWrapper:
        from .paths import make_private_dir

        candidates = [self.folder, fallback_folder()]
        for folder in candidates:
            try:
                make_private_dir(folder)
                path = folder / LOG_FILENAME
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
                self.baseFilename = os.fspath(path)
                self.folder = folder
                return os.fdopen(fd, "a", encoding="utf-8")
            except OSError:
                continue
        raise OSError("no log folder can be written")

    def handleError(self, record: logging.LogRecord) -> None:
        self.failed = True


def fallback_folder() -> Path:
    """Where the log goes when its own folder cannot be written (a per-user folder in the temporary folder)."""
    getuid = getattr(os, "getuid", None)
    return Path(tempfile.gettempdir()) / f"{LOGGER_NAME}-logs-{getuid() if getuid is not None else 'user'}"


_installed: list[logging.Handler] = []


def setup(folder: Path, *, verbose: bool = False, stream: TextIO | None = None) -> logging.Logger:
    """Send the app's records to a rotating file in `folder` (and, with `verbose`, to `stream`/stderr).

    Calling it again replaces what an earlier call installed (tests, a second window in one process)."""
    shut_down()
    logger = logging.getLogger(LOGGER_NAME)
    file_handler = PrivateRotatingFileHandler(Path(folder))
    file_handler.setFormatter(SafeFormatter())
    file_handler.setLevel(logging.INFO)
    _installed.append(file_handler)
    if verbose:
        echo = logging.StreamHandler(stream if stream is not None else sys.stderr)
        echo.setFormatter(SafeFormatter())
        echo.setLevel(logging.DEBUG)
        _installed.append(echo)
    for handler in _installed:
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    for name, existing in logging.root.manager.loggerDict.items():  # a library's dictConfig may have disabled them
        if (name == LOGGER_NAME or name.startswith(LOGGER_NAME + ".")) and isinstance(existing, logging.Logger):
            existing.disabled = False
    logger.propagate = False  # only our handlers, with the formatter that leaves messages out
    return logger


def shut_down() -> None:
    """Close and remove every handler `setup` installed (a new `setup` starts clean; tests end with it)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in _installed:
        logger.removeHandler(handler)
        handler.close()
    _installed.clear()


def log_file() -> Path | None:
    """The file the current set-up writes to (it may not exist before the first record); None before `setup`."""
    for handler in _installed:
        if isinstance(handler, PrivateRotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def log_folder() -> Path | None:
    """The folder of `log_file()`."""
    path = log_file()
    return path.parent if path is not None else None


def stop_file_logging() -> None:
    """Close and remove the log file's handler (before "Delete all my data" deletes the file): nothing more is
    written to the file, and it is not made again. Records still reach the stderr echo of --verbose."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in [h for h in _installed if isinstance(h, PrivateRotatingFileHandler)]:
        logger.removeHandler(handler)
        handler.close()
        _installed.remove(handler)


def flush() -> None:
    for handler in _installed:
        handler.flush()


def install_excepthooks() -> None:
    """Log every uncaught exception (main thread, other threads, Qt slots which go through sys.excepthook) with
    its traceback, then let the previous hook do what it did."""
    logger = logging.getLogger(LOGGER_NAME)
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            logger.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        previous_hook(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is not SystemExit and args.exc_value is not None:
            logger.critical(
                "Uncaught exception in a thread", exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
            )
        previous_thread_hook(args)

    hook._paincompanion = thread_hook._paincompanion = True  # type: ignore[attr-defined]
    if not getattr(previous_hook, "_paincompanion", False):
        sys.excepthook = hook
    if not getattr(previous_thread_hook, "_paincompanion", False):
        threading.excepthook = thread_hook


def log_caught(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """Log an exception a broad `except` turned into a message for the user: a refusal the app expected (a
    `PainCompanionError`) as one line with its type, anything else as an error with its traceback. `what` is a
    fixed sentence of ours; the exception's message is never logged (see the module docstring)."""
    from .errors import PainCompanionError

    if isinstance(exc, PainCompanionError):
        logger.info("%s (%s)", what, type(exc).__name__)
    else:
        logger.error(what, exc_info=(type(exc), exc, exc.__traceback__))
