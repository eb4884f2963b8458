"""`interactions` and `mme` through main([...]): output, JSON shapes, exit codes, and careful wording."""

from __future__ import annotations

import io
import json
import re

import pytest

from paincompanion.cli.main import main
from paincompanion.interactions import load_dataset

NEVER = re.compile(r"no interactions|\bsafe(ly)?\b|stop taking", re.I)


@pytest.fixture
def run(tmp_path, capsys):
    def _run(*args):
        code = main(["--data-dir", str(tmp_path / "data"), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def test_text_output_lists_items_then_warnings_then_one_closing_line(run):
    code, out, err = run("interactions", "Percocet 5/325", "Xanax", "kratom red vein")
    assert code == 0 and err == ""
    assert re.search(r"^  Percocet 5/325 +Percocet: Oxycodone \+ Acetaminophen$", out, re.M)
    assert re.search(r"^  kratom red vein +Kratom$", out, re.M)
    assert out.index("1. MAJOR:") < out.index("Items: Percocet 5/325, Xanax") < out.index("What to do:")
    assert "Source: FDA Drug Safety Communication" in out
    assert out.rstrip().splitlines()[-1].startswith("Please go over these results with your pharmacist or doctor")
    assert not NEVER.search(out)


def test_warnings_are_listed_most_serious_first(run):
    _, out, _ = run("interactions", "caffeine", "Cipro", "Zanaflex", "Advil", "Lexapro")
    labels = re.findall(r"^\d+\. (CONTRAINDICATED|MAJOR|MODERATE|MINOR)", out, re.M)
    order = ["CONTRAINDICATED", "MAJOR", "MODERATE", "MINOR"]
    assert labels == sorted(labels, key=order.index) and labels[0] == "CONTRAINDICATED" and labels[-1] == "MINOR"


def test_json_has_exactly_the_issue_shape(run):
    code, out, err = run("interactions", "--json", "Percocet 5/325", "Tylenol", "mystery tea")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"dataset", "items", "unrecognized", "warnings", "no_rules"}
    assert data["no_rules"] == []
    assert data["dataset"] == {"version": load_dataset().version}
    assert data["items"] == [
        {"input": "Percocet 5/325", "recognized": True, "ingredients": ["oxycodone", "acetaminophen"]},
        {"input": "Tylenol", "recognized": True, "ingredients": ["acetaminophen"]},
        {"input": "mystery tea", "recognized": False, "ingredients": []},
    ]
    assert data["unrecognized"] == ["mystery tea"]
    (warning,) = data["warnings"]
    assert set(warning) == {"severity", "items", "ingredients", "kind", "summary", "mechanism", "advice", "sources"}
    assert warning["kind"] == "duplicate" and warning["severity"] == "major"
    assert warning["items"] == ["Percocet 5/325", "Tylenol"] and warning["ingredients"] == ["acetaminophen"]


def test_global_json_flag_works_too(run):
    code, out, _ = run("--json", "interactions", "Advil", "Aleve")
    assert code == 0 and json.loads(out)["warnings"][0]["kind"] == "duplicate"


@pytest.mark.parametrize("as_json", [False, True])
def test_unknown_names_say_not_recognised_and_never_no_interactions_or_safe(run, as_json):
    code, out, err = run("interactions", *(["--json"] if as_json else []), "Tylenl", "blorptab")
    assert code == 0
    assert not NEVER.search(out + err)
    if as_json:
        assert json.loads(out)["unrecognized"] == ["Tylenl", "blorptab"]
    else:
        assert out.count("not recognised — no interaction information") == 2
        assert "Did you mean Tylenol" in out
        assert "could not be checked" in out


def test_known_items_without_warnings_are_described_carefully(run):
    code, out, _ = run("interactions", "Tylenol", "gabapentin")
    assert code == 0
    assert "No warnings in this dataset for these items. It does not cover every medicine or every risk." in out
    assert not NEVER.search(out)


@pytest.mark.parametrize("as_json", [False, True])
def test_items_in_no_rule_are_named_instead_of_a_blanket_no_warnings(run, as_json):
    code, out, _ = run("interactions", *(["--json"] if as_json else []), "vitamin D", "lidocaine patch", "Tylenol")
    assert code == 0 and not NEVER.search(out)
    if as_json:
        data = json.loads(out)
        assert [entry["item"] for entry in data["no_rules"]] == ["vitamin D", "lidocaine patch"]
        assert data["no_rules"][0]["message"] == "no interaction rules for Vitamin D in this dataset"
    else:
        assert "no interaction rules for Vitamin D in this dataset" in out
        assert "No warnings in this dataset for these items" not in out
        assert "Tylenol: Acetaminophen\n" in out  # acetaminophen is in rules: no note for it


def test_no_items_is_a_usage_error_with_one_line(run):
    code, out, err = run("interactions")
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Nothing to check" in err


def test_mine_without_a_saved_list_says_so_plainly(run):
    code, out, err = run("interactions", "--mine", "Advil", "Aleve")
    assert code == 0 and "No saved medicines yet." in out and "NSAID" in out
    code, out, err = run("interactions", "--json", "--mine", "Advil")
    assert code == 0 and "No saved medicines yet." in err and json.loads(out)["items"][0]["input"] == "Advil"
    code, out, err = run("interactions", "--mine")
    assert code == 1 and "No saved medicines yet." in out and "Nothing to check" in err


@pytest.fixture
def mme_file(tmp_path):
    path = tmp_path / "opioids.json"
    path.write_text(
        json.dumps(
            [
                {"drug": "Percocet 5/325", "strength_mg": 5, "doses_per_day": 4},
                {"drug": "Duragesic", "mcg_per_hr": 25, "doses_per_day": 1},
                {"drug": "Butrans", "mcg_per_hr": 10, "doses_per_day": 1},
            ]
        )
    )
    return path


def test_mme_json_has_exactly_the_issue_shape(run, mme_file):
    code, out, err = run("mme", "--json", str(mme_file))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["total_mme_per_day"] == 90.0
    assert data["items"] == [
        {"drug": "Percocet 5/325", "ingredient": "oxycodone", "factor": 1.5, "mme_per_day": 30.0},
        {"drug": "Duragesic", "ingredient": "fentanyl", "factor": 2.4, "mme_per_day": 60.0},
    ]
    assert [n["drug"] for n in data["not_calculated"]] == ["Butrans"]
    assert "buprenorphine" in data["not_calculated"][0]["reason"]
    assert set(data) == {"total_mme_per_day", "items", "not_calculated"}


def test_mme_text_shows_total_lines_reasons_and_levels(run, mme_file):
    code, out, _ = run("mme", str(mme_file))
    assert code == 0
    assert out.startswith("Opioid daily total: 90 MME a day (CDC 2022 conversion factors).")
    assert "Duragesic       fentanyl × 2.4 = 60 MME a day" in out
    assert "Butrans: MME not calculated for buprenorphine" in out
    assert "50 MME a day or more" in out and "90 MME a day or more" in out
    assert out.rstrip().endswith("Talk to your prescriber or pharmacist before changing any dose.")


def test_mme_reads_standard_input(run, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO('[{"drug": "tramadol", "strength_mg": 50, "doses_per_day": 4}]'))
    code, out, _ = run("mme", "--json", "-")
    assert code == 0 and json.loads(out)["total_mme_per_day"] == 40.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Cannot read"),
        ("{not json", "is not valid JSON"),
        ('{"drug": "oxycodone"}', "must hold a JSON list"),
        ('[{"drug": "oxycodone", "strength_mg": -5, "doses_per_day": 2}]', "must be a number of 0 or more"),
        ('[{"strength_mg": 5, "doses_per_day": 2}]', 'needs a "drug" name'),
    ],
)
def test_mme_unreadable_or_malformed_file_exits_1_with_one_line(run, tmp_path, content, message):
    path = tmp_path / "in.json"
    if content is not None:
        path.write_text(content)
    code, out, err = run("mme", str(path))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err


def test_mme_needs_a_file_or_mine(run):
    code, _, err = run("mme")
    assert code == 1 and "Give a FILE" in err
    code, out, _ = run("mme", "--mine")
    assert code == 0 and "No saved medicines yet." in out and "Opioid daily total: 0 MME a day" in out
