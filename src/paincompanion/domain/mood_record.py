"""Mood-only records: a day's mood, sleep, activities and note kept WITHOUT a pain score.

A diary entry always has a pain score (0–10), and every pain statistic, chart and summary is built from entries
only. What another app recorded without pain (Daylio is a mood diary), or what the patient saves with pain
"not rated", is kept here instead, so no pain figure ever counts a missing score as 0. The Diary lists these
records as "no pain score"; Insights draws their mood beside the mood of entries (`mood over time`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from ..errors import ValidationError
from . import bounds
from .diary import FUTURE_TOLERANCE, MAX_NOTE_CHARS, ensure_aware, fixed_offset, normalize_tags, score

MAX_MOOD_NAME_CHARS = 60
MAX_ACTIVITIES = 200
SOURCES = ("", "daylio", "bearable")


@dataclass(frozen=True)
class MoodRecordDraft:
    """A mood-only record before it is stored; at least one of mood, its name, sleep, activities or note."""

    at: datetime
    mood: int | None = None
    #: The other app's word for the mood, as written there ("content", "tak sobie"); "" when entered here.
    mood_name: str = ""
    sleep_hours: float | None = None
    sleep_quality: int | None = None
    #: What the patient did (Daylio's activities), as tags: trimmed, single-spaced, lower-case.
    activities: tuple[str, ...] = ()
    note: str = ""
    #: Where it came from: "" (entered here), "daylio" or "bearable".
    source: str = ""


@dataclass(frozen=True)
class MoodRecord(MoodRecordDraft):
    """A stored mood-only record."""

    id: int = 0

    @property
    def local_day(self) -> date:
        return self.at.date()

    def as_draft(self) -> MoodRecordDraft:
        return MoodRecordDraft(**{f: getattr(self, f) for f in MoodRecordDraft.__dataclass_fields__})


def validate_mood_record(draft: MoodRecordDraft, now: datetime) -> MoodRecordDraft:
    """A normalised copy of `draft`, or ValidationError with one plain sentence."""
    if not isinstance(draft.at, datetime):
        raise ValidationError("The time of a mood record must be a date and time.")
    if draft.at.year < bounds.MIN_YEAR:
        raise ValidationError("The date is too far in the past.")
    at = fixed_offset(draft.at)
    if at > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"The time {at:%Y-%m-%d %H:%M} is in the future; records are for now or the past.")
    name = bounds.one_line(draft.mood_name or "", "The mood's name", limit=MAX_MOOD_NAME_CHARS)
    sleep_hours = draft.sleep_hours
    if sleep_hours is not None:
        if isinstance(sleep_hours, bool) or not isinstance(sleep_hours, str | int | float):
            raise ValidationError(f"Hours of sleep must be a number, not {bounds.printable(repr(sleep_hours))}.")
        sleep_hours = bounds.parse_number(sleep_hours, "Hours of sleep", low=0, high=24)
        sleep_hours = None if sleep_hours is None else round(sleep_hours, 2)
    note = str(draft.note or "")
    if len(note) > MAX_NOTE_CHARS:
        raise ValidationError(f"The note is longer than {MAX_NOTE_CHARS:,} characters.")
    bounds.check_text(note, "The note", limit=MAX_NOTE_CHARS, multiline=True)
    activities = normalize_tags(tuple(draft.activities))
    if len(activities) > MAX_ACTIVITIES:
        raise ValidationError(f"A record can have at most {MAX_ACTIVITIES} activities.")
    if draft.source not in SOURCES:
        raise ValidationError(f"Unknown source {bounds.printable(repr(draft.source))} of a mood record.")
    clean = replace(
        draft,
        at=at,
        mood=score(draft.mood, "Mood"),
        mood_name=name,
        sleep_hours=sleep_hours,
        sleep_quality=score(draft.sleep_quality, "Sleep quality"),
        activities=activities,
        note=note,
    )
    if not (name or note.strip() or activities) and {clean.mood, sleep_hours, clean.sleep_quality} == {None}:
        raise ValidationError("A record without a pain score needs a mood, sleep, an activity or a note.")
    return clean


def _mood_key(record: MoodRecordDraft) -> object:
    """The mood's name when it has one (so a second import with other numbers for the moods adds nothing)."""
    return ("name", record.mood_name.casefold()) if record.mood_name else record.mood


def record_key(record: MoodRecordDraft) -> tuple[object, ...]:
    """What makes two records the same (a second import adds nothing): moment, mood (or its name), activities
    and note."""
    return (int(record.at.timestamp()), _mood_key(record), tuple(sorted(record.activities)), record.note.strip())


def wall_key(record: MoodRecordDraft) -> tuple[object, ...]:
    """The same by the clock time as written (a file without offsets read in another time zone)."""
    at = record.at.replace(tzinfo=None, microsecond=0)
    return ("wall", at, _mood_key(record), tuple(sorted(record.activities)), record.note.strip())
