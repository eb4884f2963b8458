"""The day's acetaminophen total against 4 g and the lower limits for liver disease or regular alcohol."""

from __future__ import annotations

import pytest

from paincompanion.domain.interactions import Severity
from paincompanion.errors import ValidationError
from paincompanion.interactions import load_dataset
from paincompanion.interactions.acetaminophen import acetaminophen_total

DS = load_dataset()


def test_strengths_come_from_the_name_or_the_lexicon():
    result = acetaminophen_total(
        [
            ("Percocet 5/325", None, 4),
            ("Tylenol Extra Strength", None, 2),
            ("NyQuil Cold & Flu", None, 1),
            ("Primlev", None, 2),
        ],
        DS,
    )
    assert result.total_mg == 4 * 325 + 2 * 500 + 650 + 2 * 300
    assert result.limit_mg == 4000 and not result.over and result.warning is None


def test_given_amounts_win_over_the_lexicon():
    result = acetaminophen_total([("Tylenol Extra Strength", 1000, 3), ("Percocet 5/325", None, 4)], DS)
    assert result.total_mg == 4300
    assert result.over
    warning = result.warning
    assert warning.kind == "daily-limit" and warning.severity is Severity.MAJOR
    assert warning.ingredients == ("acetaminophen",)
    assert warning.items == ("Percocet 5/325", "Tylenol Extra Strength")
    assert "4,300 mg" in warning.summary and "4,000 mg" in warning.summary
    assert "pharmacist or doctor" in warning.advice and "stop taking" not in warning.advice.lower()
    assert warning.sources


def test_exactly_the_limit_is_not_over():
    result = acetaminophen_total([("Tylenol Extra Strength", None, 8)], DS)
    assert result.total_mg == 4000 and not result.over


@pytest.mark.parametrize(
    ("liver", "alcohol", "limit"), [(False, False, 4000), (True, False, 2000), (False, True, 2000), (True, True, 2000)]
)
def test_lower_limits_apply(liver, alcohol, limit):
    result = acetaminophen_total([("Tylenol", None, 8)], DS, liver_disease=liver, regular_alcohol=alcohol)
    assert result.total_mg == 2600
    assert result.limit_mg == limit
    assert result.over is (limit < 2600)
    if result.over:
        assert "liver" in result.warning.mechanism or "drinks" in result.warning.mechanism


def test_products_without_acetaminophen_are_ignored_and_unknown_amounts_reported():
    result = acetaminophen_total([("Advil", None, 6), ("acetaminophen", None, 2), ("Xanax", None, 1)], DS)
    assert result.total_mg == 0
    assert result.uncounted == ("acetaminophen",)
    assert result.to_json()["uncounted"] == ["acetaminophen"]


def test_bad_numbers_are_refused():
    with pytest.raises(ValidationError):
        acetaminophen_total([("Tylenol", -325, 1)], DS)
    with pytest.raises(ValidationError):
        acetaminophen_total([("Tylenol", None, float("nan"))], DS)
