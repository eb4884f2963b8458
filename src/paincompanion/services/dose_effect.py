"""Pain before and after a dose (`meds take --pain`, `meds after`) and the effect per medicine (`meds effect`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from ..domain.clock import Clock
from ..domain.dose_effect import DoseRating, MedicationEffect, check_after_time, check_pain, medication_effects
from ..domain.medications import Dose, Medication
from ..errors import NotFound
from ..storage import dose_ratings_repo, meds_repo
from ..storage.database import Database
from .events import Signal
from .medications import MED_CHANGES, MedicationService

#: A diary entry this recent prefills "pain right now" when a dose is logged.
PREFILL_WINDOW = timedelta(hours=1)


class DoseEffectService:
    """Ratings of pain with a dose and at its follow-up, and what they show per item."""

    def __init__(self, db: Database, clock: Clock, changed: Signal, meds: MedicationService) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self._meds = meds

    def take(
        self, med_id: int, at: datetime | None = None, amount: str = "", note: str = "", pain: object = None
    ) -> tuple[Dose, DoseRating | None]:
        """Log a dose, with the pain right then when given (checked before anything is saved)."""
        checked = None if pain is None else check_pain(pain)
        dose = self._meds.take(med_id, at, amount, note)
        if checked is None:
            return dose, None
        with self._db.write() as conn:
            dose_ratings_repo.set_before(conn, dose.id, checked)
            rating = dose_ratings_repo.get_ratings(conn, [dose.id])[dose.id]
        self._changed.emit(MED_CHANGES)
        return dose, rating

    def after(self, dose_id: int, pain: object, at: datetime | None = None) -> tuple[Dose, DoseRating]:
        """Record "how is your pain now?" for a logged dose; the time is now unless given."""
        checked = check_pain(pain)
        now = self._clock.now()
        with self._db.write() as conn:
            found = meds_repo.list_doses(conn, dose_ids=[dose_id])
            if not found:
                raise NotFound(f"There is no logged dose with id {dose_id}.")
            dose = found[0]
            moment = check_after_time(dose.at, at or now, now)
            dose_ratings_repo.set_after(conn, dose_id, checked, moment)
            rating = dose_ratings_repo.get_ratings(conn, [dose_id])[dose_id]
        self._changed.emit(MED_CHANGES)
        return dose, rating

    def suggested_pain(self, at: datetime | None = None) -> int | None:
        """The pain to prefill with a dose: the newest diary entry in the hour before `at` (default now)."""
        moment = at or self._clock.now()
        until = int(moment.timestamp())
        with self._db.read() as conn:
            return dose_ratings_repo.latest_entry_pain(conn, until - int(PREFILL_WINDOW.total_seconds()), until)

    def ratings(self, dose_ids: Sequence[int] | None = None) -> dict[int, DoseRating]:
        with self._db.read() as conn:
            return dose_ratings_repo.get_ratings(conn, dose_ids)

    def add_ratings(self, ratings: Sequence[DoseRating]) -> int:
        """Save many checked ratings of existing doses in one transaction (demo)."""
        with self._db.write() as conn:
            count = dose_ratings_repo.bulk_insert(conn, ratings)
        if count:
            self._changed.emit(MED_CHANGES)
        return count

    # --- undo: a deleted dose takes its rating along and brings it back ------------------------------

    def delete_dose(self, dose_id: int) -> tuple[Dose, DoseRating | None]:
        """Remove a logged dose and its rating in one transaction; returns both for `restore_dose`."""
        with self._db.write() as conn:
            found = meds_repo.list_doses(conn, dose_ids=[dose_id])
            if not found:
                raise NotFound(f"There is no logged dose with id {dose_id}.")
            rating = dose_ratings_repo.get_ratings(conn, [dose_id]).get(dose_id)
            meds_repo.delete_dose(conn, dose_id)  # the rating goes with it (ON DELETE CASCADE)
        self._changed.emit(MED_CHANGES)
        return found[0], rating

    def restore_dose(self, dose: Dose, rating: DoseRating | None = None) -> Dose:
        """Put a deleted dose back under its old id, with its pain before and after, in one transaction."""
        with self._db.write() as conn:
            if not meds_repo.get_medications(conn, [dose.medication_id]):
                raise NotFound(f"There is no medicine with id {dose.medication_id}.")
            meds_repo.restore_doses(conn, [dose])
            if rating is not None:
                dose_ratings_repo.bulk_insert(conn, [replace(rating, dose_id=dose.id)])
            restored = meds_repo.list_doses(conn, dose_ids=[dose.id])[0]
        self._changed.emit(MED_CHANGES)
        return restored

    def delete_medication(self, med_id: int) -> tuple[Medication, list[Dose], list[DoseRating]]:
        """Delete an item with its doses; returns them and the doses' ratings for `restore_medication`."""
        with self._db.read() as conn:
            ids = [d.id for d in meds_repo.list_doses(conn, medication_id=med_id)]
            ratings = list(dose_ratings_repo.get_ratings(conn, ids).values()) if ids else []
        med, doses = self._meds.delete_with_doses(med_id)
        return med, doses, ratings

    def restore_medication(self, med: Medication, doses: Sequence[Dose], ratings: Sequence[DoseRating]) -> Medication:
        """Put a deleted item back with its doses and their ratings (the inverse of `delete_medication`)."""
        restored = self._meds.restore(med, doses)
        kept = {d.id for d in doses}
        self.add_ratings([r for r in ratings if r.dose_id in kept])
        return restored

    def effects(self) -> list[MedicationEffect]:
        """Per item with doses rated before and after: n, and the means when n is at least MIN_N."""
        with self._db.read() as conn:
            return medication_effects(dose_ratings_repo.rated_pairs(conn))
