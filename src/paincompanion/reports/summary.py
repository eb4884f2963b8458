"""The appointment summary as plain data: the request, its checks, and every section's ready numbers.

Qt-free and SQLAlchemy-free. `build_summary` reads through the companion's services (the period's rows
come from `companion.reports.period_rows`, a handful of aggregate queries) and computes the sections in
reports/summary_build.py. Means are rounded half up (4.25 -> 4.3), as people round by hand, and every
change is the difference of the rounded numbers shown beside it, so the arithmetic on the page adds up.
The PDF renderer (reports/pdf.py) and the Summary page show exactly these fields; nothing is computed there.

Conventions for every section dataclass:
- a section switched off in the request is `None` on `AppointmentSummary`;
- a section that is on but has nothing to show has `has_data = False` and a one-line `absent_reason`;
- means are rounded to 1 decimal place; `n`/`n_*` fields count what a number is based on;
- dates are local diary days; the period is `request.start` to `request.end`, both inclusive.
"""

from __future__ import annotations

import locale as _locale
import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ..errors import PainCompanionError

SECTION_KEYS: tuple[str, ...] = (
    "goals",
    "pain",
    "peg",
    "where",
    "sleep_mood",
    "medicines",
    "routines",
    "patterns",
    "notes",
    "checkins",
    "questions",
)

SECTION_TITLES: dict[str, str] = {
    "goals": "My questions and goals",
    "checkins": "Side effects, mood screens and change",
    "pain": "Pain",
    "peg": "PEG score (pain, enjoyment of life, general activity)",
    "where": "Where and how it hurts",
    "sleep_mood": "Sleep, mood and activity beside pain",
    "medicines": "Medicines and supplements",
    "routines": "Routines done",
    "patterns": "What makes it worse, what helps",
    "notes": "Notes I flagged for you",
    "questions": "Questions for my clinician",
}

PAPERS: tuple[str, ...] = ("a4", "letter")

#: Countries (ISO 3166 codes) where Letter paper is the norm; everywhere else gets A4.
LETTER_COUNTRIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PR", "SV", "DO", "NI", "PA"})

#: The period when there is no earlier summary.
DEFAULT_DAYS = 90
#: A "very painful day": its average pain is at least this.
HIGH_PAIN = 7
#: The first-month → last-month change needs this many days between the first and the last day with entries.
MIN_SPAN_FOR_CHANGE = 60
#: Length of the "first month" and "last month" windows, in calendar days.
MONTH_DAYS = 30
#: Each month window needs at least this many days with entries.
MIN_DAYS_PER_MONTH = 3
#: Lists are kept short so the report stays at one or two pages.
TOP_LOCATIONS = 5
TOP_QUALITIES = 5
TOP_TAGS = 4
TOP_ACTIVITIES = 5
MAX_FLAGGED_NOTES = 5
MAX_NOTE_CHARS = 400
MAX_QUESTIONS_CHARS = 2_000
MAX_NAME_CHARS = 100
#: A tag is listed under "worse"/"helps" only when it was used on at least this many entries.
MIN_TAG_ENTRIES = 2

PATTERN_NOT_CAUSE = "These show patterns, not causes."

#: The ≥30 % change called meaningful is cited to IMMPACT (Dworkin 2008) and the CDC 2022 guideline
#: (reports/summary_more.py MEANINGFUL_SOURCE), printed beside the PEG change.
PEG_NOTE = "PEG = mean of the three 0–10 ratings for the past week; lower is better."


class ReportError(PainCompanionError):
    """A request that cannot be made into a report (one plain line), or a file that cannot be written."""


@dataclass(frozen=True)
class ReportRequest:
    """What to put in the summary. `start` and `end` are local diary days, both inclusive."""

    start: date
    end: date
    sections: tuple[str, ...] = SECTION_KEYS
    paper: str = "a4"
    questions: str = ""  # "Questions for my clinician", typed by the patient
    patient_name: str = ""
    birth_date: date | None = None  # the patient's date of birth, on every page when given

    @property
    def days(self) -> int:
        """Calendar days in the period."""
        return (self.end - self.start).days + 1

    def wants(self, section: str) -> bool:
        return section in self.sections

    @property
    def period_text(self) -> str:
        """'1 Jan 2026 to 31 Mar 2026 (90 days)'."""
        days = "day" if self.days == 1 else "days"
        return f"{day_text(self.start)} to {day_text(self.end)} ({self.days} {days})"


def day_text(day: date) -> str:
    """'5 Mar 2026' (the same on every platform)."""
    return f"{day.day} {day:%b %Y}"


def check_request(request: ReportRequest, today: date) -> ReportRequest:
    """Return a cleaned copy of `request` (sections in report order, paper lower-case, texts trimmed).

    Raises `ReportError` with one plain line for a reversed period, an end after `today`, an unknown
    section or an unknown paper size.
    """
    if request.start > request.end:
        raise ReportError(f"The period is reversed: {request.start} is after {request.end}.")
    if request.end > today:
        raise ReportError(f"The period ends on {request.end}, which is in the future; the latest end is today.")
    if request.start.year < 1900:
        raise ReportError("The period starts too far in the past.")
    wanted = [str(s).strip().lower() for s in request.sections]
    unknown = [s for s in wanted if s not in SECTION_KEYS]
    if unknown:
        raise ReportError(f"Unknown section {unknown[0]!r}; choose from: {', '.join(SECTION_KEYS)}.")
    paper = str(request.paper).strip().lower()
    if paper not in PAPERS:
        raise ReportError(f"Unknown paper size {request.paper!r}; choose a4 or letter.")
    questions = str(request.questions or "").strip()
    if len(questions) > MAX_QUESTIONS_CHARS:
        raise ReportError(f"The questions are longer than {MAX_QUESTIONS_CHARS:,} characters; please shorten them.")
    name = " ".join(str(request.patient_name or "").split())
    if len(name) > MAX_NAME_CHARS:
        raise ReportError(f"The name is longer than {MAX_NAME_CHARS} characters.")
    born = request.birth_date
    if born is not None and not (date(1900, 1, 1) <= born <= today):
        raise ReportError(f"The date of birth {born.isoformat()} is not possible; give a day like 1960-04-30.")
    sections = tuple(s for s in SECTION_KEYS if s in wanted)
    return ReportRequest(request.start, request.end, sections, paper, questions, name, born)


def _locale_country(locale_name: str) -> str:
    """'en_US.UTF-8' -> 'US'; '' when there is none."""
    base = locale_name.split(".")[0].split("@")[0]
    if "_" in base:
        return base.split("_", 1)[1].upper()
    if "-" in base:
        return base.split("-", 1)[1].upper()
    return ""


def default_paper(locale_name: str | None = None) -> str:
    """'letter' where Letter is the norm (US, CA, MX, PH, …), else 'a4'.

    Without `locale_name`, the system's LC_ALL, LC_PAPER, LANG (in that order) are used.
    """
    if locale_name is None:
        locale_name = next((os.environ[k] for k in ("LC_ALL", "LC_PAPER", "LANG") if os.environ.get(k)), "")
        if not locale_name:
            try:
                locale_name = _locale.getlocale()[0] or ""
            except ValueError:
                locale_name = ""
    return "letter" if _locale_country(locale_name) in LETTER_COUNTRIES else "a4"


def default_period(today: date, last_summary: date | None) -> tuple[date, date]:
    """Since the last summary (the day after it, up to today), else the last 90 days including today.

    A last summary made today (or in the future, after a clock change) falls back to 90 days.
    """
    if last_summary is not None and last_summary < today:
        return last_summary + timedelta(days=1), today
    return today - timedelta(days=DEFAULT_DAYS - 1), today


# --- sections ------------------------------------------------------------------------------------

DayValue = tuple[date, float | None]


@dataclass(frozen=True)
class MonthPain:
    """Average daily pain in one 30-day window of the period."""

    start: date
    end: date  # inclusive
    mean: float  # mean of the daily means in the window, 1 dp
    n_days: int  # days with entries in the window


@dataclass(frozen=True)
class PainSummary:
    """Pain ratings (0–10) in the period.

    "Day" numbers use each day's mean pain (a day with many entries counts once); "entry" numbers use
    single ratings.
    """

    has_data: bool
    absent_reason: str = ""  # e.g. "No diary entries in this period."
    n_entries: int = 0
    n_days: int = 0  # days with at least one entry
    period_days: int = 0  # calendar days in the period
    mean: float | None = None  # average of the daily means
    best_day: float | None = None  # lowest daily mean
    best_day_date: date | None = None  # (the earliest such day)
    worst_day: float | None = None  # highest daily mean
    worst_day_date: date | None = None
    lowest_entry: int | None = None  # lowest single rating
    highest_entry: int | None = None  # highest single rating
    days_at_7_or_more: int = 0  # days whose mean pain was 7 or more
    days_any_entry_7_or_more: int = 0  # days with at least one rating of 7 or more
    #: (day, mean pain) for every day with entries, in order — the trend chart's points.
    daily: tuple[DayValue, ...] = ()
    #: (day, 7-day average or None) for every calendar day from the first to the last day with entries;
    #: None where fewer than 3 of the 7 days have entries (draw a gap). Days before the period count in
    #: the first windows.
    rolling: tuple[DayValue, ...] = ()
    first_month: MonthPain | None = None  # the first 30 days of the data in the period
    last_month: MonthPain | None = None  # the last 30 days
    month_change: float | None = None  # last_month.mean - first_month.mean as shown (negative = less pain)
    month_change_reason: str = ""  # why there is no change, when month_change is None

    def text(self) -> str:
        """One plain sentence (also the chart's text equivalent)."""
        if not self.has_data:
            return self.absent_reason
        return (
            f"Average daily pain {self.mean:.1f} of 10 over {self.n_days} of {self.period_days} days "
            f"({self.n_entries} entries); best day {self.best_day:.1f}, worst day {self.worst_day:.1f}; "
            f"{self.days_at_7_or_more} days averaged 7 or more."
        )


@dataclass(frozen=True)
class PegPoint:
    """One PEG check-in."""

    day: date
    score: float  # mean of the three items, 1 dp
    pain: int
    enjoyment: int
    activity: int


@dataclass(frozen=True)
class PegSummary:
    """PEG check-ins made in the period (Krebs 2009; see `source`)."""

    has_data: bool
    absent_reason: str = ""
    n_checkins: int = 0
    first: PegPoint | None = None
    latest: PegPoint | None = None  # None when only one check-in (then there is no change)
    change: float | None = None  # latest.score - first.score (the shown scores), 1 dp (negative = better)
    change_percent: float | None = None  # change / first.score × 100, 0 dp; None when first.score is 0
    points: tuple[DayValue, ...] = ()  # (day, score) of every check-in, oldest first
    checkins: tuple[PegPoint, ...] = ()  # every check-in with its three items, oldest first
    note: str = PEG_NOTE
    source: str = ""  # the citation of the scale (PEG_SOURCE)


@dataclass(frozen=True)
class LocationCount:
    """A body region and how many entries in the period named it."""

    region: str  # region id (domain/body.py), for a body map
    name: str  # plain name, e.g. "Lower back"
    n_entries: int
    percent: int  # of the entries that named any location, 0 dp
    mean_intensity: float | None = None  # mean of the region's own ratings, when given


@dataclass(frozen=True)
class WhereSummary:
    """The most frequent body locations and pain qualities."""

    has_data: bool
    absent_reason: str = ""
    n_entries: int = 0  # entries in the period
    n_with_location: int = 0  # entries naming at least one location
    n_with_quality: int = 0  # entries naming at least one quality
    locations: tuple[LocationCount, ...] = ()  # most frequent first (at most TOP_LOCATIONS)
    qualities: tuple[tuple[str, int], ...] = ()  # (quality, entries), most frequent first


@dataclass(frozen=True)
class ComparisonRow:
    """Average daily pain on two kinds of day (from services/insights.py comparisons)."""

    label: str  # "Short sleep"
    mean_a: float  # e.g. after nights under 6 h
    n_a: int  # days
    mean_b: float  # e.g. after nights of 6 h or more
    n_b: int
    sentence: str  # the plain sentence, ending with "This shows a pattern, not a cause."


@dataclass(frozen=True)
class SleepMoodSummary:
    """Sleep, mood and activity recorded beside pain (daily means; a day counts once)."""

    has_data: bool
    absent_reason: str = ""
    mean_sleep_hours: float | None = None
    n_sleep_days: int = 0
    mean_sleep_quality: float | None = None  # 0–10
    n_sleep_quality_days: int = 0
    mean_mood: float | None = None  # 0–10
    n_mood_days: int = 0
    mean_activity_level: float | None = None  # mean of each day's highest activity level, 0–10
    n_activity_days: int = 0
    activities: tuple[tuple[str, int], ...] = ()  # (activity as written, entries), most frequent first
    comparisons: tuple[ComparisonRow, ...] = ()  # only those with ≥ 3 days on each side
    #: (day, mean sleep hours / mean mood or None) for every day with entries, for a chart beside pain.
    sleep_daily: tuple[DayValue, ...] = ()
    mood_daily: tuple[DayValue, ...] = ()


@dataclass(frozen=True)
class MedicineRow:
    """One item on the patient's list."""

    name: str
    strength: str  # "50 mg", or "" when not given
    schedule: str  # "2× a day", "as needed, up to 3× a day", …
    start: date | None
    stop: date | None
    as_needed: bool
    kind: str = ""  # "drug", "supplement", "herbal" or ""
    reason: str = ""
    recognized: bool = True  # False: the app's interaction data does not know the name (not checked)
    #: "Acetaminophen + Codeine" when the item is checked by the ingredients the patient read off the pack.
    ingredients_given: str = ""
    doses_logged: int = 0  # doses in the dose log within the period
    #: As-needed items: logged doses per week over the part of the period the item was taken; else None.
    uses_per_week: float | None = None


@dataclass(frozen=True)
class MmeSummary:
    """The opioid daily total from the current schedule (CDC 2022 conversion factors)."""

    total: float | None  # MME per day, 1 dp; None when no opioid could be counted
    lines: tuple[tuple[str, float], ...] = ()  # (item, MME per day)
    not_calculated: tuple[tuple[str, str], ...] = ()  # (item, why) — e.g. buprenorphine
    notes: tuple[str, ...] = ()  # the engine's notes (what MME is and is not)


@dataclass(frozen=True)
class ApapDay:
    """The day in the period with the most acetaminophen (paracetamol), from schedule and dose log."""

    day: date
    total_mg: float
    limit_mg: int
    over: bool
    uncounted: tuple[str, ...] = ()  # items whose amount could not be counted
    limit_notes: tuple[str, ...] = ()  # why a lower limit applies, when it does


@dataclass(frozen=True)
class WarningRow:
    """One major or contraindicated interaction warning, as one line."""

    severity: str  # "contraindicated" or "major"
    items: tuple[str, ...]  # the patient's items involved, as they wrote them
    text: str  # one line: "Major: tramadol + duloxetine — serotonin syndrome risk …"
    source: str = ""  # the first source's title


@dataclass(frozen=True)
class MedicinesSummary:
    """The medicine list as it stood at the end of the period, with totals and warnings."""

    has_data: bool
    absent_reason: str = ""
    current: tuple[MedicineRow, ...] = ()  # taken at the end of the period
    stopped: tuple[MedicineRow, ...] = ()  # stopped during the period
    mme: MmeSummary | None = None  # None when no opioid is on the list
    apap: ApapDay | None = None  # None when no acetaminophen in the period
    warnings: tuple[WarningRow, ...] = ()  # contraindicated first, then major
    dataset_version: str | None = None
    #: Current items that are kratom or concentrated 7-OH (the summary points to "Kratom: what to know").
    kratom_items: tuple[str, ...] = ()
    #: Scheduled medicines with a dose log: days taken of days on the list (summary_more.adherence).
    adherence: tuple[Any, ...] = ()
    #: The opioid safety line (summary_more.OpioidSafety); None when no opioid or kratom is on the list.
    safety: Any = None
    #: Pain before → after per as-needed item over its doses in the period rated both times, n >= 3
    #: (summary_more.EffectRow); `effects_fewer` counts the as-needed items rated fewer than 3 times.
    effects: tuple[Any, ...] = ()
    effects_fewer: int = 0
    #: Kratom and other items taken by weight: the period's amounts (summary_more.AmountRow).
    amounts: tuple[Any, ...] = ()


@dataclass(frozen=True)
class RoutineRow:
    """One routine done in the period."""

    routine_id: str
    title: str
    times_done: int
    n_rated: int = 0  # sessions with both a before and an after rating
    mean_before: float | None = None  # pain before, 0–10
    mean_after: float | None = None
    mean_change: float | None = None  # mean_after - mean_before as shown (negative = less pain)


@dataclass(frozen=True)
class RoutinesSummary:
    """Routines logged in the period (the routine log of RoutineService), most done first."""

    has_data: bool
    absent_reason: str = ""
    n_sessions: int = 0  # sessions logged in the period
    rows: tuple[RoutineRow, ...] = ()  # most done first


@dataclass(frozen=True)
class TagRow:
    """A trigger or a "helped" tag: on how many entries, and the mean pain of those entries."""

    tag: str
    n_entries: int
    mean_pain: float


@dataclass(frozen=True)
class PatternsSummary:
    """What makes it worse (triggers) and what helps ("helped" tags), as the patient tagged them."""

    has_data: bool
    absent_reason: str = ""
    mean_pain_all: float | None = None  # mean of all entries' pain in the period, for comparison
    worse: tuple[TagRow, ...] = ()  # most used first
    helps: tuple[TagRow, ...] = ()
    note: str = PATTERN_NOT_CAUSE


@dataclass(frozen=True)
class FlaggedNote:
    """A note the patient marked "Show this note to my clinician"."""

    entry_id: int
    at: datetime
    pain: int
    text: str  # shortened to MAX_NOTE_CHARS when `shortened`
    shortened: bool = False


@dataclass(frozen=True)
class NotesSummary:
    """Notes the patient flagged "Show this note to my clinician" (entries without a note are left out)."""

    has_data: bool
    absent_reason: str = ""
    n_flagged: int = 0  # flagged entries with a note in the period
    notes: tuple[FlaggedNote, ...] = ()  # oldest first, at most MAX_FLAGGED_NOTES (the most recent ones)


@dataclass(frozen=True)
class AppointmentSummary:
    """The whole report. A section is None when switched off; questions live in `request.questions`."""

    request: ReportRequest
    made_at: datetime
    dataset_version: str | None
    pain: PainSummary | None = None
    peg: PegSummary | None = None
    where: WhereSummary | None = None
    sleep_mood: SleepMoodSummary | None = None
    medicines: MedicinesSummary | None = None
    routines: RoutinesSummary | None = None
    patterns: PatternsSummary | None = None
    notes: NotesSummary | None = None
    #: Issue 20 (reports/summary_more.py): goals, pain bands and flares, check-ins.
    goals: Any = None
    bands: Any = None
    checkins: Any = None
    #: Fewer days with entries than summary_more.MIN_DAYS_TO_SUMMARISE: numbers carry a "too few" banner.
    too_few: bool = False

    @property
    def questions(self) -> str | None:
        """The patient's questions, None when the section is off ("" when on but empty)."""
        return self.request.questions if self.request.wants("questions") else None

    def section(self, key: str) -> Any:
        """The section object by key (None when off); 'questions' gives the text."""
        return self.questions if key == "questions" else getattr(self, key)


def build_summary(companion_like: Any, request: ReportRequest, made_at: datetime) -> AppointmentSummary:
    """Build the summary for a checked request (see `check_request`)."""
    from .summary_build import build  # the computing lives beside; this module stays the API

    return build(companion_like, request, made_at)
