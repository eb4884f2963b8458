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
    routines: bool = False  # logged routine sessions, worksheets, favourites or the user's own routines

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.entries or other.entries,
            self.peg or other.peg,
            self.settings or other.settings,
            self.backups or other.backups,
            self.medications or other.medications,
            self.routines or other.routines,
        )

    @property
    def any_changed(self) -> bool:
        return self.entries or self.peg or self.settings or self.backups or self.medications or self.routines


ALL = Changes(True, True, True, True, True, True)
