"""The settings table as a whole (export and import); single settings belong to the services that use them."""

from __future__ import annotations

from ..domain.changes import Changes
from ..storage import settings_repo
from ..storage.database import Database
from .events import Signal


class SettingsService:
    def __init__(self, db: Database, changed: Signal) -> None:
        self._db = db
        self._changed = changed

    def items(self) -> dict[str, str]:
        """Every saved setting, key -> value."""
        with self._db.read() as conn:
            return settings_repo.items(conn)

    def put_many(self, values: dict[str, str]) -> None:
        """Save `values` in one transaction (inside an import's, when there is one)."""
        if not values:
            return
        with self._db.write() as conn:
            for key, value in values.items():
                settings_repo.put(conn, key, value)
        self._changed.emit(Changes(settings=True, medications=True))
