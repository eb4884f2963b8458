"""Dose days and totals use each dose's own local day (issue 14), whatever this computer's time zone is.

A dose at 23:30 in New York is on that day there, although in Berlin (this computer, in these tests) it is
05:30 the next morning: the dose log's day, the acetaminophen total, the daily amounts, the highest
acetaminophen day and the MME taken all count it on its own day.
"""

from __future__ import annotations

import shutil
import time as _time
from datetime import date, datetime, timedelta, timezone

import pytest

from paincompanion.analysis.meds_totals import highest_apap_day
from paincompanion.analysis.mme_taken import mme_taken
from paincompanion.domain.medications import MedicationDraft
from paincompanion.services import transfer
from paincompanion.services.meds_amounts import daily_amounts

NEW_YORK = timezone(timedelta(hours=-5))
BERLIN = timezone(timedelta(hours=1))
DAY, NEXT = date(2026, 3, 5), date(2026, 3, 6)


@pytest.fixture
def berlin(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")
    _time.tzset()
    yield
    monkeypatch.undo()
    _time.tzset()


@pytest.fixture
def logged(companion, berlin):
    meds = companion.meds
    apap = meds.add(MedicationDraft(name="Acetaminophen", strength=500, unit="mg", form="tablet"))
    tramadol = meds.add(MedicationDraft(name="Tramadol", strength=50, unit="mg", form="tablet"))
    meds.take(apap.id, datetime(2026, 3, 5, 8, 0, tzinfo=NEW_YORK), "2")
    late = meds.take(apap.id, datetime(2026, 3, 5, 23, 30, tzinfo=NEW_YORK), "2")  # 05:30 on the 6th in Berlin
    meds.take(apap.id, datetime(2026, 3, 6, 8, 0, tzinfo=BERLIN), "2")
    meds.take(tramadol.id, datetime(2026, 3, 5, 23, 45, tzinfo=NEW_YORK), "1")
    return companion, apap, tramadol, late


def test_the_dose_log_day_is_the_doses_own(logged):
    companion, _apap, _tramadol, late = logged
    assert late.local_day == DAY and late.at.astimezone().date() == NEXT  # the two days really differ
    on_day = companion.meds.doses(DAY, DAY)
    assert late.id in {d.id for d in on_day} and len(on_day) == 3
    assert len(companion.meds.doses(NEXT, NEXT)) == 1


def test_acetaminophen_total_and_highest_day_count_the_late_dose_on_its_day(logged):
    companion, apap, _tramadol, _late = logged
    assert companion.meds.acetaminophen_on(DAY).total_mg == 2000
    assert companion.meds.acetaminophen_on(NEXT).total_mg == 1000
    meds = companion.meds
    day, result = highest_apap_day(
        meds.list_medications(), meds.doses(), date(2026, 3, 1), date(2026, 3, 9), meds.dataset
    )
    assert (day, result.total_mg) == (DAY, 2000)


def test_daily_amounts_and_mme_taken_use_the_local_day(logged):
    companion, apap, tramadol, _late = logged
    amounts = daily_amounts(companion.meds, apap.id)
    assert dict(amounts.days) == {DAY: 4, NEXT: 2}
    meds = companion.meds
    assert mme_taken(meds.list_medications(), meds.doses(), DAY, DAY, meds.dataset).result.total_mme_per_day > 0
    assert mme_taken(meds.list_medications(), meds.doses(), NEXT, NEXT, meds.dataset).result.total_mme_per_day == 0


def test_an_imported_late_dose_keeps_its_day_in_every_total(companion, berlin, tmp_path):
    """A MedTimer dose taken at 23:30 in New York (04:30 UTC the next day) counts on its own day."""
    source = tmp_path / "medtimer.csv"
    source.write_text(
        "Time;Name;Amount;Taken;Time (ISO 8601);Taken (ISO 8601)\n"
        "3/5/26 11:00 PM;Acetaminophen;500 mg;3/5/26 11:30 PM;2026-03-06T04:00:00Z;2026-03-06T04:30:00Z\n",
        encoding="utf-8",
    )
    result = transfer.import_file(companion, source)
    assert result.doses == 1
    (dose,) = companion.meds.doses()
    assert dose.local_day == DAY and dose.at.utcoffset() == timedelta(hours=-5)
    assert companion.meds.acetaminophen_on(DAY).total_mg == 500 and companion.meds.acetaminophen_on(NEXT).total_mg == 0
    shutil.copy(source, tmp_path / "again.csv")
    assert transfer.import_file(companion, tmp_path / "again.csv").doses == 0
