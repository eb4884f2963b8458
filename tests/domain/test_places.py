"""Places as people say them → the body map regions they cover; unknown places name the closest names."""

import pytest

from paincompanion.domain.body import REGIONS
from paincompanion.domain.places import PLACES, REGIONS_BY_ID, known_place, resolve_place
from paincompanion.errors import ValidationError


def _ids(text: str) -> set[str]:
    return {r.id for r in resolve_place(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lower back", {"back-left-lower-back", "back-right-lower-back"}),
        ("Lower-Back", {"back-left-lower-back", "back-right-lower-back"}),
        ("back", {"back-left-upper-back", "back-right-upper-back", "back-mid-back", "back-left-lower-back",
                  "back-right-lower-back"}),
        ("upper back", {"back-left-upper-back", "back-right-upper-back"}),
        ("neck", {"front-neck", "back-neck"}),
        ("head", {"front-head", "back-head"}),
        ("knees", {"front-left-knee", "front-right-knee"}),
        ("knee", {"front-left-knee", "front-right-knee"}),
        ("both shoulders", {"front-left-shoulder", "front-right-shoulder"}),
        ("hands", {"front-left-hand", "front-right-hand"}),
        ("feet", {"front-left-foot", "front-right-foot"}),
        ("calves", {"back-left-calf", "back-right-calf"}),
        ("left hip", {"front-left-hip"}),
        ("my right knee", {"front-right-knee"}),
        ("R shoulder", {"front-right-shoulder"}),
        ("left and right hip", {"front-left-hip", "front-right-hip"}),
        ("left neck", {"front-neck", "back-neck"}),  # no sides to choose from
        ("tummy", {"front-upper-abdomen", "front-lower-abdomen"}),
        ("back of head", {"back-head"}),
        ("front-left-knee", {"front-left-knee"}),
    ],
)  # fmt: skip
def test_everyday_names(text, expected):
    assert _ids(text) == expected


def test_whole_body_is_every_region():
    assert _ids("whole body") == _ids("all over") == _ids("Full body") == {r.id for r in REGIONS}


def test_every_region_name_finds_exactly_its_region():  # the CSV export writes names; import reads them back
    for region in REGIONS:
        assert resolve_place(region.name) == (region,), region.name
        assert resolve_place(region.id) == (region,)


def test_the_synonym_table_points_at_real_regions():
    assert all(PLACES[name] and all(rid in REGIONS_BY_ID for rid in PLACES[name]) for name in PLACES)


@pytest.mark.parametrize(("text", "closest"), [("kneee", "knee"), ("sholder", "shoulder"), ("lowr back", "lower back")])
def test_unknown_place_one_line_with_closest_names(text, closest):
    with pytest.raises(ValidationError) as caught:
        resolve_place(text)
    message = str(caught.value)
    assert "\n" not in message and "Unknown body location" in message and closest in message
    assert known_place(text) == ()


def test_empty_and_nonsense():
    for text in ("", "   ", "spleen xyz", "left right knee"):
        with pytest.raises(ValidationError):
            resolve_place(text)
