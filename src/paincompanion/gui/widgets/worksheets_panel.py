"""WorksheetsPanel: the saved worksheets (kind, date, first line) with New, Open, Delete (undoable), Print and PDF.

Works on its own or embedded (the Routines page's "My worksheets" tab). The printable document is built by the
core (routines/worksheet_text.py); gui/printing.py turns it into paper or a PDF file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes
from ...domain.routine_log import WorksheetRecord
from ...domain.routines import Routine
from ...errors import PainCompanionError
from ...routines.worksheet_text import build_document, date_text, document_html, first_line
from ...services.routines_undo import DeleteWorksheetOp
from ..context import GuiContext
from ..undo import push_op
from .message_label import MessageLabel

if TYPE_CHECKING:
    from ..dialogs.worksheet_dialog import WorksheetDialog  # (at run time imported where it is used)

EMPTY_TEXT = (
    "No worksheets yet. Choose “New worksheet…” to write a thought record, a pacing plan or your flare-up plan."
)
COLUMNS = ("Worksheet", "Written", "First line")
ID_ROLE = Qt.ItemDataRole.UserRole


def undo_key() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


def pdf_file_name(record: WorksheetRecord) -> str:
    """'flare-up-plan-2026-03-10.pdf'"""
    return f"{record.routine_id}-{record.at.date().isoformat()}.pdf"


class WorksheetsPanel(QWidget):
    """List of saved worksheets, newest first; every change goes through an undo op."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("worksheetsPanel")
        self.ctx = ctx
        self._records: list[WorksheetRecord] = []
        self._routines: dict[str, Routine] = {}
        self._last_delete: DeleteWorksheetOp | None = None
        self._build()
        ctx.bus.operation_did_execute.connect(self._on_operation)
        self.reload()

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Your thought records, pacing plans and flare-up plans. Open one to read or change it; "
            "print your flare-up plan to keep it at hand.",
            self,
        )
        intro.setObjectName("worksheetsIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        bar = QHBoxLayout()
        self.new_button = QPushButton("&New worksheet…", self)
        self.new_button.setObjectName("newWorksheetButton")
        self.new_menu = QMenu(self.new_button)
        self.new_menu.setObjectName("newWorksheetMenu")
        self.new_button.setMenu(self.new_menu)
        self.open_button = self._button("&Open", "openWorksheetButton", self.open_selected)
        self.delete_button = self._button("De&lete", "deleteWorksheetButton", self.delete_selected)
        self.print_button = self._button("&Print…", "printWorksheetButton", self.print_selected)
        self.pdf_button = self._button("Save as PD&F…", "pdfWorksheetButton", self.save_pdf_selected)
        for button in (self.new_button, self.open_button, self.delete_button, self.print_button, self.pdf_button):
            button.setMinimumHeight(int(self.fontMetrics().height() * 2.2))
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setObjectName("worksheetsEmpty")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.list = QTreeWidget(self)
        self.list.setObjectName("worksheetsList")
        self.list.setAccessibleName("Saved worksheets")
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setTabKeyNavigation(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.list.itemActivated.connect(lambda _item, _col: self.open_selected())
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        delete = QAction("Delete worksheet", self.list)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        self.list.addAction(delete)
        layout.addWidget(self.list, 1)

        message_row = QHBoxLayout()
        self.message = MessageLabel(self)
        message_row.addWidget(self.message, 1)
        self.undo_button = QPushButton("&Undo", self)
        self.undo_button.setObjectName("undoDeleteWorksheetButton")
        self.undo_button.setAccessibleName("Undo the delete")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        message_row.addWidget(self.undo_button)
        layout.addLayout(message_row)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # --- data -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the saved worksheets again, keeping the selected one selected."""
        keep = self.selected_record()
        try:
            library = self.ctx.companion.routines.library()
            self._records = self.ctx.companion.routines.worksheets()
        except PainCompanionError as exc:
            self.message.show_error(f"The worksheets could not be read: {exc}")
            return
        self._routines = {r.id: r for r in library.list_routines() if r.is_worksheet}
        self._fill_new_menu()
        self.list.clear()
        row_height = int(self.fontMetrics().height() * 1.8)
        for record in self._records:
            routine = self._routines.get(record.routine_id)
            title = routine.title if routine is not None else record.title
            item = QTreeWidgetItem([title, date_text(record.at), first_line(record, routine) or "(empty)"])
            item.setData(0, ID_ROLE, record.id)
            item.setSizeHint(2, QSize(0, row_height))  # roomy rows: easier to hit and to read
            self.list.addTopLevelItem(item)
        gap = self.fontMetrics().averageCharWidth() * 3
        for column in (0, 1):  # as wide as the longest text, plus a clear gap before the next column
            self.list.resizeColumnToContents(column)
            self.list.setColumnWidth(column, self.list.columnWidth(column) + gap)
        self.empty_label.setVisible(not self._records)
        self.list.setVisible(bool(self._records))
        if keep is not None:
            self.select_record(keep.id)
        if self.list.currentItem() is None and (first := self.list.topLevelItem(0)) is not None:
            self.list.setCurrentItem(first)
        self._update_buttons()

    def _fill_new_menu(self) -> None:
        self.new_menu.clear()
        for routine in self._routines.values():
            action = self.new_menu.addAction(routine.title)
            action.setObjectName(f"new-{routine.id}")
            action.triggered.connect(lambda _=False, rid=routine.id: self.new_worksheet(rid))

    def records(self) -> list[WorksheetRecord]:
        return list(self._records)

    def routine_for(self, record: WorksheetRecord) -> Routine | None:
        return self._routines.get(record.routine_id)

    def selected_record(self) -> WorksheetRecord | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(0, ID_ROLE)
        return next((r for r in self._records if r.id == wanted), None)

    def select_record(self, worksheet_id: int) -> bool:
        for row in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(row)
            if item is not None and item.data(0, ID_ROLE) == worksheet_id:
                self.list.setCurrentItem(item)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected_record() is not None
        for button in (self.open_button, self.delete_button, self.print_button, self.pdf_button):
            button.setEnabled(has)

    def _on_operation(self, changes: Changes) -> None:
        if changes.routines:
            self.reload()

    # --- actions ----------------------------------------------------------------------------------

    def new_worksheet(self, routine_id: str) -> WorksheetRecord | None:
        """Open an empty worksheet of `routine_id`; returns what was saved (None if closed without saving)."""
        from ..dialogs.worksheet_dialog import WorksheetDialog

        routine = self._routines.get(routine_id)
        if routine is None:
            self.message.show_error(f"There is no worksheet called {routine_id!r}.")
            return None
        return self._run_dialog(WorksheetDialog(self.ctx, routine, None, self), "saved")

    def open_selected(self) -> WorksheetRecord | None:
        """Open the selected worksheet to read or change it."""
        from ..dialogs.worksheet_dialog import WorksheetDialog

        record = self.selected_record()
        if record is None:
            return None
        routine = self.routine_for(record)
        if routine is None:
            self.message.show_error(
                f"The routine of “{record.title}” is no longer in your library, so it cannot be changed. "
                "You can still print it or save it as a PDF."
            )
            return None
        return self._run_dialog(WorksheetDialog(self.ctx, routine, record, self), "changed")

    def _run_dialog(self, dialog: WorksheetDialog, what: str) -> WorksheetRecord | None:
        dialog.exec()
        saved = dialog.saved
        dialog.deleteLater()
        if saved is not None:
            self.undo_button.hide()
            self.select_record(saved.id)
            self.message.show_info(f"{saved.title} {what}. {undo_key()} takes it back.")
            self.list.setFocus()
        return saved

    def delete_selected(self) -> bool:
        """Delete the selected worksheet at once (Undo brings it back)."""
        record = self.selected_record()
        if record is None:
            return False
        current = self.list.currentItem()
        row = self.list.indexOfTopLevelItem(current) if current is not None else 0
        op = DeleteWorksheetOp(self.ctx.companion.routines, record.id, label=f"Delete {record.title}")
        error = push_op(self.ctx.undo_stack, op)
        if error is not None:
            self.message.show_error(str(error))
            return False
        self._last_delete = op
        if (near := self.list.topLevelItem(min(row, self.list.topLevelItemCount() - 1))) is not None:
            self.list.setCurrentItem(near)
        self.message.show_info(f"{record.title} of {date_text(record.at)} deleted. Undo ({undo_key()}) brings it back.")
        self.undo_button.show()
        (self.list if self.list.isVisible() else self.new_button).setFocus()
        return True

    def undo_delete(self) -> None:
        stack = self.ctx.undo_stack
        op = self._last_delete
        command = stack.command(stack.index() - 1) if stack.index() > 0 else None
        on_top = getattr(command, "op", None) is op
        if op is not None and on_top:
            stack.undo()
            assert op.record is not None
            self.select_record(op.record.id)
            self.message.show_info(f"{op.record.title} put back.")
        self._last_delete = None
        self.undo_button.hide()
        self.list.setFocus()

    # --- printing ---------------------------------------------------------------------------------

    def document_html(self, record: WorksheetRecord) -> str:
        return document_html(build_document(record, self.routine_for(record)))

    def print_selected(self) -> bool:
        """Show the system's print dialog for the selected worksheet; False when cancelled or nothing selected."""
        from ..printing import print_html

        record = self.selected_record()
        if record is None:
            return False
        done = print_html(self.document_html(record), self, record.title)
        if done:
            self.message.show_info(f"{record.title} sent to the printer.")
        return done

    def save_pdf_selected(self) -> Path | None:
        """Ask where to save, then write the selected worksheet as a PDF."""
        record = self.selected_record()
        if record is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self, "Save as PDF", str(Path(folder) / pdf_file_name(record)), "PDF files (*.pdf)"
        )
        return self.save_pdf_to(path) if path else None

    def save_pdf_to(self, path: str | Path, record: WorksheetRecord | None = None) -> Path | None:
        """Write `record` (default: the selected one) to a PDF at `path`; says where, or what went wrong."""
        from ..printing import save_pdf

        record = record or self.selected_record()
        if record is None:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            written = save_pdf(self.document_html(record), target, record.title)
        except OSError as exc:
            self.message.show_error(str(exc))
            return None
        self.message.show_info(f"Saved {record.title} as {written}.")
        return written
