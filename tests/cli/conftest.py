"""The CLI test runner: main([...]) on a private data dir, output captured, JSON parsed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from paincompanion.cli.main import main


def db_hash(data: Path) -> str | None:
    """sha256 of the database file (None when there is none): proves a failed command changed nothing."""
    db = data / "paincompanion.sqlite"
    return hashlib.sha256(db.read_bytes()).hexdigest() if db.exists() else None


def make_runner(data: Path, capsys, *, json_last: bool = False):
    """`run(*args, json_out=False) -> (exit code, stdout or parsed JSON, stderr)`; `run.data` is the folder."""

    def _run(*args, json_out=False):
        flag = ["--json"] if json_out else []
        argv = [*args, *flag] if json_last else [*flag, *args]
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, (json.loads(out) if json_out and code == 0 else out), err

    _run.data = data
    return _run


def diary_folder_from(template: Path, data: Path) -> Path:
    """`data` holding a copy of a freshly created diary (what the first command would make: every migration run
    once per test session instead of once per test). Tests of the first start itself use `run_in_new_folder`."""
    if data.exists():  # a second runner on the same folder
        return data
    data.mkdir(mode=0o700)
    (data / "backups").mkdir(mode=0o700)
    shutil.copy2(template, data / "paincompanion.sqlite")
    os.chmod(data / "paincompanion.sqlite", 0o600)
    return data


@pytest.fixture
def run(tmp_path, capsys, fresh_diary_file):
    return make_runner(diary_folder_from(fresh_diary_file, tmp_path / "data"), capsys)


@pytest.fixture
def run_in_new_folder(tmp_path, capsys):
    """Like `run`, on a folder that does not exist yet (the first command creates the diary)."""
    return make_runner(tmp_path / "data", capsys)


@pytest.fixture(name="db_hash")
def db_hash_fixture():
    return db_hash


@pytest.fixture
def run_json_last(tmp_path, capsys, fresh_diary_file):
    """Like `run`, but `--json` goes after the subcommand's arguments."""
    return make_runner(diary_folder_from(fresh_diary_file, tmp_path / "data"), capsys, json_last=True)
