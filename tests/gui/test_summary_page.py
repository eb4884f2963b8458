"""Summary page: presets, sections, questions saved, live preview from the real renderer, save, print, errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from paincompanion.domain.diary import EntryDraft
from paincompanion.gui.pages.summary_page import SummaryPage
from paincompanion.gui.widgets.pdf_preview import BUSY_TEXT, page_count, page_texts

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 10, 9, 30, tzinfo=CET)
TODAY = NOW.date()
QUESTION = "Could we try a lower dose at night?"


def _text(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


@pytest.fixture
def page(qtbot, ctx):
    drafts = [
        EntryDraft(at=(NOW - timedelta(days=d)).replace(hour=8, minute=0), pain=3 + d % 5, mood=6, sleep_hours=7)
        for d in range(1, 60)
    ]
    ctx.companion.diary.add_many(drafts)
    widget = SummaryPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 900)
    return widget


def _show_and_wait(qtbot, page: SummaryPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    _wait(qtbot, page)


def _wait(qtbot, page: SummaryPage) -> None:
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)


def test_opens_on_90_days_without_an_earlier_summary_and_previews_it(qtbot, page):
    assert page.objectName() == "summaryPage" and page.page_title == "Summary"
    assert not page.preset_buttons["since"].isEnabled()
    _show_and_wait(qtbot, page)
    assert page.preset == "90"
    assert page.period() == (TODAY - timedelta(days=89), TODAY)
    assert page.preset_buttons["90"].text().startswith("✓")
    assert page.preview.page_count() >= 1
    assert page.shown_request is not None and page.shown_request.start == TODAY - timedelta(days=89)
    assert page.preview.page_label.text().startswith(f"Page 1 of {page.preview.page_count()}")
    assert BUSY_TEXT not in page.preview.page_label.text()
    assert "Patient-reported" in _text(page.preview.pdf_bytes()) or "patient-reported" in _text(
        page.preview.pdf_bytes()
    )


def test_presets_set_the_period(qtbot, page):
    _show_and_wait(qtbot, page)
    qtbot.mouseClick(page.preset_buttons["30"], Qt.MouseButton.LeftButton)
    assert page.period() == (TODAY - timedelta(days=29), TODAY)
    page.set_preset("180")
    assert page.period() == (TODAY - timedelta(days=179), TODAY)
    assert page.preset_buttons["180"].isChecked() and not page.preset_buttons["30"].isChecked()
    _wait(qtbot, page)
    assert page.shown_request.start == TODAY - timedelta(days=179)


def test_since_last_summary_starts_the_day_after_it(qtbot, ctx, page):
    ctx.companion.reports.mark_made(date(2026, 2, 1))
    fresh = SummaryPage(ctx)
    qtbot.addWidget(fresh)
    assert fresh.preset_buttons["since"].isEnabled()
    assert fresh.preset == "since"
    assert fresh.period() == (date(2026, 2, 2), TODAY)
    assert "1 Feb 2026" in fresh.last_summary_label.text()


def test_only_the_latest_request_reaches_the_preview(qtbot, page, monkeypatch):
    _show_and_wait(qtbot, page)
    shown: list[str] = []
    original = page.preview.set_pdf
    monkeypatch.setattr(
        page.preview, "set_pdf", lambda data, images=None: (shown.append(_text(data)), original(data, images))
    )
    page.set_preset("30")
    page.refresh()  # on its way...
    page.set_preset("180")
    page.refresh()  # ...and overtaken
    _wait(qtbot, page)
    assert page.shown_request.start == TODAY - timedelta(days=179)
    assert "180 days" in _text(page.preview.pdf_bytes())
    assert len(shown) == 1 and "(180 days)" in shown[0]  # the 30-day result was dropped, never shown


def test_editing_a_date_makes_the_period_custom(qtbot, page):
    _show_and_wait(qtbot, page)
    page.from_edit.setDate(page.from_edit.date().addDays(10))
    assert page.preset == "custom"
    assert page.preset_buttons["custom"].isChecked()
    _wait(qtbot, page)
    assert page.shown_request.start == TODAY - timedelta(days=79)


def test_switching_a_section_off_renders_without_it(qtbot, page):
    page.questions_edit.setPlainText(QUESTION)
    _show_and_wait(qtbot, page)
    assert QUESTION in _text(page.preview.pdf_bytes())
    page.set_section("questions", False)
    assert page.is_busy()
    _wait(qtbot, page)
    assert "questions" not in page.shown_request.sections
    assert QUESTION not in _text(page.preview.pdf_bytes())


def test_a_switch_turned_off_and_on_again_keeps_the_preview(qtbot, page, monkeypatch):
    page.questions_edit.setPlainText(QUESTION)
    _show_and_wait(qtbot, page)
    shown: list[bytes] = []
    original = page.preview.set_pdf
    monkeypatch.setattr(page.preview, "set_pdf", lambda data, images=None: (shown.append(data), original(data, images)))
    page.set_section("questions", False)
    page.refresh()
    assert page.preview.is_busy() and BUSY_TEXT in page.preview.page_label.text()
    page.set_section("questions", True)
    page.refresh()
    assert not page.preview.is_busy()
    _wait(qtbot, page)
    assert shown == []  # the result for "without questions" came too late and was dropped
    assert QUESTION in _text(page.preview.pdf_bytes())


def test_questions_are_saved_as_they_are_typed(qtbot, ctx, page):
    _show_and_wait(qtbot, page)
    page.questions_edit.setFocus()
    qtbot.keyClicks(page.questions_edit, "Is my sleep part of it?")
    qtbot.waitUntil(lambda: ctx.companion.reports.questions() == "Is my sleep part of it?", timeout=5000)
    _wait(qtbot, page)
    assert "Is my sleep part of it?" in _text(page.preview.pdf_bytes())
    fresh = SummaryPage(ctx)
    qtbot.addWidget(fresh)
    assert fresh.questions_edit.toPlainText() == "Is my sleep part of it?"


def test_name_and_paper_are_kept(qtbot, ctx, page):
    _show_and_wait(qtbot, page)
    page.name_edit.setFocus()
    qtbot.keyClicks(page.name_edit, "Sam Rivera")
    page.paper_combo.setCurrentIndex(page.paper_combo.findData("letter"))
    _wait(qtbot, page)
    page.flush()
    assert ctx.companion.reports.patient_name() == "Sam Rivera"
    assert ctx.companion.reports.paper() == "letter"
    assert page.shown_request.paper == "letter" and page.shown_request.patient_name == "Sam Rivera"
    assert "Sam Rivera" in _text(page.preview.pdf_bytes())


def test_reversed_period_is_explained_and_the_last_preview_stays(qtbot, page, monkeypatch):
    _show_and_wait(qtbot, page)
    good = page.preview.pdf_bytes()
    page.set_period(TODAY - timedelta(days=5), TODAY - timedelta(days=20))
    _wait(qtbot, page)
    assert page.period_message.isVisible() and page.period_message.is_error
    assert "reversed" in page.period_message.text()
    assert page.preview.pdf_bytes() is good
    assert "last good period" in page.preview.page_label.text()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: asked.append(a) or ("", "")))
    page.save_as_pdf()
    assert asked == [] and "reversed" in page.message.text()  # no file dialog for a period that cannot be made
    page.set_period(TODAY - timedelta(days=20), TODAY - timedelta(days=5))
    _wait(qtbot, page)
    assert not page.period_message.isVisible()
    assert page.shown_request.end == TODAY - timedelta(days=5)


def test_save_as_pdf_writes_the_file_and_marks_the_summary_made(qtbot, ctx, page, tmp_path, monkeypatch):
    _show_and_wait(qtbot, page)
    target = tmp_path / "for my doctor"  # no suffix: ".pdf" is added
    asked = []

    def fake_dialog(parent, caption, start, filters):
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, page)
    written = tmp_path / "for my doctor.pdf"
    assert written.exists()
    assert asked and asked[0].endswith(".pdf")
    assert page_count(written.read_bytes()) == page.preview.page_count()
    assert _text(written.read_bytes()) == _text(page.preview.pdf_bytes())
    assert ctx.companion.reports.last_summary_day() == TODAY
    assert "Saved" in page.message.text() and not page.message.is_error
    assert "today" in page.last_summary_label.text()


def test_an_unwritable_path_is_explained_and_nothing_is_lost(qtbot, page, tmp_path):
    _show_and_wait(qtbot, page)
    page.questions_edit.setPlainText(QUESTION)
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    page.save_to(blocker / "summary.pdf")
    _wait(qtbot, page)
    assert page.message.is_error and page.message.isVisible()
    assert "Nothing was lost" in page.message.text()
    assert page.questions_edit.toPlainText() == QUESTION
    assert not (blocker / "summary.pdf").exists()


def test_print_draws_every_page_on_the_printer(qtbot, ctx, page, tmp_path):
    _show_and_wait(qtbot, page)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    pages = page.print_on(printer)
    assert pages == page.preview.page_count() >= 1
    assert page_count(out.read_bytes()) == pages
    assert ctx.companion.reports.last_summary_day() == TODAY
    assert "printer" in page.message.text()


def test_print_button_goes_through_the_print_dialog(qtbot, page, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from paincompanion.gui.pages import summary_page

    _show_and_wait(qtbot, page)
    page.paper_combo.setCurrentIndex(page.paper_combo.findData("letter"))
    _wait(qtbot, page)
    target = tmp_path / "from the dialog.pdf"
    seen = []

    class FakePrintDialog:
        answer = QDialog.DialogCode.Accepted

        def __init__(self, printer, parent):
            self.printer = printer
            seen.append(printer.pageLayout().pageSize().id())

        def setWindowTitle(self, title):
            seen.append(title)

        def exec(self):
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(target))
            return self.answer

    monkeypatch.setattr(summary_page, "QPrintDialog", FakePrintDialog)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert seen == [QPageSize.PageSizeId.Letter, "Print the summary"]  # the paper chosen on the page
    assert page_count(target.read_bytes()) == page.preview.page_count()

    class Cancelled(FakePrintDialog):
        answer = QDialog.DialogCode.Rejected

    monkeypatch.setattr(summary_page, "QPrintDialog", Cancelled)
    target.unlink()
    page.message.clear_message()
    page.print_summary()
    assert not target.exists() and not page.message.isVisible()


def test_new_entries_refresh_the_preview(qtbot, ctx, page):
    _show_and_wait(qtbot, page)
    before = page.preview.pdf_bytes()
    from paincompanion.domain.changes import Changes

    ctx.companion.diary.add(EntryDraft(at=NOW - timedelta(hours=1), pain=9, note="worst morning"))
    ctx.bus.operation_did_execute.emit(Changes(entries=True))
    assert page.is_busy()
    _wait(qtbot, page)
    assert page.preview.pdf_bytes() != before


def test_the_summary_page_is_in_the_main_window(qtbot, ctx):
    from paincompanion.gui.main_window import PAGES, MainWindow

    keys = [spec.key for spec in PAGES]
    assert keys.index("summary") == keys.index("insights") + 1
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("summary")
    page = window.pages["summary"]
    assert isinstance(page, SummaryPage)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
    assert page.preview.page_count() >= 1


def test_text_is_not_lost_when_the_page_is_hidden_right_after_typing(qtbot, ctx, page):
    _show_and_wait(qtbot, page)
    page.questions_edit.setPlainText("Ask about the new pillow")
    page.hide()
    assert ctx.companion.reports.questions() == "Ask about the new pillow"


def test_written_path_is_shown(page):
    assert page.suggested_file_name(page.request()).startswith("pain-summary-")
    assert Path(page.suggested_file_name(page.request())).suffix == ".pdf"
