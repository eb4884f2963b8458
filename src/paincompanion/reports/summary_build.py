"""Computing the appointment summary's sections from the period's rows (fields: see reports/summary.py).

The diary sections reuse analysis/insights.py (daily means, 7-day averages, the honest comparisons), the
medicine section reuses analysis/meds_totals.py and the interaction checker. Nothing here touches the
database: `companion.reports.period_rows` reads the aggregates, `companion.meds` and `companion.routines`
the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import fmean
from typing import Any

from ..domain.body import region_name
from ..domain.interactions import Severity
from ..domain.medications import Dose, Medication
from ..domain.peg import PEG_SOURCE
from ..domain.period_rows import EntryPoint, LocationStat, NameCount, PegRow, TagStat
from ..domain.period_rows import FlaggedNote as FlaggedRow
from ..domain.routine_log import LoggedSession
from ..errors import PainCompanionError
from ..interactions.about import mentions_kratom
from ..storage.rows import from_utc_fields
from . import summary_more as more
from .summary import (
    HIGH_PAIN,
    MAX_FLAGGED_NOTES,
    MAX_NOTE_CHARS,
    MIN_DAYS_PER_MONTH,
    MIN_SPAN_FOR_CHANGE,
    MIN_TAG_ENTRIES,
    MONTH_DAYS,
    TOP_ACTIVITIES,
    TOP_LOCATIONS,
    TOP_QUALITIES,
    TOP_TAGS,
    ApapDay,
    AppointmentSummary,
    ComparisonRow,
    FlaggedNote,
    LocationCount,
    MedicineRow,
    MedicinesSummary,
    MmeSummary,
    MonthPain,
    NotesSummary,
    PainSummary,
    PatternsSummary,
    PegPoint,
    PegSummary,
    ReportRequest,
    RoutineRow,
    RoutinesSummary,
    SleepMoodSummary,
    TagRow,
    WarningRow,
    WhereSummary,
)

NO_ENTRIES = "No diary entries in this period."


@dataclass
class PeriodRows:
    """What `ReportService.period_rows` reads for one period (plain rows; lists stay empty when not read)."""

    start: date
    end: date
    #: Entry points from 6 days before `start` to `end` (the lead-in serves 7-day averages).
    points: list[EntryPoint] = field(default_factory=list)
    locations: list[LocationStat] = field(default_factory=list)
    qualities: list[NameCount] = field(default_factory=list)
    n_with_location: int = 0
    n_with_quality: int = 0
    activities: list[NameCount] = field(default_factory=list)
    tags: list[TagStat] = field(default_factory=list)
    flagged: list[FlaggedRow] = field(default_factory=list)
    peg: list[PegRow] = field(default_factory=list)


def r1(value: float) -> float:
    """Round half up to 1 decimal place (2.25 -> 2.3), as people round by hand."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _r1_or_none(value: float | None) -> float | None:
    return None if value is None else r1(value)


def _mean(values: Sequence[float | None]) -> tuple[float | None, int]:
    present = [v for v in values if v is not None]
    return (r1(fmean(present)), len(present)) if present else (None, 0)


# --- the diary sections ----------------------------------------------------------------------------


@dataclass
class _Diary:
    """The period's diary rows and days, computed once for all diary sections."""

    rows: list[EntryPoint]
    days: list[Any]  # insights.DayPoint
    lead_in: list[Any]
    previous: Any  # the DayPoint of the day before the period, if any


def _diary(rows: PeriodRows) -> _Diary:
    from ..analysis import insights

    start = rows.start.isoformat()
    period = [r for r in rows.points if r.day >= start]
    lead_in = insights.daily_points([r for r in rows.points if r.day < start])
    before = rows.start - timedelta(days=1)
    previous = next((d for d in lead_in if d.day == before), None)
    return _Diary(period, insights.daily_points(period), lead_in, previous)


def _month(days: Sequence[Any], first: date, last: date) -> MonthPain | None:
    inside = [d.pain for d in days if first <= d.day <= last]
    if len(inside) < MIN_DAYS_PER_MONTH:
        return None
    return MonthPain(first, last, r1(fmean(inside)), len(inside))


def pain_section(diary: _Diary, request: ReportRequest) -> PainSummary:
    from ..analysis import insights

    days = diary.days
    if not days:
        return PainSummary(False, NO_ENTRIES, period_days=request.days)
    best = min(days, key=lambda d: d.pain)
    worst = max(days, key=lambda d: d.pain)
    top_by_day: dict[str, int] = defaultdict(int)
    for row in diary.rows:
        top_by_day[row.day] = max(top_by_day[row.day], row.pain)
    rolling = insights.rolling_points(days, diary.lead_in)
    first_day, last_day = days[0].day, days[-1].day
    span = (last_day - first_day).days + 1
    first_month = last_month = None
    change, reason = None, ""
    if span < MIN_SPAN_FOR_CHANGE:
        reason = (
            f"The entries cover {span} {'day' if span == 1 else 'days'}; a first-month to last-month change "
            f"needs at least {MIN_SPAN_FOR_CHANGE}."
        )
    else:
        first_month = _month(days, first_day, first_day + timedelta(days=MONTH_DAYS - 1))
        last_month = _month(days, last_day - timedelta(days=MONTH_DAYS - 1), last_day)
        if first_month is None or last_month is None:
            reason = f"The first or the last month has fewer than {MIN_DAYS_PER_MONTH} days with entries."
        else:
            change = r1(last_month.mean - first_month.mean)  # from the shown means, so the page adds up
    return PainSummary(
        has_data=True,
        n_entries=len(diary.rows),
        n_days=len(days),
        period_days=request.days,
        mean=r1(fmean(d.pain for d in days)),
        best_day=r1(best.pain),
        best_day_date=best.day,
        worst_day=r1(worst.pain),
        worst_day_date=worst.day,
        lowest_entry=min(r.pain for r in diary.rows),
        highest_entry=max(r.pain for r in diary.rows),
        days_at_7_or_more=sum(d.pain >= HIGH_PAIN for d in days),
        days_any_entry_7_or_more=sum(v >= HIGH_PAIN for v in top_by_day.values()),
        daily=tuple((d.day, r1(d.pain)) for d in days),
        rolling=tuple((p.day, _r1_or_none(p.pain)) for p in rolling),
        first_month=first_month,
        last_month=last_month,
        month_change=change,
        month_change_reason=reason,
    )


def peg_section(rows: PeriodRows) -> PegSummary:
    points = []
    for peg in rows.peg:
        day = from_utc_fields(peg.at_utc, peg.utc_offset).date()
        if rows.start <= day <= rows.end:
            points.append((day, (peg.pain + peg.enjoyment + peg.activity) / 3, peg.pain, peg.enjoyment, peg.activity))
    if not points:
        return PegSummary(False, "No PEG check-ins in this period.", source=PEG_SOURCE)
    first = PegPoint(points[0][0], r1(points[0][1]), *points[0][2:])
    latest = change = percent = None
    if len(points) > 1:
        latest = PegPoint(points[-1][0], r1(points[-1][1]), *points[-1][2:])
        # From the shown scores, so "3.7 -> 5.3, +1.6" adds up on the page.
        change = r1(latest.score - first.score)
        percent = round(change * 100 / first.score) if first.score > 0 else None
    return PegSummary(
        has_data=True,
        n_checkins=len(points),
        first=first,
        latest=latest,
        change=change,
        change_percent=percent,
        points=tuple((p[0], r1(p[1])) for p in points),
        checkins=tuple(PegPoint(p[0], r1(p[1]), *p[2:]) for p in points),
        source=PEG_SOURCE,
    )


def where_section(diary: _Diary, rows: PeriodRows) -> WhereSummary:
    n_entries = len(diary.rows)
    if not n_entries:
        return WhereSummary(False, NO_ENTRIES)
    if not rows.locations and not rows.qualities:
        return WhereSummary(False, "No body locations or pain qualities were noted in this period.", n_entries)
    base = max(rows.n_with_location, 1)
    locations = tuple(
        LocationCount(s.region, region_name(s.region), s.entries, round(s.entries * 100 / base), _r1_or_none(s.mean))
        for s in rows.locations[:TOP_LOCATIONS]
    )
    return WhereSummary(
        has_data=True,
        n_entries=n_entries,
        n_with_location=rows.n_with_location,
        n_with_quality=rows.n_with_quality,
        locations=locations,
        qualities=tuple((q.name, q.entries) for q in rows.qualities[:TOP_QUALITIES]),
    )


def sleep_mood_section(diary: _Diary, rows: PeriodRows) -> SleepMoodSummary:
    from ..analysis import insights

    days = diary.days
    if not days:
        return SleepMoodSummary(False, NO_ENTRIES)
    sleep, n_sleep = _mean([d.sleep_hours for d in days])
    quality, n_quality = _mean([d.sleep_quality for d in days])
    mood, n_mood = _mean([d.mood for d in days])
    activity, n_activity = _mean([d.activity_level for d in days])
    if not (n_sleep or n_quality or n_mood or n_activity or rows.activities):
        return SleepMoodSummary(False, "No sleep, mood or activity was noted in this period.")
    comparisons = tuple(
        ComparisonRow(c.label, r1(c.mean_a), c.n_a, r1(c.mean_b), c.n_b, c.sentence)
        for c in insights.comparisons(days, diary.previous)
    )
    return SleepMoodSummary(
        has_data=True,
        mean_sleep_hours=sleep,
        n_sleep_days=n_sleep,
        mean_sleep_quality=quality,
        n_sleep_quality_days=n_quality,
        mean_mood=mood,
        n_mood_days=n_mood,
        mean_activity_level=activity,
        n_activity_days=n_activity,
        activities=tuple((a.name, a.entries) for a in rows.activities[:TOP_ACTIVITIES]),
        comparisons=comparisons,
        sleep_daily=tuple((d.day, _r1_or_none(d.sleep_hours)) for d in days),
        mood_daily=tuple((d.day, _r1_or_none(d.mood)) for d in days),
    )


def patterns_section(diary: _Diary, rows: PeriodRows) -> PatternsSummary:
    if not diary.rows:
        return PatternsSummary(False, NO_ENTRIES)
    mean_all = r1(fmean(r.pain for r in diary.rows))
    if not rows.tags:
        return PatternsSummary(False, "Nothing was tagged as making it worse or helping in this period.", mean_all)

    def top(kind: str) -> tuple[TagRow, ...]:
        found = [
            TagRow(t.tag, t.entries, r1(t.mean_pain))
            for t in rows.tags
            if t.kind == kind and t.entries >= MIN_TAG_ENTRIES
        ]
        return tuple(found[:TOP_TAGS])

    worse, helps = top("trigger"), top("helped")
    if not worse and not helps:
        return PatternsSummary(False, f"No tag was used on {MIN_TAG_ENTRIES} or more entries in this period.", mean_all)
    return PatternsSummary(True, mean_pain_all=mean_all, worse=worse, helps=helps)


def _shorten(text: str) -> tuple[str, bool]:
    text = " ".join(text.split())
    if len(text) <= MAX_NOTE_CHARS:
        return text, False
    cut = text[:MAX_NOTE_CHARS].rsplit(" ", 1)[0] or text[:MAX_NOTE_CHARS]
    return cut.rstrip(" ,;.") + " …", True


def notes_section(rows: PeriodRows) -> NotesSummary:
    if not rows.flagged:
        return NotesSummary(False, "No notes were flagged for the clinician in this period.")
    notes = []
    for row in rows.flagged[-MAX_FLAGGED_NOTES:]:
        text, shortened = _shorten(row.note)
        at = from_utc_fields(row.at_utc, row.utc_offset)
        notes.append(FlaggedNote(row.entry_id, at, row.pain, text, shortened))
    return NotesSummary(True, n_flagged=len(rows.flagged), notes=tuple(notes))


# --- medicines and routines ------------------------------------------------------------------------


def _row(med: Medication, doses_in_period: int, request: ReportRequest) -> MedicineRow:
    per_week = None
    if med.as_needed:
        first = max(request.start, med.start or request.start)
        last = min(request.end, med.stop or request.end)
        days = max((last - first).days + 1, min(7, request.days))
        per_week = r1(doses_in_period * 7 / days)
    return MedicineRow(
        name=med.name,
        strength=med.strength_text,
        schedule=med.schedule_text,
        start=med.start,
        stop=med.stop,
        as_needed=med.as_needed,
        kind=med.effective_kind,
        reason=med.reason,
        doses_logged=doses_in_period,
        uses_per_week=per_week,
        recognized=med.recognized,
        ingredients_given=" + ".join(med.display_ingredients) if med.ingredients_given else "",
    )


def _mme(current: Sequence[Medication], dataset: Any) -> MmeSummary | None:
    from ..analysis import meds_totals
    from ..interactions import compute_mme

    # Only recognised items: mme_items then keeps just the opioids (unrecognised names are marked in the list).
    items, missing = meds_totals.mme_items([m for m in current if m.recognized], dataset)
    if not items and not missing:
        return None
    result = meds_totals.with_missing(compute_mme(items, dataset), missing)
    return MmeSummary(
        total=r1(result.total_mme_per_day) if result.items else None,
        lines=tuple((line.drug, r1(line.mme_per_day)) for line in result.items),
        not_calculated=tuple((n.drug, n.reason) for n in result.not_calculated),
        notes=tuple(result.notes),
    )


def _warnings(current: Sequence[Medication], dataset: Any) -> tuple[WarningRow, ...]:
    from ..interactions import check

    if not current:
        return ()
    result = check([m.name for m in current], dataset)
    rows = []
    for w in sorted(result.warnings, key=lambda w: w.sort_key()):
        if w.severity < Severity.MAJOR:
            continue
        source = w.sources[0].title if w.sources else ""
        text = f"{w.severity.label}: {' + '.join(w.items)} — {w.summary}"
        rows.append(WarningRow(w.severity.value, tuple(w.items), text, source))
    return tuple(rows)


def medicines_section(companion: Any, request: ReportRequest) -> tuple[MedicinesSummary, str | None]:
    from ..analysis import meds_totals

    service = companion.meds
    try:
        dataset = service.dataset
    except PainCompanionError as exc:
        return MedicinesSummary(False, f"The medicine data could not be loaded: {exc}"), None
    start, end = request.start, request.end
    meds = [replace(m, as_of=end) for m in service.list_medications() if m.start is None or m.start <= end]
    doses: list[Dose] = service.doses(start, end)
    counts: dict[int, int] = defaultdict(int)
    for dose in doses:
        counts[dose.medication_id] += 1
    current = [m for m in meds if m.stop is None or m.stop > end]
    stopped = [m for m in meds if m.stop is not None and start <= m.stop <= end]
    if not current and not stopped:
        return MedicinesSummary(False, "No medicines or supplements recorded for this period."), dataset.version
    profile = service.apap_profile()
    highest = meds_totals.highest_apap_day(
        meds, doses, start, end, dataset,
        liver_disease=profile["liver_disease"], regular_alcohol=profile["regular_alcohol"],
    )  # fmt: skip
    apap = None
    if highest is not None:
        day, result = highest
        notes = tuple(service.apap_limit_notes())
        apap = ApapDay(day, r1(result.total_mg), result.limit_mg, result.over, tuple(result.uncounted), notes)
    summary = MedicinesSummary(
        has_data=True,
        current=tuple(_row(m, counts[m.id], request) for m in current),
        stopped=tuple(_row(m, counts[m.id], request) for m in stopped),
        mme=_mme(current, dataset),
        apap=apap,
        warnings=_warnings(current, dataset),
        dataset_version=dataset.version,
        kratom_items=tuple(m.name for m in current if mentions_kratom(m.ingredients)),
        adherence=more.adherence(meds, doses, start, end),
    )
    effects, fewer = _effects(companion, meds, doses)
    summary = replace(
        summary,
        safety=_safety(companion, current, meds, doses, request, dataset, summary.mme),
        effects=effects,
        effects_fewer=fewer,
        amounts=_amounts(meds, doses),
    )
    return summary, dataset.version


def _effects(companion: Any, meds: Sequence[Medication], doses: Sequence[Dose]) -> tuple[tuple[Any, ...], int]:
    """Pain before → after per as-needed item, over the period's doses rated both times (domain/dose_effect.py)."""
    from ..domain.dose_effect import medication_effects

    service = getattr(companion, "dose_effects", None)
    as_needed = {m.id for m in meds if m.as_needed}
    mine = [d for d in doses if d.medication_id in as_needed]
    if service is None or not mine:
        return (), 0
    ratings = service.ratings([d.id for d in mine])
    names = {m.id: m.name for m in meds}
    pairs = [
        (d.medication_id, names[d.medication_id], r.pain_before, r.pain_after)
        for d in sorted(mine, key=lambda d: (d.at, d.id))
        if (r := ratings.get(d.id)) is not None
    ]
    return more.effect_rows(medication_effects(pairs), as_needed)


def _amounts(meds: Sequence[Medication], doses: Sequence[Dose]) -> tuple[Any, ...]:
    """Kratom (always) and supplements or herbals whose amounts are weights: grams (or mg) a day used."""
    from ..domain.amounts import daily_totals, form_unit

    rows = []
    for med in sorted(meds, key=lambda m: (m.name.casefold(), m.id)):
        kratom = mentions_kratom(med.ingredients)
        if not kratom and med.effective_kind not in ("supplement", "herbal"):
            continue
        own = [d for d in doses if d.medication_id == med.id]
        if not own:
            continue
        totals = daily_totals(((d.local_day, d.amount) for d in own), bare_unit=form_unit(med.form))
        if totals.unit is None and not kratom:
            continue
        row = more.amount_row(med.name, totals, len({d.local_day for d in own}), len(own), r1, always=kratom)
        if row is not None:
            rows.append(row)
    return tuple(rows)


def _safety(
    companion: Any,
    current: Sequence[Medication],
    meds: Sequence[Medication],
    doses: Sequence[Dose],
    request: ReportRequest,
    dataset: Any,
    mme: MmeSummary | None,
) -> Any:
    """The opioid safety line: prescribed maximum and taken MME, sedatives alongside, naloxone at home."""
    from ..analysis.mme_taken import mme_taken
    from ..analysis.opioid_safety import picture

    found = picture(current, dataset)
    recognised = [m for m in meds if m.recognized]  # as the schedule MME: unrecognised names are marked in the list
    taken = mme_taken(recognised, doses, request.start, request.end, dataset)
    opioid_ids = {m.id for m in recognised if any(dataset.is_a(i, "opioid") for i in m.ingredients)}
    taken_doses = sum(d.medication_id in opioid_ids for d in doses)
    opioids = list(found.opioids)
    for line in taken.result.items:  # an opioid stopped during the period but taken in it
        name = next((m.name for m in recognised if m.name == line.drug), None)
        if name and name not in opioids:
            opioids.append(name)
    if not opioids:
        return None
    naloxone = companion.checkins.naloxone_at_home() if hasattr(companion, "checkins") else None
    total = mme.total if mme is not None else None
    not_counted = list(mme.not_calculated) if mme is not None else []
    not_counted += [(n.drug, n.reason) for n in taken.result.not_calculated if (n.drug, n.reason) not in not_counted]
    counted = bool(taken.result.items) or taken_doses == 0
    return more.OpioidSafety(
        tuple(opioids),
        total,
        found.sedatives,
        naloxone,
        mme_taken=r1(taken.result.total_mme_per_day) if counted else None,
        taken_doses=taken_doses,
        period_days=request.days,
        not_counted=tuple(not_counted),
    )


def routines_section(sessions: Sequence[LoggedSession]) -> RoutinesSummary:
    if not sessions:
        return RoutinesSummary(False, "No routines were done in this period.")
    grouped: dict[str, list[LoggedSession]] = defaultdict(list)
    for s in sorted(sessions, key=lambda s: (s.started, s.id)):
        grouped[s.routine_id].append(s)
    rows = []
    for routine_id, done in grouped.items():
        rated = [s for s in done if s.change is not None]
        before = r1(fmean(s.before for s in rated)) if rated else None  # type: ignore[misc]
        after = r1(fmean(s.after for s in rated)) if rated else None  # type: ignore[misc]
        # The mean change equals after - before over the same sessions; taken from the shown means so it adds up.
        change = r1(after - before) if after is not None and before is not None else None
        rows.append(RoutineRow(routine_id, done[-1].title, len(done), len(rated), before, after, change))
    rows.sort(key=lambda r: (-r.times_done, r.title.casefold()))
    return RoutinesSummary(True, n_sessions=len(sessions), rows=tuple(rows))


# --- the whole summary -----------------------------------------------------------------------------


def build(companion: Any, request: ReportRequest, made_at: datetime) -> AppointmentSummary:
    """Every wanted section (the others None) for a checked request."""
    on = request.wants
    rows = companion.reports.period_rows(request.start, request.end, request.sections)
    diary = _diary(rows)
    medicines, version = medicines_section(companion, request) if on("medicines") else (None, None)
    if version is None:
        try:
            version = companion.meds.dataset.version
        except PainCompanionError:
            version = None
    pain = pain_section(diary, request) if on("pain") else None
    bands = more.pain_bands([(d.day, d.pain) for d in diary.days], r1) if on("pain") else None
    goals = more.goals_section(companion.goals.list_goals(), request.start, request.end) if on("goals") else None
    checkins = None
    if on("checkins"):
        checkins = more.checkins_section(companion.checkins.history(), request.start, request.end)
    return AppointmentSummary(
        goals=goals,
        bands=bands,
        checkins=checkins,
        too_few=len(diary.days) < more.MIN_DAYS_TO_SUMMARISE,
        request=request,
        made_at=made_at,
        dataset_version=version,
        pain=pain,
        peg=peg_section(rows) if on("peg") else None,
        where=where_section(diary, rows) if on("where") else None,
        sleep_mood=sleep_mood_section(diary, rows) if on("sleep_mood") else None,
        medicines=medicines,
        routines=routines_section(companion.routines.sessions(request.start, request.end)) if on("routines") else None,
        patterns=patterns_section(diary, rows) if on("patterns") else None,
        notes=notes_section(rows) if on("notes") else None,
    )
