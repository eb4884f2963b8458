"""What every page and dialog gets: the core facade, the change bus and the undo stack."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from ..services.companion import Companion
from .change_bus import ChangeBus


@dataclass
class GuiContext:
    companion: Companion
    bus: ChangeBus
    undo_stack: QUndoStack
