"""Injected time, so 'today', timers and reports are testable."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current aware local time."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()


class FixedClock:
    """A clock for tests; `advance` moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def advance(self, **kwargs: float) -> None:
        from datetime import timedelta

        self.moment = self.moment + timedelta(**kwargs)
