"""Realistic, seeded, deterministic synthetic diary data for demos, screenshots and benchmarks."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

from ..domain.diary import EntryDraft, LocationPain, ensure_aware, validate_draft
from ..domain.peg import PegCheckin, make_peg
from ..errors import ValidationError
from .companion import Companion

_LOCATIONS = [
    ("back-left-lower-back", 0.55),
    ("back-right-lower-back", 0.35),
    ("front-left-knee", 0.30),
    ("back-neck", 0.25),
    ("front-right-shoulder", 0.12),
    ("front-head", 0.10),
    ("back-left-buttock", 0.10),
    ("front-left-hip", 0.08),
]
_QUALITIES = [("aching", 0.6), ("stiffness", 0.35), ("stabbing", 0.12), ("burning", 0.1), ("shooting", 0.1),
              ("throbbing", 0.15), ("tingling", 0.05)]  # fmt: skip
_TRIGGERS = ["long sitting", "poor sleep", "cold weather", "stress", "housework", "lifting", "long drive"]
_HELPED = ["heat pack", "gentle walk", "rest", "stretching", "pain medicine", "warm bath", "breathing exercise"]
_ACTIVITIES = ["work at desk", "housework", "walk", "shopping", "gardening", "resting", "physio exercises", "cooking"]
_NOTES = [
    "Hard to get going this morning.",
    "Better after the walk.",
    "Flare started in the afternoon; stopped early.",
    "Slept badly, woke at 4.",
    "Good day, managed the shopping.",
    "Weather turned cold.",
    "Paced the housework in short bits — it helped.",
]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> list[str]:
    return [name for name, p in weighted if rng.random() < p]


def generate(start: date, end: date, seed: int = 7) -> tuple[list[EntryDraft], list[PegCheckin]]:
    """Entries (about 3–4 a day) and weekly PEG check-ins from `start` to `end` inclusive."""
    rng = random.Random(seed)
    drafts: list[EntryDraft] = []
    pegs: list[PegCheckin] = []
    flare_left = 0
    day = start
    week_pain: list[int] = []
    while day <= end:
        if flare_left == 0 and rng.random() < 0.025:
            flare_left = rng.randint(2, 7)
        flare = 2.2 if flare_left else 0.0
        flare_left = max(0, flare_left - 1)
        season = 0.7 * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)  # worse in winter
        weekly = -0.4 if day.weekday() >= 5 else (0.3 if day.weekday() == 0 else 0.0)
        sleep_hours = round(min(10.0, max(3.0, rng.gauss(6.6 - flare * 0.4, 1.1))) * 2) / 2
        sleep_effect = 0.9 if sleep_hours < 6 else 0.0
        base = 4.2 + season + weekly + flare + sleep_effect
        n = rng.choice((3, 3, 4, 4, 4, 2, 5))
        hours = sorted(rng.sample([7, 8, 10, 12, 13, 15, 17, 19, 21, 22], n))
        for i, hour in enumerate(hours):
            moment = ensure_aware(datetime.combine(day, time(hour, rng.randrange(60))))
            hour_effect = 0.8 if hour < 9 else (0.5 if hour >= 20 else 0.0)
            pain = int(round(min(10, max(0, rng.gauss(base + hour_effect, 0.9)))))
            locations = _pick(rng, _LOCATIONS) or ["back-left-lower-back"]
            draft = EntryDraft(
                at=moment,
                pain=pain,
                locations=tuple(
                    LocationPain(r, max(0, min(10, pain + rng.randint(-2, 1))) if rng.random() < 0.4 else None)
                    for r in locations
                ),
                qualities=tuple(_pick(rng, _QUALITIES)),
                mood=int(round(min(10, max(0, rng.gauss(7.5 - 0.5 * pain, 1.2))))),
                sleep_hours=sleep_hours if i == 0 else None,
                sleep_quality=int(round(min(10, max(0, sleep_hours - 1 + rng.gauss(0, 1.2))))) if i == 0 else None,
                activity=rng.choice(_ACTIVITIES) if rng.random() < 0.5 else "",
                activity_level=rng.randint(1, 8) if rng.random() < 0.6 else None,
                triggers=tuple(rng.sample(_TRIGGERS, rng.randint(1, 2))) if pain >= 6 and rng.random() < 0.7 else (),
                helped=tuple(rng.sample(_HELPED, rng.randint(1, 2))) if rng.random() < 0.45 else (),
                note=rng.choice(_NOTES) if rng.random() < 0.08 else "",
            )
            drafts.append(draft)
            week_pain.append(pain)
        if day.weekday() == 6 and week_pain:
            avg = sum(week_pain) / len(week_pain)
            at = ensure_aware(datetime.combine(day, time(20, 30)))
            pegs.append(make_peg(at, round(avg), min(10, round(avg + rng.gauss(0.5, 1))),
                                 min(10, max(0, round(avg + rng.gauss(0, 1))))))  # fmt: skip
            week_pain = []
        day += timedelta(days=1)
    return drafts, pegs


def fill_demo(companion: Companion, years: float, seed: int = 7) -> tuple[int, int]:
    """Fill an EMPTY diary with `years` of synthetic data ending now; refuses a diary with entries."""
    if companion.diary.count() > 0:
        raise ValidationError("This data folder already has diary entries; demo data only goes into an empty one.")
    if not 0 < years <= 50:
        raise ValidationError("--years must be more than 0 and at most 50.")
    now = companion.clock.now()
    end = now.date() - timedelta(days=1)
    start = end - timedelta(days=int(round(years * 365.25)) - 1)
    drafts, pegs = generate(start, end, seed)
    clean = [validate_draft(d, now) for d in drafts]
    companion.diary.add_batch(clean, pegs)
    return len(clean), len(pegs)
