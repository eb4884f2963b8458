"""Diary entries and their rules: the 0–10 numeric rating scale, tags, time stamps."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone

from ..errors import ValidationError
from .body import REGIONS_BY_ID, find_region
from .places import resolve_place

PAIN_QUALITIES: tuple[str, ...] = (
    "aching",
    "burning",
    "stabbing",
    "throbbing",
    "shooting",
    "tingling",
    "cramping",
    "stiffness",
    "numbness",
    "electric",
    "dull",
    "sharp",
    "pressing",
    "tender",
)

#: Entries may be dated up to this far ahead of "now" (clock drift between devices).
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_NOTE_CHARS = 100_000
MAX_TAG_CHARS = 60


@dataclass(frozen=True)
class LocationPain:
    """A body region, optionally with its own 0–10 intensity."""

    region: str
    intensity: int | None = None


@dataclass(frozen=True)
class EntryDraft:
    """What the patient enters; validated by `validate_draft` before it is stored."""

    at: datetime
    pain: int
    locations: tuple[LocationPain, ...] = ()
    qualities: tuple[str, ...] = ()
    mood: int | None = None
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    activity: str = ""
    activity_level: int | None = None
    triggers: tuple[str, ...] = ()
    helped: tuple[str, ...] = ()
    note: str = ""
    #: "Show this note to my clinician": the note goes into the appointment summary.
    flagged: bool = False


@dataclass(frozen=True)
class DiaryEntry(EntryDraft):
    """A stored entry. `at` is aware, in the UTC offset that applied when it was made."""

    id: int = 0
    created: datetime | None = field(default=None, compare=False)

    @property
    def local_day(self) -> date:
        """The diary day: the local date where and when the entry was made."""
        return self.at.date()

    def as_draft(self) -> EntryDraft:
        return EntryDraft(**{f: getattr(self, f) for f in EntryDraft.__dataclass_fields__})


def score(value: object, what: str, *, required: bool = False) -> int | None:
    """Check a 0–10 rating; accepts ints and whole-number strings."""
    if value is None or value == "":
        if required:
            raise ValidationError(f"{what} is required: a whole number from 0 to 10.")
        return None
    if isinstance(value, bool):
        raise ValidationError(f"{what} must be a whole number from 0 to 10, not {value!r}.")
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValidationError(f"{what} must be a whole number from 0 to 10, not {value!r}.")
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(f"{what} must be a whole number from 0 to 10, not {value}.")
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(f"{what} must be a whole number from 0 to 10.")
    if not 0 <= value <= 10:
        raise ValidationError(f"{what} must be from 0 to 10, not {value}.")
    return value


def normalize_tag(text: str) -> str:
    """Tags are trimmed, single-spaced and lower-case, so 'Cold Weather' and 'cold  weather' match."""
    tag = " ".join(str(text).split()).lower()
    if len(tag) > MAX_TAG_CHARS:
        raise ValidationError(f"A tag can be at most {MAX_TAG_CHARS} characters: {tag[:20]}…")
    return tag


def normalize_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for raw in tags:
        tag = normalize_tag(raw)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def ensure_aware(moment: datetime) -> datetime:
    """Give a naive time the local offset that applied at that moment (DST-aware)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.astimezone()
    return moment


def fixed_offset(moment: datetime) -> datetime:
    """Replace a zone with the fixed offset it had at that instant (what we store)."""
    moment = ensure_aware(moment)
    offset = moment.utcoffset() or timedelta(0)
    return moment.astimezone(timezone(offset)).replace(microsecond=0)


def validate_draft(draft: EntryDraft, now: datetime) -> EntryDraft:
    """Return a normalised copy of `draft`, or raise `ValidationError` with a plain message."""
    at = fixed_offset(draft.at)
    if at > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"The time {at:%Y-%m-%d %H:%M} is in the future; entries are for now or the past.")
    if at.year < 1900:
        raise ValidationError("The date is too far in the past.")
    pain = score(draft.pain, "Pain", required=True)
    locations: dict[str, LocationPain] = {}
    for loc in draft.locations:  # a place as people say it ("lower back", "knees") covers its regions
        regions = (REGIONS_BY_ID[loc.region],) if loc.region in REGIONS_BY_ID else resolve_place(loc.region)
        for region in regions:
            locations[region.id] = LocationPain(region.id, score(loc.intensity, f"Pain in {region.name}"))
    qualities = normalize_tags(draft.qualities)
    sleep_hours = draft.sleep_hours
    if sleep_hours is not None:
        try:
            sleep_hours = float(sleep_hours)
        except (TypeError, ValueError):
            raise ValidationError(f"Hours of sleep must be a number, not {draft.sleep_hours!r}.") from None
        if math.isnan(sleep_hours) or not 0 <= sleep_hours <= 24:
            raise ValidationError("Hours of sleep must be from 0 to 24.")
        sleep_hours = round(sleep_hours, 2)
    note = str(draft.note or "")
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(f"The note is longer than {MAX_NOTE_CHARS:,} characters.")
    activity = " ".join(str(draft.activity or "").split())
    if len(activity) > 500:
        raise ValidationError("The activity description is longer than 500 characters.")
    return replace(
        draft,
        at=at,
        pain=pain,
        locations=tuple(locations.values()),
        qualities=qualities,
        mood=score(draft.mood, "Mood"),
        sleep_hours=sleep_hours,
        sleep_quality=score(draft.sleep_quality, "Sleep quality"),
        activity=activity,
        activity_level=score(draft.activity_level, "Activity level"),
        triggers=normalize_tags(draft.triggers),
        helped=normalize_tags(draft.helped),
        note=note,
        flagged=bool(draft.flagged),
    )


@dataclass(frozen=True)
class EntryFilter:
    """What the Diary page and `entries` filter by. Dates are diary days, inclusive."""

    date_from: date | None = None
    date_to: date | None = None
    tag: str | None = None
    location: str | None = None
    text: str | None = None

    def validated(self) -> EntryFilter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError(f"The period is reversed: {self.date_from} is after {self.date_to}.")
        location = self.location
        if location:
            region = find_region(location)
            if region is None:
                found = resolve_place(location)  # one line with the closest names when unknown
                if len(found) > 1:
                    names = ", ".join(r.name for r in found[:4]) + (", …" if len(found) > 4 else "")
                    raise ValidationError(f"{location!r} covers several places ({names}); filter by one of them.")
                region = found[0]
            location = region.id
        tag = normalize_tag(self.tag) if self.tag else None
        text = self.text.strip() if self.text else None
        return replace(self, location=location, tag=tag or None, text=text or None)
