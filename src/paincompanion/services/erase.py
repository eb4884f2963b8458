"""Delete all my data: empty the database and its backups, then remove every file the app made.

Steps: with the database open (secure_delete is on) every row of every table is deleted in one transaction and
the write-ahead log is checkpointed, so the freed pages are zeroed; each plain backup the app made is emptied the
same way, and so is each full copy of the diary it set aside in the data folder (the unopenable file kept by a
restore, `*.unopenable-*`; the safety copy of a journal recovery, `*.before-recovery-*`) (an encrypted one is
unreadable without the key and is simply deleted); the companion is closed and can no longer be used (nothing
can recreate the file); then the files are removed: the database with its -wal/-shm/-journal, leftovers of
interrupted steps (*.new, *.orphaned, *.partial, …), the encryption key file, the app's backups
(`backup-<time>[-reason].sqlite`, their side files and half-written copies), the cache folder, the window-state
file (ui-state.ini) and the GUI's lock file, and finally the folders left empty. A file the app did not make, in
the data folder or in backups/, is left where it is and named in the report. The app's log files
(paincompanion.log and its rotated copies) go too: with the cache when the log is kept there, else from the
platform's user log folder (`AppPaths.logs`), which is then removed with its empty app-named parents. Nothing
outside the data, cache and log folders is touched.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import APP_NAME, ORG_NAME, logsetup
from ..errors import PainCompanionError
from ..paths import APP_FILE_PREFIXES, DB_FILENAME, AppPaths
from ..storage import wipe
from ..storage.backup import is_app_made_backup
from ..storage.cipher import SIDE_FILES

if TYPE_CHECKING:
    from .companion import CompanionApi

#: Files in the data folder the app makes (besides backups/ and the cache): their names, without a leading
#: dot, start with one of these.
OUR_NAME_STARTS = APP_FILE_PREFIXES


class DataErased(PainCompanionError):
    """Raised by a companion whose data was deleted: nothing more can be read or saved."""


@dataclass
class ErasureReport:
    """What "Delete all my data" did, file by file."""

    data_dir: Path
    removed: list[Path] = field(default_factory=list)
    sizes: dict[Path, int] = field(default_factory=dict)
    #: Databases emptied row by row (secure_delete) before they were deleted, with the number of rows.
    emptied: dict[Path, int] = field(default_factory=dict)
    folders: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    #: Files the app did not make, left in place.
    kept: list[Path] = field(default_factory=list)
    #: Plain sentences about how it went (e.g. the database could not be opened to be emptied first).
    notes: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(self.sizes.values())

    @property
    def nothing_deleted(self) -> bool:
        return not self.removed and not self.folders

    @property
    def complete(self) -> bool:
        """Everything the app made is gone."""
        return not self.failed

    def lines(self) -> list[str]:
        """Plain sentences and one line per file, for the dialog and the command line."""
        if self.nothing_deleted and not self.failed:
            return [f"Nothing was deleted: there is no Pain Companion data in {self.data_dir}."]
        count = len(self.removed)
        out = [*self.notes, f"Deleted {count} {'file' if count == 1 else 'files'} ({human_size(self.total_bytes)}):"]
        for path in self.removed:
            rows = self.emptied.get(path)
            emptied = f"; {rows:,} rows erased first" if rows else ""
            out.append(f"  {path}  ({human_size(self.sizes.get(path, 0))}{emptied})")
        if self.folders:
            out.append(f"Removed {len(self.folders)} empty {'folder' if len(self.folders) == 1 else 'folders'}:")
            out += [f"  {folder}" for folder in self.folders]
        if self.failed:
            out.append("Could NOT delete:")
            out += [f"  {path}: {why}" for path, why in self.failed]
        if self.kept:
            out.append("Left in place (not made by Pain Companion):")
            out += [f"  {path}" for path in self.kept]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "data_dir": str(self.data_dir),
            "removed": [
                {"path": str(p), "bytes": self.sizes.get(p, 0), "rows_erased": self.emptied.get(p, 0)}
                for p in self.removed
            ],
            "folders": [str(p) for p in self.folders],
            "failed": [{"path": str(p), "reason": why} for p, why in self.failed],
            "kept": [str(p) for p in self.kept],
            "notes": self.notes,
            "bytes": self.total_bytes,
        }


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return f"{size} bytes"  # pragma: no cover


def data_summary(paths: AppPaths) -> tuple[int, int]:
    """(bytes, backups) in the data folder now: what the patient is about to delete or export."""
    total = sum(p.stat().st_size for p in _walk_files(paths.data)) if paths.data.is_dir() else 0
    backups = len([p for p in _walk_files(paths.backups) if p.suffix == ".sqlite"]) if paths.backups.is_dir() else 0
    return total, backups


def erase_everything(companion: CompanionApi) -> ErasureReport:
    """Empty and delete all the data `companion` has open; the companion is closed and unusable afterwards."""
    paths = companion.paths
    report = ErasureReport(paths.data)
    real = _real(companion)
    try:
        report.emptied[paths.database] = real.erase_rows()
    except PainCompanionError as exc:
        report.failed.append((paths.database, f"could not be emptied first ({exc}); the file is deleted anyway"))
    companion.close()
    # closed for good: a late backup or save cannot bring the file back
    real.close_for_good(DataErased("Your data was deleted; nothing can be read or saved any more."))
    _remove_files(paths, report)
    return report


def erase_files(paths: AppPaths, why_not_opened: str = "") -> ErasureReport:
    """Delete the data in `paths` without opening it (it is missing, locked or cannot be opened)."""
    report = ErasureReport(paths.data)
    if why_not_opened and paths.database.exists():
        report.notes.append(f"The diary could not be opened to erase its rows first ({why_not_opened.rstrip('.')}).")
    _remove_files(paths, report)
    return report


# --- removing files --------------------------------------------------------------------------------


def _real(companion: CompanionApi) -> CompanionApi:
    from .startup import DeferredCompanion

    return companion.wait() if isinstance(companion, DeferredCompanion) else companion


def _remove_files(paths: AppPaths, report: ErasureReport) -> None:
    data, cache, logs = paths.data, paths.cache, paths.logs
    if _is_our_log_folder(logs, paths):
        logsetup.stop_file_logging()  # the log must not be written again (or recreated) once deleted
    if _is_real_dir(paths.backups):
        _clear_backups(paths.backups, report)
    if _is_real_dir(data):
        for entry in sorted(data.iterdir()):
            if entry in (cache, paths.backups):
                continue  # cleared on their own (a backups folder still here holds a file that could not go)
            if entry.name.lstrip(".").startswith(OUR_NAME_STARTS) and not _is_real_dir(entry):
                if entry != paths.database and _is_full_copy(entry):
                    _empty_database(entry, report)  # a copy the app set aside: its rows go first too
                _unlink(entry, report)
            else:
                report.kept.append(entry)
    if _is_real_dir(cache):
        if _safe_to_clear(cache):
            _remove_tree(cache, report)
        else:
            report.failed.append((cache, "not cleared: it is not a folder of its own"))
    if _is_real_dir(logs) and cache not in (logs, *logs.parents) and data not in (logs, *logs.parents):
        _clear_logs(logs, report)
    if _is_real_dir(data):
        _rmdir(data, report)


def _is_our_log_folder(logs: Path, paths: AppPaths) -> bool:
    """True when the log being written now is in a folder this erasure removes."""
    current = logsetup.log_folder()
    if current is None:
        return False
    return any(folder in (current, *current.parents) for folder in (logs, paths.cache, paths.data))


def _clear_logs(folder: Path, report: ErasureReport) -> None:
    """Delete the app's log files in `folder` (the platform's user log folder), then the folder and its empty
    parents named after the app; any other file stays and is named in the report."""
    for entry in sorted(folder.iterdir()):
        ours = entry.name == logsetup.LOG_FILENAME or entry.name.startswith(f"{logsetup.LOG_FILENAME}.")
        if ours and not _is_real_dir(entry):
            _unlink(entry, report)
        else:
            report.kept.append(entry)
    if not _safe_to_clear(folder):
        return
    _rmdir(folder, report)
    parent = folder.parent
    while parent.name in (APP_NAME, ORG_NAME) and _safe_to_clear(parent) and _is_real_dir(parent):
        try:
            next(parent.iterdir())
            return  # holds something else (the data folder, another app's): stays
        except StopIteration:
            _rmdir(parent, report)
        parent = parent.parent


def _clear_backups(folder: Path, report: ErasureReport) -> None:
    """Empty and delete the backups the app made (and their side files and half-written copies); anything else
    in the folder (a file the patient put there, a subfolder) stays, and is named in the report."""
    for entry in sorted(folder.iterdir()):
        if is_app_made_backup(entry.name) and (entry.is_symlink() or not _is_real_dir(entry)):
            if not entry.is_symlink() and not entry.name.endswith(SIDE_FILES):
                _empty_database(entry, report)
            _unlink(entry, report)
        else:
            report.kept.append(entry)
    _rmdir(folder, report)


def _is_full_copy(path: Path) -> bool:
    """A whole copy of the diary the app set aside in the data folder (the unopenable file kept by a restore,
    the safety copy of a journal recovery, an interrupted conversion), not a side file of one."""
    return not path.is_symlink() and not path.name.endswith(SIDE_FILES) and path.name != f"{DB_FILENAME}.new"


def _empty_database(path: Path, report: ErasureReport) -> None:
    """Erase the rows of a plain database the app made, before it is deleted; one SQLite cannot open (damaged)
    is overwritten with zeros instead."""
    if not wipe.is_plain_sqlite(path):
        return  # an encrypted copy cannot be read without its key: deleting it is all we can do
    try:
        report.emptied[path] = wipe.wipe_plain_file(path)
    except sqlite3.Error:
        try:
            _overwrite_with_zeros(path)
        except OSError:
            return  # it is deleted all the same
        report.notes.append(f"{path.name} could not be opened as a database: it was overwritten with zeros first.")


def _overwrite_with_zeros(path: Path) -> None:
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        for _ in range(0, size, 1 << 20):
            fh.write(bytes(min(1 << 20, size - fh.tell())))
        fh.flush()
        os.fsync(fh.fileno())


def _walk_files(folder: Path) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        found += [Path(root, name) for name in sorted(files)]
        found += [Path(root, name) for name in sorted(dirs) if Path(root, name).is_symlink()]
    return found


def _remove_tree(folder: Path, report: ErasureReport) -> None:
    """Every file under `folder` (a symbolic link is removed, never followed), then the folders bottom-up."""
    for root, dirs, files in os.walk(folder, topdown=False, followlinks=False):
        for name in sorted(files):
            _unlink(Path(root, name), report)
        for name in sorted(dirs):
            path = Path(root, name)
            if path.is_symlink():
                _unlink(path, report)
            else:
                _rmdir(path, report)
    _rmdir(folder, report)


def _unlink(path: Path, report: ErasureReport) -> None:
    try:
        size = path.lstat().st_size if not path.is_symlink() else 0
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        report.failed.append((path, exc.strerror or str(exc)))
        return
    report.removed.append(path)
    report.sizes[path] = size


def _rmdir(path: Path, report: ErasureReport) -> None:
    try:
        path.rmdir()
    except FileNotFoundError:
        return
    except OSError as exc:
        left = [p for p in report.kept + [f for f, _ in report.failed] if path in p.parents]
        if not left:  # a folder that still holds what was kept or could not go is explained by those
            report.failed.append((path, exc.strerror or str(exc)))
        return
    report.folders.append(path)


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


def _safe_to_clear(folder: Path) -> bool:
    """Never a root, the home folder or one of its parents, whatever the paths say."""
    resolved = folder.resolve()
    home = Path.home().resolve()
    return len(resolved.parts) > 2 and resolved != home and resolved not in home.parents
