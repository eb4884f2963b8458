"""GUI fixtures (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QUndoStack

from paincompanion.gui.change_bus import ChangeBus
from paincompanion.gui.context import GuiContext


def pytest_collection_modifyitems(items):
    for item in items:
        if "/gui/" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def ctx(qapp, companion) -> GuiContext:
    return GuiContext(companion=companion, bus=ChangeBus(companion), undo_stack=QUndoStack())
