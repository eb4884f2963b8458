"""Properties of reading names (hypothesis): extra harmless words never change ingredients, composition words are
never dropped, suggestions never lose an ingredient, and the answer does not depend on any list's order."""

from __future__ import annotations

import copy
import json
import random
from functools import cache

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from paincompanion.interactions import load_dataset
from paincompanion.interactions.checker import check
from paincompanion.interactions.dataset import Dataset, _bundle_root
from paincompanion.interactions.normalize import fold, key_of
from paincompanion.interactions.parts import data_files, merge

DS = load_dataset()
READING = json.loads(_bundle_root().joinpath("reading.json").read_text(encoding="utf-8"))
KEYS = set(DS.index.keys())
FIRST_WORDS = {k.split()[0] for k in KEYS}


def _plain(words: list[str]) -> list[str]:
    """Harmless words that are not themselves (the start of) a known name, nor composition words ("comp")."""
    return sorted({w for w in words if fold(w) and not set(fold(w)) & (FIRST_WORDS | DS.reading.composition)})


FORMS = _plain([w for group in READING["harmless"].values() for w in group])
MAKERS = _plain(READING["makers"])
COMPOSITION = sorted({w for group in READING["composition_words"].values() for w in group if fold(w)})
STRENGTHS = ["5 mg", "500mg", "2,5 mg", "0,5 g", "8/500", "30/500 mg", "1,000 mg", "400", "12.5 mg", "100 mg/ml"]
#: Names recognised on their own as one thing (not ambiguous), products and ingredients.
KNOWN = sorted(name for name in DS.display_names() if DS.resolve(name).recognized and not DS.resolve(name).candidates)
COMBINATIONS = sorted(p.name for p in DS.products.values() if len(p.ingredients) > 1 and p.name in KNOWN)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _extends_a_name(name: str, extra: str) -> bool:
    """Whether the words after `name` could continue a longer known name ("Voltaren" + "gel")."""
    base = key_of(name)
    first = fold(extra)[:1]
    return bool(first) and any(k.startswith(f"{base} {first[0]}") for k in KEYS)


@FAST
@given(st.sampled_from(KNOWN), st.sampled_from(STRENGTHS), st.sampled_from(FORMS), st.sampled_from(MAKERS))
def test_strength_form_and_maker_never_change_the_ingredients(name, strength, form, maker):
    expected = DS.resolve(name).ingredients
    for text in (f"{name} {strength}", f"{name} {form}", f"{name}-{maker}", f"{name} {maker} {strength} {form}"):
        assume(not _extends_a_name(name, text[len(name) :]))
        resolution = DS.resolve(text)
        assert resolution.recognized, text
        assert resolution.ingredients == expected, text


@FAST
@given(st.sampled_from(KNOWN), st.sampled_from(COMPOSITION))
def test_a_composition_word_is_never_dropped(name, word):
    """Recognised with the word: by a name that has the word too, or the word is itself an ingredient name."""
    base = DS.resolve(name)
    resolution = DS.resolve(f"{name} {word}")
    if not resolution.recognized:
        return
    words = set(fold(word))
    if resolution.product is not None:
        names = [resolution.product, *DS.products[resolution.product].synonyms]
        has_word = any(words <= set(key_of(n).split()) for n in names)
        same = set(resolution.ingredients) == set(base.ingredients) and words <= set(key_of(name).split())
        assert has_word or same, (name, word, resolution.product)
    else:
        assert set(base.ingredients) <= set(resolution.ingredients), (name, word)
        as_ingredient = DS.resolve(word)  # e.g. "cafeina" (caffeine), already in Fioricet: nothing is dropped
        word_is_ingredient = as_ingredient.recognized and set(as_ingredient.ingredients) <= set(resolution.ingredients)
        assert (
            set(resolution.ingredients) != set(base.ingredients)
            or words <= set(key_of(name).split())
            or word_is_ingredient
        )


@FAST
@given(st.sampled_from(COMBINATIONS), st.text(alphabet="qxzjkvw", min_size=4, max_size=8))
def test_a_combination_never_loses_an_ingredient_through_a_suggestion(name, nonsense):
    resolution = DS.resolve(f"{name} {nonsense}")
    assert not resolution.recognized
    contains = set(DS.resolve(name).ingredients)
    for candidate in resolution.suggested:
        assert contains <= set(candidate.ingredients), (name, candidate)


@FAST
@given(st.sampled_from(COMBINATIONS), st.data())
def test_a_misspelt_combination_is_only_offered_with_its_ingredients_shown(name, data):
    k = data.draw(st.integers(0, len(name) - 1))
    typo = name[:k] + name[k + 1 :]
    resolution = DS.resolve(typo)
    for candidate in resolution.suggested:
        assert all(n in candidate.label for n in candidate.ingredient_names)
    if not resolution.recognized:
        assert resolution.product is None


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([*KNOWN, "Tylenol 3", "Ketum", "Panadol Extar", "mystery tea"]), min_size=2,
                max_size=12, unique=True), st.randoms(use_true_random=False))  # fmt: skip
def test_the_check_does_not_depend_on_the_order_of_the_list(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    first, second = check(items, DS), check(shuffled, DS)
    assert {r.input: r for r in first.items} == {r.input: r for r in second.items}
    assert sorted(map(repr, first.warnings)) == sorted(map(repr, second.warnings))


@cache
def _raw() -> dict:
    root = _bundle_root()
    names = json.loads(root.joinpath("dataset.json").read_text(encoding="utf-8"))["files"]
    raw, problems = merge({n: root.joinpath(n).read_bytes() for n in data_files(names)})
    assert not problems
    return raw


def test_resolution_does_not_depend_on_the_order_of_the_lexicon():
    raw = copy.deepcopy(_raw())
    rnd = random.Random(12)
    rnd.shuffle(raw["lexicon"]["ingredients"])
    rnd.shuffle(raw["lexicon"]["products"])
    shuffled = Dataset(raw, version=DS.version, kratom_markdown="", sha256={})
    for text in ["Tylenol 3", "Solpadeine", "Ketum", "Panadol Extar", "oxycodne", "Advil Sinus Congestion",
                 "Tylenol with codeine", "kratomm", "gabapentn", "Nurofen Plus mystery"]:  # fmt: skip
        assert shuffled.resolve(text) == DS.resolve(text), text
