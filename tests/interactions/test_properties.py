"""Properties of the check: order does not matter, adding an item never removes a warning, duplicates are found."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from paincompanion.interactions import load_dataset
from paincompanion.interactions.checker import check

DS = load_dataset()
#: A pool of names people type: every product and ingredient name, a few synonyms and a few unknown words.
POOL = sorted(
    set(DS.display_names())
    | {"kratom red vein", "SJW", "fish oil", "Percocet 5/325", "beer", "7-OH", "CBD oil", "xyzzy", "mystery tea"}
)
names = st.lists(st.sampled_from(POOL), min_size=0, max_size=12)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _signature(result):
    return sorted((w.severity.rank, w.kind, w.items, w.ingredients, w.summary) for w in result.warnings)


@SETTINGS
@given(items=names, seed=st.randoms(use_true_random=False))
def test_result_does_not_depend_on_the_order_of_items(items, seed):
    shuffled = list(items)
    seed.shuffle(shuffled)
    first, second = check(items, DS), check(shuffled, DS)
    assert _signature(first) == _signature(second)
    assert sorted(first.unrecognized) == sorted(second.unrecognized)


@SETTINGS
@given(items=names, extra=st.sampled_from(POOL))
def test_adding_an_item_never_removes_a_warning(items, extra):
    before = check(items, DS)
    after = check([*items, extra], DS)
    for warning in before.warnings:
        assert any(
            other.severity >= warning.severity
            and set(warning.ingredients) <= set(other.ingredients)
            and set(warning.items) <= set(other.items)
            for other in after.warnings
        ), warning.summary


def _names_by_ingredient() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for ing in DS.ingredients.values():
        for name in (ing.name, *ing.synonyms):
            if DS.resolve(name).ingredients == (ing.id,):
                found.setdefault(ing.id, set()).add(name)
    for product in DS.products.values():
        if not DS.resolve(product.name).recognized:
            continue  # a name shared by several products (e.g. "Ketum") is asked, not resolved
        for ing in product.ingredients:
            found.setdefault(ing, set()).add(product.name)
    return {ing: sorted(names) for ing, names in found.items() if len(names) >= 2}


CARRIERS = _names_by_ingredient()


@st.composite
def two_names_with_one_ingredient(draw):
    ingredient = draw(st.sampled_from(sorted(CARRIERS)))
    first, second = draw(st.lists(st.sampled_from(CARRIERS[ingredient]), min_size=2, max_size=2, unique=True))
    others = draw(st.lists(st.sampled_from(POOL), max_size=4))
    return ingredient, first, second, others


@SETTINGS
@given(case=two_names_with_one_ingredient())
def test_a_duplicate_ingredient_is_found_whatever_product_names_carry_it(case):
    ingredient, first, second, others = case
    result = check([*others, first, second], DS)
    assert any(
        w.kind == "duplicate" and ingredient in w.ingredients and {first, second} <= set(w.items)
        for w in result.warnings
    ), (ingredient, first, second)


@SETTINGS
@given(items=names)
@example(items=["5-HTP", "Tylenol with Codeine #3"])  # found by Hypothesis: an ambiguous name is warned about
def test_unknown_names_never_carry_ingredients_or_warnings(items):
    result = check(items, DS)
    unknown = {item.input for item in result.items if not item.recognized}
    assert set(result.unrecognized) == unknown
    # A name of several products ("Tylenol with Codeine #3": US or Canadian) is not resolved, but it is checked for
    # what all of them contain (issue 12), so it may be named in a warning; a name with no ingredient never is.
    empty = {item.input for item in result.items if not item.recognized and not item.ingredients}
    for warning in result.warnings:
        assert not set(warning.items) & (empty - {i.input for i in result.items if i.recognized})
