"""The weekly PEG check-in: three 0–10 questions about the past week; the score is their mean (Krebs 2009)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...domain.peg import PEG_QUESTIONS, PEG_SOURCE, PegCheckin
from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.message_label import MessageLabel
from ..widgets.pain_scale import PainScale
from .sizing import make_scrollable

ANCHORS = {
    "pain": {0: "no pain", 10: "as bad as you can imagine"},
    "enjoyment": {0: "does not interfere", 10: "completely interferes"},
    "activity": {0: "does not interfere", 10: "completely interferes"},
}
SHORT_NAMES = {"pain": "Average pain", "enjoyment": "Enjoyment of life", "activity": "General activity"}


class PegDialog(QDialog):
    """Saves through `companion.diary.add_peg`; `saved` holds the check-in after Accepted."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pegDialog")
        self.setWindowTitle("Weekly check-in")
        self.ctx = ctx
        self.saved: PegCheckin | None = None
        layout = QVBoxLayout(self)
        intro = QLabel("Three questions about the past week. Type a number or click one; Tab goes to the next.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.scales: dict[str, PainScale] = {}
        for number, (key, question, _anchors) in enumerate(PEG_QUESTIONS, start=1):
            label = QLabel(f"&{number}. {question}", self)
            label.setWordWrap(True)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            scale = PainScale(SHORT_NAMES[key], ANCHORS[key], self, object_name=f"peg_{key}")
            scale.valueChanged.connect(self._update_score)
            label.setBuddy(scale)
            layout.addSpacing(label.fontMetrics().height() // 2)
            layout.addWidget(label)
            layout.addWidget(scale)
            self.scales[key] = scale
        self.score_label = QLabel(self)
        self.score_label.setObjectName("pegScore")
        layout.addSpacing(self.score_label.fontMetrics().height() // 2)
        layout.addWidget(self.score_label)
        self.last_label = QLabel(self._last_text(), self)
        self.last_label.setObjectName("pegLast")
        layout.addWidget(self.last_label)
        source = QLabel(f"PEG scale: {PEG_SOURCE}", self)
        source.setWordWrap(True)
        source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        source.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # read-only text, not a stop that Tab could never reach
        layout.addWidget(source)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Not now")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_score()
        self._initial_size()
        self.scales["pain"].setFocus()

    def _initial_size(self) -> None:
        """Wide enough for eleven large buttons and the anchor words; tall enough for the wrapped questions."""
        self.resize(max(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 90), 0)
        make_scrollable(self, self.message, self.buttons, name="pegScroll")  # capped at the screen

    def _last_text(self) -> str:
        try:
            history = self.ctx.companion.diary.peg_history(limit=1)
        except PainCompanionError:
            return ""
        if not history:
            return "This is your first check-in."
        last = history[0]
        return f"Last check-in ({last.at:%d %B %Y}): score {last.score:.1f}"

    def values(self) -> dict[str, int | None]:
        return {key: scale.value() for key, scale in self.scales.items()}

    def _update_score(self) -> None:
        values = self.values()
        if any(v is None for v in values.values()):
            missing = sum(v is None for v in values.values())
            self.score_label.setText(f"Score: shown when all three are answered ({missing} to go).")
            return
        score = sum(v for v in values.values() if v is not None) / 3
        self.score_label.setText(f"Your PEG score this week: {score:.1f} out of 10 (the mean of the three).")

    def accept(self) -> None:
        values = self.values()
        missing = [SHORT_NAMES[k] for k, v in values.items() if v is None]
        if missing:
            self.message.show_error("please answer " + ", ".join(missing).lower() + ".")
            self.scales[next(k for k, v in values.items() if v is None)].setFocus()
            return
        try:
            self.saved = self.ctx.companion.diary.add_peg(values["pain"], values["enjoyment"], values["activity"])
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            return
        super().accept()
