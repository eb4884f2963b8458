"""The patient's settings in the JSON export ("settings": {key: value}), and back in on import.

Exported: every saved setting the patient chose (the acetaminophen answers, the summary's name, paper and
questions, the day of the last summary, and whatever later sections save in the same table).
Left out: the app's own bookkeeping, which describes one copy of the data and not the patient's choices:
the change counter (`data_revision`), the revision of the last backup (`last_backup_revision`), the state of
reminders now showing or snoozed (`reminders_state`; the reminder choices themselves are exported) and anything
to do with encryption (keys starting with "encryption", "cipher", "kdf" or "recovery").

An import only fills in settings the data does not have yet: it never changes a choice already made here.
"""

from __future__ import annotations

from typing import Any

from .companion import Companion

INTERNAL_KEYS = frozenset({"data_revision", "last_backup_revision", "reminders_state"})
INTERNAL_PREFIXES = ("encryption", "cipher", "kdf", "recovery")
MAX_KEY_CHARS = 100
MAX_VALUE_CHARS = 100_000


def is_internal(key: str) -> bool:
    """Bookkeeping that stays with this copy of the data (never exported, never imported)."""
    return key in INTERNAL_KEYS or key.startswith(INTERNAL_PREFIXES)


def settings_document(companion: Companion) -> dict[str, str]:
    """The patient's settings, sorted by key."""
    saved = companion.settings.items()
    return {key: saved[key] for key in sorted(saved) if not is_internal(key)}


def settings_to_import(companion: Companion, document: Any, skipped: list[dict[str, Any]]) -> dict[str, str]:
    """The export's settings that this data lacks; unusable ones are reported in `skipped`."""
    if document is None:
        return {}
    if not isinstance(document, dict):
        skipped.append({"line": "settings", "reason": "the settings are not an object"})
        return {}
    saved = companion.settings.items()
    wanted: dict[str, str] = {}
    for key, value in document.items():
        if is_internal(key) or key in saved:
            continue
        if not isinstance(value, str) or len(key) > MAX_KEY_CHARS or len(value) > MAX_VALUE_CHARS:
            skipped.append({"line": f"setting {key[:MAX_KEY_CHARS]}", "reason": "not a text value of sensible size"})
            continue
        wanted[key] = value
    return wanted


def apply_settings(companion: Companion, values: dict[str, str]) -> None:
    """Save `values` (inside the import's transaction when there is one)."""
    companion.settings.put_many(values)
