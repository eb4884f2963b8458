"""Reversible medicine operations (same protocol as services/undo.py: `label`, `apply()`, `revert()`).

A redo after an undo puts back the very same item or dose (same id), so later operations that refer to it
by id stay valid. Given `effects` (DoseEffectService), a dose taken away by an undo or a delete keeps its pain
before and after, and gets them back with it; the GUI always passes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..domain.dose_effect import DoseRating
from ..domain.medications import Dose, Medication, MedicationDraft

if TYPE_CHECKING:
    from .dose_effect import DoseEffectService
    from .medications import MedicationService


@dataclass
class AddMedicationOp:
    meds: MedicationService
    draft: MedicationDraft
    label: str = ""
    med: Medication | None = None

    def __post_init__(self) -> None:
        self.label = self.label or f"Add {self.draft.name.strip() or 'medicine'}"

    def apply(self) -> None:
        self.med = self.meds.restore(self.med) if self.med else self.meds.add(self.draft)

    def revert(self) -> None:
        assert self.med is not None
        self.meds.delete(self.med.id)


@dataclass
class EditMedicationOp:
    meds: MedicationService
    med_id: int
    new: MedicationDraft
    label: str = ""
    old: MedicationDraft | None = None

    def __post_init__(self) -> None:
        self.label = self.label or f"Edit {self.new.name.strip() or 'medicine'}"

    def apply(self) -> None:
        if self.old is None:
            self.old = self.meds.get(self.med_id).as_draft()
        self.meds.update(self.med_id, self.new)

    def revert(self) -> None:
        assert self.old is not None
        self.meds.update(self.med_id, self.old)


@dataclass
class StopMedicationOp:
    meds: MedicationService
    med_id: int
    on: date | None = None
    label: str = "Stop medicine"
    old: MedicationDraft | None = None

    def apply(self) -> None:
        if self.old is None:
            self.old = self.meds.get(self.med_id).as_draft()
        self.meds.stop(self.med_id, self.on)

    def revert(self) -> None:
        assert self.old is not None
        self.meds.update(self.med_id, self.old)


@dataclass
class RestartMedicationOp:
    meds: MedicationService
    med_id: int
    label: str = "Restart medicine"
    old: MedicationDraft | None = None

    def apply(self) -> None:
        if self.old is None:
            self.old = self.meds.get(self.med_id).as_draft()
        self.meds.restart(self.med_id)

    def revert(self) -> None:
        assert self.old is not None
        self.meds.update(self.med_id, self.old)


@dataclass
class DeleteMedicationOp:
    meds: MedicationService
    med_id: int
    label: str = "Delete medicine"
    med: Medication | None = None
    doses: list[Dose] = field(default_factory=list)
    effects: DoseEffectService | None = None
    ratings: list[DoseRating] = field(default_factory=list)

    def apply(self) -> None:
        if self.effects is not None:
            self.med, self.doses, self.ratings = self.effects.delete_medication(self.med_id)
        else:
            self.med, self.doses = self.meds.delete_with_doses(self.med_id)

    def revert(self) -> None:
        assert self.med is not None
        if self.effects is not None:
            self.effects.restore_medication(self.med, self.doses, self.ratings)
        else:
            self.meds.restore(self.med, self.doses)


@dataclass
class TakeDoseOp:
    meds: MedicationService
    med_id: int
    at: datetime | None = None
    amount: str = ""
    note: str = ""
    label: str = "Log dose"
    dose: Dose | None = None
    #: The pain right then (0–10), saved as the dose's "pain before" through `effects` (DoseEffectService).
    pain: int | None = None
    effects: DoseEffectService | None = None

    #: The dose's rating when it was last undone (pain before, and after if the follow-up was answered).
    rating: DoseRating | None = None

    def apply(self) -> None:
        if self.dose is None:
            if self.pain is not None and self.effects is not None:
                self.dose, _ = self.effects.take(self.med_id, self.at, self.amount, self.note, self.pain)
            else:
                self.dose = self.meds.take(self.med_id, self.at, self.amount, self.note)
        elif self.effects is not None:  # redo: the same dose with the rating it had when undone
            self.dose = self.effects.restore_dose(self.dose, self.rating)
        else:
            self.dose = self.meds.restore_dose(self.dose)

    def revert(self) -> None:
        assert self.dose is not None
        if self.effects is not None:
            _, self.rating = self.effects.delete_dose(self.dose.id)
        else:
            self.meds.delete_dose(self.dose.id)


@dataclass
class DeleteDoseOp:
    meds: MedicationService
    dose_id: int
    label: str = "Delete dose"
    dose: Dose | None = None
    effects: DoseEffectService | None = None
    rating: DoseRating | None = None

    def apply(self) -> None:
        if self.effects is not None:
            self.dose, self.rating = self.effects.delete_dose(self.dose_id)
        else:
            self.dose = self.meds.delete_dose(self.dose_id)

    def revert(self) -> None:
        assert self.dose is not None
        if self.effects is not None:
            self.effects.restore_dose(self.dose, self.rating)
        else:
            self.meds.restore_dose(self.dose)
