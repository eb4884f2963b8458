"""The "how is your pain now?" follow-up after a dose: the patient's delay and what is open (settings table).

The rules (due, snoozed, missed while asleep) are in domain/follow_up.py; this service reads the doses rated
"before" in the last hours, keeps which follow-ups were skipped or snoozed, and saves the answer through
DoseEffectService. Missed follow-ups are never asked late.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from ..domain import follow_up as rules
from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.dose_effect import DoseRating
from ..domain.follow_up import FollowUp
from ..domain.medications import Dose
from ..errors import NotFound, ValidationError
from ..storage import settings_repo
from ..storage.database import Database
from .dose_effect import DoseEffectService
from .events import Signal
from .medications import MedicationService

DELAY_KEY = "dose_follow_up_minutes"
STATE_KEY = "dose_follow_up_state"
OFF = "off"
#: Doses older than this are never looked at (the longest delay, a snooze and the missed margin fit in it).
LOOK_BACK = timedelta(minutes=rules.MAX_DELAY + max(rules.SNOOZE_MINUTES)) + 2 * rules.MISSED_AFTER + timedelta(hours=1)


class FollowUpService:
    """The follow-up delay (30–180 minutes or off) and the follow-ups open now."""

    def __init__(
        self, db: Database, clock: Clock, changed: Signal, meds: MedicationService, effects: DoseEffectService
    ) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self._meds = meds
        self._effects = effects

    # --- the patient's choice ---------------------------------------------------------------------

    def delay(self) -> int | None:
        """Minutes after a dose to ask (default 60), or None when switched off."""
        with self._db.read() as conn:
            raw = settings_repo.get(conn, DELAY_KEY)
        if raw is None:
            return rules.DEFAULT_DELAY
        try:
            return rules.check_delay(raw)
        except ValidationError:
            return rules.DEFAULT_DELAY

    def set_delay(self, value: object) -> int | None:
        """Check and save the delay (30–180 minutes, or None/"off"); one plain error changes nothing."""
        checked = rules.check_delay(value)
        with self._db.write() as conn:
            settings_repo.put(conn, DELAY_KEY, OFF if checked is None else str(checked))
        self._changed.emit(Changes(settings=True))
        return checked

    # --- what is open -----------------------------------------------------------------------------

    def _state(self) -> dict[str, dict[str, str]]:
        with self._db.read() as conn:
            raw = settings_repo.get(conn, STATE_KEY)
        try:
            data = json.loads(raw) if raw else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _save_state(self, state: dict[str, dict[str, str]], now: datetime) -> None:
        recent = {d.id for d in self._recent_doses(now)}
        kept = {key: value for key, value in state.items() if key.isdigit() and int(key) in recent}
        # Not a change of the data: a prompt being skipped must not cause a backup on its own.
        with self._db.write(counts_as_change=False) as conn:
            settings_repo.put(conn, STATE_KEY, json.dumps(kept, sort_keys=True))

    def _recent_doses(self, now: datetime) -> list[Dose]:
        start = (now - LOOK_BACK).date()
        return [d for d in self._meds.doses(start, now.date()) if now - LOOK_BACK <= d.at <= now]

    def open_items(self, now: datetime | None = None) -> list[FollowUp]:
        """Every follow-up of the recent doses rated "before" (answered, skipped or snoozed ones marked)."""
        moment = now or self._clock.now()
        delay = self.delay()
        if delay is None:
            return []
        doses = self._recent_doses(moment)
        ratings = self._effects.ratings([d.id for d in doses])
        state = self._state()
        rows = []
        for dose in doses:
            rating = ratings.get(dose.id, DoseRating(dose.id))
            mark = state.get(str(dose.id), {})
            rows.append(
                (dose.id, dose.medication_name, dose.at, rating.pain_before is not None,
                 rating.pain_after is not None or bool(mark.get("skipped")))
            )  # fmt: skip
        items = rules.follow_ups(rows, delay)
        out = []
        for item in items:
            snoozed = state.get(str(item.dose_id), {}).get("snoozed_until")
            if snoozed and not item.answered:
                try:
                    until = datetime.fromisoformat(snoozed)
                except ValueError:
                    until = None
                item = FollowUp(item.dose_id, item.name, item.dose_at, item.due_at, until)
            out.append(item)
        return out

    def due(self, now: datetime | None = None) -> list[FollowUp]:
        """The follow-ups to ask about now, oldest first (missed and snoozed ones are not asked)."""
        moment = now or self._clock.now()
        return rules.to_ask(self.open_items(moment), moment)

    def _find(self, dose_id: int, now: datetime) -> FollowUp:
        for item in self.open_items(now):
            if item.dose_id == dose_id:
                return item
        raise NotFound(f"There is no open follow-up for dose {dose_id}.")

    def snooze(self, dose_id: int, minutes: int) -> FollowUp:
        """Ask again `minutes` later (10, 15 or 30)."""
        now = self._clock.now()
        later = self._find(dose_id, now).snooze(minutes, now)
        state = self._state()
        state[str(dose_id)] = {"snoozed_until": later.snoozed_until.isoformat()}  # type: ignore[union-attr]
        self._save_state(state, now)
        return later

    def skip(self, dose_id: int) -> None:
        """Do not ask about this dose again."""
        now = self._clock.now()
        state = self._state()
        state[str(dose_id)] = {"skipped": "1"}
        self._save_state(state, now)

    def answer(self, dose_id: int, pain: object) -> DoseRating:
        """Save "pain now" as the dose's pain after (checked; nothing saved on bad input)."""
        _, rating = self._effects.after(dose_id, pain)
        return rating
