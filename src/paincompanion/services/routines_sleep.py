"""The sleep recorded in the diary over the last two weeks, for the sleep-scheduling routine (CBT for insomnia)."""

from __future__ import annotations

from datetime import timedelta

from ..domain.diary import EntryFilter
from ..routines.sleep_window import DAYS, SleepWindow, sleep_window
from .companion import CompanionApi


def recent_sleep_window(companion: CompanionApi) -> SleepWindow | None:
    """The sleep window from the diary's last DAYS days (None when too few nights are recorded)."""
    today = companion.clock.now().astimezone().date()
    entries = companion.diary.list_entries(EntryFilter(date_from=today - timedelta(days=DAYS), date_to=today))
    return sleep_window((e.local_day, e.sleep_hours) for e in entries if e.sleep_hours is not None)
