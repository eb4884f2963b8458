"""A saved worksheet as a document to read or print (stdlib only): title, date, each question and answer, sources.

The GUI turns `document_html()` into a QTextDocument for printing and PDF; `document_text()` is the same in plain
text. When the routine is gone (a deleted routine of the user's own), the saved field ids stand in for questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape

from ..domain.routine_log import WorksheetRecord
from ..domain.routines import FieldType, Routine, Source, WorksheetField
from .safety_text import get_help_lines

NOT_FILLED_IN = "Not filled in"
GET_HELP = "When to get help"
FIRST_LINE_CHARS = 80
FOOTER = "Written in Pain Companion. Your own notes, kept on your computer."


@dataclass(frozen=True)
class WorksheetItem:
    question: str
    help: str
    answer: str  # as it should read ("7 out of 10", "20 minutes"); "" when not filled in


@dataclass(frozen=True)
class WorksheetDocument:
    title: str
    date_text: str
    summary: str
    items: tuple[WorksheetItem, ...]
    get_help: tuple[str, ...]  # the routine's "see a doctor if" notes
    sources: tuple[str, ...]


def date_text(at: datetime) -> str:
    """'10 Mar 2026, 09:30' (no leading zero on the day, on every platform)."""
    return f"{at.day} {at:%b %Y, %H:%M}"


def format_answer(wf: WorksheetField, raw: str) -> str:
    text = raw.strip()
    if not text:
        return ""
    if wf.type is FieldType.SCORE:
        return f"{text} out of 10"
    if wf.type is FieldType.MINUTES:
        return f"{text} minute" if text == "1" else f"{text} minutes"
    return text


def source_text(source: Source) -> str:
    links = [f"doi:{source.doi}" if source.doi else "", f"PMID {source.pmid}" if source.pmid else "", source.url or ""]
    shown = " ".join(link for link in links if link)
    return f"{source.title} {shown}".strip()


def fields_of(record: WorksheetRecord, routine: Routine | None) -> tuple[WorksheetField, ...]:
    """The routine's fields, plus any saved answer the routine no longer has (so no answer is hidden)."""
    known = tuple(routine.worksheet) if routine is not None else ()
    ids = {f.id for f in known}
    extra = tuple(WorksheetField(key, key.replace("_", " ").capitalize()) for key in record.answers if key not in ids)
    return known + extra


def build_document(record: WorksheetRecord, routine: Routine | None) -> WorksheetDocument:
    items = tuple(
        WorksheetItem(wf.label, wf.help, format_answer(wf, record.answers.get(wf.id, "")))
        for wf in fields_of(record, routine)
    )
    return WorksheetDocument(
        title=routine.title if routine is not None else record.title,
        date_text=date_text(record.at),
        summary=routine.summary if routine is not None else "",
        items=items,
        get_help=get_help_lines(routine) if routine is not None else (),
        sources=tuple(source_text(s) for s in routine.sources) if routine is not None else (),
    )


def first_line(record: WorksheetRecord, routine: Routine | None) -> str:
    """The first line of the first answer, shortened for a list ('' when nothing is filled in)."""
    for wf in fields_of(record, routine):
        answer = format_answer(wf, record.answers.get(wf.id, ""))
        if answer:
            line = answer.splitlines()[0].strip()
            return line if len(line) <= FIRST_LINE_CHARS else line[: FIRST_LINE_CHARS - 1].rstrip() + "…"
    return ""


def document_text(doc: WorksheetDocument) -> str:
    lines = [doc.title, "=" * len(doc.title), f"Written {doc.date_text}"]
    if doc.summary:
        lines += ["", doc.summary]
    for item in doc.items:
        lines += ["", item.question]
        lines += [f"  {line}" for line in (item.answer or NOT_FILLED_IN).splitlines()]
    if doc.get_help:
        lines += ["", GET_HELP]
        lines += [f"  - {s}" for s in doc.get_help]
    if doc.sources:
        lines += ["", "Sources"]
        lines += [f"  - {s}" for s in doc.sources]
    lines += ["", FOOTER]
    return "\n".join(lines)


def document_html(doc: WorksheetDocument) -> str:
    """Simple, printable HTML (the subset QTextDocument understands): black on white, generous spacing."""

    def para(text: str) -> str:
        return "<br>".join(escape(line) for line in text.splitlines())

    parts = [
        "<html><body style='font-size:12pt; color:#000000;'>",
        f"<h1 style='font-size:18pt;'>{escape(doc.title)}</h1>",
        f"<p style='color:#333333;'>Written {escape(doc.date_text)}</p>",
    ]
    if doc.summary:
        parts.append(f"<p>{para(doc.summary)}</p>")
    for item in doc.items:
        parts.append(f"<h2 style='font-size:13pt; margin-top:10pt; margin-bottom:2pt;'>{escape(item.question)}</h2>")
        if item.help:
            parts.append(f"<p style='color:#444444; font-size:10pt; margin-top:0;'>{escape(item.help)}</p>")
        if item.answer:
            parts.append(f"<p>{para(item.answer)}</p>")
        else:
            parts.append(f"<p style='color:#555555;'><i>{NOT_FILLED_IN}</i></p>")
    if doc.get_help:
        parts.append(f"<h2 style='font-size:13pt; margin-top:14pt;'>{GET_HELP}</h2><ul>")
        parts += [f"<li>{escape(s)}</li>" for s in doc.get_help]
        parts.append("</ul>")
    if doc.sources:
        parts.append("<h2 style='font-size:12pt; margin-top:18pt;'>Sources</h2><ul>")
        parts += [f"<li style='font-size:9pt;'>{escape(s)}</li>" for s in doc.sources]
        parts.append("</ul>")
    parts.append(f"<p style='color:#555555; font-size:9pt; margin-top:18pt;'>{escape(FOOTER)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
