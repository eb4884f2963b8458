from datetime import timedelta

from paincompanion.domain.diary import EntryDraft
from paincompanion.services.undo import AddEntryOp, DeleteEntriesOp, EditEntryOp, UndoHistory


def test_add_edit_delete_undo_redo_round_trip(companion, clock):
    history = UndoHistory()
    diary = companion.diary
    add = AddEntryOp(diary, EntryDraft(at=clock.now(), pain=4, note="first"))
    history.run(add)
    entry_id = add.entry.id
    history.run(EditEntryOp(diary, entry_id, EntryDraft(at=clock.now() - timedelta(hours=1), pain=8, note="edited")))
    history.run(DeleteEntriesOp(diary, [entry_id]))
    assert diary.count() == 0
    assert history.undo() == "Delete entry"
    assert diary.get(entry_id).note == "edited"
    assert history.undo() == "Edit entry"
    assert diary.get(entry_id).pain == 4
    assert history.undo() == "Add entry"
    assert diary.count() == 0 and not history.can_undo
    assert history.redo() == "Add entry"
    assert diary.get(entry_id).note == "first"  # same id back
    history.redo()
    history.redo()
    assert diary.count() == 0 and not history.can_redo


def test_changes_are_signalled(companion, clock):
    seen = []
    companion.changed.connect(seen.append)
    companion.diary.add(EntryDraft(at=clock.now(), pain=4))
    companion.diary.add_peg(1, 2, 3)
    assert [c.entries for c in seen] == [True, False] and seen[1].peg


def test_deleting_many_is_one_change_and_undo_brings_all_back(companion, clock):
    ids = companion.diary.add_many([EntryDraft(at=clock.now() - timedelta(hours=i), pain=i % 11) for i in range(50)])
    seen = []
    companion.changed.connect(seen.append)
    history = UndoHistory()
    history.run(DeleteEntriesOp(companion.diary, ids[:30]))
    assert companion.diary.count() == 20 and len(seen) == 1
    history.undo()
    assert sorted(companion.diary.ids()) == sorted(ids)


def test_deleting_an_unknown_id_changes_nothing(companion, clock):
    import pytest

    from paincompanion.errors import NotFound

    ids = companion.diary.add_many([EntryDraft(at=clock.now(), pain=3)])
    with pytest.raises(NotFound):
        companion.diary.delete_many([ids[0], 999])
    assert companion.diary.count() == 1
