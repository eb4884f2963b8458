"""The guided player: one step at a time, a countdown, a soft cue, and the session logged in the diary.

A RoutineSession (routines/session.py) holds the state; a QTimer calls `on_timer()` about five times a second,
which lets the session's clock (ctx.companion.clock) move it on and renders what happened. Keys on the playing
screen: Space pauses or resumes, Left goes back, Right moves on, C counts a repetition.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QHBoxLayout, QMessageBox, QVBoxLayout, QWidget

from ...domain.routine_log import LoggedSession
from ...domain.routines import Routine
from ...errors import PainCompanionError
from ...routines.session import (
    Cue,
    CueReason,
    Event,
    RoutineFinished,
    RoutineSession,
    SessionState,
    StepStarted,
)
from ...routines.sleep_window import SLEEP_DIARY_ROUTINES, sleep_window_text
from ...services.routines_sleep import recent_sleep_window
from ...services.routines_undo import LogSessionOp
from ..context import GuiContext
from ..settings import UiSettings
from ..undo import push_op
from ..widgets.message_label import MessageLabel
from ..widgets.player_panels import EndPanel, SafetyNotes, SoundSwitch, StartPanel, StepPanel, clock_text
from .sizing import CurrentPageStack, make_scrollable

TICK_MS = 200
FLASH_SECONDS = 2.5


class PlayerDialog(QDialog):
    """Plays `routine`; `logged` holds the saved session after a successful save."""

    def __init__(self, ctx: GuiContext, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playerDialog")
        self.setWindowTitle(f"{routine.title} — guided routine")
        self.setModal(True)
        self.ctx = ctx
        self.routine = routine
        self.session = RoutineSession(routine, ctx.companion.clock)
        self.before: int | None = None
        self.logged: LoggedSession | None = None
        self._flash_until: datetime | None = None
        self._shown_clock = ""
        self._end_cued = False

        self.start_panel = StartPanel(routine, self, note=self._diary_note(routine))
        self.step_panel = StepPanel(self)
        self.end_panel = EndPanel(self)
        self.stack = CurrentPageStack(self)
        for panel in (self.start_panel, self.step_panel, self.end_panel):
            self.stack.addWidget(panel)
        self.safety = SafetyNotes(routine, self)
        self._ui_settings = UiSettings.in_dir(ctx.companion.paths.data)
        self.sound = SoundSwitch(self._ui_settings.player_sound, self)
        self.sound.setText("So&und when a step ends")
        self.sound.toggled.connect(self._remember_sound)
        self.safety.row.addWidget(self.sound)
        self.message = MessageLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.message)
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.safety, 1)
        layout.addLayout(self.bottom)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.on_timer)
        self._make_actions()
        self._connect()
        self._set_page(self.start_panel)
        self._initial_size()
        self.start_panel.first_focus().setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _diary_note(self, routine: Routine) -> str:
        """For sleep scheduling: the time in bed worked out from the sleep the diary records ('' otherwise)."""
        if routine.id not in SLEEP_DIARY_ROUTINES:
            return ""
        try:
            return sleep_window_text(recent_sleep_window(self.ctx.companion))
        except PainCompanionError:  # a diary that cannot be read must not stop the routine
            return ""

    def _make_actions(self) -> None:
        """Keys for the playing screen; enabled only while it shows (the pain scales use the same keys)."""
        specs = [
            ("togglePause", "Pause or resume", Qt.Key.Key_Space, self.toggle_pause),
            ("stepBack", "Back to the previous step", Qt.Key.Key_Left, self.back),
            ("stepNext", "Next step", Qt.Key.Key_Right, self.next_step),
            ("countOne", "Count one repetition", Qt.Key.Key_C, self.count_one),
        ]
        self.play_actions: list[QAction] = []
        for name, text, key, slot in specs:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self.play_actions.append(action)

    def _connect(self) -> None:
        self.start_panel.start_button.clicked.connect(self.start)
        panel = self.step_panel
        panel.back_button.clicked.connect(self.back)
        panel.pause_button.clicked.connect(self.toggle_pause)
        panel.next_button.clicked.connect(self.next_step)
        panel.finish_button.clicked.connect(self.finish)
        panel.count_button.clicked.connect(self.count_one)
        self.end_panel.save_button.clicked.connect(self.save)
        self.end_panel.discard_button.clicked.connect(self._discard_asked)

    def _initial_size(self) -> None:
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 100, metrics.height() * 34)
        make_scrollable(self, self.message, self.bottom, name="playerScroll")  # capped at the screen

    def _set_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        # One default button per dialog (Qt keeps one): Enter means the main button of the page on show.
        self.start_panel.start_button.setDefault(page is self.start_panel)
        self.end_panel.save_button.setDefault(page is self.end_panel)
        playing = page is self.step_panel
        for action in self.play_actions:
            action.setEnabled(playing)

    def _remember_sound(self, on: bool) -> None:
        """Kept in ui-state.ini next to the data, so the choice holds after a restart."""
        self._ui_settings.player_sound = on

    # --- commands ---------------------------------------------------------------------------------

    def start(self) -> None:
        if self.session.state is not SessionState.NOT_STARTED:
            return
        self.before = self.start_panel.pain.value()
        self._set_page(self.step_panel)
        self.timer.start()
        self._handle(self.session.start())
        self.step_panel.pause_button.setFocus()

    def toggle_pause(self) -> None:
        if self.session.state in (SessionState.RUNNING, SessionState.PAUSED):
            self._handle(self.session.toggle())

    def back(self) -> None:
        self._handle(self.session.back())

    def next_step(self) -> None:
        self._handle(self.session.skip())

    def count_one(self) -> None:
        self._handle(self.session.count_repetition())

    def finish(self) -> None:
        """Stop here: with at least one step done, on to the rating and note; with none, ask and close."""
        if self.session.state is SessionState.FINISHED:
            return
        if not self.session.completed_steps:
            self._ask_to_stop_unsaved()
            return
        self._handle(self.session.finish())

    def on_timer(self) -> None:
        """The QTimer's slot: let time pass in the session and show it."""
        self._handle(self.session.tick())

    # --- rendering --------------------------------------------------------------------------------

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, StepStarted):
                steps = self.routine.steps
                step = steps[event.index]
                following = steps[event.index + 1] if event.index + 1 < len(steps) else None
                self.step_panel.show_step(step, event.index + 1, len(steps), following)
                self._announce(f"Step {event.index + 1}: {step.text}")
            elif isinstance(event, Cue):
                self._cue(event.reason)
            elif isinstance(event, RoutineFinished):
                self._show_end()
                return
        self._render()

    def _render(self) -> None:
        session = self.session
        if session.state is SessionState.FINISHED or self.stack.currentWidget() is not self.step_panel:
            return
        panel = self.step_panel
        progress = session.progress
        panel.progress.setValue(round(progress.fraction * 1000))
        panel.progress.setAccessibleDescription(f"Step {progress.step_number} of {progress.total}")
        remaining = session.remaining_seconds()
        if remaining is not None:
            text = clock_text(remaining)
            if text != self._shown_clock:
                self._shown_clock = text
                panel.countdown.setText(text)
                panel.countdown.setAccessibleName(f"Time left {text}")
        reps = session.repetitions
        step = session.step
        if reps is None:
            panel.reps.setText("" if step.seconds is not None else "No timer: move on when you are ready.")
        elif step.seconds is not None:
            panel.reps.setText(f"Repetition {min(reps[0] + 1, reps[1])} of {reps[1]}")
        else:
            panel.reps.setText(f"{reps[0]} of {reps[1]} done")
            panel.count_button.setEnabled(reps[0] < reps[1] and session.state is SessionState.RUNNING)
        paused = session.state is SessionState.PAUSED
        panel.pause_button.setText("&Resume" if paused else "&Pause")
        panel.pause_button.setAccessibleName("Resume" if paused else "Pause")
        panel.back_button.setEnabled(True)
        if paused:
            self._set_cue_text("Paused", highlight=False)
        elif panel.cue.text() == "Paused" or (
            self._flash_until is not None and self.ctx.companion.clock.now() >= self._flash_until
        ):
            self._flash_until = None
            self._set_cue_text("", highlight=False)

    def _cue(self, reason: CueReason) -> None:
        if reason is CueReason.REPETITION:
            return  # the repetition count changes on screen; only step and routine ends flash and sound
        self._end_cued = reason is CueReason.ROUTINE_END
        text = "Time's up — well done" if self._end_cued else "Time's up — next step"
        self._flash(text)

    def _flash(self, text: str) -> None:
        """A brief visible highlight (for everyone, also when the sound is off or not heard) and a soft beep."""
        if self.sound.isChecked():
            QApplication.beep()
        self._flash_until = self.ctx.companion.clock.now() + timedelta(seconds=FLASH_SECONDS)
        self._set_cue_text(text, highlight=True)

    def _set_cue_text(self, text: str, *, highlight: bool) -> None:
        cue = self.step_panel.cue
        cue.setText(text)
        cue.setAccessibleName(text or "No message")
        cue.setBackgroundRole(QPalette.ColorRole.Highlight if highlight else QPalette.ColorRole.Window)
        cue.setForegroundRole(QPalette.ColorRole.HighlightedText if highlight else QPalette.ColorRole.WindowText)

    def _highlight_heading(self, on: bool) -> None:
        heading = self.end_panel.heading
        heading.setBackgroundRole(QPalette.ColorRole.Highlight if on else QPalette.ColorRole.Window)
        heading.setForegroundRole(QPalette.ColorRole.HighlightedText if on else QPalette.ColorRole.WindowText)

    def _announce(self, text: str) -> None:
        """Tell a screen reader about a new step (Qt 6.8+; silently skipped where not available)."""
        try:
            from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.step_panel.text, text))
        except (ImportError, RuntimeError, TypeError):  # a courtesy, never a failure
            pass

    def _show_end(self) -> None:
        self.timer.stop()
        session = self.session
        done, total = len(session.completed_steps), len(self.routine.steps)
        panel = self.end_panel
        if session.completed:
            panel.heading.setText("Well done — routine finished.")
            panel.summary.setText(f"You did all {total} steps.")
        else:
            panel.heading.setText(f"Stopped after {done} of {total} steps.")
            panel.summary.setText("That counts. It will be saved in your diary as partly done.")
        if self.before is not None:
            panel.summary.setText(panel.summary.text() + f" Pain before you started: {self.before}.")
        self._highlight_heading(self._end_cued)  # the routine ran out by itself: the end cue shows here too
        if self._end_cued:
            QTimer.singleShot(round(FLASH_SECONDS * 1000), self, lambda: self._highlight_heading(False))
        self._set_page(panel)
        self.sound.hide()
        panel.pain.setFocus()

    # --- saving and closing -------------------------------------------------------------------------

    def save(self) -> None:
        """Log the session (undoable); on an error say so and keep what was entered."""
        session = self.session
        if session.state is not SessionState.FINISHED or session.started_at is None:
            return
        op = LogSessionOp(
            self.ctx.companion.routines,
            self.routine.id,
            session.started_at,
            self.before,
            self.end_panel.pain.value(),
            completed_steps=len(session.completed_steps),
            total_steps=len(self.routine.steps),
            note=self.end_panel.note.text().strip(),
            label=f"Log {self.routine.title}",
        )
        error = push_op(self.ctx.undo_stack, op)  # failures come back as a plain message
        if error is not None or op.session is None:
            self.message.show_error(str(error) if error else "the routine could not be saved.")
            return
        self.logged = op.session
        super().accept()

    def reject(self) -> None:
        """Escape or the window's close button: ask before throwing away a started routine."""
        state = self.session.state
        if state is SessionState.NOT_STARTED:
            self._close()
        elif state is SessionState.FINISHED:
            self._discard_asked()
        elif self.session.completed_steps:
            was_running = state is SessionState.RUNNING
            self._handle(self.session.pause())
            done, total = len(self.session.completed_steps), len(self.routine.steps)
            if self.confirm(
                "Stop the routine?",
                f"You have done {done} of {total} steps. Stop here and save them as partly done?",
                "Stop here",
                "Keep going",
            ):
                self._handle(self.session.finish())
            elif was_running:
                self._handle(self.session.resume())
        else:
            self._ask_to_stop_unsaved()

    def _ask_to_stop_unsaved(self) -> None:
        was_running = self.session.state is SessionState.RUNNING
        self._handle(self.session.pause())
        if self.confirm(
            "Stop the routine?",
            "No step is finished yet, so nothing will be saved in your diary.",
            "Stop without saving",
            "Keep going",
        ):
            self._close()
        elif was_running:
            self._handle(self.session.resume())

    def _discard_asked(self) -> None:
        if self.confirm(
            "Close without saving?",
            "This routine will not appear in your diary.",
            "Close without saving",
            "Go back",
        ):
            self._close()

    def _close(self) -> None:
        self.timer.stop()
        super().reject()

    def confirm(self, title: str, text: str, yes: str, no: str) -> bool:
        """Ask a yes/no question; the safe answer ("no") is the default. Tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no_button)
        box.setEscapeButton(no_button)
        box.exec()
        return box.clickedButton() is yes_button

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
