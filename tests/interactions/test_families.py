"""Co-medication families of issue 13: table-driven cases from the labels the rules cite, properties of the check
on co-medication lists, a new member of a class is covered by the class rule, and the part files' rules are complete.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paincompanion.domain.interactions import Severity
from paincompanion.interactions import load_dataset
from paincompanion.interactions.checker import check
from paincompanion.interactions.dataset import Dataset
from paincompanion.interactions.parts import data_files, merge
from paincompanion.interactions.validate import unchecked_rules

DS = load_dataset()
ROOT = resources.files("paincompanion").joinpath("data", "interactions")
#: The rule part files written for the co-medication families (each rule carries a verification note).
FAMILY_PARTS = (
    "rules-anticoagulants.json", "rules-maoi.json", "rules-serotonin.json", "rules-qt.json", "rules-cyp3a4.json",
    "rules-cns.json", "rules-lithium-methotrexate.json", "rules-metamizole.json", "rules-antiemetics.json",
)  # fmt: skip

CASES = [  # (items typed, rule expected, severity expected)
    # anticoagulants
    (["phenprocoumon", "amiodarone"], "vka-cyp2c9-inhibitor", "major"),
    (["acenocoumarol", "fluconazole"], "vka-cyp2c9-inhibitor", "major"),
    (["acenocoumarol", "rifampicin"], "vka-broad-inducer", "major"),
    (["warfarin", "carbamazepine"], "vka-broad-inducer", "major"),
    (["fluindione", "itraconazole"], "vka-azole", "major"),
    (["phenprocoumon", "metronidazole"], "vka-nitroimidazole", "major"),
    (["acenocoumarol", "tinidazole"], "vka-nitroimidazole", "major"),
    (["phenprocoumon", "clarithromycin"], "vka-macrolide", "moderate"),
    (["acenocoumarol", "levofloxacin"], "vka-fluoroquinolone", "moderate"),
    (["phenprocoumon", "ibuprofen"], "nsaid-anticoagulant", "major"),
    (["acenocoumarol", "sertraline"], "ssri-snri-anticoagulant", "moderate"),
    (["phenprocoumon", "Tylenol"], "vka-acetaminophen", "moderate"),
    (["apixaban", "ketoconazole"], "doac-cyp3a4-pgp-strong", "major"),
    (["rivaroxaban", "ritonavir"], "doac-cyp3a4-pgp-strong", "major"),
    (["dabigatran", "verapamil"], "doac-pgp-inhibitor", "moderate"),
    (["dabigatran", "dronedarone"], "dabigatran-dronedarone", "contraindicated"),
    (["apixaban", "clarithromycin"], "doac-clarithromycin", "moderate"),
    (["edoxaban", "rifampicin"], "doac-cyp3a4-inducer-strong", "major"),
    (["apixaban", "phenobarbital"], "doac-phenobarbital", "major"),
    (["ticagrelor", "clarithromycin"], "ticagrelor-cyp3a4-strong", "contraindicated"),
    (["ticagrelor", "phenytoin"], "ticagrelor-inducer", "major"),
    (["cilostazol", "diltiazem"], "cilostazol-cyp3a4-inhibitor", "moderate"),
    (["tinzaparin", "naproxen"], "nsaid-anticoagulant", "major"),
    # MAO inhibitors
    (["moclobemide", "morphine"], "maoi-opioid", "major"),
    (["rasagiline", "oxycodone"], "maoi-opioid", "major"),
    (["selegiline", "tramadol"], "maoi-opioid-serotonergic", "contraindicated"),
    (["linezolid", "hydromorphone"], "maoi-opioid", "major"),
    (["methylene blue", "codeine"], "methylene-blue-opioid", "major"),
    (["methylene blue", "lithium"], "methylene-blue-serotonergic", "major"),
    (["linezolid", "ondansetron"], "linezolid-serotonergic", "major"),
    (["moclobemide", "sertraline"], "maoi-antidepressant", "contraindicated"),
    (["rasagiline", "granisetron"], "maoi-serotonergic", "moderate"),
    # serotonin across opioids
    (["morphine", "sertraline"], "opioid-serotonergic-class", "minor"),
    (["hydromorphone", "sumatriptan"], "opioid-serotonergic-class", "minor"),
    (["fentanyl", "sertraline"], "opioid-serotonergic", "moderate"),
    (["tramadol", "venlafaxine"], "tramadol-antidepressant", "major"),
    (["sertraline", "lithium"], "antidepressant-serotonergic", "moderate"),
    (["ondansetron", "escitalopram"], "qt-pair", "major"),
    (["granisetron", "duloxetine"], "setron-serotonergic", "moderate"),
    # QT
    (["methadone", "citalopram"], "methadone-qt", "major"),
    (["escitalopram", "amisulpride"], "qt-pair", "major"),
    (["levofloxacin", "haloperidol"], "qt-pair", "major"),
    (["domperidone", "citalopram"], "domperidone-qt", "contraindicated"),
    (["domperidone", "ketoconazole"], "domperidone-cyp3a4-strong", "contraindicated"),
    (["hydroxyzine", "escitalopram"], "hydroxyzine-qt", "major"),
    (["methadone", "voriconazole"], "methadone-qt", "major"),
    # CYP3A4
    (["bromazepam", "clarithromycin"], "benzo-oxidised-cyp3a4-strong", "moderate"),
    (["diazepam", "itraconazole"], "benzo-oxidised-cyp3a4-strong", "moderate"),
    (["alprazolam", "ketoconazole"], "benzo-cyp3a4-strong", "major"),
    (["clonazepam", "carbamazepine"], "benzo-oxidised-inducer", "moderate"),
    (["zolpidem", "ritonavir"], "z-drug-cyp3a4-strong", "moderate"),
    (["zopiclone", "rifampicin"], "z-drug-inducer", "moderate"),
    (["carbamazepine", "erythromycin"], "carbamazepine-cyp3a4-inhibitor", "major"),
    (["buprenorphine", "clarithromycin"], "buprenorphine-cyp3a4-inhibitor", "moderate"),
    (["buprenorphine", "phenytoin"], "buprenorphine-cyp3a4-inducer", "moderate"),
    (["oxycodone", "voriconazole"], "opioid-cyp3a4-inhibitor", "major"),
    (["fentanyl", "rifampicin"], "opioid-cyp3a4-inducer-strong", "major"),
    (["agomelatine", "fluvoxamine"], "agomelatine-cyp1a2-strong", "contraindicated"),
    # CNS beyond opioids
    (["diphenhydramine", "beer"], "sedating-antihistamine-alcohol", "moderate"),
    (["quetiapine", "wine"], "antipsychotic-alcohol", "moderate"),
    (["olanzapine", "lorazepam"], "antipsychotic-benzodiazepine", "moderate"),
    (["oxycodone", "levomepromazine"], "opioid-antipsychotic", "major"),
    (["morphine", "alimemazine"], "opioid-sedating-antihistamine", "moderate"),
    (["bromazepam", "codeine"], "opioid-benzodiazepine", "major"),
    # lithium and methotrexate
    (["lithium", "naproxen"], "nsaid-lithium", "major"),
    (["lithium", "indapamide"], "lithium-thiazide", "moderate"),
    (["lithium", "perindopril"], "lithium-raas", "major"),
    (["lithium", "candesartan"], "lithium-raas", "major"),
    (["lithium", "furosemide"], "lithium-loop-diuretic", "major"),
    (["methotrexate", "ibuprofen"], "nsaid-methotrexate", "major"),
    (["methotrexate", "omeprazole"], "methotrexate-ppi", "moderate"),
    # antiemetics
    (["metoclopramide", "haloperidol"], "metoclopramide-antipsychotic", "major"),
    (["metoclopramide", "domperidone"], "dopamine-antiemetic-pair", "major"),
    (["domperidone", "olanzapine"], "dopamine-antiemetic-antipsychotic", "moderate"),
    (["metoclopramide", "sertraline"], "metoclopramide-serotonergic", "moderate"),
    (["metoclopramide", "morphine"], "metoclopramide-opioid", "moderate"),
    (["metoclopramide", "paroxetine"], "metoclopramide-serotonergic", "moderate"),
    (["prochlorperazine", "oxycodone"], "opioid-antipsychotic", "major"),
    # re-graded herbal rules
    (["cranberry juice", "warfarin"], "cranberry-warfarin", "minor"),
    (["CoQ10", "warfarin"], "coq10-warfarin", "minor"),
]


@pytest.mark.parametrize(("items", "rule_id", "severity"), CASES, ids=[f"{c[1]}:{'+'.join(c[0])}" for c in CASES])
def test_family_pair_gives_the_rule_and_grade_of_its_label(items, rule_id, severity):
    result = check(items, DS)
    assert result.unrecognized == [], result.unrecognized
    found = {w.rule_id: w for w in result.warnings}
    assert rule_id in found, [(w.rule_id, w.severity.value) for w in result.warnings]
    warning = found[rule_id]
    assert warning.severity is Severity(severity)
    assert set(warning.items) == set(items)
    assert warning.sources, rule_id


def test_every_family_part_rule_is_cited_noted_and_dated():
    for name in FAMILY_PARTS:
        part = json.loads(ROOT.joinpath(name).read_text(encoding="utf-8"))
        assert part["rules"], name
        for rule in part["rules"]:
            assert rule["sources"] and rule["severity"] in {s.value for s in Severity}, rule["id"]
            assert rule["verification"].strip(), rule["id"]
            assert rule["checked_on"] == "2026-12-06", rule["id"]
            assert DS.rules[[r.id for r in DS.rules].index(rule["id"])].sources  # loaded with its citations


# -- properties on co-medication lists ---------------------------------------------------------------------------
COMEDS = sorted(
    {DS.ingredients[i].name for r in DS.rules for side in (r.a, r.b) if side for i in DS.members(side)}
    | {"Percocet 5/325", "Tylenol", "beer", "mystery tea"}
)
lists = st.lists(st.sampled_from(COMEDS), min_size=0, max_size=15)
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _signature(result):
    return sorted((w.rule_id, w.severity.rank, w.items, w.ingredients) for w in result.warnings)


@SETTINGS
@given(items=lists, seed=st.randoms(use_true_random=False))
def test_order_of_a_co_medication_list_never_changes_the_result(items, seed):
    shuffled = list(items)
    seed.shuffle(shuffled)
    first, second = check(items, DS), check(shuffled, DS)
    assert _signature(first) == _signature(second)
    assert sorted(first.no_rules) == sorted(second.no_rules)


@SETTINGS
@given(items=lists, extra=st.sampled_from(COMEDS))
def test_adding_an_item_never_removes_a_warning(items, extra):
    after = check([*items, extra], DS)
    for warning in check(items, DS).warnings:
        assert any(
            other.severity >= warning.severity
            and set(warning.ingredients) <= set(other.ingredients)
            and set(warning.items) <= set(other.items)
            for other in after.warnings
        ), warning.summary


# -- a new member of a class is covered by the class rule --------------------------------------------------------
def _raw() -> dict:
    manifest = json.loads(ROOT.joinpath("dataset.json").read_text(encoding="utf-8"))
    blobs = {name: ROOT.joinpath(name).read_bytes() for name in data_files(manifest["files"])}
    raw, problems = merge(blobs)
    assert problems == []
    return raw


RAW = _raw()
CLASS_RULES = sorted(
    (r for r in DS.rules if not r.c and r.match is None and r.a in DS.classes and r.kind == "interaction"),
    key=lambda r: r.id,
)


def _with_a_new_member_per_class(classes: list[str]) -> tuple[Dataset, dict[str, str]]:
    """The dataset plus one made-up ingredient in each of `classes` (and in no other): class -> its name."""
    raw = json.loads(json.dumps(RAW))
    names: dict[str, str] = {}
    for index, klass in enumerate(classes):
        name = "Newmedix" + chr(97 + index // 26) + chr(97 + index % 26)
        names[klass] = name
        raw["lexicon"]["ingredients"].append(
            {"id": f"zz_new_{index}", "name": name, "kind": "drug", "classes": [klass], "synonyms": []}
        )
    return Dataset(raw, version="test", kratom_markdown="", sha256={}), names


def test_a_new_member_of_a_class_is_covered_by_the_class_rule():
    """Every class rule, against its first, middle and last partner: a drug added to the class is warned about."""
    dataset, new_member = _with_a_new_member_per_class(sorted({rule.a for rule in CLASS_RULES}))
    missed = []
    checked = 0
    for rule in CLASS_RULES:
        partners = sorted(DS.members(rule.b or ""))
        if not partners:  # a class waiting for its members (e.g. pyrazolone before metamizole is added)
            continue
        for partner in sorted({partners[0], partners[len(partners) // 2], partners[-1]}):
            result = check([new_member[rule.a], dataset.ingredients[partner].name], dataset)
            checked += 1
            member = f"zz_new_{sorted(new_member).index(rule.a)}"
            if not any(
                w.severity >= rule.severity and member in w.ingredients and partner in w.ingredients
                for w in result.warnings
            ):
                missed.append((rule.id, partner, [(w.rule_id, w.severity.value) for w in result.warnings]))
    assert checked > len(CLASS_RULES), checked
    assert missed == []


def test_a_new_vitamin_k_antagonist_gets_the_antibiotic_and_inducer_warnings():
    raw = json.loads(json.dumps(RAW))
    raw["lexicon"]["ingredients"].append(
        {"id": "zz_coumarol", "name": "Newcoumarol", "kind": "drug", "classes": ["vka"], "synonyms": []}
    )
    dataset = Dataset(raw, version="test", kratom_markdown="", sha256={})
    ids = {w.rule_id for w in check(["Newcoumarol", "fluconazole", "rifampicin", "ibuprofen"], dataset).warnings}
    assert {"vka-cyp2c9-inhibitor", "vka-broad-inducer", "nsaid-anticoagulant"} <= ids


# -- honest coverage -------------------------------------------------------------------------------------------------
def test_recognised_items_in_no_rule_are_named_and_others_are_not():
    result = check(["metformin", "amlodipine", "phenprocoumon", "sertraline"], DS)
    assert [item for item, _ in result.no_rules] == ["metformin", "amlodipine"]
    assert any(w.rule_id == "ssri-snri-anticoagulant" for w in result.warnings)


# -- validate lists the rules without a checked source ---------------------------------------------------------------
def test_unchecked_rules_lists_exactly_the_rules_marked_unverified():
    listed = unchecked_rules(RAW["rules"])
    assert [rule_id for rule_id, _, _ in listed] == sorted(r.id for r in DS.rules if not r.verified)
    assert all(note.strip() for _, _, note in listed)
    assert unchecked_rules({"rules": [{"id": "x", "severity": "minor", "verified": False}]}) == [
        ("x", "minor", "no verification note")
    ]
    assert unchecked_rules(None) == []


def test_build_script_reports_every_rule_without_a_checked_source():
    script = Path(__file__).resolve().parents[2] / "resources" / "dataset" / "build_dataset.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    unverified = [r.id for r in DS.rules if not r.verified]
    assert f"{len(unverified)} rule(s) without a checked source" in done.stdout
    for rule_id in unverified:
        assert f"  - {rule_id} (" in done.stdout
    quiet = subprocess.run([sys.executable, str(script), "--check", "--quiet"], capture_output=True, text=True)
    assert "without a checked source" not in quiet.stdout and "consistent" in quiet.stdout
