"""ProductChoice: "Which product did you mean?" for a name that could be several products.

Each candidate is listed with its ingredients, so the patient can compare with the box. Nothing is picked until
the patient picks (click, Enter or Space on a row); the choice is announced through `chosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ...interactions.normalize import Candidate

QUESTION = "Which product did you mean? Pick the one on your pack:"


class _CandidateList(QListWidget):
    """A list where Enter or Space picks the current row (arrow keys only move)."""

    picked = Signal(QListWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentItem():
            self.picked.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class ProductChoice(QWidget):
    """A question and a list of candidates ("Name (ingredient + ingredient)"); hidden when there is nothing to pick."""

    #: The exact name of the picked product.
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "productChoice") -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.question = QLabel(QUESTION, self)
        self.question.setWordWrap(True)
        self.question.setObjectName(f"{object_name}Question")
        self.list = _CandidateList(self)
        self.list.setObjectName(f"{object_name}List")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAccessibleName("Which product did you mean?")
        self.list.setAccessibleDescription("Each product is listed with its active ingredients. Press Enter to pick.")
        self.question.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addWidget(self.list)
        self.list.itemClicked.connect(self._pick)
        self.list.picked.connect(self._pick)
        self.setVisible(False)

    def set_candidates(self, candidates: Sequence[Candidate], chosen: str = "") -> None:
        """Show the candidates (hide when there are none); `chosen` marks the one already picked."""
        self.list.clear()
        for candidate in candidates:
            item = QListWidgetItem(candidate.label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, candidate.name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, candidate.label)
            if chosen and candidate.name.casefold() == chosen.casefold():
                self.list.setCurrentItem(item)
        line = self.list.fontMetrics().height() + 6
        rows = sum(max(self.list.sizeHintForRow(k), line) for k in range(min(len(candidates), 5)))
        self.list.setFixedHeight(max(rows, line) + 2 * self.list.frameWidth() + 4)
        self.setVisible(bool(candidates))

    def names(self) -> list[str]:
        return [self.list.item(k).data(Qt.ItemDataRole.UserRole) for k in range(self.list.count())]

    def _pick(self, item: QListWidgetItem) -> None:
        self.list.setCurrentItem(item)
        self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
