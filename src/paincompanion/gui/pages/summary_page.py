"""Summary page: the appointment summary for a chosen period, previewed live, saved as PDF or printed.

The PDF comes from the one renderer the CLI also uses (`companion.reports.render`), made on a worker thread;
the preview shows those very bytes, and "Save as PDF…" and "Print…" use the same request. While a new preview
is made the last one stays in view ("Updating preview…"); results of older requests are dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QImage, QPageSize, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes
from ...errors import PainCompanionError
from ...reports.summary import (
    SECTION_KEYS,
    SECTION_TITLES,
    ReportError,
    ReportRequest,
    check_request,
    day_text,
)
from ...services.reports import ReportService
from ..background import BackgroundCall, error_text
from ..context import GuiContext
from ..page_layout import ResponsiveRow, wrap_page
from ..widgets.date_fields import TabLeavingDateEdit
from ..widgets.message_label import MessageLabel
from ..widgets.pdf_preview import PdfPreview, paint_pdf, rasterize

#: Period presets: key, button text, accessible name. Days count back from today, today included.
PRESETS: tuple[tuple[str, str, str], ...] = (
    ("30", "30 days", "The last 30 days"),
    ("90", "90 days", "The last 90 days"),
    ("180", "180 days", "The last 180 days"),
    ("since", "Since last summary", "Since the last summary"),
    ("custom", "Custom", "Custom period: choose the dates below"),
)
PAPER_CHOICES = (("a4", "A4"), ("letter", "Letter (US)"))
PREVIEW_DEBOUNCE_MS = 400
SAVE_TEXT_DEBOUNCE_MS = 600


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _Message(MessageLabel):
    """The page's message line: problems in plain words (not the entry form's "Not saved:")."""

    def show_problem(self, text: str) -> None:
        self.is_error = True
        self._show(text)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(label.font())
    font.setBold(True)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


class SummaryPage(QWidget):
    """Choose a period, sections and paper, write questions, see the summary, save it as PDF or print it."""

    page_title = "Summary"
    status_message = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPage")
        self._ctx = ctx
        self._preview_call = BackgroundCall(self, "The summary preview could not be made")
        self._save_call = BackgroundCall(
            self, "The summary could not be saved", drop_stale=False, share_thread_with=self._preview_call
        )
        self._dirty = True
        self._preset = ""
        self._request_problem = False
        self._setting_dates = False
        #: The request whose PDF is shown, and its bytes (None before the first preview).
        self.shown_request: ReportRequest | None = None
        self._preview_timer = self._timer(PREVIEW_DEBOUNCE_MS, self.refresh)
        self._questions_timer = self._timer(SAVE_TEXT_DEBOUNCE_MS, self.save_questions)
        self._name_timer = self._timer(SAVE_TEXT_DEBOUNCE_MS, self.save_name)
        self._build()
        self._load_saved()
        ctx.bus.operation_did_execute.connect(self._on_operation)

    @property
    def service(self) -> ReportService:
        return self._ctx.companion.reports

    def _timer(self, interval: int, slot: Callable[[], object]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def _today(self) -> date:
        return self._ctx.companion.clock.now().date()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        """The choices on the left and the preview on the right; the preview goes below them when narrow."""
        row = ResponsiveRow(self, stack_chars=100, name="summaryRow")
        panel = QWidget(row)
        panel.setObjectName("summaryControls")
        column = QVBoxLayout(panel)
        column.setContentsMargins(6, 6, 12, 6)
        intro = QLabel("A one-to-two page summary of your diary to take to an appointment.", panel)
        intro.setWordWrap(True)
        column.addWidget(intro)
        self._build_period(panel, column)
        self._build_sections(panel, column)
        self._build_details(panel, column)
        self._build_actions(panel, column)
        column.addStretch(1)
        self.controls = panel
        row.add_panel(panel, 0)
        self.preview = PdfPreview(row)
        self._apply_sizes()
        row.add_panel(self.preview, 1)
        self.page_scroll = wrap_page(self, row, name="summaryScroll", accessible_name="Summary for an appointment")

    def _apply_sizes(self) -> None:
        """Sizes that follow the text size: the choices' width, and most of a page of preview when below them."""
        chars = self.fontMetrics().averageCharWidth()
        self.controls.setMinimumWidth(chars * 46)
        self.controls.setMaximumWidth(chars * 60)
        self.preview.setMinimumHeight(self.fontMetrics().height() * 24)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_sizes()

    def _build_period(self, panel: QWidget, column: QVBoxLayout) -> None:
        column.addWidget(_heading("Period", panel))
        grid = QGridLayout()
        # No QButtonGroup: it would make the presets one Tab stop reached further only by arrow keys.
        self.preset_buttons: dict[str, QPushButton] = {}
        for index, (key, text, name) in enumerate(PRESETS):
            button = QPushButton(text, panel)
            button.setObjectName(f"preset{key.capitalize()}Button")
            button.setCheckable(True)
            button.setAccessibleName(name)
            button.setProperty("plainText", text)
            button.setMinimumHeight(self.fontMetrics().height() * 2)
            button.clicked.connect(lambda _=False, k=key: self.set_preset(k))
            self.preset_buttons[key] = button
            if index < 3:
                grid.addWidget(button, 0, index)
            else:
                grid.addWidget(button, 1, 0 if key == "since" else 2, 1, 2 if key == "since" else 1)
        column.addLayout(grid)
        dates = QFormLayout()
        self.from_edit = self._date_edit("summaryFromDate", "Period from")
        self.to_edit = self._date_edit("summaryToDate", "Period to")
        from_label = QLabel("&From:", panel)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel("&To:", panel)
        to_label.setBuddy(self.to_edit)
        dates.addRow(from_label, self.from_edit)
        dates.addRow(to_label, self.to_edit)
        column.addLayout(dates)
        self.period_message = _Message(panel)  # problems with the choices, next to the dates
        self.period_message.setObjectName("periodMessage")
        column.addWidget(self.period_message)
        self.last_summary_label = QLabel(panel)
        self.last_summary_label.setObjectName("lastSummaryLabel")
        self.last_summary_label.setWordWrap(True)
        column.addWidget(self.last_summary_label)

    def _date_edit(self, name: str, accessible: str) -> TabLeavingDateEdit:
        edit = TabLeavingDateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        edit.setMinimumDate(QDate(1900, 1, 1))
        edit.setMaximumDate(QDate(9999, 12, 31))
        edit.dateChanged.connect(self._dates_edited)
        return edit

    def _build_sections(self, panel: QWidget, column: QVBoxLayout) -> None:
        column.addSpacing(8)
        column.addWidget(_heading("Include", panel))
        self.section_checks: dict[str, QCheckBox] = {}
        for key in SECTION_KEYS:
            check = QCheckBox(SECTION_TITLES[key], panel)
            check.setObjectName(f"section_{key}")
            check.setChecked(True)
            check.toggled.connect(self.schedule_refresh)
            self.section_checks[key] = check
            column.addWidget(check)

    def _build_details(self, panel: QWidget, column: QVBoxLayout) -> None:
        column.addSpacing(8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.paper_combo = QComboBox(panel)
        self.paper_combo.setObjectName("paperCombo")
        for key, text in PAPER_CHOICES:
            self.paper_combo.addItem(text, key)
        self.paper_combo.currentIndexChanged.connect(self._paper_changed)
        paper_label = QLabel("&Paper:", panel)
        paper_label.setBuddy(self.paper_combo)
        form.addRow(paper_label, self.paper_combo)
        self.name_edit = QLineEdit(panel)
        self.name_edit.setObjectName("patientNameEdit")
        self.name_edit.setPlaceholderText("Optional")
        self.name_edit.textEdited.connect(self._name_edited)
        name_label = QLabel("Your &name:", panel)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)
        self.born_edit = QLineEdit(panel)
        self.born_edit.setObjectName("birthDateEdit")
        self.born_edit.setPlaceholderText("Optional, like 1960-04-30")
        self.born_edit.setAccessibleName("Your date of birth, year-month-day, optional")
        self.born_edit.editingFinished.connect(self.save_born)
        born_label = QLabel("Date of &birth:", panel)
        born_label.setBuddy(self.born_edit)
        form.addRow(born_label, self.born_edit)
        column.addLayout(form)
        questions_label = QLabel("&Questions for my clinician:", panel)
        column.addWidget(questions_label)
        self.questions_edit = QPlainTextEdit(panel)
        self.questions_edit.setObjectName("questionsEdit")
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setPlaceholderText("What you want to ask or tell at the appointment. Saved as you type.")
        self.questions_edit.setFixedHeight(self.questions_edit.fontMetrics().lineSpacing() * 6 + 14)
        self.questions_edit.textChanged.connect(self._questions_edited)
        questions_label.setBuddy(self.questions_edit)
        column.addWidget(self.questions_edit)

    def _build_actions(self, panel: QWidget, column: QVBoxLayout) -> None:
        column.addSpacing(8)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save as PDF…", panel)
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(self.save_as_pdf)
        self.print_button = QPushButton("P&rint…", panel)
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(self.print_summary)
        for button in (self.save_button, self.print_button):
            button.setMinimumHeight(self.fontMetrics().height() * 2 + 8)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.message = _Message(panel)
        self.message.setObjectName("summaryMessage")
        column.addWidget(self.message)
        # Shown when kratom or 7-OH is on the list, like the summary's own line about it.
        self.kratom_button = QPushButton("Kratom: what to know", panel)
        self.kratom_button.setObjectName("summaryKratomInfo")
        self.kratom_button.setAccessibleName("Open the page Kratom: what to know")
        self.kratom_button.clicked.connect(self.show_kratom)
        self.kratom_button.setVisible(False)
        column.addWidget(self.kratom_button, 0, Qt.AlignmentFlag.AlignLeft)

    # --- saved values -----------------------------------------------------------------------------

    def _load_saved(self) -> None:
        service = self.service
        with QSignalBlocker(self.questions_edit), QSignalBlocker(self.name_edit), QSignalBlocker(self.paper_combo):
            try:
                self.questions_edit.setPlainText(service.questions())
                self.name_edit.setText(service.patient_name())
                born = service.birth_date()
                self.born_edit.setText(born.isoformat() if born else "")
                paper = service.paper()
            except PainCompanionError as exc:
                self.message.show_problem(f"Your saved questions could not be read: {exc}")
                paper = "a4"
            index = self.paper_combo.findData(paper)
            self.paper_combo.setCurrentIndex(max(0, index))
        last = self._last_summary_day()
        self._show_last_summary(last)
        self.set_preset("since" if self.preset_buttons["since"].isEnabled() else "90", render=False)

    def _last_summary_day(self) -> date | None:
        try:
            day: date | None = self.service.last_summary_day()
            return day
        except PainCompanionError:
            return None

    def _show_last_summary(self, last: date | None) -> None:
        today = self._today()
        since = self.preset_buttons["since"]
        since.setEnabled(last is not None and last < today)
        if last is None:
            self.last_summary_label.setText("No summary saved or printed yet.")
        elif last >= today:
            self.last_summary_label.setText("Last summary: made today.")
        else:
            self.last_summary_label.setText(f"Last summary: {day_text(last)}.")
        since.setToolTip(self.last_summary_label.text())

    def save_questions(self) -> None:
        """Store the questions now (also called shortly after each change)."""
        self._questions_timer.stop()
        try:
            self.service.set_questions(self.questions_edit.toPlainText())
        except PainCompanionError as exc:
            self.message.show_problem(f"Your questions were not saved: {exc}. They are still in the box.")

    def save_name(self) -> None:
        self._name_timer.stop()
        try:
            self.service.set_patient_name(self.name_edit.text())
        except PainCompanionError as exc:
            self.message.show_problem(f"Your name was not saved: {exc}")

    def birth_date(self) -> date | None:
        """The typed date of birth; None when empty; ReportError with one line when it is not a date."""
        text = self.born_edit.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ReportError(f"The date of birth must look like 1960-04-30, not {text!r}.") from None

    def save_born(self) -> None:
        try:
            self.service.set_birth_date(self.birth_date())
        except PainCompanionError as exc:
            self.message.show_problem(f"Your date of birth was not saved: {exc}")
            return
        self.schedule_refresh()

    def flush(self) -> None:
        """Store typed text that is still waiting for its timer."""
        if self._questions_timer.isActive():
            self.save_questions()
        if self._name_timer.isActive():
            self.save_name()

    def _questions_edited(self) -> None:
        self._questions_timer.start()
        self.schedule_refresh()

    def _name_edited(self) -> None:
        self._name_timer.start()
        self.schedule_refresh()

    def _paper_changed(self) -> None:
        try:
            self.service.set_paper(self.paper())
        except PainCompanionError as exc:
            self.message.show_problem(f"The paper size was not saved: {exc}")
        self.schedule_refresh()

    # --- period -----------------------------------------------------------------------------------

    @property
    def preset(self) -> str:
        return self._preset

    def period(self) -> tuple[date, date]:
        return _pydate(self.from_edit.date()), _pydate(self.to_edit.date())

    def set_period(self, start: date, end: date) -> None:
        """A custom period (as if typed into the date fields)."""
        self._set_dates(start, end)
        self._mark_preset("custom")
        self.schedule_refresh()

    def set_preset(self, key: str, *, render: bool = True) -> None:
        """Choose a period preset: "30", "90", "180", "since" (last summary) or "custom" (the dates as they are)."""
        if key not in self.preset_buttons:
            raise ValueError(f"unknown preset {key!r}")
        today = self._today()
        if key == "since":
            from ...reports.summary import default_period

            self._set_dates(*default_period(today, self._last_summary_day()))
        elif key != "custom":
            self._set_dates(today - timedelta(days=int(key) - 1), today)
        self._mark_preset(key)
        if key == "custom":
            self.from_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        if render:
            self.schedule_refresh()

    def _set_dates(self, start: date, end: date) -> None:
        self._setting_dates = True
        try:
            self.from_edit.setDate(_qdate(start))
            self.to_edit.setDate(_qdate(end))
        finally:
            self._setting_dates = False

    def _dates_edited(self) -> None:
        if self._setting_dates:
            return
        self._mark_preset("custom")
        self.schedule_refresh()

    def _mark_preset(self, key: str) -> None:
        """The chosen preset is bold with a tick: told apart by shape, not by colour alone."""
        self._preset = key
        for value, button in self.preset_buttons.items():
            chosen = value == key
            button.setChecked(chosen)
            font = QFont(button.font())
            font.setBold(chosen)
            button.setFont(font)
            text = button.property("plainText")
            button.setText(f"✓ {text}" if chosen else text)

    # --- the request ------------------------------------------------------------------------------

    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    def sections(self) -> tuple[str, ...]:
        return tuple(key for key in SECTION_KEYS if self.section_checks[key].isChecked())

    def set_section(self, key: str, on: bool) -> None:
        self.section_checks[key].setChecked(on)

    def request(self) -> ReportRequest:
        """The request as the controls show it now, checked; raises ReportError (one plain line)."""
        start, end = self.period()
        request = self.service.request_for(start=start, end=end, sections=self.sections(), paper=self.paper())
        request = dataclasses.replace(
            request,
            questions=self.questions_edit.toPlainText(),
            patient_name=self.name_edit.text(),
            birth_date=self.birth_date(),
        )
        return check_request(request, self._today())

    # --- kratom page ------------------------------------------------------------------------------

    def _update_kratom_button(self) -> None:
        from ...interactions.about import mentions_kratom

        try:
            meds = self._ctx.companion.meds.list_medications(include_stopped=False)
        except PainCompanionError:
            meds = []
        self.kratom_button.setVisible(any(mentions_kratom(m.ingredients) for m in meds))

    def show_kratom(self) -> None:
        from ..dialogs.info_dialog import show_kratom_page

        self.info_dialog = show_kratom_page(self)

    # --- preview ----------------------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        if self.isVisible():
            self._preview_timer.start()
        else:
            self._dirty = True

    def is_busy(self) -> bool:
        """True while a preview, a save or a print is waiting or running (tests wait on this)."""
        return self._preview_call.busy or self._save_call.busy or self._preview_timer.isActive()

    def refresh(self) -> None:
        """Make the preview for the request shown now, on the worker thread. A bad request is shown in words."""
        self._preview_timer.stop()
        self._dirty = False
        self._update_kratom_button()
        try:
            request = self.request()
        except PainCompanionError as exc:
            self._preview_call.drop()  # anything still on its way is stale now
            self._show_request_problem(str(exc))
            self.preview.set_busy(False)
            self.preview.set_note("(the preview shows the last good period)" if self.shown_request else "")
            return
        if self._request_problem:  # put right: the message goes (a failed save's message stays)
            self._request_problem = False
            self.period_message.clear_message()
        if request == self.shown_request:  # back to what is shown: anything on its way is for another request
            self._preview_call.drop()
            self.preview.set_busy(False)
            self.preview.set_note("")
            return
        service, width = self.service, self.preview.target_width()

        def work() -> tuple[ReportRequest, bytes, list[QImage]]:
            data = service.render(request)
            return request, data, rasterize(data, width)

        self.preview.set_busy(True)
        self._preview_call.start(work, self._preview_done, self._preview_failed)

    def _preview_done(self, result: tuple[ReportRequest, bytes, list[QImage]]) -> None:
        request, data, images = result
        self.shown_request = request
        self.preview.set_pdf(data, images)
        self.preview.set_busy(False)
        self.preview.set_note("")

    def _preview_failed(self, exc: BaseException) -> None:
        self.preview.set_busy(False)
        self.preview.set_note("(the preview shows the last good period)" if self.shown_request else "")
        self._show_request_problem(error_text(exc))

    def _saved(self, path: Path) -> None:
        self._show_last_summary(self._last_summary_day())  # write() noted the day
        self.message.show_info(f"Saved: {path}")
        self.status_message.emit(f"Summary saved as {path.name}")

    def _save_failed(self, exc: BaseException) -> None:
        self.message.show_problem(f"{error_text(exc)} Nothing was lost; choose another folder or name and try again.")

    def _on_operation(self, changes: Changes) -> None:
        if changes.entries or changes.peg or changes.medications or changes.routines:
            self.shown_request = None  # same request, new data
            self.schedule_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_last_summary(self._last_summary_day())
        if self._dirty:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def focus_first(self) -> None:
        self.preset_buttons[self._preset or "90"].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- save and print ---------------------------------------------------------------------------

    def _checked_request(self) -> ReportRequest | None:
        self.flush()
        try:
            return self.request()
        except PainCompanionError as exc:
            self._show_request_problem(str(exc))
            self.message.show_problem(str(exc))  # also where the button was pressed
            return None

    def _show_request_problem(self, text: str) -> None:
        """A problem with the period or another choice: it goes away when the choice is put right."""
        self._request_problem = True
        self.period_message.show_problem(text)

    def _made(self) -> None:
        try:
            self.service.mark_made(self._today())
        except PainCompanionError as exc:
            self.message.show_problem(f"The date of this summary was not noted: {exc}")
        self._show_last_summary(self._last_summary_day())

    def suggested_file_name(self, request: ReportRequest) -> str:
        return f"pain-summary-{request.start:%Y-%m-%d}-to-{request.end:%Y-%m-%d}.pdf"

    def save_as_pdf(self) -> None:
        """Ask where, then write the summary there (on the worker thread) and note that a summary was made."""
        request = self._checked_request()
        if request is None:
            return
        start_dir = Path.home() / self.suggested_file_name(request)
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the summary as PDF", str(start_dir), "PDF files (*.pdf)")
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.save_to(path, request)

    def save_to(self, path: Path, request: ReportRequest | None = None) -> None:
        """Write the summary for `request` (default: the controls) to `path`, off the GUI thread."""
        request = request or self._checked_request()
        if request is None:
            return
        service = self.service

        def work() -> Path:
            service.write(request, path)
            return path

        self.message.show_info("Saving…")
        self._save_call.start(work, self._saved, self._save_failed)

    def pdf_for(self, request: ReportRequest) -> bytes:
        """The PDF for `request`: the one in the preview when it matches, else made now."""
        shown = self.preview.pdf_bytes()
        if request == self.shown_request and shown is not None:
            return shown
        return self.service.render(request)

    def print_summary(self) -> None:
        """The system print dialog, then the summary's pages drawn onto the chosen printer."""
        request = self._checked_request()
        if request is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        letter = request.paper == "letter"
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the summary")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_on(printer, request)

    def print_on(self, printer: Any, request: ReportRequest | None = None) -> int:
        """Draw the summary onto `printer` (no dialog); returns the pages printed, 0 after an error shown."""
        request = request or self._checked_request()
        if request is None:
            return 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = paint_pdf(self.pdf_for(request), printer)
        except (PainCompanionError, OSError) as exc:
            self.message.show_problem(f"The summary was not printed: {exc}")
            return 0
        finally:
            QApplication.restoreOverrideCursor()
        self._made()
        self.message.show_info(f"Sent {pages} {'page' if pages == 1 else 'pages'} to the printer.")
        self.status_message.emit("Summary sent to the printer")
        return pages
