"""The demo rates as-needed doses before and after, and logs kratom amounts that vary and can be added up."""

from paincompanion.domain.dose_effect import MIN_N
from paincompanion.services.demo import fill_demo
from paincompanion.services.meds_amounts import daily_amounts


def test_demo_has_ratings_effects_and_kratom_grams(companion):
    fill_demo(companion, 0.5)
    meds = {m.name: m for m in companion.meds.list_medications()}
    ratings = companion.dose_effects.ratings()
    doses = {d.id: d for d in companion.meds.doses()}
    assert ratings and all(doses[i].medication_name in {"Ibuprofen", "Acetaminophen", "Tramadol", "Kratom"}
                           for i in ratings)  # fmt: skip
    assert all(r.after_at is None or r.after_at > doses[r.dose_id].at for r in ratings.values())
    assert any(r.pain_after is None for r in ratings.values())  # some follow-ups skipped
    shown = [e for e in companion.dose_effects.effects() if e.n >= MIN_N]
    assert shown and all(e.change is not None and e.change < 0 for e in shown)
    grams = daily_amounts(companion.meds, meds["Kratom"].id)
    assert grams.unit == "g" and grams.left_out == 0 and len({total for _, total in grams.days}) > 1


def test_ratings_travel_in_the_json_export_and_back(companion, clock, tmp_path):
    import json

    from paincompanion.paths import AppPaths
    from paincompanion.services import transfer
    from paincompanion.services.companion import Companion

    fill_demo(companion, 0.2)
    path = tmp_path / "all.json"
    transfer.export_json(companion, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    exported = [d for m in document["medications"] for d in m["doses"] if "pain_before" in d]
    assert len(exported) == len(companion.dose_effects.ratings()) > 0
    with Companion.open(AppPaths.in_dir(tmp_path / "fresh"), clock) as fresh:
        assert transfer.import_file(fresh, path).skipped == []
        assert [e.to_json() for e in fresh.dose_effects.effects()] == [
            e.to_json() for e in companion.dose_effects.effects()
        ]
        transfer.import_file(fresh, path)  # a second import adds no ratings twice
        assert len(fresh.dose_effects.ratings()) == len(exported)
