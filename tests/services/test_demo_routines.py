"""Demo data includes a routine history: a few sessions a week, some partly done, breathing helps a little."""

from paincompanion.services.demo import fill_demo


def test_demo_adds_a_realistic_routine_history(companion):
    fill_demo(companion, 1)
    sessions = companion.routines.sessions()
    weeks = 365 / 7
    assert 2 * weeks <= len(sessions) <= 4 * weeks
    assert any(s.partly_done for s in sessions) and sum(s.partly_done for s in sessions) < len(sessions) / 4
    assert any(s.before is None for s in sessions) and any(s.note for s in sessions)
    effects = {e.routine_id: e for e in companion.routines.what_helps()}
    assert -2 < effects["belly-breathing"].mean_change < -0.3
    assert effects["belly-breathing"].mean_change < effects["walking-starter-10"].mean_change
    newest = sessions[0].started
    assert newest.date() < companion.clock.now().date() and newest.utcoffset() is not None


def test_demo_routine_history_is_deterministic(tmp_path, clock):
    from paincompanion.paths import AppPaths
    from paincompanion.services.companion import Companion

    runs = []
    for name in ("a", "b"):
        with Companion.open(AppPaths.in_dir(tmp_path / name), clock) as comp:
            fill_demo(comp, 0.3)
            runs.append([(s.routine_id, s.started, s.before, s.after) for s in comp.routines.sessions()])
    assert runs[0] == runs[1] and runs[0]
