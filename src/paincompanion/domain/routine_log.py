"""What the user did with routines: logged sessions, worksheet answers and what seems to help (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class LoggedSession:
    """One finished (or partly finished) routine; `before`/`after` are optional 0–10 pain ratings."""

    id: int
    routine_id: str
    title: str
    kind: str
    started: datetime  # aware, in the offset of the start
    minutes: int
    before: int | None
    after: int | None
    note: str = ""
    completed_steps: int = 0
    total_steps: int = 0

    @property
    def partly_done(self) -> bool:
        return self.completed_steps < self.total_steps

    @property
    def change(self) -> int | None:
        """after − before, when both ratings were given (negative = less pain)."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class WorksheetRecord:
    id: int
    routine_id: str
    title: str
    at: datetime
    answers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RoutineEffect:
    routine_id: str
    title: str
    n: int
    mean_change: float
