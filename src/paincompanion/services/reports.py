"""The appointment summary use cases: the request with the patient's saved choices, building, writing, settings.

The patient's questions, name and paper size and the day of the last summary live in the settings table,
so they are backed up and exported with the data. Building reads a handful of aggregate queries for the
period (`period_rows`) plus the medicine list and the routine log; it is safe on a worker thread.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain.changes import Changes
from ..domain.clock import Clock
from ..reports.summary import (
    DEFAULT_DAYS,
    MAX_NAME_CHARS,
    MAX_QUESTIONS_CHARS,
    PAPERS,
    SECTION_KEYS,
    AppointmentSummary,
    ReportError,
    ReportRequest,
    build_summary,
    check_request,
    default_paper,
    default_period,
)
from ..reports.summary_build import PeriodRows
from ..storage import diary_repo, report_repo, settings_repo
from ..storage.database import Database
from .events import Signal

SETTINGS_CHANGES = Changes(settings=True)
KEY_QUESTIONS = "report_questions"
KEY_NAME = "report_patient_name"
KEY_BORN = "report_birth_date"
KEY_PAPER = "report_paper"
KEY_LAST = "report_last_summary"
#: Days before the period read for the first 7-day averages and "the day after a very active day".
LEAD_IN_DAYS = 6


class ReportService:
    """`companion.reports`: what the Summary page and the `report` command do."""

    def __init__(self, db: Database, clock: Clock, changed: Signal, source: Any = None) -> None:
        self._db = db
        self._clock = clock
        self._changed = changed
        #: The companion whose `meds` and `routines` the summary reads (set by Companion).
        self.source = source

    def _today(self) -> date:
        return self._clock.now().date()

    # --- settings ---------------------------------------------------------------------------------

    def _get(self, key: str, default: str = "") -> str:
        with self._db.read() as conn:
            return settings_repo.get(conn, key, default) or default

    def _put(self, key: str, value: str) -> None:
        with self._db.write() as conn:
            settings_repo.put(conn, key, value)
        self._changed.emit(SETTINGS_CHANGES)

    def questions(self) -> str:
        """The saved "Questions for my clinician" ("" when none)."""
        return self._get(KEY_QUESTIONS)

    def set_questions(self, text: str) -> None:
        text = str(text or "").strip()
        if len(text) > MAX_QUESTIONS_CHARS:
            raise ReportError(f"The questions are longer than {MAX_QUESTIONS_CHARS:,} characters; please shorten them.")
        if text != self.questions():
            self._put(KEY_QUESTIONS, text)

    def patient_name(self) -> str:
        """The name for the report's header ("" when the patient gave none)."""
        return self._get(KEY_NAME)

    def set_patient_name(self, text: str) -> None:
        name = " ".join(str(text or "").split())
        if len(name) > MAX_NAME_CHARS:
            raise ReportError(f"The name is longer than {MAX_NAME_CHARS} characters.")
        if name != self.patient_name():
            self._put(KEY_NAME, name)

    def birth_date(self) -> date | None:
        """The saved date of birth (None when not given or unreadable)."""
        try:
            return date.fromisoformat(self._get(KEY_BORN))
        except ValueError:
            return None

    def set_birth_date(self, born: date | None) -> None:
        """Save (or with None clear) the date of birth printed on every page of the summary."""
        if born is not None and not (date(1900, 1, 1) <= born <= self._today()):
            raise ReportError(f"The date of birth {born.isoformat()} is not possible; give a day like 1960-04-30.")
        value = born.isoformat() if born else ""
        if value != self._get(KEY_BORN):
            self._put(KEY_BORN, value)

    def paper(self) -> str:
        """The saved paper size, else the one the system locale suggests."""
        saved = self._get(KEY_PAPER)
        return saved if saved in PAPERS else default_paper()

    def set_paper(self, paper: str) -> None:
        value = str(paper).strip().lower()
        if value not in PAPERS:
            raise ReportError(f"Unknown paper size {paper!r}; choose a4 or letter.")
        if value != self._get(KEY_PAPER):
            self._put(KEY_PAPER, value)

    def last_summary_day(self) -> date | None:
        """The day the last summary was made (None when never, or when the stored value is unreadable)."""
        try:
            return date.fromisoformat(self._get(KEY_LAST))
        except ValueError:
            return None

    def mark_made(self, day: date | None = None) -> None:
        """Remember that a summary was made on `day` (default today): the next default period starts after it."""
        self._put(KEY_LAST, (day or self._today()).isoformat())

    # --- requests and summaries -------------------------------------------------------------------

    def default_period(self) -> tuple[date, date]:
        """Since the last summary, else the last 90 days (today included)."""
        return default_period(self._today(), self.last_summary_day())

    def request_for(
        self,
        days: int | None = None,
        start: date | None = None,
        end: date | None = None,
        sections: tuple[str, ...] | list[str] | None = None,
        paper: str | None = None,
    ) -> ReportRequest:
        """A checked request: the last `days` days, or `start`–`end` (end defaults to today), or the default period.

        Questions and name come from the settings; the paper from `paper`, else the saved one, else the locale.
        Raises `ReportError` with one plain line for a bad period, section or paper.
        """
        today = self._today()
        if days is not None:
            if days < 1:
                raise ReportError("The period is empty: the number of days must be 1 or more.")
            if start is not None or end is not None:
                raise ReportError("Give either a number of days or a start and end, not both.")
            start, end = today - timedelta(days=days - 1), today
        elif start is not None or end is not None:
            end = end or today
            start = start or end - timedelta(days=DEFAULT_DAYS - 1)
        else:
            start, end = self.default_period()
        request = ReportRequest(
            start=start,
            end=end,
            sections=tuple(sections) if sections is not None else SECTION_KEYS,
            paper=paper if paper is not None else self.paper(),
            questions=self.questions(),
            patient_name=self.patient_name(),
            birth_date=self.birth_date(),
        )
        return check_request(request, today)

    def build(self, request: ReportRequest) -> AppointmentSummary:
        """The summary for `request` (checked again here), made now."""
        request = check_request(request, self._today())
        return build_summary(self.source, request, self._clock.now().replace(microsecond=0))

    def render(self, request: ReportRequest) -> bytes:
        """The PDF's bytes (one renderer for the GUI and the CLI)."""
        from ..reports.pdf import render_pdf

        return render_pdf(self.build(request))

    def write(self, request: ReportRequest, path: Path) -> AppointmentSummary:
        """Write the PDF to `path` (atomically) and remember today as the day of the last summary."""
        from ..reports.pdf import write_pdf

        summary = self.build(request)
        write_pdf(summary, Path(path))
        self.mark_made()
        return summary

    # --- the period's rows --------------------------------------------------------------------------

    def period_rows(self, start: date, end: date, sections: tuple[str, ...] = SECTION_KEYS) -> PeriodRows:
        """Everything the diary sections need for a period, in one read transaction (aggregates in SQL)."""
        wants = set(sections)
        rows = PeriodRows(start=start, end=end)
        with self._db.read() as conn:
            if wants & {"pain", "sleep_mood", "patterns", "where"}:
                rows.points = diary_repo.entry_points(conn, start - timedelta(days=LEAD_IN_DAYS), end)
            if "where" in wants:
                rows.locations = report_repo.location_stats(conn, start, end)
                rows.qualities = report_repo.quality_stats(conn, start, end)
                rows.n_with_location = report_repo.entries_with_location(conn, start, end)
                rows.n_with_quality = report_repo.entries_with_quality(conn, start, end)
            if "sleep_mood" in wants:
                rows.activities = report_repo.activity_counts(conn, start, end)
            if "patterns" in wants:
                rows.tags = report_repo.tag_stats(conn, start, end)
            if "notes" in wants:
                rows.flagged = report_repo.flagged_notes(conn, start, end)
            if "peg" in wants:
                first = int(datetime.combine(start - timedelta(days=1), datetime.min.time()).timestamp())
                last = int(datetime.combine(end + timedelta(days=2), datetime.min.time()).timestamp())
                rows.peg = report_repo.peg_rows(conn, first, last)
        return rows
