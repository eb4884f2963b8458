"""Body map: click, arrow-key or list-select the body regions where it hurts.

`BodyMapWidget` = a painted front/back map (mouse and keyboard) + `regionList`, a checkable list with
every region by name (for screen readers and anyone who prefers a list). Both always show the same
selection. Contract: signal `selectionChanged()`, `selectedRegions() -> list[str]`,
`setSelectedRegions(ids)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QToolTip, QVBoxLayout, QWidget

from ...domain.body import REGIONS, REGIONS_BY_ID, region_name
from .body_shapes import BACK_OFFSET, FIGURE_HEIGHT, FIGURE_WIDTH, TOTAL_WIDTH, body_shapes

_ID_ROLE = Qt.ItemDataRole.UserRole
_DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """`t` of the way from colour a to colour b."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def neighbour(current: str, dx: float, dy: float) -> str | None:
    """The nearest region in direction (dx, dy) from `current`, preferring ones straight ahead."""
    shapes = body_shapes()
    here = shapes.centre(current)
    best: tuple[float, str] | None = None
    for region_id in shapes.regions:
        if region_id == current:
            continue
        there = shapes.centre(region_id)
        vx, vy = there.x() - here.x(), there.y() - here.y()
        ahead = vx * dx + vy * dy
        if ahead <= 1.0:
            continue
        score = ahead + 2.5 * abs(vx * dy - vy * dx)
        if best is None or score < best[0]:
            best = (score, region_id)
    return best[1] if best else None


class BodyMapCanvas(QWidget):
    """The painted map. Emits `toggled(region_id)`; the owner keeps the selection."""

    toggled = Signal(str)
    focusMoved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMapCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName("Body map")
        self.selected: set[str] = set()
        self.focus_region: str | None = None
        self.hover_region: str | None = None

    # --- geometry ---------------------------------------------------------------------------------

    def _label_band(self) -> float:
        return self.fontMetrics().height() * 1.8

    def transform(self) -> QTransform:
        """Logical body coordinates -> widget pixels, keeping the aspect ratio, centred."""
        band = self._label_band()
        avail_w, avail_h = max(1.0, self.width() - 8.0), max(1.0, self.height() - band - 4.0)
        scale = min(avail_w / TOTAL_WIDTH, avail_h / FIGURE_HEIGHT)
        x0 = (self.width() - TOTAL_WIDTH * scale) / 2
        return QTransform.fromTranslate(x0, band).scale(scale, scale)

    def region_at(self, pos: QPointF) -> str | None:
        inverted, ok = self.transform().inverted()
        return body_shapes().region_at(inverted.map(pos)) if ok else None

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(int(em * 24), int(em * 26))

    def minimumSizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(int(em * 14), int(em * 16))

    # --- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        pal = self.palette()
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.WindowText)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_labels(painter, text)
        painter.setTransform(self.transform())
        shapes = body_shapes()

        def pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
            p = QPen(color, width, style)
            p.setCosmetic(True)
            p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            return p

        for silhouette in shapes.silhouettes:
            painter.fillPath(silhouette, _mix(base, text, 0.07))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(pen(_mix(base, text, 0.25), 1.0))
        for region_id, path in shapes.regions.items():
            if region_id != self.hover_region and region_id not in self.selected:
                painter.drawPath(path)
        for silhouette in shapes.silhouettes:
            painter.strokePath(silhouette, pen(_mix(base, text, 0.55), 1.5))
        if self.hover_region and self.hover_region not in self.selected:
            hover = QColor(highlight)
            hover.setAlpha(100 if dark else 60)
            painter.fillPath(shapes.regions[self.hover_region], hover)
        fill = QColor(highlight)
        fill.setAlpha(215 if dark else 130)
        outline = _mix(highlight, text, 0.65 if dark else 0.45)
        for region_id in self.selected:
            if region_id in shapes.regions:
                painter.fillPath(shapes.regions[region_id], fill)
                painter.strokePath(shapes.regions[region_id], pen(outline, 2.5))
        if self.hasFocus() and self.focus_region:
            painter.strokePath(shapes.regions[self.focus_region], pen(text, 2.0, Qt.PenStyle.DashLine))
        painter.end()

    def _paint_labels(self, painter: QPainter, text: QColor) -> None:
        t = self.transform()
        band = self._label_band()
        bold = QFont(self.font())
        bold.setBold(True)
        muted = _mix(self.palette().color(QPalette.ColorRole.Window), text, 0.7)
        for offset, title, left, right in ((0.0, "Front", "Right", "Left"), (BACK_OFFSET, "Back", "Left", "Right")):
            x0 = t.map(QPointF(offset, 0)).x()
            x1 = t.map(QPointF(offset + FIGURE_WIDTH, 0)).x()
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QRectF(x0, 0, x1 - x0, band), Qt.AlignmentFlag.AlignCenter, title)
            painter.setFont(self.font())
            painter.setPen(muted)
            side_box = QRectF(x0, band, x1 - x0, band)
            painter.drawText(side_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, left)
            painter.drawText(side_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, right)

    # --- input ------------------------------------------------------------------------------------

    def set_focus_region(self, region_id: str | None) -> None:
        if region_id != self.focus_region:
            self.focus_region = region_id
            self.update()
            if region_id:
                self.focusMoved.emit(region_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        region_id = self.region_at(event.position())
        if event.button() == Qt.MouseButton.LeftButton and region_id:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_focus_region(region_id)
            self.toggled.emit(region_id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        region_id = self.region_at(event.position())
        if region_id != self.hover_region:
            self.hover_region = region_id
            shape = Qt.CursorShape.PointingHandCursor if region_id else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            if region_id:
                QToolTip.showText(event.globalPosition().toPoint(), region_name(region_id), self)
            else:
                QToolTip.hideText()
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.hover_region = None
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in _DIRECTIONS:
            if self.focus_region is None:
                self.set_focus_region(REGIONS[0].id)
            else:
                target = neighbour(self.focus_region, *_DIRECTIONS[Qt.Key(key)])
                if target:
                    self.set_focus_region(target)
            event.accept()
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select):
            if self.focus_region is None:
                self.set_focus_region(REGIONS[0].id)
            else:
                self.toggled.emit(self.focus_region)
            event.accept()
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self.set_focus_region(REGIONS[0 if key == Qt.Key.Key_Home else -1].id)
            event.accept()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self.focus_region is None:
            chosen = [r.id for r in REGIONS if r.id in self.selected]
            self.set_focus_region(chosen[0] if chosen else REGIONS[0].id)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)


class BodyMapWidget(QWidget):
    """Front and back body map plus a checkable list of every region, kept in sync."""

    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bodyMap")
        self._selected: set[str] = set()
        self.map = BodyMapCanvas(self)
        self.caption = QLabel(self)
        self.caption.setObjectName("bodyMapCaption")
        self.caption.setWordWrap(True)
        self.regionList = QListWidget(self)
        self.regionList.setObjectName("bodyRegionList")
        self.regionList.setAccessibleName("Body regions")
        self.regionList.setAccessibleDescription("Every body region by name; Space checks or clears one.")
        self.regionList.setTabKeyNavigation(False)
        self.regionList.setUniformItemSizes(True)
        for region in REGIONS:
            self._add_item(region.id)
        list_label = QLabel("&Regions:", self)
        list_label.setBuddy(self.regionList)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.map, 1)
        left.addWidget(self.caption)
        self._list_box = QWidget(self)
        right = QVBoxLayout(self._list_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(list_label)
        right.addWidget(self.regionList, 1)
        self.regionList.setMinimumWidth(self.fontMetrics().horizontalAdvance("Right shoulder blade (back)") + 48)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 3)
        layout.addWidget(self._list_box, 1)

        self.setFocusProxy(self.map)  # focusing the widget focuses the map
        self.map.toggled.connect(self._toggle)
        self.map.focusMoved.connect(self._show_state)
        self.regionList.itemChanged.connect(self._item_changed)
        self.regionList.installEventFilter(self)
        self._show_state()

    # --- the contract -----------------------------------------------------------------------------

    def selectedRegions(self) -> list[str]:
        """Selected region ids in the order of domain.body.REGIONS (unknown ids last, kept as given)."""
        known = [r.id for r in REGIONS if r.id in self._selected]
        return known + sorted(self._selected - set(known))

    def setSelectedRegions(self, ids: Iterable[str]) -> None:
        """Replace the selection; emits selectionChanged if it changed. Unknown ids are kept, not dropped."""
        wanted = set(ids)
        for region_id in wanted - set(REGIONS_BY_ID):
            if self._item(region_id) is None:
                self._add_item(region_id)
        self._apply(wanted)

    def setListVisible(self, visible: bool) -> None:
        """Hide the region list where space is short (the map stays fully keyboard usable)."""
        self._list_box.setVisible(visible)

    # --- internals --------------------------------------------------------------------------------

    def _add_item(self, region_id: str) -> None:
        item = QListWidgetItem(region_name(region_id), self.regionList)
        item.setData(_ID_ROLE, region_id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)

    def _item(self, region_id: str) -> QListWidgetItem | None:
        for row in range(self.regionList.count()):
            item = self.regionList.item(row)
            if item.data(_ID_ROLE) == region_id:
                return item
        return None

    def _apply(self, wanted: set[str]) -> None:
        if wanted == self._selected:
            return
        self._selected = set(wanted)
        self.regionList.blockSignals(True)
        try:
            for row in range(self.regionList.count()):
                item = self.regionList.item(row)
                checked = item.data(_ID_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self.regionList.blockSignals(False)
        self.map.selected = set(wanted)
        self.map.update()
        self._show_state()
        self.selectionChanged.emit()

    def _toggle(self, region_id: str) -> None:
        self._apply(self._selected ^ {region_id})
        item = self._item(region_id)
        if item is not None:
            self.regionList.setCurrentItem(item)

    def _item_changed(self, item: QListWidgetItem) -> None:
        region_id = item.data(_ID_ROLE)
        checked = item.checkState() == Qt.CheckState.Checked
        self._apply(self._selected | {region_id} if checked else self._selected - {region_id})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the list toggles the current region too (Space does by default)."""
        if watched is self.regionList and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            item = self.regionList.currentItem()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
                self._toggle(item.data(_ID_ROLE))
                return True
        return super().eventFilter(watched, event)

    def _show_state(self, *_: object) -> None:
        names = [region_name(r) for r in self.selectedRegions()]
        chosen = ", ".join(names) if names else "none"
        focus = self.map.focus_region
        if focus:
            state = "selected" if focus in self._selected else "not selected"
            where = f"{region_name(focus)}: {state}. "
        else:
            where = ""
        self.caption.setText(f"{where}Selected: {chosen}.")
        self.map.setAccessibleDescription(
            f"{where}Selected: {chosen}. Front and back views. Arrow keys move between regions; "
            "Space selects or clears. The region list has every region by name."
        )
