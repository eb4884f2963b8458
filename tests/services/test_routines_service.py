"""RoutineService: the session log, what helps, favourites, user routines, worksheets, notifications and undo."""

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.domain.changes import ALL, Changes
from paincompanion.domain.routines import routine_to_dict
from paincompanion.errors import NotFound, ValidationError
from paincompanion.services.routines_undo import DeleteSessionOp, DeleteWorksheetOp, LogSessionOp, SaveWorksheetOp

CET = timezone(timedelta(hours=1))
IST = timezone(timedelta(hours=5, minutes=30))


@pytest.fixture
def routines(companion):
    return companion.routines


@pytest.fixture
def seen(companion):
    got = []
    companion.changed.connect(got.append)
    return got


def _log(routines, rid="belly-breathing", day=1, before=6, after=4, done=5, total=5, tz=CET, hour=9):
    return routines.log_session(
        rid, datetime(2026, 3, day, hour, 0, tzinfo=tz), before=before, after=after,
        completed_steps=done, total_steps=total,
    )  # fmt: skip


def test_changes_has_a_routines_flag():
    assert Changes(routines=True).any_changed and not Changes().any_changed
    assert (Changes(entries=True) | Changes(routines=True)) == Changes(entries=True, routines=True)
    assert ALL.routines


def test_log_list_delete_restore(routines, seen):
    a = _log(routines, day=1, tz=IST, hour=23)
    b = _log(routines, "body-scan", day=2, before=None, after=None, done=4, total=10)
    assert seen == [Changes(routines=True)] * 2
    assert (a.title, a.kind, a.minutes, a.partly_done) == ("Slow belly breathing", "relaxation", 5, False)
    assert b.partly_done and b.minutes == 4  # 10 minutes, 4 of 10 steps
    assert [s.id for s in routines.sessions()] == [b.id, a.id]
    assert routines.sessions_on_day(date(2026, 3, 1)) == [a]  # the local day of the start, in its own offset
    assert routines.sessions(date(2026, 3, 2), date(2026, 3, 31)) == [b]
    assert routines.sessions()[1].started.isoformat() == "2026-03-01T23:00:00+05:30"
    gone = routines.delete_session(a.id)
    assert gone == a and routines.sessions() == [b]
    assert routines.restore_session(gone) == a and routines.sessions() == [b, a]
    with pytest.raises(NotFound):
        routines.delete_session(999)


@pytest.mark.parametrize(
    "kwargs",
    [{"before": 11}, {"after": -1}, {"before": True}, {"done": 6, "total": 5}, {"tz": None}],
)
def test_bad_sessions_are_refused_and_save_nothing(routines, seen, kwargs):
    with pytest.raises(ValidationError):
        _log(routines, **kwargs)
    assert routines.sessions() == [] and seen == []


def test_unknown_routine_is_not_found(routines):
    with pytest.raises(NotFound):
        _log(routines, "no-such-routine")
    assert routines.sessions() == []


def test_what_helps_needs_three_rated_sessions_and_computes_the_mean_exactly(routines):
    for day, (before, after) in enumerate([(6, 4), (7, 6), (5, 5)], start=1):  # changes -2, -1, 0 → mean -1
        _log(routines, day=day, before=before, after=after)
    _log(routines, day=4, before=None, after=3)  # not both ratings: ignored
    for day, (before, after) in enumerate([(3, 5), (4, 5)], start=5):  # only 2 rated sessions: not shown
        _log(routines, "body-scan", day=day, before=before, after=after, done=10, total=10)
    _log(routines, "body-scan", day=8, before=4, after=None, done=10, total=10)
    effects = routines.what_helps()
    assert [(e.routine_id, e.n, e.mean_change) for e in effects] == [("belly-breathing", 3, -1.0)]
    assert [(e.routine_id, e.mean_change) for e in routines.what_helps(min_sessions=2)] == [
        ("belly-breathing", -1.0),
        ("body-scan", 1.5),
    ]


def test_favourites(routines, seen):
    routines.set_favourite("body-scan", True)
    routines.set_favourite("body-scan", True)
    assert routines.favourites() == {"body-scan"}
    assert len(seen) == 1
    routines.set_favourite("body-scan", False)
    assert routines.favourites() == set()
    with pytest.raises(NotFound):
        routines.set_favourite("no-such-routine", True)


def test_user_routines_get_a_user_id_never_overwrite_bundled_ones_and_are_validated(routines):
    bundled = routines.library().get("belly-breathing")
    saved = routines.save_user_routine(bundled.as_user_copy("belly-breathing", "My breathing"))
    assert (saved.id, saved.origin) == ("user-belly-breathing", "user")
    lib = routines.library()
    assert lib.get("belly-breathing") == bundled  # the bundled one is untouched
    assert lib.get("user-belly-breathing").title == "My breathing"
    assert len(lib) == len(routines.bundled()) + 1
    with pytest.raises(ValidationError):
        routines.save_user_routine(replace(bundled, id="user-x", title=""))
    with pytest.raises(ValidationError):
        routines.save_user_routine(replace(bundled, id="user-x", steps=()))
    renamed = routines.save_user_routine(replace(saved, title="Breathing, slower"))
    assert [r.title for r in routines.user_routines()] == ["Breathing, slower"]
    assert routine_to_dict(routines.library().get(renamed.id))["origin"] == "user"
    routines.set_favourite(saved.id, True)
    assert routines.delete_user_routine(saved.id).id == saved.id
    assert routines.user_routines() == [] and routines.favourites() == set()
    with pytest.raises(NotFound):
        routines.delete_user_routine("belly-breathing")


def test_a_logged_user_routine_keeps_its_title_after_deletion(routines):
    bundled = routines.library().get("belly-breathing")
    mine = routines.save_user_routine(bundled.as_user_copy("my-breath", "Mine"))
    _log(routines, mine.id)
    routines.delete_user_routine(mine.id)
    assert [(s.routine_id, s.title) for s in routines.sessions()] == [("user-my-breath", "Mine")]


def test_worksheets_crud(routines, clock, seen):
    first = routines.save_worksheet("thought-record", {"situation": "Stairs", "rerating": "4"})
    assert first.at == clock.now() and first.title == routines.library().get("thought-record").title
    at = datetime(2026, 3, 1, 20, 0, tzinfo=IST)
    plan = routines.save_worksheet(
        "pacing-plan", {f.id: "x" for f in routines.library().get("pacing-plan").worksheet}, at
    )
    assert [w.id for w in routines.worksheets()] == [first.id, plan.id]
    assert routines.worksheets("pacing-plan") == [plan] and plan.at.isoformat() == "2026-03-01T20:00:00+05:30"
    edited = routines.save_worksheet("thought-record", {"situation": "Stairs again"}, worksheet_id=first.id)
    assert edited.id == first.id and edited.at == first.at
    assert routines.get_worksheet(first.id).answers == {"situation": "Stairs again"}
    with pytest.raises(ValidationError):
        routines.save_worksheet("thought-record", {"not-a-field": "?"})
    with pytest.raises(ValidationError):
        routines.save_worksheet("belly-breathing", {"situation": "?"})
    assert routines.delete_worksheet(plan.id) == plan
    assert routines.worksheets() == [edited]
    with pytest.raises(NotFound):
        routines.delete_worksheet(plan.id)
    assert seen and all(c == Changes(routines=True) for c in seen)


def test_undo_log_and_delete_session(routines):
    op = LogSessionOp(routines, "belly-breathing", datetime(2026, 3, 9, 8, 0, tzinfo=CET), 6, 4, 3, 5, note="calm")
    op.apply()
    logged = routines.sessions()
    assert [(s.note, s.partly_done) for s in logged] == [("calm", True)]
    op.revert()
    assert routines.sessions() == []
    op.apply()
    assert routines.sessions() == logged  # redo puts back the same session (same id)
    delete = DeleteSessionOp(routines, logged[0].id)
    delete.apply()
    assert routines.sessions() == []
    delete.revert()
    assert routines.sessions() == logged


def test_undo_worksheet_ops(routines):
    op = SaveWorksheetOp(routines, "thought-record", {"situation": "A"})
    op.apply()
    [first] = routines.worksheets()
    op.revert()
    assert routines.worksheets() == []
    op.apply()
    assert routines.worksheets() == [first]
    edit = SaveWorksheetOp(routines, "thought-record", {"situation": "B"}, worksheet_id=first.id)
    edit.apply()
    assert routines.get_worksheet(first.id).answers == {"situation": "B"}
    edit.revert()
    assert routines.get_worksheet(first.id) == first
    delete = DeleteWorksheetOp(routines, first.id)
    delete.apply()
    assert routines.worksheets() == []
    delete.revert()
    assert routines.worksheets() == [first]
