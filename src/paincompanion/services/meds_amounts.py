"""Amounts taken over time for one item (kratom grams a day, tablets a day), from the dose log."""

from __future__ import annotations

from datetime import date

from ..domain.amounts import DailyAmounts, daily_totals, form_unit
from .medications import MedicationService


def daily_amounts(
    meds: MedicationService, med_id: int, date_from: date | None = None, date_to: date | None = None
) -> DailyAmounts:
    """Totals per local day of the dose (the day where and when it was taken), oldest first.

    Bare numbers ("2") count in the unit the item's form names ("tablet"), else as doses.
    """
    med = meds.get(med_id)  # NotFound for an unknown id
    doses = meds.doses(date_from, date_to, medication_id=med_id)
    return daily_totals(((d.local_day, d.amount) for d in doses), bare_unit=form_unit(med.form))
