"""The bundled routines library: enough routines of each sort, each one complete, safe in tone, sourced."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest

from paincompanion.domain.routines import (
    CONDITIONS,
    REGIONS,
    FieldType,
    RoutineKind,
    routine_from_dict,
    routine_to_dict,
)
from paincompanion.errors import NotFound, ValidationError
from paincompanion.routines import LibraryError, load_library, load_library_from
from paincompanion.routines.review_list import README_END, README_START, awaiting_review_markdown

LIB = load_library()
ROUTINES = LIB.list_routines()
FOLDER = Path(str(resources.files("paincompanion").joinpath("data", "routines")))
COPING_KINDS = set(RoutineKind) - {RoutineKind.EXERCISE}
EXERCISES = [r for r in ROUTINES if r.kind is RoutineKind.EXERCISE]
ROUTINE_FILES = sorted(p for p in FOLDER.glob("*.json") if p.name not in ("library.json", "triage.json"))
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
    yield routine.frequency
    if routine.progression:
        for level in routine.progression.levels:
            yield from (level.name, level.dose, level.move_up)
    if routine.triage:
        yield from routine.triage.normal


def test_enough_routines_of_each_sort():
    assert len(ROUTINES) >= 44  # 29 before issue 21, at least 15 new
    assert sum(r.kind is RoutineKind.EXERCISE for r in ROUTINES) >= 20
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
    assert routine.safety.stop_if and (routine.safety.see_doctor_if or routine.triage)
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
    for routine in EXERCISES:
        assert routine.triage is not None, routine.id
        urgent = " ".join(routine.triage.emergency_now + routine.triage.urgent).lower()
        assert "weakness" in urgent or "numbness" in urgent or "fever" in urgent, routine.id
        stop = " ".join(routine.safety.stop_if).lower()
        assert "chest" in stop and "emergency services" in stop, routine.id


@pytest.mark.parametrize("routine", EXERCISES, ids=lambda r: r.id)
def test_every_exercise_routine_has_a_dose_a_region_s_triage_and_pictures(routine):
    assert routine.frequency.strip(), "every exercise routine says how often"
    assert routine.region in REGIONS and routine.triage is LIB.blocks.triage[routine.region]
    for number, step in enumerate(routine.steps, start=1):
        assert step.image and (FOLDER / "images" / step.image).is_file(), (number, step.image)
        assert step.image_alt and len(step.image_alt) >= 20, (number, step.image_alt)
    if routine.focus == "strength" or "strength" in routine.title.casefold():
        levels = routine.progression.levels if routine.progression else ()
        assert 2 <= len(levels) <= 3, "strength routines have two or three levels"
        assert all(level.move_up for level in levels[:-1]), "each level but the last says when to move up"
        assert routine.progression.supervised, "strength routines point to supervised help"


def test_every_region_has_all_four_triage_levels_and_sources():
    assert set(LIB.blocks.triage) == set(REGIONS)
    for region, block in LIB.blocks.triage.items():
        assert block.emergency_now and block.urgent and block.see_doctor and block.normal, region
        assert block.sources and "999" in block.emergency_numbers and "911" in block.emergency_numbers
        assert "local emergency number" in block.emergency_numbers


def _triage(region):
    block = LIB.blocks.triage[region]
    return " ".join(block.emergency_now).lower(), " ".join(block.urgent).lower()


def test_back_triage_puts_cauda_equina_signs_under_emergency_now():
    now, urgent = _triage("back")
    for sign in ("bottom", "genitals", "passing urine", "sexual", "both legs"):
        assert sign in now, sign
    for sign in ("fever", "cancer", "osteoporosis", "night", "weight loss"):
        assert sign in urgent, sign


def test_neck_triage_puts_artery_stroke_and_spinal_cord_signs_under_emergency_now():
    now, urgent = _triage("neck")
    for sign in ("dizziness", "double vision", "speaking", "swallowing", "clumsy hands", "call emergency services"):
        assert sign in now, sign
    assert "fever and a stiff neck" in now  # with a headache or neck pain: emergency, not 'see a doctor'
    assert "fever" in urgent
    head_now, _ = _triage("headache")
    assert "fever" in head_now and "stiff neck" in head_now and "thunderclap" in head_now


def test_crisis_advice_is_written_once_with_numbers_and_used_by_every_coping_routine():
    crisis = LIB.blocks.crisis
    text = " ".join(crisis.lines)
    for number in ("988", "116 123", "112", "911", "999", "000", "local emergency number"):
        assert number in text, number
    for routine in ROUTINES:
        if routine.kind is not RoutineKind.EXERCISE:
            assert routine.crisis is crisis, routine.id
        assert not any("crisis line" in item for item in routine.safety.see_doctor_if), routine.id


def test_every_routine_records_its_review():
    for routine in ROUTINES:
        assert routine.review is not None, routine.id
        assert routine.review.reviewed or routine.review.needs, routine.id


def test_readme_lists_the_routines_awaiting_sign_off():
    readme = (FOLDER / "README.md").read_text()
    block = readme.split(README_START, 1)[1].split(README_END, 1)[0]
    assert block.strip() == awaiting_review_markdown(LIB).strip(), (
        "regenerate with: python -m paincompanion.routines.review_list"
    )
    for routine in ROUTINES:
        assert (routine.id in block) is (not routine.reviewed), routine.id


def test_fibromyalgia_checks_for_post_exertional_malaise_and_its_stop_rule_spares_usual_symptoms():
    routine = LIB.get("fibromyalgia-very-gentle-start")
    first = routine.steps[0].text.lower()
    assert "crash" in first or "tired" in first
    assert any("NG206" in s.title for s in routine.sources)
    stop = " ".join(routine.safety.stop_if).lower()
    assert "spreads" not in stop and "different from your usual" in stop
    assert "post-exertional malaise" in " ".join(routine.triage.see_doctor).lower()


def test_no_fear_feeding_words():
    for routine in ROUTINES:
        for text in _texts(routine):
            low = text.lower()
            assert "sharp" not in low and "stabbing" not in low, (routine.id, text)
            assert "catastroph" not in low, (routine.id, text)
    pleasant = " ".join(s.text for s in LIB.get("pleasant-activities").steps).lower()
    assert "mood" in pleasant and "rate your mood and pain" not in pleasant


def test_walking_plan_bridges_its_stages_from_the_patient_s_baseline():
    starter = LIB.get("walking-starter-10")
    assert "baseline" in starter.steps[0].text.lower() or "baseline" in starter.summary.lower()
    levels = starter.progression.levels
    assert len(levels) == 3 and all("10 %" in level.move_up or "10 %" in level.dose for level in levels)
    for routine_id in ("walking-build-up-20", "walking-steady-30"):
        assert LIB.get(routine_id).progression == starter.progression
    steady = LIB.get("walking-steady-30")
    assert "not the warm-up" in steady.summary


def test_sources_say_what_they_support_and_are_used_for_their_scope():
    for source_id, source in LIB.sources.items():
        assert len(source.note) >= 60, source_id
    assert "cdc-2022-opioids" not in LIB.sources  # the goals routine no longer cites an opioid guideline
    for routine in EXERCISES:
        ids = {s.id for s in routine.sources}
        if set(routine.conditions) <= {"low-back-pain", "knee-osteoarthritis", "hip-osteoarthritis", "sciatica"}:
            assert "nice-ng193" not in ids, routine.id  # NG193 leaves these to NG59 and NG226
    assert "12 to 24 weeks" in LIB.sources["wang-2018-taichi"].note
    assert "healthy people" in LIB.sources["zaccaro-2018-breathing"].note
    assert "MORE pain" in LIB.sources["andrews-2012-pacing"].note


def test_sleep_wind_down_steps_add_up_to_its_length():
    routine = LIB.get("sleep-wind-down")
    assert abs(routine.timed_seconds / 60 - routine.minutes) <= 1.5


def test_the_issue_21_routines_are_there():
    ids = {r.id for r in ROUTINES}
    assert {
        "pain-education-1-hurt-not-harm", "pain-education-2-sensitive-alarm", "pain-education-3-turning-it-down",
        "facing-feared-movement", "headache-self-care-plan", "migraine-attack-calm", "neck-headache-exercises",
        "shoulder-gentle-mobility", "shoulder-strength-beginner", "hand-thumb-osteoarthritis", "sleep-scheduling",
        "sciatica-gentle-movement", "wheelchair-seated-movement", "wheelchair-strength", "falls-aware-balance",
        "pregnancy-back-pelvis", "making-room-for-pain", "self-compassion-break", "talking-with-family-and-work",
        "preparing-for-appointment", "inflammatory-arthritis-flare", "hypermobility-joint-control",
    } <= ids  # fmt: skip
    headache = " ".join(s.text for s in LIB.get("headache-self-care-plan").steps)
    assert "10 or more" in headache and "15 or more" in headache  # medication overuse


def test_thinking_routines_point_to_crisis_help():
    for routine in ROUTINES:
        if routine.kind in (RoutineKind.CBT, RoutineKind.MINDFULNESS):
            assert routine.crisis is not None and any("harming yourself" in t for t in routine.safety.stop_if)


def test_ids_are_unique_across_files():
    ids = []
    for path in ROUTINE_FILES:
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
    blocks = LIB.blocks
    cited = {s.id for r in ROUTINES for s in r.sources}
    cited |= {s.id for b in blocks.triage.values() for s in b.sources} | {s.id for s in blocks.crisis.sources}
    assert cited == set(LIB.sources)
    assert all(isinstance(s.verified, bool) and s.note for s in LIB.sources.values())
    assert sum(s.verified for s in LIB.sources.values()) >= 35


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
    assert LIB.search(review="reviewed") == [r for r in ROUTINES if r.reviewed]
    assert len(LIB.search(review="awaiting")) == sum(not r.reviewed for r in ROUTINES)
    with pytest.raises(ValidationError, match="Unknown review filter"):
        LIB.search(review="maybe")
    assert load_library() is LIB  # cached


def _copy(tmp_path):
    target = tmp_path / "routines"
    shutil.copytree(FOLDER, target)
    return target


def test_a_copy_of_the_folder_loads_the_same(tmp_path):
    assert load_library_from(_copy(tmp_path)).list_routines() == ROUTINES


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
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].pop("review")), r"needs a review status"),
        (lambda d: _edit(d, "sleep.json", lambda r: r[0].pop("crisis")), r"needs the shared crisis advice"),
        (lambda d: _edit(d, "exercise.json", lambda r: r[0].pop("frequency")), r"how often"),
        (lambda d: _edit(d, "exercise.json", lambda r: r[0].update(region="elbow")), r"unknown body region 'elbow'"),
        (lambda d: _edit(d, "exercise.json", lambda r: r[1].pop("progression")), r"needs levels"),
        (lambda d: _edit(d, "exercise.json", lambda r: r[0]["steps"][0].pop("image")), r"description without a pic"),
        (
            lambda d: _edit(d, "exercise.json", lambda r: r[0]["steps"][0].update(image="nowhere.svg")),
            r"picture that is missing \(nowhere\.svg\)",
        ),
        (lambda d: (d / "images" / "bridge.svg").unlink(), r"picture that is missing \(bridge\.svg\)"),
        (lambda d: (d / "triage.json").unlink(), r"triage\.json is missing"),
        (lambda d: _edit_triage(d, lambda t: t["regions"].pop("neck")), r"no triage block for the region 'neck'"),
        (lambda d: _edit_triage(d, lambda t: t["regions"]["back"].update(urgent=[])), r"needs all four levels"),
        (lambda d: _edit_library(d, lambda m: m["sources"]["nice-ng59"].update(note="")), r"note saying what"),
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


def _edit_triage(folder, change):
    path = folder / "triage.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _edit_library(folder, change):
    path = folder / "library.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
