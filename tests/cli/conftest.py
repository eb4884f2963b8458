"""The CLI test runner: main([...]) on a private data dir, output captured, JSON parsed."""

from __future__ import annotations

import hashlib
import json
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


@pytest.fixture
def run(tmp_path, capsys):
    return make_runner(tmp_path / "data", capsys)


@pytest.fixture(name="db_hash")
def db_hash_fixture():
    return db_hash


@pytest.fixture
def run_json_last(tmp_path, capsys):
    """Like `run`, but `--json` goes after the subcommand's arguments."""
    return make_runner(tmp_path / "data", capsys, json_last=True)
