"""The bundled routines library: loaded once from package data (data/routines/*.json), checked, searchable.

`library.json` holds the version and every cited source (by id); each other JSON file holds
`{"routines": [...]}` whose `sources` name ids from it. A malformed file raises LibraryError naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from ..domain.routines import CONDITIONS, Level, Routine, RoutineKind, Source, routine_from_dict, source_from_dict
from ..errors import NotFound, PainCompanionError, ValidationError

MANIFEST = "library.json"
_KIND_ORDER = {kind: i for i, kind in enumerate(RoutineKind)}
_LEVEL_ORDER = {level: i for i, level in enumerate(Level)}


class LibraryError(PainCompanionError):
    """The bundled routines are missing or damaged (a packaging problem, not the user's data)."""


class Library:
    """All bundled routines, in a stable order: by kind, then level, then title."""

    def __init__(self, routines: Iterable[Routine], *, version: str, sources: dict[str, Source]) -> None:
        ordered = sorted(routines, key=lambda r: (_KIND_ORDER[r.kind], _LEVEL_ORDER[r.level], r.title.casefold()))
        self._by_id: dict[str, Routine] = {}
        for routine in ordered:
            if routine.id in self._by_id:
                raise LibraryError(f"The routines library has two routines with the id {routine.id!r}.")
            self._by_id[routine.id] = routine
        self.version = version
        self.sources = dict(sources)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, routine_id: object) -> bool:
        return routine_id in self._by_id

    def all(self) -> tuple[Routine, ...]:
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
    ) -> list[Routine]:
        """Routines matching every given filter; `text` matches all its words in the title, summary or conditions."""
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
        sources[source_id] = source_from_dict(item, source_id)
    routines: list[Routine] = []
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".json") and e.name != MANIFEST)
    if not names:
        raise LibraryError("The routines library has no routine files.")
    for name in names:
        data = _read_json(folder, name)
        items = data.get("routines")
        if not isinstance(items, list):
            raise LibraryError(f'{name}: expected {{"routines": [...]}}.')
        for item in items:
            try:
                routine = routine_from_dict(item, origin="bundled", sources=sources)
            except ValidationError as exc:
                raise LibraryError(f"{name}: {exc}") from None
            problem = bundled_problem(routine)
            if problem:
                raise LibraryError(f"{name}: routine {routine.id!r} {problem}.")
            routines.append(routine)
    return Library(routines, version=version, sources=sources)


def bundled_problem(routine: Routine) -> str | None:
    """The stricter rules for bundled routines (user routines only need validate_routine)."""
    if len(routine.steps) < 3:
        return "needs at least 3 steps"
    if not routine.safety.stop_if or not routine.safety.see_doctor_if:
        return "needs safety notes (when to stop and when to see a doctor)"
    if not routine.sources:
        return "needs at least one source"
    if not routine.summary.strip():
        return "needs a summary"
    if not routine.conditions:
        return "needs at least one condition"
    return None


def _read_json(folder: Traversable | Path, name: str) -> dict:
    try:
        data = json.loads(folder.joinpath(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LibraryError(f"The routines library file {name} is missing.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LibraryError(f"The routines library file {name} cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise LibraryError(f"{name}: expected a JSON object.")
    return data
