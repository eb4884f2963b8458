"""DoseEffectService: the prefilled pain, ratings saved with a dose and at the follow-up, nothing on bad input."""

from datetime import timedelta

import pytest

from paincompanion.domain.diary import EntryDraft
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import NotFound, ValidationError


def test_prefill_from_an_entry_in_the_last_hour(companion, clock):
    now = clock.now()
    assert companion.dose_effects.suggested_pain() is None
    companion.diary.add(EntryDraft(at=now - timedelta(minutes=90), pain=4))
    assert companion.dose_effects.suggested_pain() is None  # too old
    companion.diary.add(EntryDraft(at=now - timedelta(minutes=50), pain=7))
    companion.diary.add(EntryDraft(at=now - timedelta(minutes=20), pain=6))
    assert companion.dose_effects.suggested_pain() == 6
    assert companion.dose_effects.suggested_pain(now - timedelta(minutes=30)) == 7


def test_take_with_pain_and_follow_up(companion, clock):
    med = companion.meds.add(MedicationDraft("Ibuprofen", strength=400, as_needed=True))
    with pytest.raises(ValidationError):
        companion.dose_effects.take(med.id, pain=11)
    assert companion.meds.doses() == []  # the bad pain was caught before the dose was saved
    dose, rating = companion.dose_effects.take(med.id, amount="2 tablets", pain="7")
    assert (rating.dose_id, rating.pain_before, rating.pain_after) == (dose.id, 7, None)
    clock.advance(minutes=70)
    _, rating = companion.dose_effects.after(dose.id, 4)
    assert (rating.pain_before, rating.pain_after, rating.after_at) == (7, 4, clock.now())
    with pytest.raises(NotFound):
        companion.dose_effects.after(dose.id + 1, 4)
    with pytest.raises(ValidationError, match="before the dose"):
        companion.dose_effects.after(dose.id, 3, dose.at - timedelta(minutes=5))
    assert companion.dose_effects.ratings()[dose.id].pain_after == 4  # unchanged by the refusals
