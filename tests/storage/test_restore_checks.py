"""`backup restore` checks the candidate's revision and schema before anything is replaced; a plain text file is
"not a Pain Companion backup"; and if a replaced diary does not open, the message names the pre-restore copy."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from paincompanion.cli.main import main
from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import BackupError
from paincompanion.services.backups import restore_unopenable
from paincompanion.storage import backup as store
from paincompanion.storage.migrations import HEAD_REVISION, KNOWN_REVISIONS
from paincompanion.storage.probe import APPLICATION_ID

FIXTURES = Path(__file__).parent.parent / "fixtures" / "db_versions"


def _backup_copy(companion, tmp_path: Path, name: str = "candidate.sqlite") -> Path:
    info = companion.backups.create()
    copy = tmp_path / name
    shutil.copyfile(info.path, copy)
    return copy


def _edit(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    with con:
        for sql in statements:
            con.execute(sql)
    con.close()


def _state(companion) -> tuple[list[str], list[str]]:
    return [e.note for e in companion.diary.list_entries()], sorted(
        b.path.name for b in companion.backups.list_backups()
    )


@pytest.fixture
def diary(companion, clock):
    companion.diary.add(EntryDraft(at=clock.now(), pain=4, note="the diary as it is"))
    return companion


HOSTILE = {
    "newer": ("UPDATE alembic_version SET version_num = '0099_from_the_future'",),
    "no revision row": ("DELETE FROM alembic_version",),
    "no revision table": ("DROP TABLE alembic_version",),
    "two revisions": (f"INSERT INTO alembic_version VALUES ('{KNOWN_REVISIONS[0]}')",),
    "a table missing": ("DROP TABLE entry_tags",),
    "a column missing": ("ALTER TABLE entries DROP COLUMN note",),
    "an extra column": ("ALTER TABLE entries ADD COLUMN spy TEXT",),
    "an extra table": ("CREATE TABLE stolen (x)",),
    "a trigger": ("CREATE TRIGGER wipe AFTER INSERT ON entries BEGIN DELETE FROM entries; END",),
    "a view": ("CREATE VIEW v AS SELECT 1",),
}
MESSAGES = {"newer": "newer version", "no revision row": "no schema version", "no revision table": "no schema version",
            "two revisions": "no schema version"}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_newer_unknown_or_odd_candidate_is_refused_before_anything_is_replaced(case, diary, tmp_path):
    candidate = _backup_copy(diary, tmp_path)
    _edit(candidate, *HOSTILE[case])
    before = _state(diary)
    with pytest.raises(BackupError) as caught:
        diary.restore_backup(str(candidate))
    message = str(caught.value)
    assert MESSAGES.get(case, "does not have the tables of a Pain Companion diary") in message
    assert message.endswith("Your diary was not changed.")
    assert _state(diary) == before  # no pre-restore backup either: nothing was done


def test_a_forged_file_carrying_our_application_id_is_refused(diary, tmp_path):
    forged = tmp_path / "forged.sqlite"
    _edit(
        forged,
        f"PRAGMA application_id = {APPLICATION_ID}",
        "CREATE TABLE alembic_version (version_num TEXT)",
        f"INSERT INTO alembic_version VALUES ('{HEAD_REVISION}')",
        "CREATE TABLE entries (id INTEGER, note TEXT)",
    )
    with pytest.raises(BackupError, match="does not have the tables"):
        diary.restore_backup(str(forged))
    assert _state(diary)[0] == ["the diary as it is"]


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_every_released_revision_passes_the_check(revision, tmp_path):
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(FIXTURES / f"{revision}.sqlite", copy)
    assert store.check_restorable(copy) == revision


def test_an_older_backup_is_restored_and_upgraded(diary, tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURES / f"{KNOWN_REVISIONS[0]}.sqlite", old)
    safety = diary.restore_backup(str(old))
    assert diary.diary.count() == 4 and safety.reason == "pre-restore"


def test_a_plain_text_file_is_not_a_pain_companion_backup(diary, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("my pain was bad on Monday\n" * 50)
    with pytest.raises(BackupError) as caught:
        diary.restore_backup(str(text))
    assert "notes.txt is not a Pain Companion backup" in str(caught.value)
    assert "encrypted" not in str(caught.value)


def test_the_cli_says_a_text_file_is_not_a_backup_and_leaves_the_diary(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "log", "--pain", "3"]) == 0
    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    before = hashlib.sha256((data / "paincompanion.sqlite").read_bytes()).hexdigest()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "backup", "restore", str(text)]) != 0
    err = capsys.readouterr().err
    assert "not a Pain Companion backup" in err and "encrypted" not in err and "Traceback" not in err
    assert hashlib.sha256((data / "paincompanion.sqlite").read_bytes()).hexdigest() == before


def test_a_replaced_diary_that_does_not_open_names_the_pre_restore_copy(diary, tmp_path, monkeypatch):
    candidate = _backup_copy(diary, tmp_path)
    _edit(candidate, "UPDATE alembic_version SET version_num = '0099_from_the_future'")
    monkeypatch.setattr(store, "check_restorable", lambda *a, **k: HEAD_REVISION)  # as if a check let it through
    with pytest.raises(BackupError) as caught:
        diary.restore_backup(str(candidate))
    message = str(caught.value)
    assert "pre-restore" in message and "backup restore backup-" in message
    pre_restore = next(b for b in diary.backups.list_backups() if b.reason == "pre-restore")
    assert str(pre_restore.path) in message


def test_restoring_over_an_unopenable_diary_checks_the_candidate_too(diary, tmp_path, app_paths, clock):
    candidate = _backup_copy(diary, tmp_path)
    _edit(candidate, "UPDATE alembic_version SET version_num = '0099_from_the_future'")
    diary.close()
    app_paths.database.write_bytes(b"damaged" * 1000)
    with pytest.raises(BackupError, match="newer version.*Your diary was not changed"):
        restore_unopenable(app_paths, str(candidate), clock.now())
    assert app_paths.database.read_bytes() == b"damaged" * 1000
    assert not list(app_paths.data.glob("*unopenable*"))
