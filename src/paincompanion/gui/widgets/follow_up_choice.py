"""Settings ▸ Reminders: when to ask "how is your pain now?" after an as-needed dose rated before (or off)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...domain.follow_up import DEFAULT_DELAY
from ...errors import PainCompanionError
from ..context import GuiContext
from .message_label import MessageLabel

#: The choices offered (minutes; None = off); a saved value between them is added to the list.
CHOICES: tuple[int | None, ...] = (None, 30, 45, 60, 90, 120, 150, 180)


def choice_text(minutes: int | None) -> str:
    if minutes is None:
        return "Off: do not ask"
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"After {minutes} minutes"
    text = f"{hours} hour{'s' if hours > 1 else ''}" + (f" {rest} minutes" if rest else "")
    return f"After {text}" + (" (usual)" if minutes == DEFAULT_DELAY else "")


class FollowUpChoice(QGroupBox):
    """A combo box saved at once through `companion.follow_ups.set_delay`."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("After an as-needed dose", parent)
        self.setObjectName("followUpChoice")
        self.ctx = ctx
        layout = QVBoxLayout(self)
        label = QLabel("When you note your pain with a dose, ask &how it is:", self)
        label.setWordWrap(True)
        self.combo = QComboBox(self)
        self.combo.setObjectName("followUpDelay")
        self.combo.setAccessibleName("When to ask how your pain is after a dose")
        label.setBuddy(self.combo)
        try:
            current = ctx.companion.follow_ups.delay()
        except PainCompanionError:
            current = DEFAULT_DELAY
        values = list(CHOICES) if current in CHOICES else [None, *sorted([*CHOICES[1:], current])]  # type: ignore[type-var]
        for minutes in values:
            self.combo.addItem(choice_text(minutes), minutes)
        self.combo.setCurrentIndex(values.index(current))
        self.combo.currentIndexChanged.connect(self.save)
        note = QLabel("A missed question is not asked later; you can always skip it.", self)
        note.setWordWrap(True)
        self.message = MessageLabel(self)
        for widget in (label, self.combo, note, self.message):
            layout.addWidget(widget)

    def save(self) -> None:
        try:
            self.ctx.companion.follow_ups.set_delay(self.combo.currentData())
        except PainCompanionError as exc:
            self.message.show_error(f"Not saved: {exc}")
            return
        self.message.clear_message()
