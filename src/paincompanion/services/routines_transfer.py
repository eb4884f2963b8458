"""Routine data in the JSON export: logged sessions, worksheets, favourites and the user's own routines.

Exports made before routines existed simply lack the key; an import skips what is already there.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.routine_log import LoggedSession, WorksheetRecord
from ..domain.routines import routine_from_dict, routine_to_dict
from ..errors import PainCompanionError

if TYPE_CHECKING:
    from .companion import Companion

_SESSION_KEYS = ("routine_id", "title", "kind", "minutes", "before", "after", "note", "completed_steps", "total_steps")


def routines_document(companion: Companion) -> dict[str, Any]:
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


def import_routines(companion: Companion, document: Any, skipped: list[dict[str, Any]], *, dry_run: bool) -> int:
    """Add what the export's "routines" object holds and the data lacks; returns how many items were new."""
    if not isinstance(document, dict):
        return 0
    from .routines import check_session

    r = companion.routines
    user = []
    known_user = {u.id for u in r.user_routines()}
    for n, rec in enumerate(document.get("user_routines") or [], start=1):
        try:
            routine = routine_from_dict(rec, origin="user")
        except PainCompanionError as exc:
            skipped.append({"line": f"user routine {n}", "reason": str(exc)})
            continue
        if routine.id not in known_user and routine.id.startswith("user-"):
            user.append(routine)
    seen = {(s.routine_id, int(s.started.timestamp())) for s in r.sessions()}
    sessions = []
    for n, rec in enumerate(document.get("sessions") or [], start=1):
        try:
            s = check_session(
                LoggedSession(0, started=datetime.fromisoformat(rec["started"]), **{k: rec[k] for k in _SESSION_KEYS}),
                companion.clock.now(),
            )
        except (PainCompanionError, KeyError, TypeError, ValueError) as exc:
            skipped.append({"line": f"routine session {n}", "reason": str(exc) or "incomplete session"})
            continue
        if (s.routine_id, int(s.started.timestamp())) not in seen:  # only what was here before is a duplicate
            sessions.append(s)
    known_sheets = {(w.routine_id, w.at, tuple(sorted(w.answers.items()))) for w in r.worksheets()}
    sheets = []
    for n, rec in enumerate(document.get("worksheets") or [], start=1):
        try:
            answers = {str(k): str(v) for k, v in dict(rec["answers"]).items()}
            w = WorksheetRecord(
                0, str(rec["routine_id"]), str(rec.get("title", "")), datetime.fromisoformat(rec["at"]), answers
            )
            if w.at.utcoffset() is None:
                raise ValueError("a worksheet time needs a time zone")
        except (KeyError, TypeError, ValueError) as exc:
            skipped.append({"line": f"worksheet {n}", "reason": str(exc) or "incomplete worksheet"})
            continue
        if (w.routine_id, w.at, tuple(sorted(answers.items()))) not in known_sheets:
            sheets.append(w)
    favs = [f for f in document.get("favourites") or [] if isinstance(f, str) and f not in r.favourites()]
    if not dry_run:
        for routine in user:
            r.save_user_routine(routine)
        r.add_sessions(sessions)
        for w in sheets:
            r.restore_worksheet(w)
        for f in favs:
            try:
                r.set_favourite(f, True)
            except PainCompanionError:
                skipped.append({"line": f"favourite {f}", "reason": "no such routine"})
    return len(user) + len(sessions) + len(sheets) + len(favs)
