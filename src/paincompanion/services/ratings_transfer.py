"""Pain before and after a dose in the JSON export (fields of each dose record), and back in on import."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ..domain.dose_effect import DoseRating, check_pain
from ..errors import ValidationError
from .companion import CompanionApi


def rating_fields(rating: DoseRating | None) -> dict[str, Any]:
    """The fields added to an exported dose record (none for a dose without ratings)."""
    if rating is None:
        return {}
    return {
        "pain_before": rating.pain_before,
        "pain_after": rating.pain_after,
        "after_at": rating.after_at.isoformat() if rating.after_at else None,
    }


def _rating_from(dose: dict[str, Any], dose_id: int, dose_at: datetime) -> DoseRating | None:
    before, after, when = dose.get("pain_before"), dose.get("pain_after"), dose.get("after_at")
    if before is None and after is None:
        return None
    after_at = datetime.fromisoformat(str(when)) if when else None
    if after_at is not None and after_at < dose_at:
        raise ValidationError("the follow-up is before the dose")
    return DoseRating(
        dose_id,
        None if before is None else check_pain(before),
        None if after is None else check_pain(after),
        after_at,
    )


def import_ratings(companion: CompanionApi, records: list[Any], skipped: list[dict[str, Any]]) -> int:
    """Save the ratings of imported doses that have none yet, matched by item name, time, amount and note."""
    rated = set(companion.dose_effects.ratings())
    saved: dict[tuple[str, int, str, str], int] = {}
    for dose in companion.meds.doses():
        if dose.id not in rated:
            saved.setdefault((dose.medication_name, int(dose.at.timestamp()), dose.amount, dose.note), dose.id)
    new: list[DoseRating] = []
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict) or not isinstance(rec.get("doses"), list):
            continue
        name = " ".join(str(rec.get("name") or "").split())
        for k, dose in enumerate(rec["doses"], start=1):
            if not isinstance(dose, dict) or (dose.get("pain_before") is None and dose.get("pain_after") is None):
                continue
            try:
                at = datetime.fromisoformat(str(dose.get("at")))
                key = (name, int(at.timestamp()), " ".join(str(dose.get("amount") or "").split()),
                       str(dose.get("note") or "").strip())  # fmt: skip
                dose_id = saved.pop(key, None)
                rating = _rating_from(dose, dose_id, at) if dose_id is not None else None
            except (ValidationError, ValueError, TypeError, OverflowError) as exc:
                skipped.append({"line": f"medication {n} dose {k} rating", "reason": str(exc) or "bad time"})
                continue
            if rating is not None:
                new.append(rating)
    return companion.dose_effects.add_ratings(new) if new else 0
