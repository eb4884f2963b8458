"""One Qt signal for "an operation changed data", bridged from the core's Qt-free Signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.changes import Changes

if TYPE_CHECKING:
    from ..services.companion import Companion
    from ..services.startup import DeferredCompanion


class ChangeBus(QObject):
    """Pages and models connect to `operation_did_execute(changes)` and reload what it names."""

    operation_did_execute = Signal(object)

    def __init__(self, companion: Companion | DeferredCompanion | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if companion is not None:
            self.attach(companion)

    def attach(self, companion: Companion | DeferredCompanion) -> None:
        """Forward the core's change notifications (at start-up the core arrives after the first paint)."""
        companion.changed.connect(self._forward)

    def _forward(self, changes: Changes) -> None:
        self.operation_did_execute.emit(changes)
