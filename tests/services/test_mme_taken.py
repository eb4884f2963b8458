"""Opioids actually taken: average daily MME over every day of the period, against a hand-computed fixture."""

from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.analysis.mme_taken import PATCH_REASON, service_mme_taken
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import ValidationError

CET, EST = timezone(timedelta(hours=1)), timezone(timedelta(hours=-5))
FEB = (date(2026, 2, 1), date(2026, 2, 28))  # 28 days


def _at(day: int, hour: int = 9, tz=CET) -> datetime:
    return datetime(2026, 2, day, hour, 0, tzinfo=tz)


@pytest.fixture
def logged(companion):
    meds = companion.meds
    tramadol = meds.add(MedicationDraft("Tramadol", strength=50, form="tablet", times_per_day=4, as_needed=True))
    percocet = meds.add(MedicationDraft("Percocet 5/325", times_per_day=4, as_needed=True))
    oxy = meds.add(MedicationDraft("Oxycodone", as_needed=True))  # no strength: the amounts by mass count
    ibu = meds.add(MedicationDraft("Ibuprofen", strength=400))
    patch = meds.add(MedicationDraft("Duragesic", strength=25, unit="mcg/hr", times_per_day=1))
    meds.add_batch([
        (tramadol.id, [(_at(3), "1 tablet", ""), (_at(17), "1 tablet", ""), (_at(20), "100 mg", ""),
                       (datetime(2026, 1, 31, 23, 0, tzinfo=CET), "1 tablet", ""),  # before the period
                       (datetime(2026, 3, 1, 0, 30, tzinfo=CET), "1 tablet", "")]),  # after it
        (percocet.id, [(_at(5), "2 tablets", ""), (_at(28, 23, EST), "", "")]),  # 28th where taken (1st in CET)
        (oxy.id, [(_at(9), "10 mg", "")]),
        (ibu.id, [(_at(9), "2 tablets", "")]),
        (patch.id, [(_at(2), "1 patch", "")]),
    ])  # fmt: skip
    return companion


def test_average_over_every_day_of_the_period(logged):
    taken = service_mme_taken(logged.meds, *FEB)
    by_drug = {}
    for line in taken.result.items:
        by_drug[line.drug] = by_drug.get(line.drug, 0) + line.mme_per_day
    # tramadol: 1 + 1 + 100 mg/50 mg = 4 tablets × 50 mg × 0.2 = 40 MME in 28 days
    # Percocet 5/325: 2 + 1 (no amount: one dose) = 3 × 5 mg × 1.5 = 22.5; oxycodone: 10 mg × 1.5 = 15
    assert by_drug == {
        "Tramadol": pytest.approx(40 / 28),
        "Percocet 5/325": pytest.approx(22.5 / 28),
        "Oxycodone": pytest.approx(15 / 28),
    }
    assert taken.result.total_mme_per_day == pytest.approx(77.5 / 28)
    assert [(n.drug, n.reason) for n in taken.result.not_calculated] == [("Duragesic", PATCH_REASON)]
    data = taken.to_json()
    assert (data["total_mme_per_day"], data["from"], data["to"], data["days"]) == (2.77, "2026-02-01", "2026-02-28", 28)
    assert set(data) >= {"total_mme_per_day", "items", "not_calculated"}


def test_small_use_gives_a_small_average_not_the_schedule(companion):
    med = companion.meds.add(MedicationDraft("Tramadol", strength=50, times_per_day=4, as_needed=True))
    companion.meds.add_batch([(med.id, [(_at(4), "1 tablet", ""), (_at(11), "1", "")])])
    assert companion.meds.mme_per_day().total_mme_per_day == pytest.approx(40.0)  # the most the schedule allows
    taken = service_mme_taken(companion.meds, date(2026, 2, 1), date(2026, 3, 2))  # 30 days
    assert taken.result.total_mme_per_day == pytest.approx(20 / 30)


def test_no_doses_and_a_reversed_period(companion):
    companion.meds.add(MedicationDraft("Tramadol", strength=50, times_per_day=4))
    taken = service_mme_taken(companion.meds, *FEB)
    assert taken.result.total_mme_per_day == 0 and taken.result.items == ()
    with pytest.raises(ValidationError, match="reversed"):
        service_mme_taken(companion.meds, FEB[1], FEB[0])
