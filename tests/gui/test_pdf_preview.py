"""The PDF preview: pages rasterised by PDFium, fitted to the width, page count, keys, printing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from paincompanion.gui.widgets.pdf_preview import (
    BUSY_TEXT,
    PdfPreview,
    page_count,
    page_texts,
    paint_pdf,
    rasterize,
)


def make_pdf(pages: int = 2, *, words: str = "Hello") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.set_font("helvetica", size=24)
        pdf.cell(text=f"{words} page {number}")
        pdf.rect(20, 40, 170, 200, style="F")  # black ink, so a page image is not all white
    return bytes(pdf.output())


@pytest.fixture
def preview(qtbot):
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_rasterize_gives_one_image_per_page_at_the_width_asked():
    images = rasterize(make_pdf(3), 300)
    assert [i.width() for i in images] == [300, 300, 300]
    assert abs(images[0].height() - 300 * 297 / 210) <= 1  # A4 keeps its shape
    assert images[0].pixelColor(2, 2).name() == "#ffffff"  # paper
    assert images[0].pixelColor(150, 200).name() == "#000000"  # the filled rectangle


def test_preview_shows_pages_and_their_count(preview):
    preview.set_pdf(make_pdf(2))
    assert preview.page_count() == 2
    assert preview.page_label.text().startswith("Page 1 of 2")
    assert preview.scroll_area.accessibleName() == "Preview of the summary, page 1 of 2"
    assert "2 pages" in preview.scroll_area.accessibleDescription()
    rects = preview.canvas.page_rects
    assert len(rects) == 2 and rects[1].top() > rects[0].bottom()
    viewport = preview.scroll_area.viewport().width()
    assert rects[0].width() > viewport * 0.8  # fit width
    assert rects[0].right() < viewport


def test_fit_width_follows_the_view(preview, qtbot):
    preview.set_pdf(make_pdf(1))
    before = preview.canvas.page_rects[0].width()
    preview.resize(900, 500)
    qtbot.waitUntil(lambda: preview.canvas.page_rects[0].width() > before)
    qtbot.waitUntil(lambda: abs(preview.canvas.images[0].width() - preview.target_width()) <= 2)


def test_keys_scroll_and_the_name_follows_the_page(preview, qtbot):
    preview.set_pdf(make_pdf(2))
    preview.scroll_area.setFocus()
    bar = preview.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    qtbot.keyClick(preview.scroll_area, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    assert preview.current_page() == 2
    assert preview.scroll_area.accessibleName().endswith("page 2 of 2")
    assert preview.page_label.text().startswith("Page 2 of 2")
    qtbot.keyClick(preview.scroll_area, Qt.Key.Key_Home)
    assert bar.value() == 0
    qtbot.keyClick(preview.scroll_area, Qt.Key.Key_PageDown)
    assert bar.value() > 0


def test_busy_keeps_the_pages_and_says_so(preview):
    preview.set_pdf(make_pdf(1))
    preview.set_busy(True)
    assert BUSY_TEXT in preview.page_label.text()
    assert preview.page_count() == 1
    preview.set_busy(False)
    assert BUSY_TEXT not in preview.page_label.text()


def test_empty_preview_says_so(preview):
    assert preview.page_count() == 0
    assert preview.page_label.text() == "No preview yet."
    assert "no preview yet" in preview.scroll_area.accessibleName()


def test_paint_pdf_on_a_pdf_printer_keeps_every_page(tmp_path, qapp):
    data = make_pdf(3, words="Printed")
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    assert paint_pdf(data, printer) == 3
    assert page_count(out.read_bytes()) == 3
    assert page_texts(data)[2].strip() == "Printed page 3"
