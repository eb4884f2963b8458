"""Interaction warnings: severities, cited sources, rules and the warnings shown to the patient (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

WarningKind = Literal["interaction", "duplicate", "daily-limit"]
WARNING_KINDS: tuple[str, ...] = ("interaction", "duplicate", "daily-limit")


class Severity(StrEnum):
    """How serious a warning is; compares by rank: contraindicated > major > moderate > minor."""

    CONTRAINDICATED = "contraindicated"
    MAJOR = "major"
    MODERATE = "moderate"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        return _RANK[self.value]

    @property
    def label(self) -> str:
        """A short plain-language label for screens and printouts."""
        return _LABELS[self.value]

    @property
    def meaning(self) -> str:
        """One calm sentence on what this level means."""
        return _MEANINGS[self.value]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank


_RANK = {"contraindicated": 4, "major": 3, "moderate": 2, "minor": 1}
_LABELS = {"contraindicated": "Contraindicated", "major": "Major", "moderate": "Moderate", "minor": "Minor"}
_MEANINGS = {
    "contraindicated": "Labelled as not to be used together; contact your prescriber or pharmacist today.",
    "major": "Serious; talk to your prescriber or pharmacist soon.",
    "moderate": "Worth checking with your pharmacist or prescriber.",
    "minor": "Usually small; good to know.",
}


@dataclass(frozen=True)
class Source:
    """A citation: an FDA label or safety communication, a guideline, or a paper (PMID/DOI)."""

    title: str
    kind: str
    url: str | None = None
    pmid: str | None = None
    doi: str | None = None

    def reference(self) -> str:
        """The most useful pointer for a reader: URL, then DOI, then PMID."""
        if self.url:
            return self.url
        if self.doi:
            return f"doi:{self.doi}"
        return f"PMID {self.pmid}" if self.pmid else ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"title": self.title, "kind": self.kind}
        for key in ("url", "pmid", "doi"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


@dataclass(frozen=True)
class Rule:
    """An interaction rule between two (rarely three) ingredients or classes of the dataset."""

    id: str
    a: str | None
    b: str | None
    kind: str
    topic: str
    severity: Severity
    summary: str
    mechanism: str
    advice: str
    sources: tuple[Source, ...]
    verified: bool
    checked_on: str
    c: str | None = None
    match: str | None = None
    verification: str | None = None


@dataclass(frozen=True)
class InteractionWarning:
    """One warning for the patient: what it means, why, what to ask, and where it comes from."""

    severity: Severity
    kind: WarningKind
    items: tuple[str, ...]
    ingredients: tuple[str, ...]
    summary: str
    mechanism: str
    advice: str
    sources: tuple[Source, ...]
    rule_id: str | None = None

    def sort_key(self) -> tuple[int, str, str]:
        return (-self.severity.rank, self.summary.casefold(), self.rule_id or "")

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "items": list(self.items),
            "ingredients": list(self.ingredients),
            "kind": self.kind,
            "summary": self.summary,
            "mechanism": self.mechanism,
            "advice": self.advice,
            "sources": [source.to_json() for source in self.sources],
        }
