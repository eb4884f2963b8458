"""The guided player by keyboard with a FixedClock: countdown, pause, back/skip, cue, logging and undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from paincompanion.domain.routines import Routine, RoutineKind, Safety, Step
from paincompanion.gui.dialogs.player_dialog import PlayerDialog
from paincompanion.routines.session import SessionState


@pytest.fixture
def routine(ctx) -> Routine:
    """A small user routine: a 10 s timed step, 3 counted repetitions, then a 5 s rest."""
    draft = Routine(
        id="test-player",
        title="Test stretch",
        kind=RoutineKind.EXERCISE,
        steps=(
            Step("Sit comfortably and breathe.", seconds=10),
            Step("Lift both arms slowly.", repetitions=3),
            Step("Rest and notice how you feel.", seconds=5),
        ),
        minutes=3,
        safety=Safety(stop_if=("Sharp pain.",), see_doctor_if=("Chest pain.",)),
    )
    return ctx.companion.routines.save_user_routine(draft)


@pytest.fixture
def beeps(monkeypatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: calls.append(1)))
    return calls


@pytest.fixture
def player(qtbot, ctx, routine, beeps):
    dialog = PlayerDialog(ctx, routine)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    dialog.answers = []  # what the (replaced) confirmation question answers, in order
    dialog.questions = []

    def confirm(title, text, yes, no):
        dialog.questions.append(text)
        return dialog.answers.pop(0) if dialog.answers else True  # True: closing at teardown

    dialog.confirm = confirm
    return dialog


def key(qt_key, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, qt_key)


def wait(player: PlayerDialog, seconds: float) -> None:
    """Let time pass on the FixedClock and fire the timer's slot, as the QTimer would."""
    player.ctx.companion.clock.advance(seconds=seconds)
    player.on_timer()


def start_with_pain(player: PlayerDialog, pain: int) -> None:
    assert player.start_panel.pain.isAncestorOf(QApplication.focusWidget())
    QTest.keyClicks(QApplication.focusWidget(), str(pain))
    key(Qt.Key.Key_Return)  # Start is the default button
    assert player.stack.currentWidget() is player.step_panel


def test_countdown_pause_and_cue_by_keyboard(player, beeps):
    start_with_pain(player, 6)
    panel = player.step_panel
    assert panel.step_label.text() == "Step 1 of 3"
    assert panel.text.text() == "Sit comfortably and breathe."
    assert panel.countdown.text() == "00:10"
    wait(player, 3.5)
    assert panel.countdown.text() == "00:07"
    assert panel.progress.value() == round(3.5 / 10 / 3 * 1000)

    key(Qt.Key.Key_Space)  # pause: time passing does not count
    assert player.session.state is SessionState.PAUSED
    assert panel.pause_button.text() == "&Resume" and panel.cue.text() == "Paused"
    wait(player, 60)
    assert panel.countdown.text() == "00:07"

    key(Qt.Key.Key_Space)  # resume
    assert player.session.state is SessionState.RUNNING and panel.cue.text() == ""
    assert beeps == []
    wait(player, 7)  # the timed step ends: a sound and a visible flash, then step 2
    assert beeps == [1]
    assert "Time's up" in panel.cue.text()
    assert panel.step_label.text() == "Step 2 of 3"
    assert not panel.countdown.isVisible() and panel.count_button.isVisible()
    wait(player, 5)
    assert panel.cue.text() == ""  # the flash goes away again


def test_arrows_go_back_and_skip_and_c_counts(player):
    start_with_pain(player, 5)
    panel = player.step_panel
    key(Qt.Key.Key_Right)  # skip the timed first step (left early: not done)
    assert panel.step_label.text() == "Step 2 of 3"
    assert panel.reps.text() == "0 of 3 done"
    key(Qt.Key.Key_C)
    key(Qt.Key.Key_C)
    assert panel.reps.text() == "2 of 3 done"
    key(Qt.Key.Key_Left)  # back to step 1, which starts again
    assert panel.step_label.text() == "Step 1 of 3"
    assert panel.countdown.text() == "00:10"
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Right)  # an untimed step is done when moved on from
    assert panel.step_label.text() == "Step 3 of 3"
    assert player.session.completed_steps == {1}


def test_finished_routine_is_logged_with_both_ratings(player, ctx, beeps):
    start_with_pain(player, 6)
    wait(player, 10)
    key(Qt.Key.Key_C)
    key(Qt.Key.Key_Right)
    wait(player, 5)  # the last timed step runs out: the routine ends with a cue
    assert beeps == [1, 1]
    assert player.stack.currentWidget() is player.end_panel
    assert "finished" in player.end_panel.heading.text()
    assert player.end_panel.pain.isAncestorOf(QApplication.focusWidget())
    QTest.keyClicks(QApplication.focusWidget(), "4")
    player.end_panel.note.setText("  calmer afterwards ")
    player.end_panel.save_button.click()

    sessions = ctx.companion.routines.sessions_on_day(ctx.companion.clock.now().date())
    assert len(sessions) == 1
    logged = sessions[0]
    assert (logged.routine_id, logged.before, logged.after, logged.note) == (
        "user-test-player",
        6,
        4,
        "calmer afterwards",
    )
    assert (logged.completed_steps, logged.total_steps, logged.partly_done) == (3, 3, False)
    assert player.logged is not None and player.logged.id == logged.id
    assert player.result() == PlayerDialog.DialogCode.Accepted


def test_stopped_early_is_logged_as_partly_done_and_undo_removes_it(player, ctx):
    started = ctx.companion.clock.now()
    start_with_pain(player, 7)
    wait(player, 10)  # step 1 done
    player.answers = [True]
    key(Qt.Key.Key_Escape)  # asked first; "Stop here" goes on to the rating
    assert "1 of 3 steps" in player.questions[0]
    assert player.stack.currentWidget() is player.end_panel
    assert "partly done" in player.end_panel.summary.text()
    key(Qt.Key.Key_Return)  # save without an after rating

    day = ctx.companion.clock.now().date()
    [logged] = ctx.companion.routines.sessions_on_day(day)
    assert (logged.before, logged.after, logged.completed_steps, logged.total_steps) == (7, None, 1, 3)
    assert logged.partly_done
    assert logged.started == started  # when Start was pressed, not when saved
    ctx.undo_stack.undo()
    assert ctx.companion.routines.sessions_on_day(day) == []
    ctx.undo_stack.redo()
    assert [s.id for s in ctx.companion.routines.sessions_on_day(day)] == [logged.id]


def test_escape_keeps_going_when_asked(player):
    start_with_pain(player, 3)
    wait(player, 2)
    player.answers = [False]
    key(Qt.Key.Key_Escape)
    assert player.isVisible()
    assert player.session.state is SessionState.RUNNING  # resumed as it was
    assert "nothing will be saved" in player.questions[0]


def test_closed_before_any_step_logs_nothing(player, ctx):
    start_with_pain(player, 5)
    wait(player, 4)
    player.answers = [True]
    key(Qt.Key.Key_Escape)
    assert not player.isVisible()
    assert player.result() == PlayerDialog.DialogCode.Rejected
    assert ctx.companion.routines.sessions() == []
    assert ctx.undo_stack.count() == 0


def test_escape_before_start_closes_without_asking(player, ctx):
    key(Qt.Key.Key_Escape)
    assert not player.isVisible() and player.questions == []
    assert ctx.companion.routines.sessions() == []


def test_sound_can_be_switched_off_and_the_flash_stays(player, beeps):
    player.sound.setChecked(False)
    start_with_pain(player, 2)
    wait(player, 10)
    assert beeps == []
    assert "Time's up" in player.step_panel.cue.text()


def test_the_sound_choice_is_kept_for_the_next_player(player, ctx, routine, qtbot):
    player.sound.setChecked(False)
    again = PlayerDialog(ctx, routine)
    qtbot.addWidget(again)
    assert not again.sound.isChecked()  # read back from ui-state.ini in the data folder
    again.sound.setChecked(True)
    assert PlayerDialog(ctx, routine).sound.isChecked()


def test_save_error_is_shown_and_nothing_is_lost(player, ctx):
    start_with_pain(player, 5)
    wait(player, 10)
    player.finish()
    ctx.companion.routines.delete_user_routine("user-test-player")  # gone meanwhile: saving must fail plainly
    player.end_panel.note.setText("my note")
    player.end_panel.save_button.click()
    assert player.isVisible()
    assert player.message.is_error and "no routine" in player.message.text().lower()
    assert player.end_panel.note.text() == "my note"
    assert ctx.companion.routines.sessions() == []


def test_when_to_stop_notes_can_be_opened(player):
    assert not player.safety.text.isVisibleTo(player)
    player.safety.toggle.click()
    assert player.safety.text.isVisible()
    assert "Sharp pain." in player.safety.text.text() and "Chest pain." in player.safety.text.text()


def test_enter_presses_the_focused_control(player, ctx):
    start_with_pain(player, 4)
    assert QApplication.focusWidget() is player.step_panel.pause_button
    key(Qt.Key.Key_Return)
    assert player.session.state is SessionState.PAUSED
    player.step_panel.finish_button.setFocus()
    player.answers = [False]
    key(Qt.Key.Key_Return)  # Finish with nothing done asks first; "Keep going" keeps it paused
    assert player.questions and player.isVisible()


def test_escape_on_the_last_screen_asks_before_closing_unsaved(player, ctx):
    start_with_pain(player, 4)
    wait(player, 10)
    player.finish()
    player.answers = [False, True]
    key(Qt.Key.Key_Escape)  # "Go back": still there
    assert player.isVisible() and player.stack.currentWidget() is player.end_panel
    key(Qt.Key.Key_Escape)  # "Close without saving"
    assert not player.isVisible()
    assert ctx.companion.routines.sessions() == []


def test_the_timer_drives_the_session_and_stops_on_close(player):
    start_with_pain(player, 4)
    assert player.timer.isActive()
    player.ctx.companion.clock.advance(seconds=10)
    player.timer.timeout.emit()  # what the QTimer does every 200 ms
    assert player.step_panel.step_label.text() == "Step 2 of 3"
    player.answers = [True]
    player.finish()
    assert not player.timer.isActive()
