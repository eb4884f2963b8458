"""The Settings dialog finds its sections and switches between them."""

from __future__ import annotations

import pytest

from paincompanion.gui.dialogs.settings_dialog import SettingsDialog, section_modules

pytestmark = pytest.mark.gui


def test_every_section_module_is_listed_and_shown(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    modules = section_modules()
    assert [dialog.sections.item(i).text() for i in range(dialog.sections.count())] == [m.TITLE for m in modules]
    for row, key in enumerate(dialog.keys):
        dialog.show_section(key)
        assert dialog.pages.currentIndex() == row
        assert dialog.section_widget(key).isVisibleTo(dialog) or not dialog.isVisible()
