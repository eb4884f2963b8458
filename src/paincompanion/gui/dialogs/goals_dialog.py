"""Function goals: add up to three (what, how much, by when), rate weekly progress 0-10, mark done.
Every change goes through the undo stack."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.goals import GOALS_SOURCE, MAX_OPEN_GOALS
from ...errors import PainCompanionError
from ..context import GuiContext
from ..undo import push_op
from ..widgets.message_label import MessageLabel
from .sizing import make_scrollable

NOT_RATED = "not rated"


class GoalsDialog(QDialog):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("goalsDialog")
        self.setWindowTitle("My goals")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Up to {MAX_OPEN_GOALS} things you want to be able to do, with how much and by when "
            "(e.g. garden, 30 minutes, by June). Rate your progress each week: 0 = none, 10 = reached.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        form = QFormLayout()
        self.what = QLineEdit(self)
        self.what.setObjectName("goalWhat")
        self.how_much = QLineEdit(self)
        self.how_much.setObjectName("goalHowMuch")
        self.by = QLineEdit(self)
        self.by.setObjectName("goalBy")
        self.by.setPlaceholderText("YYYY-MM-DD (optional)")
        form.addRow("New &goal:", self.what)
        form.addRow("How &much:", self.how_much)
        form.addRow("&By when:", self.by)
        layout.addLayout(form)
        self.add_button = QPushButton("&Add goal", self)
        self.add_button.setObjectName("addGoalButton")
        self.add_button.clicked.connect(self.add_goal)
        layout.addWidget(self.add_button)
        source = QLabel(f"Why goals: {GOALS_SOURCE}.", self)
        source.setWordWrap(True)
        layout.addWidget(source)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save ratings")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        self.add_button.setDefault(True)  # Enter in the new-goal fields adds the goal
        self.spins: dict[int, QSpinBox] = {}
        self._fill()
        make_scrollable(self, self.message, self.buttons, name="goalsScroll")
        (next(iter(self.spins.values())) if self.spins else self.what).setFocus()

    def _fill(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        goals = self.ctx.companion.goals.list_goals(include_done=False)
        if not goals:
            self.grid.addWidget(QLabel("No goals yet.", self), 0, 0)
        for row, goal in enumerate(goals):
            label = QLabel(f"{goal.text}", self)
            label.setWordWrap(True)
            spin = QSpinBox(self)
            spin.setObjectName(f"goalProgress_{goal.id}")
            spin.setRange(-1, 10)
            spin.setSpecialValueText(NOT_RATED)
            spin.setValue(-1)
            last = f"last: {goal.latest.progress}/10" if goal.latest else "not rated yet"
            spin.setAccessibleName(f"Progress this week on {goal.what} ({last})")
            spin.setToolTip(last)
            done = QPushButton("Done", self)
            done.setAccessibleName(f"Mark {goal.what} done")
            done.clicked.connect(lambda _=False, gid=goal.id: self.mark_done(gid))
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(QLabel(last, self), row, 1)
            self.grid.addWidget(spin, row, 2)
            self.grid.addWidget(done, row, 3)
            self.spins[goal.id] = spin

    def add_goal(self) -> None:
        from ...services.goals import AddGoalOp  # here, not at import: the Today page loads before SQLAlchemy

        by_text = self.by.text().strip()
        try:
            by = date.fromisoformat(by_text) if by_text else None
        except ValueError:
            self.message.show_error(f"the day must look like 2026-06-01, not {by_text!r}.")
            return
        error = push_op(
            self.ctx.undo_stack, AddGoalOp(self.ctx.companion.goals, self.what.text(), self.how_much.text(), by)
        )
        if error is not None:
            self.message.show_error(str(error))
            return
        for field in (self.what, self.how_much, self.by):
            field.clear()
        self.message.show_info("Goal added. Rate it below each week.")
        self._fill()
        self.what.setFocus()

    def mark_done(self, goal_id: int) -> None:
        from ...services.goals import GoalDoneOp  # here, not at import: the Today page loads before SQLAlchemy

        error = push_op(self.ctx.undo_stack, GoalDoneOp(self.ctx.companion.goals, goal_id))
        if error is not None:
            self.message.show_error(str(error))
            return
        self._fill()

    def accept(self) -> None:
        from ...services.goals import RateGoalOp  # here, not at import: the Today page loads before SQLAlchemy

        for goal_id, spin in self.spins.items():
            if spin.value() >= 0:
                error = push_op(self.ctx.undo_stack, RateGoalOp(self.ctx.companion.goals, goal_id, spin.value()))
                if error is not None:
                    self.message.show_error(str(error))
                    return
        super().accept()


def goals_text(ctx: GuiContext) -> str:
    """'My goals: garden, 30 minutes (progress 4/10); walk (not rated yet)' or an invitation."""
    try:
        goals = ctx.companion.goals.list_goals(include_done=False)
    except PainCompanionError:
        return ""
    if not goals:
        return "My goals: none yet."
    parts = [f"{g.text} ({f'progress {g.latest.progress}/10' if g.latest else 'not rated yet'})" for g in goals]
    return "My goals: " + "; ".join(parts)
