"""Optional check-ins from Today: PHQ-2 + GAD-2 (one "mood check-in"), side effects this week, and the change
since the last summary. Each can be skipped; answers are saved through undoable operations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import checkins as ck
from ...errors import PainCompanionError
from ...services.checkins import RecordCheckinOp
from ..context import GuiContext
from ..undo import push_op
from ..widgets.message_label import MessageLabel
from .sizing import make_scrollable

SKIP = "— skip —"


class _Base(QDialog):
    def __init__(self, ctx: GuiContext, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.saved: list[ck.Checkin] = []
        self.box = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.box.addWidget(label)

    def _finish_layout(self) -> None:
        self.message = MessageLabel(self)
        self.box.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Not now")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.box.addWidget(self.buttons)
        make_scrollable(self, self.message, self.buttons, name="checkinScroll")

    def _record(self, checkin: ck.Checkin, label: str) -> bool:
        op = RecordCheckinOp(self.ctx.companion.checkins, checkin, label=label)
        error = push_op(self.ctx.undo_stack, op)
        if error is not None:
            self.message.show_error(str(error))
            return False
        assert op.saved is not None
        self.saved.append(op.saved)
        return True


class MoodCheckinDialog(_Base):
    """PHQ-2 and GAD-2 (Kroenke 2003 / 2007). A screen left unanswered is skipped. After saving, the result is
    shown in the dialog (calm text and crisis lines on a positive screen) until the patient closes it."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Mood check-in", ck.SCREEN_STEM + " (Optional: skip any question.)", parent)
        self.setObjectName("moodCheckinDialog")
        form = QFormLayout()
        self.combos: dict[tuple[ck.Kind, int], QComboBox] = {}
        number = 0
        for kind, items in ck.SCREEN_ITEMS.items():
            for index, item in enumerate(items):
                number += 1
                combo = QComboBox(self)
                combo.setObjectName(f"{kind.value}_{index + 1}")
                combo.addItem(SKIP)
                for score, answer in enumerate(ck.SCREEN_ANSWERS):
                    combo.addItem(f"{answer} ({score})")
                combo.setAccessibleName(item)
                label = QLabel(f"&{number}. {item}", self)
                label.setWordWrap(True)
                label.setBuddy(combo)
                form.addRow(label, combo)
                self.combos[(kind, index)] = combo
        self.box.addLayout(form)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("moodResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.box.addWidget(self.result_label)
        source = QLabel(
            "PHQ-2: " + ck.SCREEN_SOURCES[ck.Kind.PHQ2] + ". GAD-2: " + ck.SCREEN_SOURCES[ck.Kind.GAD2], self
        )
        source.setWordWrap(True)
        self.box.addWidget(source)
        self._finish_layout()
        self.combos[(ck.Kind.PHQ2, 0)].setFocus()

    def answers(self, kind: ck.Kind) -> tuple[int | None, int | None]:
        values = [self.combos[(kind, i)].currentIndex() - 1 for i in (0, 1)]
        return tuple(v if v >= 0 else None for v in values)  # type: ignore[return-value]

    def accept(self) -> None:
        if self.saved:  # the result is showing: Save now means Close
            super().accept()
            return
        now = self.ctx.companion.clock.now()
        screens = []
        for kind in ck.SCREEN_ITEMS:
            first, second = self.answers(kind)
            if (first is None) != (second is None):
                self.message.show_error(f"please answer both {ck.SCREEN_NAMES[kind]} questions, or skip both.")
                return
            if first is not None:
                screens.append(ck.make_screen(kind, now, first, second))
        if not screens:
            self.reject()  # nothing answered: skipped
            return
        for screen in screens:
            if not self._record(screen, f"{ck.SCREEN_NAMES[screen.kind]} check-in"):
                return
        positive = any(c.positive for c in self.saved)
        lines = [c.text + "." for c in self.saved]
        lines.append(ck.POSITIVE_TEXT if positive else ck.NEGATIVE_TEXT)
        self.result_label.setText("\n".join(lines))
        self.result_label.show()
        for combo in self.combos.values():
            combo.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Close")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setFocus()


class SideEffectsDialog(_Base):
    """This week's side effects as a tick-list; saving with none ticked records "none this week"."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(
            ctx, "Side effects this week", "Did you have any of these this week? Tick all that apply.", parent
        )
        self.setObjectName("sideEffectsDialog")
        self.boxes: dict[str, QCheckBox] = {}
        for effect, name in ck.SIDE_EFFECTS:
            box = QCheckBox(name, self)
            box.setObjectName(f"effect_{effect}")
            self.box.addWidget(box)
            self.boxes[effect] = box
        self._finish_layout()
        self.boxes[ck.SIDE_EFFECT_IDS[0]].setFocus()

    def accept(self) -> None:
        chosen = [e for e, box in self.boxes.items() if box.isChecked()]
        checkin = ck.make_side_effects(self.ctx.companion.clock.now(), chosen)
        if self._record(checkin, "Side-effect check-in"):
            super().accept()


class ChangeDialog(_Base):
    """One question: the patient global impression of change since the last summary (1-7)."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "Change since the last summary", ck.CHANGE_QUESTION, parent)
        self.setObjectName("changeDialog")
        self.group = QButtonGroup(self)
        for value, answer in enumerate(ck.CHANGE_ANSWERS, start=1):
            button = QRadioButton(f"{value}. {answer}", self)
            button.setObjectName(f"change_{value}")
            self.group.addButton(button, value)
            self.box.addWidget(button)
        self._finish_layout()
        self.group.button(4).setFocus()

    def accept(self) -> None:
        value = self.group.checkedId()
        if value < 1:
            self.message.show_error("please choose one answer, or press Not now.")
            return
        try:
            checkin = ck.make_change(self.ctx.companion.clock.now(), value)
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            return
        if self._record(checkin, "Change check-in"):
            super().accept()
