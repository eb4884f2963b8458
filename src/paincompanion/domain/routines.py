"""Guided routines: exercise, CBT, relaxation, mindfulness, sleep and planning (stdlib only).

A routine is a list of short steps. A step may have a countdown (`seconds`) and a number of `repetitions`;
with both, the countdown runs once per repetition (a 5-second hold done 8 times lasts 40 seconds). Worksheet
routines (thought record, pacing plan, flare-up plan) also declare the fields of the form the user fills in.
Bundled routines come with the app; user routines (`origin="user"`) are made or copied by the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from ..errors import ValidationError


class RoutineKind(StrEnum):
    EXERCISE = "exercise"
    EDUCATION = "education"
    CBT = "cbt"
    RELAXATION = "relaxation"
    MINDFULNESS = "mindfulness"
    SLEEP = "sleep"
    PLANNING = "planning"

    @property
    def label(self) -> str:
        return KIND_LABELS[self.value]


class Level(StrEnum):
    GENTLE = "gentle"
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class FieldType(StrEnum):
    """What a worksheet field holds: free text, a 0–10 score, a number of minutes, or any number."""

    TEXT = "text"
    SCORE = "score"
    MINUTES = "minutes"
    NUMBER = "number"


KIND_LABELS = {
    "exercise": "Exercise",
    "education": "Understanding pain",
    "cbt": "Thinking skills (CBT)",
    "relaxation": "Relaxation",
    "mindfulness": "Mindfulness",
    "sleep": "Sleep",
    "planning": "Planning",
}

#: Condition id -> plain name. Routines say which of these they suit.
CONDITIONS: dict[str, str] = {
    "chronic-pain": "Long-term pain (any kind)",
    "low-back-pain": "Low back pain",
    "neck-pain": "Neck pain",
    "knee-osteoarthritis": "Knee osteoarthritis",
    "hip-osteoarthritis": "Hip osteoarthritis",
    "fibromyalgia": "Fibromyalgia",
    "sciatica": "Sciatica (leg pain from the back)",
    "shoulder-pain": "Shoulder pain",
    "hand-osteoarthritis": "Hand and thumb osteoarthritis",
    "inflammatory-arthritis": "Inflammatory arthritis (rheumatoid, psoriatic, spondyloarthritis)",
    "hypermobility": "Joint hypermobility",
    "headache-migraine": "Migraine and headache",
    "poor-sleep": "Poor sleep",
    "stress-low-mood": "Stress and low mood",
    "limited-mobility": "Wheelchair users and limited mobility",
    "falls-risk": "Older adults at risk of falls",
    "pregnancy": "Pain in pregnancy",
}

#: Body region id -> plain name. Routines of a region share one triage block (data/routines/triage.json).
REGIONS: dict[str, str] = {
    "back": "Back",
    "neck": "Neck",
    "knee-hip": "Knee and hip",
    "shoulder": "Shoulder",
    "hand": "Hand and thumb",
    "headache": "Headache",
    "general": "Whole body, fibromyalgia and general movement",
}
#: What an exercise routine mainly trains; strength routines come with levels (a progression).
FOCI = ("mobility", "strength", "balance", "aerobic", "mind-body")
REVIEW_STATES = ("reviewed", "awaiting")
IMAGE_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.svg$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_NOTE_TEXT = 400
SIDES = ("left", "right")
ORIGINS = ("bundled", "user")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_TITLE = 80
MAX_STEP_TEXT = 240
MAX_STEPS = 60
MAX_STEP_SECONDS = 3 * 3600
MAX_REPETITIONS = 100
MAX_MINUTES = 240


@dataclass(frozen=True)
class Step:
    text: str
    seconds: int | None = None
    repetitions: int | None = None
    side: str | None = None
    #: A line drawing in data/routines/images (file name only) and its text for screen readers.
    image: str | None = None
    image_alt: str | None = None

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    @property
    def total_seconds(self) -> int:
        """The whole countdown of the step (0 when it has none)."""
        return (self.seconds or 0) * (self.repetitions or 1)


@dataclass(frozen=True)
class Safety:
    stop_if: tuple[str, ...] = ()
    see_doctor_if: tuple[str, ...] = ()
    good_to_know: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None
    verified: bool = False
    note: str = ""
    id: str = ""


@dataclass(frozen=True)
class Triage:
    """When to get help, for one body region: written once, shared by every routine of the region."""

    region: str
    title: str
    emergency_now: tuple[str, ...]
    urgent: tuple[str, ...]
    see_doctor: tuple[str, ...]
    normal: tuple[str, ...]
    emergency_numbers: str = ""
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Crisis:
    """What to do with thoughts of self-harm, with numbers: written once, shared by every routine that needs it."""

    title: str
    lines: tuple[str, ...]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class SafetyBlocks:
    """The shared triage blocks (by region) and the crisis advice a library resolves routines against."""

    triage: Mapping[str, Triage] = field(default_factory=dict)
    crisis: Crisis | None = None


@dataclass(frozen=True)
class ProgressionLevel:
    name: str
    dose: str
    move_up: str = ""  # when to move to the next level ('' on the last one)


@dataclass(frozen=True)
class Progression:
    """Two or three levels with rules for moving up, and where a supervised programme exists."""

    levels: tuple[ProgressionLevel, ...]
    supervised: str = ""


@dataclass(frozen=True)
class Review:
    """Who checked a routine and when, or that it still waits for a clinician (`needs` says which)."""

    status: str = "awaiting"
    by: str = ""
    on: str = ""
    needs: str = ""

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"

    def text(self) -> str:
        if self.reviewed:
            return f"Reviewed by {self.by} on {self.on}"
        return f"Awaiting review by a {self.needs}" if self.needs else "Awaiting review"


@dataclass(frozen=True)
class WorksheetField:
    id: str
    label: str
    type: FieldType = FieldType.TEXT
    help: str = ""


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    kind: RoutineKind
    steps: tuple[Step, ...]
    minutes: int
    level: Level = Level.GENTLE
    conditions: tuple[str, ...] = ()
    summary: str = ""
    flare_tip: str = ""
    safety: Safety = field(default_factory=Safety)
    sources: tuple[Source, ...] = ()
    worksheet: tuple[WorksheetField, ...] = ()
    origin: str = "bundled"
    region: str | None = None
    triage: Triage | None = None
    crisis: Crisis | None = None
    frequency: str = ""
    focus: str | None = None
    progression: Progression | None = None
    review: Review | None = None

    @property
    def timed_seconds(self) -> int:
        """Sum of all countdowns; untimed steps add nothing."""
        return sum(step.total_seconds for step in self.steps)

    @property
    def is_worksheet(self) -> bool:
        return bool(self.worksheet)

    @property
    def reviewed(self) -> bool:
        return self.review is not None and self.review.reviewed

    def as_user_copy(self, new_id: str, title: str | None = None) -> Routine:
        """A copy the user can adapt: same content, a new id, marked as the user's own (no clinician's review)."""
        return replace(self, id=new_id, title=title or f"{self.title} (my version)", origin="user", review=None)


def validate_routine(routine: Routine) -> Routine:
    """Check the rules every routine keeps (bundled or made by the user); returns it unchanged."""
    if not isinstance(routine.id, str) or not ID_PATTERN.match(routine.id):
        raise ValidationError(f"The routine id {routine.id!r} must be lower-case words joined by hyphens.")
    title = routine.title.strip() if isinstance(routine.title, str) else ""
    if not title:
        raise ValidationError("A routine needs a title.")
    if len(title) > MAX_TITLE:
        raise ValidationError(f"The title is too long: keep it under {MAX_TITLE} characters.")
    if not isinstance(routine.kind, RoutineKind):
        raise ValidationError(f"Unknown kind of routine {routine.kind!r}.")
    if not isinstance(routine.level, Level):
        raise ValidationError(f"Unknown level {routine.level!r}.")
    if routine.origin not in ORIGINS:
        raise ValidationError(f"A routine is either bundled or the user's own, not {routine.origin!r}.")
    if not (_is_int(routine.minutes) and 0 < routine.minutes <= MAX_MINUTES):
        raise ValidationError(f"The length of '{title}' must be between 1 and {MAX_MINUTES} minutes.")
    for condition in routine.conditions:
        if condition not in CONDITIONS:
            raise ValidationError(f"Unknown condition {condition!r} in '{title}'.")
    if not routine.steps:
        raise ValidationError(f"'{title}' needs at least one step.")
    if len(routine.steps) > MAX_STEPS:
        raise ValidationError(f"'{title}' has too many steps (at most {MAX_STEPS}).")
    for number, step in enumerate(routine.steps, start=1):
        _validate_step(step, number, title)
    ids = [f.id for f in routine.worksheet]
    if len(set(ids)) != len(ids):
        raise ValidationError(f"Two worksheet fields of '{title}' share an id.")
    for wf in routine.worksheet:
        if not ID_PATTERN.match(wf.id.replace("_", "-")) or not wf.label.strip():
            raise ValidationError(f"Worksheet field {wf.id!r} of '{title}' needs a simple id and a label.")
        if not isinstance(wf.type, FieldType):
            raise ValidationError(f"Worksheet field {wf.id!r} has an unknown type {wf.type!r}.")
    for source in routine.sources:
        if not source.title.strip() or not (source.url or source.doi or source.pmid):
            raise ValidationError(f"Each source of '{title}' needs a title and a link, DOI or PMID.")
    _validate_extras(routine, title)
    return routine


def _validate_extras(routine: Routine, title: str) -> None:
    """Region, focus, frequency, levels and review: all optional, but well formed when present."""
    if routine.region is not None and routine.region not in REGIONS:
        raise ValidationError(f"Unknown body region {routine.region!r} in '{title}'.")
    if routine.focus is not None and routine.focus not in FOCI:
        raise ValidationError(f"Unknown focus {routine.focus!r} in '{title}'. Choose one of: {', '.join(FOCI)}.")
    if not isinstance(routine.frequency, str) or len(routine.frequency) > MAX_NOTE_TEXT:
        raise ValidationError(f"How often to do '{title}' must be a short text.")
    progression = routine.progression
    if progression is not None:
        if not 2 <= len(progression.levels) <= 3:
            raise ValidationError(f"'{title}' needs two or three levels.")
        for number, level in enumerate(progression.levels, start=1):
            if not level.name.strip() or not level.dose.strip():
                raise ValidationError(f"Level {number} of '{title}' needs a name and what to do.")
            if number < len(progression.levels) and not level.move_up.strip():
                raise ValidationError(f"Level {number} of '{title}' needs a rule for moving up.")
    review = routine.review
    if review is not None:
        if review.status not in REVIEW_STATES:
            raise ValidationError(f"The review of '{title}' is either reviewed or awaiting, not {review.status!r}.")
        if review.reviewed and not (review.by.strip() and DATE_PATTERN.match(review.on)):
            raise ValidationError(f"A reviewed routine names who reviewed it and the date (YYYY-MM-DD): '{title}'.")


def _validate_step(step: Step, number: int, title: str) -> None:
    where = f"Step {number} of '{title}'"
    if not isinstance(step.text, str) or not step.text.strip():
        raise ValidationError(f"{where} has no text.")
    if len(step.text) > MAX_STEP_TEXT:
        raise ValidationError(f"{where} is too long: keep it under {MAX_STEP_TEXT} characters.")
    if step.seconds is not None and not (_is_int(step.seconds) and 0 < step.seconds <= MAX_STEP_SECONDS):
        raise ValidationError(f"{where}: the time must be a whole number of seconds above zero.")
    if step.repetitions is not None and not (_is_int(step.repetitions) and 0 < step.repetitions <= MAX_REPETITIONS):
        raise ValidationError(f"{where}: repetitions must be a whole number from 1 to {MAX_REPETITIONS}.")
    if step.side is not None and step.side not in SIDES:
        raise ValidationError(f"{where}: the side must be left or right.")
    if step.image is not None:
        if not isinstance(step.image, str) or not IMAGE_PATTERN.match(step.image):
            raise ValidationError(f"{where}: the picture must be a simple .svg file name.")
        if not isinstance(step.image_alt, str) or not step.image_alt.strip():
            raise ValidationError(f"{where}: a picture needs a text describing it for screen readers.")
    elif step.image_alt is not None:
        raise ValidationError(f"{where}: a picture description without a picture.")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --- plain dicts (JSON, CLI, storage of user routines) ---------------------------------------------------------


def routine_to_dict(routine: Routine) -> dict[str, Any]:
    """The whole routine as JSON-ready data; sources are written out in full."""
    data: dict[str, Any] = {
        "id": routine.id,
        "title": routine.title,
        "kind": routine.kind.value,
        "conditions": list(routine.conditions),
        "minutes": routine.minutes,
        "level": routine.level.value,
        "summary": routine.summary,
        "origin": routine.origin,
        "steps": [_step_to_dict(step) for step in routine.steps],
        "safety": {
            "stop_if": list(routine.safety.stop_if),
            "see_doctor_if": list(routine.safety.see_doctor_if),
            "good_to_know": list(routine.safety.good_to_know),
        },
        "sources": [_source_to_dict(source) for source in routine.sources],
    }
    if routine.flare_tip:
        data["flare_tip"] = routine.flare_tip
    if routine.worksheet:
        data["worksheet"] = {
            "fields": [{"id": f.id, "label": f.label, "type": f.type.value, "help": f.help} for f in routine.worksheet]
        }
    if routine.region:
        data["region"] = routine.region
    if routine.triage is not None:
        data["triage"] = _triage_to_dict(routine.triage)
    if routine.crisis is not None:
        crisis = routine.crisis
        sources = [_source_to_dict(s) for s in crisis.sources]
        data["crisis"] = {"title": crisis.title, "lines": list(crisis.lines), "sources": sources}
    if routine.frequency:
        data["frequency"] = routine.frequency
    if routine.focus:
        data["focus"] = routine.focus
    if routine.progression is not None:
        levels = [{"name": v.name, "dose": v.dose, "move_up": v.move_up} for v in routine.progression.levels]
        data["progression"] = {"levels": levels, "supervised": routine.progression.supervised}
    if routine.review is not None:
        review = routine.review
        data["review"] = {"status": review.status, "by": review.by, "on": review.on, "needs": review.needs}
    return data


def _triage_to_dict(triage: Triage) -> dict[str, Any]:
    return {
        "region": triage.region,
        "title": triage.title,
        "emergency_now": list(triage.emergency_now),
        "urgent": list(triage.urgent),
        "see_doctor": list(triage.see_doctor),
        "normal": list(triage.normal),
        "emergency_numbers": triage.emergency_numbers,
        "sources": [_source_to_dict(s) for s in triage.sources],
    }


def _step_to_dict(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"text": step.text}
    for key in ("seconds", "repetitions", "side", "image", "image_alt"):
        if getattr(step, key) is not None:
            data[key] = getattr(step, key)
    return data


def _source_to_dict(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": source.id, "title": source.title} if source.id else {"title": source.title}
    for key in ("url", "doi", "pmid"):
        if getattr(source, key):
            data[key] = getattr(source, key)
    data["verified"] = source.verified
    if source.note:
        data["note"] = source.note
    return data


def routine_from_dict(
    data: Mapping[str, Any],
    *,
    origin: str | None = None,
    sources: Mapping[str, Source] | None = None,
    blocks: SafetyBlocks | None = None,
) -> Routine:
    """Build and validate a routine from plain data.

    Sources may be full objects or, when `sources` (a registry by id) is given, ids into it. The triage block
    comes from `blocks` by the routine's region (or, without blocks, from a full "triage" object); "crisis": true
    takes the shared crisis advice. Raises ValidationError with a plain message for anything missing or wrong.
    """
    if not isinstance(data, Mapping):
        raise ValidationError("A routine must be an object with named fields.")
    name = data.get("id", "?")
    try:
        kind = RoutineKind(data.get("kind", ""))
    except ValueError:
        raise ValidationError(f"Routine {name!r}: unknown kind {data.get('kind')!r}.") from None
    try:
        level = Level(data.get("level", "gentle"))
    except ValueError:
        raise ValidationError(f"Routine {name!r}: unknown level {data.get('level')!r}.") from None
    safety = data.get("safety") or {}
    if not isinstance(safety, Mapping):
        raise ValidationError(f"Routine {name!r}: 'safety' must be an object.")
    worksheet = data.get("worksheet") or {}
    if not isinstance(worksheet, Mapping):
        raise ValidationError(f"Routine {name!r}: 'worksheet' must be an object with 'fields'.")
    routine = Routine(
        id=_text(data, "id", name),
        title=_text(data, "title", name),
        kind=kind,
        level=level,
        steps=tuple(_step_from(item, name) for item in _list(data, "steps", name)),
        minutes=data.get("minutes"),  # type: ignore[arg-type]  # checked by validate_routine
        conditions=tuple(_strings(data.get("conditions", []), "conditions", name)),
        summary=_text(data, "summary", name, required=False),
        flare_tip=_text(data, "flare_tip", name, required=False),
        safety=Safety(
            stop_if=tuple(_strings(safety.get("stop_if", []), "safety.stop_if", name)),
            see_doctor_if=tuple(_strings(safety.get("see_doctor_if", []), "safety.see_doctor_if", name)),
            good_to_know=tuple(_strings(safety.get("good_to_know", []), "safety.good_to_know", name)),
        ),
        sources=tuple(_source_from(item, name, sources) for item in _list(data, "sources", name, required=False)),
        worksheet=tuple(_field_from(item, name) for item in _list(worksheet, "fields", name, required=False)),
        origin=origin or data.get("origin", "bundled"),
        **_extras_from(data, name, sources, blocks),
    )
    return validate_routine(routine)


def _extras_from(
    data: Mapping[str, Any], name: object, registry: Mapping[str, Source] | None, blocks: SafetyBlocks | None
) -> dict[str, Any]:
    region = data.get("region")
    if region is not None and region not in REGIONS:
        raise ValidationError(f"Routine {name!r}: unknown body region {region!r}.")
    triage: Triage | None = None
    if region is not None and blocks is not None:
        if region not in blocks.triage:
            raise ValidationError(f"Routine {name!r}: no triage block for the region {region!r}.")
        triage = blocks.triage[region]
    elif isinstance(data.get("triage"), Mapping):
        triage = triage_from_dict(data["triage"], registry, str(name))
    raw_crisis = data.get("crisis")
    crisis: Crisis | None = None
    if raw_crisis:
        if blocks is not None and blocks.crisis is not None:
            crisis = blocks.crisis
        elif isinstance(raw_crisis, Mapping):
            crisis = crisis_from_dict(raw_crisis, registry, str(name))
        else:
            raise ValidationError(f"Routine {name!r}: the crisis advice is not available.")
    return {
        "region": region,
        "triage": triage,
        "crisis": crisis,
        "frequency": _text(data, "frequency", name, required=False),
        "focus": data.get("focus"),
        "progression": _progression_from(data.get("progression"), name),
        "review": _review_from(data.get("review"), name),
    }


def _texts_of(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(_strings(data.get(key, []), key, where))


def triage_from_dict(data: Mapping[str, Any], registry: Mapping[str, Source] | None, where: str) -> Triage:
    """A triage block from plain data (sources as ids into `registry` or full objects)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("title"), str) or not data["title"].strip():
        raise ValidationError(f"{where}: a triage block needs a title.")
    return Triage(
        region=str(data.get("region", "")),
        title=data["title"],
        emergency_now=_texts_of(data, "emergency_now", where),
        urgent=_texts_of(data, "urgent", where),
        see_doctor=_texts_of(data, "see_doctor", where),
        normal=_texts_of(data, "normal", where),
        emergency_numbers=str(data.get("emergency_numbers", "")),
        sources=tuple(_source_from(s, where, registry) for s in _list(data, "sources", where, required=False)),
    )


def crisis_from_dict(data: Mapping[str, Any], registry: Mapping[str, Source] | None, where: str) -> Crisis:
    """The crisis advice from plain data."""
    if not isinstance(data, Mapping) or not isinstance(data.get("title"), str) or not data.get("lines"):
        raise ValidationError(f"{where}: the crisis advice needs a title and lines.")
    return Crisis(
        title=data["title"],
        lines=_texts_of(data, "lines", where),
        sources=tuple(_source_from(s, where, registry) for s in _list(data, "sources", where, required=False)),
    )


def _progression_from(raw: object, name: object) -> Progression | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("levels"), list):
        raise ValidationError(f"Routine {name!r}: 'progression' needs a list of levels.")
    levels = []
    for item in raw["levels"]:
        if not isinstance(item, Mapping) or not all(
            isinstance(item.get(k, ""), str) for k in ("name", "dose", "move_up")
        ):
            raise ValidationError(f"Routine {name!r}: each level needs a name, what to do and when to move up.")
        levels.append(ProgressionLevel(item.get("name", ""), item.get("dose", ""), item.get("move_up", "")))
    supervised = raw.get("supervised", "")
    if not isinstance(supervised, str):
        raise ValidationError(f"Routine {name!r}: 'progression.supervised' must be text.")
    return Progression(tuple(levels), supervised)


def _review_from(raw: object, name: object) -> Review | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not all(
        isinstance(raw.get(k, ""), str) for k in ("status", "by", "on", "needs")
    ):
        raise ValidationError(f"Routine {name!r}: 'review' needs a status and, when reviewed, who and when.")
    return Review(raw.get("status", "awaiting"), raw.get("by", ""), raw.get("on", ""), raw.get("needs", ""))


def _text(data: Mapping[str, Any], key: str, name: object, *, required: bool = True) -> str:
    value = data.get(key, None if required else "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValidationError(f"Routine {name!r}: '{key}' must be text.")
    return value


def _list(data: Mapping[str, Any], key: str, name: object, *, required: bool = True) -> list[Any]:
    value = data.get(key, None if required else [])
    if not isinstance(value, list):
        raise ValidationError(f"Routine {name!r}: '{key}' must be a list.")
    return value


def _strings(value: object, key: str, name: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(f"Routine {name!r}: '{key}' must be a list of texts.")
    return value


def _step_from(item: object, name: object) -> Step:
    if isinstance(item, str):
        return Step(item)
    if not isinstance(item, Mapping):
        raise ValidationError(f"Routine {name!r}: each step must be an object with 'text'.")
    unknown = set(item) - {"text", "seconds", "repetitions", "side", "image", "image_alt"}
    if unknown:
        raise ValidationError(f"Routine {name!r}: a step has unknown fields {sorted(unknown)}.")
    return Step(
        item.get("text", ""),
        item.get("seconds"),
        item.get("repetitions"),
        item.get("side"),
        item.get("image"),
        item.get("image_alt"),
    )


def _source_from(item: object, name: object, registry: Mapping[str, Source] | None) -> Source:
    if isinstance(item, str):
        if registry is None or item not in registry:
            raise ValidationError(f"Routine {name!r}: unknown source {item!r}.")
        return registry[item]
    if not isinstance(item, Mapping) or not isinstance(item.get("title"), str):
        raise ValidationError(f"Routine {name!r}: each source needs a title.")
    return source_from_dict(item)


def source_from_dict(item: Mapping[str, Any], source_id: str = "") -> Source:
    """A source from plain data (`verified` defaults to False)."""
    return Source(
        title=str(item.get("title", "")),
        url=item.get("url") or None,
        doi=item.get("doi") or None,
        pmid=str(item["pmid"]) if item.get("pmid") else None,
        verified=item.get("verified") is True,
        note=str(item.get("note", "")),
        id=source_id or str(item.get("id", "")),
    )


def _field_from(item: object, name: object) -> WorksheetField:
    if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not isinstance(item.get("label"), str):
        raise ValidationError(f"Routine {name!r}: each worksheet field needs an id and a label.")
    try:
        kind = FieldType(item.get("type", "text"))
    except ValueError:
        raise ValidationError(f"Routine {name!r}: worksheet field {item['id']!r} has an unknown type.") from None
    return WorksheetField(item["id"], item["label"], kind, str(item.get("help", "")))
