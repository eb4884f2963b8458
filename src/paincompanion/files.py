"""Writing a file so that it is either the old one or the complete new one, never half of either. No Qt.

`atomic_write` is the app's one way to write a file (exports, summaries, the key file, the start-up entry,
saved recovery keys): a temporary file in the same folder, written, flushed and fsynced, renamed over the
target (`os.replace`, atomic on one file system), then the folder fsynced so the rename survives a power cut.
If anything fails the temporary file is removed and the old file is untouched. `fsync_path` and
`replace_durably` are the same steps for files written another way (SQLite copies in storage/).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

#: The temporary file's name, in the target's folder: hidden, and recognisable as a leftover (services/erase.py).
TEMP_SUFFIX = ".partial"


def temp_path_for(path: Path) -> Path:
    """Where `atomic_write` writes `path` before renaming it into place."""
    return path.with_name(f".{path.name}{TEMP_SUFFIX}")


def fsync_path(path: Path) -> None:
    """Flush `path` (a file or a folder) to the disk. Folders cannot be opened on Windows: nothing to do there."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (IsADirectoryError, PermissionError):
        if path.is_dir():
            return
        raise
    try:
        os.fsync(fd)
    except OSError as exc:
        if not path.is_dir() or exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise  # some file systems cannot flush a folder: the rename is as durable as they make it
    finally:
        os.close(fd)


def replace_durably(temp: Path, path: Path) -> None:
    """Give the complete, fsynced file `temp` the name `path` (atomic) and make the rename itself durable."""
    os.replace(temp, path)
    fsync_path(path.parent)


def _mode_for(path: Path, mode: int | None) -> int:
    """`mode` if given; else the existing file's permissions (kept on overwrite); else the usual 0666 less the umask."""
    if mode is not None:
        return mode
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(
    path: Path, data: bytes | str, *, mode: int | None = None, temp: Path | None = None, encoding: str = "utf-8"
) -> None:
    """Write `data` (text is encoded with `encoding`, newlines as given) to `path` atomically and durably.

    `mode` sets the permissions (0o600 for anything private); without it an existing file keeps its own.
    `temp` names the temporary file (default `temp_path_for(path)`); a leftover from a crash is replaced.
    Raises OSError (the old file, if any, untouched; no temporary file left behind).
    """
    content = data.encode(encoding) if isinstance(data, str) else bytes(data)

    def write(fd: int) -> None:
        view = memoryview(content)
        while view:
            written = os.write(fd, view)
            view = view[written:]

    _write_via_temp(Path(path), write, mode, temp)


def atomic_copy(source: Path, path: Path, *, mode: int | None = None) -> None:
    """Copy the file `source` to `path` the same way as `atomic_write` (streamed: a diary may be large)."""

    def write(fd: int) -> None:
        with open(source, "rb") as src:
            while chunk := src.read(1 << 20):
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view) :]

    _write_via_temp(Path(path), write, mode, None)


def _write_via_temp(path: Path, write: Callable[[int], None], mode: int | None, temp: Path | None) -> None:
    """The one mechanism: a private temporary file, written by `write(fd)`, fsynced, renamed, the folder fsynced."""
    temp = temp_path_for(path) if temp is None else Path(temp)
    final_mode = _mode_for(path, mode)
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, final_mode)
            write(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            os.chmod(temp, final_mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_path(path.parent)
