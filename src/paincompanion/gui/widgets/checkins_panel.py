"""Today's small "goals and check-ins" panel: the open goals with their progress, what is due, and buttons
for the optional check-ins (mood, side effects, change since the last summary) and goals."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from ...domain import checkins as ck
from ...domain.changes import Changes
from ...errors import PainCompanionError
from ..context import GuiContext
from ..dialogs.goals_dialog import goals_text

DUE_NAMES = {ck.Kind.PHQ2: "mood", ck.Kind.GAD2: "mood", ck.Kind.SIDE_EFFECTS: "side effects"}


class CheckinsPanel(QFrame):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None, *, with_buttons: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("checkinsPanel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        texts = QVBoxLayout()
        texts.setSpacing(0)
        self.goals_label = QLabel(self)
        self.goals_label.setObjectName("goalsSummary")
        self.goals_label.setWordWrap(True)
        texts.addWidget(self.goals_label)
        self.due_label = QLabel(self)
        self.due_label.setObjectName("checkinsDue")
        self.due_label.setWordWrap(True)
        texts.addWidget(self.due_label)
        row.addLayout(texts, 1)
        self.menu_actions: dict[str, QAction] = {}
        if with_buttons:
            self.menu_button = QToolButton(self)
            self.menu_button.setObjectName("checkinsButton")
            self.menu_button.setText("&Goals and check-ins")
            self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(self.menu_button)
            for key, text, opener in (
                ("goals", "My &goals…", self.open_goals),
                ("mood", "&Mood check-in (PHQ-2, GAD-2)…", self.open_mood),
                ("effects", "Side &effects this week…", self.open_effects),
                ("change", "&Change since the last summary…", self.open_change),
            ):
                action = menu.addAction(text)
                action.setObjectName(f"checkin_{key}")
                action.triggered.connect(opener)
                self.menu_actions[key] = action
            self.menu_button.setMenu(menu)
            row.addWidget(self.menu_button)
        ctx.bus.operation_did_execute.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.peg:
            self.refresh()

    def refresh(self) -> None:
        if not getattr(self.ctx.companion, "ready", True):
            self.goals_label.setText("")
            self.due_label.setText("")
            return
        self.goals_label.setText(goals_text(self.ctx))
        try:
            due = self.ctx.companion.checkins.due()
        except PainCompanionError:
            due = []
        names = sorted({DUE_NAMES[k] for k in due})
        try:
            if self.ctx.companion.goals.due():
                names.insert(0, "goal progress (weekly, with PEG)")
        except PainCompanionError:
            pass
        self.due_label.setText(
            f"Optional check-ins due: {', '.join(names)} (skip any you like)." if names else "No check-ins due."
        )

    def _run(self, dialog_class: type) -> None:
        dialog = dialog_class(self.ctx, self)
        dialog.exec()
        self.refresh()

    def open_goals(self) -> None:
        from ..dialogs.goals_dialog import GoalsDialog

        self._run(GoalsDialog)

    def open_mood(self) -> None:
        from ..dialogs.checkin_dialog import MoodCheckinDialog

        self._run(MoodCheckinDialog)

    def open_effects(self) -> None:
        from ..dialogs.checkin_dialog import SideEffectsDialog

        self._run(SideEffectsDialog)

    def open_change(self) -> None:
        from ..dialogs.checkin_dialog import ChangeDialog

        self._run(ChangeDialog)
