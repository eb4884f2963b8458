"""The 0–10 scale: eleven large toggle buttons with anchor words, one Tab stop, digit keys set it.

Keys (when the scale has focus): 0–9 set the value; "1" then "0" typed within a second gives 10;
Left/Right or Up/Down step by one; Home = 0, End = 10; Delete/Backspace clears (when clearing is allowed).
Only the chosen button (or "0" when none is chosen) is in the Tab chain, like a radio group, so the
whole scale costs one Tab.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

PAIN_WORDS = {0: "no pain", 5: "moderate", 10: "worst imaginable"}
TEN_WINDOW_S = 1.0


def value_words(value: int, words: dict[int, str]) -> str:
    return f"{value}, {words[value]}" if value in words else str(value)


class ScaleButton(QPushButton):
    """A number button; the chosen one is filled with the palette's highlight colour (clear in light and dark)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.isChecked():
            super().paintEvent(event)
            return
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = self.rect().adjusted(1, 1, -1, -1)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(highlight.darker(140), 1))
        painter.setBrush(highlight)
        painter.drawRoundedRect(rect, 4, 4)
        text_colour = palette.color(QPalette.ColorRole.HighlightedText)
        if self.hasFocus():
            painter.setPen(QPen(text_colour, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(text_colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.text())


class PainScale(QWidget):
    """A 0–10 rating. `value()` is None until chosen. Emits `valueChanged(int)` (-1 when cleared)."""

    valueChanged = Signal(int)

    def __init__(
        self,
        name: str = "Pain",
        words: dict[int, str] | None = None,
        parent: QWidget | None = None,
        *,
        object_name: str = "painScale",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self._name = name
        self._words = dict(words or PAIN_WORDS)
        self._value: int | None = None
        self._last_digit: tuple[int, float] | None = None
        self.setAccessibleName(f"{name}, 0 to 10")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self._group = QButtonGroup(self)
        self._group.setExclusive(False)  # exclusivity is ours, so "nothing chosen" stays possible
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self.buttons: list[QPushButton] = []
        for number in range(11):
            button = ScaleButton(str(number), self)
            button.setObjectName(f"{object_name}Button{number}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setAccessibleName(f"{name} {value_words(number, self._words)}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.installEventFilter(self)
            self._group.addButton(button, number)
            grid.addWidget(button, 0, number)
            self.buttons.append(button)
        self._group.idClicked.connect(self._clicked)
        words_row = QHBoxLayout()
        words_row.setContentsMargins(0, 0, 0, 0)
        for position, (number, text) in enumerate(sorted(self._words.items())):
            label = QLabel(text, self)
            label.setObjectName(f"{object_name}Word{number}")
            align = Qt.AlignmentFlag.AlignLeft if position == 0 else Qt.AlignmentFlag.AlignHCenter
            if number == 10:
                align = Qt.AlignmentFlag.AlignRight
            label.setAlignment(align)
            words_row.addWidget(label, 1)
        grid.addLayout(words_row, 1, 0, 1, 11)
        self._sync()

    # --- sizing ---------------------------------------------------------------------------------

    def _update_button_size(self) -> None:
        metrics = self.fontMetrics()
        height = max(metrics.height() * 2 + 6, 36)
        width = max(metrics.horizontalAdvance("10") + metrics.height(), height * 0.8)
        for button in self.buttons:
            button.setMinimumSize(int(width), int(height))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._update_button_size()
        super().changeEvent(event)

    # --- value ----------------------------------------------------------------------------------

    def value(self) -> int | None:
        return self._value

    def setValue(self, value: int | None) -> None:
        if value is not None and not 0 <= int(value) <= 10:
            raise ValueError(f"{self._name} must be from 0 to 10, not {value}")
        value = None if value is None else int(value)
        if value == self._value:
            return
        self._value = value
        self._sync()
        self.valueChanged.emit(-1 if value is None else value)

    def clear(self) -> None:
        self._last_digit = None
        self.setValue(None)

    def current_button(self) -> QPushButton:
        return self.buttons[self._value if self._value is not None else 0]

    def _sync(self) -> None:
        self._update_button_size()
        focus_was_inside = any(b.hasFocus() for b in self.buttons)
        current = self.current_button()
        for number, button in enumerate(self.buttons):
            button.setChecked(number == self._value)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is current else Qt.FocusPolicy.NoFocus)
        self.setFocusProxy(current)
        if focus_was_inside:
            current.setFocus(Qt.FocusReason.OtherFocusReason)
        chosen = "not chosen" if self._value is None else value_words(self._value, self._words)
        self.setAccessibleDescription(f"{self._name}: {chosen}. Type a number from 0 to 10.")

    def _clicked(self, number: int) -> None:
        self.setValue(number)
        self.current_button().setFocus(Qt.FocusReason.MouseFocusReason)

    # --- keyboard -------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.buttons:
            return self.handle_key(event)  # type: ignore[arg-type]
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle a key meant for the scale; return True if used."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        text = event.text()
        if len(text) == 1 and text.isdigit():
            self._digit(int(text))
            return True
        self._last_digit = None
        current = self._value
        step = {
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_Minus: -1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Plus: 1,
        }.get(Qt.Key(key))
        if step is not None:
            start = current if current is not None else (-1 if step > 0 else 11)
            self.setValue(min(10, max(0, start + step)))
            return True
        if key == Qt.Key.Key_Home:
            self.setValue(0)
            return True
        if key == Qt.Key.Key_End:
            self.setValue(10)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setValue(None)
            return True
        if key == Qt.Key.Key_Space:
            if current is None:
                self.setValue(0)
            return True
        return False  # Tab, Enter, Escape... go on to the form

    def _digit(self, digit: int) -> None:
        now = time.monotonic()
        previous = self._last_digit
        if digit == 0 and previous and previous[0] == 1 and now - previous[1] <= TEN_WINDOW_S and self._value == 1:
            self._last_digit = None
            self.setValue(10)
            return
        self._last_digit = (digit, now)
        self.setValue(digit)
