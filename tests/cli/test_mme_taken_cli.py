"""`mme --mine --taken [--from --to]`: the average a day of what the dose log says was taken."""


def test_cli_mme_mine_taken(run):
    _, out, _ = run("meds", "add", "Tramadol", "--strength", "50", "--as-needed", "--schedule", "4", json_out=True)
    med_id = str(out["medication"]["id"])
    run("meds", "take", med_id, "--at", "2026-02-03T09:00:00+01:00", "--amount", "2 tablets")
    code, out, _ = run("mme", "--mine", "--taken", "--from", "2026-02-01", "--to", "2026-02-28", json_out=True)
    assert code == 0 and out["total_mme_per_day"] == round(20 / 28, 2) and out["days"] == 28
    assert out["items"][0]["drug"] == "Tramadol" and out["items"][0]["factor"] == 0.2
    code, text, _ = run("mme", "--mine", "--taken", "--from", "2026-02-01", "--to", "2026-02-28")
    text = " ".join(text.split())
    assert code == 0 and "0.7 MME a day on average" in text and "over the 28 days" in text
    for bad in (["mme", "--taken"], ["mme", "--mine", "--from", "2026-02-01"],
                ["mme", "--mine", "--taken", "--from", "2026-02-10", "--to", "2026-02-01"]):  # fmt: skip
        code, out, err = run(*bad)
        assert code != 0 and len(err.strip().splitlines()) == 1
