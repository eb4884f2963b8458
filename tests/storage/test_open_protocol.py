"""The open protocol: durable settings, private files, and never touching a file that is not ours."""

import hashlib
import os
import sqlite3
import stat
from datetime import timedelta

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import DatabaseDamaged, NotADatabase, SchemaTooNew
from paincompanion.services.companion import Companion
from paincompanion.storage.database import StorageFailure
from paincompanion.storage.engine import APPLICATION_ID


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_durable_and_ours(companion, app_paths):
    companion.diary.add(EntryDraft(at=companion.clock.now(), pain=3))
    db = app_paths.database
    assert stat.S_IMODE(os.stat(app_paths.data).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(app_paths.backups).st_mode) == 0o700
    for suffix in ("", "-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            assert stat.S_IMODE(os.stat(side).st_mode) == 0o600, suffix
    with companion._db.read() as conn:
        raw = conn.connection.dbapi_connection
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_foreign_keys_are_enforced(companion):
    with pytest.raises(StorageFailure), companion._db.write() as conn:
        conn.exec_driver_sql("INSERT INTO entry_qualities (entry_id, quality) VALUES (999, 'x')")


def _make_damaged(kind, path, good_db):
    data = good_db.read_bytes()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(os.urandom(8192))
    elif kind == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "header-only":
        path.write_bytes(data[:100])
    elif kind == "corrupt-middle":
        page = 4096
        damaged = bytearray(data)
        for offset in range(page, len(damaged) - page, page):
            damaged[offset + 8 : offset + 600] = os.urandom(592)
        path.write_bytes(bytes(damaged))
    elif kind == "foreign":
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE songs (title TEXT)")
        con.commit()
        con.close()


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("empty", NotADatabase),
        ("random", NotADatabase),
        ("png", NotADatabase),
        ("truncated", DatabaseDamaged),
        ("header-only", DatabaseDamaged),
        ("corrupt-middle", DatabaseDamaged),
        ("foreign", NotADatabase),
    ],
)
def test_bad_files_are_refused_untouched_and_a_backup_is_offered(kind, error, tmp_path, clock, app_paths):
    # A real diary with a backup, then the live file is replaced by a bad one.
    comp = Companion.open(app_paths, clock)
    comp.diary.add_many(
        [EntryDraft(at=clock.now() - timedelta(hours=i), pain=i % 11, note="x" * 200) for i in range(300)]
    )
    backup = comp.backups.create()
    comp.close()
    good = tmp_path / "good.sqlite"
    good.write_bytes(app_paths.database.read_bytes())
    for suffix in ("-wal", "-shm"):
        app_paths.database.with_name(app_paths.database.name + suffix).unlink(missing_ok=True)
    app_paths.database.unlink()
    _make_damaged(kind, app_paths.database, good)
    before = sha(app_paths.database)
    with pytest.raises(error) as info:
        Companion.open(app_paths, clock)
    assert sha(app_paths.database) == before
    assert "left as it is" in str(info.value)
    assert info.value.newest_backup == str(backup.path)
    assert backup.path.name in info.value.user_message()


def test_a_file_from_a_newer_version_is_refused_and_not_touched(companion, app_paths, clock):
    companion.close()
    con = sqlite3.connect(app_paths.database)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    before = sha(app_paths.database)
    with pytest.raises(SchemaTooNew, match="newer version"):
        Companion.open(app_paths, clock)
    assert sha(app_paths.database) == before


def test_data_survives_close_and_reopen(companion, app_paths, clock):
    entry = companion.diary.add(EntryDraft(at=clock.now(), pain=7, note="ünïcode ✓ 😀"))
    companion.close()
    again = Companion.open(app_paths, clock)
    assert again.diary.get(entry.id) == entry
    again.close()
