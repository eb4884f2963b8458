"""On a machine without any fontconfig fonts the app falls back to the bundled DejaVu Sans (stack.md §8 item 9).

An empty fontconfig file reproduces such a machine: Qt then still lists three generic families, but the
font it resolves has no name and no glyphs, so without the fallback every label is drawn as boxes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EMPTY_FONTCONFIG = '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n'
PROBE = """
from PySide6.QtGui import QFontInfo, QFontMetrics
from paincompanion.gui.app import application
app = application()
font = app.font()
print(QFontInfo(font).family(), all(QFontMetrics(font).inFont(ch) for ch in "Aa0"), font.pointSizeF() > 0)
"""


def test_application_falls_back_to_dejavu_without_system_fonts(tmp_path: Path):
    config = tmp_path / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FONTCONFIG_FILE": str(config),
        "XDG_CACHE_HOME": str(tmp_path),
    }

    result = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "DejaVu Sans True True"
