"""Purely visual state (window geometry) in QSettings. Never diary content.

The app always opens on Today (the issue asks for it, and it keeps start-up fast), so no "last page" is kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1
UI_STATE_FILE = "ui-state.ini"


class UiSettings:
    """Typed access to the few UI-only settings, stored in an INI file next to the data.

    Keeping the file in the data folder keeps `--data-dir` installs (and tests) self-contained.
    """

    def __init__(self, path: Path) -> None:
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        if int(str(self._qs.value("version", 0) or 0)) != SETTINGS_VERSION:
            self._qs.clear()
            self._qs.setValue("version", SETTINGS_VERSION)

    @classmethod
    def in_dir(cls, data_dir: Path) -> UiSettings:
        return cls(data_dir / UI_STATE_FILE)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def player_sound(self) -> bool:
        """The guided player's "Sound when a step ends" switch (on unless turned off)."""
        return str(self._qs.value("player/sound", "true")).lower() != "false"

    @player_sound.setter
    def player_sound(self, on: bool) -> None:
        self._qs.setValue("player/sound", "true" if on else "false")
        self._qs.sync()

    def column_choices(self, table: str) -> dict[int, bool]:
        """The columns the patient chose to show (True) or hide (False) in a page's table."""
        choices: dict[int, bool] = {}
        for part in str(self._qs.value(f"columns/{table}", "") or "").split(","):
            column, _, shown = part.partition(":")
            if column.isdigit() and shown in ("0", "1"):
                choices[int(column)] = shown == "1"
        return choices

    def set_column_choices(self, table: str, choices: dict[int, bool]) -> None:
        self._qs.setValue(f"columns/{table}", ",".join(f"{c}:{int(s)}" for c, s in sorted(choices.items())))
        self._qs.sync()

    def sync(self) -> None:
        self._qs.sync()
