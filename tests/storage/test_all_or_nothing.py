"""Several writes as one transaction (Database.all_or_nothing): an import lands whole or not at all."""

from __future__ import annotations

from datetime import timedelta

import pytest

from paincompanion.domain.changes import ALL
from paincompanion.domain.diary import EntryDraft
from paincompanion.paths import AppPaths
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo
from paincompanion.storage import diary_repo
from paincompanion.storage.database import StorageFailure


@pytest.fixture
def export(tmp_path, clock):
    """A demo export with entries, check-ins, medicines, doses and routine sessions."""
    with Companion.open(AppPaths.in_dir(tmp_path / "source"), clock) as source:
        fill_demo(source, 0.2)
        path = tmp_path / "export.json"
        transfer.export_json(source, path)
        counts = (source.diary.count(), source.meds.count(), len(source.routines.sessions()))
    return path, counts


def counts(companion):
    return companion.diary.count(), companion.meds.count(), len(companion.routines.sessions())


def test_an_import_that_fails_half_way_leaves_nothing_and_can_be_done_again(companion, export, monkeypatch):
    path, whole = export
    before = companion.diary.add(EntryDraft(at=companion.clock.now() - timedelta(hours=1), pain=2, note="mine"))
    emitted = []
    companion.changed.connect(emitted.append)

    def full_disk(items):
        raise StorageFailure("The disk is full or cannot be written, so nothing was saved.")

    monkeypatch.setattr(companion.meds, "add_batch", full_disk)  # after the entries went in, before the rest
    with pytest.raises(StorageFailure, match="disk is full"):
        transfer.import_file(companion, path)

    assert counts(companion) == (1, 0, 0)
    assert companion.diary.list_entries() == [before]
    assert emitted[-1] == ALL  # views reload: they may have shown rows that were undone
    assert companion.backups.check().ok

    monkeypatch.undo()
    transfer.import_file(companion, path)
    assert counts(companion) == (whole[0] + 1, whole[1], whole[2])


def test_a_failed_write_inside_the_group_is_undone_alone(companion):
    db, now = companion._db, companion.clock.now()
    draft = EntryDraft(at=now - timedelta(hours=3), pain=1, note="kept")
    with db.all_or_nothing():
        companion.diary.add(draft)
        with pytest.raises(RuntimeError), db.write() as conn:
            diary_repo.insert_entry(conn, EntryDraft(at=now - timedelta(hours=2), pain=2, note="undone"), 0)
            raise RuntimeError("a write that fails half-way")
        companion.diary.add(EntryDraft(at=now - timedelta(hours=1), pain=3, note="kept too"))
        assert [e.note for e in companion.diary.list_entries(newest_first=False)] == ["kept", "kept too"]  # reads join
    assert [e.note for e in companion.diary.list_entries(newest_first=False)] == ["kept", "kept too"]
    assert companion.backups.check().ok


def test_an_error_leaving_the_group_undoes_all_of_it(companion):
    now = companion.clock.now()
    with pytest.raises(RuntimeError), companion._db.all_or_nothing():
        companion.diary.add(EntryDraft(at=now - timedelta(hours=2), pain=2, note="one"))
        companion.diary.add(EntryDraft(at=now - timedelta(hours=1), pain=3, note="two"))
        raise RuntimeError("crash")
    assert companion.diary.count() == 0
    companion.diary.add(EntryDraft(at=now, pain=4, note="later"))  # the connection is usable again
    assert companion.diary.count() == 1
