"""Mood-only records (a mood, sleep, activities and a note without a pain score): add, delete, put back, list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.mood_record import MoodRecord, MoodRecordDraft, validate_mood_record
from ..errors import NotFound
from ..storage import mood_repo
from ..storage.database import Database
from .events import Signal

#: Mood-only records show in the Diary and Insights, which reload on entry changes.
MOOD_CHANGES = Changes(entries=True)


class MoodService:
    """What the entry editor ("pain not rated"), the Diary, Insights, export and import do with mood records."""

    def __init__(self, db: Database, clock: Clock, changed: Signal) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed

    def _now_utc(self) -> int:
        return int(self._clock.now().timestamp())

    def add(self, draft: MoodRecordDraft) -> MoodRecord:
        """Validate and save one record; returns it as stored."""
        clean = validate_mood_record(draft, self._clock.now())
        with self._db.write() as conn:
            record_id = mood_repo.insert_record(conn, clean, self._now_utc())
            record = mood_repo.get_records(conn, [record_id])[0]
        self._changed.emit(MOOD_CHANGES)
        return record

    def update(self, record_id: int, draft: MoodRecordDraft) -> MoodRecord:
        """Validate and replace a record's content; returns the new version."""
        clean = validate_mood_record(draft, self._clock.now())
        with self._db.write() as conn:
            if not mood_repo.update_record(conn, record_id, clean, self._now_utc()):
                raise NotFound(f"There is no mood record with id {record_id}.")
            record = mood_repo.get_records(conn, [record_id])[0]
        self._changed.emit(MOOD_CHANGES)
        return record

    def add_batch(self, drafts: Sequence[MoodRecordDraft]) -> int:
        """Save already-validated drafts in one transaction (import); returns how many."""
        with self._db.write() as conn:
            added = mood_repo.bulk_insert(conn, drafts, self._now_utc())
        if added:
            self._changed.emit(MOOD_CHANGES)
        return added

    def delete(self, record_id: int) -> MoodRecord:
        """Delete a record; returns it so it can be put back (undo)."""
        with self._db.write() as conn:
            found = mood_repo.get_records(conn, [record_id])
            if not found:
                raise NotFound(f"There is no mood record with id {record_id}.")
            mood_repo.delete_record(conn, record_id)
        self._changed.emit(MOOD_CHANGES)
        return found[0]

    def delete_many(self, record_ids: Sequence[int]) -> list[MoodRecord]:
        """Delete several records in one transaction; returns them for `restore_many`."""
        with self._db.write() as conn:
            found = mood_repo.get_records(conn, list(record_ids))
            if len(found) != len(set(record_ids)):
                missing = sorted(set(record_ids) - {r.id for r in found})
                raise NotFound(f"There is no mood record with id {missing[0]}.")
            for record in found:
                mood_repo.delete_record(conn, record.id)
        self._changed.emit(MOOD_CHANGES)
        return found

    def restore_many(self, deleted: Sequence[MoodRecord]) -> None:
        """Put deleted records back under their old ids, in one transaction."""
        with self._db.write() as conn:
            for record in deleted:
                mood_repo.insert_record(conn, record.as_draft(), self._now_utc(), record_id=record.id)
        self._changed.emit(MOOD_CHANGES)

    def restore(self, record: MoodRecord) -> MoodRecord:
        with self._db.write() as conn:
            mood_repo.insert_record(conn, record.as_draft(), self._now_utc(), record_id=record.id)
            restored = mood_repo.get_records(conn, [record.id])[0]
        self._changed.emit(MOOD_CHANGES)
        return restored

    def get(self, record_id: int) -> MoodRecord:
        with self._db.read() as conn:
            found = mood_repo.get_records(conn, [record_id])
        if not found:
            raise NotFound(f"There is no mood record with id {record_id}.")
        return found[0]

    def list_records(
        self, day_from: date | None = None, day_to: date | None = None, *, newest_first: bool = False
    ) -> list[MoodRecord]:
        with self._db.read() as conn:
            return mood_repo.list_records(conn, day_from, day_to, newest_first=newest_first)

    def count(self) -> int:
        with self._db.read() as conn:
            return mood_repo.count(conn)


@dataclass
class AddMoodRecordOp:
    """Save a record without a pain score (undoable: ReversibleOp of services/undo.py)."""

    moods: MoodService
    draft: MoodRecordDraft
    label: str = "Add a record without a pain score"
    record: MoodRecord | None = None

    def apply(self) -> None:
        # The first time creates the record; a redo puts back the very same record (same id).
        self.record = self.moods.restore(self.record) if self.record else self.moods.add(self.draft)

    def revert(self) -> None:
        assert self.record is not None
        self.moods.delete(self.record.id)


@dataclass
class EditMoodRecordOp:
    """Change a record without a pain score (undoable)."""

    moods: MoodService
    record_id: int
    new: MoodRecordDraft
    label: str = "Edit a record without a pain score"
    old: MoodRecordDraft | None = None

    def apply(self) -> None:
        if self.old is None:
            self.old = self.moods.get(self.record_id).as_draft()
        self.moods.update(self.record_id, self.new)

    def revert(self) -> None:
        assert self.old is not None
        self.moods.update(self.record_id, self.old)


@dataclass
class DeleteMoodRecordsOp:
    """Delete records without a pain score (undoable)."""

    moods: MoodService
    record_ids: list[int]
    label: str = ""
    deleted: list[MoodRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.record_ids)
        self.label = self.label or ("Delete a mood record" if n == 1 else f"Delete {n} mood records")

    def apply(self) -> None:
        self.deleted = self.moods.delete_many(self.record_ids)

    def revert(self) -> None:
        self.moods.restore_many(self.deleted)
