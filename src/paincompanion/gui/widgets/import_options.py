"""The import preview's extra choices: Flaredown's pain item and person, Other CSV's pain scale and row filter.

A thin face over importers.ImportOptions: the dialog adds the panel's rows to its own form (`add_to`, so
they line up with its other rows), reads `options()` for each preview and re-runs the preview when `changed`
fires. What the choices do is said in the preview's "How the values are read" list (the readers write it), so
the conversion the patient picked is always shown there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...importers import ImportOptions

#: The pain scales a file may use, as (label, (low, high) or None for 0–10 as it is).
SCALES: tuple[tuple[str, tuple[float, float] | None], ...] = (
    ("0–10 (as it is)", None),
    ("0–4", (0, 4)),
    ("0–5", (0, 5)),
    ("1–5", (1, 5)),
    ("1–10", (1, 10)),
    ("0–100", (0, 100)),
)
SUGGESTED = "Let the app suggest one"
NOBODY = "Choose whose check-ins…"
NO_FILTER = "(every row)"


class ImportOptionsPanel(QObject):
    """Choices that only some formats need (rows of the dialog's form); hidden for the others."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("importOptions")
        self._parent = parent
        self._format: str | None = None
        self._ready = False  # filling the lists while building them is no change of the patient's
        self._rows: list[tuple[QLabel, QWidget]] = []
        self.pain_item_combo = self._combo("importPainItem", "Which Flaredown item is the pain score")
        self._pain_item_label = self._row("&Pain score is:", self.pain_item_combo)
        self.person_combo = self._combo("importPerson", "Whose check-ins to import")
        self._person_label = self._row("&Whose check-ins:", self.person_combo)
        self.scale_combo = self._combo("importScale", "The pain scale used in the file")
        for text, scale in SCALES:
            self.scale_combo.addItem(text, scale)
        self._scale_label = self._row("Pain &scale in the file:", self.scale_combo)
        filter_row = QWidget(parent)
        row = QHBoxLayout(filter_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.filter_column = self._combo("importFilterColumn", "Only rows whose column")
        self.filter_column.addItem(NO_FILTER, "")
        self.filter_value = QLineEdit(parent)
        self.filter_value.setObjectName("importFilterValue")
        self.filter_value.setAccessibleName("holds this value")
        self.filter_value.setPlaceholderText("holds this value, e.g. pain")
        self.filter_value.editingFinished.connect(self._filter_edited)
        row.addWidget(self.filter_column, 1)
        row.addWidget(QLabel("=", filter_row))
        row.addWidget(self.filter_value, 1)
        self._filter_label = self._row("Only &rows where:", filter_row, buddy=self.filter_column)
        self._filter_row = filter_row
        self._last_filter: tuple[str, str] | None = None
        self.show_for(None)
        self._ready = True

    def all_hidden(self) -> bool:
        """True when none of the choices is shown."""
        return all(label.isHidden() for label, _ in self._rows)

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self._parent)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.currentIndexChanged.connect(lambda _: self._emit())
        return combo

    def _row(self, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
        label = QLabel(text, self._parent)
        label.setBuddy(buddy or field)
        self._rows.append((label, field))
        return label

    # --- what the dialog calls -------------------------------------------------------------------------------

    def add_to(self, form: QFormLayout) -> None:
        """Put the choices into the dialog's form, under its other rows."""
        for label, field in self._rows:
            form.addRow(label, field)

    def reset(self) -> None:
        """A new file: no choices carried over from the last one."""
        for combo, first in ((self.pain_item_combo, SUGGESTED), (self.person_combo, NOBODY)):
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            combo.blockSignals(False)
        self.scale_combo.blockSignals(True)
        self.scale_combo.setCurrentIndex(0)
        self.scale_combo.blockSignals(False)
        self.filter_value.clear()
        self._last_filter = None
        self.set_columns([])

    def set_columns(self, header: list[str]) -> None:
        """The file's columns, for the row filter (Other CSV)."""
        current = self.filter_column.currentData()
        self.filter_column.blockSignals(True)
        self.filter_column.clear()
        self.filter_column.addItem(NO_FILTER, "")
        for name in header:
            self.filter_column.addItem(name, name)
        self.filter_column.setCurrentIndex(max(self.filter_column.findData(current), 0))
        self.filter_column.blockSignals(False)

    def show_for(self, fmt: str | None) -> None:
        """Show the choices of format `fmt` ("flaredown", "csv"), hide the others."""
        self._format = fmt
        flaredown, csv = fmt == "flaredown", fmt == "csv"
        flaredown_widgets: tuple[QWidget, ...] = (self.pain_item_combo, self._pain_item_label)
        for widget in flaredown_widgets:
            widget.setVisible(flaredown)
        csv_widgets: tuple[QWidget, ...] = (self._scale_label, self.scale_combo, self._filter_label, self._filter_row)
        for widget in csv_widgets:
            widget.setVisible(csv)
        self._show_person(flaredown and self.person_combo.count() > 1)

    def show_choices(self, choices: dict[str, list[str]]) -> None:
        """Fill the Flaredown lists from what the preview found (keeping what the patient chose)."""
        self._fill(self.pain_item_combo, choices.get("pain_item", []))
        self._fill(self.person_combo, choices.get("person", []))
        self._show_person(self._format == "flaredown" and self.person_combo.count() > 1)

    def options(self) -> ImportOptions:
        """The patient's answers for the shown format."""
        if self._format == "flaredown":
            return ImportOptions(pain_item=self.pain_item_combo.currentData(), person=self.person_combo.currentData())
        if self._format == "csv":
            return ImportOptions(scale=self.scale_combo.currentData(), where=self._where())
        return ImportOptions()

    # --- inside ------------------------------------------------------------------------------------------------

    def _show_person(self, visible: bool) -> None:
        self.person_combo.setVisible(visible)
        self._person_label.setVisible(visible)

    def _fill(self, combo: QComboBox, values: list[str]) -> None:
        current = combo.currentData()
        present = [combo.itemData(i) for i in range(1, combo.count())]
        if present == values:
            return
        combo.blockSignals(True)
        first = combo.itemText(0)
        combo.clear()
        combo.addItem(first, None)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def _where(self) -> tuple[str, str] | None:
        column = self.filter_column.currentData()
        return (column, self.filter_value.text().strip()) if column else None

    def _filter_edited(self) -> None:
        if self._where() != self._last_filter:
            self._emit()

    def _emit(self) -> None:
        if not self._ready:
            return
        self._last_filter = self._where()
        self.changed.emit()
