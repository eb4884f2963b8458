"""'About this data' for patients: what the interaction data is, how much of it is checked, where it comes from.

Every number is computed from the loaded dataset (never typed in). Maintainer detail (build script, file names,
the verified flag) stays in the dataset README. Core module: no GUI imports; the GUI and the CLI render the markdown.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

from ..domain.interactions import Rule, Source
from .coverage import coverage
from .dataset import MANIFEST, Dataset

#: Source kinds that are US federal documents by definition (FDA labels and notices, US regulations).
_US_KINDS = frozenset({"fda_label", "fda_safety_communication", "fda_other", "regulation"})
_GOV_URL = re.compile(r"^https?://[^/]+\.gov(?:[:/]|$)", re.I)
_US_TITLE = re.compile(r"^(FDA|CDC|NIH|NIDA|NCCIH|LiverTox|DEA|HHS|US |U\.S\.)|\b(FDA|CDC|DailyMed)\b")
#: Regulators outside the US whose notices some rules cite, with the country shown to patients.
OTHER_REGULATORS = {
    "MHRA": "United Kingdom",
    "Medsafe": "New Zealand",
    "EMA": "European Union",
    "Health Canada": "Canada",
    "TGA": "Australia",
    "NICE": "United Kingdom",
}
#: Common non-US (UK or international) medicine names; those the lexicon knows are shown as examples.
NON_US_NAMES = (
    "paracetamol",
    "pethidine",
    "salbutamol",
    "rifampicin",
    "phenobarbitone",
    "frusemide",
    "ciclosporin",
    "co-codamol",
    "diamorphine",
    "adrenaline",
)
VERIFIED_MEANS = (
    "“Checked against sources” means that the people who wrote the data found the central fact of the rule in a "
    "published source they could read (an FDA label or notice, another regulator's notice, a guideline or a journal "
    "article). It does not mean that a pharmacist or doctor has signed off the rule."
)
NO_PROMISE = (
    "No warning is not a promise: when the app shows no warning for two items, it only means this data has no rule "
    "for them. It does not mean the combination is harmless. The rules do not know your doses (except the "
    "acetaminophen total and the opioid MME), your age, kidneys, liver, pregnancy or genes."
)


@dataclass(frozen=True)
class About:
    """The facts shown on the About page, all computed from one dataset."""

    version: str
    built_on: str | None
    last_checked: str | None
    rules: int
    verified: int
    pending: tuple[Rule, ...]
    ingredients: int
    products: int
    sources: int
    us_sources: int
    other_regulators: tuple[str, ...]
    non_us_names: tuple[str, ...]
    classes: tuple[str, ...]
    classes_not_covered: tuple[str, ...] = ()

    @property
    def waiting(self) -> int:
        return self.rules - self.verified


def covered_classes(dataset: Dataset) -> tuple[str, ...]:
    """Names of the medicine classes that a rule covers as a whole (sorted, for display)."""
    return tuple(entry.name for entry in coverage(dataset).covered)


def uncovered_classes(dataset: Dataset) -> tuple[str, ...]:
    """Names of the classes no rule covers as a whole (some members may still appear in single rules)."""
    found = coverage(dataset)
    return tuple(sorted((e.name for e in (*found.partial, *found.not_covered)), key=str.casefold))


def is_us_source(source: Source) -> bool:
    on_gov = bool(source.url and _GOV_URL.match(source.url))
    return source.kind in _US_KINDS or on_gov or bool(_US_TITLE.search(source.title))


def bundled_build_date() -> str | None:
    """The build date in the bundled manifest, or None when it cannot be read."""
    try:
        text = resources.files("paincompanion").joinpath("data", "interactions", MANIFEST).read_text("utf-8")
        value = json.loads(text).get("built_on")
    except (OSError, ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def build_about(dataset: Dataset, *, built_on: str | None = None) -> About:
    """Counts and coverage of `dataset`; `built_on` defaults to the bundled manifest's date."""
    counts = dataset.counts()
    pending = tuple(sorted((r for r in dataset.rules if not r.verified), key=lambda r: (-r.severity.rank, r.id)))
    titles = [s.title for s in dataset.sources.values()]
    regulators = tuple(
        f"{name} ({country})"
        for name, country in OTHER_REGULATORS.items()
        if any(re.search(rf"\b{name}\b", title) for title in titles)
    )
    known = {key.casefold() for key in dataset.display_names()}
    for ingredient in dataset.ingredients.values():
        known.update(s.casefold() for s in ingredient.synonyms)
    dates = [r.checked_on for r in dataset.rules]
    return About(
        version=dataset.version,
        built_on=built_on if built_on is not None else bundled_build_date(),
        last_checked=max(dates) if dates else None,
        rules=counts["rules"],
        verified=counts["verified_rules"],
        pending=pending,
        ingredients=counts["ingredients"],
        products=counts["products"],
        sources=counts["sources"],
        us_sources=sum(is_us_source(s) for s in dataset.sources.values()),
        other_regulators=regulators,
        non_us_names=tuple(n for n in NON_US_NAMES if n in known),
        classes=covered_classes(dataset),
        classes_not_covered=uncovered_classes(dataset),
    )


def about_markdown(about: About) -> str:
    """The patient page as markdown (rendered by the GUI; printed as plain text by the CLI)."""
    built = f", built on {_date(about.built_on)}" if about.built_on else ""
    checked = f" Rules were last reviewed on {_date(about.last_checked)}." if about.last_checked else ""
    lines = [
        "# About the interaction data",
        "",
        f"**Version {about.version}**{built}.{checked}",
        "",
        "## What this data is",
        "",
        f"A list of {about.rules} rules about medicines and supplements that can affect each other, written for "
        f"Pain Companion from {about.sources} published sources. It recognises {about.ingredients} ingredients by "
        f"their generic and common names and {about.products} brand and combination products. Each warning names "
        "its sources. The data is a careful summary to take to your pharmacist or doctor; **it does not replace "
        "them**.",
        "",
        NO_PROMISE,
        "",
        "## How much of it is checked",
        "",
        f"- **{about.verified} of {about.rules} rules** are checked against published sources.",
        f"- **{about.waiting} rules** are still waiting for review: their wording rests on a general pattern or on "
        "label wording the authors could not yet re-read. They are shown like the others, because leaving them out "
        "could hide a real risk.",
        "",
        VERIFIED_MEANS,
        "",
    ]
    if about.pending:
        lines += ["Rules waiting for review:", ""]
        lines += [f"- {rule.severity.label}: {rule.summary}" for rule in about.pending]
        lines.append("")
    lines += [
        "## Which countries it covers",
        "",
        f"**The data is US-focused.** {about.us_sources} of its {about.sources} sources are US documents (FDA "
        "labels and notices, CDC, NIH). Brand names are mostly US brands; the acetaminophen daily limit follows US "
        "labels, the opioid MME uses the US CDC 2022 factors, and the kratom page follows US law.",
        "",
    ]
    extra = []
    if about.other_regulators:
        extra.append(f"A few rules also cite {_join(about.other_regulators)}.")
    if about.non_us_names:
        extra.append(f"Some UK and international names are recognised too (for example {_join(about.non_us_names)}).")
    extra.append("Medicines sold only outside the US may not be recognised: the app then says so.")
    lines += [" ".join(extra), ""]
    lines += ["## What the rules cover", ""]
    if about.classes:
        lines += ["Besides many single medicines and supplements, rules are written for these groups:", ""]
        lines += [f"- {name}" for name in about.classes]
        lines.append("")
    if about.classes_not_covered:
        lines += [
            "No rule covers these groups as a whole (some of their medicines may still have single rules), "
            "so a missing warning for them says even less:",
            "",
        ]
        lines += [f"- {name}" for name in about.classes_not_covered]
        lines.append("")
    return "\n".join(lines)


def markdown_to_text(markdown: str) -> str:
    """Plain text for a terminal: headings underlined, emphasis marks removed, links left as they are."""
    out: list[str] = []
    for line in _strip_marks(markdown).splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            title = heading.group(2)
            out += [title, ("=" if len(heading.group(1)) == 1 else "-") * len(title)]
        else:
            out.append(line)
    return "\n".join(out).strip() + "\n"


def _strip_marks(text: str) -> str:
    """Remove **bold** and *italic* marks (also across line breaks); a lone * (a list bullet) stays."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text, flags=re.S)
    return re.sub(r"(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])", r"\1", text, flags=re.S)


def _join(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _date(iso: str) -> str:
    """2026-12-06 → 6 December 2026 (other text is returned as it is)."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match:
        return iso
    months = [date(2000, m, 1).strftime("%B") for m in range(1, 13)]
    year, month, day = (int(g) for g in match.groups())
    return f"{day} {months[month - 1]} {year}" if 1 <= month <= 12 else iso


#: Ingredients whose warnings and summary lines point to the page "Kratom: what to know".
KRATOM_INGREDIENTS = frozenset({"kratom", "seven_hydroxymitragynine"})


def mentions_kratom(ingredients: object) -> bool:
    """True when any of `ingredients` (ids) is kratom or concentrated 7-OH."""
    return isinstance(ingredients, tuple | list | set | frozenset) and not KRATOM_INGREDIENTS.isdisjoint(ingredients)
