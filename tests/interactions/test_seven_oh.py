"""Concentrated 7-OH is its own ingredient: an opioid (full agonist) and a sedating substance, never silently
plain kratom; every opioid rule covers it; kratom + 7-OH is an opioid-on-opioid warning; MME is not calculated."""

from __future__ import annotations

import pytest

from paincompanion.cli.commands.interactions import format_mme
from paincompanion.interactions import MmeItem, check, compute_mme, load_dataset

SEVEN_OH = "seven_hydroxymitragynine"


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


@pytest.mark.parametrize(
    "text",
    ["7-OH", "7OH", "7 oh", "7-hydroxymitragynine", "7 hydroxymitragynine", "7-OH tablets", "7-OH gummies",
     "7-oh shots 20 mg", "7-OH drink mix", "concentrated 7-OH", "7Tabz", "7-OHMZ", "Roxytabs"],
)  # fmt: skip
def test_7oh_names_resolve_to_7oh_not_kratom(ds, text):
    resolution = ds.resolve(text)
    assert resolution.recognized and resolution.ingredients == (SEVEN_OH,)


@pytest.mark.parametrize("text", ["7-OH kratom", "kratom 7-OH gummies", "7-OH kratom extract tablets"])
def test_a_7oh_kratom_product_is_both_never_kratom_alone(ds, text):
    assert set(ds.resolve(text).ingredients) == {SEVEN_OH, "kratom"}


def test_plain_kratom_stays_kratom(ds):
    for text in ("kratom", "kratom red vein", "Mitragyna speciosa", "mitragynine", "kratom extract"):
        assert ds.resolve(text).ingredients == ("kratom",)


def test_7oh_is_an_opioid_full_agonist_and_sedating(ds):
    for class_id in ("opioid_full_agonist", "opioid", "cns_depressant"):
        assert ds.is_a(SEVEN_OH, class_id)
    assert not ds.is_a("kratom", "opioid")


def test_every_opioid_rule_covers_7oh(ds):
    opioid_classes = set(ds.ingredients[SEVEN_OH].all_classes)
    rules = [r for r in ds.rules if {r.a, r.b, r.c} & opioid_classes]
    assert len(rules) >= 10
    for rule in rules:
        assert any(side and SEVEN_OH in ds.members(side) for side in (rule.a, rule.b, rule.c)), rule.id


@pytest.mark.parametrize(
    ("other", "rule_severity"),
    [("kratom", "major"), ("oxycodone", "major"), ("Xanax", "major"), ("gabapentin", "major"), ("beer", "major"),
     ("naltrexone", "contraindicated")],
)  # fmt: skip
def test_7oh_warnings_are_opioid_strength(ds, other, rule_severity):
    result = check(["7-OH tablets", other], ds)
    assert result.warnings and result.warnings[0].severity.value == rule_severity


def test_kratom_with_7oh_is_one_specific_warning(ds):
    [warning] = check(["kratom powder", "7-OH gummies"], ds).warnings
    assert warning.kind == "duplicate" and "7-OH" in warning.summary
    assert {s.title.split(",")[0] for s in warning.sources} == {"FDA news release"}


def test_7oh_with_another_opioid_says_mme_cannot_count_it(ds):
    result = check(["7-OH", "Percocet 5/325"], ds)
    assert any("MME" in w.summary and w.severity.value == "major" for w in result.warnings)


def test_mme_is_not_calculated_for_7oh_never_zero(ds):
    result = compute_mme([MmeItem("7-OH tablets", strength_mg=15, doses_per_day=2)], ds)
    assert result.items == () and [n.drug for n in result.not_calculated] == ["7-OH tablets"]
    assert "conversion factor" in result.not_calculated[0].reason
    text = format_mme(result)
    assert "not calculated" in text.splitlines()[0] and " 0 MME" not in text
    mixed = compute_mme([MmeItem("7-OH"), MmeItem("oxycodone", strength_mg=10, doses_per_day=2)], ds)
    assert mixed.total_mme_per_day == 30 and [n.drug for n in mixed.not_calculated] == ["7-OH"]


def test_kratom_alcohol_rule_no_longer_says_every_case_drank(ds):
    rule = next(r for r in ds.rules if r.id == "kratom-alcohol")
    assert "all people" not in rule.mechanism and "did not" in rule.mechanism
    assert any("Ahmad" in s.title for s in rule.sources)
