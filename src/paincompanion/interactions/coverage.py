"""What the interaction rules cover, for "About this data" and for the per-item "no rules for X" note.

A rule side names an ingredient or a class; a class side reaches every member of the class and of the classes that
imply it. `coverage(dataset)` sorts the dataset's classes into three groups: classes that at least one rule names
(directly or through a broader class, so every member is checked), classes none of whose members is named by any
rule, and classes in between (only some members have rules). The same-ingredient duplicate rule applies to every
ingredient and is not counted as coverage: it says nothing about interactions with other medicines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .dataset import Dataset


@dataclass(frozen=True)
class ClassCoverage:
    """One class: its name and description, how many rules apply to all members, members with and without rules."""

    id: str
    name: str
    description: str
    class_rules: int
    members_with_rules: tuple[str, ...]
    members_without_rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "class_rules": self.class_rules,
            "members_with_rules": list(self.members_with_rules),
            "members_without_rules": list(self.members_without_rules),
        }


@dataclass(frozen=True)
class Coverage:
    """The dataset's coverage: `covered` (class rules), `partial`, `not_covered`, and ingredients in no rule."""

    dataset_version: str
    rules: int
    verified_rules: int
    covered: tuple[ClassCoverage, ...]
    partial: tuple[ClassCoverage, ...]
    not_covered: tuple[ClassCoverage, ...]
    ingredients_without_rules: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": {"version": self.dataset_version},
            "rules": self.rules,
            "verified_rules": self.verified_rules,
            "covered": [c.to_json() for c in self.covered],
            "partial": [c.to_json() for c in self.partial],
            "not_covered": [c.to_json() for c in self.not_covered],
            "ingredients_without_rules": list(self.ingredients_without_rules),
        }


@lru_cache(maxsize=4)
def ingredients_with_rules(dataset: Dataset) -> frozenset[str]:
    """Ids of ingredients that at least one interaction or duplicate rule reaches (by name or through a class)."""
    reached: set[str] = set()
    for rule in dataset.rules:
        if rule.match == "same_ingredient":
            continue
        for side in (rule.a, rule.b, rule.c):
            if side:
                reached |= dataset.members(side)
    return frozenset(reached)


def ingredients_without_rules(dataset: Dataset, ingredient_ids: tuple[str, ...] | list[str]) -> list[str]:
    """Those of `ingredient_ids` that no rule reaches, in the given order (used for "no interaction rules for X")."""
    reached = ingredients_with_rules(dataset)
    return [i for i in ingredient_ids if i in dataset.ingredients and i not in reached]


@lru_cache(maxsize=4)
def coverage(dataset: Dataset) -> Coverage:
    """Which classes (families) of medicines the rules cover, partly cover or do not cover at all.

    Member lists hold display names, sorted. A class counts as covered when a rule names it or a broader class it
    implies (so a new member is covered at once); as partial when no rule covers the whole class but some members
    are named in rules; as not covered when no member appears in any rule.
    """
    reached = ingredients_with_rules(dataset)
    covered, partial, not_covered = [], [], []
    for cls in sorted(dataset.classes.values(), key=lambda c: c.name.casefold()):
        ancestors = _ancestors(dataset, cls.id)
        class_rules = sum(
            1
            for rule in dataset.rules
            if rule.match != "same_ingredient" and any(side in ancestors for side in (rule.a, rule.b, rule.c) if side)
        )
        with_rules = tuple(sorted(dataset.ingredient_name(i) for i in cls.members if i in reached))
        without = tuple(sorted(dataset.ingredient_name(i) for i in cls.members if i not in reached))
        entry = ClassCoverage(cls.id, cls.name, cls.description, class_rules, with_rules, without)
        if class_rules:
            covered.append(entry)
        elif with_rules:
            partial.append(entry)
        else:
            not_covered.append(entry)
    without_rules = tuple(
        sorted((dataset.ingredient_name(i) for i in dataset.ingredients if i not in reached), key=str.casefold)
    )
    counts = dataset.counts()
    return Coverage(
        dataset.version, counts["rules"], counts["verified_rules"], tuple(covered), tuple(partial),
        tuple(not_covered), without_rules,
    )  # fmt: skip


def _ancestors(dataset: Dataset, class_id: str) -> set[str]:
    """The class and every class it implies, directly or indirectly."""
    found: set[str] = set()
    stack = [class_id]
    while stack:
        cid = stack.pop()
        if cid not in found and cid in dataset.classes:
            found.add(cid)
            stack += dataset.classes[cid].implies
    return found
