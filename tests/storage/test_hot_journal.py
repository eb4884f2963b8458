"""A hot rollback journal beside the data file (a process killed mid-write in rollback mode) is rolled back
safely at open; and a converted file is built in WAL mode, so the app never leaves such a journal itself."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import DatabaseDamaged
from paincompanion.services.companion import Companion
from paincompanion.services.startup import open_for_gui
from paincompanion.storage import cipher, cipher_keys
from paincompanion.storage.backup import create_backup
from paincompanion.storage.probe import probe
from paincompanion.storage.recovery import RECOVERY_INFIX, has_hot_journal

PASS = "correct horse battery"
NOTES = [f"entry {i}: " + "knee worse after the stairs " * 20 for i in range(60)]

#: Opens the diary read-write in rollback-journal mode, changes every note in one transaction with a tiny
#: page cache (so changed pages reach the file before the commit) and is killed before committing.
HALF_WRITE = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from paincompanion.storage import cipher, cipher_keys

    cipher_keys.PBKDF2_ITERATIONS = 1000
    path, key_file = Path(sys.argv[1]), Path(sys.argv[2])
    key = cipher_keys.unlock(key_file, sys.argv[3]) if key_file.exists() else None
    con = cipher.connect(path, key)
    con.isolation_level = None
    assert con.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    con.execute("PRAGMA cache_size = 2")
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE entries SET note = 'half-written ' || note")
    con.execute("PRAGMA user_version = 4242")
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


def _diary(app_paths, clock, *, encrypted: bool) -> None:
    with Companion.open(app_paths, clock) as comp:
        now = clock.now()
        comp.diary.add_many([EntryDraft(at=now - timedelta(hours=i), pain=i % 11, note=n) for i, n in enumerate(NOTES)])
        if encrypted:
            comp.encryption.encrypt(PASS)


def _half_write(app_paths, tmp_path: Path) -> None:
    script = tmp_path / "half_write.py"
    script.write_text(HALF_WRITE)
    result = subprocess.run(
        [sys.executable, str(script), str(app_paths.database), str(app_paths.key_file), PASS],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -9, result.stderr
    assert has_hot_journal(app_paths.database)  # the state the hostile test found


@pytest.mark.parametrize("encrypted", [True, False])
def test_a_diary_left_with_a_hot_journal_opens_whole_and_unchanged(encrypted, tmp_path, app_paths, clock):
    _diary(app_paths, clock, encrypted=encrypted)
    _half_write(app_paths, tmp_path)
    with Companion.open(app_paths, clock, passphrase=PASS if encrypted else None) as comp:
        assert sorted(e.note for e in comp.diary.list_entries()) == sorted(NOTES)  # the half-write was rolled back
        assert comp.backups.check().ok
        comp.diary.add(EntryDraft(at=clock.now(), pain=3, note="after the recovery"))
    assert not has_hot_journal(app_paths.database)
    assert not list(app_paths.data.glob(f"*{RECOVERY_INFIX}*"))  # the safety copy went once all was well
    with Companion.open(app_paths, clock, passphrase=PASS if encrypted else None) as comp:
        assert comp.diary.count() == len(NOTES) + 1


def test_the_guis_fast_start_recovers_a_hot_journal_too(tmp_path, app_paths, clock):
    _diary(app_paths, clock, encrypted=False)
    _half_write(app_paths, tmp_path)
    companion = open_for_gui(app_paths, clock)
    try:
        assert sorted(e.note for e in companion.diary.list_entries()) == sorted(NOTES)
    finally:
        companion.close()


def test_a_recovery_that_does_not_give_a_good_file_keeps_its_safety_copy(tmp_path, app_paths, clock, monkeypatch):
    _diary(app_paths, clock, encrypted=True)
    _half_write(app_paths, tmp_path)
    before = app_paths.database.read_bytes(), Path(f"{app_paths.database}-journal").read_bytes()
    from paincompanion.storage import recovery

    monkeypatch.setattr(recovery, "check_file", lambda *a, **k: type("R", (), {"ok": False})())
    key = cipher_keys.unlock(app_paths.key_file, PASS)
    kept = recovery.recover_hot_journal(app_paths.database, key, clock.now())
    assert kept is not None and RECOVERY_INFIX in kept.name and kept.stat().st_mode & 0o777 == 0o600
    assert (kept.read_bytes(), Path(f"{kept}-journal").read_bytes()) == before  # file + journal, as they were


def test_a_foreign_file_with_a_journal_is_not_touched(tmp_path, app_paths, clock):
    app_paths.ensure_private_dirs()
    con = sqlite3.connect(app_paths.database)
    con.execute("CREATE TABLE entries (note TEXT)")
    con.executemany("INSERT INTO entries VALUES (?)", [(n,) for n in NOTES])
    con.commit()
    con.close()
    _half_write(app_paths, tmp_path)
    journal = Path(f"{app_paths.database}-journal")
    before = app_paths.database.read_bytes(), journal.read_bytes()
    with pytest.raises(DatabaseDamaged, match="unfinished change in paincompanion.sqlite-journal"):
        Companion.open(app_paths, clock)
    assert (app_paths.database.read_bytes(), journal.read_bytes()) == before
    assert not list(app_paths.data.glob(f"*{RECOVERY_INFIX}*"))


def _journal_mode_read_only(path: Path, key: bytes | None) -> str:
    con = cipher.connect(path, key, read_only=True)
    try:
        return str(con.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    finally:
        con.close()


@pytest.mark.parametrize("action", ["encrypt", "decrypt", "copy_with_key"])
def test_a_converted_file_is_built_in_wal_mode_so_opening_it_switches_nothing(action, tmp_path, app_paths, clock):
    _diary(app_paths, clock, encrypted=action == "decrypt")
    key = cipher_keys.unlock(app_paths.key_file, PASS) if action == "decrypt" else None
    master = cipher_keys.new_master_key()
    if action == "encrypt":
        cipher.encrypt_database(app_paths.database, app_paths.key_file, cipher_keys.wrap(master, PASS), master)
        key = master
    elif action == "decrypt":
        cipher.decrypt_database(app_paths.database, app_paths.key_file, key)
        key = None
    else:
        backup = create_backup(app_paths.database, app_paths.backups, clock.now())
        cipher.copy_with_key(backup.path, None, app_paths.database, master)
        key = master
    assert sorted(p.name for p in app_paths.data.iterdir() if "sqlite" in p.name) == ["paincompanion.sqlite"]
    assert _journal_mode_read_only(app_paths.database, key) == "wal"
    assert probe(app_paths.database, app_paths.backups, key)


def test_restoring_over_a_foreign_file_with_a_journal_moves_the_journal_aside_too(tmp_path, app_paths, clock):
    from paincompanion.services.backups import restore_unopenable

    _diary(app_paths, clock, encrypted=False)
    with Companion.open(app_paths, clock) as comp:
        backup = comp.backups.create()
    app_paths.database.unlink()
    con = sqlite3.connect(app_paths.database)  # another program's file, cut off mid-write
    con.execute("CREATE TABLE entries (note TEXT)")
    con.executemany("INSERT INTO entries VALUES (?)", [(n,) for n in NOTES])
    con.commit()
    con.close()
    _half_write(app_paths, tmp_path)
    journal = Path(f"{app_paths.database}-journal").read_bytes()
    aside = restore_unopenable(app_paths, backup.path.name, clock.now())
    assert Path(f"{aside}-journal").read_bytes() == journal  # kept with its file, not replayed into the diary
    assert not Path(f"{app_paths.database}-journal").exists()
    with Companion.open(app_paths, clock) as comp:
        assert sorted(e.note for e in comp.diary.list_entries()) == sorted(NOTES)
