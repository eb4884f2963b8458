"""Undo of a deleted dose (or medicine, or logged dose) brings back its pain before and after; redo removes them."""

from datetime import timedelta

import pytest

from paincompanion.domain.dose_effect import DoseRating
from paincompanion.domain.medications import MedicationDraft
from paincompanion.errors import NotFound
from paincompanion.services.meds_undo import DeleteDoseOp, DeleteMedicationOp, TakeDoseOp
from paincompanion.services.undo import UndoHistory


@pytest.fixture
def rated(companion, clock):
    """An as-needed item with two doses: one rated before and after, one not rated."""
    med = companion.meds.add(MedicationDraft("Oxycodone", strength=5, as_needed=True))
    dose, _ = companion.dose_effects.take(med.id, clock.now() - timedelta(hours=2), "1 tablet", pain=8)
    companion.dose_effects.after(dose.id, 5, clock.now() - timedelta(hours=1))
    plain = companion.meds.take(med.id, clock.now() - timedelta(minutes=30))
    return med, dose, plain


def _rating(companion, dose_id: int) -> DoseRating | None:
    return companion.dose_effects.ratings([dose_id]).get(dose_id)


def test_delete_dose_undo_keeps_the_rating_and_redo_removes_it(companion, clock, rated):
    med, dose, plain = rated
    kept = _rating(companion, dose.id)
    assert (kept.pain_before, kept.pain_after, kept.after_at) == (8, 5, clock.now() - timedelta(hours=1))
    history = UndoHistory()
    history.run(DeleteDoseOp(companion.meds, dose.id, effects=companion.dose_effects))
    assert [d.id for d in companion.meds.doses()] == [plain.id]
    assert companion.dose_effects.ratings() == {}
    history.undo()
    assert companion.meds.doses()[-1] == dose  # same id, time and amount
    assert _rating(companion, dose.id) == kept
    assert companion.dose_effects.effects()[0].n == 1  # it counts again
    history.redo()
    assert companion.dose_effects.ratings() == {} and len(companion.meds.doses()) == 1
    history.undo()
    assert _rating(companion, dose.id) == kept


def test_undo_of_an_unrated_dose_adds_no_rating(companion, rated):
    _, _, plain = rated
    history = UndoHistory()
    history.run(DeleteDoseOp(companion.meds, plain.id, effects=companion.dose_effects))
    history.undo()
    assert plain.id in {d.id for d in companion.meds.doses()} and _rating(companion, plain.id) is None


def test_delete_medicine_undo_brings_back_every_rating(companion, rated):
    med, dose, plain = rated
    before = companion.dose_effects.ratings()
    history = UndoHistory()
    history.run(DeleteMedicationOp(companion.meds, med.id, effects=companion.dose_effects))
    assert companion.meds.list_medications() == [] and companion.dose_effects.ratings() == {}
    history.undo()
    assert {d.id for d in companion.meds.doses()} == {dose.id, plain.id}
    assert companion.dose_effects.ratings() == before
    history.redo()
    assert companion.dose_effects.ratings() == {}


def test_take_undo_redo_keeps_the_follow_up_answer(companion, clock):
    med = companion.meds.add(MedicationDraft("Ibuprofen", strength=400, as_needed=True))
    take = TakeDoseOp(companion.meds, med.id, pain=7, effects=companion.dose_effects)
    history = UndoHistory()
    history.run(take)
    clock.advance(minutes=60)
    companion.follow_ups.answer(take.dose.id, 3)  # the follow-up is not on the undo stack
    answered = _rating(companion, take.dose.id)
    history.undo()
    assert companion.meds.doses() == [] and companion.dose_effects.ratings() == {}
    history.redo()
    assert _rating(companion, take.dose.id) == answered  # before 7 and after 3, with its time


def test_deleting_a_missing_dose_changes_nothing(companion, rated):
    before = (companion.meds.doses(), companion.dose_effects.ratings())
    with pytest.raises(NotFound):
        companion.dose_effects.delete_dose(999)
    assert (companion.meds.doses(), companion.dose_effects.ratings()) == before


def test_restoring_a_dose_of_a_deleted_medicine_is_refused_without_a_trace(companion, rated):
    med, dose, _ = rated
    gone, rating = companion.dose_effects.delete_dose(dose.id)
    companion.meds.delete_with_doses(med.id)
    with pytest.raises(NotFound):
        companion.dose_effects.restore_dose(gone, rating)
    assert companion.meds.doses() == [] and companion.dose_effects.ratings() == {}
