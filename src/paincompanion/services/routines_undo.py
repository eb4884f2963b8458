"""Reversible routine operations (same protocol as services/undo.py): log/delete a session, save/delete a worksheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.routine_log import LoggedSession, WorksheetRecord
from ..domain.routines import Routine

if TYPE_CHECKING:
    from .routines import RoutineService


@dataclass
class LogSessionOp:
    routines: RoutineService
    routine_id: str
    started: datetime
    before: int | None
    after: int | None
    completed_steps: int
    total_steps: int
    note: str = ""
    label: str = "Log routine"
    session: LoggedSession | None = None

    def apply(self) -> None:
        # The first time logs it; a redo puts back the very same session (same id).
        if self.session is not None:
            self.session = self.routines.restore_session(self.session)
        else:
            self.session = self.routines.log_session(
                self.routine_id, self.started, before=self.before, after=self.after, note=self.note,
                completed_steps=self.completed_steps, total_steps=self.total_steps,
            )  # fmt: skip

    def revert(self) -> None:
        assert self.session is not None
        self.routines.delete_session(self.session.id)


@dataclass
class DeleteSessionOp:
    routines: RoutineService
    session_id: int
    label: str = "Delete logged routine"
    session: LoggedSession | None = None

    def apply(self) -> None:
        self.session = self.routines.delete_session(self.session_id)

    def revert(self) -> None:
        assert self.session is not None
        self.routines.restore_session(self.session)


@dataclass
class SaveWorksheetOp:
    """Save new answers (worksheet_id None) or change a saved worksheet's answers."""

    routines: RoutineService
    routine_id: str
    answers: dict[str, str]
    worksheet_id: int | None = None
    label: str = "Save worksheet"
    old: WorksheetRecord | None = None
    saved: WorksheetRecord | None = None

    def apply(self) -> None:
        if self.saved is not None:  # redo: the very same record
            self.saved = self.routines.restore_worksheet(self.saved)
            return
        if self.worksheet_id is not None:
            self.old = self.routines.get_worksheet(self.worksheet_id)
        self.saved = self.routines.save_worksheet(self.routine_id, self.answers, worksheet_id=self.worksheet_id)

    def revert(self) -> None:
        assert self.saved is not None
        if self.old is not None:
            self.routines.restore_worksheet(self.old)
        else:
            self.routines.delete_worksheet(self.saved.id)


@dataclass
class DeleteWorksheetOp:
    routines: RoutineService
    worksheet_id: int
    label: str = "Delete worksheet"
    record: WorksheetRecord | None = None

    def apply(self) -> None:
        self.record = self.routines.delete_worksheet(self.worksheet_id)

    def revert(self) -> None:
        assert self.record is not None
        self.routines.restore_worksheet(self.record)


# --- the user's own routines and favourites (appended for the Routines page) ----------------------------------


@dataclass
class SaveUserRoutineOp:
    """Save a new user routine, or replace one of the user's own (same id); undo removes it or puts the old back."""

    routines: RoutineService
    routine: Routine
    label: str = "Save routine"
    old: Routine | None = None
    saved: Routine | None = None

    def apply(self) -> None:
        from .routines import user_id_for  # the service module is loaded by the caller anyway

        if self.saved is None:  # first time: remember what this replaces (an edit) or that it is new
            wanted = user_id_for(self.routine.id)
            self.old = next((r for r in self.routines.user_routines() if r.id == wanted), None)
        self.saved = self.routines.save_user_routine(self.saved or self.routine)

    def revert(self) -> None:
        assert self.saved is not None
        if self.old is not None:
            self.routines.save_user_routine(self.old)
        else:
            self.routines.delete_user_routine(self.saved.id)


@dataclass
class DeleteUserRoutineOp:
    """Delete one of the user's own routines (its logged sessions stay); undo puts it back, favourite included."""

    routines: RoutineService
    routine_id: str
    label: str = "Delete routine"
    routine: Routine | None = None
    was_favourite: bool = False

    def apply(self) -> None:
        self.was_favourite = self.routine_id in self.routines.favourites()
        self.routine = self.routines.delete_user_routine(self.routine_id)

    def revert(self) -> None:
        assert self.routine is not None
        self.routines.save_user_routine(self.routine)
        if self.was_favourite:
            self.routines.set_favourite(self.routine.id, True)


@dataclass
class SetFavouriteOp:
    routines: RoutineService
    routine_id: str
    on: bool
    label: str = "Mark as favourite"
    was: bool | None = None

    def apply(self) -> None:
        if self.was is None:
            self.was = self.routine_id in self.routines.favourites()
        self.routines.set_favourite(self.routine_id, self.on)

    def revert(self) -> None:
        self.routines.set_favourite(self.routine_id, bool(self.was))
