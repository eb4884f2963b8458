"""`meds add --ingredient/--product`, ambiguous names refused with candidates, `interactions NAME=a+b`, bad names."""

from __future__ import annotations

import pytest


def test_an_ambiguous_name_is_refused_with_its_candidates_and_nothing_is_saved(run, db_hash):
    run("meds", "add", "Ibuprofen")
    before = db_hash(run.data)
    code, out, err = run("meds", "add", "Tylenol 3")
    assert code != 0 and out == ""
    assert "could be several products" in err and "nothing was saved" in err
    assert "Tylenol with Codeine #3 (Acetaminophen + Codeine)" in err
    assert "Tylenol with Codeine No. 3 (Canada) (Acetaminophen + Codeine + Caffeine)" in err
    assert "--product" in err and "--ingredient" in err
    assert db_hash(run.data) == before


def test_product_picks_one_candidate(run):
    code, out, _ = run("meds", "add", "Tylenol 3", "--product", "tylenol with codeine no. 3 (canada)", json_out=True)
    assert code == 0
    med = out["medication"]
    assert med["recognized"] and set(med["ingredients"]) == {"acetaminophen", "codeine", "caffeine"}
    assert med["candidates"] == [] and med["ingredients_given_by_you"] is False


def test_ingredients_from_the_pack_are_saved_listed_and_checked(run):
    code, out, err = run("meds", "add", "Dolo-Mix", "--ingredient", "Paracetamol", "--ingredient", "Codein",
                         "--ingredient-strength", "500 mg", "--ingredient-strength", "30 mg")  # fmt: skip
    assert code == 0 and err == ""
    assert "checked by Acetaminophen + Codeine (ingredients given by you)" in out
    _, listed, _ = run("meds", "list", json_out=True)
    med = listed["medications"][0]
    assert med["ingredients_given_by_you"] is True and med["ingredients"] == ["acetaminophen", "codeine"]
    assert med["pack_ingredients"] == [{"name": "Paracetamol", "strength": "500 mg"},
                                       {"name": "Codein", "strength": "30 mg"}]  # fmt: skip
    _, text, _ = run("meds", "list")
    assert "(ingredients given by you)" in text
    code, out, _ = run("meds", "add", "Xanax")
    assert "Dolo-Mix, Xanax" in out  # the opioid in the pack is checked against the benzodiazepine


def test_an_ambiguous_name_with_ingredients_is_saved(run):
    code, out, _ = run("meds", "add", "Tylenol 3", "--ingredient", "paracetamol", "--ingredient", "codeine")
    assert code == 0 and "ingredients given by you" in out


def test_more_strengths_than_ingredients_is_refused(run, db_hash):
    code, out, err = run("meds", "add", "X", "--ingredient", "codeine", "--ingredient-strength", "30 mg",
                         "--ingredient-strength", "5 mg")  # fmt: skip
    assert code == 1 and "--ingredient" in err and len(err.strip().splitlines()) == 1
    assert db_hash(run.data) is None or "X" not in run("meds", "list")[1]


@pytest.mark.parametrize("name", ["", "x" * 10_000, "Ibu\x07profen", "12345"])
def test_bad_names_get_one_line_and_change_nothing(run, db_hash, name):
    run("meds", "add", "Ibuprofen")
    before = db_hash(run.data)
    code, out, err = run("meds", "add", name)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert db_hash(run.data) == before
    code, out, err = run("interactions", "Ibuprofen", name or "=")
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_interactions_accepts_ingredients_from_the_pack(run):
    code, out, err = run("interactions", "Dolo-Mix=paracetamol+codeine", "Xanax")
    assert code == 0 and err == ""
    assert "Acetaminophen + Codeine (ingredients given by you)" in out
    assert "Items: Dolo-Mix=paracetamol+codeine, Xanax" in out
    code, data, _ = run("interactions", "Mystery=ibuprofen+moonflower", json_out=True)
    item = data["items"][0]
    assert item["ingredients_given_by_you"] and item["ingredients"] == ["ibuprofen"]
    assert item["unknown_ingredients"] == ["moonflower"]
    code, out, err = run("interactions", "Mystery=")
    assert code == 1 and "After '='" in err


def test_interactions_shows_candidates_and_suggestions_with_ingredients(run):
    code, out, _ = run("interactions", "Tylenol 3", "Panadol Extar")
    flat = " ".join(out.split())
    assert code == 0
    assert "could be several products: Tylenol with Codeine #3 (Acetaminophen + Codeine) or" in flat
    assert "Checked only for what they all contain: Acetaminophen + Codeine." in flat
    assert "Did you mean Panadol (Acetaminophen) or Panadol Extra (Acetaminophen + Caffeine)" in flat
