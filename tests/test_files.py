"""The one atomic-write helper (paincompanion/files.py) and that every writer goes through it."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest

from paincompanion import files
from paincompanion.files import atomic_write, temp_path_for

SRC = Path(files.__file__).parent
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_content_is_complete_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "out.json"
    data = "é" * 100_000 + "\nend\r\n"
    atomic_write(target, data)
    assert target.read_bytes() == data.encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    atomic_write(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"


@posix_only
def test_mode_is_set_when_given_and_kept_on_overwrite(tmp_path):
    private = tmp_path / "key"
    atomic_write(private, "secret", mode=0o600)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    shared = tmp_path / "entry.desktop"
    shared.write_text("old")
    os.chmod(shared, 0o640)
    atomic_write(shared, "new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
    assert shared.read_text() == "new"


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, failing):
    target = tmp_path / "export.csv"
    target.write_text("the old export")

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, "the new export, which must not appear half-written")
    monkeypatch.undo()
    assert target.read_text() == "the old export"
    assert not temp_path_for(target).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]


def test_a_leftover_temporary_file_from_a_crash_is_replaced(tmp_path):
    target = tmp_path / "summary.pdf"
    temp_path_for(target).write_bytes(b"half of an older attempt")
    atomic_write(target, b"%PDF-complete")
    assert target.read_bytes() == b"%PDF-complete"
    assert not temp_path_for(target).exists()


def test_the_folder_is_fsynced_after_the_rename(tmp_path, monkeypatch):
    synced: list[str] = []
    real_fsync_path = files.fsync_path
    monkeypatch.setattr(files, "fsync_path", lambda p: (synced.append(Path(p).name), real_fsync_path(p)))
    atomic_write(tmp_path / "a.txt", "x")
    assert synced == [tmp_path.name]


def test_every_writer_uses_the_helper():
    """No module writes a file with os.replace, mkstemp, write_text/write_bytes or its own fsync helper: the
    rename goes through files.py (storage's SQLite copies through replace_durably/fsync_path)."""
    allowed_replace = {  # renames that move existing files aside, not writes
        "services/backups.py",
        "storage/cipher.py",
        "storage/opener.py",
    }
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel == "files.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bdef _?fsync\w*\(", text) or "mkstemp(" in text or "NamedTemporaryFile(" in text:
            offenders.append(rel)
        if re.search(r"\.write_(text|bytes)\(", text):
            offenders.append(rel)
        if "os.replace(" in text and rel not in allowed_replace:
            offenders.append(rel)
    assert offenders == []


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_atomic_copy_is_complete_private_and_leaves_the_old_file_on_failure(tmp_path, monkeypatch, failing):
    """The safety copy before a journal recovery (storage/recovery.py) goes through the same mechanism."""
    source = tmp_path / "diary.sqlite3"
    source.write_bytes(os.urandom(3 << 20))  # larger than one chunk
    target = tmp_path / "copy.sqlite3"
    files.atomic_copy(source, target, mode=0o600)
    assert target.read_bytes() == source.read_bytes() and not temp_path_for(target).exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    target.write_bytes(b"the old copy")

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(OSError, match="No space"):
        files.atomic_copy(source, target)
    monkeypatch.undo()
    assert target.read_bytes() == b"the old copy" and not temp_path_for(target).exists()
