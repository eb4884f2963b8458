"""The appointment summary as a PDF: one renderer for the CLI and the GUI (fpdf2, no Qt).

A clinician should read it in a minute: header, key numbers, the pain trend, then one short block per
section. Everything shown comes ready from `AppointmentSummary` (reports/summary.py); this module only
lays it out. Charts and tables are never split across a page break; fonts (DejaVu Sans) are embedded;
the same summary gives the same bytes (the creation date is `summary.made_at`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .. import APP_NAME, __version__
from .pdf_layout import BODY_PT, SMALL_PT, TITLE_PT, KeyNumber, SummaryPdf, TableSpec
from .report_charts import pain_trend_png
from .summary import (
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
#: Height of the pain trend chart in points.
CHART_HEIGHT = 140.0
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
    return f"{APP_NAME} {__version__} · interaction data {data}"


# --- the renderer --------------------------------------------------------------------------------


def render_pdf(summary: AppointmentSummary) -> bytes:
    """The whole report as PDF bytes."""
    request = summary.request
    name = request.patient_name.strip()
    running = " · ".join(p for p in ("Pain summary", name, request.period_text) if p) + " (continued)"
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
    _key_numbers(pdf, summary)
    writers = (
        ("pain", _pain), ("peg", _peg), ("where", _where), ("sleep_mood", _sleep_mood),
        ("medicines", _medicines), ("routines", _routines), ("patterns", _patterns), ("notes", _notes),
    )  # fmt: skip
    for key, write in writers:  # a section switched off is None and left out
        section = getattr(summary, key)
        if section is not None:
            write(pdf, section)
    if summary.questions is not None:
        pdf.ln(6)
        pdf.boxed_text(SECTION_TITLES["questions"], summary.questions)
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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportError(f"Cannot write the report to {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
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
    parts = []
    if request.patient_name:
        parts.append(f"Name: {request.patient_name}")
    parts.append(f"Period: {request.period_text}")
    parts.append(f"Made: {day_text(summary.made_at.date())}")
    pdf.text_line("   ·   ".join(parts), size=BODY_PT + 0.5)
    pdf.ln(4)


def _key_numbers(pdf: SummaryPdf, summary: AppointmentSummary) -> None:
    pain, peg = summary.pain, summary.peg
    items: list[KeyNumber] = []
    if pain is not None and pain.has_data:
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


# --- sections ------------------------------------------------------------------------------------


def _absent(pdf: SummaryPdf, reason: str) -> None:
    pdf.text_line(reason, grey=True)


def _pain(pdf: SummaryPdf, pain: PainSummary) -> None:
    pdf.heading(SECTION_TITLES["pain"])
    if not pain.has_data:
        _absent(pdf, pain.absent_reason)
        return
    png = pain_trend_png(
        pain.daily,
        pain.rolling,
        width_in=pdf.epw / PT_PER_INCH,
        height_in=CHART_HEIGHT / PT_PER_INCH,
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
    elif pain.month_change_reason:
        lines.append(f"First to last month: {pain.month_change_reason}")
    for line in lines:
        pdf.text_line(line)


def _peg(pdf: SummaryPdf, peg: PegSummary) -> None:
    pdf.heading(SECTION_TITLES["peg"])
    if not peg.has_data or peg.first is None:
        _absent(pdf, peg.absent_reason)
        return
    first = peg.first
    text = f"First {num(first.score)} on {day_text(first.day)}"
    if peg.latest is not None:
        text += f", latest {num(peg.latest.score)} on {day_text(peg.latest.day)}"
        if peg.change is not None:
            percent = f", {signed(peg.change_percent, 0)}%" if peg.change_percent is not None else ""
            text += f": change {signed(peg.change)}{percent}"
    text += f" ({plural(peg.n_checkins, 'check-in')})."
    pdf.text_line(text)
    note = peg.note + (f" Source: {peg.source}" if peg.source else "")
    pdf.text_line(note, size=SMALL_PT, grey=True)


def _where(pdf: SummaryPdf, where: WhereSummary) -> None:
    pdf.heading(SECTION_TITLES["where"])
    if not where.has_data:
        _absent(pdf, where.absent_reason)
        return
    tables = []
    if where.locations:
        rows = [[loc.name, str(loc.n_entries), f"{loc.percent}%", num(loc.mean_intensity)] for loc in where.locations]
        headings = ["Where it hurts", "Entries", "Share", "Rating"]
        tables.append(TableSpec(headings, rows, (3.2, 1.2, 1.1, 1.3), ("LEFT", "RIGHT", "RIGHT", "RIGHT")))
    if where.qualities:
        total = where.n_with_quality
        rows = [[q, str(n), f"{round(100 * n / total)}%" if total else ""] for q, n in where.qualities]
        headings = ["How it feels", "Entries", "Share"]
        tables.append(TableSpec(headings, rows, (3.4, 1.2, 1.1), ("LEFT", "RIGHT", "RIGHT")))
    pdf.tables_side_by_side(tables)
    pdf.text_line(
        f"Share = of the {plural(where.n_with_location, 'entry', 'entries')} naming a place, and of the "
        f"{where.n_with_quality} describing how it feels. Rating = average pain given for that place (0–10).",
        size=SMALL_PT,
        grey=True,
    )


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
    if sm.activities:
        pdf.text_line("Activities (entries): " + ", ".join(f"{a} ({n})" for a, n in sm.activities) + ".")
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
        pdf.text_line("These show patterns, not causes.", size=SMALL_PT, grey=True)


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
    if meds.current:
        rows = []
        for m in meds.current:
            name = m.name + (f" ({m.kind})" if m.kind in ("supplement", "herbal") else "")
            name += "" if m.recognized else f" {NOT_CHECKED_MARK}"
            per_week = num(m.uses_per_week) if m.as_needed else ""
            rows.append([name, m.strength, m.schedule, day_text(m.start) if m.start else "", per_week])
        pdf.ruled_table(
            ["Name", "Strength", "Schedule", "Started", "As needed / week"],
            rows,
            col_widths=(3.2, 1.5, 3.0, 1.6, 1.4),
            align=("LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
        )
        if not all(m.recognized for m in meds.current):
            pdf.text_line(f"{NOT_CHECKED_MARK} {NOT_CHECKED}", size=SMALL_PT, grey=True)
        if meds.kratom_items:
            pdf.text_line(kratom_line(meds.kratom_items), size=SMALL_PT)
    else:
        pdf.text_line("No medicines taken at the end of the period.", grey=True)
    if meds.stopped:
        stopped = "; ".join(
            f"{m.name}{' ' + m.strength if m.strength else ''} (stopped {day_text(m.stop)})" if m.stop else m.name
            for m in meds.stopped
        )
        pdf.text_line(f"Stopped in this period: {stopped}.")
    if meds.mme is not None:
        _mme(pdf, meds)
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


def kratom_line(items: Sequence[str]) -> str:
    """The summary's pointer to the kratom page, for the kratom or 7-OH items on the list."""
    return (
        f'Kratom or 7-OH on this list ({", ".join(items)}): the page "Kratom: what to know" in Pain '
        "Companion (Medicines page) covers its effects, interactions, drug tests and what to do in an emergency."
    )


def _warning_line(warning: WarningRow) -> tuple[str, str]:
    """('Major:', 'tramadol + duloxetine — … (source: …)'): the severity in bold, then the rest."""
    text = warning.text
    lead = ""
    head, sep, rest = text.partition(": ")
    if sep and head.lower() == warning.severity.lower():
        lead, text = f"{head}:", rest
    source = f" (source: {warning.source})" if warning.source else ""
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
    rows = []
    for r in routines.rows:
        if r.n_rated and r.mean_before is not None and r.mean_after is not None:
            change = f"{num(r.mean_before)} → {num(r.mean_after)} ({signed(r.mean_change)}, n = {r.n_rated})"
        else:
            change = "not rated"
        rows.append([r.title, f"{r.times_done}×", change])
    pdf.ruled_table(
        ["Routine", "Done", "Pain before → after (change, n)"],
        rows,
        col_widths=(4, 1, 3.4),
        align=("LEFT", "RIGHT", "LEFT"),
        caption=f"{plural(routines.n_sessions, 'session')} in this period",
    )


def _tag_rows(rows: Sequence) -> list[list[str]]:
    return [[t.tag, str(t.n_entries), num(t.mean_pain)] for t in rows]


def _patterns(pdf: SummaryPdf, patterns: PatternsSummary) -> None:
    pdf.heading(SECTION_TITLES["patterns"])
    if not patterns.has_data:
        _absent(pdf, patterns.absent_reason)
        return
    widths, align = (3, 1.2, 1.3), ("LEFT", "RIGHT", "RIGHT")
    tables = []
    if patterns.worse:
        tables.append(TableSpec(["Makes it worse", "Entries", "Avg pain"], _tag_rows(patterns.worse), widths, align))
    if patterns.helps:
        tables.append(TableSpec(["Helps", "Entries", "Avg pain"], _tag_rows(patterns.helps), widths, align))
    pdf.tables_side_by_side(tables)
    note = patterns.note
    if patterns.mean_pain_all is not None:
        note = f"Average pain of all entries: {num(patterns.mean_pain_all)}. {note}"
    pdf.text_line(note, size=SMALL_PT, grey=True)


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
