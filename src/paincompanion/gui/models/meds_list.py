"""Table model of the patient's medicines and supplements, with a severity mark (symbol + word + colour) per item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from ...domain.interactions import Severity
from ..widgets.warnings_panel import NOT_RECOGNISED, UNKNOWN_SYMBOL, severity_colour, severity_mark

if TYPE_CHECKING:
    from ...domain.medications import Medication

MED_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role: the medication id (int) of a row."""
MED_ROLE = Qt.ItemDataRole.UserRole + 2
"""Data role: the whole Medication of a row."""
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3
"""Data role: the highest Severity of a warning involving the row's item, or None."""

_Index = QModelIndex | QPersistentModelIndex

NONE_LISTED = "none listed"
#: An item recognised but named in no rule of the dataset: nothing could be checked for it.
NO_RULES = "no rules in dataset"
NOT_CHECKED_STOPPED = "not checked"


class Column(IntEnum):
    NAME = 0
    WARNING = 1
    RECOGNISED = 2
    DOSE = 3
    DATES = 4


HEADERS: dict[Column, tuple[str, str]] = {
    Column.NAME: ("Name", "The name as you typed it (with product and strain for supplements)"),
    Column.WARNING: ("Warning", "The most serious warning that involves this item"),
    Column.RECOGNISED: ("Recognised as", "The ingredients the bundled dataset recognised in the name"),
    Column.DOSE: ("Strength and schedule", "Strength per dose, form, and how often you take it"),
    Column.DATES: ("Dates", "When you started, or stopped"),
}


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def name_text(med: Medication) -> str:
    extra = ", ".join(part for part in (med.strain, med.product) if part)
    return f"{med.name} ({extra})" if extra else med.name


def recognised_text(med: Medication) -> str:
    if med.ingredients_given or med.candidates:  # "… (ingredients given by you)", "which product? …"
        return med.recognition
    if not med.recognized:
        return NOT_RECOGNISED
    return " + ".join(med.display_ingredients)


def strength_text(med: Medication) -> str:
    amount = f"{med.strength:g} {med.unit}".strip() if med.strength is not None else ""
    return " ".join(part for part in (amount, med.form) if part)


def dose_text(med: Medication) -> str:
    """E.g. "0.5 mg tablet, once a day"."""
    return ", ".join(part for part in (strength_text(med), med.schedule_text) if part)


def dates_text(med: Medication, *, full: bool = False) -> str:
    """E.g. "since 3 Jan 2026", "stopped 2 Mar 2026" (`full`: "from 3 Jan 2026, stopped 2 Mar 2026")."""
    if not med.active:
        stopped = f"stopped {day_text(med.stop)}" if med.stop else "stopped"
        return f"from {day_text(med.start)}, {stopped}" if med.start and full else stopped
    parts = []
    if med.start:
        parts.append(f"since {day_text(med.start)}")
    if med.stop:
        parts.append(f"stops {day_text(med.stop)}")
    return ", ".join(parts)


def warning_text(med: Medication, severity: Severity | None) -> str:
    if not med.active:
        return NOT_CHECKED_STOPPED
    if med.candidates:
        return f"{UNKNOWN_SYMBOL} which product?"
    if not med.recognized:
        return f"{UNKNOWN_SYMBOL} not recognised"
    return severity_mark(severity) if severity is not None else NONE_LISTED


def cell_text(med: Medication, column: Column, severity: Severity | None = None) -> str:
    if column is Column.NAME:
        return name_text(med)
    if column is Column.WARNING:
        return warning_text(med, severity)
    if column is Column.RECOGNISED:
        return recognised_text(med)
    if column is Column.DOSE:
        return dose_text(med)
    return dates_text(med)


def row_description(med: Medication, severity: Severity | None, *, no_rules: bool = False) -> str:
    """The whole row in one sentence (tooltips and screen readers)."""
    parts = [name_text(med)]
    recognised = recognised_text(med)
    parts.append(recognised if not med.recognized or med.ingredients_given else f"recognised as {recognised}")
    for text in (strength_text(med), med.schedule_text, dates_text(med, full=True)):
        if text:
            parts.append(text)
    if med.active and med.recognized:
        if severity:
            parts.append(f"warning: {severity.label}")
        elif no_rules:
            parts.append("no interaction rules for it in the dataset")
        else:
            parts.append("no warning listed in the dataset")
    if med.suggestions:
        parts.append("did you mean " + " or ".join(med.suggestions[:3]))
    return "; ".join(parts) + "."


class MedsListModel(QAbstractTableModel):
    """Rows of Medication (active first, then stopped, as the service lists them); filled by `set_rows()`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._meds: list[Medication] = []
        self._marks: dict[int, Severity | None] = {}
        self._no_rules: set[int] = set()

    # --- filling ----------------------------------------------------------------------------------

    def set_rows(self, meds: Sequence[Medication], marks: Mapping[int, Severity | None] | None = None) -> None:
        """Replace all rows; `marks` maps a medication id to its highest warning severity."""
        self.beginResetModel()
        self._meds = list(meds)
        self._marks = dict(marks or {})
        self.endResetModel()

    def set_marks(self, marks: Mapping[int, Severity | None]) -> None:
        """Update only the severity marks (after the interaction check ran)."""
        self._marks = dict(marks)
        if self._meds:
            top = self.index(0, Column.WARNING)
            bottom = self.index(len(self._meds) - 1, Column.WARNING)
            self.dataChanged.emit(top, bottom)

    def set_no_rules(self, med_ids: Iterable[int]) -> None:
        """Mark the items that the dataset recognises but names in no rule ("no rules in dataset")."""
        self._no_rules = set(med_ids)
        if self._meds:
            self.dataChanged.emit(self.index(0, Column.WARNING), self.index(len(self._meds) - 1, Column.WARNING))

    def medication(self, row: int) -> Medication | None:
        return self._meds[row] if 0 <= row < len(self._meds) else None

    def row_of(self, med_id: int) -> int:
        return next((row for row, med in enumerate(self._meds) if med.id == med_id), -1)

    def medications(self) -> list[Medication]:
        return list(self._meds)

    def severity(self, med_id: int) -> Severity | None:
        return self._marks.get(med_id)

    # --- Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._meds)

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
        vertical = orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
        if vertical and 0 <= section < len(self._meds):
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._meds)) or not (0 <= index.column() < len(Column)):
            return None
        med = self._meds[index.row()]
        column = Column(index.column())
        severity = self._marks.get(med.id) if med.active else None
        no_rules = med.active and med.recognized and severity is None and med.id in self._no_rules
        if role == Qt.ItemDataRole.DisplayRole:
            return NO_RULES if no_rules and column is Column.WARNING else cell_text(med, column, severity)
        if role == MED_ID_ROLE:
            return med.id
        if role == MED_ROLE:
            return med
        if role == SEVERITY_ROLE:
            return severity
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return row_description(med, severity, no_rules=no_rules)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(med, column, severity)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(med, column, severity)
        return None

    def _foreground(self, med: Medication, column: Column, severity: Severity | None) -> Any:
        palette = QGuiApplication.palette()
        if not med.active:
            return palette.color(QPalette.ColorRole.PlaceholderText)
        if column is Column.WARNING and severity is not None:
            return severity_colour(severity, palette)
        return None

    def _font(self, med: Medication, column: Column, severity: Severity | None) -> QFont | None:
        stopped = not med.active
        strong = column is Column.WARNING and severity is not None and severity.rank >= Severity.MAJOR.rank
        unknown = column is Column.RECOGNISED and not med.recognized
        if not (stopped or strong or unknown):
            return None
        font = QFont(QGuiApplication.font())
        font.setItalic(stopped or unknown)
        font.setBold(strong)
        return font
