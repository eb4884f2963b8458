"""The Diary page: browse, filter, edit and delete past entries (placeholder until the full page lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import GuiContext


class DiaryPage(QWidget):
    """History of entries, newest first."""

    page_title = "Diary"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryPage")
        self._ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The diary is on its way."))
