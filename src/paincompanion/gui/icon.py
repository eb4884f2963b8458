"""The app icon for windows (and the tray): PNGs made from resources/icons/<APP_ID>.svg by packaging/make_icons.py."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QIcon

from .. import APP_ID


def app_icon() -> QIcon:
    """The Pain Companion icon in every size shipped (files are read only when a size is drawn)."""
    icon = QIcon()
    folder = resources.files("paincompanion").joinpath("data", "icons")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith(APP_ID) and entry.name.endswith(".png"):
            icon.addFile(str(entry))
    return icon
