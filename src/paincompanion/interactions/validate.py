"""Schema and consistency checks for the raw dataset files (used when loading and by the build script)."""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import date
from typing import Any, TypeGuard

from ..domain.interactions import Severity

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
RULE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KINDS = frozenset({"drug", "supplement", "herbal", "food", "alcohol"})
RULE_KINDS = frozenset({"interaction", "duplicate"})
SOURCE_KINDS = frozenset(
    {
        "fda_label",
        "fda_safety_communication",
        "fda_other",
        "regulation",
        "guideline",
        "journal",
        "reference_list",
        "government_database",
        "regulator_other",
        "news",
    }
)
#: The source of products that name none: the base lexicon's products were taken from US labels (DailyMed/openFDA),
#: as the dataset README says. Other products name their own `source`: a source id from a rules file (the part files
#: do) or a citation written out in words.
BASE_PRODUCT_SOURCE = "lexicon-base-us-labels"
#: Words the dataset must never use in patient-facing rule text.
FORBIDDEN = (
    re.compile(r"\bsafe(ly|ty)?\b", re.I),
    re.compile(r"stop taking", re.I),
    re.compile(r"no interactions", re.I),
)


def validate(lexicon: Any, classes: Any, rules: Any, limits: Any) -> list[str]:
    """All problems found, as plain sentences; an empty list means the files are consistent."""
    problems: list[str] = []
    for name, doc in (("lexicon", lexicon), ("classes", classes), ("rules", rules), ("limits", limits)):
        if not isinstance(doc, dict) or doc.get("schema") != 1:
            problems.append(f"{name}.json: expected an object with schema 1")
    if problems:
        return problems
    class_ids = _check_classes(classes, problems)
    ingredient_ids = _check_ingredients(lexicon, class_ids, problems)
    for clash in sorted(set(class_ids) & ingredient_ids):
        problems.append(f"{clash!r} is both an ingredient and a class id")
    source_ids = _check_sources(rules, problems)
    _check_products(lexicon, ingredient_ids, source_ids, problems)
    _check_rules(rules, ingredient_ids | set(class_ids), source_ids, problems)
    _check_limits(limits, ingredient_ids, source_ids, problems)
    return problems


def _new_id(
    what: str, value: object, pattern: re.Pattern[str], seen: Container[str], problems: list[str]
) -> str | None:
    """`value` when it is a well-formed id, else None (a second definition is reported but still checked)."""
    if not isinstance(value, str) or not pattern.match(value):
        style = "lower_snake" if pattern is ID_PATTERN else "lower-kebab"
        problems.append(f"{what} id {value!r} is not {style}")
        return None
    if value in seen:
        problems.append(f"{what} {value!r} is defined twice")
    return value


def _check_classes(doc: dict[str, Any], problems: list[str]) -> dict[str, list[str]]:
    implies: dict[str, list[str]] = {}
    for entry in _list(doc, "classes", problems):
        cid = _new_id("class", entry.get("id"), ID_PATTERN, implies, problems)
        if cid is None:
            continue
        if not _text(entry.get("name")) or not _text(entry.get("description")):
            problems.append(f"class {cid!r} needs a name and a description")
        implies[cid] = list(entry.get("implies", []))
    for cid, parents in implies.items():
        for parent in parents:
            if parent not in implies:
                problems.append(f"class {cid!r} implies unknown class {parent!r}")
    for cid in implies:  # cycle check: a class must not (indirectly) imply itself
        seen, stack = set(), list(implies[cid])
        while stack:
            parent = stack.pop()
            if parent == cid:
                problems.append(f"class {cid!r} implies itself")
                break
            if parent not in seen and parent in implies:
                seen.add(parent)
                stack += implies[parent]
    return implies


def _check_ingredients(doc: dict[str, Any], class_ids: dict[str, Any], problems: list[str]) -> set[str]:
    ids: set[str] = set()
    for entry in _list(doc, "ingredients", problems):
        iid = _new_id("ingredient", entry.get("id"), ID_PATTERN, ids, problems)
        if iid is None:
            continue
        ids.add(iid)
        if not _text(entry.get("name")):
            problems.append(f"ingredient {iid!r} has no display name")
        if entry.get("kind") not in KINDS:
            problems.append(f"ingredient {iid!r} has kind {entry.get('kind')!r}, not one of {sorted(KINDS)}")
        classes = entry.get("classes")
        if not isinstance(classes, list) or not classes:
            problems.append(f"ingredient {iid!r} needs at least one class")
        else:
            problems += [f"ingredient {iid!r} uses unknown class {c!r}" for c in classes if c not in class_ids]
        if not all(_text(s) for s in entry.get("synonyms", [])):
            problems.append(f"ingredient {iid!r} has an empty or non-text synonym")
    return ids


def _check_products(doc: dict[str, Any], ingredient_ids: set[str], source_ids: set[str], problems: list[str]) -> None:
    names: set[str] = set()
    for entry in _list(doc, "products", problems):
        name = entry.get("name")
        if not _text(name):
            problems.append(f"product without a name: {entry!r}")
            continue
        if name.casefold() in names:
            problems.append(f"product {name!r} is defined twice")
        names.add(name.casefold())
        ingredients = entry.get("ingredients")
        if not isinstance(ingredients, list) or not ingredients:
            problems.append(f"product {name!r} has no ingredients")
            continue
        problems += [
            f"product {name!r} maps to unknown ingredient {i!r}" for i in ingredients if i not in ingredient_ids
        ]
        for iid, mg in entry.get("mg", {}).items():
            if iid not in ingredients:
                problems.append(f"product {name!r} gives a strength for {iid!r}, which it does not contain")
            if not isinstance(mg, int | float) or isinstance(mg, bool) or mg <= 0:
                problems.append(f"product {name!r} has a strength for {iid!r} that is not a positive number")
        order = entry.get("order", [])
        if not set(order) <= set(ingredients):
            problems.append(f"product {name!r} has a strength order with unknown ingredients")
        source = entry.get("source", BASE_PRODUCT_SOURCE)
        if not names_a_source(source, source_ids):
            problems.append(f"product {name!r} names unknown source {source!r} for its composition")


def names_a_source(source: object, source_ids: set[str]) -> bool:
    """A source id defined in a rules file, or a citation written out in words (the label or SmPC it comes from).

    A single word that is not a known id is refused, so a mistyped source id is caught.
    """
    if not isinstance(source, str):
        return False
    text = source.strip()
    return text in source_ids or (" " in text and len(text) >= 20)


def _check_sources(doc: dict[str, Any], problems: list[str]) -> set[str]:
    sources = doc.get("sources")
    if not isinstance(sources, dict) or not sources:
        problems.append("rules.json: 'sources' must be a non-empty object")
        return set()
    for sid, source in sources.items():
        if not isinstance(source, dict) or not _text(source.get("title")):
            problems.append(f"source {sid!r} needs a title")
            continue
        if source.get("kind") not in SOURCE_KINDS:
            problems.append(f"source {sid!r} has unknown kind {source.get('kind')!r}")
        if not any(_text(source.get(k)) for k in ("url", "pmid", "doi")):
            problems.append(f"source {sid!r} needs a url, pmid or doi")
        url = source.get("url")
        if url is not None and not str(url).startswith(("http://", "https://")):
            problems.append(f"source {sid!r} has a url that is not http(s)")
    return set(sources)


def _check_rules(doc: dict[str, Any], known_ids: set[str], source_ids: set[str], problems: list[str]) -> None:
    seen: set[str] = set()
    severities = {s.value for s in Severity}
    for rule in _list(doc, "rules", problems):
        rid = _new_id("rule", rule.get("id"), RULE_ID_PATTERN, seen, problems)
        if rid is None:
            continue
        seen.add(rid)
        if rule.get("match") == "same_ingredient":
            if any(rule.get(k) for k in ("a", "b", "c")):
                problems.append(f"rule {rid!r}: a same-ingredient rule takes no sides")
        else:
            for side in ("a", "b", "c"):
                value = rule.get(side)
                if value is None and side == "c":
                    continue
                if value not in known_ids:
                    problems.append(f"rule {rid!r} refers to unknown ingredient or class {value!r}")
        if rule.get("kind") not in RULE_KINDS:
            problems.append(f"rule {rid!r} has kind {rule.get('kind')!r}")
        if rule.get("severity") not in severities:
            problems.append(f"rule {rid!r} has invalid severity {rule.get('severity')!r}")
        if not _text(rule.get("topic")):
            problems.append(f"rule {rid!r} needs a topic")
        for field in ("summary", "mechanism", "advice"):
            text = rule.get(field)
            if not _text(text):
                problems.append(f"rule {rid!r} needs {field}")
            elif any(p.search(text) for p in FORBIDDEN):
                problems.append(f"rule {rid!r}: {field} uses wording the app must not use")
        sources = rule.get("sources")
        if not isinstance(sources, list) or not sources:
            problems.append(f"rule {rid!r} has no source")
        else:
            problems += [f"rule {rid!r} cites unknown source {s!r}" for s in sources if s not in source_ids]
        if not isinstance(rule.get("verified"), bool):
            problems.append(f"rule {rid!r} needs verified true/false")
        if not _iso_date(rule.get("checked_on")):
            problems.append(f"rule {rid!r} needs checked_on as YYYY-MM-DD")


def _check_limits(doc: dict[str, Any], ingredient_ids: set[str], source_ids: set[str], problems: list[str]) -> None:
    apap = doc.get("acetaminophen", {})
    if apap.get("ingredient") not in ingredient_ids or not _positive(apap.get("adult_max_mg_per_day")):
        problems.append("limits.json: acetaminophen needs a known ingredient and a positive daily maximum")
    for entry in [apap, *apap.get("lower_limits", [])]:
        _check_cited(entry, "acetaminophen limit", source_ids, problems)
        if entry is not apap and not _positive(entry.get("max_mg_per_day")):
            problems.append(f"limits.json: lower limit {entry.get('id')!r} needs a positive max_mg_per_day")
    mme = doc.get("mme", {})
    _check_cited(mme, "MME factors", source_ids, problems)
    for factor in mme.get("factors", []):
        if factor.get("ingredient") not in ingredient_ids or not _positive(factor.get("factor")):
            problems.append(f"limits.json: bad MME factor {factor!r}")
    for entry in mme.get("not_calculated", []):
        if entry.get("ingredient") not in ingredient_ids or not _text(entry.get("reason")):
            problems.append(f"limits.json: bad not-calculated entry {entry!r}")
    if sorted(level.get("mme_per_day") for level in mme.get("levels", [])) != [50, 90]:
        problems.append("limits.json: MME levels must be 50 and 90 MME/day")


def _check_cited(entry: dict[str, Any], what: str, source_ids: set[str], problems: list[str]) -> None:
    sources = entry.get("sources")
    if not isinstance(sources, list) or not sources or any(s not in source_ids for s in sources):
        problems.append(f"limits.json: {what} must cite known sources")
    if not isinstance(entry.get("verified"), bool) or not _iso_date(entry.get("checked_on")):
        problems.append(f"limits.json: {what} needs verified and checked_on")


def _list(doc: dict[str, Any], key: str, problems: list[str]) -> list[dict[str, Any]]:
    value = doc.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(f"'{key}' must be a list of objects")
        return []
    return value


def _text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip())


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _iso_date(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def unchecked_rules(rules: Any) -> list[tuple[str, str, str]]:
    """(rule id, severity, what is still missing) for every rule whose source was not checked (`verified: false`).

    Not a schema problem: such rules load and warn like the others; the build script lists them so that a
    pharmacist can review them before a release.
    """
    found = []
    for rule in rules.get("rules", []) if isinstance(rules, dict) else []:
        if isinstance(rule, dict) and rule.get("verified") is False:
            note = rule.get("verification") or "no verification note"
            found.append((str(rule.get("id")), str(rule.get("severity")), str(note)))
    return sorted(found)
