"""Playing a routine step by step: a pure state machine driven by an injected clock.

The GUI calls `tick()` a few times a second and turns the returned events into screen updates and, for a `Cue`,
a soft sound. Nothing here sleeps or starts timers, so tests move a FixedClock and get exact results.

Rules, in plain words:
- a timed step counts down (once per repetition when it has repetitions) and moves on by itself at zero;
- a step without a countdown waits for `next()`; its repetitions, if any, are counted with `count_repetition()`;
- a step is *done* when its countdown reaches zero or, for a step without one, when the user moves on;
  skipping a timed step early leaves it not done;
- finishing before every step is done marks the session as partly done (it is still logged).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ..domain.clock import Clock
from ..domain.routines import Routine, Step


class SessionState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class CueReason(StrEnum):
    REPETITION = "repetition"
    STEP_END = "step_end"
    ROUTINE_END = "routine_end"


@dataclass(frozen=True)
class StepStarted:
    index: int


@dataclass(frozen=True)
class StepFinished:
    index: int
    done: bool


@dataclass(frozen=True)
class RepetitionFinished:
    index: int
    count: int
    of: int


@dataclass(frozen=True)
class Cue:
    """The GUI plays a soft sound (no extra dependency needed: a short generated tone or the system bell)."""

    reason: CueReason


@dataclass(frozen=True)
class RoutineFinished:
    partly_done: bool


Event = StepStarted | StepFinished | RepetitionFinished | Cue | RoutineFinished


@dataclass(frozen=True)
class Progress:
    step_number: int  # 1-based, for "Step 3 of 8"
    total: int
    fraction: float  # 0.0–1.0, moves smoothly during a countdown


class RoutineSession:
    """One run through a routine. Commands that make no sense in the current state do nothing and return []."""

    def __init__(self, routine: Routine, clock: Clock) -> None:
        if not routine.steps:
            raise ValueError("a routine without steps cannot be played")
        self.routine = routine
        self._clock = clock
        self.state = SessionState.NOT_STARTED
        self.index = 0
        self._reps_done = 0
        self._elapsed = 0.0  # seconds into the current repetition (or untimed step), excluding pauses
        self._since: datetime | None = None  # when the clock last started running
        self._active = 0.0  # total seconds spent running, all steps
        self._done: set[int] = set()
        self.started_at: datetime | None = None
        self.finished_at: datetime | None = None

    # --- reading ----------------------------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.routine.steps[self.index]

    @property
    def completed_steps(self) -> frozenset[int]:
        return frozenset(self._done)

    @property
    def finished(self) -> bool:
        """Ended (completed or partly done). A property, so a check after tick() reads the state anew."""
        return self.state is SessionState.FINISHED

    @property
    def partly_done(self) -> bool:
        return self.state is SessionState.FINISHED and len(self._done) < len(self.routine.steps)

    @property
    def completed(self) -> bool:
        return self.state is SessionState.FINISHED and len(self._done) == len(self.routine.steps)

    def remaining_seconds(self) -> float | None:
        """Seconds left in the current countdown (the current repetition); None for a step without one."""
        if self.step.seconds is None:
            return None
        return max(0.0, self.step.seconds - self._current_elapsed())

    def active_seconds(self) -> float:
        """Time spent with the routine running (pauses excluded), up to the end of the current countdown."""
        extra = self._running_for()
        if self.step.seconds is not None:  # time past zero belongs to the next step only once tick() moves on
            extra = min(extra, max(0.0, self.step.seconds - self._elapsed))
        return self._active + extra

    @property
    def repetitions(self) -> tuple[int, int] | None:
        """(done, planned) for a step with repetitions, else None."""
        planned = self.step.repetitions
        return None if planned is None else (self._reps_done, planned)

    @property
    def progress(self) -> Progress:
        total = len(self.routine.steps)
        if self.completed:
            return Progress(total, total, 1.0)
        within = 0.0
        step = self.step
        if step.seconds is not None and self.state is not SessionState.NOT_STARTED:
            elapsed = self._reps_done * step.seconds + min(self._current_elapsed(), step.seconds)
            within = min(1.0, elapsed / step.total_seconds)
        return Progress(self.index + 1, total, (self.index + within) / total)

    # --- commands ---------------------------------------------------------------------------------------------

    def start(self) -> list[Event]:
        if self.state is not SessionState.NOT_STARTED:
            return []
        self.started_at = self._clock.now()
        self.state = SessionState.RUNNING
        self._since = self.started_at
        return [StepStarted(0)]

    def pause(self) -> list[Event]:
        if self.state is not SessionState.RUNNING:
            return []
        events = self.tick()
        if self.state is SessionState.RUNNING:
            self._bank()
            self.state = SessionState.PAUSED
        return events

    def resume(self) -> list[Event]:
        if self.state is not SessionState.PAUSED:
            return []
        self.state = SessionState.RUNNING
        self._since = self._clock.now()
        return []

    def toggle(self) -> list[Event]:
        """Space bar: start, pause or resume."""
        if self.state is SessionState.NOT_STARTED:
            return self.start()
        if self.state is SessionState.RUNNING:
            return self.pause()
        return self.resume()

    def skip(self) -> list[Event]:
        """Move on now (skip): a timed step left early is not done; a step without a countdown is."""
        if self.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return []
        events = self.tick()
        if self.finished:
            return events
        done = self.step.seconds is None
        return events + self._leave_step(done=done, cue=False)

    def back(self) -> list[Event]:
        """Go to the previous step and start it again (on the first step: restart it)."""
        if self.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return []
        events = self.tick()
        if self.finished:
            return events
        self._bank()
        self.index = max(0, self.index - 1)
        self._reset_step()
        return [*events, StepStarted(self.index)]

    def count_repetition(self) -> list[Event]:
        """Count one repetition of a step without a countdown (a step with one counts by itself)."""
        step = self.step
        if self.state is not SessionState.RUNNING or step.seconds is not None or step.repetitions is None:
            return []
        if self._reps_done >= step.repetitions:
            return []
        self._reps_done += 1
        return [RepetitionFinished(self.index, self._reps_done, step.repetitions)]

    def finish(self) -> list[Event]:
        """Stop here; the session is partly done unless every step was done."""
        if self.state is SessionState.FINISHED:
            return []
        events = self.tick() if self.state is SessionState.RUNNING else []
        if self.finished:
            return events
        return [*events, *self._end()]

    def tick(self) -> list[Event]:
        """Let time pass: finish countdowns that reached zero, carrying any extra time into the next step."""
        if self.state is not SessionState.RUNNING:
            return []
        events: list[Event] = []
        while self.state is SessionState.RUNNING:
            step = self.step
            if step.seconds is None:
                break
            now = self._clock.now()
            elapsed = self._current_elapsed(now)
            if elapsed < step.seconds:
                break
            overflow = elapsed - step.seconds
            self._active += step.seconds - self._elapsed
            self._since = now
            self._elapsed = 0.0
            planned = step.repetitions or 1
            self._reps_done += 1
            if self._reps_done < planned:
                events += [RepetitionFinished(self.index, self._reps_done, planned), Cue(CueReason.REPETITION)]
                self._elapsed = overflow
                self._active += overflow
                continue
            if step.repetitions is not None:
                events.append(RepetitionFinished(self.index, self._reps_done, planned))
            events += self._leave_step(done=True, cue=True)
            if self.state is SessionState.RUNNING:
                self._elapsed = overflow
                self._active += overflow
        return events

    # --- internals --------------------------------------------------------------------------------------------

    def _leave_step(self, *, done: bool, cue: bool) -> list[Event]:
        """Close the current step and open the next one (or end the routine after the last)."""
        self._bank()
        if done:
            self._done.add(self.index)
        events: list[Event] = [StepFinished(self.index, done)]
        if self.index == len(self.routine.steps) - 1:
            if cue:
                events.append(Cue(CueReason.ROUTINE_END))
            return events + self._end()
        if cue:
            events.append(Cue(CueReason.STEP_END))
        self.index += 1
        self._reset_step()
        return [*events, StepStarted(self.index)]

    def _end(self) -> list[Event]:
        self._bank()
        self.state = SessionState.FINISHED
        self.finished_at = self._clock.now()
        return [RoutineFinished(self.partly_done)]

    def _reset_step(self) -> None:
        self._elapsed = 0.0
        self._reps_done = 0
        if self.state is SessionState.RUNNING:
            self._since = self._clock.now()

    def _bank(self) -> None:
        """Fold the running time since `_since` into the step and session totals."""
        if self.state is SessionState.RUNNING and self._since is not None:
            now = self._clock.now()
            ran = max(0.0, (now - self._since).total_seconds())
            self._elapsed += ran
            self._active += ran
            self._since = now

    def _running_for(self, now: datetime | None = None) -> float:
        if self.state is not SessionState.RUNNING or self._since is None:
            return 0.0
        return max(0.0, ((now or self._clock.now()) - self._since).total_seconds())

    def _current_elapsed(self, now: datetime | None = None) -> float:
        return self._elapsed + self._running_for(now)
