"""What every page and dialog gets: the core facade, the change bus and the undo stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from .change_bus import ChangeBus

if TYPE_CHECKING:
    from ..services.companion import Companion
    from ..services.startup import DeferredCompanion


@dataclass
class GuiContext:
    #: The core facade (at start-up a DeferredCompanion that behaves the same and waits where needed).
    companion: Companion | DeferredCompanion
    bus: ChangeBus
    undo_stack: QUndoStack
