"""Items checked by the ingredients read off the pack, names that could be several products, and bad names."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from paincompanion.domain.medications import MedicationDraft, PackIngredient
from paincompanion.errors import ValidationError
from paincompanion.interactions.normalize import CheckItem
from paincompanion.services import transfer
from paincompanion.services.companion import Companion
from paincompanion.services.meds_transfer import medication_records

PACK = (PackIngredient("Paracetamol", "500 mg"), PackIngredient("Codein", "30 mg"), PackIngredient("Mystery root"))


def test_an_unknown_product_is_checked_by_its_pack_ingredients(companion):
    meds = companion.meds
    med = meds.add(MedicationDraft("Dolo-Mix forte", times_per_day=3, pack_ingredients=PACK))
    assert med.ingredients_given and med.recognized
    assert med.ingredients == ("acetaminophen", "codeine")
    assert med.unknown_ingredients == ("Mystery root",)
    assert "ingredients given by you" in med.recognition and "Mystery root" in med.recognition
    meds.add(MedicationDraft("Xanax"))
    warnings = meds.check().warnings
    assert any({"Dolo-Mix forte", "Xanax"} <= set(w.items) for w in warnings)  # opioid + benzodiazepine
    assert meds.get(med.id).pack_ingredients == PACK


def test_the_pack_ingredients_win_over_the_name(companion):
    med = companion.meds.add(MedicationDraft("Tylenol", pack_ingredients=(PackIngredient("ibuprofen"),)))
    assert med.ingredients == ("ibuprofen",) and med.ingredients_given


def test_a_name_that_could_be_several_products_is_checked_for_what_they_share_until_one_is_picked(companion):
    meds = companion.meds
    med = meds.add(MedicationDraft("Tylenol 3"))
    assert not med.recognized and len(med.candidates) == 2
    assert set(med.ingredients) == {"acetaminophen", "codeine"}
    assert all("(" in label for label in med.candidates)
    picked = meds.update(med.id, replace(med.as_draft(), product="Tylenol with Codeine No. 3 (Canada)"))
    assert picked.recognized and picked.matched_product == "Tylenol with Codeine No. 3 (Canada)"
    assert set(picked.ingredients) == {"acetaminophen", "codeine", "caffeine"}
    extra = meds.check(extra=[CheckItem("Solpadeine", choice="Solpadeine Headache")])
    assert extra.items[-1].recognized and "codeine" not in extra.items[-1].ingredients


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("x" * 10_000, "at most 200 characters"),
        ("Ibu\x00profen", "control character"),
        ("Ibuprofen\x1b[31m", "control character"),
        ("Ibu\nprofen", "control character"),
        ("12345", "not only digits"),
        ("400 / 12,5", "not only digits"),
    ],
)
def test_bad_names_get_one_clear_message_and_change_nothing(companion, name, message):
    meds = companion.meds
    meds.add(MedicationDraft("Ibuprofen"))
    before = [m.as_draft() for m in meds.list_medications()]
    with pytest.raises(ValidationError, match=message):
        meds.add(MedicationDraft(name))
    with pytest.raises(ValidationError):
        meds.add(MedicationDraft("Fine name", pack_ingredients=(PackIngredient(name or "\t"),)))
    if name.strip():
        with pytest.raises(ValidationError):
            meds.check(extra=[name])
    assert [m.as_draft() for m in meds.list_medications()] == before


def test_a_bad_ingredient_strength_is_refused(companion):
    with pytest.raises(ValidationError, match="not like '500 mg'"):
        companion.meds.add(MedicationDraft("X", pack_ingredients=(PackIngredient("codeine", "lots"),)))
    assert companion.meds.count() == 0


def test_export_and_import_keep_the_pack_ingredients(companion, tmp_path, app_paths, clock):
    companion.meds.add(MedicationDraft("Dolo-Mix forte", pack_ingredients=PACK))
    path = tmp_path / "all.json"
    transfer.export_json(companion, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["medications"][0]["pack_ingredients"] == [
        {"name": "Paracetamol", "strength": "500 mg"}, {"name": "Codein", "strength": "30 mg"},
        {"name": "Mystery root", "strength": ""},
    ]  # fmt: skip
    other = Companion.open(type(app_paths).in_dir(tmp_path / "other"), clock)
    try:
        result = transfer.import_file(other, path)
        assert result.medications == 1 and result.skipped == []
        assert medication_records(other) == medication_records(companion)
        assert other.meds.list_medications()[0].ingredients_given
        again = transfer.import_file(other, path)  # the same item is matched, not added twice
        assert again.medications == 0
    finally:
        other.close()


def test_an_import_with_broken_pack_ingredients_skips_that_item_only(companion, tmp_path):
    path = tmp_path / "bad.json"
    companion.meds.add(MedicationDraft("Ibuprofen"))
    transfer.export_json(companion, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    good = document["medications"][0]
    document["medications"] = [{**good, "name": "Broken", "pack_ingredients": "codeine"}, good]
    path.write_text(json.dumps(document), encoding="utf-8")
    companion.meds.delete(companion.meds.list_medications()[0].id)
    result = transfer.import_file(companion, path)
    assert result.medications == 1 and len(result.skipped) == 1
    assert [m.name for m in companion.meds.list_medications()] == ["Ibuprofen"]


def test_an_opioid_read_off_the_pack_counts_in_the_mme_with_its_strength(companion):
    companion.meds.add(MedicationDraft("Dolo-Mix forte", times_per_day=3, pack_ingredients=PACK))
    result = companion.meds.mme_per_day()
    assert [(line.ingredient, line.mme_per_day) for line in result.items] == [("codeine", 13.5)]  # 30 mg × 3 × 0.15
    assert result.not_calculated == ()
