"""Routine use cases: the library with the user's own routines, the session log, worksheets, favourites, what helps.

Sessions keep the routine's title and kind as they were when logged, so the log still reads well after a user
routine is renamed or deleted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..domain import bounds
from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.routine_log import LoggedSession, RoutineEffect, WorksheetRecord
from ..domain.routines import ID_PATTERN, Routine, routine_from_dict, routine_to_dict, validate_routine
from ..errors import NotFound, ValidationError
from ..routines.library import Library, load_library
from ..storage import routines_repo
from ..storage.database import Database
from .events import Signal

ROUTINE_CHANGES = Changes(routines=True)
USER_PREFIX = "user-"
MAX_NOTE = 2000
#: A session may start this far ahead of "now" (clock drift), as for diary entries and doses.
FUTURE_TOLERANCE = timedelta(minutes=5)


def _rating(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise ValidationError(f"The pain {name} must be a whole number from 0 to 10.")
    return value


def check_session(s: LoggedSession, now: datetime | None = None) -> LoggedSession:
    """Raise ValidationError with a plain message unless the session keeps the rules.

    With `now`, a start later than now (beyond a few minutes of clock drift) is refused, as for diary entries
    and doses.
    """
    _rating(s.before, "rating before")
    _rating(s.after, "rating after")
    if not isinstance(s.started, datetime):
        raise ValidationError("The start time must be a date and time.")
    bounds.check_moment(s.started, "The start time")
    if s.started.tzinfo is None or s.started.utcoffset() is None:
        raise ValidationError("The start time needs a time zone.")
    if now is not None:
        bounds.not_in_future(s.started, now, "The routine's start time", tolerance=FUTURE_TOLERANCE)
    if not (0 <= s.completed_steps <= s.total_steps):
        raise ValidationError("Steps done must be between 0 and the number of steps.")
    if s.minutes < 0:
        raise ValidationError("Minutes cannot be negative.")
    if len(s.note) > MAX_NOTE:
        raise ValidationError(f"The note is too long (at most {MAX_NOTE} characters).")
    bounds.check_text(s.note, "The note", limit=MAX_NOTE, multiline=True)
    return s


def user_id_for(text: str) -> str:
    """A user routine id: 'user-' + the given id (unless it already has the prefix)."""
    return text if text.startswith(USER_PREFIX) else USER_PREFIX + text


class RoutineService:
    """What the Routines pages, the player, Insights and the CLI do with routines."""

    def __init__(
        self, db: Database, clock: Clock, changed: Signal, library_loader: Callable[[], Library] = load_library
    ) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self._load_library = library_loader

    # --- the library ----------------------------------------------------------------------------

    def bundled(self) -> Library:
        return self._load_library()

    def user_routines(self) -> list[Routine]:
        with self._db.read() as conn:
            data = routines_repo.get_user_routines(conn)
        blocks = self.bundled().blocks  # a copied routine shows today's triage and crisis advice
        return [routine_from_dict(d, origin="user", blocks=blocks) for d in data]

    def library(self) -> Library:
        """Bundled routines plus the user's own (origin="user")."""
        bundled = self.bundled()
        mine = [r for r in self.user_routines() if r.id not in bundled]
        return Library(
            [*bundled.list_routines(), *mine], version=bundled.version, sources=bundled.sources, blocks=bundled.blocks
        )

    def save_user_routine(self, routine: Routine) -> Routine:
        """Validate and save a user routine under a "user-" id (never a bundled id); returns what was saved."""
        new_id = user_id_for(routine.id)
        if not ID_PATTERN.match(new_id) or new_id in self.bundled():
            raise ValidationError(f"The routine id {routine.id!r} cannot be used for your own routine.")
        saved = validate_routine(replace(routine, id=new_id, origin="user"))
        with self._db.write() as conn:
            routines_repo.put_user_routine(conn, saved.id, routine_to_dict(saved), int(self._clock.now().timestamp()))
        self._changed.emit(ROUTINE_CHANGES)
        return saved

    def delete_user_routine(self, routine_id: str) -> Routine:
        """Delete one of the user's own routines (its logged sessions stay); returns it for undo."""
        found = [r for r in self.user_routines() if r.id == routine_id]
        if not found:
            raise NotFound(f"There is no routine of your own with the id '{routine_id}'.")
        with self._db.write() as conn:
            routines_repo.delete_user_routine(conn, routine_id)
            routines_repo.set_favourite(conn, routine_id, False)
        self._changed.emit(ROUTINE_CHANGES)
        return found[0]

    # --- favourites -----------------------------------------------------------------------------

    def favourites(self) -> set[str]:
        with self._db.read() as conn:
            return routines_repo.get_favourites(conn)

    def set_favourite(self, routine_id: str, on: bool) -> None:
        if on:
            self.library().get(routine_id)  # NotFound for an unknown id
        with self._db.write() as conn:
            changed = routines_repo.set_favourite(conn, routine_id, on)
        if changed:
            self._changed.emit(ROUTINE_CHANGES)

    # --- sessions -------------------------------------------------------------------------------

    def log_session(
        self,
        routine_id: str,
        started: datetime,
        *,
        before: int | None,
        after: int | None,
        note: str = "",
        completed_steps: int,
        total_steps: int,
        minutes: int | None = None,
    ) -> LoggedSession:
        """Log a finished (or partly finished) routine. Raises NotFound / ValidationError, saving nothing."""
        routine = self.library().get(routine_id)
        if minutes is None:
            minutes = (
                routine.minutes
                if completed_steps >= total_steps or not total_steps
                else round(routine.minutes * completed_steps / total_steps)
            )
        session = check_session(
            LoggedSession(
                0, routine.id, routine.title, routine.kind.value, started, minutes, before, after, note.strip(),
                completed_steps, total_steps,
            ),
            self._clock.now(),
        )  # fmt: skip
        with self._db.write() as conn:
            new_id = routines_repo.insert_session(conn, session)
        self._changed.emit(ROUTINE_CHANGES)
        return replace(session, id=new_id)

    def sessions(self, date_from: date | None = None, date_to: date | None = None) -> list[LoggedSession]:
        """Logged sessions, newest first, optionally within local days [date_from, date_to]."""
        with self._db.read() as conn:
            return routines_repo.list_sessions(conn, date_from, date_to)

    def sessions_on_day(self, day: date) -> list[LoggedSession]:
        return self.sessions(day, day)

    def get_session(self, session_id: int) -> LoggedSession:
        with self._db.read() as conn:
            found = routines_repo.get_session(conn, session_id)
        if found is None:
            raise NotFound(f"There is no logged routine with id {session_id}.")
        return found

    def delete_session(self, session_id: int) -> LoggedSession:
        with self._db.write() as conn:
            found = routines_repo.get_session(conn, session_id)
            if found is None:
                raise NotFound(f"There is no logged routine with id {session_id}.")
            routines_repo.delete_session(conn, session_id)
        self._changed.emit(ROUTINE_CHANGES)
        return found

    def restore_session(self, session: LoggedSession) -> LoggedSession:
        """Put back a deleted session under its old id (undo)."""
        check_session(session)
        with self._db.write() as conn:
            new_id = routines_repo.insert_session(conn, session)
        self._changed.emit(ROUTINE_CHANGES)
        return replace(session, id=new_id)

    def add_sessions(self, sessions: Iterable[LoggedSession]) -> int:
        """Bulk insert (demo, import) in one transaction; ids are assigned anew."""
        now = self._clock.now()
        checked = [check_session(s, now) for s in sessions]
        with self._db.write() as conn:
            count = routines_repo.bulk_insert_sessions(conn, checked)
        if count:
            self._changed.emit(ROUTINE_CHANGES)
        return count

    def what_helps(self, min_sessions: int = 3) -> list[RoutineEffect]:
        """Per routine, the mean (after − before) over sessions with both ratings; most helpful first."""
        changes: dict[str, list[int]] = defaultdict(list)
        titles: dict[str, str] = {}
        for s in reversed(self.sessions()):  # oldest first, so the newest title wins
            if s.change is not None:
                changes[s.routine_id].append(s.change)
                titles[s.routine_id] = s.title
        effects = [
            RoutineEffect(rid, titles[rid], len(values), sum(values) / len(values))
            for rid, values in changes.items()
            if len(values) >= min_sessions
        ]
        return sorted(effects, key=lambda e: (e.mean_change, -e.n, e.title.casefold()))

    # --- worksheets -----------------------------------------------------------------------------

    def save_worksheet(
        self, routine_id: str, answers: dict[str, str], at: datetime | None = None, worksheet_id: int | None = None
    ) -> WorksheetRecord:
        """Save new answers, or replace those of `worksheet_id`; keys must be the routine's worksheet fields."""
        routine = self.library().get(routine_id)
        known = {f.id for f in routine.worksheet}
        if not known:
            raise ValidationError(f"'{routine.title}' has no worksheet.")
        unknown = sorted(set(answers) - known)
        if unknown:
            raise ValidationError(f"'{routine.title}' has no field named {unknown[0]!r}.")
        if worksheet_id is not None:
            old = self.get_worksheet(worksheet_id)
            at = at or old.at
        record = WorksheetRecord(
            worksheet_id or 0,
            routine.id,
            routine.title,
            at or self._clock.now(),
            {k: str(v) for k, v in answers.items()},
        )
        with self._db.write() as conn:
            new_id = routines_repo.save_worksheet(conn, record)
        self._changed.emit(ROUTINE_CHANGES)
        return replace(record, id=new_id)

    def restore_worksheet(self, record: WorksheetRecord) -> WorksheetRecord:
        """Put back a deleted worksheet (or earlier answers) under its id (undo)."""
        with self._db.write() as conn:
            new_id = routines_repo.save_worksheet(conn, record)
        self._changed.emit(ROUTINE_CHANGES)
        return replace(record, id=new_id)

    def get_worksheet(self, worksheet_id: int) -> WorksheetRecord:
        with self._db.read() as conn:
            found = routines_repo.get_worksheet(conn, worksheet_id)
        if found is None:
            raise NotFound(f"There is no worksheet with id {worksheet_id}.")
        return found

    def worksheets(self, routine_id: str | None = None) -> list[WorksheetRecord]:
        """Saved worksheets, newest first."""
        with self._db.read() as conn:
            return routines_repo.list_worksheets(conn, routine_id)

    def delete_worksheet(self, worksheet_id: int) -> WorksheetRecord:
        with self._db.write() as conn:
            found = routines_repo.get_worksheet(conn, worksheet_id)
            if found is None:
                raise NotFound(f"There is no worksheet with id {worksheet_id}.")
            routines_repo.delete_worksheet(conn, worksheet_id)
        self._changed.emit(ROUTINE_CHANGES)
        return found
