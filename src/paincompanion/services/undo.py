"""Reversible operations: each user action knows its inverse. The GUI wraps these in QUndoCommands."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ..domain.diary import DiaryEntry, EntryDraft

if TYPE_CHECKING:
    from .diary import DiaryService


class ReversibleOp(Protocol):
    label: str

    def apply(self) -> None: ...

    def revert(self) -> None: ...


@dataclass
class AddEntryOp:
    diary: DiaryService
    draft: EntryDraft
    label: str = "Add entry"
    entry: DiaryEntry | None = None

    def apply(self) -> None:
        # The first time creates the entry; a redo puts back the very same entry (same id).
        self.entry = self.diary.restore(self.entry) if self.entry else self.diary.add(self.draft)

    def revert(self) -> None:
        assert self.entry is not None
        self.diary.delete(self.entry.id)


@dataclass
class EditEntryOp:
    diary: DiaryService
    entry_id: int
    new: EntryDraft
    label: str = "Edit entry"
    old: EntryDraft | None = None

    def apply(self) -> None:
        if self.old is None:
            self.old = self.diary.get(self.entry_id).as_draft()
        self.diary.update(self.entry_id, self.new)

    def revert(self) -> None:
        assert self.old is not None
        self.diary.update(self.entry_id, self.old)


@dataclass
class DeleteEntriesOp:
    diary: DiaryService
    entry_ids: list[int]
    label: str = ""
    deleted: list[DiaryEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        n = len(self.entry_ids)
        self.label = self.label or ("Delete entry" if n == 1 else f"Delete {n} entries")

    def apply(self) -> None:
        self.deleted = self.diary.delete_many(self.entry_ids)

    def revert(self) -> None:
        self.diary.restore_many(self.deleted)


class UndoHistory:
    """A plain undo/redo stack over ReversibleOps (for scripting and tests; the GUI uses QUndoStack)."""

    def __init__(self) -> None:
        self._done: list[ReversibleOp] = []
        self._undone: list[ReversibleOp] = []

    def run(self, op: ReversibleOp) -> None:
        op.apply()
        self._done.append(op)
        self._undone.clear()

    def undo(self) -> str | None:
        if not self._done:
            return None
        op = self._done.pop()
        op.revert()
        self._undone.append(op)
        return op.label

    def redo(self) -> str | None:
        if not self._undone:
            return None
        op = self._undone.pop()
        op.apply()
        self._done.append(op)
        return op.label

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)
