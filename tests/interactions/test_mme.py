"""MME with the CDC 2022 factors: hand-computed examples, patches, methadone, buprenorphine not calculated."""

from __future__ import annotations

import pytest

from paincompanion.errors import ValidationError
from paincompanion.interactions import load_dataset
from paincompanion.interactions.mme import MmeItem, compute_mme, items_from_json

DS = load_dataset()


@pytest.mark.parametrize(
    ("item", "ingredient", "factor", "expected"),
    [
        # The two worked examples of the CDC 2022 table footnote.
        (MmeItem("hydrocodone/acetaminophen 5/325", None, None, 4), "hydrocodone", 1.0, 20.0),
        (MmeItem("OxyContin", 10, None, 2), "oxycodone", 1.5, 30.0),
        (MmeItem("Percocet 5/325", None, None, 4), "oxycodone", 1.5, 30.0),
        (MmeItem("Percocet 10/325", None, None, 3), "oxycodone", 1.5, 45.0),
        (MmeItem("Norco", None, None, 6), "hydrocodone", 1.0, 30.0),  # lexicon strength 5 mg
        (MmeItem("Tylenol #4", None, None, 2), "codeine", 0.15, 18.0),  # 60 mg × 2 × 0.15
        (MmeItem("MS Contin", 30, None, 2), "morphine", 1.0, 60.0),
        (MmeItem("Dilaudid", 2, None, 6), "hydromorphone", 5.0, 60.0),
        (MmeItem("Opana", 10, None, 2), "oxymorphone", 3.0, 60.0),
        (MmeItem("Nucynta", 100, None, 2), "tapentadol", 0.4, 80.0),
        (MmeItem("tramadol 50 mg", None, None, 4), "tramadol", 0.2, 40.0),
        (MmeItem("methadone", 10, None, 3), "methadone", 4.7, 141.0),
        (MmeItem("Duragesic", None, 25, 1), "fentanyl", 2.4, 60.0),
        (MmeItem("fentanyl patch 50 mcg/hr", None, None, 1), "fentanyl", 2.4, 120.0),
        (MmeItem("Duragesic", None, 12, 2), "fentanyl", 2.4, 57.6),  # two 12 mcg/hr patches worn together
        (MmeItem("Duragesic", None, 25, 1 / 3), "fentanyl", 2.4, 60.0),  # change schedule does not matter
    ],
)
def test_hand_computed_examples(item, ingredient, factor, expected):
    result = compute_mme([item], DS)
    assert result.not_calculated == ()
    (line,) = result.items
    assert (line.drug, line.ingredient, line.factor) == (item.drug, ingredient, factor)
    assert line.mme_per_day == pytest.approx(expected)
    assert result.total_mme_per_day == pytest.approx(expected)


def test_total_adds_every_opioid_and_keeps_decimals():
    items = [
        MmeItem("Percocet 5/325", None, None, 4),
        MmeItem("Duragesic", None, 12, 1),
        MmeItem("codeine", 15, None, 1),
    ]
    result = compute_mme(items, DS)
    assert result.total_mme_per_day == pytest.approx(30 + 28.8 + 2.25)
    assert result.to_json()["total_mme_per_day"] == 61.05


@pytest.mark.parametrize(
    ("item", "reason_part"),
    [
        (MmeItem("Butrans", None, 10, 1), "buprenorphine"),
        (MmeItem("Suboxone 8/2", None, None, 2), "buprenorphine"),
        (MmeItem("Belbuca", 0.3, None, 2), "partial agonist"),
        (MmeItem("Actiq", None, None, 4), "skin patch"),
        (MmeItem("Demerol", 50, None, 4), "No CDC 2022 conversion factor for meperidine"),
        (MmeItem("levorphanol", 2, None, 3), "No CDC 2022 conversion factor"),
        (MmeItem("OxyContin", None, None, 2), "Strength not given"),
        (MmeItem("ibuprofen", 400, None, 3), "Not an opioid"),
        (MmeItem("mystery pill", 5, None, 1), "Not recognised"),
        (MmeItem("oxycodone", None, 10, 1), "only for fentanyl patches"),
    ],
)
def test_not_calculated_items_are_listed_with_a_reason_never_as_zero(item, reason_part):
    result = compute_mme([item], DS)
    assert result.items == ()
    assert result.total_mme_per_day == 0
    (missing,) = result.not_calculated
    assert missing.drug == item.drug
    assert reason_part in missing.reason


def test_buprenorphine_does_not_hide_other_opioids():
    result = compute_mme([MmeItem("Butrans", None, 10, 1), MmeItem("Percocet 5/325", None, None, 2)], DS)
    assert result.total_mme_per_day == pytest.approx(15)
    assert [n.drug for n in result.not_calculated] == ["Butrans"]


def test_levels_50_and_90_are_noted_as_the_guideline_words_them():
    below = compute_mme([MmeItem("oxycodone", 10, None, 3)], DS)  # 45
    at_50 = compute_mme([MmeItem("oxycodone", 10, None, 4)], DS)  # 60
    at_90 = compute_mme([MmeItem("methadone", 10, None, 2)], DS)  # 94
    assert not any(n.startswith(("50 MME", "90 MME")) for n in below.notes)
    assert any(n.startswith("50 MME") for n in at_50.notes) and not any(n.startswith("90 MME") for n in at_50.notes)
    assert any(n.startswith("90 MME") for n in at_90.notes)
    assert all("not a hard limit" in n for n in at_50.notes if n.startswith("50 MME"))
    assert any("Methadone needs extra care" in n for n in at_90.notes)
    assert "not a way to convert one opioid into another" in below.notes[0]


def test_json_shape_matches_the_issue():
    data = compute_mme([MmeItem("Percocet 5/325", None, None, 4), MmeItem("Butrans", None, 5, 1)], DS).to_json()
    assert data == {
        "total_mme_per_day": 30.0,
        "items": [{"drug": "Percocet 5/325", "ingredient": "oxycodone", "factor": 1.5, "mme_per_day": 30.0}],
        "not_calculated": [{"drug": "Butrans", "reason": data["not_calculated"][0]["reason"]}],
    }


def test_negative_numbers_are_refused():
    with pytest.raises(ValidationError, match="doses_per_day"):
        compute_mme([MmeItem("oxycodone", 5, None, -1)], DS)


def test_items_from_json_reads_the_file_format():
    items = items_from_json(
        [
            {"drug": "Percocet 5/325", "strength_mg": 5, "doses_per_day": 4},
            {"drug": "Duragesic", "mcg_per_hr": 25},
        ]
    )
    assert items == [MmeItem("Percocet 5/325", 5.0, None, 4.0), MmeItem("Duragesic", None, 25.0, 1.0)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"drug": "x"}, "JSON list"),
        ([{"strength_mg": 5, "doses_per_day": 1}], 'needs a "drug"'),
        ([{"drug": "oxycodone", "strength_mg": 5}], 'needs "doses_per_day"'),
        ([{"drug": "oxycodone", "strength_mg": "five", "doses_per_day": 1}], "must be a number"),
        ([{"drug": "oxycodone", "strength_mg": True, "doses_per_day": 1}], "must be a number"),
        ([{"drug": "oxycodone", "strength_mg": 5, "doses_per_day": -2}], "must be a number"),
        ([{"drug": "oxycodone", "dose": 5, "doses_per_day": 1}], "unknown field"),
    ],
)
def test_items_from_json_refuses_malformed_input(data, message):
    with pytest.raises(ValidationError, match=message):
        items_from_json(data)
