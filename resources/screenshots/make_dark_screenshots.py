"""Dark-mode screenshots of every main page: resources/screenshots/dark-<page>.png (1366×768).

    PYTHONPATH=src QT_QPA_PLATFORM=offscreen python resources/screenshots/make_dark_screenshots.py \
        [--theme dark|high-contrast] [--scale 1.0] [--out DIR] [--dialogs DIR]

Three months of demo data in a temporary folder (nothing of yours is read). `--dialogs DIR` also saves every
dialog of tests/gui/dialog_catalogue.py, for a look at them in the same theme and text size.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WIDTH, HEIGHT = 1366, 768


def _settle(app, seconds: float) -> None:
    """Let background work (charts, the summary preview) finish and paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _wait_for_preview(app, window, limit: float = 20.0) -> None:
    """The summary preview renders on a thread: wait until it names its first page."""
    from PySide6.QtWidgets import QWidget

    end = time.monotonic() + limit
    while time.monotonic() < end:
        scroll = window.findChild(QWidget, "pdfPreviewScroll")
        if scroll is not None and "page 1 of" in scroll.accessibleName():
            break
        _settle(app, 0.1)
    _settle(app, 0.3)


def _save_small(widget, path: Path) -> None:
    """A 256-colour PNG with a palette fitted to the picture (Pillow, which matplotlib brings): a third of
    the size, and flat UI colours stay exact."""
    import io

    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", default="dark", choices=("dark", "high-contrast", "light"))
    parser.add_argument("--scale", type=float, default=1.0, help="text size factor (2.0 = 200 %%)")
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--dialogs", type=Path, help="also save every dialog into this folder")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QRect
    from PySide6.QtGui import QUndoStack

    from paincompanion.domain.clock import SystemClock
    from paincompanion.gui.app import application
    from paincompanion.gui.change_bus import ChangeBus
    from paincompanion.gui.context import GuiContext
    from paincompanion.gui.dialogs import sizing
    from paincompanion.gui.main_window import PAGES, MainWindow
    from paincompanion.gui.settings import UiSettings
    from paincompanion.gui.theme import apply_theme
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion
    from paincompanion.services.demo import fill_demo

    app = application()
    apply_theme(app, args.theme)
    if args.scale != 1.0:
        font = app.font()
        font.setPointSizeF(font.pointSizeF() * args.scale)
        app.setFont(font)
    sizing.set_screen_override(QRect(0, 0, WIDTH, HEIGHT))
    tmp = Path(tempfile.mkdtemp(prefix="pc-shots-"))
    paths = AppPaths.in_dir(tmp / "data")
    companion = Companion.open(paths, SystemClock())
    fill_demo(companion, 0.25, 7)
    ctx = GuiContext(companion=companion, bus=ChangeBus(companion), undo_stack=QUndoStack())
    window = MainWindow(ctx, UiSettings(tmp / "ui.ini"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    _settle(app, 0.5)
    prefix = "dark" if args.theme == "dark" else args.theme
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in PAGES:
        window.show_page(spec.key)
        _settle(app, 2.5 if spec.key == "insights" else 0.6)
        if spec.key == "summary":
            _wait_for_preview(app, window)
        _save_small(window, args.out / f"{prefix}-{spec.key}.png")
        print(args.out / f"{prefix}-{spec.key}.png")
    if args.dialogs is not None:
        sys.path.insert(0, str(ROOT / "tests" / "gui"))
        from dialog_catalogue import DIALOG_BUILDERS

        args.dialogs.mkdir(parents=True, exist_ok=True)
        for name, build in DIALOG_BUILDERS.items():
            dialog = build(ctx, paths)
            dialog.show()
            _settle(app, 0.3)
            _save_small(dialog, args.dialogs / f"{prefix}-{name}.png")
            dialog.hide()
            dialog.deleteLater()
    window.close()
    companion.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
