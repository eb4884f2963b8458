"""The bundled routines library: loaded once from package data (data/routines/*.json), checked, searchable.

`library.json` holds the version and every cited source (by id); `triage.json` the shared safety blocks (one
triage block per body region and the crisis advice, each written once); each other JSON file holds
`{"routines": [...]}` whose `sources` name ids from library.json. Pictures live in `images/`. A malformed file
raises LibraryError naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from ..domain.routines import (
    CONDITIONS,
    REGIONS,
    Level,
    Routine,
    RoutineKind,
    SafetyBlocks,
    Source,
    crisis_from_dict,
    routine_from_dict,
    source_from_dict,
    triage_from_dict,
)
from ..errors import NotFound, PainCompanionError, ValidationError

MANIFEST = "library.json"
TRIAGE = "triage.json"
IMAGES = "images"
#: Review filter values for Library.search: reviewed by a clinician, or still waiting (bundled only).
REVIEW_FILTERS = ("reviewed", "awaiting")
_KIND_ORDER = {kind: i for i, kind in enumerate(RoutineKind)}
_LEVEL_ORDER = {level: i for i, level in enumerate(Level)}


class LibraryError(PainCompanionError):
    """The bundled routines are missing or damaged (a packaging problem, not the user's data)."""


class Library:
    """All bundled routines, in a stable order: by kind, then level, then title."""

    def __init__(
        self,
        routines: Iterable[Routine],
        *,
        version: str,
        sources: dict[str, Source],
        blocks: SafetyBlocks | None = None,
    ) -> None:
        ordered = sorted(routines, key=lambda r: (_KIND_ORDER[r.kind], _LEVEL_ORDER[r.level], r.title.casefold()))
        self._by_id: dict[str, Routine] = {}
        for routine in ordered:
            if routine.id in self._by_id:
                raise LibraryError(f"The routines library has two routines with the id {routine.id!r}.")
            self._by_id[routine.id] = routine
        self.version = version
        self.sources = dict(sources)
        self.blocks = blocks or SafetyBlocks()

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, routine_id: object) -> bool:
        return routine_id in self._by_id

    def list_routines(self) -> tuple[Routine, ...]:
        return tuple(self._by_id.values())

    def get(self, routine_id: str) -> Routine:
        try:
            return self._by_id[routine_id]
        except KeyError:
            raise NotFound(f"There is no routine with the id '{routine_id}'. See 'routines list'.") from None

    def kinds(self) -> list[RoutineKind]:
        present = {r.kind for r in self._by_id.values()}
        return [kind for kind in RoutineKind if kind in present]

    def conditions(self) -> list[str]:
        """Condition ids that at least one routine suits, in the order of domain.routines.CONDITIONS."""
        present = {c for r in self._by_id.values() for c in r.conditions}
        return [c for c in CONDITIONS if c in present]

    def search(
        self,
        text: str = "",
        kind: RoutineKind | str | None = None,
        condition: str | None = None,
        max_minutes: int | None = None,
        review: str | None = None,
    ) -> list[Routine]:
        """Routines matching every given filter; `text` matches all its words in the title, summary or conditions.

        `review`: "reviewed" (checked by a clinician) or "awaiting" (bundled routines still waiting for sign-off).
        """
        if review is not None and review not in REVIEW_FILTERS:
            raise ValidationError(f"Unknown review filter '{review}'. Choose one of: {', '.join(REVIEW_FILTERS)}.")
        wanted_kind = parse_kind(kind) if kind else None
        wanted_condition = parse_condition(condition) if condition else None
        words = text.casefold().split()
        found = []
        for routine in self._by_id.values():
            if wanted_kind and routine.kind is not wanted_kind:
                continue
            if wanted_condition and wanted_condition not in routine.conditions:
                continue
            if max_minutes is not None and routine.minutes > max_minutes:
                continue
            if review == "reviewed" and not routine.reviewed:
                continue
            if review == "awaiting" and (routine.reviewed or routine.origin != "bundled"):
                continue
            if words and not all(word in _haystack(routine) for word in words):
                continue
            found.append(routine)
        return found


def parse_kind(value: RoutineKind | str) -> RoutineKind:
    """A kind from its id or its label, any case ('cbt', 'Relaxation')."""
    if isinstance(value, RoutineKind):
        return value
    key = value.strip().casefold()
    for kind in RoutineKind:
        if key in (kind.value, kind.label.casefold()):
            return kind
    names = ", ".join(kind.value for kind in RoutineKind)
    raise ValidationError(f"Unknown kind of routine '{value}'. Choose one of: {names}.")


def parse_condition(value: str) -> str:
    """A condition id from its id or plain name, any case ('knee-osteoarthritis', 'Knee osteoarthritis')."""
    key = value.strip().casefold()
    for condition_id, name in CONDITIONS.items():
        if key in (condition_id, name.casefold(), condition_id.replace("-", " ")):
            return condition_id
    raise ValidationError(f"Unknown condition '{value}'. Choose one of: {', '.join(CONDITIONS)}.")


def _haystack(routine: Routine) -> str:
    parts = [routine.id, routine.title, routine.summary, routine.kind.label]
    parts += [CONDITIONS[c] for c in routine.conditions]
    return " ".join(parts).casefold()


@cache
def load_library() -> Library:
    """The bundled library, read and checked once per process."""
    return load_library_from(resources.files("paincompanion").joinpath("data", "routines"))


def image_file(name: str) -> Traversable:
    """A bundled picture by its file name (as named in a step's `image`)."""
    return resources.files("paincompanion").joinpath("data", "routines", IMAGES, name)


def load_library_from(folder: Traversable | Path) -> Library:
    """Read a library folder (the bundled one, or a test copy); raises LibraryError naming the bad file."""
    manifest = _read_json(folder, MANIFEST)
    version = manifest.get("version")
    raw_sources = manifest.get("sources")
    if not isinstance(version, str) or not isinstance(raw_sources, dict):
        raise LibraryError(f"{MANIFEST}: needs a 'version' and a 'sources' object.")
    sources: dict[str, Source] = {}
    for source_id, item in raw_sources.items():
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise LibraryError(f"{MANIFEST}: source {source_id!r} needs a title.")
        if not isinstance(item.get("note"), str) or not item["note"].strip():
            raise LibraryError(f"{MANIFEST}: source {source_id!r} needs a note saying what it supports.")
        sources[source_id] = source_from_dict(item, source_id)
    blocks = _read_blocks(folder, sources)
    images = folder.joinpath(IMAGES)
    routines: list[Routine] = []
    skip = {MANIFEST, TRIAGE}
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".json") and e.name not in skip)
    if not names:
        raise LibraryError("The routines library has no routine files.")
    for name in names:
        data = _read_json(folder, name)
        items = data.get("routines")
        if not isinstance(items, list):
            raise LibraryError(f'{name}: expected {{"routines": [...]}}.')
        for item in items:
            try:
                routine = routine_from_dict(item, origin="bundled", sources=sources, blocks=blocks)
            except ValidationError as exc:
                raise LibraryError(f"{name}: {exc}") from None
            problem = bundled_problem(routine) or _missing_image(routine, images)
            if problem:
                raise LibraryError(f"{name}: routine {routine.id!r} {problem}.")
            routines.append(routine)
    return Library(routines, version=version, sources=sources, blocks=blocks)


def _read_blocks(folder: Traversable | Path, sources: dict[str, Source]) -> SafetyBlocks:
    """triage.json: {"regions": {region: triage block}, "crisis": {...}, "emergency_numbers": "..."}."""
    data = _read_json(folder, TRIAGE)
    regions, crisis, numbers = data.get("regions"), data.get("crisis"), data.get("emergency_numbers")
    if not isinstance(regions, dict) or not isinstance(crisis, dict) or not isinstance(numbers, str):
        raise LibraryError(f"{TRIAGE}: needs 'regions', 'crisis' and 'emergency_numbers'.")
    triage = {}
    try:
        for region, item in regions.items():
            if region not in REGIONS:
                raise LibraryError(f"{TRIAGE}: unknown body region {region!r}.")
            block = triage_from_dict({**item, "region": region, "emergency_numbers": numbers}, sources, TRIAGE)
            if not (block.emergency_now and block.urgent and block.see_doctor and block.normal and block.sources):
                raise LibraryError(f"{TRIAGE}: the {region!r} block needs all four levels and a source.")
            triage[region] = block
        return SafetyBlocks(triage, crisis_from_dict(crisis, sources, TRIAGE))
    except ValidationError as exc:
        raise LibraryError(str(exc)) from None


def _missing_image(routine: Routine, images: Traversable | Path) -> str | None:
    for number, step in enumerate(routine.steps, start=1):
        if step.image and not images.joinpath(step.image).is_file():
            return f"step {number} names a picture that is missing ({step.image})"
    return None


def bundled_problem(routine: Routine) -> str | None:
    """The stricter rules for bundled routines (user routines only need validate_routine)."""
    if len(routine.steps) < 3:
        return "needs at least 3 steps"
    if not routine.safety.stop_if or not (routine.safety.see_doctor_if or routine.triage):
        return "needs safety notes (when to stop and when to see a doctor)"
    if routine.review is None:
        return "needs a review status (who reviewed it and when, or awaiting review)"
    if routine.region is not None and routine.triage is None:
        return "needs its region's triage block"
    if routine.kind is RoutineKind.EXERCISE:
        if not routine.frequency.strip():
            return "needs to say how often to do it (frequency)"
        if routine.region is None or routine.focus is None:
            return "needs a body region and a focus"
        if routine.focus == "strength" and routine.progression is None:
            return "is a strength routine and needs levels with rules for moving up (progression)"
        if any(not step.image for step in routine.steps):
            return "needs a picture for every step"
    elif routine.crisis is None:
        return 'needs the shared crisis advice ("crisis": true)'
    if not routine.sources:
        return "needs at least one source"
    if not routine.summary.strip():
        return "needs a summary"
    if not routine.conditions:
        return "needs at least one condition"
    return None


def _read_json(folder: Traversable | Path, name: str) -> dict[str, Any]:
    try:
        data = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LibraryError(f"The routines library file {name} is missing.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryError(f"The routines library file {name} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise LibraryError(f"{name}: expected a JSON object.")
    return data
