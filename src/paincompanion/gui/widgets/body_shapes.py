"""Shapes of the body map: a calm front and back silhouette and one hit shape per body region.

All coordinates are logical: each figure sits in a 100 × 250 box, the back figure `BACK_OFFSET`
to the right of the front one. The front view shows the patient's right on the viewer's left;
the back view shows the patient's left on the viewer's left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF, QTransform

from ...domain.body import REGIONS, Side, View

FIGURE_WIDTH = 100.0
FIGURE_HEIGHT = 250.0
BACK_OFFSET = 135.0
TOTAL_WIDTH = BACK_OFFSET + FIGURE_WIDTH


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> QPainterPath:
    path = QPainterPath()
    path.addEllipse(QPointF(cx, cy), rx, ry)
    return path


def _rect(x0: float, y0: float, x1: float, y1: float, radius: float = 0.0) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(QRectF(x0, y0, x1 - x0, y1 - y0), radius, radius)
    return path


def _poly(*points: tuple[float, float]) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    path.closeSubpath()
    return path


def _limb(x0: float, y0: float, w0: float, x1: float, y1: float, w1: float) -> QPainterPath:
    """A tapered segment with rounded ends from (x0, y0) to (x1, y1)."""
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    path = _poly(
        (x0 + nx * w0 / 2, y0 + ny * w0 / 2),
        (x1 + nx * w1 / 2, y1 + ny * w1 / 2),
        (x1 - nx * w1 / 2, y1 - ny * w1 / 2),
        (x0 - nx * w0 / 2, y0 - ny * w0 / 2),
    )
    return path.united(_ellipse(x0, y0, w0 / 2, w0 / 2)).united(_ellipse(x1, y1, w1 / 2, w1 / 2))


def _mirror(path: QPainterPath) -> QPainterPath:
    """The same shape on the other half of the figure (x -> 100 - x)."""
    return QTransform(-1, 0, 0, 1, FIGURE_WIDTH, 0).map(path)


# --- the figure ----------------------------------------------------------------------------------

_HEAD = _ellipse(50, 20, 11.5, 14.5)


def _silhouette_half() -> QPainterPath:
    """Viewer-left half of the outline (limbs and half of the trunk)."""
    parts = [
        _poly(
            (50, 43),
            (43, 43),
            (36, 45),
            (29, 47.5),
            (25, 51),
            (23.5, 57),
            (30, 62),
            (33.5, 66),
            (35, 80),
            (35.5, 97),
            (32.5, 108),
            (31, 124),
            (42, 132),
            (50, 130),
        ),
        _limb(27, 57, 10, 21.5, 93, 8.5),
        _limb(21.5, 97, 9, 17, 132, 6.5),
        _ellipse(16, 141, 5, 9.5),
        _limb(40, 124, 18, 42, 172, 12.5),
        _limb(42, 176, 12.5, 43, 224, 7.5),
        _ellipse(42.5, 232, 6, 10),
        _rect(43, 30, 50, 47),
    ]
    path = parts[0]
    for part in parts[1:]:
        path = path.united(part)
    return path


def _front_half() -> dict[str, QPainterPath]:
    """Raw shapes of the viewer-left half of the front view (the patient's right), by region part."""
    return {
        "jaw": _HEAD.intersected(_ellipse(50, 38, 13, 12.5)).intersected(_rect(36, 20, 50, 40)),
        "shoulder": _ellipse(30, 53, 8.5, 7.5),
        "chest": _poly((50, 44), (36, 45), (34, 56), (35, 80), (50, 80)),
        "upper-arm": _limb(27, 58, 10, 22, 91, 8.5),
        "elbow": _ellipse(21.5, 96.5, 5.5, 5.5),
        "forearm": _limb(21, 101, 8.5, 17.5, 130, 6.5),
        "hand": _ellipse(16, 141, 5, 9.5),
        "hip": _ellipse(35, 117, 6, 9),
        "thigh": _limb(40.5, 124, 18, 42, 170, 12.5),
        "knee": _ellipse(42, 177, 6.5, 7),
        "shin": _limb(42, 186, 12, 43, 222, 7.5),
        "foot": _ellipse(42.5, 232, 6, 10),
    }


def _front_centre() -> dict[str, QPainterPath]:
    return {
        "head": _HEAD,
        "neck": _rect(43, 30, 57, 47),
        "upper-abdomen": _rect(35, 80, 65, 97),
        "lower-abdomen": _rect(35.5, 97, 64.5, 110),
        "pelvis": _poly((40, 110), (60, 110), (61, 119), (53, 131), (47, 131), (39, 119)),
    }


def _back_half() -> dict[str, QPainterPath]:
    """Raw shapes of the viewer-left half of the back view (the patient's left)."""
    return {
        "upper-back": _poly((50, 43), (43, 43), (29, 47.5), (24, 53), (24, 58), (33, 62), (50, 62)),
        "shoulder-blade": _poly((33, 62), (47, 62), (46.5, 74), (41, 85), (35, 80)),
        "lower-back": _rect(35.5, 98, 50, 111),
        "buttock": _ellipse(41, 122, 10, 10),
        "elbow": _ellipse(21.5, 96.5, 5.5, 5.5),
        "hamstring": _limb(40.5, 128, 17, 42, 170, 12),
        "knee": _ellipse(42, 177, 6.5, 7),
        "calf": _limb(42, 186, 12, 43, 222, 7.5),
        "heel": _ellipse(42.5, 232, 6, 10),
    }


def _back_centre() -> dict[str, QPainterPath]:
    return {
        "head": _HEAD,
        "neck": _rect(43, 30, 57, 47),
        "mid-back": _rect(47, 62, 53, 85).united(_rect(35, 85, 65, 98)),
        "tailbone": _poly((45, 111), (55, 111), (52.5, 125), (47.5, 125)),
    }


#: Smaller, more specific shapes win where raw shapes overlap.
_PRIORITY = ("jaw", "elbow", "knee", "hand", "foot", "heel", "tailbone", "shoulder", "hip", "pelvis", "head")


@dataclass(frozen=True)
class BodyShapes:
    """Final, non-overlapping region shapes and the two silhouettes, in logical coordinates."""

    regions: dict[str, QPainterPath]
    silhouettes: tuple[QPainterPath, QPainterPath]

    def centre(self, region_id: str) -> QPointF:
        return self.regions[region_id].boundingRect().center()

    def region_at(self, point: QPointF) -> str | None:
        for region_id, path in self.regions.items():
            if path.contains(point):
                return region_id
        return None


def _part(region_id: str) -> tuple[str, str]:
    """('front', 'knee') from 'front-left-knee'; centre regions have no side."""
    view, _, rest = region_id.partition("-")
    for side in ("left-", "right-"):
        if rest.startswith(side):
            return view, rest[len(side) :]
    return view, rest


@cache
def body_shapes() -> BodyShapes:
    """Build every region's shape once (needs only QtGui, no application)."""
    half = _silhouette_half()
    silhouette = half.united(_mirror(half)).united(_HEAD).simplified()
    raw: dict[str, QPainterPath] = {}
    for region in REGIONS:
        view, part = _part(region.id)
        front = region.view is View.FRONT
        if region.side is Side.CENTRE:
            path = (_front_centre() if front else _back_centre())[part]
        else:
            path = (_front_half() if front else _back_half())[part]
            # Front view: the patient's left is on the viewer's right; back view: on the viewer's left.
            on_viewer_right = (region.side is Side.LEFT) == front
            if on_viewer_right:
                path = _mirror(path)
        raw[region.id] = path.intersected(silhouette)
    ordered = sorted(raw, key=lambda rid: _PRIORITY.index(_part(rid)[1]) if _part(rid)[1] in _PRIORITY else 99)
    final: dict[str, QPainterPath] = {}
    taken = {View.FRONT: QPainterPath(), View.BACK: QPainterPath()}
    views = {r.id: r.view for r in REGIONS}
    for region_id in ordered:
        view = views[region_id]
        path = raw[region_id].subtracted(taken[view]).simplified()
        taken[view] = taken[view].united(raw[region_id])
        final[region_id] = path
    shift = QTransform.fromTranslate(BACK_OFFSET, 0)
    regions = {
        r.id: (shift.map(final[r.id]) if r.view is View.BACK else final[r.id]) for r in REGIONS
    }  # REGIONS order, so lists and hit tests are stable
    return BodyShapes(regions, (silhouette, shift.map(silhouette)))
