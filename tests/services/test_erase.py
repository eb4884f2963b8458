"""Delete all my data: rows erased with secure_delete, every file the app made removed, nothing else touched."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.domain.medications import MedicationDraft
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.erase import DataErased, erase_everything, erase_files
from paincompanion.storage import wipe

SECRET = "ZEBRA-secret-note-4711"
SECRET_BYTES = [SECRET.encode(), SECRET.encode("utf-16-le")]


def _fill(companion, clock) -> None:
    for days in range(30):
        companion.diary.add(
            EntryDraft(at=clock.now() - timedelta(days=days), pain=days % 11, note=f"{SECRET} day {days} " + "x" * 300,
                       locations=(LocationPain("back-neck", 4),), triggers=(SECRET,))
        )  # fmt: skip
    med = companion.meds.add(MedicationDraft("Duloxetine", strength=60, notes=SECRET))
    companion.meds.take(med.id, clock.now(), "1", SECRET)
    companion.reports.set_questions(SECRET)


def _all_files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _holds_secret(data: bytes) -> bool:
    return any(s in data for s in SECRET_BYTES)


def test_everything_the_app_made_is_removed_and_reported(companion, clock, app_paths, tmp_path):
    _fill(companion, clock)
    companion.backups.create(reason="manual")
    companion.backups.create(reason="pre-import")
    data = app_paths.data
    neighbour = tmp_path / "next-to-the-data.txt"
    neighbour.write_text(SECRET)
    leftovers = [data / "paincompanion.sqlite.new", data / "paincompanion.sqlite-wal.orphaned",
                 data / ".paincompanion.sqlite.partial", app_paths.key_file, data / "ui-state.ini"]  # fmt: skip
    for path in leftovers:
        path.write_bytes(SECRET.encode())
    (app_paths.cache / "thumbs").mkdir(parents=True)
    (app_paths.cache / "thumbs" / "a.png").write_bytes(b"png")
    made = [p for p in _all_files(data) if not p.name.endswith(("sqlite-wal", "sqlite-shm"))]  # SQLite's own close

    report = erase_everything(companion)

    assert not data.exists()
    assert sorted(report.removed) == made
    assert report.sizes[app_paths.database] > 0 and report.total_bytes == sum(report.sizes.values())
    assert report.emptied[app_paths.database] > 60  # rows erased before the file went
    assert len([p for p in report.emptied if p.parent == app_paths.backups]) == 2
    assert set(report.folders) == {data, app_paths.backups, app_paths.cache, app_paths.cache / "thumbs"}
    assert report.failed == [] and report.kept == [] and report.complete
    assert neighbour.read_text() == SECRET  # outside the data folder: untouched
    text = "\n".join(report.lines())
    assert text.startswith(f"Deleted {len(made)} files") and str(app_paths.database) in text
    assert str(app_paths.key_file) in text and "Could NOT" not in text


def test_the_companion_cannot_bring_the_file_back(companion, clock, app_paths):
    _fill(companion, clock)
    erase_everything(companion)
    with pytest.raises(DataErased):
        companion.diary.list_entries()
    with pytest.raises(DataErased):
        companion.backups.maybe_backup()
    companion.close()  # what the app does on the way out: harmless
    assert not app_paths.data.exists()


def test_the_rows_are_zeroed_in_the_database_before_it_is_deleted(companion, clock, app_paths, tmp_path, monkeypatch):
    _fill(companion, clock)
    companion.backups.create(reason="manual")
    companion._db.checkpoint()
    assert _holds_secret(app_paths.database.read_bytes())  # the check below can fail
    seen: dict[str, bytes] = {}
    real_unlink = type(app_paths.database).unlink

    def look_then_unlink(path, *args, **kwargs):
        if path.exists() and not path.is_dir():
            seen[str(path)] = path.read_bytes()
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(type(app_paths.database), "unlink", look_then_unlink)
    erase_everything(companion)
    assert str(app_paths.database) in seen and any("backups" in name for name in seen)
    assert [name for name, content in seen.items() if _holds_secret(content)] == []


def test_an_encrypted_or_foreign_backup_is_deleted_without_being_read(companion, clock, app_paths):
    _fill(companion, clock)
    odd = app_paths.backups / "backup-2026-01-01-00.00.00.sqlite"
    odd.write_bytes(b"\x8f\x02random-looking encrypted bytes" * 50)
    report = erase_everything(companion)
    assert odd in report.removed and odd not in report.emptied
    assert not app_paths.data.exists()


def test_a_plain_backup_is_emptied_in_place(companion, clock, tmp_path):
    _fill(companion, clock)
    info = companion.backups.create(reason="manual")
    copy = tmp_path / "copy.sqlite"
    shutil.copy(info.path, copy)
    assert wipe.is_plain_sqlite(copy) and _holds_secret(copy.read_bytes())
    assert wipe.wipe_plain_file(copy) > 60
    assert not _holds_secret(copy.read_bytes())


def test_a_file_the_app_did_not_make_stays_and_so_does_its_folder(companion, clock, app_paths):
    _fill(companion, clock)
    mine = app_paths.data / "my-notes.txt"
    mine.write_text("keep me")
    report = erase_everything(companion)
    assert mine.read_text() == "keep me"
    assert report.kept == [mine] and report.failed == []
    assert app_paths.data not in report.folders and not app_paths.database.exists()
    assert "Left in place (not made by Pain Companion):" in report.lines()


def test_a_symlink_in_the_backups_is_removed_not_followed(companion, clock, app_paths, tmp_path):
    target = tmp_path / "elsewhere.sqlite"
    target.write_text("not ours")
    link = app_paths.backups / "backup-2026-01-01-00.00.00.sqlite"
    link.symlink_to(target)
    report = erase_everything(companion)
    assert target.read_text() == "not ours" and link in report.removed


def test_a_file_the_patient_put_in_backups_stays_and_is_named(companion, clock, app_paths):
    _fill(companion, clock)
    made = companion.backups.create(reason="manual").path
    theirs = [app_paths.backups / name for name in ("my-copy.sqlite", "backup-final.sqlite", "notes.txt")]
    shutil.copy(made, theirs[0])
    for path in theirs[1:]:
        path.write_text("the patient's own file")
    (app_paths.backups / "old").mkdir()
    report = erase_everything(companion)
    assert not made.exists() and made in report.removed and made in report.emptied
    assert all(path.exists() for path in theirs) and theirs[0] not in report.emptied
    assert theirs[0].read_bytes()[:16] == b"SQLite format 3\x00" and _holds_secret(theirs[0].read_bytes())
    assert sorted(report.kept) == sorted([*theirs, app_paths.backups / "old"])
    assert report.failed == [] and not app_paths.database.exists()
    text = "\n".join(report.lines())
    assert "Left in place (not made by Pain Companion):" in text and all(str(p) in text for p in theirs)


@pytest.mark.parametrize("why", ["newer", "damaged"])
def test_the_unopenable_copy_a_restore_kept_is_emptied_before_it_is_deleted(
    why, companion, clock, app_paths, monkeypatch
):
    import sqlite3

    from paincompanion.services.backups import restore_unopenable

    _fill(companion, clock)
    backup = companion.backups.create(reason="manual")
    companion.close()
    live = app_paths.database
    if why == "newer":  # a file SQLite opens, but the app refuses
        with sqlite3.connect(live) as con:
            con.execute("UPDATE alembic_version SET version_num = '0099_newer'")
        con.close()
    else:
        damaged = bytearray(live.read_bytes())
        damaged[18:20] = b"\x09\x09"  # file format bytes no SQLite accepts
        live.write_bytes(bytes(damaged))
    aside = restore_unopenable(app_paths, backup.path.name, clock.now())
    assert _holds_secret(aside.read_bytes())  # the check below can fail
    seen: dict[str, bytes] = {}
    real_unlink = type(aside).unlink

    def look_then_unlink(path, *args, **kwargs):
        if path.exists() and not path.is_dir():
            seen[str(path)] = path.read_bytes()
        return real_unlink(path, *args, **kwargs)

    comp = Companion.open(app_paths, clock)
    monkeypatch.setattr(type(aside), "unlink", look_then_unlink)
    report = erase_everything(comp)
    assert aside in report.removed and str(aside) in seen and not _holds_secret(seen[str(aside)])
    if why == "newer":
        assert report.emptied.get(aside, 0) > 60
    else:
        assert set(seen[str(aside)]) == {0} and any("overwritten with zeros" in note for note in report.notes)
    assert not app_paths.data.exists()


def test_a_file_that_cannot_be_deleted_is_reported_with_why(companion, clock, app_paths, monkeypatch):
    _fill(companion, clock)
    stuck = app_paths.data / "ui-state.ini"
    stuck.write_text("x")
    real_unlink = type(stuck).unlink

    def refuse(path, *args, **kwargs):
        if path == stuck:
            raise PermissionError(13, "Permission denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(type(stuck), "unlink", refuse)
    report = erase_everything(companion)
    assert report.failed == [(stuck, "Permission denied")] and not report.complete
    assert not app_paths.database.exists()
    assert any("Could NOT delete" in line for line in report.lines())


def test_a_folder_that_does_not_exist_reports_nothing_deleted(tmp_path):
    paths = AppPaths.in_dir(tmp_path / "never-made")
    report = erase_files(paths)
    assert report.nothing_deleted and report.removed == [] and report.failed == []
    assert report.lines() == [f"Nothing was deleted: there is no Pain Companion data in {paths.data}."]
    assert not paths.data.exists()


def test_files_are_removed_without_opening_when_the_database_cannot_be_opened(clock, tmp_path):
    paths = AppPaths.in_dir(tmp_path / "data")
    with Companion.open(paths, clock) as comp:
        comp.diary.add(EntryDraft(at=clock.now(), pain=3, note=SECRET))
    report = erase_files(paths)
    assert paths.database in report.removed and not paths.data.exists()


def test_the_guis_background_opening_companion_is_erased_too(clock, tmp_path):
    from paincompanion.services.startup import DeferredCompanion, open_for_gui

    paths = AppPaths.in_dir(tmp_path / "data")
    with Companion.open(paths, clock) as comp:
        _fill(comp, clock)
    deferred = open_for_gui(paths, clock)
    assert isinstance(deferred, DeferredCompanion)
    assert deferred.diary.count() == 30  # served by the start-up reader, the real companion not open yet
    report = erase_everything(deferred)
    assert paths.database in report.removed and report.emptied[paths.database] > 60
    assert not paths.data.exists()
    deferred.close()  # what the app does on the way out: nothing comes back
    assert not paths.data.exists()


@pytest.fixture
def default_paths(tmp_path, monkeypatch):
    """`AppPaths.default()` as a plain start makes them, with platformdirs pointed into tmp_path."""
    import platformdirs

    from paincompanion import logsetup
    from paincompanion.paths import HOME_ENV, LOG_DIR_ENV

    monkeypatch.delenv(HOME_ENV, raising=False)
    monkeypatch.delenv(LOG_DIR_ENV, raising=False)
    root = tmp_path / "home"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(root / "share" / "PainCompanion"))
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: str(root / "cache" / "PainCompanion"))
    monkeypatch.setattr(platformdirs, "user_log_dir", lambda *a, **k: str(root / "state" / "PainCompanion" / "log"))
    paths = AppPaths.default()
    assert paths.logs == root / "state" / "PainCompanion" / "log"
    logsetup.setup(paths.logs)
    yield paths
    logsetup.stop_file_logging()


def _log_something(paths) -> None:
    import logging

    from paincompanion import logsetup

    logging.getLogger("paincompanion.tests").warning("A test record")
    logsetup.flush()
    (paths.logs / "paincompanion.log.1").write_text("an older, rotated log\n")


def test_the_user_log_folder_of_a_default_start_is_cleared_and_listed(default_paths, clock):
    from paincompanion import logsetup

    companion = Companion.open(default_paths, clock)
    _fill(companion, clock)
    _log_something(default_paths)
    logs = default_paths.logs
    files = sorted(logs.iterdir())
    assert [p.name for p in files] == ["paincompanion.log", "paincompanion.log.1"]

    report = erase_everything(companion)

    assert all(path in report.removed for path in files)
    assert logs in report.folders and logs.parent in report.folders  # the empty "PainCompanion" parent too
    assert not logs.parent.exists() and logs.parent.parent.is_dir()  # ("state" is not the app's)
    lines = "\n".join(report.lines())
    assert str(logs / "paincompanion.log") in lines and str(logs) in lines
    assert report.complete and logsetup.log_file() is None
    import logging

    logging.getLogger("paincompanion.tests").error("After the erasure")  # nothing makes the log again
    assert not logs.exists()


def test_a_file_the_app_did_not_make_stays_in_the_log_folder(default_paths, clock):
    companion = Companion.open(default_paths, clock)
    _log_something(default_paths)
    mine = default_paths.logs / "my-own-notes.txt"
    mine.write_text("mine")

    report = erase_everything(companion)

    assert mine.read_text() == "mine" and report.kept == [mine]
    assert not (default_paths.logs / "paincompanion.log").exists()
    assert "my-own-notes.txt" in "\n".join(report.lines())


def test_files_only_erasure_clears_the_log_folder_too(default_paths, clock):
    Companion.open(default_paths, clock).close()
    _log_something(default_paths)
    report = erase_files(default_paths, "it would not open")
    assert not default_paths.logs.exists()
    assert default_paths.logs / "paincompanion.log.1" in report.removed
