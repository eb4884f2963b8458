"""A calm, keyboard-scrollable preview of PDF bytes, page by page, fitted to the width of the view.

The pages are rasterised with pypdfium2 (PDFium) straight into QImages, without PIL. Qt's own PDF viewer
(PySide6-Pdf's QPdfView) ships only for PySide6 6.12.0, which this project excludes (it aborts), so PDFium is
the preview. PDFium is not thread-safe: every use here holds `PDFIUM_LOCK`, so a worker thread may rasterise
while the window stays responsive.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtPrintSupport import QPrinter

#: Held around every PDFium call (the library must not be used from two threads at once).
PDFIUM_LOCK = threading.RLock()
PAGE_GAP = 18  # pixels between pages and around them
SHADOW = 5  # depth of the soft shadow under each page
MAX_PRINT_DPI = 300  # higher printer resolutions are drawn from a 300-dpi image (memory stays modest)
EMPTY_TEXT = "No preview yet."
BUSY_TEXT = "Updating preview…"


def _open(data: bytes) -> Any:  # a pypdfium2.PdfDocument (pypdfium2 has no type information)
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def page_count(data: bytes) -> int:
    """Number of pages in the PDF `data`."""
    with PDFIUM_LOCK:
        doc = _open(data)
        try:
            return len(doc)
        finally:
            doc.close()


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Width and height of every page in PDF points (1/72 inch)."""
    with PDFIUM_LOCK:
        doc = _open(data)
        try:
            return [tuple(doc[i].get_size()) for i in range(len(doc))]
        finally:
            doc.close()


def page_texts(data: bytes) -> list[str]:
    """The text of every page (for screen readers and tests)."""
    with PDFIUM_LOCK:
        doc = _open(data)
        try:
            return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
        finally:
            doc.close()


def _page_image(page: Any, scale: float) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)  # RGBx: one QImage format
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
    return image.copy()  # own the pixels: PDFium frees its buffer with the bitmap


def rasterize(data: bytes, width_px: int) -> list[QImage]:
    """Every page as an image `width_px` pixels wide. Safe to call on a worker thread."""
    width_px = max(16, int(width_px))
    with PDFIUM_LOCK:
        doc = _open(data)
        try:
            images = []
            for i in range(len(doc)):
                page = doc[i]
                images.append(_page_image(page, width_px / page.get_width()))
            return images
        finally:
            doc.close()


def paint_pdf(data: bytes, printer: QPrinter | QPdfWriter, *, max_dpi: int = MAX_PRINT_DPI) -> int:
    """Draw every page of `data` onto `printer` (a QPrinter or a QPdfWriter), each fitted to the page.

    Pages are rasterised at the printer's resolution (at most `max_dpi`). Returns the number of pages drawn.
    """
    dpi = min(max(72, printer.resolution()), max_dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be started.")
    drawn = 0
    try:
        with PDFIUM_LOCK:
            doc = _open(data)
            try:
                for i in range(len(doc)):
                    if i and not printer.newPage():
                        raise OSError("The printer did not accept another page.")
                    page = doc[i]
                    image = _page_image(page, dpi / 72)
                    layout = printer.pageLayout()
                    target = QRectF(layout.paintRectPixels(printer.resolution()))
                    target.moveTo(0, 0)  # the painter's origin is the top left of the printable area
                    painter.drawImage(_fit(QSize(image.width(), image.height()), target), image)
                    drawn += 1
            finally:
                doc.close()
    finally:
        painter.end()
    return drawn


def _fit(size: QSize, target: QRectF) -> QRectF:
    """`size` scaled to fit inside `target`, keeping its shape, centred horizontally, at the top."""
    scale = min(target.width() / max(1, size.width()), target.height() / max(1, size.height()))
    width, height = size.width() * scale, size.height() * scale
    return QRectF(target.left() + (target.width() - width) / 2, target.top(), width, height)


class _PageCanvas(QWidget):
    """Paints the pages one under the other, each with a soft shadow, on a quiet background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreviewCanvas")
        self.images: list[QImage] = []
        self.sizes: list[tuple[float, float]] = []  # page sizes in points (for the layout before images come)
        self.page_rects: list[QRect] = []

    def layout_pages(self, width: int) -> None:
        """Place the pages for a view `width` pixels wide (fit width) and resize to hold them all."""
        page_width = max(40, width - 2 * PAGE_GAP - SHADOW)
        top = PAGE_GAP
        self.page_rects = []
        for w, h in self.sizes:
            height = round(page_width * h / max(1.0, w))
            self.page_rects.append(QRect(PAGE_GAP, top, page_width, height))
            top += height + PAGE_GAP
        self.setFixedSize(width, max(top, 2 * PAGE_GAP))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        window = self.palette().color(QPalette.ColorRole.Window)
        background = window.darker(112) if window.lightness() >= 128 else window.lighter(135)
        painter.fillRect(event.rect(), background)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        for index, rect in enumerate(self.page_rects):
            if not rect.adjusted(0, 0, SHADOW, SHADOW).intersects(event.rect()):
                continue
            for depth in range(SHADOW, 0, -1):  # a soft shadow: darker close to the page
                shade = QColor(0, 0, 0, 18 + 10 * (SHADOW - depth))
                painter.fillRect(rect.translated(depth, depth), shade)
            if index < len(self.images):
                painter.drawImage(rect, self.images[index])
            else:
                painter.fillRect(rect, Qt.GlobalColor.white)
        painter.end()


class _PreviewScroll(QScrollArea):
    """The scroll area: a Tab stop; arrows, Page Up/Down, Home and End scroll; a clear frame shows focus."""

    def __init__(self, preview: PdfPreview) -> None:
        super().__init__(preview)
        self._preview = preview
        self.setObjectName("pdfPreviewScroll")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)  # no width see-saw when pages come
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QScrollArea#pdfPreviewScroll:focus { border: 2px solid palette(highlight); }")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home:
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End:
            bar.setValue(bar.maximum())
        elif event.key() == Qt.Key.Key_Space:
            bar.setValue(bar.value() + bar.pageStep())
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._preview._viewport_resized()


class PdfPreview(QWidget):
    """Shows PDF bytes page by page (fit width) with a "Page 1 of 2" line above.

    `set_pdf(data, images)` shows new pages (images made on a worker thread with `rasterize`, or made here
    when left out). `set_busy(True)` says "Updating preview…" while the last pages stay in view.
    """

    def __init__(self, parent: QWidget | None = None, *, what: str = "the summary") -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self._what = what
        self._data: bytes | None = None
        self._busy = False
        self._note = ""
        self._images_width = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.page_label = QLabel(EMPTY_TEXT, self)
        self.page_label.setObjectName("pdfPageLabel")
        self.page_label.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.page_label, 1)
        layout.addLayout(row)
        self.scroll_area = _PreviewScroll(self)
        self.canvas = _PageCanvas(self.scroll_area)
        self.scroll_area.setWidget(self.canvas)
        layout.addWidget(self.scroll_area, 1)
        self.scroll_area.verticalScrollBar().valueChanged.connect(self._update_labels)
        self._sharpen = QTimer(self)  # after a resize: scaled images at once, crisp ones a moment later
        self._sharpen.setSingleShot(True)
        self._sharpen.setInterval(250)
        self._sharpen.timeout.connect(self._rerender)
        self.setFocusProxy(self.scroll_area)
        self._update_labels()

    # --- public API -------------------------------------------------------------------------------

    def pdf_bytes(self) -> bytes | None:
        """The PDF shown now (None before the first one)."""
        return self._data

    def page_count(self) -> int:
        return len(self.canvas.sizes)

    def target_width(self) -> int:
        """Pixel width (device pixels) a page image should have to fill the view."""
        width = max(40, self.scroll_area.viewport().width() - 2 * PAGE_GAP - SHADOW)
        return round(width * self.devicePixelRatioF())

    def set_pdf(self, data: bytes, images: Sequence[QImage] | None = None) -> None:
        """Show `data`; `images` are its pages already rasterised (any width), else they are made now."""
        self._data = data
        self.canvas.sizes = page_sizes(data)
        if images is None or len(images) != len(self.canvas.sizes):
            images = rasterize(data, self.target_width())
        self._set_images(list(images))
        self.canvas.layout_pages(self.scroll_area.viewport().width())
        if abs(self._images_width - self.target_width()) > 2:
            self._sharpen.start()
        self._update_labels()

    def clear(self) -> None:
        self._data = None
        self.canvas.sizes, self.canvas.images = [], []
        self.canvas.layout_pages(self.scroll_area.viewport().width())
        self._update_labels()

    def set_busy(self, busy: bool) -> None:
        """Say "Updating preview…" (the pages shown stay until new ones arrive)."""
        self._busy = busy
        self._update_labels()

    def is_busy(self) -> bool:
        return self._busy

    def set_note(self, text: str) -> None:
        """A short line after the page count, e.g. why the preview is not the latest."""
        self._note = text
        self._update_labels()

    def current_page(self) -> int:
        """The page at the top third of the view, from 1 (0 when nothing is shown)."""
        rects = self.canvas.page_rects
        if not rects:
            return 0
        line = self.scroll_area.verticalScrollBar().value() + self.scroll_area.viewport().height() // 3
        current = 1
        for number, rect in enumerate(rects, start=1):
            if rect.top() <= line:
                current = number
        return current

    def scroll_to_page(self, number: int) -> None:
        rects = self.canvas.page_rects
        if 1 <= number <= len(rects):
            self.scroll_area.verticalScrollBar().setValue(rects[number - 1].top() - PAGE_GAP // 2)

    # --- internals --------------------------------------------------------------------------------

    def _set_images(self, images: list[QImage]) -> None:
        ratio = self.devicePixelRatioF()
        for image in images:
            image.setDevicePixelRatio(ratio)
        self.canvas.images = images
        self._images_width = images[0].width() if images else 0

    def _viewport_resized(self) -> None:
        self.canvas.layout_pages(self.scroll_area.viewport().width())  # scaled at once (smoothly)
        if self._data is not None and abs(self._images_width - self.target_width()) > 2:
            self._sharpen.start()
        self._update_labels()

    def _rerender(self) -> None:
        if self._data is not None:
            self._set_images(rasterize(self._data, self.target_width()))
            self.canvas.update()

    def _update_labels(self) -> None:
        count = self.page_count()
        what = f"Preview of {self._what}"
        if count == 0:
            text = BUSY_TEXT if self._busy else EMPTY_TEXT
            name = f"{what}: {text.lower().rstrip('.…')}"
        else:
            position = f"page {self.current_page()} of {count}"
            text = f"Page {self.current_page()} of {count}"
            if self._busy:
                text += f"   {BUSY_TEXT}"
            name = f"{what}, {position}"
        if self._note:
            text += f"   {self._note}"
        self.page_label.setText(text)
        self.scroll_area.setAccessibleName(name)
        self.scroll_area.setAccessibleDescription(
            f"{count} {'page' if count == 1 else 'pages'}. Scroll with the arrow keys, Page Up and Page Down."
            + (f" {BUSY_TEXT}" if self._busy else "")
        )
