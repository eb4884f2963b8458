"""Check-in and dose reminders: the patient's choices and what is open, kept in the settings table.

The choices (on/off, check-in times, dose times) are part of the data, so they are backed up with it. The
state (what has been reminded, what is open, snoozed or missed) is saved too, so reminders missed while the
app was closed are shown at the next start (at most the last 24 hours). The rules are in domain/reminders.py.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..domain import reminders as rules
from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.diary import EntryFilter
from ..domain.medications import Dose, Medication
from ..domain.reminders import CHECKIN, DOSE, MISSED, Check, DoseTimes, Reminder, ReminderPlan, ReminderState
from ..errors import ValidationError
from ..storage import diary_repo, settings_repo
from ..storage.database import Database
from .events import Signal
from .medications import MedicationService

SETTINGS_KEY = "reminders_settings"
STATE_KEY = "reminders_state"
NOTICE_KEY = "reminders_tray_notice_shown"
#: A diary entry or dose logged this long before a reminder's time answers it too.
ANSWERED_WITHIN = timedelta(hours=1)


@dataclass(frozen=True)
class ReminderSettings:
    """What the patient chose. `dose_times` holds only times they changed (medicine id → times)."""

    enabled: bool = False
    checkin_times: tuple[time, ...] = rules.DEFAULT_CHECKIN_TIMES
    dose_times: Mapping[int, tuple[time, ...]] = field(default_factory=dict)
    keep_in_tray: bool = True


@dataclass(frozen=True)
class ScheduledMedicine:
    """A medicine that gets dose reminders, with its times (the patient's, or suggested from its schedule)."""

    medication: Medication
    times: tuple[time, ...]
    suggested: bool  # True when the times are the suggestion from "times a day"


def local_zone() -> tzinfo:
    """The computer's time zone with its daylight-saving rules where they can be found (TZ, /etc/localtime),
    else the current UTC offset (asked again at each check, so a change is picked up)."""
    names = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = os.readlink("/etc/localtime")
        names.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in names:
        if name and not Path(name).is_absolute():
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def is_scheduled(med: Medication) -> bool:
    """Active, taken on a schedule (not as needed) at least once a day."""
    return med.active and not med.as_needed and med.times_per_day is not None and med.times_per_day >= 1


class ReminderService:
    """What the tray, the reminder window and Settings ▸ Reminders do with reminders."""

    def __init__(
        self, db: Database, clock: Clock, changed: Signal, meds: MedicationService, tz: tzinfo | None = None
    ) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self._meds = meds
        #: The patient's time zone; None = the computer's, looked up at each check.
        self.tz = tz
        self._state: ReminderState | None = None

    def zone(self) -> tzinfo:
        return self.tz or local_zone()

    def _now(self) -> datetime:
        return self._clock.now().astimezone(self.zone())

    # --- the patient's choices ------------------------------------------------------------------

    def settings(self) -> ReminderSettings:
        with self._db.read() as conn:
            raw = settings_repo.get(conn, SETTINGS_KEY)
        return _settings_from_json(raw)

    def save_settings(self, new: ReminderSettings) -> ReminderSettings:
        """Check and save the choices; they apply from now on (a time added earlier today is not "missed")."""
        clean = ReminderSettings(
            enabled=bool(new.enabled),
            checkin_times=rules.clean_times(new.checkin_times, "A check-in time"),
            dose_times={int(k): rules.clean_times(v, "A dose time") for k, v in new.dose_times.items()},
            keep_in_tray=bool(new.keep_in_tray),
        )
        old = self.settings()
        state = self._load_state()
        now = self._now()
        if clean.enabled and not old.enabled:
            state = ReminderState(seen_until=now)  # no backlog from the time they were off
        with self._db.write() as conn:
            settings_repo.put(conn, SETTINGS_KEY, _settings_to_json(clean))
        self._save_state(rules.prune(self._plan(clean), state))
        self._changed.emit(Changes(settings=True))
        return clean

    def scheduled_medicines(self, chosen: ReminderSettings | None = None) -> list[ScheduledMedicine]:
        """Active medicines taken on a schedule, with their reminder times; as-needed ones are left out."""
        chosen = chosen or self.settings()
        found = []
        for med in self._meds.list_medications(include_stopped=False):
            if not is_scheduled(med):
                continue
            own = chosen.dose_times.get(med.id)
            times = own if own is not None else rules.default_dose_times(med.times_per_day)
            found.append(ScheduledMedicine(med, times, own is None))
        return found

    def plan(self) -> ReminderPlan:
        return self._plan(self.settings())

    def _plan(self, chosen: ReminderSettings) -> ReminderPlan:
        doses = tuple(
            DoseTimes(s.medication.id, s.medication.name, s.times) for s in self.scheduled_medicines(chosen) if s.times
        )
        return ReminderPlan(chosen.enabled, chosen.checkin_times, doses)

    # --- what is due ----------------------------------------------------------------------------

    def check(self) -> Check:
        """What is due now (to announce) and what was newly found missed; the state is saved when it changed."""
        before = self._load_state()
        plan = self.plan()
        result = rules.due(plan, rules.prune(plan, before), self._now(), self.zone())
        changed = result.fire or result.missed or result.state.open != before.open or before.seen_until is None
        if changed:
            self._save_state(result.state)
        else:
            self._state = result.state  # seen_until moves on in memory; nothing new to write
        return result

    def open_reminders(self) -> list[Reminder]:
        """Everything still open (due, snoozed or missed), oldest first."""
        return list(self._load_state().open)

    def missed(self) -> list[Reminder]:
        return [r for r in self._load_state().open if r.status == MISSED]

    def next_due(self) -> datetime | None:
        return rules.next_due(self.plan(), self._load_state(), self._now(), self.zone())

    # --- what the patient does ------------------------------------------------------------------

    def snooze(self, key: str, minutes: int) -> Reminder:
        state = rules.snooze(self._load_state(), key, minutes, self._now())
        self._save_state(state)
        found = state.find(key)
        assert found is not None
        return found

    def close(self, key: str) -> None:
        """Done or dismissed: the reminder goes away (the GUI also uses it after logging a dose itself)."""
        self._save_state(rules.close(self._load_state(), key))

    done = close
    dismiss = close

    def taken(self, key: str, at: datetime | None = None) -> Dose | None:
        """For a dose: log it (now, or `at`) and close the reminder. For a check-in: the same as `done`."""
        reminder = self._load_state().find(key)
        if reminder is None:
            raise ValidationError("That reminder is no longer open (it was already closed or is more than a day old).")
        dose = None
        if reminder.kind == DOSE and reminder.medication_id is not None:
            dose = self._meds.take(reminder.medication_id, at)
        self.close(key)
        return dose

    def settle(self) -> list[Reminder]:
        """Close reminders already answered: a diary entry (for a check-in) or a logged dose of that medicine
        from an hour before the reminder's time on. Returns what was closed."""
        state = self._load_state()
        if not state.open:
            return []
        days = {r.due_at.date() for r in state.open}
        first, last = min(days) - timedelta(days=1), max(days) + timedelta(days=1)
        entry_times = self._entry_times(first, last)
        doses = self._meds.doses(first, last)
        answered = []
        for reminder in state.open:
            since = reminder.due_at - ANSWERED_WITHIN
            if reminder.kind == CHECKIN:
                hit = any(at >= since for at in entry_times)
            else:
                hit = any(d.medication_id == reminder.medication_id and d.at >= since for d in doses)
            if hit:
                answered.append(reminder)
        if answered:
            keys = {r.key for r in answered}
            self._save_state(replace(state, open=tuple(r for r in state.open if r.key not in keys)))
        return answered

    def _entry_times(self, first: date, last: date) -> list[datetime]:
        with self._db.read() as conn:
            ids = diary_repo.query_ids(conn, EntryFilter(date_from=first, date_to=last))
            return [entry.at for entry in diary_repo.get_entries(conn, ids)]

    # --- the tray notice ------------------------------------------------------------------------

    @property
    def tray_notice_shown(self) -> bool:
        """True once the patient has been told that closing the window keeps the app in the tray."""
        with self._db.read() as conn:
            return settings_repo.get(conn, NOTICE_KEY, "0") == "1"

    def mark_tray_notice_shown(self) -> None:
        with self._db.write(counts_as_change=False) as conn:
            settings_repo.put(conn, NOTICE_KEY, "1")

    # --- storage --------------------------------------------------------------------------------

    def _load_state(self) -> ReminderState:
        if self._state is None:
            with self._db.read() as conn:
                raw = settings_repo.get(conn, STATE_KEY)
            self._state = _state_from_json(raw)
        return self._state

    def _save_state(self, state: ReminderState) -> None:
        # Not counted as a change of the data: a reminder being shown must not cause a backup on its own.
        with self._db.write(counts_as_change=False) as conn:
            settings_repo.put(conn, STATE_KEY, _state_to_json(state))
        self._state = state


# --- JSON -------------------------------------------------------------------------------------


def _hhmm(times: tuple[time, ...]) -> list[str]:
    return [f"{t:%H:%M}" for t in times]


def _settings_to_json(s: ReminderSettings) -> str:
    return json.dumps(
        {
            "enabled": s.enabled,
            "checkin_times": _hhmm(s.checkin_times),
            "dose_times": {str(k): _hhmm(v) for k, v in sorted(s.dose_times.items())},
            "keep_in_tray": s.keep_in_tray,
        }
    )


def _settings_from_json(raw: str | None) -> ReminderSettings:
    """The saved choices; anything unreadable falls back to the defaults (reminders off)."""
    if not raw:
        return ReminderSettings()
    try:
        data = json.loads(raw)
        return ReminderSettings(
            enabled=bool(data.get("enabled", False)),
            checkin_times=rules.clean_times(data.get("checkin_times", [])),
            dose_times={int(k): rules.clean_times(v) for k, v in data.get("dose_times", {}).items()},
            keep_in_tray=bool(data.get("keep_in_tray", True)),
        )
    except (ValueError, TypeError, AttributeError, ValidationError):
        return ReminderSettings()


def _reminder_to_dict(r: Reminder) -> dict[str, object]:
    return {
        "kind": r.kind,
        "day": r.day.isoformat(),
        "slot": f"{r.slot:%H:%M}",
        "due_at": r.due_at.isoformat(),
        "medication_id": r.medication_id,
        "name": r.name,
        "status": r.status,
        "snoozed_until": r.snoozed_until.isoformat() if r.snoozed_until else None,
    }


def _reminder_from_dict(d: dict[str, Any]) -> Reminder:
    snoozed = d.get("snoozed_until")
    return Reminder(
        kind=CHECKIN if d["kind"] == CHECKIN else DOSE,
        day=date.fromisoformat(d["day"]),
        slot=time.fromisoformat(d["slot"]),
        due_at=datetime.fromisoformat(d["due_at"]),
        medication_id=d.get("medication_id"),
        name=str(d.get("name", "")),
        status=str(d.get("status", rules.DUE)),
        snoozed_until=datetime.fromisoformat(snoozed) if snoozed else None,
    )


def _state_to_json(state: ReminderState) -> str:
    seen = state.seen_until.isoformat() if state.seen_until else None
    return json.dumps({"seen_until": seen, "open": [_reminder_to_dict(r) for r in state.open]})


def _state_from_json(raw: str | None) -> ReminderState:
    """The saved state; an unreadable one starts afresh (nothing is reported missed from before)."""
    if not raw:
        return ReminderState()
    try:
        data = json.loads(raw)
        seen = data.get("seen_until")
        return ReminderState(
            seen_until=datetime.fromisoformat(seen) if seen else None,
            open=tuple(_reminder_from_dict(d) for d in data.get("open", [])),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return ReminderState()
