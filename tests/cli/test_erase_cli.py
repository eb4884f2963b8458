"""`delete-all-data`: two confirmations on a terminal, a flag elsewhere, and a list of what was deleted."""

from __future__ import annotations

import io

import pytest

from paincompanion.cli.commands import erase as erase_command


@pytest.fixture
def filled(run):
    assert run("log", "--pain", "6", "--note", "private words")[0] == 0
    assert run("backup", "create")[0] == 0
    return run


def _terminal(monkeypatch, answers: str) -> None:
    monkeypatch.setattr(erase_command, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))


def test_without_a_terminal_the_flag_is_needed_and_nothing_is_deleted(filled, monkeypatch):
    monkeypatch.setattr(erase_command, "interactive", lambda: False)
    before = sorted(filled.data.rglob("*"))
    code, out, err = filled("delete-all-data")
    assert code == 1 and out == ""
    assert "--yes-delete-everything" in err and "nothing was deleted" in err
    assert sorted(filled.data.rglob("*")) == before


def test_with_the_flag_everything_goes_and_the_files_are_listed(filled, tmp_path):
    neighbour = tmp_path / "keep.txt"
    neighbour.write_text("mine")
    database = filled.data / "paincompanion.sqlite"
    code, out, _ = filled("delete-all-data", "--yes-delete-everything")
    assert code == 0
    assert out.startswith("Deleted ") and str(database) in out and "backups" in out
    assert not filled.data.exists() and neighbour.read_text() == "mine"


def test_json_lists_each_file_with_its_size(filled):
    code, report, _ = filled("delete-all-data", "--yes-delete-everything", json_out=True)
    assert code == 0
    paths = {item["path"]: item for item in report["removed"]}
    database = str(filled.data / "paincompanion.sqlite")
    assert paths[database]["bytes"] > 0 and paths[database]["rows_erased"] > 0
    assert any("/backups/" in p for p in paths) and report["failed"] == [] and report["kept"] == []
    assert str(filled.data) in report["folders"] and not filled.data.exists()


def test_on_a_terminal_typing_delete_then_yes_deletes(filled, monkeypatch):
    _terminal(monkeypatch, "delete\ny\n")
    code, out, err = filled("delete-all-data")
    assert code == 0 and 'Type "delete"' in err and "Are you sure?" in err
    assert "export --format json" in err  # suggests keeping a copy first
    assert out.startswith("Deleted ") and not filled.data.exists()


@pytest.mark.parametrize("answers", ["", "no\n", "Delete it\ny\n", "delete\n", "delete\nn\n", "delete\n\n"])
def test_on_a_terminal_anything_else_deletes_nothing(filled, monkeypatch, answers, db_hash):
    before = db_hash(filled.data)
    _terminal(monkeypatch, answers)
    code, out, err = filled("delete-all-data")
    assert code == 1 and out == "" and "Nothing was deleted." in err
    assert db_hash(filled.data) == before and filled("entries")[0] == 0


def test_a_data_dir_that_does_not_exist_reports_nothing_deleted(run_in_new_folder):
    run = run_in_new_folder
    code, out, _ = run("delete-all-data", "--yes-delete-everything")
    assert code == 0 and out.startswith("Nothing was deleted") and not run.data.exists()


def test_a_diary_that_cannot_be_opened_is_deleted_all_the_same(run_in_new_folder):
    run = run_in_new_folder
    run.data.mkdir()
    (run.data / "paincompanion.sqlite").write_bytes(b"this is not a database at all" * 10)
    code, out, _ = run("delete-all-data", "--yes-delete-everything")
    assert code == 0 and "could not be opened" in out and not run.data.exists()


def test_an_encrypted_diary_goes_with_its_key_file_even_without_the_passphrase(run, tmp_path, monkeypatch):
    monkeypatch.delenv("PAINCOMPANION_PASSPHRASE", raising=False)
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    assert run("log", "--pain", "4", "--note", "private words")[0] == 0
    assert run("encrypt", "--new-passphrase-file", str(secret))[0] == 0
    key_file = run.data / "paincompanion.key"
    assert key_file.exists()
    code, out, _ = run("delete-all-data", "--yes-delete-everything")
    assert code == 0 and "could not be opened to erase its rows first (This diary is encrypted" in out
    assert str(key_file) in out and not run.data.exists()


def test_an_encrypted_diary_opened_with_its_passphrase_is_emptied_first(run, tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("correct horse battery staple\n", encoding="utf-8")
    assert run("log", "--pain", "4", "--note", "private words")[0] == 0
    assert run("encrypt", "--new-passphrase-file", str(secret))[0] == 0
    code, report, _ = run("--passphrase-file", str(secret), "delete-all-data", "--yes-delete-everything",
                          json_out=True)  # fmt: skip
    assert code == 0 and report["notes"] == []
    database = {item["path"]: item for item in report["removed"]}[str(run.data / "paincompanion.sqlite")]
    assert database["rows_erased"] > 0 and not run.data.exists()
