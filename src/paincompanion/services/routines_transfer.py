"""Routine data in the JSON export: logged sessions, worksheets, favourites and the user's own routines.

Exports made before routines existed simply lack the key; an import skips what is already there.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.bounds import parse_int, parse_score
from ..domain.diary import FUTURE_TOLERANCE, ensure_aware
from ..domain.routine_log import LoggedSession, WorksheetRecord
from ..domain.routines import Routine, routine_from_dict, routine_to_dict
from ..errors import PainCompanionError, ValidationError
from ..importers.common import describe
from ..importers.own_format import moment_field, need_object, text_field

if TYPE_CHECKING:
    from .companion import CompanionApi

_SESSION_KEYS = ("routine_id", "title", "kind", "minutes", "before", "after", "note", "completed_steps", "total_steps")


def routines_document(companion: CompanionApi) -> dict[str, Any]:
    r = companion.routines
    return {
        "sessions": [
            {"started": s.started.isoformat(), **{k: getattr(s, k) for k in _SESSION_KEYS}}
            for s in reversed(r.sessions())
        ],
        "worksheets": [
            {"routine_id": w.routine_id, "title": w.title, "at": w.at.isoformat(), "answers": w.answers}
            for w in reversed(r.worksheets())
        ],
        "favourites": sorted(r.favourites()),
        "user_routines": [routine_to_dict(u) for u in r.user_routines()],
    }


def import_routines(companion: CompanionApi, document: Any, skipped: list[dict[str, Any]], *, dry_run: bool) -> int:
    """Add what the export's "routines" object holds and the data lacks; returns how many items were new.

    The dry run (dry_run=True) checks everything the real run writes, so the real run refuses nothing new.
    Own routines: an id used twice in the file, an id that is not an own routine's ("user-…") and an own routine
    here under the same id with other content are listed in `skipped`; an identical one is simply there already.
    """
    if document is None:
        return 0
    if not isinstance(document, dict):
        skipped.append({"line": "routines", "reason": "The export's routines are not an object with named fields."})
        return 0
    sections = {}
    for key, what in _SECTIONS:
        value = document.get(key)
        if value is not None and not isinstance(value, list):
            skipped.append({"line": what, "reason": f"The export's {what} are not a list."})
            value = None
        sections[key] = value or []
    r = companion.routines
    now = companion.clock.now()
    user = _user_routines(companion, sections["user_routines"], skipped)
    seen = {(s.routine_id, int(s.started.timestamp())) for s in r.sessions()}
    sessions = []
    for n, rec in enumerate(sections["sessions"], start=1):
        try:
            s = _session(rec, now)
        except ValidationError as exc:
            skipped.append({"line": f"routine session {n}", "reason": str(exc)})
            continue
        if (s.routine_id, int(s.started.timestamp())) not in seen:  # only what was here before is a duplicate
            sessions.append(s)
    known_sheets = {(w.routine_id, w.at, tuple(sorted(w.answers.items()))) for w in r.worksheets()}
    sheets = []
    for n, rec in enumerate(sections["worksheets"], start=1):
        try:
            w = _worksheet(rec, now)
        except ValidationError as exc:
            skipped.append({"line": f"worksheet {n}", "reason": str(exc)})
            continue
        if (w.routine_id, w.at, tuple(sorted(w.answers.items()))) not in known_sheets:
            sheets.append(w)
    library, favourites = r.library(), r.favourites()
    favs: list[str] = []
    for n, fav in enumerate(sections["favourites"], start=1):
        if not isinstance(fav, str):
            skipped.append({"line": f"favourite {n}", "reason": f"A favourite must be a routine's id, not"
                            f" {describe(fav)}."})  # fmt: skip
        elif fav not in library and not any(u.id == fav for u in user):
            skipped.append({"line": f"favourite {n}", "reason": f"There is no routine with the id {describe(fav)}."})
        elif fav not in favourites and fav not in favs:
            favs.append(fav)
    if not dry_run:
        for routine in user:
            r.save_user_routine(routine)
        r.add_sessions(sessions)
        for w in sheets:
            r.restore_worksheet(w)
        for f in favs:
            r.set_favourite(f, True)
    return len(user) + len(sessions) + len(sheets) + len(favs)


_SECTIONS = (("user_routines", "own routines"), ("sessions", "routine sessions"), ("worksheets", "worksheets"),
             ("favourites", "favourite routines"))  # fmt: skip
MAX_ID_CHARS = 200
#: Longest routine session read from an export (a week; the player's sessions last minutes).
MAX_SESSION_MINUTES = 7 * 24 * 60
MAX_STEPS = 10_000


def _user_routines(companion: CompanionApi, records: list[Any], skipped: list[dict[str, Any]]) -> list[Routine]:
    from .routines import USER_PREFIX

    known = {u.id: u for u in companion.routines.user_routines()}
    first: dict[str, int] = {}
    user = []
    for n, rec in enumerate(records, start=1):
        try:
            rec = need_object(rec, "The own routine")
            rid = rec.get("id")
            if not isinstance(rid, str) or not rid.strip() or len(rid) > MAX_ID_CHARS:
                raise ValidationError(f"The own routine's id must be a short text, not {describe(rid)}.")
            if not rid.startswith(USER_PREFIX):
                raise ValidationError(f"The id {describe(rid)} is not an own routine's (those start with 'user-').")
            if rid in first:
                raise ValidationError(
                    f"The id {describe(rid)} is also used by own routine {first[rid]}; only the first is imported."
                )
            first[rid] = n
            routine = routine_from_dict(rec, origin="user")
        except PainCompanionError as exc:
            skipped.append({"line": f"own routine {n}", "reason": str(exc)})
            continue
        if rid not in known:
            user.append(routine)
        elif routine_to_dict(known[rid]) != routine_to_dict(routine):
            skipped.append({"line": f"own routine {n}", "reason": f"An own routine with the id {describe(rid)} is"
                            " already here with other content; it was left as it is."})  # fmt: skip
    return user


def _session(rec: Any, now: datetime) -> LoggedSession:
    from .routines import check_session

    rec = need_object(rec, "The routine session")
    started = moment_field(rec, "started", "The start time")
    _not_future(started, now, "The start time")
    routine_id = text_field(rec, "routine_id", "The routine's id")
    if not routine_id.strip() or len(routine_id) > MAX_ID_CHARS:
        raise ValidationError(f"The routine's id must be a short text, not {describe(rec.get('routine_id'))}.")
    return check_session(
        LoggedSession(
            0,
            routine_id=routine_id,
            title=text_field(rec, "title", "The routine's title"),
            kind=text_field(rec, "kind", "The routine's kind"),
            started=started,
            minutes=parse_int(rec.get("minutes"), "Minutes", low=0, high=MAX_SESSION_MINUTES, required=True),
            before=parse_score(rec.get("before"), "The pain rating before"),
            after=parse_score(rec.get("after"), "The pain rating after"),
            note=text_field(rec, "note", "The session's note"),
            completed_steps=parse_int(rec.get("completed_steps"), "Steps done", low=0, high=MAX_STEPS) or 0,
            total_steps=parse_int(rec.get("total_steps"), "Steps in all", low=0, high=MAX_STEPS) or 0,
        ),
        now,
    )


def _worksheet(rec: Any, now: datetime) -> WorksheetRecord:
    rec = need_object(rec, "The worksheet")
    routine_id = text_field(rec, "routine_id", "The worksheet's routine id")
    if not routine_id.strip() or len(routine_id) > MAX_ID_CHARS:
        raise ValidationError(
            f"The worksheet's routine id must be a short text, not {describe(rec.get('routine_id'))}."
        )
    at = moment_field(rec, "at", "The worksheet's time")
    _not_future(at, now, "The worksheet's time")
    answers = need_object(rec.get("answers"), "The worksheet's answers")
    for key, value in answers.items():
        if not isinstance(value, str):
            raise ValidationError(f"The answer to {describe(key)} must be text, not {describe(value)}.")
    return WorksheetRecord(0, routine_id, text_field(rec, "title", "The worksheet's title"), at, dict(answers))


def _not_future(moment: datetime, now: datetime, what: str) -> None:
    if moment > ensure_aware(now) + FUTURE_TOLERANCE:
        raise ValidationError(f"{what} {moment:%Y-%m-%d %H:%M} is in the future.")
