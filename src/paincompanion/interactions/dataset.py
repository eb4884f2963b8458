"""The bundled, cited interaction dataset: loading via importlib.resources, manifest check, lookup tables."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from ..domain.interactions import Rule, Severity, Source
from ..errors import DatasetError
from .normalize import (
    Analysis,
    Candidate,
    CheckItem,
    NameIndex,
    Reading,
    Resolution,
    Target,
    fold,
    key_of,
    reading_problems,
    split_given,
)
from .parts import BASE_FILES, data_files, merge
from .validate import validate

#: Base files covered by the manifest's sha256 sums; part files (see parts.py) are listed there too.
DATA_FILES = BASE_FILES
MANIFEST = "dataset.json"
_ANALYSIS_CACHE_SIZE = 4096


@dataclass(frozen=True)
class Ingredient:
    id: str
    name: str
    kind: str
    classes: tuple[str, ...]
    all_classes: frozenset[str]
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Product:
    name: str
    ingredients: tuple[str, ...]
    mg: Mapping[str, float]
    order: tuple[str, ...]
    form: str | None
    unit: str | None
    note: str | None
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class DrugClass:
    id: str
    name: str
    description: str
    implies: tuple[str, ...]
    members: tuple[str, ...]


class Dataset:
    """Everything the engine needs, built once from the validated files."""

    def __init__(self, raw: Mapping[str, Any], *, version: str, kratom_markdown: str, sha256: Mapping[str, str]):
        self.version = version
        self.sha256 = dict(sha256)
        self.kratom_markdown = kratom_markdown
        self.limits: dict[str, Any] = raw["limits"]
        implies = {c["id"]: tuple(c.get("implies", [])) for c in raw["classes"]["classes"]}
        self.ingredients: dict[str, Ingredient] = {}
        for entry in raw["lexicon"]["ingredients"]:
            declared = tuple(entry["classes"])
            self.ingredients[entry["id"]] = Ingredient(
                entry["id"], entry["name"], entry["kind"], declared, _closure(declared, implies),
                tuple(entry.get("synonyms", [])),
            )  # fmt: skip
        self.classes: dict[str, DrugClass] = {}
        members_of: dict[str, list[str]] = {}
        for ing in self.ingredients.values():  # one pass over the ingredients, not one per class
            for class_id in ing.all_classes:
                members_of.setdefault(class_id, []).append(ing.id)
        for entry in raw["classes"]["classes"]:
            members = tuple(sorted(members_of.get(entry["id"], ())))
            self.classes[entry["id"]] = DrugClass(
                entry["id"], entry["name"], entry["description"], implies[entry["id"]], members
            )
        self.products: dict[str, Product] = {}
        for entry in raw["lexicon"]["products"]:
            self.products[entry["name"]] = Product(
                entry["name"], tuple(entry["ingredients"]), dict(entry.get("mg", {})), tuple(entry.get("order", [])),
                entry.get("form"), entry.get("unit"), entry.get("note"), tuple(entry.get("synonyms", [])),
            )  # fmt: skip
        self.sources: dict[str, Source] = {
            sid: Source(s["title"], s["kind"], s.get("url"), s.get("pmid"), s.get("doi"))
            for sid, s in raw["rules"]["sources"].items()
        }
        self.rules: tuple[Rule, ...] = tuple(self._rule(r) for r in raw["rules"]["rules"])
        self.reading = Reading.from_json(raw.get("reading") or {})
        self.index = _build_index(self.ingredients, self.products.values(), self.reading)
        self._analysis_cache: dict[str, Analysis] = {}
        self._item_cache: dict[CheckItem, Resolution] = {}

    def _rule(self, r: Mapping[str, Any]) -> Rule:
        return Rule(
            id=r["id"], a=r.get("a"), b=r.get("b"), c=r.get("c"), match=r.get("match"), kind=r["kind"],
            topic=r["topic"], severity=Severity(r["severity"]), summary=r["summary"], mechanism=r["mechanism"],
            advice=r["advice"], sources=tuple(self.sources[s] for s in r["sources"]), verified=r["verified"],
            checked_on=r["checked_on"], verification=r.get("verification"),
        )  # fmt: skip

    # -- lookups ---------------------------------------------------------------------------------------------
    def resolve(self, text: str) -> Resolution:
        """What the typed text was recognised as (ingredients, product), the candidates if it could be several
        products, or suggestions if unknown. "NAME=ingredient+ingredient" gives the ingredients from the pack."""
        given = split_given(text)
        if given is not None and given[1]:
            return self.resolve_item(CheckItem(text, given[1]))
        return self.analyse(text).resolution

    def resolve_item(self, item: str | CheckItem) -> Resolution:
        """A typed name, or a saved item with ingredients read off its pack or the product picked for it."""
        if isinstance(item, str):
            return self.resolve(item)
        found = self._item_cache.get(item)
        if found is None:
            if len(self._item_cache) >= _ANALYSIS_CACHE_SIZE:
                self._item_cache.clear()
            found = self._item_cache[item] = self._resolve_item(item)
        return found

    def _resolve_item(self, item: CheckItem) -> Resolution:
        if item.given:
            return self.resolve_given(item.name, item.given)
        resolution = self.analyse(item.name).resolution
        if resolution.candidates and item.choice:
            wanted = key_of(item.choice)
            for candidate in resolution.candidates:
                if key_of(candidate.name) == wanted:
                    product = candidate.name if candidate.kind == "product" else None
                    return Resolution(item.name, True, product, candidate.ingredients, ())
        return resolution if resolution.input == item.name else _relabel(resolution, item.name)

    def resolve_given(self, name: str, given: tuple[str, ...]) -> Resolution:
        """An item checked by the active ingredients the patient read off the pack (names in any language)."""
        ingredients: list[str] = []
        unknown: list[str] = []
        for text in given:
            found = self.analyse(text).resolution
            if found.recognized and found.ingredients:
                ingredients += [i for i in found.ingredients if i not in ingredients]
            else:
                unknown.append(text)
        return Resolution(name, bool(ingredients), None, tuple(ingredients), (), given=True,
                          unknown_ingredients=tuple(unknown))  # fmt: skip

    def candidate(self, name: str) -> Candidate | None:
        """A product or ingredient by its exact name, with its ingredients (for showing a choice)."""
        product = self.products.get(name)
        if product is not None:
            names = tuple(self.ingredient_name(i) for i in product.ingredients)
            return Candidate(product.name, product.ingredients, names)
        return None

    def analyse(self, text: str) -> Analysis:
        given = split_given(text)
        if given is not None and given[1]:
            text = given[0]
        found = self._analysis_cache.get(text)
        if found is None:
            if len(self._analysis_cache) >= _ANALYSIS_CACHE_SIZE:
                self._analysis_cache.clear()
            found = self._analysis_cache[text] = self.index.analyse(text)
        return found

    def members(self, side: str) -> frozenset[str]:
        """Ingredient ids covered by a rule side (an ingredient id or a class id)."""
        if side in self.ingredients:
            return frozenset({side})
        return frozenset(self.classes[side].members)

    def ingredient_name(self, ingredient_id: str) -> str:
        ingredient = self.ingredients.get(ingredient_id)
        return ingredient.name if ingredient else ingredient_id

    def is_a(self, ingredient_id: str, class_id: str) -> bool:
        ingredient = self.ingredients.get(ingredient_id)
        return ingredient is not None and class_id in ingredient.all_classes

    def display_names(self) -> list[str]:
        """Product and ingredient names for name completion."""
        return self.index.display_names()

    def component_strengths(self, analysis: Analysis) -> dict[str, float]:
        """Strength in mg per dose of each ingredient, from what was typed ("5/325") or else the lexicon."""
        resolution = analysis.resolution
        product = self.products.get(resolution.product) if resolution.product else None
        strengths: dict[str, float] = dict(product.mg) if product else {}
        typed = _typed_strengths(analysis, resolution.ingredients, self)
        strengths.update(typed)
        return strengths

    def counts(self) -> dict[str, int]:
        synonyms = sum(len(i.synonyms) for i in self.ingredients.values())
        return {
            "ingredients": len(self.ingredients),
            "synonyms": synonyms,
            "ingredient_names": len(self.ingredients) + synonyms,
            "products": len(self.products),
            "classes": len(self.classes),
            "rules": len(self.rules),
            "verified_rules": sum(r.verified for r in self.rules),
            "sources": len(self.sources),
        }


def _typed_strengths(analysis: Analysis, ingredients: tuple[str, ...], dataset: Dataset) -> dict[str, float]:
    numbers = analysis.numbers
    if not numbers or not ingredients:
        return {}
    scale = {"g": 1000.0, "gram": 1000.0, "grams": 1000.0, "mcg": 0.001, "microgram": 0.001, "micrograms": 0.001}
    factor = scale.get(analysis.unit or "", 1.0)
    values = [n * factor for n in numbers]
    if len(values) > 1 and len(values) == len(analysis.order):
        return dict(zip(analysis.order, values, strict=True))
    if len(ingredients) == 1:
        return {ingredients[0]: values[0]}
    if len(values) == 1:  # "Percocet 10": the number people give for a combination is the opioid's
        opioids = [i for i in ingredients if dataset.is_a(i, "opioid")]
        if len(opioids) == 1:
            return {opioids[0]: values[0]}
    return {}


def _closure(declared: tuple[str, ...], implies: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    found: set[str] = set()
    stack = list(declared)
    while stack:
        cid = stack.pop()
        if cid not in found:
            found.add(cid)
            stack += implies.get(cid, ())
    return frozenset(found)


def _relabel(resolution: Resolution, text: str) -> Resolution:
    return replace(resolution, input=text)


def _build_index(ingredients: Mapping[str, Ingredient], products: Any, reading: Reading) -> NameIndex:
    index = NameIndex(reading)
    for ing in ingredients.values():
        target = Target("ingredient", ing.id, (ing.id,), (), (ing.name,))
        for name in (ing.id.replace("_", " "), ing.name, *ing.synonyms):
            index.add(name, target, ing.name)
    for product in products:
        names = tuple(ingredients[i].name if i in ingredients else i for i in product.ingredients)
        form = " ".join(fold(product.form or ""))
        target = Target("product", product.name, product.ingredients, product.order, names, form)
        for name in (product.name, *product.synonyms):
            index.add(name, target, product.name)
    return index


# -- loading ------------------------------------------------------------------------------------------------------
def _bundle_root() -> Traversable:
    return resources.files("paincompanion").joinpath("data", "interactions")


@cache
def load_dataset() -> Dataset:
    """The bundled dataset, validated against its schema and manifest (loaded once per process)."""
    return load_dataset_from(_bundle_root())


def load_dataset_from(root: Traversable | Path) -> Dataset:
    """Load and check a dataset directory; raises DatasetError with a plain message if anything is wrong."""
    try:
        manifest = json.loads(root.joinpath(MANIFEST).read_text(encoding="utf-8"))
        expected = manifest.get("files", {}) if isinstance(manifest, dict) else {}
        blobs = {name: root.joinpath(name).read_bytes() for name in data_files(expected)}
    except (OSError, ValueError, AttributeError) as exc:
        raise DatasetError(f"The bundled interaction data could not be read ({exc}). Reinstalling may help.") from exc
    for name, blob in blobs.items():
        if expected.get(name) != hashlib.sha256(blob).hexdigest():
            raise DatasetError(
                f"The bundled interaction data is damaged: {name} does not match its checksum. "
                "Reinstalling Pain Companion should fix this."
            )
    version = manifest.get("version")
    if not isinstance(version, str) or not version:
        raise DatasetError("The bundled interaction data has no version in its manifest.")
    try:
        raw, problems = merge(blobs)
    except ValueError as exc:
        raise DatasetError(f"The bundled interaction data is not valid JSON ({exc}).") from exc
    sha256 = {name: hashlib.sha256(blob).hexdigest() for name, blob in blobs.items()}
    if problems:
        raise DatasetError(f"The bundled interaction data is inconsistent: {'; '.join(problems[:3])}.")
    problems, dataset = _build(raw, version, blobs["kratom.md"].decode("utf-8"), sha256)
    if dataset is None or problems:
        shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        raise DatasetError(f"The bundled interaction data is inconsistent: {shown}.")
    return dataset


def find_problems(raw: Mapping[str, Any]) -> list[str]:
    """Schema problems plus names that point at two different things; empty when the files are consistent."""
    return _build(raw, "check", "", {})[0]


def _build(
    raw: Mapping[str, Any], version: str, kratom: str, sha256: Mapping[str, str]
) -> tuple[list[str], Dataset | None]:
    problems = validate(raw["lexicon"], raw["classes"], raw["rules"], raw["limits"])
    problems += reading_problems(raw.get("reading"))
    if problems:
        return problems, None
    dataset = Dataset(raw, version=version, kratom_markdown=kratom, sha256=sha256)
    return list(dataset.index.conflicts), dataset
