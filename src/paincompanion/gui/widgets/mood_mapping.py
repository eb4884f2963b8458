"""The import preview's list of a mood diary's moods (Daylio), each with the 0–10 it will be saved as.

One row per mood name of the file: the name, how often it occurs, the group it was recognised as, and a spin
box 0–10 (Tab moves from box to box; each box's accessible name says which mood it is). Moods that were not
recognised come with a plain "please check" and start at 5. A change is reported (`changed`) after a short
pause, so the dialog can run the preview again with the patient's numbers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

#: Words for Daylio's mood groups as the patient sees them.
GROUP_WORDS = {"rad": "rad", "good": "good", "meh": "meh", "bad": "bad", "awful": "awful"}
PAUSE_MS = 400


class MoodMappingPanel(QWidget):
    """Editable mood name → 0–10 list; hidden when the file has no mood names."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodMapping")
        self._names: list[str] = []
        self._defaults: dict[str, int] = {}
        self.spins: dict[str, QSpinBox] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.changed.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.title = QLabel("", self)
        self.title.setWordWrap(True)
        top.addWidget(self.title, 1)
        self.reset_button = QPushButton("&Suggested numbers", self)
        self.reset_button.setObjectName("moodMappingReset")
        self.reset_button.setAccessibleName("Put every mood back to its suggested number")
        self.reset_button.setToolTip("Put every mood back to the number suggested from Daylio's five mood groups")
        self.reset_button.clicked.connect(self.reset)
        top.addWidget(self.reset_button)
        layout.addLayout(top)
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self._scroll, 1)
        self._grid_host = QWidget(self._scroll)
        self._grid = QGridLayout(self._grid_host)
        self._scroll.setWidget(self._grid_host)
        self.setVisible(False)

    def set_moods(self, moods: list[dict[str, Any]]) -> None:
        """Show the preview's `mood_names`; the same names again keep the patient's numbers as they are."""
        names = [m["name"] for m in moods]
        if not moods:
            self.clear()
            return
        if names == self._names:
            return
        self._build(moods)

    def clear(self) -> None:
        self._names, self._defaults = [], {}
        self._rebuild_grid()
        self.spins = {}
        self.setVisible(False)

    def choices(self) -> dict[str, int] | None:
        """Every mood's number as shown (None when there are no moods)."""
        return {name: spin.value() for name, spin in self.spins.items()} or None

    def reset(self) -> None:
        for name, spin in self.spins.items():
            spin.setValue(self._defaults[name])

    def _rebuild_grid(self) -> None:
        self._grid_host = QWidget(self._scroll)
        self._grid = QGridLayout(self._grid_host)
        self._scroll.setWidget(self._grid_host)  # the scroll area deletes the old host and its rows

    def _build(self, moods: list[dict[str, Any]]) -> None:
        self._rebuild_grid()
        self._names = [m["name"] for m in moods]
        self._defaults = {m["name"]: int(m["default"]) for m in moods}
        self.spins = {}
        unknown = sum(not m["recognised"] for m in moods)
        self.title.setText(
            f"Moods in this file ({len(moods)}): the number each is saved as, 0 (worst) to 10 (best)."
            + (f" {unknown} not recognised: please check {'it' if unknown == 1 else 'them'}." if unknown else "")
        )
        for column, text in enumerate(("Mood", "Times", "Daylio group", "Saved as (0–10)")):
            header = QLabel(f"<b>{text}</b>", self._grid_host)
            self._grid.addWidget(header, 0, column)
        for row, mood in enumerate(moods, start=1):
            name = mood["name"]
            label = QLabel(name, self._grid_host)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(QLabel(f"{mood['count']:,}×", self._grid_host), row, 1)
            group = GROUP_WORDS.get(mood["group"], "") if mood["recognised"] else "not recognised: please check"
            self._grid.addWidget(QLabel(group, self._grid_host), row, 2)
            spin = QSpinBox(self._grid_host)
            spin.setObjectName(f"moodValue_{row}")
            spin.setRange(0, 10)
            spin.setValue(int(mood["value"]))
            spin.setAccessibleName(f"Number for the mood {name}")
            spin.setToolTip(f"0 to 10; suggested {mood['default']}")
            spin.valueChanged.connect(lambda _: self._timer.start())
            label.setBuddy(spin)
            self._grid.addWidget(spin, row, 3)
            self.spins[name] = spin
        previous: QWidget = self.reset_button  # new rows come right after the button in Tab order, not last
        for spin in self.spins.values():
            QWidget.setTabOrder(previous, spin)
            previous = spin
        self._grid.setColumnStretch(0, 1)
        self._grid.setRowStretch(len(moods) + 1, 1)
        self.setVisible(True)
