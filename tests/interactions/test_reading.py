"""Reading what people type, per language group: strengths, decimal commas, form and release words, makers.

Names are ones the current lexicon knows, written the way packs in each country print them (our own examples).
Composition words ("Plus", "Extra", "#3", "Headache"…) are never dropped: a name that could be several products
gives the candidates with their ingredients, never a guess.
"""

from __future__ import annotations

import pytest

from paincompanion.interactions import load_dataset
from paincompanion.interactions.normalize import fold


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


APAP, IBU = ("acetaminophen",), ("ibuprofen",)
BY_LANGUAGE = {
    "de": [
        ("Ibuprofen-ratiopharm 400 mg Filmtabletten", IBU, 400),
        ("Paracetamol AL 500 mg Tabletten", APAP, 500),
        ("Paracetamol Hexal 250 mg Zäpfchen", APAP, 250),
        ("Ibuprofen 1A Pharma 600 mg Brausetabletten", IBU, 600),
        ("Tramadol STADA 50 mg Hartkapseln", ("tramadol",), 50),
        ("Tramadol Sandoz 100 mg Retardtabletten", ("tramadol",), 100),
        ("Paracetamol 40 mg/ml Saft", APAP, 40),
        ("Nurofen Plus 200 mg/12,8 mg Tabletten", ("ibuprofen", "codeine"), None),
    ],
    "fr": [
        ("Paracétamol Biogaran 1000 mg, comprimé pelliculé", APAP, 1000),
        ("Paracetamol Arrow 500 mg, gélules", APAP, 500),
        ("Ibuprofen Zentiva 400 mg, comprimés enrobés", IBU, 400),
        ("Tramadol EG LP 100 mg, comprimé à libération prolongée", ("tramadol",), 100),
        ("KETUM 2,5 pour cent, gel", ("ketoprofen_topical",), None),
    ],
    "it": [
        ("Ibuprofen Teva 400 mg compresse rivestite con film", IBU, 400),
        ("Paracetamol Mylan 500 mg compresse effervescenti", APAP, 500),
        ("Diclofenac Sandoz 50 mg bustine", ("diclofenac",), 50),
        ("Paracetamol DOC Generici 1000 mg compresse", APAP, 1000),
    ],
    "es": [
        ("Ibuprofen Cinfa 600 mg comprimidos recubiertos con película", IBU, 600),
        ("Paracetamol Normon 1 g sobres", APAP, 1000),
        ("Tramadol Kern Pharma 50 mg cápsulas duras", ("tramadol",), 50),
        ("Paracetamol 100 mg/ml gotas orales", APAP, 100),
    ],
    "pt": [
        ("Paracetamol Aurobindo 1000 mg comprimidos", APAP, 1000),
        ("Ibuprofen Apotex 400 mg cápsulas moles", IBU, 400),
    ],
    "nl": [
        ("Paracetamol Sandoz 500 mg zetpillen", APAP, 500),
        ("Ibuprofen Accord 400 mg filmomhulde tabletten", IBU, 400),
        ("Diclofenac Mylan 50 mg maagsapresistente tabletten", ("diclofenac",), 50),
    ],
    "nordic": [
        ("Paracetamol Orion 500 mg tabletter", APAP, 500),
        ("Ibuprofen Zentiva 400 mg filmdrasjerte tabletter", IBU, 400),
        ("Tramadol Krka 50 mg kapsler", ("tramadol",), 50),
        ("Paracetamol 500 mg brustabletter", APAP, 500),
    ],
    "en": [
        ("Co-codamol 8/500 effervescent tablets", ("codeine", "acetaminophen"), None),
        ("Ibuprofen 200mg caplets, Boots", IBU, 200),
        ("Paracetamol 500 mg soluble tablets Accord", APAP, 500),
        ("Tylenol Extra Strength caplets", APAP, None),
    ],
}
CASES = [(lang, *case) for lang, cases in BY_LANGUAGE.items() for case in cases]


@pytest.mark.parametrize(("lang", "text", "ingredients", "mg"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_forms_makers_and_strengths_never_sink_a_known_name(ds, lang, text, ingredients, mg):
    analysis = ds.analyse(text)
    assert analysis.resolution.recognized, (lang, text, analysis.resolution)
    assert analysis.resolution.ingredients == ingredients
    if mg is not None:
        assert ds.component_strengths(analysis)[ingredients[0]] == mg


@pytest.mark.parametrize(
    ("text", "strengths"),
    [
        ("paracetamol 2,5 mg", {"acetaminophen": 2.5}),
        ("paracetamol 0,5 g", {"acetaminophen": 500}),
        ("Tylenol 1,000 mg", {"acetaminophen": 1000}),
        ("Nurofen Plus 200 mg/12,8 mg", {"ibuprofen": 200, "codeine": 12.8}),
        ("Co-codamol 30/500", {"codeine": 30, "acetaminophen": 500}),
        ("Ibuprofen AL 400 N3", {"ibuprofen": 400}),  # N3 is a pack size, not a strength
        ("Paracetamol 20 Tabletten 500 mg", {"acetaminophen": 500}),  # the number with a unit wins
    ],
)
def test_strengths_with_decimal_commas_and_units(ds, text, strengths):
    found = ds.component_strengths(ds.analyse(text))
    assert {k: found[k] for k in strengths} == strengths


def test_variant_numbers_are_one_token_however_written():
    assert fold("Tylenol #3") == fold("Tylenol No. 3") == fold("Tylenol Nr.3") == fold("Tylenol N° 3") == (
        "tylenol", "#3",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "product", "ingredients"),
    [
        ("Tylenol #1", "Tylenol No. 1 (Canada)", {"acetaminophen", "codeine", "caffeine"}),
        ("Tylenol No. 2", "Tylenol with Codeine No. 2 (Canada)", {"acetaminophen", "codeine", "caffeine"}),
        ("Tylenol #4", "Tylenol with Codeine #4", {"acetaminophen", "codeine"}),
        ("Solpadeine Headache", "Solpadeine Headache", {"acetaminophen", "caffeine"}),
        ("Solpadeine Headache soluble tablets", "Solpadeine Headache", {"acetaminophen", "caffeine"}),
        ("Solpadeine Max", "Solpadeine Max", {"acetaminophen", "codeine", "caffeine"}),
        ("Panadol Extra", "Panadol Extra", {"acetaminophen", "caffeine"}),
        ("Panadol", "Panadol", {"acetaminophen"}),
        ("Nurofen Plus", "Nurofen Plus", {"ibuprofen", "codeine"}),
        ("Nurofen 200 mg Plus", "Nurofen Plus", {"ibuprofen", "codeine"}),  # the same words in another order
        ("Ketum gel", "Ketum", {"ketoprofen_topical"}),
        ("Tylenol PM", "Tylenol PM", {"acetaminophen", "diphenhydramine"}),
    ],
)
def test_composition_words_are_honoured(ds, text, product, ingredients):
    resolution = ds.resolve(text)
    assert resolution.recognized and resolution.product == product
    assert set(resolution.ingredients) == ingredients


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Tylenol #3", {"Tylenol with Codeine #3", "Tylenol with Codeine No. 3 (Canada)"}),
        ("tylenol 3", {"Tylenol with Codeine #3", "Tylenol with Codeine No. 3 (Canada)"}),
        ("Solpadeine", {"Solpadeine Headache", "Solpadeine Max", "Solpadeine Plus"}),
        ("Ketum", {"Kratom", "Ketum"}),
        ("Advil Sinus", {"Advil Cold & Sinus"}),  # a longer name is only offered
        ("NyQuil", {"NyQuil Cold & Flu", "NyQuil Severe Cold & Flu"}),  # a brand of several products
        ("Unisom", {"Unisom SleepTabs", "Unisom SleepGels", "Unisom PM Pain"}),
        ("Midol", {"Midol Complete", "Midol Cramps & Body Aches"}),
    ],
)
def test_a_name_that_could_be_several_products_is_not_guessed(ds, text, candidates):
    resolution = ds.resolve(text)
    assert not resolution.recognized and resolution.product is None
    assert {c.name for c in resolution.candidates} == candidates
    for candidate in resolution.candidates:  # each shown with what it contains
        assert candidate.ingredients and all(n in candidate.label for n in candidate.ingredient_names)
    shared = set.intersection(*(set(c.ingredients) for c in resolution.candidates))
    assert set(resolution.ingredients) == shared  # only what every candidate contains is checked


@pytest.mark.parametrize("text", ["Panadol Extra Night", "Tylenol Back", "Nurofen Forte", "Paracetamol comp"])
def test_a_composition_word_the_lexicon_does_not_know_with_that_name_is_not_recognised(ds, text):
    resolution = ds.resolve(text)
    assert not resolution.recognized and resolution.ingredients == ()


def test_kratom_names_do_not_capture_the_ketoprofen_gel(ds):
    assert ds.resolve("kratom").ingredients == ("kratom",)
    assert ds.resolve("kakuam").ingredients == ("kratom",)
    assert "kratom" not in ds.resolve("Ketum gel").ingredients
    assert "kratom" not in ds.resolve("Ketum 2.5% gel").ingredients


def test_suggestions_show_ingredients_and_never_drop_one(ds):
    resolution = ds.resolve("Panadol Extar")
    labels = [c.label for c in resolution.suggested]
    assert "Panadol Extra (Acetaminophen + Caffeine)" in labels and "Panadol (Acetaminophen)" in labels
    extra = ds.resolve("Nurofen Plus mystery")  # known part: ibuprofen + codeine
    assert extra.suggested and all({"ibuprofen", "codeine"} <= set(c.ingredients) for c in extra.suggested)
    assert (
        ds.resolve("Advil Sinus Congestion").suggestions
        and "Advil" not in ds.resolve("Advil Sinus Congestion").suggestions
    )  # "Advil" alone would drop what "Sinus" adds


def test_accents_do_not_matter(ds):
    for plain, accented in [("novalgin", "Novalgín"), ("ibuprofen", "Ibuprofén"), ("percocet", "Pércocet")]:
        a, b = ds.resolve(plain), ds.resolve(accented)
        assert (a.recognized, a.ingredients, a.suggestions) == (b.recognized, b.ingredients, b.suggestions)


def test_pack_ingredients_resolve_an_unknown_name(ds):
    resolution = ds.resolve("Dolo-Mix=paracetamol 500 mg+codeine+mystery root")
    assert resolution.given and resolution.recognized
    assert resolution.ingredients == ("acetaminophen", "codeine")
    assert resolution.unknown_ingredients == ("mystery root",)
