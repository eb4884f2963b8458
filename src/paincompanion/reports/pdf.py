"""The appointment summary as a PDF: one renderer for the CLI and the GUI (fpdf2, no Qt).

A clinician should read it in a minute: header, key numbers, the pain trend, then one short block per
section. Everything shown comes ready from `AppointmentSummary` (reports/summary.py); this module only
lays it out. Charts and tables are never split across a page break; fonts (DejaVu Sans) are embedded;
the same summary gives the same bytes (the creation date is `summary.made_at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .. import APP_NAME, __version__
from ..analysis.insights import HIGH_ACTIVITY, LOW_MOOD, MIN_DAYS_PER_SIDE, POOR_SLEEP_QUALITY, SHORT_SLEEP_HOURS
from ..domain.medications import GIVEN_BY_YOU
from ..files import atomic_write
from . import summary_more as more
from .pdf_layout import BODY_PT, SMALL_PT, TITLE_PT, KeyNumber, SummaryPdf
from .report_charts import pain_trend_png
from .summary import (
    PATTERN_NOT_CAUSE,
    SECTION_TITLES,
    AppointmentSummary,
    MedicinesSummary,
    NotesSummary,
    PainSummary,
    PatternsSummary,
    PegSummary,
    ReportError,
    RoutinesSummary,
    SleepMoodSummary,
    WarningRow,
    WhereSummary,
    day_text,
)

TITLE = "Pain summary for my appointment"
PATIENT_REPORTED = "Patient-reported data"
NOT_VERIFIED = "Entered by the patient, not verified by a clinician"
#: Height of the pain trend chart in points.
CHART_HEIGHT = 100.0
PT_PER_INCH = 72.0
NOT_CHECKED_MARK = "†"
NOT_CHECKED = "Not in the app's interaction data, so not checked for interactions."


# --- small formatting helpers --------------------------------------------------------------------


def num(value: float | None, digits: int = 1) -> str:
    """'5.2', or '–' when there is no value."""
    return "–" if value is None else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 1) -> str:
    """'+0.4' / '−1.2' (a true minus sign) / '0.0'."""
    if value is None:
        return "–"
    text = f"{abs(value):.{digits}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else "−") + text


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def footer_text(summary: AppointmentSummary) -> str:
    data = summary.dataset_version or "none loaded"
    return f"{NOT_VERIFIED} · {APP_NAME} {__version__} · interaction data {data}"


def identity_text(summary: AppointmentSummary) -> str:
    """'Jo Smith · born 30 Apr 1960 · 1 Jan 2026 to 31 Mar 2026 (90 days)': on every page."""
    request = summary.request
    parts = [request.patient_name.strip() or "Name not given"]
    if request.birth_date:
        parts.append(f"born {day_text(request.birth_date)}")
    parts.append(request.period_text)
    return " · ".join(parts)


# --- the renderer --------------------------------------------------------------------------------


def render_pdf(summary: AppointmentSummary) -> bytes:
    """The whole report as PDF bytes."""
    request = summary.request
    name = request.patient_name.strip()
    running = "Pain summary · " + identity_text(summary) + " (continued)"
    pdf = SummaryPdf(
        request.paper,
        footer=footer_text(summary),
        running_header=running,
        made_at=summary.made_at,
        title=f"Pain summary{', ' + name if name else ''}, {request.period_text}",
        author=name,
    )
    pdf.add_page()
    _header(pdf, summary)
    if summary.too_few:
        _too_few(pdf, summary)
    _agenda(pdf, summary)  # the patient's questions and goals first
    _key_numbers(pdf, summary)
    if summary.pain is not None:
        _pain(pdf, summary.pain, summary)
    if summary.peg is not None:
        _peg(pdf, summary.peg)
    if summary.medicines is not None and summary.medicines.safety is not None:
        _safety(pdf, summary.medicines.safety)
    writers = (
        ("checkins", _checkins), ("medicines", _medicines), ("where", _where), ("sleep_mood", _sleep_mood),
        ("routines", _routines), ("patterns", _patterns), ("notes", _notes),
    )  # fmt: skip
    for key, write in writers:  # a section switched off is None and left out
        section = getattr(summary, key)
        if section is not None:
            write(pdf, section)
    return bytes(pdf.output())


def write_pdf(summary: AppointmentSummary, path: Path) -> None:
    """Write the report to `path` atomically (temporary file + replace); `ReportError` if it cannot be written."""
    path = Path(path)
    if path.is_dir():
        raise ReportError(f"Cannot write the report to {path}: it is a folder.")
    folder = path.parent
    if not folder.is_dir():
        raise ReportError(f"Cannot write the report to {path}: the folder {folder} does not exist.")
    data = render_pdf(summary)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {path}: {exc.strerror or exc}.") from None


# --- header and key numbers ----------------------------------------------------------------------


def _header(pdf: SummaryPdf, summary: AppointmentSummary) -> None:
    request = summary.request
    top = pdf.get_y()
    label_w = pdf.get_string_width(PATIENT_REPORTED) + 14
    pdf.set_font("DejaVu", "B", TITLE_PT)
    pdf.cell(pdf.epw - label_w - 6, TITLE_PT * 1.3, TITLE)
    pdf.set_font("DejaVu", "B", SMALL_PT)
    pdf.set_line_width(0.8)
    pdf.set_xy(pdf.w - pdf.r_margin - label_w, top + 1)
    pdf.cell(label_w, SMALL_PT * 1.9, PATIENT_REPORTED, border=1, align="C")
    pdf.set_xy(pdf.l_margin, top + TITLE_PT * 1.3 + 2)
    parts = [f"Name: {request.patient_name or 'not given'}"]
    if request.birth_date:
        parts.append(f"Born: {day_text(request.birth_date)}")
    parts.append(f"Period: {request.period_text}")
    parts.append(f"Made: {day_text(summary.made_at.date())}")
    pdf.text_line("   ·   ".join(parts), size=BODY_PT + 0.5)
    pdf.ln(4)


def _key_numbers(pdf: SummaryPdf, summary: AppointmentSummary) -> None:
    pain, peg = summary.pain, summary.peg
    items: list[KeyNumber] = []
    if pain is not None and pain.has_data and summary.too_few:
        items.append(KeyNumber("Days with entries", str(pain.n_days), f"of {plural(pain.period_days, 'day')}"))
    elif pain is not None and pain.has_data:
        items += [
            KeyNumber("Average pain", num(pain.mean), f"on {pain.n_days} of {plural(pain.period_days, 'day')}"),
            KeyNumber("Best day", num(pain.best_day), day_text(pain.best_day_date) if pain.best_day_date else ""),
            KeyNumber("Worst day", num(pain.worst_day), day_text(pain.worst_day_date) if pain.worst_day_date else ""),
            KeyNumber("Days averaging 7 or more", str(pain.days_at_7_or_more), f"of {plural(pain.n_days, 'day')}"),
        ]
    if peg is not None and peg.has_data and peg.first is not None:
        if peg.latest is not None and peg.change is not None:
            percent = f" ({signed(peg.change_percent, 0)}%)" if peg.change_percent is not None else ""
            items.append(KeyNumber("PEG change", f"{num(peg.first.score)} → {num(peg.latest.score)}",
                                   f"{signed(peg.change)}{percent}"))  # fmt: skip
        else:
            items.append(KeyNumber("PEG score", num(peg.first.score), "one check-in"))
    if items:
        pdf.key_numbers(items)


# --- issue 20: agenda, sparse-data banner, opioid safety, check-ins, medicine marks ---------------


def _too_few(pdf: SummaryPdf, summary: AppointmentSummary) -> None:
    pain = summary.pain
    n = pain.n_days if pain is not None else 0
    pdf.text_line(
        f"Too few entries to summarise: entries on {plural(n, 'day')}; averages, best and worst days need at "
        f"least {more.MIN_DAYS_TO_SUMMARISE} days with entries, so single entries are listed instead.",
        bold=True,
    )


def _agenda(pdf: SummaryPdf, summary: AppointmentSummary) -> None:
    goals, questions = summary.goals, summary.questions
    if goals is None and questions is None:
        return
    pdf.heading(SECTION_TITLES["goals"])
    if questions is not None:
        pdf.text_line(f"{SECTION_TITLES['questions']}: " + (questions or "none written."), bold=bool(questions))
    if goals is not None:
        if not goals.has_data:
            _absent(pdf, "Goals: " + goals.absent_reason.lower())
        else:
            lines = []
            for g in goals.rows:
                if g.done:
                    progress = f"done {day_text(g.done)}"
                elif g.latest is None:
                    progress = "no progress rating in this period"
                elif g.n_ratings > 1:
                    progress = f"progress {g.first} → {g.latest} of 10 (n = {g.n_ratings})"
                else:
                    progress = f"progress {g.latest} of 10 (1 rating)"
                lines.append(f"Goal: {g.text} — {progress}")
            pdf.bullet_lines(lines)


def safety_text(safety: more.OpioidSafety) -> str:
    """The opioid safety line: both MME numbers, each labelled, the sedatives alongside and naloxone at home."""
    allows = f"{num(safety.prescribed_mme)} MME a day" if safety.prescribed_mme is not None else "not calculated"
    doses = f"{plural(safety.taken_doses, 'dose')} in {plural(safety.period_days, 'day')}"
    taken = f"{num(safety.mme_taken)} MME ({doses})" if safety.mme_taken is not None else f"not calculated ({doses})"
    text = (
        f"Opioid safety ({', '.join(safety.opioids)}): most the schedule allows {allows}; "
        f"what was taken (average a day) {taken}."
    )
    if safety.not_counted:
        text += " Not counted: " + "; ".join(f"{item} ({why.rstrip('.')})" for item, why in safety.not_counted) + "."
    sedatives = ", ".join(f"{item} ({what})" for item, what in safety.sedatives) or "none recorded"
    naloxone = {None: "not answered", True: "yes", False: "NO"}[safety.naloxone]
    return f"{text} Sedatives alongside: {sedatives}. Naloxone at home: {naloxone}."


def _safety(pdf: SummaryPdf, safety: more.OpioidSafety) -> None:
    pdf.text_line(safety_text(safety), bold=safety.naloxone is not True or bool(safety.sedatives))
    pdf.text_line(f"{more.MME_TAKEN_DEFINITION} {more.OPIOID_SOURCE}.", size=SMALL_PT, grey=True)


def medicine_marks(summary: AppointmentSummary) -> list[tuple[date, str]]:
    """Starts and stops within the period, for the pain chart ("+name" / "−name")."""
    meds = summary.medicines
    if meds is None or not meds.has_data:
        return []
    start, end = summary.request.start, summary.request.end
    marks = []
    for m in (*meds.current, *meds.stopped):
        if m.start and start <= m.start <= end:
            marks.append((m.start, "+" + m.name))
        if m.stop and start <= m.stop <= end:
            marks.append((m.stop, "−" + m.name))
    return sorted(marks)


def _checkins(pdf: SummaryPdf, c: more.CheckinsSummary) -> None:
    pdf.heading(SECTION_TITLES["checkins"])
    if c.side_effect_checks:
        ticked = ", ".join(f"{name} {n} of {c.side_effect_checks} weeks" for name, n in c.side_effects)
        pdf.text_line(f"Side effects ({plural(c.side_effect_checks, 'weekly check', 'weekly checks')}): "
                      f"{ticked or 'none ticked'}.")  # fmt: skip
    else:
        pdf.text_line("Side effects: none recorded.")
    if c.screens:
        parts = []
        for name in ("PHQ-2", "GAD-2"):
            mine = [s for s in c.screens if s.name.startswith(name)]
            if not mine:
                parts.append(f"{name} none recorded")
                continue
            positive = [day_text(s.day) for s in mine if s.positive]
            verdict = f"positive on {', '.join(positive)}" if positive else "none positive"
            totals = ", ".join(str(s.total) for s in mine)
            span = f"{day_text(mine[0].day)} to {day_text(mine[-1].day)}"
            latest = f"{mine[-1].items[0]}+{mine[-1].items[1]}"
            parts.append(
                f"{name} totals {totals} ({plural(len(mine), 'screen')} {span}; {verdict}; latest items {latest})"
            )
        pdf.text_line("Mood screens: " + "; ".join(parts) + ".")
        pdf.text_line(
            "Two items 0–3 over 2 weeks; 3+ = positive screen, not a diagnosis (Kroenke 2003; Kroenke 2007).",
            size=SMALL_PT,
            grey=True,
        )
    else:
        pdf.text_line("Mood screens (PHQ-2, GAD-2): none recorded.")
    when = f" ({day_text(c.change_day)})" if c.change_day else ""
    pdf.text_line(f"Global impression of change since the last summary (1–7): {c.change_text}{when}.")


# --- sections ------------------------------------------------------------------------------------


def _absent(pdf: SummaryPdf, reason: str) -> None:
    pdf.text_line(reason, grey=True)


def _pain(pdf: SummaryPdf, pain: PainSummary, summary: AppointmentSummary) -> None:
    pdf.heading(SECTION_TITLES["pain"])
    if not pain.has_data:
        _absent(pdf, pain.absent_reason)
        return
    request = summary.request
    png = pain_trend_png(
        pain.daily,
        pain.rolling,
        width_in=pdf.epw / PT_PER_INCH,
        height_in=CHART_HEIGHT / PT_PER_INCH,
        period=(request.start, request.end),
        marks=medicine_marks(summary),
    )
    pdf.png(png, width=pdf.epw, height=CHART_HEIGHT, alt_text=pain.text())
    lines = [
        f"{plural(pain.n_entries, 'entry', 'entries')} on {pain.n_days} of {plural(pain.period_days, 'day')}; "
        f"single ratings from {pain.lowest_entry} to {pain.highest_entry}; "
        f"{plural(pain.days_any_entry_7_or_more, 'day')} with at least one single rating of 7 or more."
    ]
    if pain.month_change is not None and pain.first_month and pain.last_month:
        first, last = pain.first_month, pain.last_month
        lines.append(
            f"First 30 days {num(first.mean)} ({plural(first.n_days, 'day')}) → last 30 days {num(last.mean)} "
            f"({plural(last.n_days, 'day')}): change {signed(pain.month_change)}."
        )
    elif pain.month_change_reason and not summary.too_few:
        lines.append(f"First to last month: {pain.month_change_reason}")
    bands = summary.bands
    if bands is not None and bands.n_days:
        counts = (
            f"Days: {bands.mild} mild, {bands.moderate} moderate, {bands.severe} severe"
            f"{f', {bands.none} without pain' if bands.none else ''} (of {plural(bands.n_days, 'day')} with entries)"
        )
        if summary.too_few:
            lines.append(counts + ". " + "; ".join(f"{day_text(d)}: {num(v)}" for d, v in pain.daily) + ".")
        else:
            flares = (
                f"{plural(len(bands.flares), 'flare')} ({plural(bands.flare_days, 'day')} in all, longest "
                f"{plural(bands.longest_flare, 'day')})"
                if bands.flares
                else "no flares"
            )
            lines.append(f"{counts}; {flares}; typical (median) day {num(bands.typical)}.")
    for line in lines:
        pdf.text_line(line)
    if bands is not None and bands.n_days:
        pdf.text_line(f"{bands.definition[:-1]} ({bands.source}). {bands.flare_definition}", size=SMALL_PT, grey=True)


def _peg(pdf: SummaryPdf, peg: PegSummary) -> None:
    pdf.heading(SECTION_TITLES["peg"])
    if not peg.has_data or peg.first is None:
        _absent(pdf, peg.absent_reason)
        return
    pdf.text_line(peg_change_text(peg))
    label, column = _peg_column(pdf)
    for headings, rows in peg_table_blocks(peg, pdf):
        n = len(headings) - 1
        pdf.ruled_table(headings, rows, col_widths=(label, *[column] * n), align=("LEFT", *["RIGHT"] * n),
                        size=PEG_TABLE_PT, width=min(pdf.epw, label + column * n), pad=_CELL_PAD / 2)  # fmt: skip
    source = peg.source.split(" doi:")[0].replace("2009;24(6):733-8.", "2009;24:733-8")  # short: no doi
    note = peg.note + (f" Scale: {source}." if source else "") + f" {more.MEANINGFUL_SOURCE}."
    pdf.text_line(note, size=SMALL_PT, grey=True)


#: Every check-in is a column of the PEG table (date over its three items and the score), in blocks of as
#: many columns as fit across the page.
PEG_TABLE_PT = 7.5
PEG_LABELS = ("Pain", "Enjoyment", "Activity", "PEG")
_CELL_PAD = 3.0  # left + right cell padding of the PEG table


def _peg_column(pdf: SummaryPdf) -> tuple[float, float]:
    """(label column width, check-in column width) in points at PEG_TABLE_PT."""
    pdf.set_font("DejaVu", "B", PEG_TABLE_PT)
    label = max(pdf.get_string_width(t) for t in ("Check-in", *PEG_LABELS)) + _CELL_PAD + 1
    column = max(pdf.get_string_width(f"30 {m}") for m in ("Sep", "May", "Mar", "Nov")) + _CELL_PAD + 1
    pdf.set_font("DejaVu", "", BODY_PT)
    return label, column


def peg_table_blocks(peg: PegSummary, pdf: SummaryPdf) -> list[tuple[list[str], list[list[str]]]]:
    """The PEG table, one column per check-in (oldest first), split into blocks that fit the page width."""
    label, column = _peg_column(pdf)
    per_block = max(1, int((pdf.epw - label) // column))
    points = list(peg.checkins)
    blocks = []
    for i in range(0, len(points), per_block):
        part = points[i : i + per_block]
        headings = ["Check-in", *(f"{p.day.day} {p.day:%b}" for p in part)]
        rows = [
            ["Pain", *(str(p.pain) for p in part)],
            ["Enjoyment", *(str(p.enjoyment) for p in part)],
            ["Activity", *(str(p.activity) for p in part)],
            ["PEG", *(num(p.score) for p in part)],
        ]
        blocks.append((headings, rows))
    return blocks


def peg_change_text(peg: PegSummary) -> str:
    """'PEG 6.0 → 4.0 (−2.0 points, −33 %): improved by 30 % or more, a change called meaningful.'"""
    first = peg.first
    assert first is not None
    if peg.latest is None or peg.change is None:
        return f"One check-in: PEG {num(first.score)} on {day_text(first.day)}; no change can be given yet."
    head = f"PEG {num(first.score)} on {day_text(first.day)} → {num(peg.latest.score)} on {day_text(peg.latest.day)}"
    percent = peg.change_percent
    numbers = f"{signed(peg.change)} points" + (f", {signed(percent, 0)} %" if percent is not None else "")
    if percent is None:
        words = "worse" if peg.change > 0 else "no change" if peg.change == 0 else "better"
    elif percent <= -more.MEANINGFUL_PERCENT:
        words = f"improved by {more.MEANINGFUL_PERCENT} % or more, a change called meaningful"
    elif percent >= more.MEANINGFUL_PERCENT:
        words = f"worse by {more.MEANINGFUL_PERCENT} % or more, a meaningful worsening"
    elif percent < 0:
        words = f"a little better, less than the {more.MEANINGFUL_PERCENT} % called meaningful"
    elif percent > 0:
        words = f"a little worse, less than the {more.MEANINGFUL_PERCENT} % called meaningful"
    else:
        words = "no change"
    return f"{head} ({numbers}): {words}. {plural(peg.n_checkins, 'check-in')}."


def _rating(value: float | None) -> str:
    return "" if value is None else f", rating {num(value)}"


def _where(pdf: SummaryPdf, where: WhereSummary) -> None:
    pdf.heading(SECTION_TITLES["where"])
    if not where.has_data:
        _absent(pdf, where.absent_reason)
        return
    if where.locations:
        parts = [f"{loc.name} {loc.n_entries} ({loc.percent}%{_rating(loc.mean_intensity)})" for loc in where.locations]
        pdf.text_line(
            f"Where it hurts (of {plural(where.n_with_location, 'entry', 'entries')} naming a place; rating = "
            "average pain given there): " + "; ".join(parts) + "."
        )
    if where.qualities:
        total = where.n_with_quality
        parts = [f"{q} {n} ({round(100 * n / total) if total else 0}%)" for q, n in where.qualities]
        pdf.text_line(f"How it feels (of {plural(total, 'entry', 'entries')} describing it): " + "; ".join(parts) + ".")


def _sleep_mood(pdf: SummaryPdf, sm: SleepMoodSummary) -> None:
    pdf.heading(SECTION_TITLES["sleep_mood"])
    if not sm.has_data:
        _absent(pdf, sm.absent_reason)
        return
    parts = []
    if sm.mean_sleep_hours is not None:
        parts.append(f"sleep {num(sm.mean_sleep_hours)} h a night ({plural(sm.n_sleep_days, 'day')})")
    if sm.mean_sleep_quality is not None:
        parts.append(f"sleep quality {num(sm.mean_sleep_quality)}/10 ({plural(sm.n_sleep_quality_days, 'day')})")
    if sm.mean_mood is not None:
        parts.append(f"mood {num(sm.mean_mood)}/10 ({plural(sm.n_mood_days, 'day')})")
    if sm.mean_activity_level is not None:
        parts.append(f"activity level {num(sm.mean_activity_level)}/10 ({plural(sm.n_activity_days, 'day')})")
    if parts:
        pdf.text_line("Averages: " + "; ".join(parts) + ".")
    if sm.comparisons:
        rows = [
            [c.label, f"{num(c.mean_a)} ({plural(c.n_a, 'day')})", f"{num(c.mean_b)} ({plural(c.n_b, 'day')})"]
            for c in sm.comparisons
        ]
        pdf.ruled_table(
            ["Average pain on days with", "This kind of day", "Other days"],
            rows,
            col_widths=(3, 2, 2),
            align=("LEFT", "RIGHT", "RIGHT"),
            width=pdf.epw * 0.75,
        )
        pdf.text_line(
            f"Short sleep = under {SHORT_SLEEP_HOURS:g} h; poor sleep quality = 0–{POOR_SLEEP_QUALITY}; low mood = "
            f"0–{LOW_MOOD}; very active = activity {HIGH_ACTIVITY}–10 (the day after). Each side needs "
            f"{MIN_DAYS_PER_SIDE} days or more. These show patterns, not causes.",
            size=SMALL_PT,
            grey=True,
        )


def _medicines(pdf: SummaryPdf, meds: MedicinesSummary) -> None:
    pdf.heading(SECTION_TITLES["medicines"])
    if not meds.has_data:
        _absent(pdf, meds.absent_reason)
        return
    # The list and its totals stay together (a list longer than a page flows on with its heading row);
    # the warnings follow as a second block.
    pdf.block(lambda: _medicine_list(pdf, meds))
    if meds.warnings:

        def warnings() -> None:
            pdf.ln(2)
            pdf.text_line("Interaction warnings (major and contraindicated):", bold=True)
            pdf.bullet_lines([_warning_line(w) for w in meds.warnings], size=SMALL_PT)

        pdf.block(warnings)


def _medicine_list(pdf: SummaryPdf, meds: MedicinesSummary) -> None:
    adherence = {a.name: a for a in meds.adherence}
    if meds.current:
        rows = []
        for m in meds.current:
            name = m.name + (f" ({m.kind})" if m.kind in ("supplement", "herbal") else "")
            name += "" if m.recognized else f" {NOT_CHECKED_MARK}"
            if m.ingredients_given:  # checked by what the patient read off the pack
                name += f" ({m.ingredients_given}; {GIVEN_BY_YOU})"
            taken = adherence.get(m.name)
            use = (
                f"{num(m.uses_per_week)} a week"
                if m.as_needed
                else (f"{taken.days_taken} of {taken.days_listed} days" if taken else "no doses logged")
            )
            rows.append([name, m.strength, m.schedule, day_text(m.start) if m.start else "not given", use])
        pdf.ruled_table(
            ["Name", "Strength", "Schedule", "Started", "Taken"],
            rows,
            col_widths=(3.2, 1.4, 3.0, 1.6, 1.6),
            align=("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
        )
        pdf.text_line(f"{more.ADHERENCE_DEFINITION} As needed: logged doses a week.", size=SMALL_PT, grey=True)
        if not all(m.recognized for m in meds.current):
            pdf.text_line(f"{NOT_CHECKED_MARK} {NOT_CHECKED}", size=SMALL_PT, grey=True)
    else:
        pdf.text_line("No medicines recorded as taken at the end of the period.", grey=True)
    if meds.stopped:
        stopped = "; ".join(
            f"{m.name}{' ' + m.strength if m.strength else ''} (started "
            f"{day_text(m.start) if m.start else 'not given'}, stopped {day_text(m.stop)})"
            if m.stop
            else m.name
            for m in meds.stopped
        )
        pdf.text_line(f"Stopped in this period: {stopped}.")
    if meds.mme is not None and meds.safety is None:  # else both MME numbers are on the opioid safety line
        _mme(pdf, meds)
    if meds.effects or meds.effects_fewer:
        pdf.text_line(effects_text(meds))
    amounts = [amount_text(row) for row in meds.amounts]
    if meds.kratom_items:  # the pointer to the kratom page follows the amounts, in the same paragraph
        amounts.append(kratom_line(meds.kratom_items))
    if amounts:
        pdf.text_line(" ".join(amounts), size=SMALL_PT)
    if meds.apap is not None:
        a = meds.apap
        text = (
            f"Highest acetaminophen (paracetamol) day: {day_text(a.day)}, {a.total_mg:,.0f} mg "
            f"(limit {a.limit_mg:,} mg a day{', OVER THE LIMIT' if a.over else ''})."
        )
        if a.uncounted:
            text += f" Not counted: {', '.join(a.uncounted)}."
        if a.limit_notes:
            text += " " + " ".join(a.limit_notes)
        pdf.text_line(text, bold=a.over)


def effects_text(meds: MedicinesSummary) -> str:
    """'Pain before → after an as-needed dose …: Ibuprofen 6.2 → 4.5 (−1.7, n = 14); …. These show patterns …'"""
    nbsp = "\u00a0"  # "n = 12" never breaks across lines
    parts = [
        f"{e.name} {num(e.before)} → {num(e.after)} ({signed(e.change)}, n{nbsp}={nbsp}{e.n})" for e in meds.effects
    ]
    if meds.effects_fewer:
        parts.append(f"{plural(meds.effects_fewer, 'item')} with fewer than {MIN_RATED} rated doses not shown")
    return (
        f"Pain before → after as-needed doses (rated both times; from n = {MIN_RATED}): "
        + "; ".join(parts)
        + f". {PATTERN_NOT_CAUSE}"
    )


def amount_text(row: more.AmountRow) -> str:
    """'Kratom: 2.6 g a day on average on 38 days used, highest 4.0 g (3 Oct 2026); 2 amounts left out …'"""
    used = plural(row.days_used, "day")
    if row.mean_per_day is None or row.highest_day is None:
        text = f"{row.name}: used on {used}; no amount could be read as a weight"
    else:
        counted = "" if row.days_counted == row.days_used else f" (averaged over the {row.days_counted} with an amount)"
        text = (
            f"{row.name}: {num(row.mean_per_day)} {row.unit} a day on average on {used} used{counted}, "
            f"highest {num(row.highest)} {row.unit} ({day_text(row.highest_day)})"
        )
    if row.left_out:
        text += f"; {plural(row.left_out, 'amount')} left out (could not be read as a weight)"
    return text + "."


def kratom_line(items: Sequence[str]) -> str:
    """The summary's pointer to the kratom page, for the kratom or 7-OH items on the list."""
    return (
        f'Kratom or 7-OH ({", ".join(items)}): "Kratom: what to know" (Medicines page) covers effects, '
        "interactions, drug tests, emergencies."
    )


def _warning_line(warning: WarningRow) -> tuple[str, str]:
    """('Major:', 'tramadol + duloxetine — … (source: …)'): the severity in bold, then the rest."""
    text = warning.text
    lead = ""
    head, sep, rest = text.partition(": ")
    if sep and head.lower() == warning.severity.lower():
        lead, text = f"{head}:", rest
    short = warning.source if len(warning.source) <= 48 else warning.source[:45].rsplit(" ", 1)[0] + "…"
    source = f" ({short})" if warning.source else ""
    return lead, text + source


def _mme(pdf: SummaryPdf, meds: MedicinesSummary) -> None:
    mme = meds.mme
    assert mme is not None
    if mme.total is not None:
        parts = ", ".join(f"{item} {num(value)}" for item, value in mme.lines)
        text = f"Opioids: {num(mme.total)} MME a day (morphine milligram equivalents; {parts})."
    else:
        text = "Opioids: the daily MME could not be calculated."
    if mme.not_calculated:
        text += " Not counted: " + "; ".join(f"{item} ({why})" for item, why in mme.not_calculated) + "."
    pdf.text_line(text)
    if mme.notes:
        pdf.text_line(" ".join(mme.notes), size=SMALL_PT, grey=True)


def _routines(pdf: SummaryPdf, routines: RoutinesSummary) -> None:
    pdf.heading(SECTION_TITLES["routines"])
    if not routines.has_data:
        _absent(pdf, routines.absent_reason)
        return
    parts = []
    for r in routines.rows:
        if r.n_rated >= MIN_RATED and r.mean_change is not None:
            change = f"pain {signed(r.mean_change)} after, n = {r.n_rated}"
        elif r.n_rated:
            change = f"too few ratings, n = {r.n_rated}"
        else:
            change = "not rated"
        parts.append(f"{r.title} {r.times_done}× ({change})")
    pdf.text_line(f"{plural(routines.n_sessions, 'session')}: " + "; ".join(parts) + ".")
    pdf.text_line(
        f"Change = average pain after minus before, shown from {MIN_RATED} rated sessions.", size=SMALL_PT, grey=True
    )


MIN_RATED = 3


def _patterns(pdf: SummaryPdf, patterns: PatternsSummary) -> None:
    pdf.heading(SECTION_TITLES["patterns"])
    if not patterns.has_data:
        _absent(pdf, patterns.absent_reason)
        return
    for title, rows in (("Makes it worse", patterns.worse), ("Helps", patterns.helps)):
        if rows:
            pdf.text_line(f"{title} (entries tagged): " + "; ".join(f"{t.tag} {t.n_entries}" for t in rows) + ".")
    pdf.text_line(f"As the patient tagged entries (a tag counts from 2 entries). {patterns.note}", size=SMALL_PT,
                  grey=True)  # fmt: skip


def _notes(pdf: SummaryPdf, notes: NotesSummary) -> None:
    pdf.heading(SECTION_TITLES["notes"])
    if not notes.has_data:
        _absent(pdf, notes.absent_reason)
        return
    lines = [
        f"{day_text(n.at.date())}, {n.at:%H:%M}, pain {n.pain}: {n.text}{'…' if n.shortened else ''}"
        for n in notes.notes
    ]
    pdf.bullet_lines(lines, size=SMALL_PT)
    if notes.n_flagged > len(notes.notes):
        pdf.text_line(f"The {len(notes.notes)} most recent of {notes.n_flagged} flagged notes.", size=SMALL_PT,
                      grey=True)  # fmt: skip
