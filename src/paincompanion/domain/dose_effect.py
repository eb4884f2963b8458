"""Pain before and after a dose, and what it adds up to per medicine ("what helps", honestly).

The effect of an item is the mean pain before and after over its doses rated BOTH before and after; it is
shown only from `MIN_N` such doses, always with n, and worded as a pattern, never as a cause.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from ..errors import ValidationError
from .diary import FUTURE_TOLERANCE, ensure_aware, fixed_offset, score

#: Fewest doses rated before and after for an effect to be shown (as for routines).
MIN_N = 3
#: The same words the routines' "what helps" uses.
PATTERNS_NOT_CAUSES = "These show patterns, not causes."
#: A rating "after" more than this long after the dose is not about that dose.
MAX_AFTER = timedelta(hours=24)


@dataclass(frozen=True)
class DoseRating:
    """The pain rated with a dose (before) and at the follow-up (after), each 0–10 or None."""

    dose_id: int
    pain_before: int | None = None
    pain_after: int | None = None
    after_at: datetime | None = None


def check_pain(value: object) -> int:
    """A pain rating 0–10 (whole number), or ValidationError with one plain sentence."""
    checked = score(value, "Pain", required=True)
    assert checked is not None
    return checked


def check_after_time(dose_at: datetime, after_at: datetime, now: datetime) -> datetime:
    """The moment of a follow-up rating: not before the dose, not in the future, within a day of the dose."""
    if not isinstance(after_at, datetime):
        raise ValidationError("The time of the follow-up must be a date and time.")
    moment = fixed_offset(after_at)
    if moment < dose_at:
        raise ValidationError(
            f"The follow-up time {moment:%Y-%m-%d %H:%M} is before the dose ({dose_at:%Y-%m-%d %H:%M})."
        )
    if moment > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"The time {moment:%Y-%m-%d %H:%M} is in the future.")
    if moment - dose_at > MAX_AFTER:
        raise ValidationError("The follow-up must be within a day of the dose.")
    return moment


@dataclass(frozen=True)
class MedicationEffect:
    """Mean pain before and after over `n` doses of one item rated both times (values None while n < MIN_N)."""

    medication_id: int
    name: str
    n: int
    pain_before: float | None
    pain_after: float | None

    @property
    def shown(self) -> bool:
        return self.n >= MIN_N

    @property
    def change(self) -> float | None:
        """After minus before, to one decimal (negative: less pain after)."""
        if self.pain_before is None or self.pain_after is None:
            return None
        return round(self.pain_after - self.pain_before, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.medication_id,
            "name": self.name,
            "n": self.n,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "change": self.change,
        }

    def text(self) -> str:
        """One calm line: the numbers with n, or how many more rated doses are needed."""
        if not self.shown:
            many = "dose" if self.n == 1 else "doses"
            return f"{self.name}: {self.n} {many} rated before and after so far; a pattern is shown from {MIN_N}."
        change = self.change or 0.0
        direction = "lower" if change < 0 else ("higher" if change > 0 else "the same")
        amount = f"{abs(change):g} point{'s' if abs(change) != 1 else ''} {direction}" if change else direction
        return (
            f"{self.name}: pain {self.pain_before:g} before and {self.pain_after:g} after on average "
            f"({amount}), over {self.n} doses rated before and after."
        )


def medication_effects(rated: Iterable[tuple[int, str, int | None, int | None]]) -> list[MedicationEffect]:
    """(medication id, name, pain before, pain after) per dose → one effect per item with a dose rated both times.

    Sorted by name (case-insensitive), then id. Means are rounded to one decimal.
    """
    pairs: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for med_id, name, before, after in rated:
        if before is not None and after is not None:
            pairs[(med_id, name)].append((before, after))
    effects = []
    for (med_id, name), values in pairs.items():
        n = len(values)
        if n >= MIN_N:
            mean_before = round(math.fsum(b for b, _ in values) / n, 1)
            mean_after = round(math.fsum(a for _, a in values) / n, 1)
            effects.append(MedicationEffect(med_id, name, n, mean_before, mean_after))
        else:
            effects.append(MedicationEffect(med_id, name, n, None, None))
    return sorted(effects, key=lambda e: (e.name.casefold(), e.medication_id))
