"""'Naloxone at home?' yes/no on the Medicines page, shown only when an opioid or kratom/7-OH is on the list
(CDC 2022 opioid guideline, recommendation 8). The answer is a check-in (undoable); the summary shows it."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ...analysis.opioid_safety import picture
from ...domain import checkins as ck
from ...domain.changes import Changes
from ...errors import PainCompanionError
from ...services.checkins import RecordCheckinOp
from ..context import GuiContext
from ..undo import push_op

QUESTION = "Do you have naloxone (an opioid overdose antidote, e.g. Narcan nasal spray) at home?"


class NaloxoneRow(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("naloxoneRow")
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.label = QLabel(self)
        self.label.setObjectName("naloxoneLabel")
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.yes = QPushButton("Yes, naloxone at home", self)
        self.yes.setObjectName("naloxoneYes")
        self.no = QPushButton("No naloxone", self)
        self.no.setObjectName("naloxoneNo")
        self.yes.clicked.connect(lambda: self.answer(True))
        self.no.clicked.connect(lambda: self.answer(False))
        row.addWidget(self.yes)
        row.addWidget(self.no)
        ctx.bus.operation_did_execute.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.medications or changes.peg:
            self.refresh()

    def refresh(self) -> None:
        if not getattr(self.ctx.companion, "ready", True):
            self.hide()
            return
        try:
            meds = self.ctx.companion.meds
            wanted = picture(meds.list_medications(), meds.dataset).any_opioid
            has = self.ctx.companion.checkins.naloxone_at_home()
        except PainCompanionError:
            wanted, has = False, None
        answer = {None: "not answered yet", True: "yes", False: "no"}[has]
        hint = "" if has else " A pharmacist or your doctor can tell you how to get it and how to use it."
        self.label.setText(f"{QUESTION} Your answer: {answer}. It goes on your summary for your clinician.{hint}")
        self.setVisible(wanted)

    def answer(self, has: bool) -> None:
        checkin = ck.make_naloxone(self.ctx.companion.clock.now(), has)
        push_op(self.ctx.undo_stack, RecordCheckinOp(self.ctx.companion.checkins, checkin, label="Naloxone answer"))
        self.refresh()
