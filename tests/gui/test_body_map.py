"""Body map: every region clickable, keyboard-reachable and listed by name; map and list stay in sync."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from paincompanion.domain.body import REGIONS
from paincompanion.gui.widgets.body_map import BodyMapWidget, neighbour
from paincompanion.gui.widgets.body_shapes import body_shapes


@pytest.fixture
def body_map(qtbot):
    widget = BodyMapWidget()
    qtbot.addWidget(widget)
    widget.resize(760, 560)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _inside(region_id: str) -> QPointF:
    """A logical point that hits `region_id` (searched on a grid over its bounding box)."""
    shapes = body_shapes()
    box = shapes.regions[region_id].boundingRect()
    centre = box.center()
    if shapes.region_at(centre) == region_id:
        return centre
    for i in range(1, 20):
        for j in range(1, 20):
            point = QPointF(box.left() + box.width() * i / 20, box.top() + box.height() * j / 20)
            if shapes.region_at(point) == region_id:
                return point
    raise AssertionError(f"{region_id} cannot be hit anywhere")


def _widget_pos(body_map: BodyMapWidget, region_id: str) -> QPoint:
    return body_map.map.transform().map(_inside(region_id)).toPoint()


def test_every_region_has_a_shape_and_a_list_item(body_map):
    assert len(REGIONS) >= 30
    assert list(body_shapes().regions) == [r.id for r in REGIONS]
    names = [body_map.regionList.item(i).text() for i in range(body_map.regionList.count())]
    assert names == [r.name for r in REGIONS]
    for region in REGIONS:
        _inside(region.id)  # raises if some region cannot be clicked


def test_front_view_shows_the_patients_left_on_the_viewers_right():
    shapes = body_shapes()
    assert shapes.centre("front-left-knee").x() > shapes.centre("front-right-knee").x()
    assert shapes.centre("back-left-knee").x() < shapes.centre("back-right-knee").x()
    assert shapes.centre("back-head").x() > shapes.centre("front-left-hand").x()  # back figure on the right


def test_click_toggles_a_region(qtbot, body_map):
    with qtbot.waitSignal(body_map.selectionChanged):
        qtbot.mouseClick(body_map.map, Qt.MouseButton.LeftButton, pos=_widget_pos(body_map, "front-left-knee"))
    assert body_map.selectedRegions() == ["front-left-knee"]
    item = body_map.regionList.findItems("Left knee", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.Checked
    assert "Left knee" in body_map.map.accessibleDescription()
    qtbot.mouseClick(body_map.map, Qt.MouseButton.LeftButton, pos=_widget_pos(body_map, "front-left-knee"))
    assert body_map.selectedRegions() == []
    assert item.checkState() == Qt.CheckState.Unchecked


def test_click_works_at_another_size(qtbot, body_map):
    body_map.resize(420, 900)
    qtbot.wait(10)
    qtbot.mouseClick(body_map.map, Qt.MouseButton.LeftButton, pos=_widget_pos(body_map, "back-right-heel"))
    assert body_map.selectedRegions() == ["back-right-heel"]


def test_arrow_keys_and_space_select(qtbot, body_map):
    canvas = body_map.map
    canvas.setFocus()
    qtbot.waitUntil(canvas.hasFocus)
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.focus_region == "front-head"
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.focus_region == "front-neck"
    with qtbot.waitSignal(body_map.selectionChanged):
        qtbot.keyClick(canvas, Qt.Key.Key_Space)
    assert body_map.selectedRegions() == ["front-neck"]
    assert "Neck (front): selected" in body_map.caption.text()
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    assert body_map.selectedRegions() == []


def test_arrows_move_spatially():
    assert neighbour("front-right-knee", 1, 0) == "front-left-knee"
    assert neighbour("front-left-knee", -1, 0) == "front-right-knee"
    assert neighbour("front-left-thigh", 0, 1) == "front-left-knee"
    assert neighbour("front-left-knee", 0, -1) == "front-left-thigh"
    assert neighbour("back-left-knee", 0, 1) == "back-left-calf"
    assert neighbour("front-head", 0, -1) is None
    assert neighbour("front-left-hand", 1, 0).startswith("back-")  # on to the back view


def test_every_region_reachable_by_arrows():
    seen, todo = {"front-head"}, ["front-head"]
    while todo:
        current = todo.pop()
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            target = neighbour(current, dx, dy)
            if target and target not in seen:
                seen.add(target)
                todo.append(target)
    assert seen == {r.id for r in REGIONS}


def test_list_checks_select_on_the_map(qtbot, body_map):
    item = body_map.regionList.findItems("Tailbone", Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(body_map.selectionChanged):
        item.setCheckState(Qt.CheckState.Checked)
    assert body_map.selectedRegions() == ["back-tailbone"]
    assert body_map.map.selected == {"back-tailbone"}
    body_map.regionList.setFocus()
    body_map.regionList.setCurrentItem(item)
    qtbot.keyClick(body_map.regionList, Qt.Key.Key_Return)
    assert body_map.selectedRegions() == []
    assert body_map.regionList.tabKeyNavigation() is False


def test_set_selected_regions(qtbot, body_map):
    with qtbot.waitSignal(body_map.selectionChanged):
        body_map.setSelectedRegions(["back-neck", "front-left-knee", "retired-region"])
    assert body_map.selectedRegions() == ["front-left-knee", "back-neck", "retired-region"]  # unknown ids kept
    checked = [
        body_map.regionList.item(i).text()
        for i in range(body_map.regionList.count())
        if body_map.regionList.item(i).checkState() == Qt.CheckState.Checked
    ]
    assert checked == ["Left knee", "Back of neck", "retired-region"]
    with qtbot.assertNotEmitted(body_map.selectionChanged):
        body_map.setSelectedRegions(["front-left-knee", "back-neck", "retired-region"])


def test_accessible_names(body_map):
    assert body_map.map.accessibleName() == "Body map"
    assert body_map.regionList.accessibleName() == "Body regions"
    assert body_map.map.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert body_map.focusProxy() is body_map.map
    assert "Selected: none" in body_map.map.accessibleDescription()
