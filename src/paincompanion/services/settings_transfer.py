"""The patient's settings in the JSON export ("settings": {key: value}), and back in on import.

Exported: every saved setting the patient chose (the acetaminophen answers, the summary's name, paper and
questions, the day of the last summary, and whatever later sections save in the same table).
Left out: the app's own bookkeeping, which describes one copy of the data and not the patient's choices:
the change counter (`data_revision`), the revision of the last backup (`last_backup_revision`), the state of
reminders now showing or snoozed (`reminders_state`; the reminder choices themselves are exported) and anything
to do with encryption (keys starting with "encryption", "cipher", "kdf" or "recovery").

An import only fills in settings the data does not have yet: it never changes a choice already made here.

Reminder times chosen for a medicine are saved by the medicine's id, which another diary does not share; in
the export they name the medicine by its whole record instead, and an import maps them back to whichever
medicine in the diary has that record (the same match the medicines import uses).
"""

from __future__ import annotations

import json
from typing import Any

from ..domain.medications import validate_medication
from ..errors import ValidationError
from .companion import Companion

REMINDERS_KEY = "reminders_settings"  # services/reminders.py SETTINGS_KEY
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
    document = {key: saved[key] for key in sorted(saved) if not is_internal(key)}
    if REMINDERS_KEY in document:
        document[REMINDERS_KEY] = _reminders_by_record(companion, document[REMINDERS_KEY])
    return document


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
    if REMINDERS_KEY in values:  # the medicines are in by now (same transaction): ids can be found
        values = {**values, REMINDERS_KEY: _reminders_by_id(companion, values[REMINDERS_KEY])}
    companion.settings.put_many(values)


def _reminders_by_record(companion: Companion, raw: str) -> str:
    """Dose times keyed by medicine id -> a list of {"medication": record, "times": [...]}."""
    from .meds_transfer import medication_record

    try:
        data = json.loads(raw)
        by_id = {int(k): v for k, v in data.pop("dose_times", {}).items()}
    except (ValueError, TypeError, AttributeError):
        return raw
    meds = {med.id: med for med in companion.meds.list()}
    data["dose_times_for"] = [
        {"medication": {k: v for k, v in medication_record(meds[med_id], []).items() if k != "doses"}, "times": times}
        for med_id, times in sorted(by_id.items())
        if med_id in meds
    ]
    return json.dumps(data)


def _reminders_by_id(companion: Companion, raw: str) -> str:
    """The reverse of `_reminders_by_record`, for this diary's medicines; unknown medicines are dropped."""
    from .meds_transfer import _medication_from_record

    try:
        data = json.loads(raw)
        wanted = data.pop("dose_times_for", None)
    except (ValueError, TypeError, AttributeError):
        return raw
    if not isinstance(wanted, list):
        return raw
    today = companion.clock.now().date()
    ids = {med.as_draft(): med.id for med in companion.meds.list()}
    dose_times: dict[str, Any] = {}
    for item in wanted:
        try:
            draft = validate_medication(_medication_from_record(item["medication"]), today)
        except (ValidationError, KeyError, TypeError, AttributeError):
            continue
        if draft in ids:
            dose_times[str(ids[draft])] = item.get("times", [])
    data["dose_times"] = dose_times
    return json.dumps(data)
