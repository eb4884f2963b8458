""" "Where does it hurt?": choose body regions on the body map (or, if it is missing, from a list)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain.body import REGIONS
from .sizing import make_scrollable


class RegionList(QListWidget):
    """A plain checkable list of all regions: the fallback when the body map widget is not available."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionList")
        self.setAccessibleName("Body regions")
        self.setTabKeyNavigation(False)
        for region in REGIONS:
            item = QListWidgetItem(region.name, self)
            item.setData(Qt.ItemDataRole.UserRole, region.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.itemActivated.connect(self._toggle)

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def selectedRegions(self) -> list[str]:
        items = (self.item(i) for i in range(self.count()))
        return [it.data(Qt.ItemDataRole.UserRole) for it in items if it.checkState() == Qt.CheckState.Checked]

    def setSelectedRegions(self, ids: Sequence[str]) -> None:
        wanted = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)


def make_region_picker(parent: QWidget | None = None) -> QWidget:
    """Helper C's BodyMapWidget when present; else the region list."""
    try:
        from ..widgets.body_map import BodyMapWidget
    except ImportError:
        return RegionList(parent)
    return BodyMapWidget(parent)


class LocationsDialog(QDialog):
    """Pick regions; `regions()` gives the chosen ids after Accepted."""

    def __init__(self, selected: Sequence[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locationsDialog")
        self.setWindowTitle("Where does it hurt?")
        layout = QVBoxLayout(self)
        hint = QLabel("Choose every place that hurts. You can give each its own number afterwards.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.picker = make_region_picker(self)
        self.picker.setSelectedRegions(list(selected))  # type: ignore[attr-defined]
        layout.addWidget(self.picker, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Done")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        metrics = self.fontMetrics()
        self.resize(max(self.sizeHint().width(), metrics.averageCharWidth() * 110), metrics.lineSpacing() * 34)
        make_scrollable(self, buttons, name="locationsScroll")
        self.picker.setFocus()

    def regions(self) -> list[str]:
        return list(self.picker.selectedRegions())  # type: ignore[attr-defined]
