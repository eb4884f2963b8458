"""The data folder: the app sets modes only on folders it creates; a folder given with --data-dir or
PAINCOMPANION_HOME that already holds other things gets the diary in its subfolder PainCompanion."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from paincompanion.cli.main import main
from paincompanion.paths import HOME_ENV, SUBFOLDER, AppPaths
from paincompanion.services.companion import Companion


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shared(tmp_path) -> Path:
    """A group folder: rwx for the group, setgid (what a shared 'family' folder often is)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o2775)
    assert _mode(folder) == 0o2775
    return folder


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_an_existing_empty_folder_keeps_its_mode_and_the_diary_files_are_private(shared, clock):
    paths = AppPaths.in_dir(shared)
    assert paths.data == shared
    Companion.open(paths, clock).close()
    assert _mode(shared) == 0o2775  # group access and setgid kept
    assert _mode(paths.database) == 0o600 and _mode(paths.backups) == 0o700


def test_a_read_only_command_does_not_change_the_mode_of_the_folder(shared, capsys):
    assert main(["--data-dir", str(shared), "log", "--pain", "3"]) == 0
    os.chmod(shared, 0o2775)
    assert main(["--data-dir", str(shared), "db", "version"]) == 0
    assert _mode(shared) == 0o2775


def test_a_folder_with_other_things_gets_the_diary_in_a_subfolder(shared, clock, monkeypatch):
    photo = shared / "holiday.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    paths = AppPaths.in_dir(shared)
    assert paths.data == shared / SUBFOLDER
    Companion.open(paths, clock).close()
    assert _mode(shared) == 0o2775 and photo.read_bytes() == b"\xff\xd8 a photo"
    assert sorted(p.name for p in shared.iterdir()) == [SUBFOLDER, "holiday.jpg"]
    assert _mode(paths.data) == 0o700 and _mode(paths.database) == 0o600
    assert AppPaths.in_dir(shared) == paths  # found there again next time
    monkeypatch.setenv(HOME_ENV, str(shared))
    assert AppPaths.default() == paths


def test_a_folder_that_already_holds_a_diary_keeps_it_there(tmp_path, clock):
    folder = tmp_path / "mine"
    Companion.open(AppPaths.in_dir(folder), clock).close()
    (folder / "notes.txt").write_text("my own notes, next to the diary")
    assert AppPaths.in_dir(folder).data == folder


def test_file_manager_clutter_does_not_count_as_content(tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\0")
    assert AppPaths.in_dir(folder).data == folder


def test_new_folders_are_private_whatever_the_umask(tmp_path, clock, open_umask):
    paths = AppPaths.in_dir(tmp_path / "a" / "b" / "diary")
    Companion.open(paths, clock).close()
    assert _mode(paths.data) == 0o700 and _mode(paths.backups) == 0o700
    assert _mode(paths.database) == 0o600
