"""Grams per day and per week for kratom across a change of product, counted on the dose's local day."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from paincompanion.domain.medications import MedicationDraft
from paincompanion.services.amounts_over_time import service_weight_series

PLUS1 = timezone(timedelta(hours=1))


def test_kratom_series_days_weeks_and_product_change(companion):
    meds = companion.meds
    old = meds.add(MedicationDraft("Kratom", kind="herbal", as_needed=True, product="Leafy Co.", strain="Red Bali"))
    new = meds.add(MedicationDraft("Kratom", kind="herbal", as_needed=True, product="Leafy Co.", strain="Green Malay"))
    ibu = meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))
    meds.take(old.id, datetime(2026, 3, 2, 8, 0, tzinfo=PLUS1), "2 g")  # Monday
    meds.take(old.id, datetime(2026, 3, 2, 23, 30, tzinfo=PLUS1), "1500 mg")  # same local day
    meds.take(old.id, datetime(2026, 3, 3, 0, 15, tzinfo=PLUS1), "1,5 g")  # after midnight: next day
    meds.take(old.id, datetime(2026, 3, 4, 9, 0, tzinfo=PLUS1), "2-3 g")  # kept as typed, left out
    meds.take(new.id, datetime(2026, 3, 9, 9, 0, tzinfo=PLUS1), "3 g")  # next Monday, the new strain
    meds.take(ibu.id, datetime(2026, 3, 9, 9, 0, tzinfo=PLUS1), "400 mg")  # a medicine: not a series
    [series] = service_weight_series(meds)
    assert series.unit == "g"
    assert series.days == ((datetime(2026, 3, 2).date(), 3.5), (datetime(2026, 3, 3).date(), 1.5),
                           (datetime(2026, 3, 9).date(), 3.0))  # fmt: skip
    assert series.weeks == ((datetime(2026, 3, 2).date(), 5.0), (datetime(2026, 3, 9).date(), 3.0))
    assert series.left_out == 1
    [(day, label)] = series.changes
    assert day == datetime(2026, 3, 9).date() and "Green Malay" in label and "Red Bali" in label
    text = series.text()
    assert "used on 3 days" in text and "2.7 g a day" in text and "1 dose was left out" in text


def test_no_series_without_amounts_by_weight(companion):
    meds = companion.meds
    caps = meds.add(MedicationDraft("Turmeric", kind="supplement", form="capsule", as_needed=True))
    meds.take(caps.id, amount="2")
    assert service_weight_series(meds) == []
