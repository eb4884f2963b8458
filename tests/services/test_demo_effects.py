"""The demo rates as-needed doses before and after, and logs kratom amounts that vary and can be added up."""

from paincompanion.domain.dose_effect import MIN_N
from paincompanion.services.demo import fill_demo
from paincompanion.services.meds_amounts import daily_amounts


def test_demo_has_ratings_effects_and_kratom_grams(companion):
    fill_demo(companion, 0.5)
    meds = {m.name: m for m in companion.meds.list()}
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
