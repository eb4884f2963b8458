"""Chosen body locations in the entry form: a button opens the body map; each region may get its own 0–10."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from ...domain.body import region_name
from ...domain.diary import LocationPain
from .form_fields import OptionalScoreSpin, chain_tab_order


class LocationsEditor(QWidget):
    """`locations()` / `set_locations()`; emits `changed`."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locationsEditor")
        self._rows: list[tuple[str, OptionalScoreSpin]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.choose_button = QPushButton("Where does it hurt?…", self)
        self.choose_button.setObjectName("chooseLocationsButton")
        self.choose_button.setAccessibleName("Choose where it hurts")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        # No focus proxy on purpose: this container sits late in the focus chain (the quick entry builds it
        # lazily), and Qt would treat it as a Tab stop through its proxy, making a Tab loop.
        self._grid_host = QWidget(self)
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(3, 1)
        layout.addWidget(self._grid_host)
        self._rebuild([])

    def locations(self) -> tuple[LocationPain, ...]:
        return tuple(LocationPain(region, spin.score()) for region, spin in self._rows)

    def set_locations(self, locations: Sequence[LocationPain]) -> None:
        self._rebuild(list(locations))

    def choose(self) -> None:
        from ..dialogs.locations_dialog import LocationsDialog

        current = self.locations()
        dialog = LocationsDialog([loc.region for loc in current], self.window())
        if dialog.exec() != LocationsDialog.DialogCode.Accepted:
            return
        kept = {loc.region: loc for loc in current}
        self._rebuild([kept.get(region, LocationPain(region)) for region in dialog.regions()])
        self.choose_button.setFocus()

    def _remove(self, region: str) -> None:
        remaining = [loc for loc in self.locations() if loc.region != region]
        self._rebuild(remaining)
        self.choose_button.setFocus()

    def _rebuild(self, locations: list[LocationPain]) -> None:
        while (item := self._grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self._rows = []
        self._remove_buttons: dict[str, QToolButton] = {}
        for row, loc in enumerate(locations):
            name = region_name(loc.region)
            label = QLabel(name, self._grid_host)
            spin = OptionalScoreSpin(f"Pain in {name}, 0 to 10", self._grid_host)
            spin.setObjectName(f"locationPain_{loc.region}")
            spin.setScore(loc.intensity)
            spin.valueChanged.connect(self.changed)
            label.setBuddy(spin)
            remove = QToolButton(self._grid_host)
            remove.setText("Remove")
            remove.setObjectName(f"removeLocation_{loc.region}")
            remove.setAccessibleName(f"Remove {name}")
            remove.clicked.connect(lambda _=False, r=loc.region: self._remove(r))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(spin, row, 1)
            self._grid.addWidget(remove, row, 2)
            self._rows.append((loc.region, spin))
            self._remove_buttons[loc.region] = remove
        chain_tab_order(self.choose_button, [w for _r, spin in self._rows for w in (spin, self._remove_buttons[_r])])
        self._grid_host.setVisible(bool(locations))
        self.choose_button.setText("Change where it hurts…" if locations else "Where does it hurt?…")
        self.changed.emit()
