"""What every page and dialog gets: the core facade, the change bus and the undo stack."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from .change_bus import ChangeBus

if TYPE_CHECKING:
    from ..services.companion import CompanionApi


@dataclass
class GuiContext:
    #: The core facade: a Companion, or at start-up a DeferredCompanion with the same explicit API that waits
    #: for the opening where needed (services/companion.py's CompanionApi).
    companion: CompanionApi
    bus: ChangeBus
    undo_stack: QUndoStack
