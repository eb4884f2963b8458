"""Where the app keeps its files: platformdirs by default, overridable for tests and portable use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import APP_NAME, ORG_NAME

HOME_ENV = "PAINCOMPANION_HOME"
#: Overrides the log folder of a default start (the platform's user log folder otherwise).
LOG_DIR_ENV = "PAINCOMPANION_LOG_DIR"
DB_FILENAME = "paincompanion.sqlite"
KEY_FILENAME = "paincompanion.key"
#: Where the diary goes inside a folder given with --data-dir / PAINCOMPANION_HOME that already holds other things.
SUBFOLDER = "PainCompanion"
#: The app's own files in the data folder start with one of these (without a leading dot): the diary, its key,
#: their side files and leftovers, the window state (gui/settings.py's UI_STATE_FILE) and the GUI's lock file
#: (gui/single_instance.py; named here because the core does not import the GUI).
APP_FILE_PREFIXES = (DB_FILENAME, KEY_FILENAME, "ui-state.ini", "gui.lock")
#: The app's folders in the data folder: a folder holding only these (no diary yet) is still the app's.
_APP_FOLDERS = frozenset({"cache", "backups"})
#: What file managers put in any folder they show: a folder holding only these counts as empty.
_CLUTTER = frozenset({".DS_Store", "desktop.ini", "Thumbs.db", ".directory", ".localized"})


@dataclass(frozen=True)
class AppPaths:
    """All directories the app uses. Build with `default()` or `in_dir()`."""

    data: Path
    cache: Path
    #: The log folder; None means `cache/logs` (a data folder given with --data-dir keeps its log beside it).
    log_dir: Path | None = None

    @property
    def database(self) -> Path:
        return self.data / DB_FILENAME

    @property
    def key_file(self) -> Path:
        """The wrapped encryption key, present only while the diary is encrypted (see storage/cipher)."""
        return self.data / KEY_FILENAME

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def logs(self) -> Path:
        """Where the rotating log goes (see logsetup); "Delete all my data" clears it with the cache."""
        return self.log_dir if self.log_dir is not None else self.cache / "logs"

    @classmethod
    def in_dir(cls, directory: str | os.PathLike[str]) -> AppPaths:
        """Keep everything inside one directory (`--data-dir`, `PAINCOMPANION_HOME`, tests): the directory
        itself when it is new, empty or already holds a diary, else its subfolder `PainCompanion`
        (see `diary_folder`)."""
        root = diary_folder(Path(directory).expanduser().absolute())
        return cls(data=root, cache=root / "cache")

    @classmethod
    def default(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """`data_dir` if given, else `$PAINCOMPANION_HOME`, else the platform's user data dir."""
        if data_dir:
            return cls.in_dir(data_dir)
        env = os.environ.get(HOME_ENV)
        if env:
            return cls.in_dir(env)
        import platformdirs

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, ORG_NAME)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, ORG_NAME)),
            log_dir=Path(os.environ.get(LOG_DIR_ENV) or platformdirs.user_log_dir(APP_NAME, ORG_NAME)),
        )

    def ensure_private_dirs(self) -> None:
        """Create the data and backup directories with mode 0700 if they do not exist.

        A folder that exists already keeps its mode: it may be shared on purpose (a group folder, setgid), and
        the app's files in it are private (0600) anyway. Missing parent folders get the usual mode.
        """
        for directory in (self.data, self.backups):
            make_private_dir(directory)


def diary_folder(root: Path) -> Path:
    """The folder for the diary when the patient names `root`: `root` itself when it does not exist yet, is
    empty or already holds the app's files; otherwise (a folder with other things in it: home, Documents, a
    shared folder) its subfolder `PainCompanion`, so the diary's files are not mixed with the patient's, the
    folder's mode is never changed, and "Delete all my data" has a folder of its own to remove."""
    try:
        names = [entry.name for entry in root.iterdir() if entry.name not in _CLUTTER]
    except OSError:  # missing, or not a readable folder: used as given (creating it says what is wrong)
        return root
    if not names or any(name.lstrip(".").startswith(APP_FILE_PREFIXES) for name in names):
        return root
    if set(names) <= _APP_FOLDERS and all((root / name).is_dir() for name in names):
        return root  # only the log/cache or backups folder the app made before the diary (a first command that failed)
    return root / SUBFOLDER


def make_private_dir(directory: Path) -> bool:
    """Create `directory` with mode 0700 unless it exists (never changing an existing folder's mode);
    True when it was created here."""
    if directory.is_dir():
        return False
    directory.parent.mkdir(parents=True, exist_ok=True)
    try:
        directory.mkdir(mode=0o700)
    except FileExistsError:
        return False  # made a moment ago by another window, or not a folder (using it says so)
    os.chmod(directory, 0o700)  # mkdir's mode is reduced by the umask; 0700 whatever it is
    return True
