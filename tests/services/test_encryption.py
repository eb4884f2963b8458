"""companion.encryption and the functions used before opening: turn it on and off, change and reset the passphrase."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from paincompanion.domain.changes import ALL, Changes
from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.errors import DiaryLocked, ValidationError, WrongPassphrase
from paincompanion.services.companion import Companion
from paincompanion.services.demo import fill_demo
from paincompanion.services.encryption import check_new_passphrase, reset_passphrase, unlock_check
from paincompanion.storage import cipher_keys
from paincompanion.storage.cipher_probe import SQLITE_MAGIC, is_encrypted

PASS = "correct horse battery"
NOTE = "Told nobody about the flare-up at work"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(comp: Companion) -> list[tuple]:
    """Everything the diary holds that a round trip must keep."""
    entries = [(e.at, e.pain, e.note, e.locations, e.triggers, e.mood) for e in comp.diary.list_entries()]
    pegs = [(p.at, p.pain, p.enjoyment, p.activity) for p in comp.diary.peg_history()]
    meds = sorted(m.name for m in comp.meds.list_medications())
    doses = len(comp.meds.doses())
    return [entries, pegs, meds, doses]


@pytest.fixture
def filled(companion, clock):
    fill_demo(companion, 0.05)  # medicines, doses, PEG check-ins, routine sessions
    companion.diary.delete_many(companion.diary.ids())
    now = clock.now()
    companion.diary.add_many(
        [
            EntryDraft(
                at=now - timedelta(hours=5 * i),
                pain=i % 11,
                note=f"{NOTE} ({i})",
                locations=(LocationPain("front-neck", 6),) if i % 3 == 0 else (),
                triggers=("stairs",) if i % 2 else (),
                mood=i % 5,
            )
            for i in range(60)
        ]
    )
    return companion


def test_check_new_passphrase_gives_plain_reasons():
    assert check_new_passphrase("correct horse") is None
    assert "empty" in check_new_passphrase("")
    assert "at least 8" in check_new_passphrase("short")
    assert "repeats" in check_new_passphrase("aaaaaaaaaa")
    assert "space" in check_new_passphrase(" correct horse")


def test_encrypt_hides_the_text_returns_a_recovery_key_and_tells_the_gui(filled, app_paths, clock):
    seen: list[Changes] = []
    filled.changed.connect(seen.append)
    before = snapshot(filled)
    recovery = filled.encryption.encrypt(PASS)
    assert len(recovery.replace("-", "")) == 32
    assert filled.encryption.enabled and is_encrypted(app_paths)
    assert ALL in seen
    assert snapshot(filled) == before  # the open companion goes on with the same data
    filled.diary.add(EntryDraft(at=clock.now(), pain=3, note=f"{NOTE} after"))  # and can write
    filled.close()
    data = app_paths.database.read_bytes()
    assert NOTE.encode() not in data and not data.startswith(SQLITE_MAGIC)
    for path in app_paths.backups.iterdir():
        if path.name.endswith(".sqlite") and not path.read_bytes().startswith(SQLITE_MAGIC):
            assert NOTE.encode() not in path.read_bytes()
    with Companion.open(app_paths, clock, passphrase=PASS) as again:
        assert again.diary.count() == 61 and again.encryption.enabled


def test_encrypt_refuses_a_weak_passphrase_and_a_second_time(filled):
    with pytest.raises(ValidationError, match="at least 8"):
        filled.encryption.encrypt("short")
    assert not filled.encryption.enabled
    filled.encryption.encrypt(PASS)
    with pytest.raises(ValidationError, match="already encrypted"):
        filled.encryption.encrypt(PASS)


def test_wrong_passphrase_is_refused_and_the_files_are_untouched(filled, app_paths, clock):
    filled.encryption.encrypt(PASS)
    filled.close()
    before = (sha(app_paths.database), sha(app_paths.key_file))
    with pytest.raises(WrongPassphrase):
        unlock_check(app_paths, "not the passphrase")
    with pytest.raises(DiaryLocked):
        Companion.open(app_paths, clock)
    with pytest.raises(WrongPassphrase):
        Companion.open(app_paths, clock, passphrase="not the passphrase")
    assert (sha(app_paths.database), sha(app_paths.key_file)) == before
    unlock_check(app_paths, PASS)


def test_change_passphrase_old_one_refused_new_one_opens(filled, app_paths, clock):
    filled.encryption.encrypt(PASS)
    assert filled.encryption.check_passphrase(PASS)
    assert not filled.encryption.check_passphrase("something else")
    with pytest.raises(ValidationError):
        filled.encryption.change_passphrase("short")
    filled.encryption.change_passphrase("a brand new passphrase")
    assert filled.encryption.check_passphrase("a brand new passphrase")
    assert not filled.encryption.check_passphrase(PASS)
    filled.close()
    with pytest.raises(WrongPassphrase):
        Companion.open(app_paths, clock, passphrase=PASS)
    with Companion.open(app_paths, clock, passphrase="a brand new passphrase") as again:
        assert again.diary.count() == 60


def test_the_recovery_key_replaces_a_forgotten_passphrase(filled, app_paths, clock):
    recovery = filled.encryption.encrypt(PASS)
    filled.close()
    with pytest.raises(WrongPassphrase, match="typo"):
        reset_passphrase(app_paths, recovery[:-1] + ("A" if recovery[-1] != "A" else "B"), "new passphrase here")
    with pytest.raises(ValidationError, match="at least 8"):
        reset_passphrase(app_paths, recovery, "short")
    reset_passphrase(app_paths, f"  {recovery.lower()}  ", "new passphrase here")
    with pytest.raises(WrongPassphrase):
        Companion.open(app_paths, clock, passphrase=PASS)
    with Companion.open(app_paths, clock, passphrase="new passphrase here") as again:
        assert again.diary.count() == 60
    app_paths.key_file.unlink()  # even without the key file
    reset_passphrase(app_paths, recovery, "third passphrase")
    with Companion.open(app_paths, clock, passphrase="third passphrase") as again:
        assert again.diary.count() == 60


def test_reset_passphrase_on_a_plain_diary_is_refused(filled, app_paths):
    filled.close()
    with pytest.raises(ValidationError, match="not encrypted"):
        reset_passphrase(app_paths, cipher_keys.new_recovery_key()[1], "new passphrase here")


def test_decrypt_round_trip_keeps_every_entry_and_decrypts_the_backups(filled, app_paths, clock):
    before = snapshot(filled)
    filled.encryption.encrypt(PASS)
    filled.backups.create(reason="pre-import")
    filled.encryption.decrypt()
    assert not filled.encryption.enabled
    assert snapshot(filled) == before
    assert not app_paths.key_file.exists()
    assert app_paths.database.read_bytes().startswith(SQLITE_MAGIC)
    assert all(b.path.read_bytes().startswith(SQLITE_MAGIC) for b in filled.backups.list_backups())
    assert filled.backups.check().ok
    with pytest.raises(ValidationError, match="not encrypted"):
        filled.encryption.decrypt()
    filled.close()
    with Companion.open(app_paths, clock) as again:
        assert snapshot(again) == before
        assert again.diary.on_day(date(2026, 3, 10))


def test_plain_backups_are_listed_and_deleted_on_request(filled, app_paths):
    plain = filled.backups.create(reason="pre-import")
    assert filled.encryption.plain_backups() == []  # a plain diary: nothing to warn about
    assert filled.encryption.delete_plain_backups() == []
    assert plain.path.exists()
    filled.encryption.encrypt(PASS)
    assert filled.encryption.plain_backups() == [plain.path]
    assert filled.encryption.delete_plain_backups() == [plain.path]
    assert not plain.path.exists()
    remaining = filled.backups.list_backups()
    assert remaining and all(not b.path.read_bytes().startswith(SQLITE_MAGIC) for b in remaining)
    assert filled.encryption.plain_backups() == []
