"""The day's acetaminophen (paracetamol) total from every product, against the daily limit that applies."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..domain.interactions import InteractionWarning, Severity
from ..errors import ValidationError
from .dataset import Dataset, load_dataset

INGREDIENT = "acetaminophen"


@dataclass(frozen=True)
class ApapResult:
    total_mg: float
    limit_mg: int
    over: bool
    warning: InteractionWarning | None
    #: Items that contain acetaminophen but whose amount is unknown (not typed and not in the lexicon).
    uncounted: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "total_mg": round(self.total_mg, 1),
            "limit_mg": self.limit_mg,
            "over": self.over,
            "uncounted": list(self.uncounted),
            "warning": self.warning.to_json() if self.warning else None,
        }


def acetaminophen_total(
    doses: Sequence[tuple[str, float | None, float]],
    dataset: Dataset | None = None,
    *,
    liver_disease: bool = False,
    regular_alcohol: bool = False,
) -> ApapResult:
    """Add up acetaminophen from (name, acetaminophen mg per dose or None, number of doses) entries.

    With mg_per_dose None, the amount comes from what was typed ("Percocet 5/325" → 325 mg) or, failing that,
    from the product's usual strength in the lexicon (Tylenol Extra Strength → 500 mg).
    """
    dataset = dataset or load_dataset()
    rules = dataset.limits["acetaminophen"]
    total = 0.0
    counted: list[str] = []
    uncounted: list[str] = []
    for name, mg_per_dose, count in doses:
        if count is None or not math.isfinite(count) or count < 0:
            raise ValidationError(f"{name}: the number of doses must be 0 or more, not {count!r}.")
        if mg_per_dose is not None and (not math.isfinite(mg_per_dose) or mg_per_dose < 0):
            raise ValidationError(f"{name}: the acetaminophen amount must be 0 mg or more, not {mg_per_dose!r}.")
        analysis = dataset.analyse(name)
        if INGREDIENT not in analysis.resolution.ingredients:
            continue
        mg = mg_per_dose if mg_per_dose is not None else dataset.component_strengths(analysis).get(INGREDIENT)
        if mg is None:
            uncounted.append(name)
            continue
        total += mg * count
        if count > 0:
            counted.append(name)
    limit = int(rules["adult_max_mg_per_day"])
    applied = []
    for lower in rules["lower_limits"]:
        wanted = {"liver_disease": liver_disease, "regular_alcohol": regular_alcohol}.get(lower["id"], False)
        if wanted and lower["max_mg_per_day"] < limit:
            limit = int(lower["max_mg_per_day"])
        if wanted:
            applied.append(lower)
    over = total > limit
    warning = _warning(dataset, rules, applied, total, limit, counted) if over else None
    return ApapResult(total, limit, over, warning, tuple(uncounted))


def _warning(
    dataset: Dataset, rules: dict[str, Any], applied: list[dict[str, Any]], total: float, limit: int, names: list[str]
) -> InteractionWarning:
    source_ids = list(rules["sources"]) + [s for lower in applied for s in lower["sources"]]
    sources = tuple(dataset.sources[s] for s in dict.fromkeys(source_ids))
    why = " ".join([rules["text"], *(lower["text"] for lower in applied)])
    return InteractionWarning(
        severity=Severity.MAJOR,
        kind="daily-limit",
        items=tuple(sorted(dict.fromkeys(names), key=str.casefold)),
        ingredients=(INGREDIENT,),
        summary=f"Acetaminophen today adds up to {total:,.0f} mg, more than the {limit:,} mg daily limit used for you.",
        mechanism=why,
        advice=(
            "Please contact your pharmacist or doctor today, before your next dose of any product that contains "
            "acetaminophen; they can help you stay within the limit. If you have taken much more than the limit or "
            "feel unwell, call Poison Control (1-800-222-1222 in the US) or seek care now: liver damage can start "
            "before you feel ill."
        ),
        sources=sources,
        rule_id="acetaminophen-daily-limit",
    )
