"""What a mutation changed, so views reload only what they must (Anki's OpChanges idea)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    entries: bool = False
    peg: bool = False
    settings: bool = False
    backups: bool = False
    medications: bool = False  # the list of medicines and supplements, or the dose log

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.entries or other.entries,
            self.peg or other.peg,
            self.settings or other.settings,
            self.backups or other.backups,
            self.medications or other.medications,
        )

    @property
    def any(self) -> bool:
        return self.entries or self.peg or self.settings or self.backups or self.medications


ALL = Changes(True, True, True, True, True)
