"""validate_routine: the rules user-made routines keep too, each broken rule one plain message."""

from __future__ import annotations

from dataclasses import replace

import pytest

from paincompanion.domain.routines import (
    Progression,
    ProgressionLevel,
    Review,
    Routine,
    RoutineKind,
    Source,
    Step,
    WorksheetField,
    routine_from_dict,
    routine_to_dict,
    validate_routine,
)
from paincompanion.errors import ValidationError
from paincompanion.routines import load_library

MINE = Routine(
    id="my-morning-stretch",
    title="My morning stretch",
    kind=RoutineKind.EXERCISE,
    minutes=3,
    steps=(Step("Reach up", seconds=20), Step("Touch your knees", repetitions=5)),
    origin="user",
)


def test_a_small_user_routine_is_fine_without_safety_or_sources():
    assert validate_routine(MINE) is MINE
    assert routine_from_dict(routine_to_dict(MINE)) == MINE


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "   "}, "needs a title"),
        ({"title": "x" * 81}, "title is too long"),
        ({"steps": ()}, "needs at least one step"),
        ({"steps": (Step("  "),)}, "Step 1 of 'My morning stretch' has no text"),
        ({"steps": (Step("Hold", seconds=0),)}, "above zero"),
        ({"steps": (Step("Hold", seconds=-5),)}, "above zero"),
        ({"steps": (Step("Hold", seconds=2.5),)}, "whole number of seconds"),  # type: ignore[arg-type]
        ({"steps": (Step("Lift", repetitions=0),)}, "repetitions must be a whole number"),
        ({"steps": (Step("Lift", side="middle"),)}, "side must be left or right"),
        ({"minutes": 0}, "between 1 and 240 minutes"),
        ({"minutes": True}, "between 1 and 240 minutes"),
        ({"id": "My Stretch!"}, "lower-case words joined by hyphens"),
        ({"origin": "imported"}, "bundled or the user's own"),
        ({"conditions": ("gout",)}, "Unknown condition 'gout'"),
        ({"sources": (Source("A paper"),)}, "needs a title and a link, DOI or PMID"),
        ({"worksheet": (WorksheetField("a", "A"), WorksheetField("a", "B"))}, "share an id"),
        ({"region": "elbow"}, "Unknown body region 'elbow'"),
        ({"focus": "speed"}, "Unknown focus 'speed'"),
        ({"frequency": "x" * 401}, "How often"),
        ({"progression": Progression((ProgressionLevel("Only", "One level"),))}, "two or three levels"),
        ({"progression": Progression((ProgressionLevel("A", "a"), ProgressionLevel("B", "b")))}, "rule for moving up"),
        ({"progression": Progression((ProgressionLevel("A", "", "up"), ProgressionLevel("B", "b")))}, "what to do"),
        ({"review": Review("reviewed", "Dr A")}, "who reviewed it and the date"),
        ({"review": Review("maybe")}, "either reviewed or awaiting"),
        ({"steps": (Step("Lie down", image="lying.svg"),)}, "needs a text describing it"),
        ({"steps": (Step("Lie down", image="../etc/passwd", image_alt="x"),)}, "simple .svg file name"),
        ({"steps": (Step("Lie down", image_alt="A person"),)}, "description without a picture"),
    ],
)
def test_each_broken_rule_has_a_plain_message(change, message):
    with pytest.raises(ValidationError, match=message):
        validate_routine(replace(MINE, **change))


def test_the_new_fields_are_optional_for_user_routines_and_survive_plain_data():
    full = replace(
        MINE,
        region="knee-hip",
        focus="strength",
        frequency="Twice a week",
        progression=Progression((ProgressionLevel("One", "8 times", "when easy"), ProgressionLevel("Two", "12 times"))),
        review=Review("reviewed", "A. Physio", "2026-12-01"),
        steps=(Step("Sit to stand", seconds=5, repetitions=8, image="sit-to-stand.svg", image_alt="Rising"),),
    )
    assert validate_routine(full) is full
    assert routine_from_dict(routine_to_dict(full)) == full
    data = routine_to_dict(MINE)
    assert not {"region", "frequency", "progression", "review", "crisis", "triage"} & set(data)
    with pytest.raises(ValidationError, match="crisis advice is not available"):
        routine_from_dict({**data, "crisis": True})  # no shared blocks and no written-out advice


def test_from_dict_reports_wrong_types_plainly():
    data = routine_to_dict(MINE)
    with pytest.raises(ValidationError, match="'steps' must be a list"):
        routine_from_dict({**data, "steps": "Reach up"})
    with pytest.raises(ValidationError, match="unknown fields"):
        routine_from_dict({**data, "steps": [{"text": "Reach", "secs": 5}]})
    with pytest.raises(ValidationError, match="unknown level 'expert'"):
        routine_from_dict({**data, "level": "expert"})
    with pytest.raises(ValidationError, match="unknown source 'nice'"):
        routine_from_dict({**data, "sources": ["nice"]})
    with pytest.raises(ValidationError, match="object with named fields"):
        routine_from_dict(["not", "a", "routine"])  # type: ignore[arg-type]


def test_a_copy_of_a_bundled_routine_becomes_the_user_s_own():
    bundled = load_library().get("knee-gentle-start")
    copy = validate_routine(bundled.as_user_copy("my-knee-routine"))
    assert (
        copy.origin == "user" and copy.id == "my-knee-routine" and copy.title == "Knee care: gentle start (my version)"
    )
    assert copy.steps == bundled.steps and copy.sources == bundled.sources
    assert bundled.origin == "bundled"  # the library's routine is untouched
    assert routine_from_dict(routine_to_dict(copy)).origin == "user"
    assert routine_from_dict(routine_to_dict(copy), origin="bundled").origin == "bundled"
