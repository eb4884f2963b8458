"""The damaged-file dialog offers the newest good backup and restores it without touching the damaged file."""

from PySide6.QtCore import Qt

from paincompanion.domain.diary import EntryDraft
from paincompanion.errors import DatabaseError
from paincompanion.gui.dialogs.open_error_dialog import OpenErrorDialog
from paincompanion.services.companion import Companion


def _damaged_diary_with_backup(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    comp.diary.add(EntryDraft(at=clock.now(), pain=5, note="kept in the backup"))
    comp.backups.create()
    comp.close()
    for side in ("-wal", "-shm"):
        app_paths.database.with_name(app_paths.database.name + side).unlink(missing_ok=True)
    app_paths.database.write_bytes(b"scrambled" * 500)
    try:
        Companion.open(app_paths, clock)
    except DatabaseError as exc:
        return exc
    raise AssertionError("the damaged file opened")


def test_restore_button_puts_the_backup_back_and_keeps_the_damaged_file(qtbot, app_paths, clock):
    error = _damaged_diary_with_backup(app_paths, clock)
    dialog = OpenErrorDialog(error, app_paths.backups, paths=app_paths)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is not None and "Restore" in dialog.restore_button.text()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == OpenErrorDialog.DialogCode.Accepted
    assert dialog.restored_aside is not None
    assert dialog.restored_aside.read_bytes() == b"scrambled" * 500
    comp = Companion.open(app_paths, clock)
    assert [e.note for e in comp.diary.list_entries()] == ["kept in the backup"]
    comp.close()


def test_without_a_backup_there_is_nothing_to_restore(qtbot, app_paths, clock):
    app_paths.ensure_private_dirs()
    app_paths.database.write_bytes(b"scrambled" * 500)
    try:
        Companion.open(app_paths, clock)
    except DatabaseError as exc:
        error = exc
    dialog = OpenErrorDialog(error, app_paths.backups, paths=app_paths)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert app_paths.database.read_bytes() == b"scrambled" * 500


def test_a_damaged_encrypted_diary_is_restored_with_the_passphrase_and_stays_encrypted(
    qtbot, app_paths, clock, monkeypatch
):
    from paincompanion.storage import cipher_keys

    monkeypatch.setattr(cipher_keys, "PBKDF2_ITERATIONS", 1000)
    comp = Companion.open(app_paths, clock)
    comp.diary.add(EntryDraft(at=clock.now(), pain=4, note="kept in the encrypted backup"))
    comp.encryption.encrypt("correct horse battery")
    comp.backups.create(reason="manual")
    comp.close()
    data = bytearray(app_paths.database.read_bytes())
    data[4096 + 100 : 4096 + 400] = bytes(300)  # page 2 no longer authenticates
    app_paths.database.write_bytes(bytes(data))
    try:
        Companion.open(app_paths, clock, passphrase="correct horse battery")
    except DatabaseError as exc:
        error = exc
    else:
        raise AssertionError("the damaged file opened")
    dialog = OpenErrorDialog(error, app_paths.backups, paths=app_paths, passphrase="correct horse battery")
    qtbot.addWidget(dialog)
    assert dialog.restore_button is not None  # the encrypted backup is found and offered
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.restored_aside is not None and dialog.restored_aside.read_bytes() == bytes(data)
    with Companion.open(app_paths, clock, passphrase="correct horse battery") as again:
        assert again.encryption.enabled
        assert [e.note for e in again.diary.list_entries()] == ["kept in the encrypted backup"]


def test_a_locked_diary_is_never_offered_a_restore(qtbot, app_paths):
    from paincompanion.errors import DiaryLocked

    dialog = OpenErrorDialog(DiaryLocked("This diary is encrypted.", newest_backup="x.sqlite"), paths=app_paths)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
