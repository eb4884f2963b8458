"""Opioid daily total in morphine milligram equivalents (MME) with the CDC 2022 conversion factors.

MME/day = sum over opioid items of (opioid mg per dose × doses per day × factor); fentanyl patches count
mcg/hr × 2.4 for each patch worn at the same time, whatever the change schedule. Buprenorphine is shown as
"not calculated", never as zero. Rounding is for display only.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..errors import ValidationError
from .dataset import Dataset, load_dataset


@dataclass(frozen=True)
class MmeItem:
    """One opioid as the patient takes it. strength_mg is the opioid part of one dose (5 for Percocet 5/325)."""

    drug: str
    strength_mg: float | None = None
    mcg_per_hr: float | None = None
    doses_per_day: float = 1.0


class MmeLine(NamedTuple):
    drug: str
    ingredient: str
    factor: float
    mme_per_day: float

    def to_json(self) -> dict[str, Any]:
        return {
            "drug": self.drug,
            "ingredient": self.ingredient,
            "factor": self.factor,
            "mme_per_day": _round(self.mme_per_day),
        }


class NotCalculated(NamedTuple):
    drug: str
    reason: str


@dataclass(frozen=True)
class MmeResult:
    total_mme_per_day: float
    items: tuple[MmeLine, ...]
    not_calculated: tuple[NotCalculated, ...]
    notes: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "total_mme_per_day": _round(self.total_mme_per_day),
            "items": [line.to_json() for line in self.items],
            "not_calculated": [{"drug": n.drug, "reason": n.reason} for n in self.not_calculated],
        }


def compute_mme(items: Sequence[MmeItem], dataset: Dataset | None = None) -> MmeResult:
    """The daily MME total, one line per opioid, and the items that cannot be converted (with the reason)."""
    dataset = dataset or load_dataset()
    table = dataset.limits["mme"]
    factors = {f["ingredient"]: float(f["factor"]) for f in table["factors"]}
    skipped = {n["ingredient"]: n["reason"] for n in table["not_calculated"]}
    lines: list[MmeLine] = []
    missing: list[NotCalculated] = []
    for item in items:
        _check_numbers(item)
        analysis = dataset.analyse(item.drug)
        resolution = analysis.resolution
        if not resolution.recognized:
            missing.append(NotCalculated(item.drug, "Not recognised, so no MME could be worked out."))
            continue
        opioids = [i for i in resolution.ingredients if dataset.is_a(i, "opioid")]
        if not opioids:
            missing.append(NotCalculated(item.drug, "Not an opioid in this dataset, so it has no MME."))
            continue
        strengths = dataset.component_strengths(analysis)
        product = dataset.products.get(resolution.product or "")
        for ing in opioids:
            name = dataset.ingredient_name(ing).lower()
            if ing in skipped:
                missing.append(NotCalculated(item.drug, skipped[ing]))
            elif ing == "fentanyl":
                mcg = item.mcg_per_hr
                is_patch = (product is not None and product.form == "patch") or "patch" in analysis.tokens
                if mcg is None and is_patch and analysis.numbers and analysis.unit in (None, "mcg", "microgram"):
                    mcg = analysis.numbers[0]
                if mcg is None or (product is not None and product.form == "transmucosal"):
                    reason = (
                        table["fentanyl_non_patch_reason"] if not is_patch else "Give the patch strength in mcg/hr."
                    )
                    missing.append(NotCalculated(item.drug, reason))
                    continue
                patches = item.doses_per_day if item.doses_per_day >= 1 else 1.0
                lines.append(MmeLine(item.drug, ing, factors["fentanyl"], mcg * patches * factors["fentanyl"]))
            elif item.mcg_per_hr is not None:
                missing.append(NotCalculated(item.drug, f"mcg/hr is used only for fentanyl patches; give the {name} "
                                                        "strength in mg per dose instead."))  # fmt: skip
            elif ing not in factors:
                missing.append(NotCalculated(item.drug, f"No CDC 2022 conversion factor for {name}."))
            else:
                mg = item.strength_mg if item.strength_mg is not None and len(opioids) == 1 else strengths.get(ing)
                if mg is None:
                    missing.append(NotCalculated(item.drug, f"Strength not given: add the {name} amount in one dose "
                                                            "(strength_mg)."))  # fmt: skip
                    continue
                lines.append(MmeLine(item.drug, ing, factors[ing], mg * item.doses_per_day * factors[ing]))
    total = math.fsum(line.mme_per_day for line in lines)
    return MmeResult(total, tuple(lines), tuple(missing), _notes(table, lines, total))


def _notes(table: dict[str, Any], lines: list[MmeLine], total: float) -> tuple[str, ...]:
    cautions = table["cautions"]
    notes = [cautions[0]]
    if any(line.ingredient == "fentanyl" for line in lines):
        notes.append(cautions[1])
    if any(line.ingredient == "methadone" for line in lines):
        notes.append(cautions[2])
    notes += [level["text"] for level in table["levels"] if total >= level["mme_per_day"]]
    return tuple(notes)


def _check_numbers(item: MmeItem) -> None:
    for label, value in (("strength_mg", item.strength_mg), ("mcg_per_hr", item.mcg_per_hr),
                         ("doses_per_day", item.doses_per_day)):  # fmt: skip
        if value is not None and (not math.isfinite(value) or value < 0):
            raise ValidationError(f"{item.drug}: {label} must be a number of 0 or more, not {value!r}.")


def items_from_json(data: Any, where: str = "the file") -> list[MmeItem]:
    """MmeItems from the `mme` FILE format: a list of {"drug", "strength_mg" | "mcg_per_hr", "doses_per_day"}."""
    if not isinstance(data, list):
        raise ValidationError(f"{where} must hold a JSON list of opioid items, like "
                              '[{"drug": "Percocet 5/325", "strength_mg": 5, "doses_per_day": 4}].')  # fmt: skip
    items = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("drug"), str) or not entry["drug"].strip():
            raise ValidationError(f'Item {n} in {where} needs a "drug" name.')
        unknown = set(entry) - {"drug", "strength_mg", "mcg_per_hr", "doses_per_day"}
        if unknown:
            raise ValidationError(f"Item {n} in {where} has unknown field(s): {', '.join(sorted(unknown))}.")
        values = {key: _number(entry.get(key), key, n, where) for key in ("strength_mg", "mcg_per_hr", "doses_per_day")}
        per_day = values["doses_per_day"]
        if per_day is None:
            if values["mcg_per_hr"] is None:
                raise ValidationError(f'Item {n} in {where} needs "doses_per_day".')
            per_day = 1.0
        items.append(MmeItem(entry["drug"].strip(), values["strength_mg"], values["mcg_per_hr"], per_day))
    return items


#: Upper bounds of the `mme` FILE's numbers (a dose strength as in domain/medications, at most 24 doses a day).
MAX_FILE_VALUES = {"strength_mg": 1_000_000.0, "mcg_per_hr": 100_000.0, "doses_per_day": 24.0}


def _number(value: Any, key: str, n: int, where: str) -> float | None:
    if value is None:
        return None
    high = MAX_FILE_VALUES[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f'Item {n} in {where}: "{key}" must be a number of 0 or more.')
    if value < 0 or (isinstance(value, float) and math.isnan(value)):
        raise ValidationError(f'Item {n} in {where}: "{key}" must be a number of 0 or more.')
    if value > high:  # compared before float(), so a 5,000-digit integer is no OverflowError
        raise ValidationError(f'Item {n} in {where}: "{key}" must be a number of 0 or more, at most {high:,.0f}.')
    return float(value)


def _round(value: float) -> float:
    return round(value, 2)
