"""Reversible medicine operations (same protocol as services/undo.py: `label`, `apply()`, `revert()`).

A redo after an undo puts back the very same item or dose (same id), so later operations that refer to it
by id stay valid.
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

    def apply(self) -> None:
        self.med, self.doses = self.meds.delete_with_doses(self.med_id)

    def revert(self) -> None:
        assert self.med is not None
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

    def apply(self) -> None:
        if self.dose is None:
            if self.pain is not None and self.effects is not None:
                self.dose, _ = self.effects.take(self.med_id, self.at, self.amount, self.note, self.pain)
            else:
                self.dose = self.meds.take(self.med_id, self.at, self.amount, self.note)
        else:
            self.dose = self.meds.restore_dose(self.dose)
            if self.pain is not None and self.effects is not None:  # the rating went with the dose on undo
                self.effects.add_ratings([DoseRating(self.dose.id, pain_before=self.pain)])

    def revert(self) -> None:
        assert self.dose is not None
        self.meds.delete_dose(self.dose.id)


@dataclass
class DeleteDoseOp:
    meds: MedicationService
    dose_id: int
    label: str = "Delete dose"
    dose: Dose | None = None

    def apply(self) -> None:
        self.dose = self.meds.delete_dose(self.dose_id)

    def revert(self) -> None:
        assert self.dose is not None
        self.meds.restore_dose(self.dose)
