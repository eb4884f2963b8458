"""FollowUpService: the delay setting, what is due with the app's clock, snooze, skip and answers."""

from __future__ import annotations

import pytest

from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import NotFound, ValidationError


def _med(companion):
    return companion.meds.add(MedicationDraft("ibuprofen", strength=400, as_needed=True))


def test_only_doses_rated_before_get_a_follow_up(companion, clock):
    med = _med(companion)
    rated, _ = companion.dose_effects.take(med.id, pain=6)
    companion.meds.take(med.id)  # no pain noted: nothing to compare with later
    assert companion.follow_ups.due() == []
    clock.advance(minutes=60)
    [item] = companion.follow_ups.due()
    assert (item.dose_id, item.name) == (rated.id, "ibuprofen")


def test_snooze_skip_and_answer(companion, clock):
    med = _med(companion)
    dose, _ = companion.dose_effects.take(med.id, pain=6)
    with pytest.raises(ValidationError, match="due now"):
        companion.follow_ups.snooze(dose.id, 15)  # not due yet
    clock.advance(minutes=60)
    with pytest.raises(ValidationError, match="Snooze for"):
        companion.follow_ups.snooze(dose.id, 7)
    companion.follow_ups.snooze(dose.id, 10)
    clock.advance(minutes=10)
    assert [f.dose_id for f in companion.follow_ups.due()] == [dose.id]
    with pytest.raises(ValidationError):
        companion.follow_ups.answer(dose.id, 11)
    assert companion.dose_effects.ratings([dose.id])[dose.id].pain_after is None
    assert companion.follow_ups.answer(dose.id, 3).pain_after == 3
    assert companion.follow_ups.due() == []
    other, _ = companion.dose_effects.take(med.id, pain=5)
    clock.advance(minutes=60)
    companion.follow_ups.skip(other.id)
    assert companion.follow_ups.due() == []
    with pytest.raises(NotFound):
        companion.follow_ups.answer(9999, 3)


def test_a_bad_saved_delay_falls_back_to_an_hour(companion):
    from paincompanion.services.follow_up import DELAY_KEY

    companion.settings.put_many({DELAY_KEY: "nonsense"})
    assert companion.follow_ups.delay() == 60
