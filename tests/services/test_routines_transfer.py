"""JSON export/import: sessions, worksheets, favourites and user routines round-trip losslessly."""

import json
from datetime import datetime, timedelta, timezone

from paincompanion.paths import AppPaths
from paincompanion.services.companion import Companion
from paincompanion.services.transfer import export_json, import_file

IST = timezone(timedelta(hours=5, minutes=30))


def _state(comp):
    r = comp.routines
    sessions = [(s.routine_id, s.title, s.started.isoformat(), s.minutes, s.before, s.after, s.note,
                 s.completed_steps, s.total_steps) for s in r.sessions()]  # fmt: skip
    sheets = [(w.routine_id, w.title, w.at.isoformat(), w.answers) for w in r.worksheets()]
    return sessions, sheets, r.favourites(), r.user_routines()


def test_routine_data_round_trips_and_a_reimport_adds_nothing(companion, tmp_path, clock):
    r = companion.routines
    mine = r.save_user_routine(r.library().get("belly-breathing").as_user_copy("calm", "Calm ✨"))
    r.log_session(mine.id, datetime(2026, 3, 1, 22, 15, tzinfo=IST), before=7, after=5, note="עברית 😀\nline 2",
                  completed_steps=2, total_steps=5)  # fmt: skip
    r.log_session("body-scan", clock.now(), before=None, after=None, completed_steps=10, total_steps=10)
    r.save_worksheet("thought-record", {"situation": "Stairs", "rerating": "4"}, datetime(2026, 3, 2, 8, tzinfo=IST))
    r.set_favourite(mine.id, True)
    r.set_favourite("body-scan", True)
    path = tmp_path / "out.json"
    export_json(companion, path)
    with Companion.open(AppPaths.in_dir(tmp_path / "other"), clock) as other:
        import_file(other, path)
        assert _state(other) == _state(companion)
        import_file(other, path)
        assert _state(other) == _state(companion)


def test_an_export_without_routines_still_imports(companion, tmp_path, clock):
    from paincompanion.domain.diary import EntryDraft

    companion.diary.add(EntryDraft(at=clock.now(), pain=4))
    path = tmp_path / "old.json"
    export_json(companion, path)
    doc = json.loads(path.read_text())
    del doc["routines"]
    path.write_text(json.dumps(doc))
    with Companion.open(AppPaths.in_dir(tmp_path / "other"), clock) as other:
        result = import_file(other, path)
        assert result.entries == 1 and other.routines.sessions() == [] and not result.skipped
