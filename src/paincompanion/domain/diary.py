"""Diary entries and their rules: the 0–10 numeric rating scale, tags, time stamps."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Literal, overload

from ..errors import ValidationError
from . import bounds
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


@overload
def score(value: object, what: str, *, required: Literal[True]) -> int: ...
@overload
def score(value: object, what: str, *, required: bool = False) -> int | None: ...


def score(value: object, what: str, *, required: bool = False) -> int | None:
    """Check a 0–10 rating; accepts ints and whole-number strings (see bounds.parse_score)."""
    return bounds.parse_score(value, what, required=required)


def normalize_tag(text: str) -> str:
    """Tags are trimmed, single-spaced and lower-case, so 'Cold Weather' and 'cold  weather' match."""
    tag = " ".join(str(text).split()).lower()
    if len(tag) > MAX_TAG_CHARS:
        raise ValidationError(f"A tag can be at most {MAX_TAG_CHARS} characters: {bounds.printable(tag[:20])}…")
    return bounds.check_text(tag, "A tag", limit=MAX_TAG_CHARS)


def normalize_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for raw in tags:
        tag = normalize_tag(raw)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def ensure_aware(moment: datetime) -> datetime:
    """Give a naive time the local offset that applied at that moment (DST-aware).

    A time skipped by the spring clock change is moved FORWARD by the gap (02:30 → 03:30), never back; a time
    that happens twice is its first occurrence (see bounds.local_aware). Years outside 1900–9998 are refused.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        return bounds.local_aware(moment, "The time", gap="forward")
    return bounds.check_moment(moment)


def fixed_offset(moment: datetime) -> datetime:
    """Replace a zone with the fixed offset it had at that instant (what we store)."""
    moment = ensure_aware(moment)
    offset = moment.utcoffset() or timedelta(0)
    return moment.astimezone(timezone(offset)).replace(microsecond=0)


def validate_draft(draft: EntryDraft, now: datetime) -> EntryDraft:
    """Return a normalised copy of `draft`, or raise `ValidationError` with a plain message."""
    if not isinstance(draft.at, datetime):
        raise ValidationError("The time of an entry must be a date and time.")
    if draft.at.year < bounds.MIN_YEAR:
        raise ValidationError("The date is too far in the past.")
    at = fixed_offset(draft.at)
    if at > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"The time {at:%Y-%m-%d %H:%M} is in the future; entries are for now or the past.")
    pain = score(draft.pain, "Pain", required=True)
    locations: dict[str, LocationPain] = {}
    for loc in draft.locations:  # a place as people say it ("lower back", "knees") covers its regions
        regions = (REGIONS_BY_ID[loc.region],) if loc.region in REGIONS_BY_ID else resolve_place(loc.region)
        for region in regions:
            locations[region.id] = LocationPain(region.id, score(loc.intensity, f"Pain in {region.name}"))
    qualities = normalize_tags(draft.qualities)
    sleep_hours = draft.sleep_hours
    if sleep_hours is not None:
        if isinstance(sleep_hours, str | int | float) and not isinstance(sleep_hours, bool):
            sleep_hours = bounds.parse_number(sleep_hours, "Hours of sleep", low=0, high=24)
        else:
            raise ValidationError(f"Hours of sleep must be a number, not {bounds.printable(repr(sleep_hours))}.")
        sleep_hours = None if sleep_hours is None else round(sleep_hours, 2)
    note = str(draft.note or "")
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(f"The note is longer than {MAX_NOTE_CHARS:,} characters.")
    bounds.check_text(note, "The note", limit=MAX_NOTE_CHARS, multiline=True)
    activity = bounds.one_line(draft.activity or "", "The activity description", limit=500)
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
                    raise ValidationError(
                        f"{bounds.printable(repr(location))} covers several places ({names}); filter by one of them."
                    )
                region = found[0]
            location = region.id
        tag = normalize_tag(self.tag) if self.tag else None
        text = bounds.check_text(self.text, "The search text", limit=MAX_TAG_CHARS * 10).strip() if self.text else None
        for day, what in ((self.date_from, "The first day"), (self.date_to, "The last day")):
            if day is not None:
                bounds.check_day(day, what)
        return replace(self, location=location, tag=tag or None, text=text or None)
