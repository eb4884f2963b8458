"""`meds …` through main([...]): JSON shapes, recognition and warnings, one-line errors, no change on failure."""

import pytest

MED_KEYS = {
    "id", "name", "recognized", "ingredients", "strength", "unit", "form", "schedule", "as_needed", "start", "stop",
    "reason", "prescriber", "product", "strain", "notes", "active", "as_needed_uses_per_week",
}  # fmt: skip


def test_add_prints_what_it_was_recognised_as_and_the_warnings_it_causes(run):
    code, out, err = run("meds", "add", "Duloxetine", "--strength", "60", "--schedule", "1", "--start", "2025-06-01")
    assert code == 0 and err == "" and "recognised as Duloxetine" in out and "warning" not in out
    code, out, _ = run("meds", "add", "Ultram", "--strength", "50", "--as-needed", "--schedule", "4")
    assert "recognised as Ultram: Tramadol" in out
    assert "1 warning with your saved list" in out and "MAJOR" in out and "Duloxetine, Ultram" in out
    code, out, _ = run("meds", "add", "Cymbalto xyz")
    assert "not recognised — no interaction information" in out and "Did you mean Cymbalta (Duloxetine)?" in out


def test_add_and_list_as_json(run):
    code, out, _ = run(
        "meds", "add", "kratom red vein", "--strength", "2", "--unit", "g", "--form", "powder", "--as-needed",
        "--product", "Leafy Co.", "--strain", "Red Bali", "--prescriber", "smoke shop", "--reason", "bad days",
        "--notes", "less on weekdays", "--kind", "herbal", json_out=True,
    )  # fmt: skip
    assert code == 0 and out["warnings"] == []
    med = out["medication"]
    assert set(med) >= MED_KEYS
    assert med["recognized"] is True and med["ingredients"] == ["kratom"] and med["kind"] == "herbal"
    assert (med["strength"], med["unit"], med["form"], med["schedule"], med["as_needed"]) == (2.0, "g", "powder",
                                                                                             None, True)  # fmt: skip
    assert (med["product"], med["strain"], med["active"], med["stop"]) == ("Leafy Co.", "Red Bali", True, None)
    assert med["as_needed_uses_per_week"] == 0.0
    _, out, _ = run("meds", "add", "Tramadol", "--schedule", "2", json_out=True)
    assert [w["severity"] for w in out["warnings"]][:1] == ["major"]
    assert all("Tramadol" in w["items"] for w in out["warnings"])
    assert set(out["warnings"][0]) >= {"severity", "items", "ingredients", "kind", "summary", "advice", "sources"}
    _, listed, _ = run("meds", "list", json_out=True)
    assert [m["name"] for m in listed["medications"]] == ["kratom red vein", "Tramadol"]
    assert listed["medications"][0] == med
    assert listed["medications"][1]["as_needed_uses_per_week"] is None  # only for as-needed items


def test_stop_take_doses_restart_and_delete(run):
    _, out, _ = run("meds", "add", "Ibuprofen", "--strength", "400", "--as-needed", json_out=True)
    med_id = str(out["medication"]["id"])
    _, out, _ = run("meds", "take", med_id, "--at", "2026-01-05T08:15:00+01:00", "--amount", "2 tablets",
                    "--note", "after breakfast", json_out=True)  # fmt: skip
    assert out["dose"] == {
        "id": 1, "medication_id": int(med_id), "medication": "Ibuprofen", "at": "2026-01-05T08:15:00+01:00",
        "amount": "2 tablets", "note": "after breakfast",
    }  # fmt: skip
    run("meds", "take", med_id, "--at", "2026-01-07T20:00:00+01:00")
    code, out, _ = run("meds", "stop", med_id, "--on", "2026-01-08", json_out=True)
    assert code == 0 and out["medication"]["stop"] == "2026-01-08" and out["medication"]["active"] is False
    _, listed, _ = run("meds", "list", "--active", json_out=True)
    assert listed == {"medications": []}
    _, listed, _ = run("meds", "list", json_out=True)
    assert [m["active"] for m in listed["medications"]] == [False]  # stopped items stay listed
    _, doses, _ = run("meds", "doses", json_out=True)
    assert [d["at"] for d in doses["doses"]] == ["2026-01-07T20:00:00+01:00", "2026-01-05T08:15:00+01:00"]
    _, doses, _ = run("meds", "doses", "--from", "2026-01-06", "--to", "2026-01-31", json_out=True)
    assert len(doses["doses"]) == 1
    code, out, _ = run("meds", "doses")
    assert "2026-01-07 20:00  Ibuprofen" in out
    code, out, _ = run("meds", "list")
    assert "stopped 2026-01-08" in out and "recognised as Ibuprofen" in out
    _, out, _ = run("meds", "restart", med_id, json_out=True)
    assert out["medication"]["active"] is True
    code, out, _ = run("meds", "delete", med_id, json_out=True)
    assert code == 0 and out["deleted"]["name"] == "Ibuprofen" and out["doses"] == 2
    _, listed, _ = run("meds", "list", json_out=True)
    _, doses, _ = run("meds", "doses", json_out=True)
    assert listed == {"medications": []} and doses == {"doses": []}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["meds", "add", "  "], "needs a name"),
        (["meds", "add", "x" * 201], "at most 200"),
        (["meds", "add", "Ibuprofen", "--strength", "0"], "more than 0"),
        (["meds", "add", "Ibuprofen", "--strength", "lots"], "must be a number"),
        (["meds", "add", "Ibuprofen", "--schedule", "25"], "at most 24"),
        (["meds", "add", "Ibuprofen", "--start", "2999-01-01"], "in the future"),
        (["meds", "add", "Ibuprofen", "--start", "yesterday"], "--start must be a date"),
        (["meds", "add", "Ibuprofen", "--start", "2026-01-02", "--stop", "2026-01-01"], "before the start"),
        (["meds", "stop", "999"], "no medicine with id 999"),
        (["meds", "stop", "abc"], "id is a number"),
        (["meds", "stop", "1", "--on", "2025-01-01"], "before the start date"),
        (["meds", "take", "999"], "no medicine with id 999"),
        (["meds", "take", "1", "--at", "2999-01-01T10:00"], "in the future"),
        (["meds", "take", "1", "--at", "soon"], "--at must be"),
        (["meds", "take", "1", "--amount", "x" * 61], "at most 60"),
        (["meds", "doses", "--from", "2026-02-01", "--to", "2026-01-01"], "reversed"),
        (["meds", "delete", "999"], "no medicine with id 999"),
        (["meds", "restart", "x"], "id is a number"),
    ],
)
def test_user_errors_are_one_line_with_exit_1_and_no_change(run, args, message, db_hash):
    run("meds", "add", "Ibuprofen", "--start", "2026-01-01")
    before = db_hash(run.data)
    code, out, err = run(*args)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""
    assert db_hash(run.data) == before


def test_taking_a_stopped_medicine_after_its_stop_date_asks_to_restart_it(run):
    run("meds", "add", "Ibuprofen")
    run("meds", "stop", "1", "--on", "2026-01-01")
    code, _, err = run("meds", "take", "1")
    assert code == 1 and "restart it first" in err


def test_interactions_mine_and_mme_mine_use_the_saved_list(run):
    run("meds", "add", "Duloxetine", "--schedule", "1")
    run("meds", "add", "Percocet 5/325", "--schedule", "4")
    run("meds", "add", "Tramadol", "--strength", "50", "--schedule", "2")
    run("meds", "stop", "3")  # stopped items are not checked or counted
    code, out, _ = run("interactions", "--mine", "Ultram", json_out=True)
    assert code == 0
    assert [i["input"] for i in out["items"]] == ["Ultram", "Duloxetine", "Percocet 5/325"]
    assert any(set(w["items"]) == {"Duloxetine", "Ultram"} for w in out["warnings"])
    code, out, _ = run("mme", "--mine", json_out=True)
    assert code == 0 and out["total_mme_per_day"] == 30.0
    assert [i["drug"] for i in out["items"]] == ["Percocet 5/325"]


def test_demo_adds_a_medicine_list_with_an_interacting_pair_and_a_dose_log(run):
    code, out, _ = run("demo", "--years", "0.3", json_out=True)
    assert code == 0 and out["medications"] == 7 and out["doses"] > 100
    _, listed, _ = run("meds", "list", json_out=True)
    meds = {m["name"]: m for m in listed["medications"]}
    assert {"Duloxetine", "Ibuprofen", "Acetaminophen", "Kratom", "Tramadol", "Melatonin"} <= set(meds)
    assert meds["Kratom"]["product"] and meds["Kratom"]["strain"] and meds["Kratom"]["as_needed"]
    assert [m["name"] for m in listed["medications"] if not m["active"]] == ["Naproxen"]
    assert all(m["recognized"] for m in listed["medications"])
    _, checked, _ = run("interactions", "--mine", json_out=True)
    assert any(set(w["items"]) == {"Duloxetine", "Tramadol"} and w["severity"] == "major"
               for w in checked["warnings"])  # fmt: skip
    _, doses, _ = run("meds", "doses", json_out=True)
    assert {d["medication"] for d in doses["doses"]} >= {"Duloxetine", "Ibuprofen", "Naproxen", "Melatonin"}


def test_demo_medicines_are_deterministic_and_as_needed_doses_follow_pain():
    from datetime import date

    from paincompanion.services.demo import generate, generate_meds

    start, end = date(2020, 1, 1), date(2020, 6, 30)
    drafts, _ = generate(start, end, seed=3)
    a = generate_meds(start, end, drafts, seed=3)
    assert a == generate_meds(start, end, drafts, seed=3)
    assert a != generate_meds(start, end, drafts, seed=4)
    worst = {}
    for entry in drafts:
        worst[entry.at.date()] = max(worst.get(entry.at.date(), 0), entry.pain)
    meds, doses = a
    ibuprofen = meds.index(next(m for m in meds if m.name == "Ibuprofen"))
    days = {at.date() for index, at, _, _ in doses if index == ibuprofen}
    assert days and all(worst[d] >= 6 for d in days)
    assert all(start <= at.date() <= end for _, at, _, _ in doses)


def test_meds_acetaminophen_total_and_saved_lower_limit(run_json_last):
    run = run_json_last
    code, out, err = run("meds", "add", "Tylenol", "--strength", "500", "--schedule", "6", "--start", "2025-01-01")
    assert code == 0, err
    code, out, err = run("meds", "acetaminophen", json_out=True)
    assert code == 0, err
    assert (out["total_mg"], out["limit_mg"], out["over"], out["liver_disease"]) == (3000, 4000, False, False)
    code, out, err = run("meds", "acetaminophen", "--liver-disease", "yes")
    assert code == 0, err
    assert "3,000 mg" in out and "2,000 mg" in out and "WARNING" in out and "liver disease" in out
    code, out, err = run("meds", "acetaminophen", json_out=True)  # the answer was saved
    assert (out["limit_mg"], out["over"], out["liver_disease"], out["regular_alcohol"]) == (2000, True, True, False)
    assert out["warning"]["kind"] == "daily-limit"
    code, out, err = run("meds", "acetaminophen", "--liver-disease", "no", "--date", "2024-12-31", json_out=True)
    assert (out["date"], out["total_mg"], out["limit_mg"]) == ("2024-12-31", 0, 4000)  # before the start


def test_meds_acetaminophen_bad_answer_is_a_usage_error(run, db_hash):
    run("meds", "add", "Tylenol")
    before = db_hash(run.data)
    with pytest.raises(SystemExit) as info:
        run("meds", "acetaminophen", "--liver-disease", "maybe")
    assert info.value.code == 2
    assert db_hash(run.data) == before
