"""Diary use cases: add, edit, delete (and put back), list, filter, suggest tags, PEG check-ins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.diary import DiaryEntry, EntryDraft, EntryFilter, validate_draft
from ..domain.peg import PegCheckin, make_peg, peg_due
from ..errors import NotFound, ValidationError
from ..storage import diary_repo
from ..storage.database import Database
from .events import Signal

ENTRY_CHANGES = Changes(entries=True)
PEG_CHANGES = Changes(peg=True)


class DiaryService:
    """Everything the Today and Diary pages and the CLI do with entries."""

    def __init__(self, db: Database, clock: Clock, changed: Signal) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed

    def _now_utc(self) -> int:
        return int(self._clock.now().timestamp())

    # --- writing ------------------------------------------------------------------------------

    def add(self, draft: EntryDraft) -> DiaryEntry:
        """Validate and save a new entry; returns it as stored."""
        clean = validate_draft(draft, self._clock.now())
        with self._db.write() as conn:
            entry_id = diary_repo.insert_entry(conn, clean, self._now_utc())
            entry = diary_repo.get_entries(conn, [entry_id])[0]
        self._changed.emit(ENTRY_CHANGES)
        return entry

    def update(self, entry_id: int, draft: EntryDraft) -> DiaryEntry:
        """Replace an entry's content; returns the new version."""
        clean = validate_draft(draft, self._clock.now())
        with self._db.write() as conn:
            if not diary_repo.update_entry(conn, entry_id, clean, self._now_utc()):
                raise NotFound(f"There is no entry with id {entry_id}.")
            entry = diary_repo.get_entries(conn, [entry_id])[0]
        self._changed.emit(ENTRY_CHANGES)
        return entry

    def delete(self, entry_id: int) -> DiaryEntry:
        """Delete an entry; returns what was deleted so it can be put back (undo)."""
        with self._db.write() as conn:
            found = diary_repo.get_entries(conn, [entry_id])
            if not found:
                raise NotFound(f"There is no entry with id {entry_id}.")
            diary_repo.delete_entry(conn, entry_id)
        self._changed.emit(ENTRY_CHANGES)
        return found[0]

    def restore(self, entry: DiaryEntry) -> DiaryEntry:
        """Put a deleted entry back under its old id (the inverse of `delete`)."""
        with self._db.write() as conn:
            diary_repo.insert_entry(conn, entry.as_draft(), self._now_utc(), entry_id=entry.id)
            restored = diary_repo.get_entries(conn, [entry.id])[0]
        self._changed.emit(ENTRY_CHANGES)
        return restored

    def delete_many(self, entry_ids: Sequence[int]) -> list[DiaryEntry]:
        """Delete several entries in one transaction; returns them (in the order given) for `restore_many`."""
        with self._db.write() as conn:
            found = diary_repo.get_entries(conn, list(entry_ids))
            if len(found) != len(set(entry_ids)):
                missing = sorted(set(entry_ids) - {e.id for e in found})
                raise NotFound(f"There is no entry with id {missing[0]}.")
            for entry in found:
                diary_repo.delete_entry(conn, entry.id)
        self._changed.emit(ENTRY_CHANGES)
        return found

    def restore_many(self, deleted: Sequence[DiaryEntry]) -> None:
        """Put several deleted entries back under their old ids, in one transaction."""
        now_utc = self._now_utc()
        with self._db.write() as conn:
            for entry in deleted:
                diary_repo.insert_entry(conn, entry.as_draft(), now_utc, entry_id=entry.id)
        self._changed.emit(ENTRY_CHANGES)

    def add_many(self, drafts: Sequence[EntryDraft]) -> list[int]:
        """Validate all drafts, then save them in one transaction (all or nothing)."""
        now = self._clock.now()
        clean = [validate_draft(d, now) for d in drafts]
        with self._db.write() as conn:
            ids = diary_repo.bulk_insert(conn, clean, self._now_utc())
        self._changed.emit(ENTRY_CHANGES)
        return ids

    def add_batch(self, drafts: Sequence[EntryDraft], pegs: Sequence[PegCheckin] = ()) -> list[int]:
        """Save already-validated drafts and PEG check-ins in one transaction (import, demo)."""
        with self._db.write() as conn:
            ids = diary_repo.bulk_insert(conn, drafts, self._now_utc())
            diary_repo.bulk_insert_peg(conn, pegs)
        self._changed.emit(Changes(entries=bool(drafts), peg=bool(pegs)))
        return ids

    # --- reading ------------------------------------------------------------------------------

    def get(self, entry_id: int) -> DiaryEntry:
        with self._db.read() as conn:
            found = diary_repo.get_entries(conn, [entry_id])
        if not found:
            raise NotFound(f"There is no entry with id {entry_id}.")
        return found[0]

    def get_many(self, ids: Sequence[int]) -> list[DiaryEntry]:
        with self._db.read() as conn:
            return diary_repo.get_entries(conn, ids)

    def ids(self, flt: EntryFilter | None = None, *, newest_first: bool = True) -> list[int]:
        """Matching ids only: cheap even for decades, so views can load rows lazily."""
        flt = flt.validated() if flt else None
        with self._db.read() as conn:
            return diary_repo.query_ids(conn, flt, newest_first=newest_first)

    def list_entries(self, flt: EntryFilter | None = None, *, newest_first: bool = True) -> list[DiaryEntry]:
        ids = self.ids(flt, newest_first=newest_first)
        return self.get_many(ids)

    def import_keys(self) -> list[tuple[int, int, int, str]]:
        """(at_utc, utc_offset, pain, note) of every entry, read in one light query (duplicate checks of imports)."""
        with self._db.read() as conn:
            return diary_repo.import_keys(conn)

    def on_day(self, day: date) -> list[DiaryEntry]:
        """Entries of one diary day, oldest first."""
        return self.list_entries(EntryFilter(date_from=day, date_to=day), newest_first=False)

    def today(self) -> list[DiaryEntry]:
        return self.on_day(self._clock.now().date())

    def count(self) -> int:
        with self._db.read() as conn:
            return diary_repo.count(conn)

    def suggestions(self, kind: str) -> list[str]:
        """Past tags of a kind ('trigger' or 'helped'), most used first."""
        if kind not in ("trigger", "helped"):
            raise ValidationError(f"Unknown tag kind {kind!r}.")
        with self._db.read() as conn:
            return [tag for tag, _ in diary_repo.tag_counts(conn, kind)]

    def all_tags(self) -> list[str]:
        with self._db.read() as conn:
            tags = {t for kind in ("trigger", "helped") for t, _ in diary_repo.tag_counts(conn, kind)}
        return sorted(tags)

    # --- PEG ----------------------------------------------------------------------------------

    def add_peg(self, pain: object, enjoyment: object, activity: object, at: datetime | None = None) -> PegCheckin:
        now = self._clock.now()
        peg = make_peg(at or now, pain, enjoyment, activity)
        if peg.at > now:
            raise ValidationError("A PEG check-in cannot be in the future.")
        with self._db.write() as conn:
            peg_id = diary_repo.insert_peg(conn, peg)
        self._changed.emit(PEG_CHANGES)
        return PegCheckin(peg.at, peg.pain, peg.enjoyment, peg.activity, id=peg_id)

    def delete_peg(self, peg_id: int) -> None:
        with self._db.write() as conn:
            if not diary_repo.delete_peg(conn, peg_id):
                raise NotFound(f"There is no PEG check-in with id {peg_id}.")
        self._changed.emit(PEG_CHANGES)

    def restore_peg(self, peg: PegCheckin) -> None:
        with self._db.write() as conn:
            diary_repo.insert_peg(conn, peg, peg_id=peg.id)
        self._changed.emit(PEG_CHANGES)

    def peg_history(self, limit: int | None = None) -> list[PegCheckin]:
        with self._db.read() as conn:
            return diary_repo.list_peg(conn, limit)

    def peg_due(self) -> bool:
        """True when a week has passed since the last check-in (or there was none)."""
        latest = self.peg_history(limit=1)
        return peg_due(latest[0].at if latest else None, self._clock.now())
