"""Entry point of the frozen app (PyInstaller): the same main() as `python -m paincompanion`."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def keep_matplotlib_cache() -> None:
    """Point matplotlib at a lasting cache folder instead of PyInstaller's fresh temporary one.

    PyInstaller's matplotlib run-time hook sets MPLCONFIGDIR to a new temp dir on every start, so the font
    list would be rebuilt (~250 ms) each time the charts first open. A per-version folder in the user's
    cache keeps it; if that folder cannot be made, the temp dir stays (slower, still correct).
    """
    import platformdirs

    from paincompanion import APP_NAME, ORG_NAME, __version__

    folder = Path(platformdirs.user_cache_dir(APP_NAME, ORG_NAME)) / f"matplotlib-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    os.environ["MPLCONFIGDIR"] = str(folder)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        keep_matplotlib_cache()
    from paincompanion.__main__ import main

    sys.exit(main())
