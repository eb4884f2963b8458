"""The PEG three-item scale (Krebs EE et al., J Gen Intern Med 2009;24(6):733–8, doi:10.1007/s11606-009-0981-1).

P: average pain in the past week; E: how much pain interfered with enjoyment of life;
G: how much pain interfered with general activity. Each 0–10; the score is their mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .diary import fixed_offset, score

PEG_SOURCE = "Krebs EE et al. J Gen Intern Med 2009;24(6):733-8. doi:10.1007/s11606-009-0981-1"
PEG_INTERVAL = timedelta(days=7)

PEG_QUESTIONS = (
    (
        "pain",
        "What number best describes your pain on average in the past week?",
        "0 = no pain, 10 = pain as bad as you can imagine",
    ),
    (
        "enjoyment",
        "What number best describes how, during the past week, pain has interfered with your enjoyment of life?",
        "0 = does not interfere, 10 = completely interferes",
    ),
    (
        "activity",
        "What number best describes how, during the past week, pain has interfered with your general activity?",
        "0 = does not interfere, 10 = completely interferes",
    ),
)


@dataclass(frozen=True)
class PegCheckin:
    at: datetime
    pain: int
    enjoyment: int
    activity: int
    id: int = 0

    @property
    def score(self) -> float:
        """Mean of the three items, 0–10."""
        return round((self.pain + self.enjoyment + self.activity) / 3, 2)


def make_peg(at: datetime, pain: object, enjoyment: object, activity: object) -> PegCheckin:
    """Validate the three items and build a check-in."""
    return PegCheckin(
        at=fixed_offset(at),
        pain=score(pain, "PEG pain", required=True),
        enjoyment=score(enjoyment, "PEG enjoyment of life", required=True),
        activity=score(activity, "PEG general activity", required=True),
    )


def peg_due(last: datetime | None, now: datetime) -> bool:
    """A check-in is offered when none was made, or the last is a week old."""
    return last is None or now - last >= PEG_INTERVAL
