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


def test_the_stand_in_has_the_companion_api_written_out_and_no_catch_all(filled, app_paths, clock):
    """DeferredCompanion has every member of CompanionApi on the class itself, and nothing else is forwarded:
    an unknown name fails at once instead of waiting for the diary to open."""
    import inspect

    from paincompanion.services.companion import CompanionApi
    from paincompanion.services.diary import DiaryService
    from paincompanion.services.startup import _DeferredDiary

    members = {n for n in vars(CompanionApi) if not n.startswith("_")}
    assert {"diary", "meds", "routines", "reports", "encryption", "all_or_nothing", "close"} <= members
    at_once = {"paths", "clock", "changed"}  # plain attributes, set when the stand-in is made
    assert all(hasattr(DeferredCompanion, name) for name in members - at_once)  # written out on the class
    assert "__getattr__" not in vars(DeferredCompanion) and "__getattr__" not in vars(_DeferredDiary)

    def methods(cls: type) -> dict[str, list[str]]:
        found = {n: f for n, f in vars(cls).items() if callable(f) and not n.startswith("_")}
        return {n: list(inspect.signature(f).parameters) for n, f in found.items()}

    assert methods(_DeferredDiary) == methods(DiaryService)

    deferred = open_for_gui(app_paths, clock)
    with pytest.raises(AttributeError):
        deferred.no_such_service  # noqa: B018
    with pytest.raises(AttributeError):
        deferred.diary.no_such_method  # noqa: B018
    assert all(name in vars(deferred) for name in at_once)
    assert not deferred.ready
    with Companion.open(app_paths, clock) as comp:
        assert all(hasattr(comp, name) for name in members)
    deferred.close()


def test_waiting_for_the_opening_on_the_main_thread_is_logged(filled, app_paths, clock):
    import logging

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("paincompanion.services.startup")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    old_disabled, logger.disabled = logger.disabled, False  # (a library's logging set-up may have disabled it)
    try:
        deferred = open_for_gui(app_paths, clock)
        assert deferred.meds.list_medications() == []  # a service beyond the first screen: waits for the real Companion
        deferred.close()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.disabled = old_disabled
    assert [r.getMessage().split(" waited ")[0] for r in records] == ["The main thread"]
