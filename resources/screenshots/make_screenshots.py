"""Screenshots of every page at 100 %, 150 % and 200 % text, drawn offscreen from a fresh demo diary.

    python resources/screenshots/make_screenshots.py [--out DIR] [--size 1366x768] [--scales 100,150,200]

Writes `<page>-<scale>.png` (e.g. `medicines-200.png`), reduced to 256 colours so the folder stays small.
Text size is the application font's point size times the scale, as when the desktop's text size is raised.
Needs no display: the Qt "offscreen" platform is used unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = ("today", "diary", "meds", "routines", "insights", "summary")
FILE_NAMES = {"meds": "medicines"}
WAIT_SECONDS = 60


def make_demo(folder: Path) -> None:
    """A demo diary made by the app's own CLI (`paincompanion --data-dir D demo`)."""
    command = [sys.executable, "-m", "paincompanion", "--data-dir", str(folder), "demo"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def settle(app: object, page: object) -> None:
    """Let background work (charts, the summary preview) finish, then let the layouts settle."""
    deadline = time.monotonic() + WAIT_SECONDS
    busy = getattr(page, "is_busy", None)
    while time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        if busy is None or not busy():
            break
        time.sleep(0.05)
    for _ in range(5):
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.05)


def save_small(image: object, path: Path) -> None:
    """Save as PNG with a 256-colour palette (Pillow comes with matplotlib); a plain PNG without it."""
    plain = path.with_suffix(".tmp.png")
    image.save(str(plain))  # type: ignore[attr-defined]
    try:
        from PIL import Image
    except ImportError:
        plain.replace(path)
        return
    with Image.open(plain) as img:
        img.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    plain.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--scales", default="100,150,200", help="text sizes in per cent")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))
    scales = [int(s) for s in args.scales.split(",")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from paincompanion.gui.change_bus import ChangeBus
    from paincompanion.gui.context import GuiContext
    from paincompanion.gui.fonts import ensure_readable_font
    from paincompanion.gui.main_window import MainWindow
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    app = QApplication.instance() or QApplication([])
    ensure_readable_font(app)
    base = app.font().pointSizeF()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        make_demo(folder)
        companion = Companion.open(AppPaths.in_dir(folder))
        try:
            for scale in scales:
                font = app.font()
                font.setPointSizeF(base * scale / 100)
                app.setFont(font)
                for key in args.pages.split(","):
                    ctx = GuiContext(companion=companion, bus=ChangeBus(companion), undo_stack=QUndoStack())
                    window = MainWindow(ctx, None, load_today=key == "today")
                    window.resize(width, height)
                    window.show()
                    window.show_page(key)
                    settle(app, window.page(key))
                    path = args.out / f"{FILE_NAMES.get(key, key)}-{scale}.png"
                    save_small(window.grab(), path)
                    print(path)
                    window.close()
                    window.deleteLater()
                    app.processEvents()
        finally:
            companion.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
