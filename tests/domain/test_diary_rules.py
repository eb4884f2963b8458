from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paincompanion.domain.body import REGIONS, find_region
from paincompanion.domain.diary import EntryDraft, EntryFilter, LocationPain, score, validate_draft
from paincompanion.domain.peg import make_peg, peg_due
from paincompanion.errors import ValidationError

NOW = datetime(2026, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.mark.parametrize("value", [11, -1, "seven", "7.5", 7.5, True, "", "1e3"])
def test_bad_pain_scores_are_refused_with_a_plain_message(value):
    with pytest.raises(ValidationError, match="Pain"):
        validate_draft(EntryDraft(at=NOW, pain=value), NOW)


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (10, 10), ("7", 7), (" 3 ", 3), (4.0, 4)])
def test_good_scores(value, expected):
    assert score(value, "Pain", required=True) == expected


def test_future_entries_are_refused_but_small_clock_drift_is_allowed():
    with pytest.raises(ValidationError, match="future"):
        validate_draft(EntryDraft(at=NOW + timedelta(hours=1), pain=3), NOW)
    assert validate_draft(EntryDraft(at=NOW + timedelta(minutes=2), pain=3), NOW).pain == 3


def test_tags_are_normalised_and_deduplicated():
    draft = validate_draft(
        EntryDraft(at=NOW, pain=3, triggers=("Cold  Weather", "cold weather", " stress "), qualities=("Aching",)),
        NOW,
    )
    assert draft.triggers == ("cold weather", "stress")
    assert draft.qualities == ("aching",)


def test_locations_resolve_names_and_keep_their_own_intensity():
    draft = validate_draft(
        EntryDraft(at=NOW, pain=5, locations=(LocationPain("left knee", "7"), LocationPain("Lower back left"))),
        NOW,
    )
    assert draft.locations == (LocationPain("front-left-knee", 7), LocationPain("back-left-lower-back", None))
    with pytest.raises(ValidationError, match="Unknown body location"):
        validate_draft(EntryDraft(at=NOW, pain=5, locations=(LocationPain("left elbowz"),)), NOW)


def test_sleep_hours_are_checked():
    with pytest.raises(ValidationError, match="sleep"):
        validate_draft(EntryDraft(at=NOW, pain=5, sleep_hours=25), NOW)
    assert validate_draft(EntryDraft(at=NOW, pain=5, sleep_hours="6.5"), NOW).sleep_hours == 6.5


def test_naive_times_get_the_local_offset_and_seconds_are_kept():
    draft = validate_draft(EntryDraft(at=datetime(2026, 3, 1, 8, 0, 5, 999), pain=1), NOW)
    assert draft.at.utcoffset() is not None
    assert draft.at.microsecond == 0 and draft.at.second == 5


def test_body_map_has_enough_uniquely_named_regions():
    assert len(REGIONS) >= 30
    assert len({r.id for r in REGIONS}) == len(REGIONS)
    assert len({r.name for r in REGIONS}) == len(REGIONS)
    assert {r.view for r in REGIONS} == {"front", "back"}
    assert find_region("Knee Left").id == "front-left-knee"
    assert find_region("back-left-knee").name == "Left knee (back)"
    assert find_region("nowhere") is None


def test_filter_rejects_a_reversed_period():
    with pytest.raises(ValidationError, match="reversed"):
        EntryFilter(date_from=NOW.date(), date_to=NOW.date() - timedelta(days=1)).validated()


def test_peg_score_is_the_mean_and_is_due_weekly():
    peg = make_peg(NOW, 6, 4, 5)
    assert peg.score == 5.0
    with pytest.raises(ValidationError):
        make_peg(NOW, 6, 11, 5)
    assert peg_due(None, NOW)
    assert not peg_due(NOW - timedelta(days=6, hours=23), NOW)
    assert peg_due(NOW - timedelta(days=7), NOW)


@given(
    pain=st.one_of(st.integers(-50, 50), st.text(max_size=4), st.floats(allow_nan=True)),
    mood=st.one_of(st.none(), st.integers(-5, 15)),
)
def test_validation_either_accepts_a_0_to_10_score_or_raises_validation_error(pain, mood):
    try:
        draft = validate_draft(EntryDraft(at=NOW, pain=pain, mood=mood), NOW)
    except ValidationError:
        return
    assert 0 <= draft.pain <= 10 and isinstance(draft.pain, int)
    assert draft.mood is None or 0 <= draft.mood <= 10
