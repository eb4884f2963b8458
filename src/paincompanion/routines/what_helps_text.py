"""Plain sentences for "what helps": the average change in pain from before to after each routine (stdlib only)."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.routine_log import RoutineEffect

MIN_SESSIONS = 3
TOO_FEW = f"Log at least {MIN_SESSIONS} sessions of a routine with pain before and after to see what helps."
CAVEAT = (
    "Averages of your own 0–10 pain ratings before and after each session. They show what tended to go with "
    "less pain for you, not proof that a routine works. Only routines with at least "
    f"{MIN_SESSIONS} rated sessions are shown."
)


def effect_sentence(effect: RoutineEffect) -> str:
    """'Body scan — on average 1.5 points less pain after than before (4 sessions).'"""
    change = round(effect.mean_change, 1)
    sessions = f"{effect.n} session" if effect.n == 1 else f"{effect.n} sessions"
    if change == 0:
        return f"{effect.title} — no change in pain on average ({sessions})."
    size = abs(change)
    points = "point" if size == 1 else "points"
    direction = "less" if change < 0 else "more"
    return f"{effect.title} — on average {size:.1f} {points} {direction} pain after than before ({sessions})."


def what_helps_text(effects: Sequence[RoutineEffect]) -> str:
    """One line per routine, most helpful first; the plain TOO_FEW sentence when none has enough sessions."""
    shown = [e for e in effects if e.n >= MIN_SESSIONS]
    if not shown:
        return TOO_FEW
    return "\n".join(effect_sentence(e) for e in shown)
