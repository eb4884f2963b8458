"""The dataset's data files: the five base files plus optional part files, merged into one raw document each.

Part files let content grow by topic or country without one huge file: ``lexicon-<part>.json``,
``classes-<part>.json`` and ``rules-<part>.json`` (``<part>`` in lower-kebab case). A lexicon part may add
``ingredients`` and ``products``, and may extend ingredients defined elsewhere with ``extra_synonyms``
(``{ingredient_id: [names]}``) and ``extra_classes`` (``{ingredient_id: [class ids]}``). A rules part adds
``sources`` (a source id defined twice must be identical) and ``rules``; a classes part adds ``classes``.
Every part is listed in the manifest with its checksum like the base files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

#: The base files, always present (the README and SOURCES.md are documentation, not data).
BASE_FILES = ("lexicon.json", "classes.json", "rules.json", "limits.json", "reading.json", "kratom.md")
PART_PATTERN = re.compile(r"^(lexicon|classes|rules)-[a-z0-9][a-z0-9-]*\.json$")


def is_part(name: str) -> bool:
    return PART_PATTERN.match(name) is not None


def data_files(names: Iterable[str]) -> tuple[str, ...]:
    """The base files followed by the part files among `names`, in a stable (sorted) order."""
    return BASE_FILES + tuple(sorted(n for n in set(names) if is_part(n)))


def merge(blobs: Mapping[str, bytes]) -> tuple[dict[str, Any], list[str]]:
    """Raw documents {lexicon, classes, rules, limits} with every part merged in, and the merge problems."""
    problems: list[str] = []
    raw: dict[str, Any] = {
        name.removesuffix(".json"): json.loads(blobs[name]) for name in BASE_FILES if name.endswith(".json")
    }
    for name in sorted(n for n in blobs if is_part(n)):
        part = json.loads(blobs[name])
        kind = name.split("-", 1)[0]
        if not isinstance(part, dict) or part.get("schema") != 1:
            problems.append(f"{name}: expected an object with schema 1")
            continue
        base = raw[kind]
        if not isinstance(base, dict):
            continue
        if kind == "lexicon":
            _merge_lexicon(name, base, part, problems)
        elif kind == "classes":
            _extend(name, base, part, "classes", problems)
        else:
            _extend(name, base, part, "rules", problems)
            _merge_sources(name, base, part, problems)
    pending = raw["lexicon"].pop("_extras", []) if isinstance(raw.get("lexicon"), dict) else []
    _apply_extras(raw.get("lexicon"), pending, problems)
    return raw, problems


def _extend(name: str, base: dict[str, Any], part: Mapping[str, Any], key: str, problems: list[str]) -> None:
    items = part.get(key, [])
    if not isinstance(items, list):
        problems.append(f"{name}: '{key}' must be a list")
        return
    base.setdefault(key, []).extend(items)


def _merge_sources(name: str, base: dict[str, Any], part: Mapping[str, Any], problems: list[str]) -> None:
    sources = part.get("sources", {})
    if not isinstance(sources, dict):
        problems.append(f"{name}: 'sources' must be an object")
        return
    known = base.setdefault("sources", {})
    for sid, source in sources.items():
        if sid in known and known[sid] != source:
            problems.append(f"{name}: source {sid!r} is defined differently elsewhere")
        known.setdefault(sid, source)


def _merge_lexicon(name: str, base: dict[str, Any], part: Mapping[str, Any], problems: list[str]) -> None:
    _extend(name, base, part, "ingredients", problems)
    _extend(name, base, part, "products", problems)
    for key in ("extra_synonyms", "extra_classes"):
        extra = part.get(key, {})
        if not isinstance(extra, dict):
            problems.append(f"{name}: '{key}' must be an object")
            continue
        base.setdefault("_extras", []).append((name, key, extra))


def _apply_extras(lexicon: Any, pending: list[tuple[str, str, dict[str, Any]]], problems: list[str]) -> None:
    if not isinstance(lexicon, dict):
        return
    by_id = {i.get("id"): i for i in lexicon.get("ingredients", []) if isinstance(i, dict)}
    for name, key, extra in pending:
        field = "synonyms" if key == "extra_synonyms" else "classes"
        for ingredient_id, values in extra.items():
            entry = by_id.get(ingredient_id)
            if entry is None:
                problems.append(f"{name}: {key} names an unknown ingredient {ingredient_id!r}")
                continue
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                problems.append(f"{name}: {key}[{ingredient_id!r}] must be a list of names")
                continue
            current = list(entry.get(field, []))
            entry[field] = current + [v for v in values if v not in current]
