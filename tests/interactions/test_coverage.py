"""coverage(): which classes the rules cover, and the per-item "no interaction rules for X" note of the check."""

from __future__ import annotations

import json
from dataclasses import replace

from paincompanion.domain.interactions import Rule
from paincompanion.interactions import load_dataset
from paincompanion.interactions.checker import check, no_rules_message
from paincompanion.interactions.coverage import coverage, ingredients_with_rules, ingredients_without_rules

DS = load_dataset()


def test_every_class_is_in_exactly_one_group():
    cov = coverage(DS)
    ids = [c.id for group in (cov.covered, cov.partial, cov.not_covered) for c in group]
    assert sorted(ids) == sorted(DS.classes)


def test_a_class_named_by_a_rule_is_covered_and_so_are_its_narrower_classes():
    cov = coverage(DS)
    covered = {c.id: c for c in cov.covered}
    assert "benzodiazepine" in covered and covered["benzodiazepine"].class_rules > 0
    assert "ssri" in covered  # reached through serotonin_reuptake_inhibitor and serotonergic rules
    assert "vka" in covered


def test_a_class_none_of_whose_members_is_in_a_rule_is_not_covered():
    cov = coverage(DS)
    not_covered = {c.id: c for c in cov.not_covered}
    for cls in not_covered.values():
        assert cls.class_rules == 0 and cls.members_with_rules == ()
    assert "opioid_rescue" in not_covered  # naloxone is a rescue medicine, deliberately without rules


def test_ingredients_without_rules_are_exactly_those_no_rule_side_reaches():
    reached = set()
    for rule in DS.rules:
        if rule.match != "same_ingredient":
            for side in (rule.a, rule.b, rule.c):
                if side:
                    reached |= DS.members(side)
    assert ingredients_with_rules(DS) == reached
    names = {DS.ingredient_name(i) for i in DS.ingredients if i not in reached}
    assert set(coverage(DS).ingredients_without_rules) == names
    assert "Metformin" in names and "Warfarin" not in names


def test_coverage_json_round_trips():
    data = json.loads(json.dumps(coverage(DS).to_json()))
    assert data["rules"] == len(DS.rules) and data["dataset"]["version"] == DS.version
    assert {"covered", "partial", "not_covered", "ingredients_without_rules"} <= set(data)


def test_check_names_recognised_items_in_no_rule_and_only_those():
    result = check(["metformin", "warfarin", "Tylenol", "mystery tea"], DS)
    assert result.no_rules == [("metformin", ("Metformin",))]
    message = "no interaction rules for Metformin in this dataset"
    assert result.to_json()["no_rules"] == [{"item": "metformin", "ingredients": ["Metformin"], "message": message}]
    assert no_rules_message(["A", "B"]) == "no interaction rules for A and B in this dataset"


def test_ingredients_without_rules_keeps_order_and_ignores_unknown_ids():
    assert ingredients_without_rules(DS, ["vitamin_d", "nonexistent", "metformin", "warfarin"]) == [
        "vitamin_d",
        "metformin",
    ]


def test_a_new_rule_on_a_class_covers_its_members():
    """Adding a rule for a class removes its members from the no-rules list (checked on a modified copy)."""
    before = ingredients_with_rules(DS)
    assert "metformin" not in before
    rule = replace(DS.rules[0], id="test-metformin", a="metformin", b="alcohol")
    assert isinstance(rule, Rule)
    copy = object.__new__(type(DS))
    copy.__dict__.update(DS.__dict__)
    copy.rules = (*DS.rules, rule)
    assert "metformin" in ingredients_with_rules(copy)
