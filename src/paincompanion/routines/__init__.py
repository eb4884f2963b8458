"""Guided routines: the bundled library and the step-by-step player (Qt-free, storage-free)."""

from __future__ import annotations

from .library import Library, LibraryError, load_library, load_library_from, parse_condition, parse_kind
from .session import (
    Cue,
    CueReason,
    Event,
    Progress,
    RepetitionFinished,
    RoutineFinished,
    RoutineSession,
    SessionState,
    StepFinished,
    StepStarted,
)

__all__ = [
    "Cue",
    "CueReason",
    "Event",
    "Library",
    "LibraryError",
    "Progress",
    "RepetitionFinished",
    "RoutineFinished",
    "RoutineSession",
    "SessionState",
    "StepFinished",
    "StepStarted",
    "load_library",
    "load_library_from",
    "parse_condition",
    "parse_kind",
]
