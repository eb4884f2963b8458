"""The encryption keys: the passphrase-wrapped key file and the recovery key."""

from __future__ import annotations

import json
import re
import stat
import unicodedata

import pytest

from paincompanion.errors import WrongPassphrase
from paincompanion.storage import cipher_keys


@pytest.fixture
def fast_kdf(monkeypatch):
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)


def test_the_real_key_derivation_is_slow_enough():
    assert cipher_keys.PBKDF2_ITERATIONS >= 600_000
    assert cipher_keys.wrap(cipher_keys.new_master_key(), "x", iterations=10).iterations == 10


def test_the_key_file_gives_the_master_key_back_only_for_the_right_passphrase(tmp_path, fast_kdf):
    master = cipher_keys.new_master_key()
    path = tmp_path / "paincompanion.key"
    cipher_keys.write_key_file(path, cipher_keys.wrap(master, "correct horse"))

    assert cipher_keys.unlock(path, "correct horse") == master
    with pytest.raises(WrongPassphrase, match="does not open"):
        cipher_keys.unlock(path, "correct horsE")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    content = json.loads(path.read_text())
    assert content["format"] == 1
    assert content["passphrase"]["kdf"] == "pbkdf2-sha256"
    assert content["passphrase"]["iterations"] == 1000
    assert set(content["passphrase"]) == {"kdf", "iterations", "salt", "wrapped"}
    assert master.hex() not in path.read_text()
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_the_same_passphrase_typed_in_another_unicode_form_still_opens(tmp_path, fast_kdf):
    master = cipher_keys.new_master_key()
    path = tmp_path / "key"
    cipher_keys.write_key_file(path, cipher_keys.wrap(master, unicodedata.normalize("NFD", "café au lait")))
    assert cipher_keys.unlock(path, unicodedata.normalize("NFC", "café au lait")) == master


def test_a_missing_or_damaged_key_file_points_to_the_recovery_key(tmp_path):
    path = tmp_path / "paincompanion.key"
    with pytest.raises(WrongPassphrase, match="missing.*recovery key"):
        cipher_keys.unlock(path, "anything at all")
    path.write_text('{"format": 1, "key_check": "AAAA", "passphrase": {}}')
    with pytest.raises(WrongPassphrase, match="damaged.*recovery key"):
        cipher_keys.unlock(path, "anything at all")
    path.write_text("not json")
    with pytest.raises(WrongPassphrase, match="damaged"):
        cipher_keys.unlock(path, "anything at all")


def test_a_recovery_key_is_eight_groups_of_four_and_tolerates_how_it_is_typed():
    master, text = cipher_keys.new_recovery_key()
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", text)
    assert cipher_keys.master_from_recovery_key(text) == master
    assert cipher_keys.master_from_recovery_key(text.lower().replace("-", " ")) == master
    assert cipher_keys.master_from_recovery_key(" " + text.replace("-", "") + "\n") == master
    assert len(master) == 32
    assert cipher_keys.new_recovery_key()[1] != text


def test_a_mistyped_recovery_key_is_recognised_as_a_typo():
    _, text = cipher_keys.new_recovery_key()
    first = text[0]
    typo = ("B" if first != "B" else "C") + text[1:]
    for wrong in (typo, text[:-5], text + "-ABCD", ""):
        with pytest.raises(WrongPassphrase, match="typo"):
            cipher_keys.master_from_recovery_key(wrong)


def test_the_master_key_follows_the_documented_recovery_derivation():
    import base64
    import hashlib

    master, text = cipher_keys.new_recovery_key()
    raw = base64.b32decode(text.replace("-", ""))[:16]
    assert master == hashlib.sha256(b"paincompanion-recovery-v1" + raw).digest()
