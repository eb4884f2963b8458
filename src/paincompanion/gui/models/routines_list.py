"""Table model of the routines library (bundled and the user's own), with marks for favourites and "My routine"."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.routines import CONDITIONS

if TYPE_CHECKING:
    from ...domain.routines import Routine

ROUTINE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role: the routine id (str) of a row."""

_Index = QModelIndex | QPersistentModelIndex

FAVOURITE_MARK = "★ Favourite"
MINE_MARK = "My routine"
WORKSHEET_MARK = "Worksheet"
REVIEWED_MARK = "✓ Reviewed"
AWAITING_MARK = "Awaiting review"
OWN_MARK = "Your own"


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    LENGTH = 2
    LEVEL = 3
    MARKS = 4
    REVIEW = 5


HEADERS: dict[Column, tuple[str, str]] = {
    Column.TITLE: ("Routine", "The routine's name"),
    Column.KIND: ("Kind", "Exercise, thinking skills, relaxation, mindfulness, sleep or planning"),
    Column.LENGTH: ("Length", "About how long it takes"),
    Column.LEVEL: ("Level", "Gentle, beginner or intermediate"),
    Column.MARKS: ("Marks", "Your favourites, your own routines and worksheets"),
    Column.REVIEW: ("Review", "Whether a physiotherapist or psychologist has reviewed the routine yet"),
}


def review_mark(routine: Routine) -> str:
    """Plainly: reviewed by a clinician, awaiting review, or your own routine (which nobody reviews)."""
    if routine.origin == "user":
        return OWN_MARK
    return REVIEWED_MARK if routine.reviewed else AWAITING_MARK


def minutes_text(minutes: int) -> str:
    return f"{minutes} min"


def marks_text(routine: Routine, favourite: bool) -> str:
    marks = []
    if favourite:
        marks.append(FAVOURITE_MARK)
    if routine.origin == "user":
        marks.append(MINE_MARK)
    if routine.is_worksheet:
        marks.append(WORKSHEET_MARK)
    return " · ".join(marks)


def conditions_text(routine: Routine) -> str:
    return ", ".join(CONDITIONS.get(c, c) for c in routine.conditions)


def row_description(routine: Routine, favourite: bool) -> str:
    """The whole row in one sentence (tooltips and screen readers)."""
    parts = [routine.title, routine.kind.label, f"about {routine.minutes} minutes", routine.level.label.lower()]
    if favourite:
        parts.append("a favourite")
    if routine.origin == "user":
        parts.append("your own routine")
    if routine.is_worksheet:
        parts.append("a worksheet to fill in")
    if routine.origin != "user":
        parts.append("reviewed by a clinician" if routine.reviewed else "awaiting a clinician's review")
    return ", ".join(parts) + "."


def cell_text(routine: Routine, column: Column, favourite: bool = False) -> str:
    if column is Column.TITLE:
        return routine.title
    if column is Column.KIND:
        return routine.kind.label
    if column is Column.LENGTH:
        return minutes_text(routine.minutes)
    if column is Column.LEVEL:
        return routine.level.label
    if column is Column.REVIEW:
        return review_mark(routine)
    return marks_text(routine, favourite)


class RoutinesListModel(QAbstractTableModel):
    """Rows of Routine in the library's order; filled by `set_rows()`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routines: list[Routine] = []
        self._favourites: set[str] = set()

    def set_rows(self, routines: Sequence[Routine], favourites: Iterable[str] = ()) -> None:
        self.beginResetModel()
        self._routines = list(routines)
        self._favourites = set(favourites)
        self.endResetModel()

    def routine(self, row: int) -> Routine | None:
        return self._routines[row] if 0 <= row < len(self._routines) else None

    def routines(self) -> list[Routine]:
        return list(self._routines)

    def row_of(self, routine_id: str) -> int:
        return next((row for row, r in enumerate(self._routines) if r.id == routine_id), -1)

    def is_favourite(self, routine_id: str) -> bool:
        return routine_id in self._favourites

    # --- Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._routines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)][0]
            if role == Qt.ItemDataRole.ToolTipRole:
                return HEADERS[Column(section)][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._routines)):
            return None
        routine = self._routines[index.row()]
        favourite = routine.id in self._favourites
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(routine, Column(index.column()), favourite)
        if role == ROUTINE_ID_ROLE:
            return routine.id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return row_description(routine, favourite)
        return None
