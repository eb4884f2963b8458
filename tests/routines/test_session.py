"""The routine player as a state machine driven by a FixedClock: countdowns, pauses, skipping, cues, finishing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from paincompanion.domain.clock import FixedClock
from paincompanion.domain.routines import Routine, RoutineKind, Step
from paincompanion.routines import (
    Cue,
    CueReason,
    RepetitionFinished,
    RoutineFinished,
    RoutineSession,
    SessionState,
    StepFinished,
    StepStarted,
    load_library,
)

T0 = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))

ROUTINE = Routine(
    id="test-routine",
    title="Test routine",
    kind=RoutineKind.EXERCISE,
    minutes=2,
    steps=(
        Step("Breathe", seconds=30),
        Step("Lift", seconds=5, repetitions=3),
        Step("Write it down"),
        Step("Count the taps", repetitions=2),
        Step("Rest", seconds=20),
    ),
)


@pytest.fixture
def clock():
    return FixedClock(T0)


@pytest.fixture
def session(clock):
    return RoutineSession(ROUTINE, clock)


def test_before_start_nothing_moves(session, clock):
    assert session.state is SessionState.NOT_STARTED
    clock.advance(seconds=100)
    assert session.tick() == [] and session.skip() == [] and session.pause() == []
    assert session.remaining_seconds() == 30
    assert session.progress.step_number == 1 and session.progress.fraction == 0


def test_countdown_and_auto_advance_with_a_cue(session, clock):
    assert session.start() == [StepStarted(0)]
    clock.advance(seconds=12.5)
    assert session.tick() == []
    assert session.remaining_seconds() == pytest.approx(17.5)
    assert session.progress.fraction == pytest.approx((12.5 / 30) / 5)
    clock.advance(seconds=17.5)
    assert session.tick() == [StepFinished(0, True), Cue(CueReason.STEP_END), StepStarted(1)]
    assert session.index == 1 and session.remaining_seconds() == 5 and session.repetitions == (0, 3)


def test_timed_repetitions_count_themselves(session, clock):
    session.start()
    clock.advance(seconds=30)
    session.tick()
    clock.advance(seconds=5)
    assert session.tick() == [RepetitionFinished(1, 1, 3), Cue(CueReason.REPETITION)]
    assert session.repetitions == (1, 3) and session.remaining_seconds() == 5
    clock.advance(seconds=10)
    assert session.tick() == [
        RepetitionFinished(1, 2, 3), Cue(CueReason.REPETITION),
        RepetitionFinished(1, 3, 3), StepFinished(1, True), Cue(CueReason.STEP_END), StepStarted(2),
    ]  # fmt: skip


def test_extra_time_carries_into_the_next_countdown(session, clock):
    session.start()
    clock.advance(seconds=32)
    session.tick()
    assert session.index == 1 and session.remaining_seconds() == pytest.approx(3)


def test_untimed_steps_wait_for_next(session, clock):
    session.start()
    clock.advance(seconds=45)  # 30 s breathing + 15 s of lifting
    session.tick()
    assert session.index == 2 and session.remaining_seconds() is None
    clock.advance(hours=2)
    assert session.tick() == []
    assert session.index == 2
    assert session.skip() == [StepFinished(2, True), StepStarted(3)]


def test_untimed_repetitions_are_counted_by_hand(session, clock):
    session.start()
    clock.advance(seconds=45)
    session.tick()
    session.skip()
    assert session.repetitions == (0, 2)
    assert session.count_repetition() == [RepetitionFinished(3, 1, 2)]
    assert session.count_repetition() == [RepetitionFinished(3, 2, 2)]
    assert session.count_repetition() == []  # never beyond the plan
    assert session.index == 3  # counting does not move on by itself


def test_pause_stops_time_and_resume_continues(session, clock):
    session.start()
    clock.advance(seconds=10)
    session.pause()
    assert session.state is SessionState.PAUSED
    clock.advance(minutes=30)
    assert session.tick() == [] and session.remaining_seconds() == pytest.approx(20)
    session.resume()
    clock.advance(seconds=19)
    assert session.tick() == [] and session.remaining_seconds() == pytest.approx(1)
    clock.advance(seconds=1)
    assert StepFinished(0, True) in session.tick()
    assert session.active_seconds() == pytest.approx(30)


def test_toggle_is_the_space_bar(session):
    assert session.toggle() == [StepStarted(0)] and session.state is SessionState.RUNNING
    session.toggle()
    assert session.state is SessionState.PAUSED
    session.toggle()
    assert session.state is SessionState.RUNNING


def test_skipping_a_timed_step_leaves_it_not_done(session, clock):
    session.start()
    clock.advance(seconds=3)
    assert session.skip() == [StepFinished(0, False), StepStarted(1)]
    assert session.completed_steps == frozenset() and session.remaining_seconds() == 5


def test_next_while_paused_stays_paused_with_a_full_countdown(session, clock):
    session.start()
    session.pause()
    session.skip()
    clock.advance(seconds=60)
    assert session.state is SessionState.PAUSED and session.index == 1 and session.remaining_seconds() == 5


def test_back_restarts_the_previous_step(session, clock):
    session.start()
    clock.advance(seconds=31)
    session.tick()
    clock.advance(seconds=2)
    assert session.back() == [StepStarted(0)]
    assert session.index == 0 and session.remaining_seconds() == 30 and session.completed_steps == {0}
    assert session.back() == [StepStarted(0)]  # on the first step: start it again
    clock.advance(seconds=29)
    assert session.remaining_seconds() == pytest.approx(1)


def test_the_last_timed_step_ends_the_routine_with_a_cue(session, clock):
    session.start()
    clock.advance(seconds=45)
    session.tick()
    session.skip()
    session.count_repetition()
    session.skip()
    clock.advance(seconds=25)
    assert session.tick() == [StepFinished(4, True), Cue(CueReason.ROUTINE_END), RoutineFinished(partly_done=False)]
    assert session.completed and not session.partly_done
    assert session.progress.fraction == 1.0
    assert session.finished_at == T0 + timedelta(seconds=70)
    assert session.tick() == [] and session.skip() == [] and session.finish() == []


def test_time_past_the_last_countdown_is_not_counted(session, clock):
    session.start()
    clock.advance(seconds=45)
    session.tick()
    session.skip()
    session.skip()
    clock.advance(seconds=25)  # the last step lasts 20 s; the GUI has not ticked yet
    assert session.active_seconds() == pytest.approx(65)
    session.tick()
    assert session.completed and session.active_seconds() == pytest.approx(65)


def test_finishing_early_marks_partly_done(session, clock):
    session.start()
    clock.advance(seconds=40)
    assert session.finish() == [
        StepFinished(0, True), Cue(CueReason.STEP_END), StepStarted(1),
        RepetitionFinished(1, 1, 3), Cue(CueReason.REPETITION),
        RepetitionFinished(1, 2, 3), Cue(CueReason.REPETITION),
        RoutineFinished(partly_done=True),
    ]  # fmt: skip
    assert session.state is SessionState.FINISHED and session.partly_done and not session.completed
    assert session.completed_steps == {0}
    assert session.progress.fraction < 1


def test_finishing_before_starting_is_partly_done_with_nothing_done(session):
    assert session.finish() == [RoutineFinished(partly_done=True)]
    assert session.completed_steps == frozenset()


def test_skipping_everything_is_partly_done(session):
    session.start()
    events = []
    for _ in ROUTINE.steps:
        events += session.skip()
    assert events[-1] == RoutineFinished(partly_done=True)
    assert session.completed_steps == {2, 3}  # only the untimed steps count when moved past


def test_a_whole_bundled_routine_plays_to_the_end_in_its_minutes(clock):
    routine = load_library().get("breathing-space-3-minutes")
    session = RoutineSession(routine, clock)
    session.start()
    cues = []
    for _ in range(180):
        clock.advance(seconds=1)
        cues += [e.reason for e in session.tick() if isinstance(e, Cue)]
    assert cues == [CueReason.STEP_END, CueReason.STEP_END, CueReason.ROUTINE_END]
    assert session.completed and session.active_seconds() == pytest.approx(180)


class SessionMachine(RuleBasedStateMachine):
    """Any sequence of commands and clock moves keeps the session consistent."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FixedClock(T0)
        self.session = RoutineSession(ROUTINE, self.clock)
        self.finished_events = 0
        self.last_active = 0.0

    def _apply(self, events):
        for event in events:
            if isinstance(event, RoutineFinished):
                self.finished_events += 1
                assert event.partly_done == self.session.partly_done
            if isinstance(event, (StepStarted, StepFinished, RepetitionFinished)):
                assert 0 <= event.index < len(ROUTINE.steps)

    @rule(seconds=st.floats(min_value=0, max_value=90, allow_nan=False))
    def advance(self, seconds):
        self.clock.advance(seconds=seconds)
        self._apply(self.session.tick())

    @rule(seconds=st.floats(min_value=0, max_value=90, allow_nan=False))
    def advance_without_tick(self, seconds):
        self.clock.advance(seconds=seconds)  # the GUI has not ticked yet: readings must still make sense

    @rule()
    def start(self):
        self._apply(self.session.start())

    @rule()
    def toggle(self):
        self._apply(self.session.toggle())

    @rule()
    def pause(self):
        self._apply(self.session.pause())

    @rule()
    def resume(self):
        self._apply(self.session.resume())

    @rule()
    def next(self):
        self._apply(self.session.skip())

    @rule()
    def back(self):
        self._apply(self.session.back())

    @rule()
    def count(self):
        self._apply(self.session.count_repetition())

    @precondition(lambda self: self.session.state is not SessionState.FINISHED)
    @rule()
    def finish(self):
        before = set(self.session.completed_steps)
        self._apply(self.session.finish())
        assert before <= self.session.completed_steps

    @invariant()
    def consistent(self):
        s = self.session
        assert 0 <= s.index < len(ROUTINE.steps)
        assert s.completed_steps <= set(range(len(ROUTINE.steps)))
        remaining = s.remaining_seconds()
        if s.step.seconds is None:
            assert remaining is None
        else:
            assert 0 <= remaining <= s.step.seconds
        if s.repetitions is not None:
            done, planned = s.repetitions
            assert 0 <= done <= planned
        progress = s.progress
        assert 1 <= progress.step_number <= progress.total and 0 <= progress.fraction <= 1
        assert self.finished_events == (1 if s.state is SessionState.FINISHED else 0)
        assert s.partly_done == (s.state is SessionState.FINISHED and len(s.completed_steps) < len(ROUTINE.steps))
        active = s.active_seconds()
        assert active >= self.last_active - 1e-6  # time spent never runs backwards
        self.last_active = active
        if s.state is SessionState.NOT_STARTED:
            assert active == 0 and s.completed_steps == frozenset()


SessionMachine.TestCase.settings = settings(
    max_examples=200, stateful_step_count=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_any_command_sequence_keeps_the_session_consistent = SessionMachine.TestCase
