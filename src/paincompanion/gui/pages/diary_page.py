"""The Diary page: browse, filter, edit and delete past entries; every change can be undone."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget

from ...domain.changes import Changes
from ...domain.diary import DiaryEntry, EntryDraft, EntryFilter
from ...domain.mood_record import MoodRecordDraft
from ...errors import PainCompanionError
from ...services.moods import AddMoodRecordOp, EditMoodRecordOp
from ...services.undo import AddEntryOp, DeleteEntriesOp, EditEntryOp
from ..context import GuiContext
from ..models.diary_table import ENTRY_ID_ROLE, Column, DiaryTableModel, cell_text
from ..page_layout import wrap_page
from ..undo import push_op
from ..views.diary_view import DiaryView
from ..widgets.day_routines import DayRoutines
from ..widgets.mood_records_panel import MoodRecordsPanel

EMPTY_FILTERED = "No entries match these filters."
EMPTY_DIARY = "No entries yet — add one from the Today page."
EMPTY_DIARY_WITH_MOODS = "No entries with a pain score yet — your records without one are listed below."
REVERSED_PERIOD = "The “From” date is after the “To” date. Pick a “From” date on or before the “To” date."


def entries_text(n: int) -> str:
    return "1 entry" if n == 1 else f"{n} entries"


def undo_key() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


class DiaryPage(QWidget):
    """History of entries, newest first, with filters, edit, delete and undo (the controller of DiaryView)."""

    page_title = "Diary"

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diaryPage")
        self._ctx = ctx
        self._select_after_refresh: int | None = None
        self._kept_ids: list[int] = []
        self._kept_current: int | None = None
        self._tags_stale = False
        self._delete_op: DeleteEntriesOp | None = None

        body = QWidget(self)
        body.setObjectName("diaryBody")
        self.view = DiaryView(ctx.companion.clock.now().date(), body)
        layout = QVBoxLayout(body)
        layout.addWidget(self.view, 1)
        self.model = DiaryTableModel(ctx.companion, ctx.bus, self)
        self.view.set_model(self.model)
        self.filter_bar = self.view.filter_bar
        self.table = self.view.table
        self.day_routines = DayRoutines(ctx, body)  # the routines logged on the chosen entry's day
        layout.addWidget(self.day_routines)
        self.mood_records = MoodRecordsPanel(ctx, body)  # records without a pain score ("not rated")
        layout.addWidget(self.mood_records)
        self.mood_records.edit_requested.connect(self.edit_mood_record)
        self.page_scroll = wrap_page(self, body, name="diaryScroll", accessible_name="Diary")

        self._connect()
        self.filter_bar.set_tags(ctx.companion.diary.all_tags())
        self._on_refreshed(self.model.rowCount())

    def focus_first(self) -> None:
        """The keyboard starts on the entries (Enter edits the newest). Not a focus proxy: with one, Tab from the
        page list would jump past the filters to the table, and the filters could not be reached by Tab."""
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _connect(self) -> None:
        view = self.view
        self.filter_bar.filterChanged.connect(self._on_filter_changed)
        self.model.refreshed.connect(self._on_refreshed)
        self.model.loadFailed.connect(lambda text: view.show_message(text, error=True))
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.table.activated.connect(self._on_activated)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_day_of(current))
        view.add_button.clicked.connect(self.add_entry)
        view.edit_button.clicked.connect(self.edit_current)
        view.delete_button.clicked.connect(self.delete_selected)
        view.delete_action.triggered.connect(self.delete_selected)
        view.undo_button.clicked.connect(self._ctx.undo_stack.undo)
        self._ctx.bus.operation_did_execute.connect(self._on_operation)
        # Through a weak reference: the stack may outlive this page, or die while the page is being destroyed.
        page = weakref.ref(self)

        def on_index(index: int) -> None:
            if (alive := page()) is not None:
                alive._on_undo_index(index)

        self._ctx.undo_stack.indexChanged.connect(on_index)

    # --- public actions -----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows (in row order); the current row if nothing is selected."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.entry_id(row) for row in rows]

    def add_entry(self) -> None:
        """Open the entry form for a new entry; saving pushes an AddEntryOp."""
        dialog = self._make_dialog(None)
        if dialog is None:
            return
        ops: list[AddEntryOp | AddMoodRecordOp] = []

        def push(draft: EntryDraft | MoodRecordDraft) -> PainCompanionError | None:
            if isinstance(draft, MoodRecordDraft):  # saved with pain "not rated"
                ops.append(AddMoodRecordOp(self._ctx.companion.moods, draft))
            else:
                ops.append(AddEntryOp(self._ctx.companion.diary, draft))
            return push_op(self._ctx.undo_stack, ops[-1])

        if not self._run_dialog(dialog, push) or not ops:
            return
        op = ops[-1]
        if isinstance(op, AddMoodRecordOp):
            self.view.show_message("Added a record without a pain score (listed under the table).")
        elif op.entry is not None:
            entry = op.entry
            self._select_after_refresh = entry.id
            self.view.show_message(f"Added an entry for {self._when(entry)}.")

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.view.show_message("Choose an entry to edit first.")
            return
        self.edit_row(index.row())

    def edit_row(self, row: int) -> None:
        """Open the entry form for the entry in `row`; saving pushes an EditEntryOp."""
        entry = self.model.entry(row)
        if entry is None:
            self.view.show_message("This entry is no longer there.", error=True)
            return
        dialog = self._make_dialog(entry)
        if dialog is None:
            return

        def push(draft: EntryDraft) -> PainCompanionError | None:
            return push_op(self._ctx.undo_stack, EditEntryOp(self._ctx.companion.diary, entry.id, draft))

        if self._run_dialog(dialog, push):
            self._select_after_refresh = entry.id
            self.view.show_message(f"Saved the entry of {self._when(entry)}.")

    def edit_mood_record(self, record_id: int) -> None:
        """Open the entry form on a record without a pain score (it stays one); saving is undoable."""
        try:
            record = self._ctx.companion.moods.get(record_id)
            from ..dialogs.entry_dialog import EntryDialog
        except (PainCompanionError, ImportError) as exc:
            self.view.show_message(str(exc), error=True)
            return
        dialog = EntryDialog(self._ctx, None, self, record=record)

        def push(draft: MoodRecordDraft) -> PainCompanionError | None:
            return push_op(self._ctx.undo_stack, EditMoodRecordOp(self._ctx.companion.moods, record_id, draft))

        if self._run_dialog(dialog, push):
            self.view.show_message("Saved the record without a pain score.")

    def delete_selected(self) -> None:
        """Delete the selected entries at once (no question asked: Undo brings them back)."""
        ids = self.selected_ids()
        if not ids:
            self.view.show_message("Choose the entries to delete first.")
            return
        self._select_after_refresh = self._neighbour_of(ids)
        op = DeleteEntriesOp(self._ctx.companion.diary, ids, label=f"Delete {entries_text(len(ids))}")
        error = push_op(self._ctx.undo_stack, op)
        if error is not None:
            self._select_after_refresh = None
            self.view.show_message(str(error), error=True)
            return
        self._delete_op = op
        self._show_deleted(len(ids))

    def _neighbour_of(self, ids: Sequence[int]) -> int | None:
        """The entry to land on after deleting `ids`: the next older one left, else the next newer one."""
        gone = set(ids)
        rows = self.model.rows_of(ids)
        for row in range(rows[-1] + 1, self.model.rowCount()):
            if self.model.entry_id(row) not in gone:
                return self.model.entry_id(row)
        for row in range(rows[0] - 1, -1, -1):
            if self.model.entry_id(row) not in gone:
                return self.model.entry_id(row)
        return None

    # --- dialogs ------------------------------------------------------------------------------

    def _make_dialog(self, entry: DiaryEntry | None) -> QDialog | None:
        try:
            from ..dialogs.entry_dialog import EntryDialog
        except ImportError:
            self.view.show_message("The entry form is not available in this version.", error=True)
            return None
        return EntryDialog(self._ctx, entry, self)

    def _run_dialog(self, dialog: QDialog, push: Callable[..., PainCompanionError | None]) -> bool:
        """Show the dialog until its draft is saved or the user cancels; after an error, what was typed stays."""
        try:
            while dialog.exec() == QDialog.DialogCode.Accepted:
                try:
                    error = push(dialog.draft())  # type: ignore[attr-defined]  # an EntryDialog (_make_dialog)
                except PainCompanionError as exc:
                    error = exc
                if error is None:
                    return True
                QMessageBox.warning(self, "The entry was not saved", str(error))
            return False
        finally:
            dialog.deleteLater()

    # --- reacting -----------------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_row(index.row())

    def _show_day_of(self, index: QModelIndex) -> None:
        entry = self.model.entry(index.row()) if index.isValid() else None
        self.day_routines.show_day(entry.at.date() if entry is not None else None)

    def _on_filter_changed(self, flt: EntryFilter) -> None:
        if flt == self.model.current_filter and not self.model.blocked:
            return
        try:
            self.model.set_filter(flt)
        except PainCompanionError as exc:
            reversed_period = flt.date_from and flt.date_to and flt.date_from > flt.date_to
            self.view.show_filter_message(REVERSED_PERIOD if reversed_period else str(exc))
            return
        self.view.show_filter_message("")
        self.mood_records.set_filter(self.model.current_filter)

    def _on_operation(self, changes: Changes) -> None:
        if changes.entries:
            self._tags_stale = True

    def _on_refreshed(self, count: int) -> None:
        self.filter_bar.set_count(count)
        if self._tags_stale:
            self._tags_stale = False
            self.filter_bar.set_tags(self._ctx.companion.diary.all_tags())
        current = self.table.currentIndex()
        if self._select_after_refresh is not None:
            row = self.model.row_of(self._select_after_refresh)
            self._select_after_refresh = None
            if row >= 0:
                self._select_rows([row], row)
        elif current.isValid() and not self.table.selectionModel().hasSelection():
            self._select_rows([current.row()], current.row())
        elif not current.isValid() and count:
            self._select_rows([0], 0)  # keyboard users start on the newest entry: Enter edits it
        filtered = self.model.blocked or self.model.current_filter != EntryFilter()
        empty = EMPTY_DIARY_WITH_MOODS if self.mood_records.records else EMPTY_DIARY
        self.view.show_empty_state("" if count else EMPTY_FILTERED if filtered else empty)
        for control in (self.view.edit_button, self.view.delete_button, self.view.delete_action):
            control.setEnabled(count > 0)
        self._show_day_of(self.table.currentIndex())  # also when a reset left no current entry

    def _remember_selection(self) -> None:
        self._kept_ids = [index.data(ENTRY_ID_ROLE) for index in self.table.selectionModel().selectedRows()]
        current = self.table.currentIndex()
        self._kept_current = current.data(ENTRY_ID_ROLE) if current.isValid() else None

    def _restore_selection(self) -> None:
        rows = self.model.rows_of(self._kept_ids)
        current = self.model.row_of(self._kept_current) if self._kept_current is not None else -1
        self._kept_ids, self._kept_current = [], None
        if rows or current >= 0:
            self._select_rows(rows, current)
        else:
            self.table.scrollToTop()

    def _select_rows(self, rows: Sequence[int], current: int) -> None:
        """Select whole rows (in runs, cheap for thousands) and make `current` the current row."""
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        start = prev = -2
        for row in [*sorted(rows), -2]:
            if row == prev + 1:
                prev = row
                continue
            if start >= 0:
                selection.select(self.model.index(start, 0), self.model.index(prev, last_column))
            start = prev = row
        selection_model = self.table.selectionModel()
        selection_model.select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        if current >= 0:
            index = self.model.index(current, 0)
            selection_model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)

    def _on_undo_index(self, index: int) -> None:
        """Keep the 'Deleted … — Undo' line true while the user undoes and redoes."""
        op = self._delete_op
        if op is None:
            return
        stack = self._ctx.undo_stack
        try:
            done = stack.command(index - 1) if index > 0 else None
            undone = stack.command(index) if index < stack.count() else None
        except RuntimeError:  # the stack is going away
            return
        ids = op.entry_ids
        if getattr(done, "op", None) is op:
            self._show_deleted(len(ids))
        elif getattr(undone, "op", None) is op:
            self.view.show_message(f"Undone: {entries_text(len(ids))} put back.")
            self._select_after_refresh = ids[0]
        else:
            self._delete_op = None
            self.view.show_message("")

    def _show_deleted(self, n: int) -> None:
        self.view.show_message(f"Deleted {entries_text(n)} — Undo ({undo_key()})", undo=True)

    @staticmethod
    def _when(entry: DiaryEntry) -> str:
        return f"{cell_text(entry, Column.DATE)}, {cell_text(entry, Column.TIME)}"
