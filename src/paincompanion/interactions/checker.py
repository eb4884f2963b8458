"""The interaction check: pure and deterministic; the same items in any order give the same warnings.

For every pair of ingredients that come from *different* items, the matching rules are grouped by topic (breathing,
serotonin, bleeding, duplication…) and the most serious, then most specific, rule of each topic wins, so one pair
does not produce three near-identical warnings. Interaction rules need two different ingredients; duplicate rules
also fire when the same ingredient comes from two items. Three-way rules (e.g. NSAID + ACE inhibitor + diuretic)
replace the pair warnings of the same topic that they cover. Warnings from the same rule are merged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations, product
from typing import Any

from ..domain.interactions import InteractionWarning, Rule
from .coverage import ingredients_without_rules
from .dataset import Dataset, load_dataset
from .normalize import CheckItem, Resolution


@dataclass(frozen=True)
class CheckResult:
    dataset_version: str
    items: list[Resolution]
    unrecognized: list[str]
    warnings: list[InteractionWarning]
    #: (item as typed, display names of its ingredients that appear in no rule): "no interaction rules for X".
    no_rules: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": {"version": self.dataset_version},
            "items": [item.to_json() for item in self.items],
            "unrecognized": list(self.unrecognized),
            "warnings": [w.to_json() for w in self.warnings],
            "no_rules": [
                {"item": item, "ingredients": list(names), "message": no_rules_message(names)}
                for item, names in self.no_rules
            ],
        }


def no_rules_message(names: Sequence[str]) -> str:
    """The note shown for a recognised item whose ingredients appear in no rule of the dataset."""
    return f"no interaction rules for {' and '.join(names)} in this dataset"


@dataclass
class _Table:
    """Rule lookup by ingredient, built once per dataset."""

    side_a: dict[str, set[int]] = field(default_factory=dict)
    side_b: dict[str, set[int]] = field(default_factory=dict)
    specificity: list[tuple[int, int]] = field(default_factory=list)
    triples: list[int] = field(default_factory=list)
    same: list[int] = field(default_factory=list)


@lru_cache(maxsize=4)
def _table(dataset: Dataset) -> _Table:
    table = _Table()
    for index, rule in enumerate(dataset.rules):
        sides = [side for side in (rule.a, rule.b) if side]
        named = sum(side in dataset.ingredients for side in sides)
        table.specificity.append((named, -sum(len(dataset.members(side)) for side in sides)))
        if rule.match == "same_ingredient":
            table.same.append(index)
        elif rule.c:
            table.triples.append(index)
        else:
            for ing in dataset.members(rule.a or ""):
                table.side_a.setdefault(ing, set()).add(index)
            for ing in dataset.members(rule.b or ""):
                table.side_b.setdefault(ing, set()).add(index)
    return table


def check(entries_in: Sequence[str | CheckItem], dataset: Dataset | None = None) -> CheckResult:
    """Check what the patient typed (brand names, generics, supplements) against each other.

    An item may be a `CheckItem` with the ingredients read off its pack (checked by those) or a chosen product.
    """
    dataset = dataset or load_dataset()
    table = _table(dataset)
    items = [dataset.resolve_item(entry) for entry in entries_in]
    inputs = [item.input for item in items]
    entries = [(i, ing) for i, item in enumerate(items) for ing in item.ingredients]
    found: dict[str, tuple[Rule, set[int], set[str]]] = {}

    covers = _triples(dataset, table, entries, found)
    memo: dict[tuple[str, str], list[Rule]] = {}
    pairs: dict[str, tuple[Rule, list[tuple[tuple[int, str], tuple[int, str]]]]] = {}
    for (i, x), (j, y) in combinations(entries, 2):
        if i == j:
            continue
        pair = (x, y) if x <= y else (y, x)
        rules = memo.get(pair)
        if rules is None:
            rules = memo[pair] = _best_per_topic(dataset, table, *pair)
        for rule in rules:
            pairs.setdefault(rule.id, (rule, []))[1].append(((i, x), (j, y)))
    for rule, contributions in pairs.values():
        # A three-way rule of the same topic that covers every pair of this rule replaces it entirely.
        if all(_covered(rule, first, second, covers) for first, second in contributions):
            continue
        for (i, x), (j, y) in contributions:
            _add(found, rule, {i, j}, {x, y})

    warnings = [_warning(dataset, inputs, rule, idx, ings) for rule, idx, ings in found.values()]
    warnings.sort(key=InteractionWarning.sort_key)
    unrecognized = [item.input for item in items if not item.recognized]
    no_rules = [
        (item.input, tuple(dataset.ingredient_name(i) for i in missing))
        for item in items
        if item.recognized and (missing := ingredients_without_rules(dataset, item.ingredients))
    ]
    return CheckResult(dataset.version, items, unrecognized, warnings, no_rules)


def _covered(
    rule: Rule, first: tuple[int, str], second: tuple[int, str], covers: list[tuple[str, int, set[tuple[int, str]]]]
) -> bool:
    return any(
        topic == rule.topic and rank >= rule.severity.rank and first in members and second in members
        for topic, rank, members in covers
    )


def _best_per_topic(dataset: Dataset, table: _Table, x: str, y: str) -> list[Rule]:
    if x == y:
        both = table.side_a.get(x, set()) & table.side_b.get(x, set())
        candidates = [k for k in both if dataset.rules[k].kind == "duplicate"] + table.same
    else:
        forward = table.side_a.get(x, set()) & table.side_b.get(y, set())
        backward = table.side_a.get(y, set()) & table.side_b.get(x, set())
        candidates = list(forward | backward)
    best: dict[str, int] = {}
    for k in candidates:
        topic = dataset.rules[k].topic
        if topic not in best or _strength(dataset, table, k) > _strength(dataset, table, best[topic]):
            best[topic] = k
    return [dataset.rules[k] for k in sorted(best.values())]


def _strength(dataset: Dataset, table: _Table, index: int) -> tuple[int, tuple[int, int], str]:
    rule = dataset.rules[index]
    return (rule.severity.rank, table.specificity[index], rule.id)


def _triples(
    dataset: Dataset, table: _Table, entries: list[tuple[int, str]], found: dict[str, Any]
) -> list[tuple[str, int, set[tuple[int, str]]]]:
    """Fire three-way rules; return (topic, severity rank, entries covered) so covered pairs can be skipped."""
    covers = []
    for index in table.triples:
        rule = dataset.rules[index]
        if rule.a is None or rule.b is None or rule.c is None:  # (the table holds only rules with three sides)
            continue
        sides = [[e for e in entries if e[1] in dataset.members(side)] for side in (rule.a, rule.b, rule.c)]
        members: set[tuple[int, str]] = set()
        for combo in product(*sides):
            if len({e[0] for e in combo}) == 3 and len({e[1] for e in combo}) == 3:
                members.update(combo)
        if members:
            covers.append((rule.topic, rule.severity.rank, members))
            _add(found, rule, {e[0] for e in members}, {e[1] for e in members})
    return covers


def _add(found: dict[str, Any], rule: Rule, item_indices: set[int], ingredients: set[str]) -> None:
    if rule.id in found:
        found[rule.id][1].update(item_indices)
        found[rule.id][2].update(ingredients)
    else:
        found[rule.id] = (rule, set(item_indices), set(ingredients))


def _warning(
    dataset: Dataset, inputs: Sequence[str], rule: Rule, indices: set[int], ings: set[str]
) -> InteractionWarning:
    items = tuple(inputs[i] for i in sorted(indices, key=lambda i: (inputs[i].casefold(), inputs[i])))
    return InteractionWarning(
        severity=rule.severity,
        kind="duplicate" if rule.kind == "duplicate" else "interaction",
        items=items,
        ingredients=tuple(sorted(ings)),
        summary=rule.summary,
        mechanism=rule.mechanism,
        advice=rule.advice,
        sources=rule.sources,
        rule_id=rule.id,
    )
