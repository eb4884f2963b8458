"""The window icon: every PNG size made from the SVG is loaded, and the app sets it."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QSize

from paincompanion.gui.icon import app_icon


def test_app_icon_has_every_size_shipped(qapp):
    icon = app_icon()

    assert not icon.isNull()
    assert {(s.width(), s.height()) for s in icon.availableSizes()} == {(n, n) for n in (16, 32, 48, 64, 128, 256)}
    image = icon.pixmap(QSize(48, 48)).toImage()
    assert image.width() == 48
    assert image.pixelColor(24, 24).alpha() == 255  # the middle of the icon is drawn, not transparent


def test_application_sets_the_window_icon():
    # A fresh process: in this one the test QApplication already exists and application() reuses it.
    code = (
        "from paincompanion.gui.app import application; app = application(); "
        "print(sorted(s.width() for s in app.windowIcon().availableSizes()))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[16, 32, 48, 64, 128, 256]"
