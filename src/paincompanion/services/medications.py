"""Medicine use cases: the patient's list, the dose log, interaction checks and daily totals.

Names are resolved through the bundled interaction dataset, loaded on first use and kept. Stopped items stay
listed (history is kept) and their doses stay in the log; only `delete` removes an item and its doses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..analysis import meds_totals
from ..domain.amounts import check_new_amount
from ..domain.changes import Changes
from ..domain.clock import Clock
from ..domain.interactions import Severity
from ..domain.medications import (
    Dose,
    Medication,
    MedicationDraft,
    validate_dose,
    validate_medication,
    validate_name,
)
from ..errors import NotFound, ValidationError
from ..interactions import (
    ApapResult,
    CheckResult,
    Dataset,
    MmeResult,
    Resolution,
    acetaminophen_total,
    compute_mme,
    load_dataset,
)
from ..interactions import check as check_items
from ..interactions.mme import MmeItem, NotCalculated
from ..interactions.normalize import CheckItem
from ..storage import meds_repo, settings_repo
from ..storage.database import Database
from .events import Signal

MED_CHANGES = Changes(medications=True)
#: Settings keys of the patient's answers that lower the acetaminophen daily limit (ids of limits.json lower_limits).
APAP_PROFILE_KEYS = {"liver_disease": "apap_liver_disease", "regular_alcohol": "apap_regular_alcohol"}

#: One item of `add_batch`: a new draft or the id of a saved item, with its doses as (at, amount, note).
BatchItem = tuple[MedicationDraft | int, Sequence[tuple[datetime, str, str]]]


def check_item(med: MedicationDraft) -> CheckItem:
    """What the engine checks for an item: its name, the ingredients read off its pack, the product it picked."""
    return CheckItem(med.name, tuple(p.text for p in med.pack_ingredients), med.product)


class MedicationService:
    """Everything the Medicines page, the Today page's "took it now" and the CLI do with medicines."""

    def __init__(
        self, db: Database, clock: Clock, changed: Signal, dataset_loader: Callable[[], Dataset] = load_dataset
    ) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        self._load_dataset = dataset_loader
        self._dataset: Dataset | None = None
        self._completions: list[str] | None = None

    # --- the dataset --------------------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """The interaction dataset (loaded on first use, then kept)."""
        if self._dataset is None:
            self._dataset = self._load_dataset()
        return self._dataset

    def resolve(self, name: str) -> Resolution:
        """What a typed name is recognised as, the candidates if it could be several products, or suggestions."""
        return self.dataset.resolve(name)

    def resolve_draft(self, draft: MedicationDraft) -> Resolution:
        """What an item would be checked as: by its pack ingredients if given, else its name (and chosen product)."""
        return self.dataset.resolve_item(check_item(draft))

    def ingredient_completions(self) -> list[str]:
        """Ingredient names and synonyms (not products), for typing the active ingredients off a pack."""
        unique: dict[str, str] = {}
        for ing in self.dataset.ingredients.values():
            for name in (ing.name, *ing.synonyms):
                unique.setdefault(name.casefold(), name)
        return sorted(unique.values(), key=str.casefold)

    def name_completions(self) -> list[str]:
        """Generic, brand and synonym names for a completer, sorted case-insensitively."""
        if self._completions is None:
            ds = self.dataset
            names = [*ds.display_names()]
            for ing in ds.ingredients.values():
                names += [ing.name, *ing.synonyms]
            for product in ds.products.values():
                names += [product.name, *product.synonyms]
            unique: dict[str, str] = {}
            for name in names:
                unique.setdefault(name.casefold(), name)
            self._completions = sorted(unique.values(), key=str.casefold)
        return list(self._completions)

    def _today(self) -> date:
        return self._clock.now().date()

    def _now_utc(self) -> int:
        return int(self._clock.now().timestamp())

    def _resolved(self, med: Medication, today: date | None = None) -> Medication:
        ds = self.dataset
        resolution = ds.resolve_item(check_item(med))
        kinds = {ds.ingredients[i].kind for i in resolution.ingredients if i in ds.ingredients}
        lexicon_kind = next((k for k in ("drug", "herbal", "supplement") if k in kinds), min(kinds, default=""))
        return replace(
            med,
            recognized=resolution.recognized,
            ingredients=resolution.ingredients,
            display_ingredients=tuple(ds.ingredient_name(i) for i in resolution.ingredients),
            suggestions=tuple(c.label for c in resolution.suggested),  # "Cymbalta (Duloxetine)": never a bare name
            matched_product=resolution.product,
            lexicon_kind=lexicon_kind,
            candidates=tuple(c.label for c in resolution.candidates),
            unknown_ingredients=resolution.unknown_ingredients,
            as_of=today or self._today(),
        )

    # --- the list -----------------------------------------------------------------------------

    def add(self, draft: MedicationDraft) -> Medication:
        """Validate and save a new item; returns it with what it was recognised as."""
        clean = validate_medication(draft, self._today())
        with self._db.write() as conn:
            med_id = meds_repo.insert_medication(conn, clean, self._now_utc())
            med = meds_repo.get_medications(conn, [med_id])[0]
        self._changed.emit(MED_CHANGES)
        return self._resolved(med)

    def update(self, med_id: int, draft: MedicationDraft) -> Medication:
        """Replace an item's details (its doses stay)."""
        clean = validate_medication(draft, self._today())
        with self._db.write() as conn:
            if not meds_repo.update_medication(conn, med_id, clean, self._now_utc()):
                raise NotFound(f"There is no medicine with id {med_id}.")
            med = meds_repo.get_medications(conn, [med_id])[0]
        self._changed.emit(MED_CHANGES)
        return self._resolved(med)

    def stop(self, med_id: int, on: date | None = None) -> Medication:
        """Mark an item as stopped on `on` (default today); it stays listed with its doses."""
        return self.update(med_id, replace(self.get(med_id).as_draft(), stop=on or self._today()))

    def restart(self, med_id: int) -> Medication:
        """Take an item up again: clear its stop date."""
        return self.update(med_id, replace(self.get(med_id).as_draft(), stop=None))

    def delete(self, med_id: int) -> Medication:
        """Delete an item and its doses; returns the item (see `delete_with_doses` for undo)."""
        return self.delete_with_doses(med_id)[0]

    def delete_with_doses(self, med_id: int) -> tuple[Medication, list[Dose]]:
        """Delete an item and its doses in one transaction; returns both, for `restore`."""
        with self._db.write() as conn:
            found = meds_repo.get_medications(conn, [med_id])
            if not found:
                raise NotFound(f"There is no medicine with id {med_id}.")
            doses = meds_repo.list_doses(conn, medication_id=med_id, newest_first=False)
            meds_repo.delete_medication(conn, med_id)
        self._changed.emit(MED_CHANGES)
        return self._resolved(found[0]), doses

    def restore(self, med: Medication, doses: Sequence[Dose] = ()) -> Medication:
        """Put a deleted item (and its doses) back under the old ids: the inverse of `delete`."""
        clean = validate_medication(med.as_draft(), self._today())
        with self._db.write() as conn:
            meds_repo.insert_medication(conn, clean, self._now_utc(), med_id=med.id)
            meds_repo.restore_doses(conn, [replace(d, medication_id=med.id) for d in doses])
            restored = meds_repo.get_medications(conn, [med.id])[0]
        self._changed.emit(MED_CHANGES)
        return self._resolved(restored)

    def add_batch(self, items: Sequence[BatchItem]) -> list[int]:
        """Save new items and doses (of new or saved items) in one transaction, all or nothing (import, demo).

        Returns the id of each item, in order.
        """
        today, now = self._today(), self._clock.now()
        checked = [
            (item if isinstance(item, int) else validate_medication(item, today),
             [validate_dose(at, amount, note, now) for at, amount, note in doses])
            for item, doses in items
        ]  # fmt: skip
        with self._db.write() as conn:
            new = [item for item, _ in checked if not isinstance(item, int)]
            new_ids = iter(meds_repo.bulk_insert_medications(conn, new, self._now_utc()))
            ids = [item if isinstance(item, int) else next(new_ids) for item, _ in checked]
            known = {m.id for m in meds_repo.get_medications(conn, [i for i in ids if i])}
            if set(ids) - known:
                raise NotFound(f"There is no medicine with id {min(set(ids) - known)}.")
            meds_repo.bulk_insert_doses(conn, [(i, *dose) for i, (_, doses) in zip(ids, checked) for dose in doses])
        if items:
            self._changed.emit(MED_CHANGES)
        return ids

    def get(self, med_id: int) -> Medication:
        with self._db.read() as conn:
            found = meds_repo.get_medications(conn, [med_id])
        if not found:
            raise NotFound(f"There is no medicine with id {med_id}.")
        return self._resolved(found[0])

    def list_medications(self, include_stopped: bool = True) -> list[Medication]:
        """Active items first, then stopped ones, each by name (case-insensitive), then id."""
        with self._db.read() as conn:
            rows = meds_repo.get_medications(conn)
        today = self._today()
        meds = [self._resolved(m, today) for m in rows]
        if not include_stopped:
            meds = [m for m in meds if m.active]
        return sorted(meds, key=lambda m: (not m.active, m.name.casefold(), m.id))

    def count(self) -> int:
        with self._db.read() as conn:
            return len(meds_repo.get_medications(conn))

    # --- the dose log -------------------------------------------------------------------------

    def take(self, med_id: int, at: datetime | None = None, amount: str = "", note: str = "") -> Dose:
        """Log a dose (now unless `at` is given)."""
        moment, amount, note = validate_dose(at or self._clock.now(), amount, note, self._clock.now())
        amount = check_new_amount(amount)  # new input: no "-2 g" or "lots" (stored text stays as typed)
        med = self.get(med_id)
        if med.stop is not None and moment.date() > med.stop:
            raise ValidationError(
                f"{med.name} was stopped on {med.stop.isoformat()}; restart it first to log a dose after that."
            )
        with self._db.write() as conn:
            dose_id = meds_repo.insert_dose(conn, med_id, moment, amount, note)
            dose = meds_repo.list_doses(conn, dose_ids=[dose_id])[0]
        self._changed.emit(MED_CHANGES)
        return dose

    def delete_dose(self, dose_id: int) -> Dose:
        """Remove a logged dose; returns it for `restore_dose`."""
        with self._db.write() as conn:
            found = meds_repo.list_doses(conn, dose_ids=[dose_id])
            if not found:
                raise NotFound(f"There is no logged dose with id {dose_id}.")
            meds_repo.delete_dose(conn, dose_id)
        self._changed.emit(MED_CHANGES)
        return found[0]

    def restore_dose(self, dose: Dose) -> Dose:
        """Put a deleted dose back under its old id."""
        with self._db.write() as conn:
            if not meds_repo.get_medications(conn, [dose.medication_id]):
                raise NotFound(f"There is no medicine with id {dose.medication_id}.")
            meds_repo.restore_doses(conn, [dose])
            restored = meds_repo.list_doses(conn, dose_ids=[dose.id])[0]
        self._changed.emit(MED_CHANGES)
        return restored

    def doses(
        self, date_from: date | None = None, date_to: date | None = None, *, medication_id: int | None = None
    ) -> list[Dose]:
        """Logged doses, newest first; dates are the local days of the doses, inclusive."""
        if date_from and date_to and date_from > date_to:
            raise ValidationError(f"The period is reversed: {date_from} is after {date_to}.")
        with self._db.read() as conn:
            return meds_repo.list_doses(conn, date_from, date_to, medication_id=medication_id)

    def last_doses(self) -> dict[int, Dose]:
        """The most recent dose of each item that has one (for "last taken …")."""
        latest: dict[int, Dose] = {}
        for dose in self.doses():
            latest.setdefault(dose.medication_id, dose)
        return latest

    def as_needed_uses_per_week(self, med_id: int, weeks: int = 4) -> float:
        """Doses per week over the last `weeks` weeks up to today (or since the start date, at least a week)."""
        if weeks < 1:
            raise ValidationError("The number of weeks must be at least 1.")
        med = self.get(med_id)
        today = self._today()
        first = today - timedelta(days=weeks * 7 - 1)
        if med.start is not None and med.start > first:
            first = min(med.start, today - timedelta(days=6))
        days = (today - first).days + 1
        with self._db.read() as conn:
            used = meds_repo.count_doses(conn, med_id, first, today)
        return round(used * 7 / days, 2)

    # --- checks and totals ---------------------------------------------------------------------

    def check(self, extra: Sequence[str | CheckItem] = ()) -> CheckResult:
        """The saved ACTIVE list plus `extra` names ("check before I buy"); nothing is saved."""
        items: list[str | CheckItem] = [check_item(m) for m in self.list_medications(include_stopped=False)]
        for entry in extra:
            if isinstance(entry, CheckItem):
                items.append(replace(entry, name=validate_name(entry.name, "The name to check")))
            elif entry and entry.strip():
                items.append(validate_name(entry, "The name to check"))
        return check_items(items, self.dataset)

    def warning_marks(self, result: CheckResult | None = None) -> dict[int, Severity]:
        """The most serious warning each active item takes part in (by id), for a mark in the list."""
        result = result or self.check()
        marks: dict[int, Severity] = {}
        for med in self.list_medications(include_stopped=False):
            levels = [w.severity for w in result.warnings if med.name in w.items]
            if levels:
                marks[med.id] = max(levels)
        return marks

    def apap_profile(self) -> dict[str, bool]:
        """The saved answers that lower the acetaminophen limit: {"liver_disease": …, "regular_alcohol": …}."""
        with self._db.read() as conn:
            return {name: settings_repo.get(conn, key, "0") == "1" for name, key in APAP_PROFILE_KEYS.items()}

    def set_apap_profile(self, *, liver_disease: bool | None = None, regular_alcohol: bool | None = None) -> None:
        """Save either answer (None leaves it as it is); the daily limit used everywhere follows."""
        wanted = {"liver_disease": liver_disease, "regular_alcohol": regular_alcohol}
        with self._db.write() as conn:
            for name, value in wanted.items():
                if value is not None:
                    settings_repo.put(conn, APAP_PROFILE_KEYS[name], "1" if value else "0")
        self._changed.emit(Changes(medications=True, settings=True))

    def apap_limit_notes(self) -> list[str]:
        """Plain sentences on the lower limits that apply to the saved answers (empty when none apply)."""
        profile = self.apap_profile()
        lowers = self.dataset.limits["acetaminophen"]["lower_limits"]
        return [lower["text"] for lower in lowers if profile.get(lower["id"])]

    def acetaminophen_today(self, liver_disease: bool | None = None, regular_alcohol: bool | None = None) -> ApapResult:
        """Today's acetaminophen from the schedule and the dose log, against the daily limit that applies.

        The lower limits follow the saved answers (`apap_profile`) unless given here.
        """
        today = self._today()
        return self.acetaminophen_on(today, liver_disease=liver_disease, regular_alcohol=regular_alcohol)

    def acetaminophen_on(
        self, day: date, *, liver_disease: bool | None = None, regular_alcohol: bool | None = None
    ) -> ApapResult:
        """One day's acetaminophen from the schedule and the dose log, against the limit that applies."""
        profile = self.apap_profile()
        liver = profile["liver_disease"] if liver_disease is None else liver_disease
        alcohol = profile["regular_alcohol"] if regular_alcohol is None else regular_alcohol
        entries = meds_totals.apap_entries(self.list_medications(), self.doses(day, day), day, self.dataset)
        return acetaminophen_total(entries, self.dataset, liver_disease=liver, regular_alcohol=alcohol)

    def mme_items(self) -> tuple[list[MmeItem], list[NotCalculated]]:
        """The schedule's opioids as MmeItems, and the items that cannot be counted (NotCalculated)."""
        return meds_totals.mme_items(self.list_medications(include_stopped=False), self.dataset)

    def mme_per_day(self) -> MmeResult:
        """The opioid daily total (MME, CDC 2022 factors) from the schedule of the active items."""
        items, missing = self.mme_items()
        return meds_totals.with_missing(compute_mme(items, self.dataset), missing)
