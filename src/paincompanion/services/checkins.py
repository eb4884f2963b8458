"""Check-ins beyond PEG (domain/checkins.py): recording, history, what is due, and reversible operations.

Every check-in is optional: nothing is required and a skipped one is simply not stored. Changes are
announced as `peg` changes (the same views show them).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..domain import checkins as ck
from ..domain.changes import Changes
from ..domain.checkins import Checkin, Kind
from ..domain.clock import Clock
from ..errors import NotFound, ValidationError
from ..storage import goals_repo
from ..storage.database import Database
from .events import Signal

CHECKIN_CHANGES = Changes(peg=True)


class CheckinService:
    """`companion.checkins`: PHQ-2, GAD-2, side effects, global impression of change, naloxone at home."""

    def __init__(self, db: Database, clock: Clock, changed: Signal) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed

    def _save(self, checkin: Checkin) -> Checkin:
        if checkin.at > self._clock.now():
            raise ValidationError("A check-in cannot be in the future.")
        with self._db.write() as conn:
            new_id = goals_repo.insert_checkin(conn, checkin)
        self._changed.emit(CHECKIN_CHANGES)
        return replace(checkin, id=new_id)

    def _at(self, at: datetime | None) -> datetime:
        return at or self._clock.now()

    def screen(self, kind: Kind | str, first: object, second: object, at: datetime | None = None) -> Checkin:
        """PHQ-2 or GAD-2: two answers 0-3."""
        return self._save(ck.make_screen(kind, self._at(at), first, second))

    def side_effects(self, effects: object, at: datetime | None = None) -> Checkin:
        return self._save(ck.make_side_effects(self._at(at), effects))

    def change(self, value: object, at: datetime | None = None) -> Checkin:
        return self._save(ck.make_change(self._at(at), value))

    def naloxone(self, value: object, at: datetime | None = None) -> Checkin:
        return self._save(ck.make_naloxone(self._at(at), value))

    def restore(self, checkin: Checkin) -> Checkin:
        """Put back a check-in (redo, import)."""
        return self._save(checkin)

    def delete(self, checkin_id: int) -> None:
        with self._db.write() as conn:
            if not goals_repo.delete_checkin(conn, checkin_id):
                raise NotFound(f"There is no check-in with id {checkin_id}.")
        self._changed.emit(CHECKIN_CHANGES)

    def history(self, kind: Kind | str | None = None) -> list[Checkin]:
        """Oldest first."""
        with self._db.read() as conn:
            return goals_repo.list_checkins(conn, Kind(kind) if kind is not None else None)

    def latest(self, kind: Kind | str) -> Checkin | None:
        found = self.history(kind)
        return found[-1] if found else None

    def naloxone_at_home(self) -> bool | None:
        """The latest answer (None when never asked)."""
        last = self.latest(Kind.NALOXONE)
        return None if last is None else bool(last.value)

    def due(self) -> list[Kind]:
        """The check-ins due now: PHQ-2 and GAD-2 every two weeks, side effects weekly."""
        now = self._clock.now()
        out = []
        for kind in (Kind.PHQ2, Kind.GAD2, Kind.SIDE_EFFECTS):
            last = self.latest(kind)
            if ck.due(kind, last.at if last else None, now):
                out.append(kind)
        return out


@dataclass
class RecordCheckinOp:
    """Record an already validated check-in (build it with domain/checkins.make_*); undo deletes it."""

    checkins: CheckinService
    checkin: Checkin
    label: str = "Check-in"
    saved: Checkin | None = None

    def apply(self) -> None:
        self.saved = self.checkins.restore(replace(self.checkin, id=self.saved.id if self.saved else 0))

    def revert(self) -> None:
        assert self.saved is not None
        self.checkins.delete(self.saved.id)
