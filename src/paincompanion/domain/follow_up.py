"""The "how is your pain now?" follow-up after a dose: pure rules with an injected "now".

- The patient sets the delay (30–180 minutes) or switches it off (None).
- A dose rated "before" gets one follow-up, due `delay` after the dose; a dose already rated "after",
  skipped or dismissed gets none.
- Snoozing moves it later (10, 15 or 30 minutes); it is due again when the snooze ends.
- A follow-up found more than `MISSED_AFTER` after it fell due (or after its snooze ended), e.g. because the
  computer was asleep, is *missed*: it is never asked late, since "pain now" would no longer be about the dose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import ValidationError

MIN_DELAY, MAX_DELAY, DEFAULT_DELAY = 30, 180, 60
MISSED_AFTER = timedelta(minutes=30)
SNOOZE_MINUTES = (10, 15, 30)
NOT_YET, DUE, SNOOZED, MISSED, DONE, OFF = "not yet", "due", "snoozed", "missed", "done", "off"


def check_delay(value: object) -> int | None:
    """The follow-up delay in minutes (30–180), or None for off ("off", "", None)."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("", "off", "no")):
        return None
    if isinstance(value, bool):
        raise ValidationError("The follow-up time must be from 30 to 180 minutes, or off.")
    try:
        minutes = int(str(value).strip()) if isinstance(value, str) else int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValidationError(f"The follow-up time must be from 30 to 180 minutes, or off; not {value!r}.") from None
    if (isinstance(value, float) and not value.is_integer()) or not MIN_DELAY <= minutes <= MAX_DELAY:
        raise ValidationError(f"The follow-up time must be from 30 to 180 minutes, or off; not {value!r}.")
    return minutes


@dataclass(frozen=True)
class FollowUp:
    """One dose waiting for its "pain now" rating."""

    dose_id: int
    name: str
    dose_at: datetime
    due_at: datetime
    snoozed_until: datetime | None = None
    answered: bool = False  # rated after, skipped or dismissed

    def status(self, now: datetime) -> str:
        """NOT_YET, DUE, SNOOZED, MISSED or DONE at `now`."""
        if self.answered:
            return DONE
        start = self.due_at
        if self.snoozed_until is not None:
            if now < self.snoozed_until:
                return SNOOZED
            start = self.snoozed_until
        if now < start:
            return NOT_YET
        return MISSED if now - start > MISSED_AFTER else DUE

    def snooze(self, minutes: int, now: datetime) -> FollowUp:
        """Ask again `minutes` later (one of SNOOZE_MINUTES); only a due follow-up can be snoozed."""
        if minutes not in SNOOZE_MINUTES:
            raise ValidationError(f"Snooze for {', '.join(map(str, SNOOZE_MINUTES))} minutes, not {minutes}.")
        if self.status(now) != DUE:
            raise ValidationError("Only a follow-up that is due now can be snoozed.")
        return FollowUp(self.dose_id, self.name, self.dose_at, self.due_at, now + timedelta(minutes=minutes))


def follow_ups(doses: Iterable[tuple[int, str, datetime, bool, bool]], delay: int | None) -> list[FollowUp]:
    """(dose id, name, time, rated before?, rated after?) → the follow-ups; none when switched off (delay None).

    Only doses rated before get one (the "after" is compared with it).
    """
    if delay is None:
        return []
    checked = check_delay(delay)
    assert checked is not None
    return [
        FollowUp(dose_id, name, at, at + timedelta(minutes=checked), answered=rated_after)
        for dose_id, name, at, rated_before, rated_after in doses
        if rated_before
    ]


def to_ask(items: Iterable[FollowUp], now: datetime) -> list[FollowUp]:
    """The follow-ups to ask about at `now` (due ones, oldest first); missed and snoozed ones are not asked."""
    return sorted((f for f in items if f.status(now) == DUE), key=lambda f: (f.due_at, f.dose_id))
