"""The bundled routines library: enough routines of each sort, each one complete, safe in tone, sourced."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from paincompanion.domain.routines import CONDITIONS, FieldType, RoutineKind, routine_from_dict, routine_to_dict
from paincompanion.errors import NotFound, ValidationError
from paincompanion.routines import LibraryError, load_library, load_library_from

LIB = load_library()
ROUTINES = LIB.all()
FOLDER = Path(str(resources.files("paincompanion").joinpath("data", "routines")))
COPING_KINDS = set(RoutineKind) - {RoutineKind.EXERCISE}
#: Words that promise too much or push too hard; checked in every text of every routine.
FORBIDDEN = re.compile(
    r"\bcur(e|es|ed|ing)\b|\bheal(s|ed)?\b|guarantee|miracle|pain[- ]free|no pain,? no gain|push through|"
    r"\bfix(es|ed)? (your|the) pain|\bmust\b",
    re.I,
)


def _texts(routine):
    yield routine.title
    yield routine.summary
    yield routine.flare_tip
    for step in routine.steps:
        yield step.text
    yield from routine.safety.stop_if
    yield from routine.safety.see_doctor_if
    yield from routine.safety.good_to_know
    for wf in routine.worksheet:
        yield wf.label
        yield wf.help


def test_enough_routines_of_each_sort():
    assert len(ROUTINES) >= 24
    assert sum(r.kind is RoutineKind.EXERCISE for r in ROUTINES) >= 10
    assert sum(r.kind in COPING_KINDS for r in ROUTINES) >= 10
    assert set(LIB.kinds()) == set(RoutineKind)


def test_the_issue_s_named_routines_are_all_there():
    ids = {r.id for r in ROUTINES}
    assert {
        "belly-breathing", "progressive-muscle-relaxation", "body-scan", "breathing-space-3-minutes",
        "thought-record", "pacing-plan", "pleasant-activities", "problem-solving", "sleep-wind-down",
        "values-small-steps", "flare-up-plan", "fibromyalgia-very-gentle-start", "walking-starter-10",
    } <= ids  # fmt: skip
    exercise_conditions = {c for r in ROUTINES if r.kind is RoutineKind.EXERCISE for c in r.conditions}
    assert {"low-back-pain", "neck-pain", "knee-osteoarthritis", "hip-osteoarthritis", "fibromyalgia"} <= (
        exercise_conditions
    )


def test_exercise_routines_come_in_gentle_and_beginner_variants_per_condition():
    for condition in ("low-back-pain", "neck-pain", "knee-osteoarthritis", "hip-osteoarthritis"):
        levels = {r.level.value for r in LIB.search(kind="exercise", condition=condition)}
        assert {"gentle", "beginner"} <= levels, condition


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_every_routine_is_complete(routine):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", routine.id)
    assert routine.origin == "bundled"
    assert len(routine.steps) >= 3
    assert routine.safety.stop_if and routine.safety.see_doctor_if
    assert routine.sources and all(s.url or s.doi or s.pmid for s in routine.sources)
    assert routine.summary and routine.conditions and set(routine.conditions) <= set(CONDITIONS)
    assert routine.flare_tip, "every routine says what to do on a flare day"
    for step in routine.steps:
        assert step.text.strip() and len(step.text) <= 200, step.text
        assert step.seconds is None or step.seconds > 0
        assert step.repetitions is None or step.repetitions > 0
        assert step.side in (None, "left", "right")
    assert routine.minutes > 0


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_minutes_match_the_timed_steps(routine):
    timed_minutes = routine.timed_seconds / 60
    assert timed_minutes <= routine.minutes + 1
    if all(step.timed for step in routine.steps):
        assert abs(timed_minutes - routine.minutes) <= max(1.0, 0.2 * routine.minutes)


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_no_promises_and_no_pushing(routine):
    for text in _texts(routine):
        assert not FORBIDDEN.search(text), text


def test_exercise_flare_tips_say_reduce_dont_stop():
    for routine in LIB.search(kind="exercise"):
        assert "reduce, don't stop" in routine.flare_tip.lower(), routine.id


def test_exercise_routines_name_the_red_flags():
    for routine in LIB.search(kind="exercise"):
        doctor = " ".join(routine.safety.see_doctor_if).lower()
        assert "weakness" in doctor or "numbness" in doctor, routine.id
        stop = " ".join(routine.safety.stop_if).lower()
        assert "chest" in stop, routine.id


def test_thinking_routines_point_to_crisis_help():
    for routine in ROUTINES:
        if routine.kind in (RoutineKind.CBT, RoutineKind.MINDFULNESS):
            assert any("harming yourself" in item for item in routine.safety.see_doctor_if), routine.id


def test_ids_are_unique_across_files():
    ids = []
    for path in sorted(FOLDER.glob("*.json")):
        if path.name != "library.json":
            ids += [item["id"] for item in json.loads(path.read_text())["routines"]]
    assert len(ids) == len(set(ids)) == len(ROUTINES)


def _fields(routine_id):
    return [(f.id, f.type) for f in LIB.get(routine_id).worksheet]


def test_worksheet_fields():
    text, score, minutes = FieldType.TEXT, FieldType.SCORE, FieldType.MINUTES
    assert _fields("thought-record")[:8] == [
        ("situation", text), ("automatic_thought", text), ("emotion", text), ("emotion_strength", score),
        ("evidence_for", text), ("evidence_against", text), ("balanced_thought", text), ("rerating", score),
    ]  # fmt: skip
    assert _fields("pacing-plan")[:4] == [
        ("activity", text), ("baseline_minutes", minutes), ("quota_minutes", minutes),
        ("weekly_increase_minutes", minutes),
    ]  # fmt: skip
    assert [f for f, _ in _fields("flare-up-plan")] == [
        "early_signs", "what_helps", "what_to_reduce", "who_to_contact", "notes",
    ]  # fmt: skip
    assert {r.id for r in ROUTINES if r.is_worksheet} == {"thought-record", "pacing-plan", "flare-up-plan"}
    assert all(f.label and f.help for r in ROUTINES for f in r.worksheet)


def test_every_registered_source_is_cited_and_has_a_status():
    cited = {s.id for r in ROUTINES for s in r.sources}
    assert cited == set(LIB.sources)
    assert all(isinstance(s.verified, bool) and s.note for s in LIB.sources.values())
    assert sum(s.verified for s in LIB.sources.values()) >= 20


def test_readme_states_the_version_and_counts():
    readme = (FOLDER / "README.md").read_text()
    assert f"Version **{LIB.version}**" in readme
    assert f"{len(ROUTINES)} guided routines" in readme
    verified = sum(s.verified for s in LIB.sources.values())
    assert f"citing {len(LIB.sources)} sources, {verified} of them checked" in readme


def test_round_trip_through_plain_data():
    for routine in ROUTINES:
        assert routine_from_dict(routine_to_dict(routine)) == routine


def test_get_search_kinds_conditions():
    assert LIB.get("body-scan").kind is RoutineKind.MINDFULNESS
    with pytest.raises(NotFound, match="no routine with the id 'nothing-here'"):
        LIB.get("nothing-here")
    assert "breathing-space-3-minutes" in [r.id for r in LIB.search("three minute")]
    assert LIB.search("breathing xylophone") == []  # every word must match
    assert "breathing-space-3-minutes" in [r.id for r in LIB.search("breathing space")]
    assert {r.id for r in LIB.search("WALKING")} >= {"walking-starter-10", "walking-build-up-20", "walking-steady-30"}
    assert all(r.minutes <= 5 for r in LIB.search(max_minutes=5)) and LIB.search(max_minutes=5)
    assert LIB.search(kind="Relaxation") == LIB.search(kind=RoutineKind.RELAXATION) != []
    assert LIB.search(condition="Knee osteoarthritis") == LIB.search(condition="knee-osteoarthritis") != []
    assert LIB.search("walk", kind="cbt") == []
    with pytest.raises(ValidationError, match="Unknown kind"):
        LIB.search(kind="yoga")
    with pytest.raises(ValidationError, match="Unknown condition"):
        LIB.search(condition="gout")
    assert LIB.conditions()[0] == "chronic-pain" and set(LIB.conditions()) <= set(CONDITIONS)
    assert load_library() is LIB  # cached


def _copy(tmp_path):
    target = tmp_path / "routines"
    shutil.copytree(FOLDER, target)
    return target


def test_a_copy_of_the_folder_loads_the_same(tmp_path):
    assert load_library_from(_copy(tmp_path)).all() == ROUTINES


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "cbt.json").write_text("{not json"), r"cbt\.json cannot be read"),
        (lambda d: (d / "cbt.json").write_text("[]"), r"cbt\.json: expected a JSON object"),
        (lambda d: (d / "library.json").unlink(), r"library\.json is missing"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].update(steps=[])), r"sleep\.json: .*needs at least one step"),
        (
            lambda d: _edit(d, "sleep.json", lambda r: r[0].update(steps=r[0]["steps"][:2])),
            r"sleep\.json: .*at least 3 steps",
        ),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0]["steps"][0].update(seconds=0)), r"above zero"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].update(sources=["nowhere"])), r"unknown source 'nowhere'"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].update(kind="dance")), r"unknown kind 'dance'"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].update(title=" ")), r"'title' must be text"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[1].update(id=r[0]["id"])), r"two routines with the id"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0]["safety"].update(stop_if=[])), r"needs safety notes"),
    ],
)
def test_a_damaged_file_gives_one_clear_error(tmp_path, damage, message):
    folder = _copy(tmp_path)
    damage(folder)
    with pytest.raises(LibraryError, match=message):
        load_library_from(folder)


def _edit(folder, name, change):
    path = folder / name
    data = json.loads(path.read_text())
    change(data["routines"])
    path.write_text(json.dumps(data))
