"""The GUI's fast start: first-screen reads without SQLAlchemy, the real Companion opened afterwards."""

import subprocess
import sys
from datetime import timedelta

import pytest

from paincompanion.domain.diary import EntryDraft, LocationPain
from paincompanion.errors import NotADatabase
from paincompanion.services.companion import Companion
from paincompanion.services.startup import DeferredCompanion, open_for_gui


@pytest.fixture
def filled(app_paths, clock):
    comp = Companion.open(app_paths, clock)
    now = clock.now()
    comp.diary.add(EntryDraft(at=now - timedelta(days=1), pain=3, note="yesterday"))
    comp.diary.add(
        EntryDraft(
            at=now - timedelta(hours=2),
            pain=6,
            locations=(LocationPain("left knee", 7),),
            qualities=("aching",),
            triggers=("stress",),
            helped=("walk",),
            note="morning",
        )
    )
    comp.diary.add(EntryDraft(at=now - timedelta(minutes=5), pain=4, note="now"))
    comp.diary.add_peg(5, 5, 5, at=now - timedelta(days=8))
    expected = {
        "today": comp.diary.today(),
        "pegs": comp.diary.peg_history(1),
        "count": comp.diary.count(),
        "triggers": comp.diary.suggestions("trigger"),
    }
    comp.close()
    return expected


def test_first_screen_reads_match_the_real_service_before_opening(filled, app_paths, clock):
    deferred = open_for_gui(app_paths, clock)
    assert isinstance(deferred, DeferredCompanion)
    assert not deferred.ready
    assert deferred.diary.today() == filled["today"]
    assert deferred.diary.peg_history(limit=1) == filled["pegs"]
    assert deferred.diary.peg_due()
    assert deferred.diary.count() == filled["count"]
    assert deferred.diary.suggestions("trigger") == filled["triggers"]
    assert not deferred.ready  # none of that needed the real Companion
    deferred.close()


def test_writes_wait_for_the_real_companion_and_share_its_signal(filled, app_paths, clock):
    deferred = open_for_gui(app_paths, clock)
    seen = []
    deferred.changed.connect(seen.append)
    entry = deferred.diary.add(EntryDraft(at=clock.now(), pain=2, note="typed at once"))
    assert deferred.ready and seen and seen[0].entries
    assert deferred.diary.get(entry.id).note == "typed at once"
    assert deferred.backups.check().ok
    deferred.close()


def test_a_bad_file_is_refused_before_anything_is_shown(app_paths, clock):
    app_paths.ensure_private_dirs()
    app_paths.database.write_bytes(b"not a database" * 100)
    with pytest.raises(NotADatabase):
        open_for_gui(app_paths, clock)
    assert app_paths.database.read_bytes() == b"not a database" * 100


def test_a_new_diary_is_opened_directly(app_paths, clock):
    comp = open_for_gui(app_paths, clock)
    assert isinstance(comp, Companion)
    comp.close()


def test_the_fast_path_does_not_import_sqlalchemy(filled, app_paths):
    code = (
        "import sys\n"
        "from paincompanion.paths import AppPaths\n"
        "from paincompanion.services.startup import open_for_gui\n"
        f"c = open_for_gui(AppPaths.in_dir({str(app_paths.data)!r}))\n"
        "c.diary.today(); c.diary.peg_due(); c.diary.count()\n"
        "assert not [m for m in sys.modules if m.startswith('sqlalchemy')]\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
