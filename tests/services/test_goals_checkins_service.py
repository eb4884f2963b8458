"""Goals and check-ins through the services: limits, undo, export and import round trip."""

import json
from datetime import date, timedelta

import pytest

from paincompanion.domain import checkins as ck
from paincompanion.errors import ValidationError
from paincompanion.services.checkins import RecordCheckinOp
from paincompanion.services.goals import AddGoalOp, GoalDoneOp, RateGoalOp
from paincompanion.services.transfer import export_json, import_file
from paincompanion.services.undo import UndoHistory


def test_at_most_three_open_goals_and_done_ones_need_no_rating(companion):
    ids = [companion.goals.add(w).id for w in ("garden", "walk the dog", "cook dinner")]
    with pytest.raises(ValidationError, match="3 open goals"):
        companion.goals.add("swim")
    companion.goals.set_done(ids[0])
    with pytest.raises(ValidationError, match="done"):
        companion.goals.rate(ids[0], 5)
    assert companion.goals.add("swim").what == "swim"
    assert [g.what for g in companion.goals.list_goals(include_done=False)] == ["walk the dog", "cook dinner", "swim"]


def test_goal_ops_undo_and_redo(companion):
    history = UndoHistory()
    add = AddGoalOp(companion.goals, "garden", "30 minutes", date(2026, 6, 1))
    history.run(add)
    goal_id = add.goal.id
    history.run(RateGoalOp(companion.goals, goal_id, 4))
    history.run(GoalDoneOp(companion.goals, goal_id))
    assert companion.goals.get(goal_id).done is not None
    history.undo()
    history.undo()
    assert companion.goals.get(goal_id).ratings == () and companion.goals.get(goal_id).is_open
    history.undo()
    assert companion.goals.list_goals() == []
    history.redo()
    assert companion.goals.get(goal_id).what == "garden"


def test_checkin_op_undo_redo_and_due_list(companion, clock):
    assert companion.checkins.due() == [ck.Kind.PHQ2, ck.Kind.GAD2, ck.Kind.SIDE_EFFECTS]
    history = UndoHistory()
    history.run(RecordCheckinOp(companion.checkins, ck.make_screen("phq2", clock.now(), 1, 2)))
    assert companion.checkins.due() == [ck.Kind.GAD2, ck.Kind.SIDE_EFFECTS]
    history.undo()
    assert companion.checkins.history() == []
    history.redo()
    assert companion.checkins.latest("phq2").total == 3
    assert companion.checkins.naloxone_at_home() is None
    companion.checkins.naloxone("yes")
    assert companion.checkins.naloxone_at_home() is True
    with pytest.raises(ValidationError, match="future"):
        companion.checkins.change(2, at=clock.now() + timedelta(days=1))


def test_export_and_import_round_trip_goals_and_checkins(companion, app_paths, tmp_path, clock):
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    goal = companion.goals.add("garden", "30 minutes", date(2026, 6, 1))
    companion.goals.rate(goal.id, 3, at=clock.now() - timedelta(days=7))
    companion.goals.rate(goal.id, 6)
    companion.checkins.screen("gad2", 2, 2)
    companion.checkins.side_effects(["nausea"])
    companion.checkins.change(2)
    companion.checkins.naloxone("no")
    out = tmp_path / "export.json"
    export_json(companion, out)
    doc = json.loads(out.read_text())
    assert doc["goals"][0]["ratings"][1]["progress"] == 6 and len(doc["checkins"]) == 4
    with Companion.open(AppPaths.in_dir(tmp_path / "other"), clock) as other:
        result = import_file(other, out)
        assert result.goals_checkins == 5
        again = tmp_path / "again.json"
        export_json(other, again)
        assert json.loads(again.read_text())["goals"] == doc["goals"]
        assert json.loads(again.read_text())["checkins"] == doc["checkins"]
        assert import_file(other, out).goals_checkins == 0  # nothing twice


def test_a_bad_checkin_in_an_export_is_skipped_with_a_reason(companion, tmp_path):
    path = tmp_path / "bad.json"
    bad = {"kind": "phq2", "at": "2026-03-01T10:00+01:00", "items": [4, 0]}
    path.write_text(json.dumps({"format": "paincompanion", "format_version": 1, "entries": [], "checkins": [bad]}))
    result = import_file(companion, path)
    assert result.goals_checkins == 0 and "0 to 3" in result.skipped[0]["reason"]
