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
    "poor-sleep": "Poor sleep",
    "stress-low-mood": "Stress and low mood",
}

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

    @property
    def timed_seconds(self) -> int:
        """Sum of all countdowns; untimed steps add nothing."""
        return sum(step.total_seconds for step in self.steps)

    @property
    def is_worksheet(self) -> bool:
        return bool(self.worksheet)

    def as_user_copy(self, new_id: str, title: str | None = None) -> Routine:
        """A copy the user can adapt: same content, a new id, marked as the user's own."""
        return replace(self, id=new_id, title=title or f"{self.title} (my version)", origin="user")


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
    return routine


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
    return data


def _step_to_dict(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"text": step.text}
    for key in ("seconds", "repetitions", "side"):
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
    data: Mapping[str, Any], *, origin: str | None = None, sources: Mapping[str, Source] | None = None
) -> Routine:
    """Build and validate a routine from plain data.

    Sources may be full objects or, when `sources` (a registry by id) is given, ids into it. Raises
    ValidationError with a plain message for anything missing or of the wrong type.
    """
    if not isinstance(data, Mapping):
        raise ValidationError("A routine must be an object with named fields.")
    name = data.get("id", "?")
    try:
        kind = RoutineKind(data.get("kind"))
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
    )
    return validate_routine(routine)


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
    unknown = set(item) - {"text", "seconds", "repetitions", "side"}
    if unknown:
        raise ValidationError(f"Routine {name!r}: a step has unknown fields {sorted(unknown)}.")
    return Step(item.get("text", ""), item.get("seconds"), item.get("repetitions"), item.get("side"))


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
