"""The patient's settings in the JSON export ("settings": {key: value}), and back in on import.

Exported: every saved setting the patient chose (the acetaminophen answers, the summary's name, paper and
questions, the day of the last summary, and whatever later sections save in the same table).
Left out: the app's own bookkeeping, which describes one copy of the data and not the patient's choices:
the change counter (`data_revision`), the revision of the last backup (`last_backup_revision`), the state of
reminders now showing or snoozed (`reminders_state`; the reminder choices themselves are exported) and anything
to do with encryption (keys starting with "encryption", "cipher", "kdf" or "recovery").

An import only fills in settings the data does not have yet: it never changes a choice already made here.
Each setting is checked by its own rule (`CHECKS`: a paper size is a4 or letter, a yes/no is "0" or "1", …)
before anything is written; a setting this version does not know is listed as skipped, never stored blindly.

Reminder times chosen for a medicine are saved by the medicine's id, which another diary does not share; in
the export they name the medicine by its whole record instead, and an import maps them back to whichever
medicine in the diary has that record (the same match the medicines import uses).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..domain import follow_up as follow_up_rules
from ..domain import reminders as rules
from ..domain.bounds import parse_day
from ..domain.medications import validate_medication
from ..errors import ValidationError
from ..importers.common import describe
from ..importers.own_format import need_list, need_object
from ..reports.summary import MAX_NAME_CHARS, MAX_QUESTIONS_CHARS, PAPERS
from .companion import CompanionApi

REMINDERS_KEY = "reminders_settings"  # services/reminders.py SETTINGS_KEY
INTERNAL_KEYS = frozenset({"data_revision", "last_backup_revision", "reminders_state", "dose_follow_up_state"})
INTERNAL_PREFIXES = ("encryption", "cipher", "kdf", "recovery")
MAX_KEY_CHARS = 100
MAX_VALUE_CHARS = 100_000


def is_internal(key: str) -> bool:
    """Bookkeeping that stays with this copy of the data (never exported, never imported)."""
    return key in INTERNAL_KEYS or key.startswith(INTERNAL_PREFIXES)


def settings_document(companion: CompanionApi) -> dict[str, str]:
    """The patient's settings, sorted by key."""
    saved = companion.settings.items()
    document = {key: saved[key] for key in sorted(saved) if not is_internal(key)}
    if REMINDERS_KEY in document:
        document[REMINDERS_KEY] = _reminders_by_record(companion, document[REMINDERS_KEY])
    return document


def _yes_no(value: str) -> None:
    if value not in ("0", "1"):
        raise ValidationError(f"must be 0 or 1 (no or yes), not {describe(value)}")


def _paper(value: str) -> None:
    if value not in PAPERS:
        raise ValidationError(f"the paper size {describe(value)} is not one of {', '.join(PAPERS)}")


def _day(value: str) -> None:
    parse_day(value, "the day")


def _name(value: str) -> None:
    if len(value) > MAX_NAME_CHARS or " ".join(value.split()) != value:
        raise ValidationError(f"the name must be one line of at most {MAX_NAME_CHARS} characters")


def _questions(value: str) -> None:
    if len(value) > MAX_QUESTIONS_CHARS:
        raise ValidationError(f"the questions are longer than {MAX_QUESTIONS_CHARS:,} characters")


def _reminders(value: str) -> None:
    """The reminder choices as exported (dose times named by medicine record, see `_reminders_by_record`)."""
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):
        raise ValidationError("the reminder choices are not readable") from None
    if not isinstance(data, dict):
        raise ValidationError("the reminder choices are not an object with named fields")
    for key in ("enabled", "keep_in_tray"):
        if not isinstance(data.get(key, False), bool):
            raise ValidationError(f"'{key}' must be true or false, not {describe(data[key])}")
    rules.clean_times(need_list(data.get("checkin_times"), "The check-in times"), "A check-in time")
    for n, item in enumerate(need_list(data.get("dose_times_for"), "The dose times"), start=1):
        item = need_object(item, f"Dose time {n}")
        need_object(item.get("medication"), f"The medicine of dose time {n}")
        rules.clean_times(need_list(item.get("times"), f"The times of dose time {n}"), "A dose time")


#: Every setting an export may bring, with its rule (each raises ValidationError with the reason).
CHECKS: dict[str, Callable[[str], object]] = {
    "report_paper": _paper,
    "report_patient_name": _name,
    "report_questions": _questions,
    "report_last_summary": _day,
    "apap_liver_disease": _yes_no,
    "apap_regular_alcohol": _yes_no,
    REMINDERS_KEY: _reminders,
    "reminders_tray_notice_shown": _yes_no,
    "dose_follow_up_minutes": follow_up_rules.check_delay,  # services/follow_up.py DELAY_KEY: 30–180 or "off"
}


def settings_to_import(companion: CompanionApi, document: Any, skipped: list[dict[str, Any]]) -> dict[str, str]:
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
        line = f"setting {key[:MAX_KEY_CHARS]}"
        check = CHECKS.get(key)
        if check is None:
            skipped.append({"line": line, "reason": f"The setting {describe(key)} is not one this version of Pain"
                            " Companion knows; it was left out."})  # fmt: skip
            continue
        if not isinstance(value, str) or len(value) > MAX_VALUE_CHARS:
            skipped.append({"line": line, "reason": f"The setting {key} must be a text of at most"
                            f" {MAX_VALUE_CHARS:,} characters, not {describe(value)}."})  # fmt: skip
            continue
        try:
            check(value)
        except ValidationError as exc:
            reason = str(exc).rstrip(".")
            skipped.append({"line": line, "reason": f"The setting {key}: {reason[:1].lower() + reason[1:]}."})
            continue
        wanted[key] = value
    return wanted


def apply_settings(companion: CompanionApi, values: dict[str, str]) -> None:
    """Save `values` (inside the import's transaction when there is one)."""
    if REMINDERS_KEY in values:  # the medicines are in by now (same transaction): ids can be found
        values = {**values, REMINDERS_KEY: _reminders_by_id(companion, values[REMINDERS_KEY])}
    companion.settings.put_many(values)


def _reminders_by_record(companion: CompanionApi, raw: str) -> str:
    """Dose times keyed by medicine id -> a list of {"medication": record, "times": [...]}."""
    from .meds_transfer import medication_record

    try:
        data = json.loads(raw)
        by_id = {int(k): v for k, v in data.pop("dose_times", {}).items()}
    except (ValueError, TypeError, AttributeError):
        return raw
    meds = {med.id: med for med in companion.meds.list_medications()}
    data["dose_times_for"] = [
        {"medication": {k: v for k, v in medication_record(meds[med_id], []).items() if k != "doses"}, "times": times}
        for med_id, times in sorted(by_id.items())
        if med_id in meds
    ]
    return json.dumps(data)


def _reminders_by_id(companion: CompanionApi, raw: str) -> str:
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
    ids = {med.as_draft(): med.id for med in companion.meds.list_medications()}
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
