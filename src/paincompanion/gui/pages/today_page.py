"""The Today page: a quick entry at the top, today's entries below, and a gentle weekly PEG offer."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.body import region_name
from ...domain.changes import Changes
from ...domain.diary import DiaryEntry, EntryDraft
from ...errors import PainCompanionError
from ...services.undo import AddEntryOp, DeleteEntriesOp, EditEntryOp
from ..context import GuiContext
from ..page_layout import wrap_page
from ..undo import push_op
from ..widgets.checkins_panel import CheckinsPanel
from ..widgets.day_routines import DayRoutines
from ..widgets.entry_form import EntryForm
from ..widgets.message_label import MessageLabel
from ..widgets.took_menu import fill_took_menu

NOTE_PREVIEW_CHARS = 60
ROUTINES_POLL_MS = 100


def entry_summary(entry: DiaryEntry) -> str:
    """One line for the list: time, pain, where, and the start of the note."""
    parts = [f"{entry.at:%H:%M}", f"pain {entry.pain}"]
    if entry.locations:
        parts.append(", ".join(region_name(loc.region) for loc in entry.locations))
    note = " ".join(entry.note.split())
    if note:
        parts.append(note if len(note) <= NOTE_PREVIEW_CHARS else note[: NOTE_PREVIEW_CHARS - 1] + "…")
    return "  ·  ".join(parts)


def _shortcut_text(key: QKeySequence.StandardKey) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class PegBanner(QFrame):
    """A quiet, dismissible offer of the weekly check-in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pegBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(self.backgroundRole().AlternateBase)
        self.setAutoFillBackground(True)
        row = QHBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        self.start_button = QPushButton("&Check in", self)
        self.start_button.setObjectName("pegStartButton")
        self.dismiss_button = QPushButton("Not now", self)
        self.dismiss_button.setObjectName("pegDismissButton")
        self.dismiss_button.setAccessibleName("Not now: hide the weekly check-in")
        row.addWidget(self.start_button)
        row.addWidget(self.dismiss_button)


class TodayPage(QWidget):
    """Quick entry (pain focused on open; digits set it; Enter saves) and today's entries."""

    page_title = "Today"
    #: A one-line confirmation for the window's status bar.
    status_message = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self.ctx = ctx
        self._peg_dismissed = False
        self._shown_day: date = self._today()
        body = QWidget(self)
        body.setObjectName("todayBody")
        layout = QVBoxLayout(body)

        self.heading = QLabel(self)
        self.heading.setObjectName("todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        self.took_button = QPushButton("Took my &medicine", self)
        self.took_button.setObjectName("tookMedicineButton")
        self.took_button.setAccessibleName("Took my medicine: choose which")
        self.took_menu = QMenu(self.took_button)
        self.took_menu.setObjectName("tookMedicineMenu")
        self.took_menu.aboutToShow.connect(self.fill_took_menu)  # the list is read only when asked for
        self.took_button.setMenu(self.took_menu)
        self.took_button.setMinimumHeight(self.took_button.fontMetrics().height() * 2 + 6)  # a large target
        heading_row.addWidget(self.took_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(heading_row)

        self.peg_banner = PegBanner(self)
        self.peg_banner.start_button.clicked.connect(self.open_peg)
        self.peg_banner.dismiss_button.clicked.connect(self.dismiss_peg)
        layout.addWidget(self.peg_banner)
        layout.addWidget(CheckinsPanel(ctx, self))  # goals and optional check-ins (issue 20)

        self.form = EntryForm(ctx, compact=True, parent=self)
        self.form.submitted.connect(self.save)
        layout.addWidget(self.form)
        save_row = QHBoxLayout()
        self.message = MessageLabel(self)
        save_row.addWidget(self.message, 1)
        self.save_button = QPushButton("&Save entry", self)
        self.save_button.setObjectName("saveEntryButton")
        self.save_button.setToolTip("Enter")
        metrics = self.save_button.fontMetrics()
        self.save_button.setMinimumSize(
            metrics.horizontalAdvance("Save entry") + metrics.height() * 4, metrics.height() * 2 + 6
        )
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout.addLayout(save_row)

        self.list_label = QLabel("&Today so far", self)
        font = self.list_label.font()
        font.setBold(True)
        self.list_label.setFont(font)
        layout.addWidget(self.list_label)
        self.entries = QListWidget(self)
        self.entries.setObjectName("todayEntries")
        self.entries.setAccessibleName("Today's entries")
        self.entries.setTabKeyNavigation(False)
        self.entries.setWordWrap(True)
        self.entries.setSpacing(3)
        self.entries.itemActivated.connect(lambda _item: self.edit_selected())
        self.entries.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list_label.setBuddy(self.entries)
        layout.addWidget(self.entries, 1)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("Ed&it…", self)
        self.edit_button.setObjectName("editEntryButton")
        self.edit_button.setAccessibleName("Edit the chosen entry")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.setObjectName("deleteEntryButton")
        self.delete_button.setAccessibleName("Delete the chosen entry")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.routines_today = DayRoutines(ctx, self, hide_when_empty=True)  # filled once the diary is fully open
        layout.addWidget(self.routines_today)
        self._apply_sizes()
        self.page_scroll = wrap_page(self, body, name="todayScroll", accessible_name="Today")

        ctx.bus.operation_did_execute.connect(self._on_changes)
        self._day_timer = QTimer(self)  # after midnight "today" is a new day
        self._day_timer.setInterval(60_000)
        self._day_timer.timeout.connect(self._check_day)
        self._day_timer.start()
        self.reload()
        self.update_peg_banner()
        self._show_routines_when_ready()

    def _apply_sizes(self) -> None:
        self.entries.setMinimumHeight(self.entries.fontMetrics().height() * 5)  # a few entries; the page scrolls

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.ApplicationFontChange):
            self._apply_sizes()

    def focus_first(self) -> None:
        """Where the keyboard starts on this page: the pain scale. (Not a focus proxy: Qt would then treat the
        page itself as a Tab stop and skip the PEG banner's buttons.)"""
        self.form.focus_first()

    # --- data -----------------------------------------------------------------------------------

    def _today(self) -> date:
        return self.ctx.companion.clock.now().date()

    def _check_day(self) -> None:
        if self._today() != self._shown_day:
            self.reload()
            self.update_peg_banner()
            if self.routines_today.day is not None:
                self.routines_today.show_day(self._shown_day)

    def reload(self) -> None:
        """Reload today's entries (newest first) and the heading."""
        self._shown_day = self._today()
        self.heading.setText(f"Today, {self._shown_day:%A %d %B}")
        current = self.selected_id()
        self.entries.clear()
        try:
            today = self.ctx.companion.diary.on_day(self._shown_day)
        except PainCompanionError as exc:
            self.message.show_error(f"today's entries could not be read: {exc}")
            today = []
        for entry in reversed(today):
            item = QListWidgetItem(entry_summary(entry), self.entries)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            if entry.id == current:
                self.entries.setCurrentItem(item)
        if not today:
            item = QListWidgetItem("Nothing yet today.", self.entries)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list_label.setText(f"&Today so far ({len(today)})" if today else "&Today so far")
        self._update_buttons()

    def _show_routines_when_ready(self) -> None:
        """Today's logged routines, read only once the real Companion is open (the first paint must not wait)."""
        if not getattr(self.ctx.companion, "ready", True):
            QTimer.singleShot(ROUTINES_POLL_MS, self, self._show_routines_when_ready)
            return
        self.routines_today.show_day(self._shown_day)

    def _on_changes(self, changes: Changes) -> None:
        if changes.entries:
            self.reload()
            self.form.refresh_suggestions()
        if changes.peg or changes.entries:
            self.update_peg_banner()

    def selected_id(self) -> int | None:
        item = self.entries.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item else None
        return int(value) if value is not None else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # --- actions --------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the quick entry through the undo stack. The form is emptied only after a successful save."""
        try:
            draft = self.form.draft()
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            self.form.focus_first()
            return
        op = AddEntryOp(self.ctx.companion.diary, draft)
        error = push_op(self.ctx.undo_stack, op)
        if error is not None or op.entry is None:
            self.message.show_error(str(error) if error else "something went wrong; your text is still here.")
            return
        self.form.reset()
        undo = _shortcut_text(QKeySequence.StandardKey.Undo)
        self.message.show_info(f"Saved at {op.entry.at:%H:%M}. {undo} takes it back.")
        self.status_message.emit("Saved")
        self.form.focus_first()

    def edit_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        from ..dialogs.entry_dialog import EntryDialog

        try:
            entry = self.ctx.companion.diary.get(entry_id)
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            return
        dialog = EntryDialog(self.ctx, entry, self)
        while dialog.exec() == EntryDialog.DialogCode.Accepted:
            draft = dialog.draft()
            assert isinstance(draft, EntryDraft)  # an entry with a pain score keeps it (the dialog hides the choice)
            error = push_op(self.ctx.undo_stack, EditEntryOp(self.ctx.companion.diary, entry_id, draft))
            if error is None:
                self.status_message.emit("Saved")
                break
            dialog.message.show_error(str(error))  # reopen with the user's changes and the reason

    def delete_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        error = push_op(self.ctx.undo_stack, DeleteEntriesOp(self.ctx.companion.diary, [entry_id]))
        if error is not None:
            self.message.show_error(str(error))
            return
        undo = _shortcut_text(QKeySequence.StandardKey.Undo)
        self.message.show_info(f"Entry deleted. {undo} brings it back.")
        self.status_message.emit("Entry deleted")
        self.entries.setFocus()

    # --- took my medicine ----------------------------------------------------------------------

    def fill_took_menu(self) -> None:
        """One entry per medicine on the current list (read when the menu opens, not at start-up)."""
        fill_took_menu(self.took_menu, self.ctx.companion, self.took_medicine)

    def took_medicine(self, med_id: int, name: str, ask_pain: bool = False) -> None:
        """Log a dose now through the undo stack; an as-needed item first asks "pain right now" (optional)."""
        from ...services.meds_undo import TakeDoseOp
        from ..dialogs.dose_pain_dialog import ask_dose_pain

        pain = None
        if ask_pain:
            ok, pain = ask_dose_pain(self.ctx.companion, name, self)
            if not ok:
                return
        op = TakeDoseOp(self.ctx.companion.meds, med_id, pain=pain, effects=self.ctx.companion.dose_effects)
        error = push_op(self.ctx.undo_stack, op)
        if error is not None:
            self.message.show_error(str(error))
            return
        undo = _shortcut_text(QKeySequence.StandardKey.Undo)
        rated = "" if pain is None else f" with pain {pain}"
        self.message.show_info(f"Dose of {name} logged{rated} — {undo} takes it back.")
        self.status_message.emit(f"Dose of {name} logged")

    # --- PEG ------------------------------------------------------------------------------------

    def update_peg_banner(self) -> None:
        """Show the offer when a check-in is due (not on a brand-new, empty diary) and not dismissed."""
        diary = self.ctx.companion.diary
        history = []
        try:
            history = diary.peg_history(limit=1)
            due = diary.peg_due() and (bool(history) or diary.count() > 0)
        except PainCompanionError:
            due = False
        if history:
            text = "It's been a week — a 1-minute check-in? Three questions about the past week."
        else:
            text = "A 1-minute weekly check-in? Three questions about the past week help you see change over time."
        self.peg_banner.label.setText(text)
        self.peg_banner.setVisible(due and not self._peg_dismissed)

    def dismiss_peg(self) -> None:
        self._peg_dismissed = True
        self.peg_banner.hide()
        self.form.focus_first()

    def open_peg(self) -> None:
        from ..dialogs.peg_dialog import PegDialog

        dialog = PegDialog(self.ctx, self)
        if dialog.exec() == PegDialog.DialogCode.Accepted and dialog.saved is not None:
            self.status_message.emit(f"Check-in saved: score {dialog.saved.score:.1f}")
        self.update_peg_banner()
        self.form.focus_first()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._check_day()
