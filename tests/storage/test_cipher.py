"""Encryption at rest in storage: encrypted files, the probe, encrypted backups, stale key files."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import BackupError, DiaryLocked, NotADatabase, WrongPassphrase
from paincompanion.paths import AppPaths
from paincompanion.services.backups import restore_unopenable
from paincompanion.services.companion import Companion
from paincompanion.services.encryption import reset_passphrase
from paincompanion.services.startup import DeferredCompanion, open_for_gui
from paincompanion.storage import backup as store
from paincompanion.storage import cipher, cipher_keys
from paincompanion.storage.cipher_probe import SQLITE_MAGIC, database_state, is_encrypted, key_file_missing
from paincompanion.storage.migrations import KNOWN_REVISIONS

SECRET = "Migraine after the argument with Paul"
PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(companion: Companion, n: int = 40) -> None:
    now = companion.clock.now()
    companion.diary.add_many(
        [EntryDraft(at=now - timedelta(hours=i), pain=i % 11, note=f"{SECRET} #{i}") for i in range(n)]
    )


@pytest.fixture
def encrypted(app_paths, clock):
    """An encrypted diary (40 entries), closed; yields the recovery key."""
    comp = Companion.open(app_paths, clock)
    fill(comp)
    recovery = comp.encryption.encrypt(PASS)
    comp.close()
    return recovery


def test_an_encrypted_diary_has_no_readable_text_and_opens_only_with_its_key(app_paths, clock, encrypted):
    data = app_paths.database.read_bytes()
    assert not data.startswith(SQLITE_MAGIC)
    assert SECRET.encode() not in data
    assert is_encrypted(app_paths) and database_state(app_paths) == "encrypted"
    master = cipher_keys.unlock(app_paths.key_file, PASS)
    con = cipher.connect(app_paths.database, master, read_only=True)
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 40
    con.close()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(app_paths.database).execute("SELECT count(*) FROM entries")


def test_the_probe_needs_neither_sqlalchemy_nor_sqlcipher(app_paths, encrypted):
    code = (
        "import sys\n"
        "from paincompanion.paths import AppPaths\n"
        "from paincompanion.storage.cipher_probe import is_encrypted\n"
        f"assert is_encrypted(AppPaths.in_dir({str(app_paths.data)!r}))\n"
        "bad = [m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic', 'sqlcipher3'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_open_without_or_with_a_wrong_passphrase_is_refused_and_nothing_is_touched(app_paths, clock, encrypted):
    before = (sha(app_paths.database), sha(app_paths.key_file))
    with pytest.raises(DiaryLocked, match="encrypted: enter its passphrase"):
        Companion.open(app_paths, clock)
    with pytest.raises(WrongPassphrase, match="recovery key"):
        Companion.open(app_paths, clock, passphrase="correct horse batterY")
    with pytest.raises(DiaryLocked):
        open_for_gui(app_paths, clock)
    assert (sha(app_paths.database), sha(app_paths.key_file)) == before
    assert sorted(p.name for p in app_paths.data.iterdir()) == ["backups", "paincompanion.key", "paincompanion.sqlite"]


def test_the_gui_open_of_an_encrypted_diary_is_a_full_open(app_paths, clock, encrypted):
    comp = open_for_gui(app_paths, clock, passphrase=PASS)
    assert not isinstance(comp, DeferredCompanion)
    assert comp.diary.count() == 40 and comp.encryption.enabled
    comp.close()


def test_backups_of_an_encrypted_diary_are_encrypted_and_verify_check_restore_work(app_paths, clock, encrypted):
    comp = Companion.open(app_paths, clock, passphrase=PASS)
    info = comp.backups.create()
    data = info.path.read_bytes()
    assert not data.startswith(SQLITE_MAGIC) and SECRET.encode() not in data
    master = cipher_keys.unlock(app_paths.key_file, PASS)
    store.verify_backup_file(info.path, master)
    with pytest.raises(BackupError, match="encrypted"):
        store.verify_backup_file(info.path)
    assert store.newest_good_backup(app_paths.backups, master) is not None
    assert comp.backups.check().ok
    comp.diary.delete_many(comp.diary.ids()[:10])
    assert comp.diary.count() == 30
    comp.restore_backup(info.path.name)
    assert comp.diary.count() == 40
    assert not app_paths.database.read_bytes().startswith(SQLITE_MAGIC)
    assert comp.backups.check().ok
    comp.close()
    with Companion.open(app_paths, clock, passphrase=PASS) as again:
        assert again.diary.count() == 40


def test_a_plain_backup_restored_into_an_encrypted_diary_is_encrypted(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    fill(comp, 5)
    plain = comp.backups.create(reason="pre-import")  # protected: not thinned away by later backups
    comp.encryption.encrypt(PASS)
    assert comp.encryption.plain_backups() == [plain.path]
    fill(comp, 3)
    comp.restore_backup(plain.path.name)
    assert comp.diary.count() == 5
    data = app_paths.database.read_bytes()
    assert not data.startswith(SQLITE_MAGIC) and SECRET.encode() not in data
    comp.close()
    with Companion.open(app_paths, clock, passphrase=PASS) as again:
        assert again.diary.count() == 5


def test_a_damaged_encrypted_diary_is_restored_from_its_encrypted_backup(app_paths, clock, encrypted):
    comp = Companion.open(app_paths, clock, passphrase=PASS)
    info = comp.backups.create(reason="pre-import")
    comp.close()
    data = bytearray(app_paths.database.read_bytes())
    data[4096 + 100 : 4096 + 400] = bytes(300)  # page 2 no longer authenticates
    app_paths.database.write_bytes(bytes(data))
    with pytest.raises(Exception, match="damaged|cannot be read"):
        Companion.open(app_paths, clock, passphrase=PASS)
    with pytest.raises(BackupError, match="no key"):
        restore_unopenable(app_paths, info.path.name, clock.now())  # no passphrase: the backup cannot be checked
    aside = restore_unopenable(app_paths, info.path.name, clock.now(), passphrase=PASS)
    assert aside.read_bytes() == bytes(data)
    with Companion.open(app_paths, clock, passphrase=PASS) as again:
        assert again.diary.count() == 40 and again.encryption.enabled


def test_a_lost_key_file_is_explained_and_the_recovery_key_sets_a_new_passphrase(app_paths, clock, encrypted):
    app_paths.key_file.unlink()
    before = sha(app_paths.database)
    assert key_file_missing(app_paths) and not is_encrypted(app_paths)
    with pytest.raises(NotADatabase, match="key file paincompanion.key is missing.*recovery key"):
        Companion.open(app_paths, clock)
    with pytest.raises(WrongPassphrase, match="does not open"):
        reset_passphrase(app_paths, cipher_keys.new_recovery_key()[1], "a new passphrase")
    assert not app_paths.key_file.exists() and sha(app_paths.database) == before
    reset_passphrase(app_paths, encrypted.lower(), "a new passphrase")
    with Companion.open(app_paths, clock, passphrase="a new passphrase") as comp:
        assert comp.diary.count() == 40


def test_a_key_file_left_next_to_a_plain_diary_is_ignored_and_removed(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    fill(comp, 3)
    comp.close()
    cipher_keys.write_key_file(app_paths.key_file, cipher_keys.wrap(cipher_keys.new_master_key(), PASS))
    assert database_state(app_paths) == "plain" and not is_encrypted(app_paths)
    with Companion.open(app_paths, clock) as again:
        assert again.diary.count() == 3 and not again.encryption.enabled
    assert not app_paths.key_file.exists()


def test_an_encrypted_diary_from_an_older_version_is_migrated_with_an_encrypted_backup_first(tmp_path, clock):
    old = tmp_path / "old.sqlite"  # a copy: the fixture itself is never opened
    old.write_bytes(
        (Path(__file__).parents[1] / "fixtures" / "db_versions" / f"{KNOWN_REVISIONS[0]}.sqlite").read_bytes()
    )
    paths = AppPaths.in_dir(tmp_path / "data")
    paths.ensure_private_dirs()
    master = cipher_keys.new_master_key()
    cipher.export_copy(old, None, paths.database, master)
    cipher_keys.write_key_file(paths.key_file, cipher_keys.wrap(master, PASS))
    with Companion.open(paths, clock, passphrase=PASS) as comp:
        assert comp.diary.count() == 4 and comp.encryption.enabled
    (backup,) = store.list_backups(paths.backups)
    assert backup.reason == "pre-migration"
    assert not backup.path.read_bytes().startswith(SQLITE_MAGIC)
    store.verify_backup_file(backup.path, master)


def test_the_gui_can_encrypt_the_diary_it_opened_with_the_fast_start(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    fill(comp, 5)
    comp.close()
    deferred = open_for_gui(app_paths, clock)
    assert isinstance(deferred, DeferredCompanion)
    assert deferred.diary.count() == 5  # from the start-up reader, still open
    deferred.wait()
    deferred.encryption.encrypt(PASS)
    assert deferred.encryption.enabled and deferred.diary.count() == 5
    deferred.diary.add(EntryDraft(at=clock.now(), pain=1, note=f"{SECRET} after"))
    deferred.close()
    assert SECRET.encode() not in app_paths.database.read_bytes()
    with Companion.open(app_paths, clock, passphrase=PASS) as again:
        assert again.diary.count() == 6 and again.backups.check().ok


def test_backups_made_within_one_second_are_named_in_order_so_the_newest_is_kept(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    comp.backups.create()
    second = comp.backups.create()  # same clock: named a second later; the first is thinned away
    third = comp.backups.create()  # its "now" name is free again, but it must come after `second`
    assert third.made > second.made
    assert [b.path for b in comp.backups.list_backups()] == [third.path]
    comp.close()
