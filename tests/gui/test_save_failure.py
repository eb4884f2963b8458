"""A save that fails (disk full, write error) is shown, keeps everything typed, harms nothing, and works again later.

Saving runs on the GUI thread: one short transaction (a few ms, see benchmarks/save_entry.py), as
architecture.md allows for work under ~50 ms; so a failure is known before the form is touched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.gui.dialogs import entry_dialog
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.storage.database import StorageFailure

DISK_FULL = "The disk is full or cannot be written, so nothing was saved. Free some space and try again."


@pytest.fixture
def page(qtbot, ctx):
    widget = TodayPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def fill_in(page: TodayPage) -> None:
    page.form.pain.setValue(6)
    page.form.notes.setPlainText("knee worse after the stairs; this must not be lost")
    fields = page.form.ensure_details()
    fields.triggers.set_tags(["stairs", "cold weather"])
    fields.locations.set_locations([LocationPain("front-left-knee", 7)])


def test_failed_quick_save_keeps_every_field_then_saves_once_there_is_room(page, ctx, monkeypatch):
    diary = ctx.companion.diary
    earlier = diary.add(EntryDraft(at=ctx.companion.clock.now() - timedelta(hours=2), pain=3, note="before"))
    fill_in(page)

    def disk_full(draft):
        raise StorageFailure(DISK_FULL)

    monkeypatch.setattr(diary, "add", disk_full)
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert page.message.isVisible() and page.message.is_error
    assert page.message.text() == f"Not saved: {DISK_FULL}"
    assert page.form.notes.toPlainText() == "knee worse after the stairs; this must not be lost"
    assert page.form.pain.value() == 6
    fields = page.form.fields
    assert fields is not None and fields.triggers.tags() == ("stairs", "cold weather")
    assert [loc.region for loc in fields.locations.locations()] == ["front-left-knee"]
    assert ctx.undo_stack.count() == 0
    assert diary.ids() == [earlier.id] and diary.get(earlier.id) == earlier  # what was saved is untouched

    monkeypatch.undo()  # there is room again: the same click saves what was typed
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert not page.message.is_error and page.message.text().startswith("Saved at")
    saved = [e for e in diary.today() if e.id != earlier.id]
    assert len(saved) == 1
    assert saved[0].note == "knee worse after the stairs; this must not be lost"
    assert set(saved[0].triggers) == {"stairs", "cold weather"} and saved[0].locations[0].region == "front-left-knee"
    assert page.form.notes.toPlainText() == ""  # emptied only after the save worked


def test_failed_edit_from_today_reopens_the_form_with_the_changes_and_the_reason(page, ctx, monkeypatch):
    diary = ctx.companion.diary
    entry = diary.add(EntryDraft(at=ctx.companion.clock.now() - timedelta(minutes=30), pain=4, note="first"))
    page.entries.setCurrentRow(0)
    seen: list[tuple[str, bool, str]] = []

    def scripted_exec(dialog):
        if not seen:
            dialog.form.notes.setPlainText("changed: much worse now")
            seen.append(("", False, ""))
            return QDialog.DialogCode.Accepted
        seen.append((dialog.message.text(), dialog.message.is_error, dialog.form.notes.toPlainText()))
        return QDialog.DialogCode.Rejected

    def write_error(entry_id, draft):
        raise StorageFailure(DISK_FULL)

    monkeypatch.setattr(entry_dialog.EntryDialog, "exec", scripted_exec)
    monkeypatch.setattr(diary, "update", write_error)
    page.edit_selected()

    assert seen[1] == (f"Not saved: {DISK_FULL}", True, "changed: much worse now")
    assert diary.get(entry.id) == entry
    assert ctx.undo_stack.count() == 0


# --- a real full disk, in a child process (a file-size limit stands in for the disk) ----------------

REAL_DISK_FULL = r"""
import json, resource, signal, sys
from datetime import timedelta
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from paincompanion.gui.change_bus import ChangeBus
from paincompanion.gui.context import GuiContext
from paincompanion.gui.pages.today_page import TodayPage
from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion

signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
app = QApplication([])
comp = Companion.open(AppPaths.in_dir(sys.argv[1]))
page = TodayPage(GuiContext(companion=comp, bus=ChangeBus(comp), undo_stack=QUndoStack()))
page.show()
app.processEvents()
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (400_000, hard))
saved, failure = [], None
for n in range(5_000):
    note = f"entry {n} " + "words typed with care " * 150
    page.form.pain.setValue(n % 11)
    page.form.notes.setPlainText(note)
    page.save()
    if page.message.is_error:
        failure = {"message": page.message.text(), "visible": page.message.isVisible(),
                   "kept": page.form.notes.toPlainText() == note, "pain": page.form.pain.value() == n % 11}
        break
    saved.append(note)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
page.save()  # the same text again, now that there is room
after = {"error": page.message.is_error, "form_empty": page.form.notes.toPlainText() == ""}
stored = [e.note for e in comp.diary.list_entries(newest_first=False)]
report = comp.backups.check()
comp.close()
print(json.dumps({"saved": saved, "failure": failure, "after": after, "stored": stored, "ok": report.ok}))
"""


def test_a_real_full_disk_in_the_today_page(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", REAL_DISK_FULL, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=150,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    failure = data["failure"]
    assert failure is not None, "the file-size limit never made a save fail"
    assert failure["visible"] and "disk is full" in failure["message"]
    assert failure["kept"] and failure["pain"]
    assert len(data["saved"]) >= 5
    assert data["after"] == {"error": False, "form_empty": True}
    assert data["stored"][:-1] == data["saved"]  # everything acknowledged is there, in order
    assert data["stored"][-1].startswith(f"entry {len(data['saved'])} ")  # the kept text, saved after all
    assert data["ok"]
