"""Fonts: keep the system font, but never show tofu boxes when the system has no usable font.

matplotlib ships the DejaVu fonts; we register them with Qt (found WITHOUT importing matplotlib) so a frozen
build on a machine without fontconfig fonts still has readable text (stack.md §8, pitfall 9).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

FALLBACK_FAMILY = "DejaVu Sans"


def dejavu_dir() -> Path | None:
    """matplotlib's bundled TTF folder, located without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


def register_bundled_fonts() -> list[str]:
    """Add the DejaVu Sans fonts to Qt's database; returns the families added (cheap: a few ms)."""
    folder = dejavu_dir()
    if folder is None:
        return []
    families: set[str] = set()
    for path in sorted(folder.glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(families)


def font_is_usable(font: QFont) -> bool:
    """True when the font really draws basic Latin letters.

    With no fontconfig fonts Qt still lists three generic families, but the font it picks has no family name
    and no glyphs (and QRawFont.fromFont then crashes), so ask QFontInfo and QFontMetrics instead.
    """
    if not QFontInfo(font).family():
        return False
    metrics = QFontMetrics(font)
    return all(metrics.inFont(ch) for ch in "Aa0")


def ensure_readable_font(app: QApplication) -> str:
    """Switch to the bundled DejaVu Sans only if the system has no font that can draw text.

    The point size of the system font is kept, so text still follows the user's font-size setting.
    Returns the family in use.
    """
    font = app.font()
    if QFontDatabase.families() and font_is_usable(font):
        return font.family()  # the usual case: nothing to register, nothing to pay at start-up
    added = register_bundled_fonts()
    if FALLBACK_FAMILY in added or FALLBACK_FAMILY in QFontDatabase.families():
        fallback = QFont(FALLBACK_FAMILY)
        if font.pointSizeF() > 0:
            fallback.setPointSizeF(font.pointSizeF())
        app.setFont(fallback)
        return FALLBACK_FAMILY
    return font.family()
