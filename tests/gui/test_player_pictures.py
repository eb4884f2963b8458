"""Issue 21 in the player: the region's triage block and the levels before the first step, a large picture with
its description on every exercise step, and the crisis advice in the safety notes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from paincompanion.domain.routines import Routine, RoutineKind, Step
from paincompanion.gui.dialogs.player_dialog import PlayerDialog
from paincompanion.gui.widgets.player_panels import picture


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: None))


def _open(qtbot, ctx, routine: Routine) -> PlayerDialog:
    dialog = PlayerDialog(ctx, routine)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda *args: True  # closing at teardown
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_back_routine_shows_its_triage_before_the_first_step(qtbot, ctx, tmp_path):
    routine = ctx.companion.routines.library().get("low-back-strength-beginner")
    dialog = _open(qtbot, ctx, routine)
    before = dialog.start_panel.before
    assert before.isVisible()
    text = before.toPlainText()
    assert "Call emergency services now if" in text and routine.triage.emergency_now[0] in text
    assert "passing urine" in text and "999" in text and "local emergency number" in text
    assert "How often" in text and routine.frequency in text
    assert "Levels" in text and "Move up" in text and "ESCAPE-pain" in text
    assert dialog.stack.currentWidget() is dialog.start_panel  # all of this before the first step
    assert dialog.grab().save(str(tmp_path / "back-start.png"))  # a screenshot of the page, as a patient sees it


def test_the_player_shows_each_step_s_picture_large_with_its_description(qtbot, ctx):
    routine = ctx.companion.routines.library().get("knee-strength-beginner")
    dialog = _open(qtbot, ctx, routine)
    dialog.start()
    panel = dialog.step_panel
    seen = set()
    for index, step in enumerate(routine.steps):
        assert panel.image.isVisible(), index
        pixmap = panel.image.pixmap()
        assert not pixmap.isNull() and pixmap.width() >= 200 and pixmap.width() == panel.picture_side()
        assert panel.image.accessibleName() == f"Picture: {step.image_alt}"
        assert panel.image.accessibleDescription() == step.image_alt
        seen.add(pixmap.toImage().cacheKey())
        if index + 1 < len(routine.steps):
            dialog.next_step()
    # the drawing is really drawn: not blank, dark strokes on the light card
    image = panel.image.pixmap().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    assert len(colours) > 3


def test_a_picture_is_a_drawing_and_a_missing_one_is_simply_not_shown(qtbot, ctx):
    drawn = picture("bridge.svg", 200).toImage()
    dark = sum(1 for x in range(0, 200, 2) for y in range(0, 200, 2) if drawn.pixelColor(x, y).lightness() < 120)
    assert dark > 50
    assert picture("no-such-pose.svg", 200).isNull()
    mine = Routine(
        id="user-pictures",
        title="Mine",
        kind=RoutineKind.EXERCISE,
        minutes=1,
        steps=(
            Step("No picture here", seconds=5),
            Step("A picture", seconds=5, image="bridge.svg", image_alt="A bridge"),
        ),
        origin="user",
    )
    dialog = _open(qtbot, ctx, mine)
    assert not dialog.start_panel.before.isVisible()  # a user routine without a region has no triage to show
    dialog.start()
    assert not dialog.step_panel.image.isVisible()
    dialog.next_step()
    assert dialog.step_panel.image.isVisible() and dialog.step_panel.image.accessibleName() == "Picture: A bridge"


def test_coping_routines_carry_the_crisis_numbers_in_the_safety_notes(qtbot, ctx):
    routine = ctx.companion.routines.library().get("thought-record")
    dialog = PlayerDialog(ctx, routine)
    qtbot.addWidget(dialog)
    notes = dialog.safety.text.text()
    assert "988" in notes and "116 123" in notes and "local emergency number" in notes


def test_the_notes_have_the_first_focus_and_enter_still_starts(qtbot, ctx):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    routine = ctx.companion.routines.library().get("neck-headache-exercises")
    dialog = _open(qtbot, ctx, routine)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.start_panel.before)
    assert "thunderclap" in dialog.start_panel.before.accessibleDescription()  # read first by a screen reader
    QTest.keyClick(dialog.start_panel.before, Qt.Key.Key_Return)
    assert dialog.stack.currentWidget() is dialog.step_panel


def test_sleep_scheduling_shows_the_time_in_bed_from_the_diary(qtbot, ctx):
    from datetime import timedelta

    from paincompanion.domain.diary import EntryDraft

    routine = ctx.companion.routines.library().get("sleep-scheduling")
    empty = _open(qtbot, ctx, routine)
    assert "fewer than 7 nights" in empty.start_panel.note.text()
    now = ctx.companion.clock.now()
    for day in range(8):
        ctx.companion.diary.add(EntryDraft(at=now - timedelta(days=day), pain=4, sleep_hours=5.0))
    filled = _open(qtbot, ctx, routine)
    note = filled.start_panel.note
    assert note.isVisible() and "about 5 hours a night" in note.text() and "about 6 hours" in note.text()
    other = _open(qtbot, ctx, ctx.companion.routines.library().get("body-scan"))
    assert not other.start_panel.note.isVisible()
