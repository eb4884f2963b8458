"""The bundled dataset: schema, references, sources, coverage minimums, manifest checksums, wording rules."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from paincompanion.domain.interactions import Severity
from paincompanion.errors import DatasetError
from paincompanion.interactions.dataset import MANIFEST, find_problems, load_dataset, load_dataset_from
from paincompanion.interactions.normalize import key_of
from paincompanion.interactions.parts import data_files, merge

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "paincompanion" / "data" / "interactions"


def files_on_disk(folder: Path = DATA) -> tuple[str, ...]:
    return data_files(p.name for p in folder.iterdir())


def raw() -> dict:
    merged, problems = merge({n: (DATA / n).read_bytes() for n in files_on_disk()})
    assert problems == []
    return merged


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_loads_with_the_manifest_version(ds):
    manifest = json.loads((DATA / MANIFEST).read_text("utf-8"))
    assert ds.version == manifest["version"]
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", ds.version)


def test_files_match_the_manifest_sha256():
    manifest = json.loads((DATA / MANIFEST).read_text("utf-8"))
    assert set(manifest["files"]) == set(files_on_disk()), "a part file is not in the manifest: rerun build_dataset.py"
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((DATA / name).read_bytes()).hexdigest() == digest, f"{name}: rerun build_dataset.py"


def test_raw_files_have_no_problems():
    assert find_problems(raw()) == []


def test_coverage_meets_the_issue_minimums(ds):
    counts = ds.counts()
    assert counts["rules"] >= 100
    assert counts["ingredients"] >= 200
    assert counts["ingredient_names"] >= 300
    assert counts["products"] >= 150


def test_every_rule_has_a_valid_severity_and_a_resolvable_source(ds):
    for rule in ds.rules:
        assert isinstance(rule.severity, Severity)
        assert rule.sources, rule.id
        for source in rule.sources:
            assert source.url or source.pmid or source.doi, (rule.id, source.title)
            assert source.url is None or source.url.startswith(("http://", "https://"))
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", rule.checked_on)
        assert isinstance(rule.verified, bool)


def test_every_rule_side_is_a_known_ingredient_or_class(ds):
    for rule in ds.rules:
        sides = [s for s in (rule.a, rule.b, rule.c) if s]
        if rule.match == "same_ingredient":
            assert sides == []
            continue
        assert len(sides) >= 2, rule.id
        for side in sides:
            assert side in ds.ingredients or side in ds.classes, (rule.id, side)
            assert ds.members(side), (rule.id, side)  # a class nobody belongs to would be a dead rule


def test_no_product_maps_to_an_unknown_ingredient():
    data = raw()
    known = {i["id"] for i in data["lexicon"]["ingredients"]}
    for product in data["lexicon"]["products"]:
        assert set(product["ingredients"]) <= known, product["name"]
        assert set(product.get("mg", {})) <= set(product["ingredients"]), product["name"]


def test_no_name_or_synonym_maps_to_two_ingredients(ds):
    data = raw()
    owner: dict[str, str] = {}
    for ing in data["lexicon"]["ingredients"]:
        for name in (ing["id"].replace("_", " "), ing["name"], *ing["synonyms"]):
            assert owner.setdefault(key_of(name), ing["id"]) == ing["id"], (name, owner[key_of(name)], ing["id"])
    # A name shared by products (or a product and an ingredient) with different ingredients is never guessed:
    # the index lists it as ambiguous, and resolving it gives the candidates.
    compositions: dict[str, set[tuple[str, ...]]] = {}
    for ing in data["lexicon"]["ingredients"]:
        for name in (ing["id"].replace("_", " "), ing["name"], *ing["synonyms"]):
            compositions.setdefault(key_of(name), set()).add((ing["id"],))
    for product in data["lexicon"]["products"]:
        for name in (product["name"], *product.get("synonyms", [])):
            compositions.setdefault(key_of(name), set()).add(tuple(product["ingredients"]))
    shared = {key for key, found in compositions.items() if len(found) > 1}
    assert shared <= set(ds.index.ambiguous_names())
    assert {"ketum", "tylenol #3", "tylenol with codeine"} <= shared
    for key in shared:
        resolution = ds.resolve(key)
        assert not resolution.recognized and len(resolution.candidates) >= 2, key


def test_class_ids_and_ingredient_ids_are_lower_snake_and_disjoint(ds):
    for identifier in [*ds.ingredients, *ds.classes]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", identifier)
    assert not set(ds.ingredients) & set(ds.classes)


#: The interaction classes that matter most with pain medicines (and the herbal and supplement rows): each must
#: carry rules.
SECTION_B = [
    "opioid", "benzodiazepine", "gabapentinoid", "z_drug", "muscle_relaxant", "serotonergic", "maoi", "nsaid",
    "anticoagulant", "antiplatelet", "cyp3a4_inhibitor", "cyp3a4_inducer", "cyp2d6_inhibitor", "cyp1a2_inhibitor",
    "qt_prolonging", "cns_depressant", "barbiturate", "sedating_antihistamine", "triptan", "ergot", "hepatotoxic",
    "alcohol", "kratom", "st_johns_wort", "kava", "valerian", "melatonin", "cannabidiol", "fish_oil", "turmeric",
    "ginkgo", "garlic", "ginger", "vitamin_e", "dong_quai", "feverfew", "glucosamine", "five_hydroxytryptophan",
    "s_adenosylmethionine", "acetaminophen", "lithium", "methotrexate", "sodium_oxybate", "tizanidine",
]  # fmt: skip


@pytest.mark.parametrize("name", SECTION_B)
def test_every_section_b_class_is_covered_by_a_rule(ds, name):
    members = ds.members(name)
    assert any(members & ds.members(side) for rule in ds.rules for side in (rule.a, rule.b, rule.c) if side), name


def test_all_four_severities_are_used(ds):
    assert {rule.severity for rule in ds.rules} == set(Severity)


FORBIDDEN = re.compile(r"\bsafe(ly)?\b|stop taking|no interactions", re.I)


def test_patient_facing_text_never_says_safe_or_stop_taking(ds):
    texts = [t for r in ds.rules for t in (r.summary, r.mechanism, r.advice)]
    texts += [p.note for p in ds.products.values() if p.note]
    apap = ds.limits["acetaminophen"]
    texts += [apap["text"], *apap["notes"], *(lower["text"] for lower in apap["lower_limits"])]
    mme = ds.limits["mme"]
    texts += [
        *mme["cautions"],
        *(level["text"] for level in mme["levels"]),
        *(n["reason"] for n in mme["not_calculated"]),
    ]
    texts.append(ds.kratom_markdown)
    offenders = [t for t in texts if FORBIDDEN.search(t)]
    assert offenders == []


def test_kratom_page_has_the_required_sections(ds):
    page = ds.kratom_markdown
    for heading in ("In an emergency", "What it is", "Concentrated 7-OH", "Dependence, withdrawal and treatment",
                    "Drug tests", "Pregnancy and breastfeeding", "Liver", "Serious effects", "Interactions",
                    "Legal status"):  # fmt: skip
        assert f"## {heading}" in page
    assert re.search(r"checked on \d{1,2} \w+ 20\d\d", page)
    assert "FDA has\nnot approved kratom" in page
    assert "The law changes: check" in page
    assert "## Sources" in page


def test_mme_factors_are_the_cdc_2022_table(ds):
    factors = {(f["ingredient"], f.get("route")): f["factor"] for f in ds.limits["mme"]["factors"]}
    assert factors == {
        ("codeine", None): 0.15, ("fentanyl", "transdermal"): 2.4, ("hydrocodone", None): 1.0,
        ("hydromorphone", None): 5.0, ("methadone", None): 4.7, ("morphine", None): 1.0, ("oxycodone", None): 1.5,
        ("oxymorphone", None): 3.0, ("tapentadol", None): 0.4, ("tramadol", None): 0.2,
    }  # fmt: skip
    assert "buprenorphine" in {n["ingredient"] for n in ds.limits["mme"]["not_calculated"]}


def test_acetaminophen_limits_are_sourced(ds):
    apap = ds.limits["acetaminophen"]
    assert apap["adult_max_mg_per_day"] == 4000
    lower = {entry["id"]: entry["max_mg_per_day"] for entry in apap["lower_limits"]}
    assert lower == {"liver_disease": 2000, "regular_alcohol": 2000}
    for entry in [apap, *apap["lower_limits"]]:
        assert entry["sources"] and all(s in ds.sources for s in entry["sources"])


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "interactions"
    shutil.copytree(DATA, target)
    return target


def _rebuild_manifest(folder: Path) -> None:
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    manifest["files"] = {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in files_on_disk(folder)}
    (folder / MANIFEST).write_text(json.dumps(manifest), "utf-8")


def test_a_tampered_file_is_refused(tmp_path):
    folder = _copy(tmp_path)
    text = (folder / "rules.json").read_text("utf-8").replace('"severity": "major"', '"severity": "minor"', 1)
    (folder / "rules.json").write_text(text, "utf-8")
    with pytest.raises(DatasetError, match="rules.json does not match its checksum"):
        load_dataset_from(folder)


def test_an_inconsistent_dataset_is_refused_even_with_a_matching_manifest(tmp_path):
    folder = _copy(tmp_path)
    data = json.loads((folder / "lexicon.json").read_text("utf-8"))
    data["products"][0]["ingredients"].append("unobtainium")
    (folder / "lexicon.json").write_text(json.dumps(data), "utf-8")
    _rebuild_manifest(folder)
    with pytest.raises(DatasetError, match="unknown ingredient 'unobtainium'"):
        load_dataset_from(folder)


def test_a_part_file_adds_ingredients_synonyms_classes_and_rules(tmp_path):
    folder = _copy(tmp_path)
    lexicon_part = {
        "schema": 1,
        "ingredients": [{"id": "testamol", "name": "Testamol", "kind": "drug", "classes": [], "synonyms": []}],
        "products": [{"name": "Testamol Duo", "ingredients": ["testamol", "acetaminophen"]}],
        "extra_synonyms": {"acetaminophen": ["paracetamolum testum"]},
        "extra_classes": {"testamol": ["opioid_full_agonist"]},
    }
    (folder / "lexicon-test.json").write_text(json.dumps(lexicon_part), "utf-8")
    _rebuild_manifest(folder)
    ds = load_dataset_from(folder)
    assert ds.resolve("Testamol Duo").ingredients == ("testamol", "acetaminophen")
    assert ds.resolve("paracetamolum testum").ingredients == ("acetaminophen",)
    assert ds.is_a("testamol", "opioid")


def test_a_part_file_must_be_in_the_manifest_and_consistent(tmp_path):
    folder = _copy(tmp_path)
    part = {"schema": 1, "extra_synonyms": {"unobtainium": ["x"]}}
    (folder / "lexicon-bad.json").write_text(json.dumps(part), "utf-8")
    _rebuild_manifest(folder)
    with pytest.raises(DatasetError, match="unknown ingredient 'unobtainium'"):
        load_dataset_from(folder)
    sources = json.loads((folder / "rules.json").read_text("utf-8"))["sources"]
    sid = next(iter(sources))
    clash = {"schema": 1, "sources": {sid: {**sources[sid], "title": "Another title"}}, "rules": []}
    (folder / "lexicon-bad.json").unlink()
    (folder / "rules-clash.json").write_text(json.dumps(clash), "utf-8")
    _rebuild_manifest(folder)
    with pytest.raises(DatasetError, match="defined differently"):
        load_dataset_from(folder)


def test_a_missing_file_is_refused(tmp_path):
    folder = _copy(tmp_path)
    (folder / "limits.json").unlink()
    with pytest.raises(DatasetError, match="could not be read"):
        load_dataset_from(folder)


def test_validation_reports_rules_without_sources_and_bad_severity():
    data = raw()
    data["rules"]["rules"][0]["sources"] = []
    data["rules"]["rules"][1]["severity"] = "catastrophic"
    data["rules"]["rules"][2]["advice"] = "This is perfectly safe."
    problems = "\n".join(find_problems(data))
    assert "has no source" in problems
    assert "invalid severity 'catastrophic'" in problems
    assert "wording the app must not use" in problems


def test_build_script_check_passes():
    script = ROOT / "resources" / "dataset" / "build_dataset.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "consistent" in done.stdout


def test_severity_order_and_rank():
    assert Severity.CONTRAINDICATED > Severity.MAJOR > Severity.MODERATE > Severity.MINOR
    assert sorted([Severity.MINOR, Severity.CONTRAINDICATED, Severity.MODERATE]) == [
        Severity.MINOR, Severity.MODERATE, Severity.CONTRAINDICATED,
    ]  # fmt: skip
    assert [s.rank for s in Severity] == [4, 3, 2, 1]
    assert Severity("major") is Severity.MAJOR and Severity.MAJOR == "major"
