"""The routines logged on one day, one line each: "10:05 Slow belly breathing — pain 6 → 4 (partly done)".

Shown under the Diary's table for the day of the chosen entry, and on the Today page for today. It reads
`companion.routines.sessions_on_day` only when asked (`show_day`) and again when a change names routines.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.changes import Changes
from ...domain.routine_log import LoggedSession
from ...logsetup import log_caught
from ..context import GuiContext

_log = logging.getLogger(__name__)


NOTE_PREVIEW_CHARS = 50


def ratings_text(session: LoggedSession) -> str:
    before, after = session.before, session.after
    if before is not None and after is not None:
        return f"pain {before} → {after}"
    if before is not None:
        return f"pain {before} before"
    if after is not None:
        return f"pain {after} after"
    return ""


def session_line(session: LoggedSession) -> str:
    """One line for a logged routine: time, title, the pain ratings, partly done, and the start of the note."""
    line = f"{session.started:%H:%M} {session.title}"
    ratings = ratings_text(session)
    if ratings:
        line += f" — {ratings}"
    if session.partly_done:
        line += f" (partly done: {session.completed_steps} of {session.total_steps} steps)"
    note = " ".join(session.note.split())
    if note:
        line += f" · “{note if len(note) <= NOTE_PREVIEW_CHARS else note[: NOTE_PREVIEW_CHARS - 1] + '…'}”"
    return line


def day_words(day: date, today: date) -> str:
    if day == today:
        return "today"
    return f"on {day:%a} {day.day} {day:%b %Y}"


class DayRoutines(QWidget):
    """A heading and one line per logged routine. `hide_when_empty` suits the Today page; the Diary says 'none'."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None, *, hide_when_empty: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("dayRoutines")
        self.ctx = ctx
        self.hide_when_empty = hide_when_empty
        self.day: date | None = None
        self.sessions: list[LoggedSession] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        self.heading = QLabel(self)
        self.heading.setObjectName("dayRoutinesHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.lines = QLabel(self)
        self.lines.setObjectName("dayRoutinesLines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines)
        ctx.bus.operation_did_execute.connect(self._on_changes)
        self.setVisible(False)

    def show_day(self, day: date | None, *, force: bool = False) -> None:
        """Show the routines logged on `day` (None: nothing chosen, hide). Reads again only for a new day."""
        if day == self.day and not force:
            return
        self.day = day
        if day is None:
            self.sessions = []
            self.setVisible(False)
            return
        try:
            sessions = sorted(self.ctx.companion.routines.sessions_on_day(day), key=lambda s: s.started)
        except Exception as exc:  # a side panel must never break its page: say what happened instead
            log_caught(_log, "The day's routines could not be read", exc)
            self._show(day, [], error=f"Routines could not be read: {exc}")
            return
        self._show(day, sessions)

    def reload(self) -> None:
        if self.day is not None:
            self.show_day(self.day, force=True)

    def _show(self, day: date, sessions: Sequence[LoggedSession], *, error: str = "") -> None:
        self.sessions = list(sessions)
        when = day_words(day, self.ctx.companion.clock.now().date())
        if error:
            self.heading.setText(f"Routines {when}")
            self.lines.setText(error)
        elif sessions:
            self.heading.setText(f"Routines {when}:")
            self.lines.setText("\n".join(session_line(s) for s in sessions))
        else:
            self.heading.setText(f"Routines {when}: none logged.")
            self.lines.setText("")
        self.lines.setVisible(bool(self.lines.text()))
        self.lines.setForegroundRole(QPalette.ColorRole.WindowText)
        description = self.heading.text() + (" " + self.lines.text().replace("\n", "; ") if self.lines.text() else "")
        self.setAccessibleName("Routines logged that day")
        self.setAccessibleDescription(description)
        self.setVisible(bool(sessions or error) or not self.hide_when_empty)

    def _on_changes(self, changes: Changes) -> None:
        if changes.routines:
            self.reload()
