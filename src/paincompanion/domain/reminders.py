"""Reminders for the daily check-in and for scheduled doses: the plan, what is due, snooze and close.

Pure rules, no I/O: the caller passes the plan, the saved state, "now" (aware) and the patient's time zone.
Reminder times are local wall-clock times ("09:00" stays 09:00 after a daylight-saving change):

- a time that does not exist on the spring-forward day (01:30 in London on 2026-03-29) is due at the first
  valid moment after it (02:00 BST);
- a time that happens twice on the autumn day (01:30 in London on 2026-10-25) is due once, the first time.

A reminder found more than `MISSED_AFTER` late (the computer slept, or the app was closed through it) is
reported as *missed*, never announced as if it were on time. Nothing older than `KEEP_FOR` is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ..errors import ValidationError

CHECKIN = "checkin"
DOSE = "dose"
#: Found later than this after its time (or after a snooze ended): missed, not announced.
MISSED_AFTER = timedelta(minutes=30)
#: Reminders (open or missed) older than this are forgotten.
KEEP_FOR = timedelta(hours=24)
SNOOZE_MINUTES = (10, 30, 60)
MAX_TIMES_A_DAY = 24
DEFAULT_CHECKIN_TIMES = (time(9, 0), time(20, 0))

DUE, SNOOZED, MISSED = "due", "snoozed", "missed"


@dataclass(frozen=True)
class DoseTimes:
    """When to remind about one scheduled medicine."""

    medication_id: int
    name: str
    times: tuple[time, ...]


@dataclass(frozen=True)
class ReminderPlan:
    """What to remind about: daily check-in times and dose times per scheduled medicine."""

    enabled: bool = False
    checkin_times: tuple[time, ...] = DEFAULT_CHECKIN_TIMES
    doses: tuple[DoseTimes, ...] = ()


@dataclass(frozen=True)
class Reminder:
    """One occurrence of a reminder (a check-in or a dose, on one day, at one time) that is still open."""

    kind: str  # CHECKIN | DOSE
    day: date  # the local day it belongs to
    slot: time  # the planned local time
    due_at: datetime  # the aware moment it fell due (see the module docstring for DST days)
    medication_id: int | None = None
    name: str = ""  # the medicine's name for a dose
    status: str = DUE  # DUE | SNOOZED | MISSED
    snoozed_until: datetime | None = None

    @property
    def key(self) -> str:
        """Identifies the occurrence: the same key is never reminded twice."""
        what = CHECKIN if self.kind == CHECKIN else f"{DOSE}:{self.medication_id}"
        return f"{what}@{self.day.isoformat()}T{self.slot:%H:%M}"

    @property
    def title(self) -> str:
        return "Time for your check-in" if self.kind == CHECKIN else f"Time for {self.name}"


@dataclass(frozen=True)
class ReminderState:
    """What has been looked at: everything due up to `seen_until` has been reminded (or reported missed)."""

    seen_until: datetime | None = None
    open: tuple[Reminder, ...] = ()

    def find(self, key: str) -> Reminder | None:
        return next((r for r in self.open if r.key == key), None)


@dataclass(frozen=True)
class Check:
    """The result of `due`: the new state, what to announce now, and what was newly found missed."""

    state: ReminderState
    fire: tuple[Reminder, ...] = ()
    missed: tuple[Reminder, ...] = ()


# --- times ------------------------------------------------------------------------------------


def local_moment(day: date, slot: time, tz: tzinfo) -> datetime:
    """The aware moment `slot` o'clock on `day` in `tz`: a skipped time moves to the end of the gap, a
    repeated time is its first occurrence."""
    wall = datetime.combine(day, slot.replace(second=0, microsecond=0))
    first = wall.replace(tzinfo=tz, fold=0)
    if _exists(first):
        return first
    probe = wall
    for _ in range(24 * 60):  # gaps are usually an hour; a whole skipped day is the most there has been
        probe += timedelta(minutes=1)
        moment = probe.replace(tzinfo=tz, fold=0)
        if _exists(moment):
            return moment
    return first  # pragma: no cover - no zone skips more than a day


def _exists(moment: datetime) -> bool:
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None, fold=0)


def default_dose_times(times_per_day: float | None) -> tuple[time, ...]:
    """Suggested times for a medicine taken `times_per_day` times a day (the patient can change them).

    Up to four a day are spread from 08:00 to 20:00; more are spread over the whole day from 08:00.
    Less than once a day (every 2 days, weekly) has no daily times.
    """
    if times_per_day is None or times_per_day < 1:
        return ()
    count = min(MAX_TIMES_A_DAY, round(times_per_day))
    if count == 1:
        return (time(8, 0),)
    if count <= 4:
        step = 12 * 60 // (count - 1)
        minutes = [8 * 60 + i * step for i in range(count)]
    else:
        minutes = [(8 * 60 + round(i * 24 * 60 / count / 5) * 5) % (24 * 60) for i in range(count)]
    return tuple(sorted(time(m // 60, m % 60) for m in minutes))


def clean_times(times: object, what: str = "A reminder time") -> tuple[time, ...]:
    """Sorted unique whole-minute times; raises `ValidationError` for anything that is not a time."""
    found: set[time] = set()
    for value in times or ():  # type: ignore[attr-defined]
        if isinstance(value, str):
            try:
                value = time.fromisoformat(value.strip())
            except ValueError:
                raise ValidationError(f"{what} must be a time like 09:00, not {value!r}.") from None
        if not isinstance(value, time):
            raise ValidationError(f"{what} must be a time like 09:00, not {value!r}.")
        found.add(value.replace(second=0, microsecond=0, tzinfo=None))
    if len(found) > MAX_TIMES_A_DAY:
        raise ValidationError(f"There can be at most {MAX_TIMES_A_DAY} reminder times a day.")
    return tuple(sorted(found))


def occurrences(plan: ReminderPlan, after: datetime, until: datetime, tz: tzinfo) -> list[Reminder]:
    """Every planned reminder due in (after, until], oldest first."""
    if until <= after:
        return []
    first_day = after.astimezone(tz).date() - timedelta(days=1)
    last_day = until.astimezone(tz).date() + timedelta(days=1)
    found: list[Reminder] = []
    day = first_day
    while day <= last_day:
        slots: list[tuple[str, int | None, str, time]] = [(CHECKIN, None, "", slot) for slot in plan.checkin_times]
        slots += [(DOSE, d.medication_id, d.name, slot) for d in plan.doses for slot in d.times]
        for kind, med_id, name, slot in slots:
            moment = local_moment(day, slot, tz)
            if after < moment <= until:
                found.append(Reminder(kind, day, slot, moment, med_id, name))
        day += timedelta(days=1)
    return sorted(found, key=lambda r: (r.due_at, r.kind != CHECKIN, r.name.casefold()))


# --- what is due ------------------------------------------------------------------------------


def due(plan: ReminderPlan, state: ReminderState, now: datetime, tz: tzinfo | None = None) -> Check:
    """What falls due by `now`: new reminders on time and snoozes that ended go to `fire`; those found
    more than `MISSED_AFTER` late go to `missed`. Returns the state to save."""
    tz = tz or now.tzinfo
    assert tz is not None, "now must be aware"
    if not plan.enabled:
        return Check(ReminderState(seen_until=now))
    # The first look starts now (nothing before it counts as missed); never look back more than KEEP_FOR.
    start = now if state.seen_until is None else max(state.seen_until, now - KEEP_FOR)
    fire: list[Reminder] = []
    missed: list[Reminder] = []
    kept: list[Reminder] = []
    for reminder in state.open:
        if reminder.due_at < now - KEEP_FOR:
            continue
        if reminder.status == SNOOZED and reminder.snoozed_until is not None and reminder.snoozed_until <= now:
            late = now - reminder.snoozed_until > MISSED_AFTER
            reminder = replace(reminder, status=MISSED if late else DUE, snoozed_until=None)
            (missed if late else fire).append(reminder)
        kept.append(reminder)
    known = {r.key for r in kept}
    for reminder in occurrences(plan, start, now, tz):
        if reminder.key in known:
            continue
        if now - reminder.due_at > MISSED_AFTER:
            reminder = replace(reminder, status=MISSED)
            missed.append(reminder)
        else:
            fire.append(reminder)
        kept.append(reminder)
    seen = now if state.seen_until is None else max(state.seen_until, now)
    kept.sort(key=lambda r: r.due_at)
    return Check(ReminderState(seen, tuple(kept)), tuple(fire), tuple(missed))


def next_due(plan: ReminderPlan, state: ReminderState, now: datetime, tz: tzinfo) -> datetime | None:
    """When the next reminder (planned or snoozed) falls due after `now`, if any."""
    if not plan.enabled:
        return None
    upcoming = [r.due_at for r in occurrences(plan, now, now + timedelta(days=2), tz)]
    upcoming += [r.snoozed_until for r in state.open if r.status == SNOOZED and r.snoozed_until]
    later = [moment for moment in upcoming if moment > now]
    return min(later, default=None)


# --- what the patient does --------------------------------------------------------------------


def snooze(state: ReminderState, key: str, minutes: int, now: datetime) -> ReminderState:
    """Remind about this occurrence again in `minutes`; only this one moves."""
    if minutes <= 0 or minutes > 24 * 60:
        raise ValidationError(f"A snooze is from 1 minute to 24 hours, not {minutes} minutes.")
    target = _find(state, key)
    snoozed = replace(target, status=SNOOZED, snoozed_until=now + timedelta(minutes=minutes))
    return replace(state, open=tuple(snoozed if r.key == key else r for r in state.open))


def close(state: ReminderState, key: str) -> ReminderState:
    """Taken, done or dismissed: the occurrence is no longer open (and, being seen, never comes back)."""
    _find(state, key)
    return replace(state, open=tuple(r for r in state.open if r.key != key))


def prune(plan: ReminderPlan, state: ReminderState) -> ReminderState:
    """Drop open dose reminders for medicines no longer in the plan (stopped, deleted, now as needed)."""
    meds = {d.medication_id for d in plan.doses}
    kept = tuple(r for r in state.open if r.kind == CHECKIN or r.medication_id in meds)
    if not plan.enabled:
        kept = ()
    return replace(state, open=kept)


def _find(state: ReminderState, key: str) -> Reminder:
    found = state.find(key)
    if found is None:
        raise ValidationError("That reminder is no longer open (it was already closed or is more than a day old).")
    return found
