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


@pytest.fixture
def log_dir(tmp_path):
    """The app's log set up in a folder of the test's own; taken down afterwards."""
    from paincompanion import logsetup

    folder = tmp_path / "logs"
    logsetup.setup(folder)
    yield folder
    logsetup.shut_down()


@pytest.fixture(autouse=True)
def short_debounces(monkeypatch):
    """The pages wait a few hundred milliseconds after a change before they redraw or save (so typing is not
    interrupted); tests wait 20 ms instead. What is debounced, and that it happens, is unchanged."""
    from paincompanion.gui.pages import insights_page, summary_page

    monkeypatch.setattr(summary_page, "PREVIEW_DEBOUNCE_MS", 20)
    monkeypatch.setattr(summary_page, "SAVE_TEXT_DEBOUNCE_MS", 20)
    monkeypatch.setattr(insights_page, "DEBOUNCE_MS", 20)
