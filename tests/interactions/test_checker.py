"""Table-driven checks across every class: representative pairs give the expected rule and severity."""

from __future__ import annotations

import pytest

from paincompanion.domain.interactions import Severity
from paincompanion.interactions import load_dataset
from paincompanion.interactions.checker import check

DS = load_dataset()

#: (items typed, rule expected, severity expected) — one or more representative pairs per class of section b.
CASES = [
    (["Percocet", "Xanax"], "opioid-benzodiazepine", "major"),
    (["Norco", "Lyrica"], "opioid-gabapentinoid", "major"),
    (["oxycodone", "beer"], "opioid-alcohol", "major"),
    (["MS Contin", "Ambien"], "opioid-z-drug", "major"),
    (["Dilaudid", "Fioricet"], "opioid-barbiturate", "major"),
    (["tramadol", "Flexeril"], "opioid-muscle-relaxant", "major"),
    (["Percocet", "Seroquel"], "opioid-antipsychotic", "major"),
    (["Norco", "Benadryl"], "opioid-sedating-antihistamine", "moderate"),
    (["Suboxone", "Klonopin"], "buprenorphine-benzodiazepine", "major"),
    (["gabapentin", "Valium"], "gabapentinoid-benzodiazepine", "moderate"),
    (["Lyrica", "Lunesta"], "gabapentinoid-z-drug", "moderate"),
    (["Neurontin", "Elavil"], "gabapentinoid-sedating-antidepressant", "moderate"),
    (["Lyrica", "wine"], "gabapentinoid-alcohol", "moderate"),
    (["Ativan", "vodka"], "benzodiazepine-alcohol", "major"),
    (["Ambien", "alcohol"], "z-drug-alcohol", "major"),
    (["Xyrem", "Ambien"], "oxybate-z-drug", "contraindicated"),
    (["Xywav", "beer"], "oxybate-alcohol", "contraindicated"),
    (["Xyrem", "Soma"], "oxybate-cns-depressant", "major"),
    (["Zanaflex", "Robaxin"], "cns-depressant-pair", "moderate"),
    (["OxyContin", "Norco"], "opioid-duplicate", "major"),
    (["MS Contin", "Butrans"], "opioid-partial-agonist", "major"),
    (["Percocet", "Revia"], "opioid-antagonist", "contraindicated"),
    (["kratom red vein", "OxyContin"], "kratom-opioid", "major"),
    (["kratom", "Xanax"], "kratom-benzodiazepine", "major"),
    (["kakuam", "gabapentin"], "kratom-gabapentinoid", "major"),
    (["kratom", "Soma"], "kratom-cns-depressant", "major"),
    (["kratom", "Seroquel"], "kratom-cyp3a4-sensitive", "major"),
    (["kratom", "Tylenol"], "kratom-hepatotoxic", "moderate"),
    (["kratom", "Wellbutrin"], "kratom-seizure-threshold", "moderate"),
    (["kava", "Xanax"], "kava-benzodiazepine", "major"),
    (["valerian root", "Ambien"], "valerian-cns-depressant", "moderate"),
    (["melatonin", "Restoril"], "melatonin-cns-depressant", "moderate"),
    (["CBD oil", "Percocet"], "cannabinoid-cns-depressant", "moderate"),
    (["Nardil", "Demerol"], "maoi-opioid-serotonergic", "contraindicated"),
    (["Parnate", "Zoloft"], "maoi-antidepressant", "contraindicated"),
    (["Emsam", "Mucinex DM"], "maoi-dextromethorphan", "contraindicated"),
    (["Marplan", "Imitrex"], "maoi-triptan-mao-a", "contraindicated"),
    (["Azilect", "Relpax"], "maoi-triptan-other", "moderate"),
    (["Nardil", "Sudafed"], "maoi-decongestant", "contraindicated"),
    (["Nardil", "Adderall"], "maoi-stimulant", "contraindicated"),
    (["Zyvox", "Lexapro"], "linezolid-ssri-snri", "contraindicated"),
    (["Ultram", "Cymbalta"], "tramadol-antidepressant", "major"),
    (["Ultram", "Wellbutrin"], "tramadol-bupropion", "major"),
    (["Nucynta", "Effexor"], "tapentadol-antidepressant", "moderate"),
    (["Duragesic", "Imitrex"], "opioid-serotonergic", "moderate"),
    (["Zoloft", "Maxalt"], "ssri-snri-triptan", "moderate"),
    (["Prozac", "Elavil"], "antidepressant-pair", "major"),
    (["Zoloft", "trazodone"], "ssri-snri-other-antidepressant", "moderate"),
    (["St John's wort", "Lexapro"], "antidepressant-st-johns-wort", "major"),
    (["5-HTP", "Paxil"], "antidepressant-serotonin-precursor", "major"),
    (["Paxil", "Delsym"], "cyp2d6-strong-dextromethorphan", "major"),
    (["Paxil", "amitriptyline"], "cyp2d6-strong-tca", "major"),
    (["Cymbalta", "Paxil"], "duloxetine-cyp2d6-strong", "moderate"),
    (["Tylenol #4", "Prozac"], "codeine-cyp2d6-strong", "moderate"),
    (["tramadol", "Prozac"], "tramadol-cyp2d6-strong", "major"),
    (["kratom", "metoprolol"], "kratom-cyp2d6-substrate", "moderate"),
    (["OxyContin", "Biaxin"], "opioid-cyp3a4-inhibitor", "major"),
    (["Norco", "Diflucan"], "opioid-cyp3a4-inhibitor", "major"),
    (["oxycodone", "rifampin"], "opioid-cyp3a4-inducer-strong", "major"),
    (["Percocet", "St John's wort"], "opioid-cyp3a4-inducer-strong", "major"),
    (["Duragesic", "phenobarbital"], "opioid-cyp3a4-inducer", "moderate"),
    (["tramadol", "Tegretol"], "tramadol-carbamazepine", "major"),
    (["methadone", "Paxlovid"], "methadone-cyp3a4-inhibitor", "major"),
    (["methadone", "Tegretol"], "methadone-cyp3a4-inducer", "major"),
    (["oxycodone", "grapefruit juice"], "oxycodone-grapefruit", "moderate"),
    (["Zocor", "Biaxin"], "statin-cyp3a4-strong", "contraindicated"),
    (["Colcrys", "Biaxin"], "colchicine-cyp3a4-strong", "major"),
    (["Relpax", "Nizoral"], "eletriptan-cyp3a4-strong", "contraindicated"),
    (["Cafergot", "Norvir"], "ergot-cyp3a4-strong", "contraindicated"),
    (["Eliquis", "Tegretol"], "doac-cyp3a4-inducer-strong", "major"),
    (["Xarelto", "SJW"], "st-johns-wort-doac", "major"),
    (["Coumadin", "St. John's wort"], "st-johns-wort-warfarin", "major"),
    (["Zanaflex", "Cipro"], "tizanidine-ciprofloxacin", "contraindicated"),
    (["tizanidine", "Luvox"], "tizanidine-fluvoxamine", "contraindicated"),
    (["tizanidine", "birth control pill"], "tizanidine-cyp1a2-inhibitor", "major"),
    (["Cymbalta", "Luvox"], "duloxetine-cyp1a2-strong", "major"),
    (["melatonin", "Luvox"], "melatonin-fluvoxamine", "moderate"),
    (["caffeine", "Cipro"], "caffeine-cyp1a2-strong", "minor"),
    (["Plavix", "Prilosec"], "clopidogrel-cyp2c19-inhibitor", "major"),
    (["Coumadin", "Diflucan"], "warfarin-cyp2c9-inhibitor", "major"),
    (["Celebrex", "fluconazole"], "celecoxib-fluconazole", "moderate"),
    (["methadone", "Celexa"], "methadone-qt", "major"),
    (["Zofran", "Levaquin"], "qt-pair", "major"),
    (["Advil", "Eliquis"], "nsaid-doac", "major"),
    (["Aleve", "Coumadin"], "nsaid-warfarin", "major"),
    (["Motrin", "Lovenox"], "nsaid-anticoagulant", "major"),
    (["Mobic", "Plavix"], "nsaid-p2y12", "major"),
    (["Voltaren gel", "Xarelto"], "nsaid-topical-anticoagulant", "moderate"),
    (["Excedrin", "Eliquis"], "salicylate-anticoagulant", "major"),
    (["Bayer Low Dose Aspirin", "Plavix"], "aspirin-p2y12", "moderate"),
    (["Zoloft", "warfarin"], "ssri-snri-anticoagulant", "moderate"),
    (["Advil", "Lexapro"], "nsaid-ssri-snri", "moderate"),
    (["Aleve", "prednisone"], "nsaid-corticosteroid", "moderate"),
    (["Advil", "beer"], "nsaid-alcohol", "moderate"),
    (["ginkgo", "Coumadin"], "ginkgo-warfarin", "minor"),  # re-graded to the trials (Jiang 2005, Engelsen 2002)
    (["ginkgo", "Eliquis"], "ginkgo-anticoagulant", "minor"),
    (["garlic supplement", "warfarin"], "garlic-warfarin", "minor"),  # Macan 2006 trial
    (["fish oil", "Eliquis"], "fish-oil-anticoagulant", "minor"),  # Bender 1998 trial, Pryce 2016
    (["turmeric", "Plavix"], "turmeric-antiplatelet", "moderate"),
    (["ginger capsules", "Xarelto"], "ginger-anticoagulant", "minor"),
    (["vitamin E", "Coumadin"], "vitamin-e-anticoagulant", "moderate"),
    (["dong quai", "Coumadin"], "dong-quai-warfarin", "major"),
    (["feverfew", "Eliquis"], "feverfew-anticoagulant", "moderate"),
    (["glucosamine", "Coumadin"], "glucosamine-warfarin", "moderate"),
    (["CBD", "Coumadin"], "cbd-warfarin", "moderate"),
    (["Tylenol", "warfarin"], "acetaminophen-warfarin", "moderate"),
    (["tramadol", "Coumadin"], "tramadol-warfarin", "moderate"),
    (["Advil", "Bayer Low Dose Aspirin"], "ibuprofen-aspirin-benefit", "moderate"),
    (["Advil", "Bayer Low Dose Aspirin"], "nsaid-salicylate", "major"),
    (["Advil", "Aleve"], "nsaid-duplicate", "major"),
    (["Toradol", "Advil"], "ketorolac-nsaid", "contraindicated"),
    (["Tylenol", "NyQuil Cold & Flu"], "acetaminophen-duplicate", "major"),
    (["Benadryl", "Unisom SleepTabs"], "sedating-antihistamine-duplicate", "moderate"),
    (["Imitrex", "Maxalt"], "triptan-triptan", "contraindicated"),
    (["Imitrex", "Cafergot"], "triptan-ergot", "contraindicated"),
    (["ibuprofen", "Zestril"], "nsaid-raas", "moderate"),
    (["ibuprofen", "Lasix"], "nsaid-diuretic", "moderate"),
    (["Advil", "lithium"], "nsaid-lithium", "major"),
    (["Aleve", "methotrexate"], "nsaid-methotrexate", "major"),
    (["kava", "Tylenol"], "kava-hepatotoxic", "moderate"),
    (["Tylenol", "alcohol"], "acetaminophen-alcohol", "moderate"),
    (["CBD", "Depakote"], "cbd-valproate", "moderate"),
    (["Epidiolex", "Onfi"], "cbd-clobazam", "moderate"),
    (["Cipro", "Tums"], "fluoroquinolone-cation", "moderate"),
    (["doxycycline", "iron supplement"], "tetracycline-cation", "moderate"),
    (["Levaquin", "prednisone"], "fluoroquinolone-corticosteroid", "major"),
    (["gabapentin", "Maalox"], "gabapentin-aluminum", "minor"),
    (["Reyataz", "Prilosec"], "atazanavir-ppi", "contraindicated"),
    (["Uloric", "Imuran"], "febuxostat-thiopurine", "contraindicated"),
    (["Zoloft", "sertraline 50 mg"], "same-ingredient", "moderate"),
]


def _warning(result, rule_id):
    return next((w for w in result.warnings if w.rule_id == rule_id), None)


@pytest.mark.parametrize(("items", "rule_id", "severity"), CASES, ids=[f"{c[1]}:{'+'.join(c[0])}" for c in CASES])
def test_representative_pair_gives_rule_and_severity(items, rule_id, severity):
    result = check(items, DS)
    assert result.unrecognized == []
    warning = _warning(result, rule_id)
    assert warning is not None, [w.rule_id for w in result.warnings]
    assert warning.severity == Severity(severity)
    assert set(warning.items) == set(items)
    assert all(ing in DS.ingredients for ing in warning.ingredients)
    assert warning.sources and warning.advice and warning.summary and warning.mechanism


def test_every_pair_rule_fires_for_some_members():
    """Every rule is reachable: for each, members of its sides produce a warning at least as serious."""
    silent = []
    for rule in DS.rules:
        if rule.match == "same_ingredient":
            continue
        sides = [sorted(DS.members(s)) for s in (rule.a, rule.b, rule.c) if s]
        chosen: list[str] = []
        for members in sides:
            pick = next((m for m in members if m not in chosen), members[0])
            chosen.append(pick)
        if len(set(chosen)) < len(chosen) and rule.kind != "duplicate":
            silent.append(rule.id)
            continue
        result = check([DS.ingredients[i].name for i in chosen], DS)
        if not any(w.severity >= rule.severity and set(chosen) <= set(w.ingredients) for w in result.warnings):
            silent.append(rule.id)
    assert silent == []


def test_three_way_rule_replaces_the_pair_warnings_it_covers():
    result = check(["oxycodone", "Valium", "Soma"], DS)
    assert [w.rule_id for w in result.warnings] == ["opioid-benzo-carisoprodol"]
    result = check(["ibuprofen", "Zestril", "Lasix"], DS)
    assert [w.rule_id for w in result.warnings] == ["triple-whammy"]
    assert result.warnings[0].severity is Severity.MAJOR


def test_same_pair_gets_one_warning_per_topic_the_most_serious_and_specific():
    result = check(["kratom", "Xanax"], DS)
    ids = [w.rule_id for w in result.warnings]
    assert "kratom-benzodiazepine" in ids and "kratom-cns-depressant" not in ids and "cns-depressant-pair" not in ids


def test_ingredients_inside_one_product_are_not_warned_about():
    for product in ("Percocet", "Fioricet with Codeine", "Feel Free", "NyQuil Severe Cold & Flu", "Treximet"):
        assert check([product], DS).warnings == []


def test_warnings_are_sorted_by_severity_then_summary():
    result = check(["Zanaflex", "Cipro", "Percocet", "Xanax", "Advil", "Lexapro", "caffeine"], DS)
    keys = [(-w.severity.rank, w.summary.casefold()) for w in result.warnings]
    assert keys == sorted(keys)
    assert result.warnings[0].severity is Severity.CONTRAINDICATED
    assert result.warnings[-1].severity is Severity.MINOR


def test_unknown_items_are_listed_and_never_produce_warnings():
    result = check(["xyzzy", "Tylenl"], DS)
    assert result.unrecognized == ["xyzzy", "Tylenl"]
    assert result.warnings == []
    assert [item.recognized for item in result.items] == [False, False]


def test_check_never_makes_daily_limit_warnings():
    result = check(["Tylenol Extra Strength 500 mg"] * 10, DS)
    assert {w.kind for w in result.warnings} == {"duplicate"}


def test_json_shape_matches_the_issue():
    result = check(["Percocet 5/325", "Xanax", "mystery tea"], DS)
    data = result.to_json()
    assert set(data) == {"dataset", "items", "unrecognized", "warnings", "no_rules"}
    assert data["dataset"] == {"version": DS.version}
    assert data["items"][0] == {
        "input": "Percocet 5/325",
        "recognized": True,
        "ingredients": ["oxycodone", "acetaminophen"],
    }
    assert data["unrecognized"] == ["mystery tea"]
    warning = data["warnings"][0]
    assert set(warning) == {"severity", "items", "ingredients", "kind", "summary", "mechanism", "advice", "sources"}
    assert warning["kind"] in {"interaction", "duplicate", "daily-limit"}
    assert all({"title", "kind"} <= set(s) and ({"url", "pmid", "doi"} & set(s)) for s in warning["sources"])


def test_forty_items_check_is_complete_and_deterministic():
    items = [name for name in DS.display_names()[::17]][:40]
    first, second = check(items, DS), check(items, DS)
    assert len(first.items) == 40
    assert first == second


def test_an_ambiguous_name_is_still_checked_for_what_every_candidate_contains():
    result = check(["Tylenol", "NyQuil"], DS)
    assert result.unrecognized == ["NyQuil"]  # which NyQuil is not guessed…
    assert "acetaminophen-duplicate" in {w.rule_id for w in result.warnings}  # …but both contain acetaminophen
