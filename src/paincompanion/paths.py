"""Where the app keeps its files: platformdirs by default, overridable for tests and portable use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import APP_NAME, ORG_NAME

HOME_ENV = "PAINCOMPANION_HOME"
DB_FILENAME = "paincompanion.sqlite"
KEY_FILENAME = "paincompanion.key"


@dataclass(frozen=True)
class AppPaths:
    """All directories the app uses. Build with `default()` or `in_dir()`."""

    data: Path
    cache: Path

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

    @classmethod
    def in_dir(cls, directory: str | os.PathLike[str]) -> AppPaths:
        """Keep everything inside one directory (`--data-dir`, `PAINCOMPANION_HOME`, tests)."""
        root = Path(directory).expanduser().absolute()
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
        )

    def ensure_private_dirs(self) -> None:
        """Create the data and backup directories with mode 0700."""
        for directory in (self.data, self.backups):
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)
