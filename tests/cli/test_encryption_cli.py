"""CLI: encrypt, decrypt, change-passphrase, and the passphrase for every command (file, environment, prompt)."""

from __future__ import annotations

import hashlib
import re

import pytest

from paincompanion.cli import common
from paincompanion.storage import cipher_keys
from paincompanion.storage.cipher_probe import SQLITE_MAGIC

PASS = "correct horse battery"
NOTE = "pain after cleaning the bathroom"
NO_PASSPHRASE = (
    "paincompanion: This diary is encrypted: give its passphrase with --passphrase-file FILE or "
    "PAINCOMPANION_PASSPHRASE.\n"
)
RECOVERY = re.compile(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}")


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    """Fast key derivation; no passphrase in the environment; stdin is not a terminal unless a test says so."""
    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE", raising=False)
    monkeypatch.setattr(common, "interactive", lambda: False)


def secret_file(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text + "\n")
    return str(path)


def file_hashes(data) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.fixture
def encrypted(run, tmp_path):
    """A diary with two entries, encrypted with PASS from a file; returns the recovery key."""
    assert run("log", "--pain", "4", "--note", NOTE)[0] == 0
    assert run("log", "--pain", "6", "--note", "second")[0] == 0
    code, out, err = run("encrypt", "--new-passphrase-file", secret_file(tmp_path, "new.txt", PASS), json_out=True)
    assert code == 0, err
    return out["recovery_key"]


def test_encrypt_prints_the_recovery_key_once_with_advice(run, tmp_path):
    run("log", "--pain", "4", "--note", NOTE)
    run("backup", "create")
    (newest,) = sorted((run.data / "backups").glob("backup-*.sqlite"))[-1:]
    older = newest.with_name("backup-2026-01-05-10.00.00.sqlite")  # a month back: kept when backups are thinned
    older.write_bytes(newest.read_bytes())
    code, out, err = run("encrypt", "--new-passphrase-file", secret_file(tmp_path, "new.txt", PASS))
    assert code == 0, err
    assert len(RECOVERY.findall(out)) == 1 and out.count(RECOVERY.search(out).group(0)) == 1
    assert "shown only this once" in out and "Print it" in out and "somewhere safe" in out
    assert "not encrypted" in out and "--delete-plain-backups" in out  # the backup made before
    db = run.data / "paincompanion.sqlite"
    assert NOTE.encode() not in db.read_bytes() and not db.read_bytes().startswith(SQLITE_MAGIC)
    code, out, err = run("--passphrase-file", secret_file(tmp_path, "p.txt", PASS), "encrypt", "--delete-plain-backups")
    assert code == 0 and re.search(r"Deleted \d+ backups", out)
    backups = list((run.data / "backups").glob("backup-*.sqlite"))
    assert not older.exists() and backups and not any(b.read_bytes().startswith(SQLITE_MAGIC) for b in backups)


def test_encrypt_json_gives_the_key_in_a_field(encrypted):
    assert RECOVERY.fullmatch(encrypted)


def test_without_a_passphrase_a_command_says_one_line_and_touches_nothing(run, encrypted):
    before = file_hashes(run.data)
    code, out, err = run("entries")
    assert code == 1 and err == NO_PASSPHRASE and out == ""
    code, out, err = run("backup", "restore", "whatever.sqlite")
    assert code == 1 and err == NO_PASSPHRASE
    assert file_hashes(run.data) == before


def test_a_wrong_passphrase_says_one_line_and_touches_nothing(run, encrypted, tmp_path, monkeypatch):
    before = file_hashes(run.data)
    wrong = secret_file(tmp_path, "wrong.txt", "not my passphrase")
    for command in (["entries"], ["log", "--pain", "3"], ["decrypt"], ["backup", "create"], ["db", "check"]):
        code, out, err = run("--passphrase-file", wrong, *command)
        assert code == 1, command
        assert err.count("\n") == 1 and "does not open this diary" in err and "recovery key" in err
    monkeypatch.setenv("PAINCOMPANION_PASSPHRASE", "also wrong")
    code, _, err = run("backup", "restore", "whatever.sqlite")
    assert code == 1 and "does not open" in err
    assert file_hashes(run.data) == before


def test_the_passphrase_from_a_file_the_environment_or_the_terminal(run, encrypted, tmp_path, monkeypatch):
    code, out, _ = run("--passphrase-file", secret_file(tmp_path, "p.txt", PASS), "entries", json_out=True)
    assert code == 0 and {e["note"] for e in out["entries"]} == {NOTE, "second"}
    monkeypatch.setenv("PAINCOMPANION_PASSPHRASE", PASS)
    assert run("log", "--pain", "2")[0] == 0
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE")
    asked: list[str] = []
    monkeypatch.setattr(common, "interactive", lambda: True)
    monkeypatch.setattr(common, "prompt_secret", lambda prompt: asked.append(prompt) or PASS)
    code, out, _ = run("entries", json_out=True)
    assert code == 0 and len(out["entries"]) == 3 and len(asked) == 1


def test_backups_work_on_an_encrypted_diary_from_the_cli(run, encrypted, tmp_path):
    p = secret_file(tmp_path, "p.txt", PASS)
    assert run("--passphrase-file", p, "backup", "create")[0] == 0
    code, out, _ = run("--passphrase-file", p, "backup", "list", json_out=True)
    backup = out["backups"][0]["file"]  # (made in the same second as encrypt's own backup: the newest is kept)
    with open(backup, "rb") as fh:
        content = fh.read()
    assert not content.startswith(SQLITE_MAGIC) and NOTE.encode() not in content
    code, out, _ = run("--passphrase-file", p, "db", "check", json_out=True)
    assert code == 0 and out["ok"]
    run("--passphrase-file", p, "log", "--pain", "9")
    code, out, err = run("--passphrase-file", p, "backup", "restore", backup, json_out=True)
    assert code == 0, err
    code, out, _ = run("--passphrase-file", p, "entries", json_out=True)
    assert len(out["entries"]) == 2


def test_change_passphrase_old_refused_new_works(run, encrypted, tmp_path):
    old = secret_file(tmp_path, "old.txt", PASS)
    new = secret_file(tmp_path, "new2.txt", "my new passphrase")
    short = secret_file(tmp_path, "short.txt", "short")
    code, _, err = run("--passphrase-file", old, "change-passphrase", "--new-passphrase-file", short)
    assert code == 1 and "at least 8" in err
    code, out, err = run("--passphrase-file", old, "change-passphrase", "--new-passphrase-file", new)
    assert code == 0 and "changed" in out, err
    assert run("--passphrase-file", old, "entries")[0] == 1
    assert run("--passphrase-file", new, "entries")[0] == 0


def test_change_passphrase_typed_twice_must_match(run, encrypted, tmp_path, monkeypatch):
    answers = iter([PASS, "my new passphrase", "my new passphrase typo"])
    monkeypatch.setattr(common, "interactive", lambda: True)
    monkeypatch.setattr(common, "prompt_secret", lambda prompt: next(answers))
    code, _, err = run("change-passphrase")
    assert code == 1 and "not the same" in err
    answers = iter([PASS, "my new passphrase", "my new passphrase"])
    assert run("change-passphrase")[0] == 0
    monkeypatch.setattr(common, "interactive", lambda: False)
    assert run("--passphrase-file", secret_file(tmp_path, "n.txt", "my new passphrase"), "entries")[0] == 0


def test_the_recovery_key_resets_a_forgotten_passphrase_even_without_the_key_file(
    run, encrypted, tmp_path, monkeypatch
):
    (run.data / "paincompanion.key").unlink()
    new = secret_file(tmp_path, "new2.txt", "my new passphrase")
    code, _, err = run("entries")
    assert code == 1 and "recovery key" in err
    bad = secret_file(tmp_path, "bad.txt", "ABCD-EFGH")
    code, _, err = run("change-passphrase", "--recovery-key-file", bad, "--new-passphrase-file", new)
    assert code == 1 and "typo" in err
    key = secret_file(tmp_path, "recovery.txt", encrypted.lower())
    code, out, err = run("change-passphrase", "--recovery-key-file", key, "--new-passphrase-file", new)
    assert code == 0 and "new passphrase is set" in out, err
    code, out, _ = run("--passphrase-file", new, "entries", json_out=True)
    assert code == 0 and len(out["entries"]) == 2
    monkeypatch.setattr(common, "interactive", lambda: True)
    answers = iter([encrypted, "third passphrase", "third passphrase"])
    monkeypatch.setattr(common, "prompt_secret", lambda prompt: next(answers))
    assert run("change-passphrase", "--forgot")[0] == 0
    monkeypatch.setattr(common, "interactive", lambda: False)
    assert run("--passphrase-file", secret_file(tmp_path, "t.txt", "third passphrase"), "entries")[0] == 0


def test_decrypt_round_trip_keeps_every_entry(run, encrypted, tmp_path):
    code, out, err = run("--passphrase-file", secret_file(tmp_path, "p.txt", PASS), "decrypt")
    assert code == 0 and "no longer encrypted" in out, err
    assert not (run.data / "paincompanion.key").exists()
    assert (run.data / "paincompanion.sqlite").read_bytes().startswith(SQLITE_MAGIC)
    code, out, _ = run("entries", json_out=True)
    assert code == 0 and {e["note"] for e in out["entries"]} == {NOTE, "second"}
    code, _, err = run("decrypt")
    assert code == 1 and "not encrypted" in err
    code, _, err = run("change-passphrase", "--new-passphrase-file", secret_file(tmp_path, "n.txt", "whatever it is"))
    assert code == 1 and "not encrypted" in err


def test_encrypt_twice_and_missing_new_passphrase_are_explained(run, encrypted, tmp_path):
    code, _, err = run("encrypt")
    assert code == 1 and "already encrypted" in err
    code, _, err = run("--data-dir", str(tmp_path / "other"), "encrypt")
    assert code == 1 and "--new-passphrase-file" in err


def test_a_damaged_encrypted_diary_is_restored_from_its_backup_with_the_passphrase(run, encrypted, tmp_path):
    p = secret_file(tmp_path, "p.txt", PASS)
    assert run("--passphrase-file", p, "backup", "create")[0] == 0
    code, out, _ = run("--passphrase-file", p, "backup", "list", json_out=True)
    backup = out["backups"][0]["file"]
    db = run.data / "paincompanion.sqlite"
    damaged = bytearray(db.read_bytes())
    damaged[4096 + 100 : 4096 + 400] = bytes(300)
    db.write_bytes(bytes(damaged))
    code, _, err = run("--passphrase-file", p, "entries")
    assert code == 1 and "damaged" in err
    code, out, err = run("--passphrase-file", p, "backup", "restore", backup, json_out=True)
    assert code == 0 and out["entries"] == 2, err
    code, out, _ = run("--passphrase-file", p, "entries", json_out=True)
    assert code == 0 and {e["note"] for e in out["entries"]} == {NOTE, "second"}
    assert not db.read_bytes().startswith(SQLITE_MAGIC)
