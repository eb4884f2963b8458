"""Realistic, seeded, deterministic synthetic diary data for demos, screenshots and benchmarks."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from ..domain.diary import EntryDraft, LocationPain, ensure_aware, validate_draft
from ..domain.medications import MedicationDraft
from ..domain.peg import PegCheckin, make_peg
from ..errors import ValidationError
from .companion import Companion
from .demo_checkins import fill_goals_and_checkins
from .demo_effects import dose_ratings, kratom_amount
from .demo_routines import generate_routine_sessions

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
            if draft.note and pain >= 7:  # no random draw here, so the demo is otherwise as before
                draft = replace(draft, flagged=True)  # "show this note to my clinician"
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
    if companion.meds.count() == 0:
        meds, doses = generate_meds(start, end, clean, seed)
        by_item: list[list[tuple[datetime, str, str]]] = [[] for _ in meds]
        for index, at, amount, note in doses:
            by_item[index].append((at, amount, note))
        companion.meds.add_batch(list(zip(meds, by_item)))  # one transaction
        as_needed = {m.name for m in meds if m.as_needed}
        companion.dose_effects.add_ratings(dose_ratings(companion.meds.doses(), as_needed, clean, seed))
    if not companion.routines.sessions():
        pain_by_day: dict[date, list[int]] = {}
        for d in clean:
            pain_by_day.setdefault(d.at.date(), []).append(d.pain)
        means = {day: sum(v) / len(v) for day, v in pain_by_day.items()}
        library = companion.routines.bundled()
        companion.routines.add_sessions(generate_routine_sessions(start, end, library, means, seed))  # in bulk
    fill_goals_and_checkins(companion, clean, end, seed)  # goals and check-ins that follow the diary (issue 20)
    return len(clean), len(pegs)


def generate_meds(
    start: date, end: date, entries: list[EntryDraft], seed: int = 7
) -> tuple[list[MedicationDraft], list[tuple[int, datetime, str, str]]]:
    """A realistic medicine list and dose log for the diary `entries` from `start` to `end`.

    Scheduled items are logged on most days; as-needed ones on the days with more pain, shortly after the
    most painful entry. Includes kratom (product and strain) and an interacting pair (duloxetine + tramadol,
    both serotonergic), a supplement, and a stopped item whose doses stay in the log.
    Doses are (index into the list, time, amount, note).
    """
    rng = random.Random(seed * 7919 + 1)
    kratom_rng = random.Random(seed * 7919 + 2)  # its own stream: the rest of the demo stays as it was
    days = (end - start).days + 1
    tramadol_from = start + timedelta(days=int(days * 0.4))
    kratom_from = start + timedelta(days=int(days * 0.2))
    naproxen_to = start + timedelta(days=max(1, min(60, days // 3)))
    meds = [
        MedicationDraft("Duloxetine", strength=60, form="capsule", times_per_day=1, start=start - timedelta(days=120),
                        reason="back pain and nerve pain", prescriber="Dr. Patel (GP)"),
        MedicationDraft("Ibuprofen", strength=400, form="tablet", times_per_day=3, as_needed=True, start=naproxen_to,
                        reason="flares", prescriber="pharmacy", notes="With food."),
        MedicationDraft("Acetaminophen", strength=500, form="tablet", times_per_day=4, as_needed=True, start=start,
                        reason="pain", prescriber="pharmacy", notes="Usually 2 tablets."),
        MedicationDraft("Kratom", kind="herbal", strength=2, unit="g", form="powder", as_needed=True,
                        start=kratom_from, reason="bad days", prescriber="smoke shop", product="Leafy Co. powder",
                        strain="Red Bali", notes="Trying to use less; tell Dr. Patel at the next visit."),
        MedicationDraft("Tramadol", strength=50, form="tablet", times_per_day=4, as_needed=True, start=tramadol_from,
                        reason="severe flares", prescriber="Dr. Patel (GP)"),
        MedicationDraft("Melatonin", strength=3, form="tablet", times_per_day=1, start=start, reason="sleep"),
        MedicationDraft("Naproxen", strength=250, form="tablet", times_per_day=2, start=start, stop=naproxen_to,
                        reason="back pain", prescriber="Dr. Patel (GP)", notes="Stopped: upset stomach."),
    ]  # fmt: skip
    worst: dict[date, EntryDraft] = {}
    for entry in entries:
        day = entry.at.date()
        if day not in worst or entry.pain > worst[day].pain:
            worst[day] = entry
    doses: list[tuple[int, datetime, str, str]] = []

    def at(day: date, hour: int, minute: int) -> datetime:
        return ensure_aware(datetime.combine(day, time(hour, minute)))

    for offset in range(days):
        day = start + timedelta(days=offset)
        if rng.random() < 0.92:
            doses.append((0, at(day, 8, rng.randrange(0, 45)), "", ""))
        if rng.random() < 0.85:
            doses.append((5, at(day, 22, rng.randrange(0, 50)), "", ""))
        if day < naproxen_to:
            doses += [(6, at(day, h, rng.randrange(0, 30)), "", "") for h in (8, 19) if rng.random() < 0.8]
        worst_today = worst.get(day)
        if worst_today is None:
            continue
        pain, base = worst_today.pain, worst_today.at
        taken = [(1, 0.7, 6, "1 tablet"), (2, 0.5, 5, "2 tablets"), (4, 0.6, 8, "1 tablet"), (3, 0.3, 7, "2 g")]
        for index, chance, threshold, amount in taken:
            since = meds[index].start
            if pain >= threshold and (since is None or day >= since) and rng.random() < chance:
                moment = base + timedelta(minutes=rng.randrange(5, 40))
                if moment.date() != day:
                    continue
                note = "flare" if pain >= 8 and rng.random() < 0.2 else ""
                if index == 3:  # kratom: grams that vary, drifting down as the patient cuts back
                    amount = kratom_amount(kratom_rng, (day - start).days / days)
                doses.append((index, moment, amount, note))
                if index in (1, 2) and pain >= 7 and rng.random() < 0.5 and moment.hour < 17:
                    doses.append((index, moment + timedelta(hours=6), amount, ""))
    return meds, doses
