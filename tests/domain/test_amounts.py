"""Typed dose amounts read into a number and a unit; daily totals on the dose's local day (hand-computed)."""

from datetime import date

import pytest

from paincompanion.domain.amounts import check_new_amount, daily_totals, form_unit, read_amount
from paincompanion.errors import ValidationError


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("2 g", 2.0, "g"), ("1.5 g", 1.5, "g"), ("1,5 g", 1.5, "g"), ("2g", 2.0, "g"), ("3 grams", 3.0, "g"),
        ("2 tablets", 2.0, "tablet"), ("1 Tablet.", 1.0, "tablet"), ("2 caps", 2.0, "capsule"),
        ("1000 mg", 1000.0, "mg"), ("1,000 mg", 1000.0, "mg"), ("500mg", 500.0, "mg"), ("250 mcg", 250.0, "mcg"),
        ("½ tablet", 0.5, "tablet"), ("1½ tabs", 1.5, "tablet"), ("1 1/2 tablets", 1.5, "tablet"),
        ("1/2 tablet", 0.5, "tablet"), ("half a tablet", 0.5, "tablet"), ("one tablet", 1.0, "tablet"),
        ("a capsule", 1.0, "capsule"), ("one and a half tablets", 1.5, "tablet"), ("2 x 500 mg", 1000.0, "mg"),
        ("5 ml", 5.0, "ml"), ("2 g with tea", 2.0, "g"), ("2", 2.0, None), ("half", 0.5, None),
    ],
)  # fmt: skip
def test_readable_amounts(text, value, unit):
    amount = read_amount(text)
    assert (amount.value, amount.unit, amount.text) == (pytest.approx(value), unit, text)


@pytest.mark.parametrize("text", ["", "lots", "some", "a", "-2 g", "2-3 g", "2 or 3 tablets", "2 blah", "a splash"])
def test_unreadable_amounts_are_kept_as_typed(text):
    amount = read_amount(text)
    assert amount.value is None and amount.unit is None and amount.text == text and not amount.readable


@pytest.mark.parametrize(
    ("text", "words"),
    [("-2 g", "negative"), ("− 1 tablet", "negative"), ("minus 2 g", "negative"), ("lots", "no number"),
     ("a splash", "no number"), ("0 g", "more than 0"), ("200000 mg", "at most")],
)  # fmt: skip
def test_new_amounts_refused_with_one_plain_line(text, words):
    with pytest.raises(ValidationError, match=words) as caught:
        check_new_amount(text)
    assert "\n" not in str(caught.value)


def test_new_amounts_accepted_are_cleaned_and_kept_as_typed():
    assert check_new_amount("  2   g ") == "2 g"
    assert check_new_amount("2-3 g") == "2-3 g"  # a number, though not one total: kept, left out of totals
    assert check_new_amount("") == ""


def test_form_unit():
    assert (form_unit("tablet"), form_unit("Capsules"), form_unit("powder"), form_unit("")) == (
        "tablet", "capsule", "dose", "dose",
    )  # fmt: skip


def test_daily_totals_add_masses_in_the_unit_used_most_and_count_what_was_left_out():
    d1, d2, d3 = date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)
    doses = [
        (d2, "1 g"), (d1, "2 g"), (d2, "1,5 g"), (d2, "500 mg"), (d3, "1.5 g"),
        (d2, "2 tablets"),  # another unit: left out
        (d3, "lots"), (d1, ""),  # unreadable / no amount: left out
    ]  # fmt: skip
    totals = daily_totals(doses)
    # 03-07: 2; 03-08: 1 + 1.5 + 0.5 = 3; 03-09: 1.5 (grams)
    assert totals.to_json() == {
        "unit": "g",
        "days": [{"date": "2026-03-07", "total": 2.0}, {"date": "2026-03-08", "total": 3.0},
                 {"date": "2026-03-09", "total": 1.5}],
        "left_out": 3,
    }  # fmt: skip


def test_daily_totals_counted_units_and_bare_numbers():
    day = date(2026, 1, 5)
    totals = daily_totals([(day, "2"), (day, "½ tablet"), (day, "1 capsule"), (day, "1000 mg")], bare_unit="tablet")
    assert (totals.unit, totals.days, totals.left_out) == ("tablet", ((day, 2.5),), 2)
    # the mass unit typed most often: mcg (twice) → 2000 + 500 + 250 mcg; on a tie the larger unit (g)
    assert daily_totals([(day, "2 mg"), (day, "500 mcg"), (day, "250 mcg")]).to_json() == {
        "unit": "mcg", "days": [{"date": "2026-01-05", "total": 2750.0}], "left_out": 0,
    }  # fmt: skip
    assert daily_totals([(day, "500 mg"), (day, "1 g")]).to_json()["days"] == [{"date": "2026-01-05", "total": 1.5}]


def test_daily_totals_of_nothing_readable():
    assert daily_totals([(date(2026, 1, 5), "lots")]).to_json() == {"unit": None, "days": [], "left_out": 1}
    assert daily_totals([]).to_json() == {"unit": None, "days": [], "left_out": 0}
