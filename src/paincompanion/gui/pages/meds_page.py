"""The Medicines page: the patient's list, interaction warnings, "check before I buy" and the dose log."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..context import GuiContext


class MedicinesPage(QWidget):
    """Placeholder until the full page lands."""

    page_title = "Medicines"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medicinesPage")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Medicines and supplements", self))
        layout.addStretch(1)
