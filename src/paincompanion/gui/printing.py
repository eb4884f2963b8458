"""Printing and PDF for plain documents (built as HTML by the core): one clean A4 page style, black on white."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

MARGIN_MM = 5  # plus the 2 cm QTextDocument adds when printing


def text_document(html: str, title: str = "") -> QTextDocument:
    """A QTextDocument of `html` in a readable print font (independent of the screen's palette)."""
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(12)
    doc.setDefaultFont(font)
    doc.setHtml(html)
    if title:
        doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    return doc


def _prepare(printer: QPrinter, title: str) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    if title:
        printer.setDocName(title)
        printer.setCreator("Pain Companion")


def _render(doc: QTextDocument, printer: QPrinter) -> None:
    # No page size on the document: print_() then lays it out for the printer's resolution, with its own 2 cm
    # margin inside the printer's (small) margins, so fonts keep their point sizes on paper.
    doc.print_(printer)


def save_pdf(html: str, path: str | Path, title: str = "") -> Path:
    """Write `html` to a PDF file at `path` (A4); returns the path. Raises OSError if it could not be written."""
    target = Path(path)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    _prepare(printer, title)
    _render(text_document(html, title), printer)
    if not target.exists() or target.stat().st_size == 0:
        raise OSError(f"The PDF could not be written to {target}.")
    return target


def print_html(html: str, parent: QWidget | None, title: str = "") -> bool:
    """Ask which printer (the system's print dialog) and print; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _prepare(printer, title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print {title}" if title else "Print")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _render(text_document(html, title), printer)
    return True
