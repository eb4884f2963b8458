"""`interactions --kratom` and `interactions --about`: the pages as plain text (or JSON), no data folder needed;
bad combinations get one clear message and change nothing."""

from __future__ import annotations

from paincompanion.interactions import load_dataset


def test_kratom_page_prints_as_plain_text(run_in_new_folder):
    run = run_in_new_folder
    code, out, err = run("interactions", "--kratom")
    assert code == 0 and err == ""
    assert out.startswith("Kratom: what to know\n====")
    assert "1-800-222-1222" in out and "In an emergency" in out and "## " not in out and "**" not in out
    assert not run.data.exists()  # a page needs no diary


def test_about_prints_counts_from_the_dataset(run):
    ds = load_dataset()
    code, out, _ = run("interactions", "--about")
    assert code == 0
    verified = sum(r.verified for r in ds.rules)
    assert f"{verified} of {len(ds.rules)} rules" in out and f"{len(ds.rules) - verified} rules" in out
    assert "US-focused" in out and "build_dataset" not in out


def test_pages_as_json(run):
    code, out, _ = run("interactions", "--kratom", json_out=True)
    assert code == 0 and out["title"] == "Kratom: what to know" and out["markdown"].startswith("# Kratom")
    code, out, _ = run("interactions", "--about", json_out=True)
    assert code == 0 and out["dataset"]["version"] == load_dataset().version


def test_a_page_with_medicine_names_is_refused(run, db_hash):
    before = db_hash(run.data)
    code, _, err = run("interactions", "--kratom", "oxycodone")
    assert code != 0 and "without medicine names" in err and err.count("\n") == 1
    assert db_hash(run.data) == before


def test_mme_with_only_7oh_is_not_calculated(run, tmp_path):
    items = tmp_path / "opioids.json"
    items.write_text('[{"drug": "7-OH tablets", "strength_mg": 15, "doses_per_day": 2}]', encoding="utf-8")
    code, out, _ = run("mme", str(items))
    assert code == 0 and out.startswith("Opioid daily total: not calculated") and "conversion factor" in out
