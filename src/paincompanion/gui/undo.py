"""QUndoStack adapter: each command calls a core ReversibleOp (services own reversibility)."""

from __future__ import annotations

import logging

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..errors import PainCompanionError
from ..logsetup import log_caught
from ..services.undo import ReversibleOp

_log = logging.getLogger(__name__)


class OpCommand(QUndoCommand):
    """Wraps a ReversibleOp. Pushing it onto a QUndoStack applies it (QUndoStack calls redo())."""

    def __init__(self, op: ReversibleOp) -> None:
        super().__init__(op.label)
        self.op = op
        self.error: PainCompanionError | None = None

    def redo(self) -> None:
        try:
            self.op.apply()
            self.error = None
        except PainCompanionError as exc:
            self.error = exc
            self.setObsolete(True)
        except Exception as exc:
            log_caught(_log, "A change could not be made", exc)
            self.error = PainCompanionError(f"Something went wrong and the change was not made ({exc}).")
            self.setObsolete(True)

    def undo(self) -> None:
        self.op.revert()


def push_op(stack: QUndoStack, op: ReversibleOp) -> PainCompanionError | None:
    """Apply `op` through the undo stack; return the error (and keep the stack clean) if it failed."""
    command = OpCommand(op)
    stack.push(command)
    return command.error
