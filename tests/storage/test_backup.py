"""Backups: verified, private, rotated, skipped when unchanged; restore backs up first."""

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import BackupError
from paincompanion.storage import backup as store
from paincompanion.storage.migrations import HEAD_REVISION


def test_backup_is_verified_private_and_listed(companion):
    companion.diary.add(EntryDraft(at=companion.clock.now(), pain=4))
    info = companion.backups.create()
    assert stat.S_IMODE(os.stat(info.path).st_mode) == 0o600
    store.verify_backup_file(info.path)
    assert [b.path for b in companion.backups.list_backups()] == [info.path]
    assert not list(info.path.parent.glob(".*partial"))


def test_automatic_backup_only_when_data_changed_and_at_most_hourly(companion, clock):
    assert companion.backups.maybe_backup() is None  # nothing entered yet
    companion.diary.add(EntryDraft(at=clock.now(), pain=4))
    assert companion.backups.maybe_backup() is not None
    assert companion.backups.maybe_backup() is None  # unchanged since
    clock.advance(minutes=20)
    companion.diary.add(EntryDraft(at=clock.now(), pain=5))
    assert companion.backups.maybe_backup() is None  # changed, but less than an hour
    clock.advance(hours=1)
    assert companion.backups.maybe_backup() is not None


def test_restore_backs_up_the_current_data_first(companion, clock):
    first = companion.diary.add(EntryDraft(at=clock.now(), pain=2, note="before"))
    backup = companion.backups.create()
    clock.advance(seconds=5)
    companion.diary.add(EntryDraft(at=clock.now(), pain=9, note="after"))
    clock.advance(seconds=5)
    safety = companion.restore_backup(backup.path.name)
    assert [e.note for e in companion.diary.list_entries()] == ["before"]
    assert companion.diary.get(first.id) == first
    assert safety.reason == "pre-restore"
    assert store.verify_backup_file(safety.path) == HEAD_REVISION
    # The data from before the restore is still reachable.
    companion.restore_backup(str(safety.path))
    assert sorted(e.note for e in companion.diary.list_entries()) == ["after", "before"]


def test_restoring_something_that_is_not_a_backup_changes_nothing(companion, clock, tmp_path):
    companion.diary.add(EntryDraft(at=clock.now(), pain=2))
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError):
        companion.restore_backup(str(bogus))
    with pytest.raises(BackupError, match="no backup called"):
        companion.restore_backup("missing.sqlite")
    assert companion.diary.count() == 1


def _fake(path: Path, made: datetime, reason: str = "") -> store.BackupInfo:
    return store.BackupInfo(path / store.backup_name(made, reason), made, reason, 1)


def test_rotation_keeps_daily_weekly_monthly_and_protected(tmp_path):
    now = datetime(2026, 3, 10, 12, 0)
    backups = [_fake(tmp_path, now - timedelta(hours=6 * i)) for i in range(4 * 400)]
    backups.append(_fake(tmp_path, now - timedelta(days=500), "pre-migration"))
    keep = store.backups_to_keep(backups, store.BackupLimits(daily=7, weekly=4, monthly=12))
    kept = sorted((b for b in backups if b.path in keep), key=lambda b: b.made, reverse=True)
    assert kept[0].made == now  # newest always kept
    days = {b.made.date() for b in kept if not b.protected}
    assert len(days) <= 7 + 4 + 12
    months = {(b.made.year, b.made.month) for b in kept if not b.protected}
    assert len(months) >= 12
    assert any(b.reason == "pre-migration" for b in kept)
    assert len(keep) < len(backups)


def test_rotate_deletes_files_outside_the_limits(tmp_path):
    base = datetime(2026, 1, 1, 8, 0)
    for i in range(30):
        (tmp_path / store.backup_name(base + timedelta(days=i))).write_bytes(b"x")
    (tmp_path / "unrelated.txt").write_text("keep me")
    removed = store.rotate(tmp_path, store.BackupLimits(daily=3, weekly=0, monthly=0))
    assert len(removed) == 27
    assert (tmp_path / "unrelated.txt").exists()


def test_a_backup_reason_that_would_hide_the_backup_from_the_list_is_refused():
    from datetime import datetime

    from paincompanion.storage.backup import backup_name

    assert backup_name(datetime(2026, 3, 10, 9, 30), "pre-import").endswith("-pre-import.sqlite")
    for bad in ("pre import", "v2", "Manual"):
        with pytest.raises(ValueError, match="short word"):
            backup_name(datetime(2026, 3, 10, 9, 30), bad)
