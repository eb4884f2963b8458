"""The Routines page: browse and search the library, favourites, start a routine or fill in a worksheet, adapt a copy
or make a routine of your own; a second tab lists the saved worksheets.

The library is read on the first show of the page; it reloads when an operation changes routines.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ...domain.changes import Changes
from ...errors import PainCompanionError
from ...logsetup import log_caught
from ..context import GuiContext
from ..models.routines_list import RoutinesListModel
from ..page_layout import wrap_page
from ..undo import push_op
from ..views.routines_view import RoutinesView

if TYPE_CHECKING:
    from ...domain.routines import Routine
    from ...routines.library import Library
    from ...services.routines import RoutineService

_log = logging.getLogger(__name__)


NOTHING_FOUND = "No routine matches these filters. Clear the search or choose “Any” to see more."
NONE_REVIEWED = (
    "No routine has been reviewed by a clinician yet. All bundled routines are awaiting a physiotherapist's or "
    "psychologist's sign-off; choose “Any review status” to see them."
)
NO_FAVOURITES = "No favourites yet. Choose a routine and press “Add to favourites”."


def undo_text() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


class RoutinesPage(QWidget):
    """Controller of RoutinesView: filters the library, shows the chosen routine, pushes undo ops."""

    page_title = "Routines"
    #: A one-line confirmation for the window's status bar.
    status_message = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("routinesPage")
        self.ctx = ctx
        self._loaded = False
        self._library: Library | None = None
        self._favourites: set[str] = set()
        self.worksheets_panel: QWidget | None = None
        self.view = RoutinesView(self)
        self.page_scroll = wrap_page(self, self.view, name="routinesScroll", accessible_name="Routines")
        self.model = RoutinesListModel(self)
        self.view.table.setModel(self.model)
        self.view.fit_columns()
        self.table = self.view.table
        self.detail = self.view.detail
        self._connect()
        ctx.bus.operation_did_execute.connect(self._on_changes)

    def _connect(self) -> None:
        v = self.view
        v.search_edit.textChanged.connect(lambda _text: self.apply_filters())
        v.search_edit.returnPressed.connect(self._search_done)
        for combo in (v.kind_combo, v.condition_combo, v.length_combo, v.review_combo):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        v.favourites_check.toggled.connect(lambda _on: self.apply_filters())
        v.new_button.clicked.connect(self.new_routine)
        v.table.activated.connect(lambda _index: self.start_selected())
        v.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        v.delete_action.triggered.connect(self.delete_selected)
        d = self.detail
        d.start_button.clicked.connect(self.start_selected)
        d.favourite_button.clicked.connect(self.toggle_favourite)
        d.duplicate_button.clicked.connect(self.duplicate_selected)
        d.edit_button.clicked.connect(self.edit_selected)
        d.delete_button.clicked.connect(self.delete_selected)
        v.tabs.currentChanged.connect(self._tab_changed)
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self.focus_search)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def focus_first(self) -> None:
        if not self._loaded:
            self.reload()
        (self.table if self.model.rowCount() else self.view.search_edit).setFocus()

    def focus_search(self) -> None:
        self.view.tabs.setCurrentWidget(self.view.library_tab)
        self.view.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.search_edit.selectAll()

    # --- data -------------------------------------------------------------------------------------

    @property
    def routines(self) -> RoutineService:
        return self.ctx.companion.routines

    def reload(self) -> None:
        """Read the library (with the user's own routines) and the favourites, then filter again."""
        self._loaded = True
        try:
            self._library = self.routines.library()
            self._favourites = self.routines.favourites()
        except PainCompanionError as exc:
            self.view.message.show_error(f"The routines could not be read: {exc}")
            self._library, self._favourites = None, set()
        self.apply_filters()

    def filters(self) -> dict[str, object]:
        v = self.view
        return {
            "text": v.search_edit.text().strip(),
            "kind": v.kind_combo.currentData(),
            "condition": v.condition_combo.currentData(),
            "max_minutes": v.length_combo.currentData(),
            "review": v.review_combo.currentData(),
        }

    def apply_filters(self) -> None:
        """Show the routines matching the search and filters; keeps the chosen routine when it still matches."""
        current = self.selected_id()
        found: list[Routine] = []
        if self._library is not None:
            try:
                found = self._library.search(**self.filters())  # type: ignore[arg-type]
            except PainCompanionError as exc:
                self.view.message.show_error(str(exc))
        favourites_only = self.view.favourites_check.isChecked()
        if favourites_only:
            found = [r for r in found if r.id in self._favourites]
        self.model.set_rows(found, self._favourites)
        total = len(self._library) if self._library is not None else 0
        self.view.count_label.setText(f"Showing {len(found)} of {total} routines")
        if found:
            self.view.show_empty_state("")
        else:
            nothing = favourites_only and not self._favourites and not self.filters()["text"]
            none_reviewed = self.filters()["review"] == "reviewed" and not any(
                r.reviewed for r in (self._library.list_routines() if self._library is not None else ())
            )
            empty = NO_FAVOURITES if nothing else NONE_REVIEWED if none_reviewed else NOTHING_FOUND
            self.view.show_empty_state(empty)
        row = self.model.row_of(current) if current else -1
        if row < 0 and found:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._show_selected()

    def clear_filters(self) -> None:
        v = self.view
        combos = (v.kind_combo, v.condition_combo, v.length_combo, v.review_combo)
        for widget in (v.search_edit, *combos, v.favourites_check):
            widget.blockSignals(True)
        v.search_edit.clear()
        for combo in combos:
            combo.setCurrentIndex(0)
        v.favourites_check.setChecked(False)
        for widget in (v.search_edit, *combos, v.favourites_check):
            widget.blockSignals(False)
        self.apply_filters()

    def _on_changes(self, changes: Changes) -> None:
        if changes.routines and self._loaded:
            self.reload()

    def _search_done(self) -> None:
        """Enter in the search box goes to the list (Enter there starts the chosen routine)."""
        if self.model.rowCount():
            self.table.setFocus()

    def _tab_changed(self, index: int) -> None:
        if self.view.tabs.widget(index) is self.view.worksheets_tab and self.worksheets_panel is None:
            self._build_worksheets_panel()

    def _build_worksheets_panel(self) -> None:
        try:
            from ..widgets.worksheets_panel import WorksheetsPanel

            panel: QWidget = WorksheetsPanel(self.ctx, self.view.worksheets_tab)
        except Exception as exc:  # another part of the page must not break the library
            log_caught(_log, "The worksheets could not be shown", exc)
            panel = QLabel(f"Your worksheets could not be shown ({exc}).", self.view.worksheets_tab)
            panel.setWordWrap(True)
        self.worksheets_panel = panel
        self.view.worksheets_layout.addWidget(panel)
        first = next(
            (
                w
                for w in panel.findChildren(QWidget)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.isVisibleTo(panel)
            ),
            None,
        )
        focus = QApplication.focusWidget()
        lost = focus is None or focus is self.view.worksheets_tab or not focus.focusPolicy() & Qt.FocusPolicy.TabFocus
        if first is not None and lost:  # the tab switch left the focus on the empty page
            first.setFocus(Qt.FocusReason.TabFocusReason)

    # --- selection --------------------------------------------------------------------------------

    def selected(self) -> Routine | None:
        index: QModelIndex = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().selectedRows():
            return None
        return self.model.routine(index.row())

    def selected_id(self) -> str | None:
        routine = self.selected()
        return routine.id if routine else None

    def select_id(self, routine_id: str) -> None:
        """Select a routine; clears the filters when they hide it."""
        row = self.model.row_of(routine_id)
        if row < 0:
            self.clear_filters()
            row = self.model.row_of(routine_id)
        if row >= 0:
            self.table.selectRow(row)
            self._show_selected()

    def _show_selected(self) -> None:
        routine = self.selected()
        favourite = routine is not None and routine.id in self._favourites
        self.detail.show_routine(routine, favourite)
        self.view.delete_action.setEnabled(routine is not None and routine.origin == "user")

    # --- actions ----------------------------------------------------------------------------------

    def _push(self, op: object) -> bool:
        error = push_op(self.ctx.undo_stack, op)  # type: ignore[arg-type]
        if error is not None:
            self.view.message.show_error(str(error))
            return False
        return True

    def _info(self, text: str) -> None:
        self.view.message.show_info(text)
        self.status_message.emit(text)

    def start_selected(self) -> None:
        """Start the player, or open the worksheet of a worksheet routine."""
        routine = self.selected()
        if routine is None:
            return
        try:
            if routine.is_worksheet:
                from ..dialogs.worksheet_dialog import WorksheetDialog

                WorksheetDialog(self.ctx, routine, None, self).exec()
            else:
                from ..dialogs.player_dialog import PlayerDialog

                PlayerDialog(self.ctx, routine, self).exec()
        except ImportError as exc:
            self.view.message.show_error(f"This part of the app is missing ({exc}).")
        self.table.setFocus()

    def toggle_favourite(self) -> None:
        from ...services.routines_undo import SetFavouriteOp

        routine = self.selected()
        if routine is None:
            return
        on = routine.id not in self._favourites
        label = "Mark as favourite" if on else "Remove from favourites"
        if self._push(SetFavouriteOp(self.routines, routine.id, on, label=label)):
            self._info(
                f"{routine.title} is one of your favourites."
                if on
                else f"{routine.title} is no longer a favourite. {undo_text()} takes it back."
            )
        self.detail.favourite_button.setFocus()

    def _taken_ids(self) -> set[str]:
        return {r.id for r in self._library.list_routines()} if self._library is not None else set()

    def new_routine(self) -> None:
        self._edit(None, is_new=True)

    def duplicate_selected(self) -> None:
        routine = self.selected()
        if routine is not None:
            self._edit(routine.as_user_copy("copy"), is_new=True)

    def edit_selected(self) -> None:
        routine = self.selected()
        if routine is not None and routine.origin == "user":
            self._edit(routine, is_new=False)

    def _edit(self, routine: Routine | None, *, is_new: bool) -> None:
        from ...services.routines_undo import SaveUserRoutineOp
        from ..dialogs.routine_editor_dialog import RoutineEditorDialog

        dialog = RoutineEditorDialog(routine, self, is_new=is_new, taken_ids=self._taken_ids())
        self.editor = dialog
        while dialog.exec() == RoutineEditorDialog.DialogCode.Accepted:
            draft = dialog.routine()
            op = SaveUserRoutineOp(self.routines, draft, label="New routine" if is_new else "Edit routine")
            error = push_op(self.ctx.undo_stack, op)
            if error is None:
                assert op.saved is not None
                self.select_id(op.saved.id)
                done = "saved as your own routine" if is_new else "saved"
                self._info(f"{op.saved.title} {done}. {undo_text()} takes it back.")
                break
            dialog.show_problem(str(error))  # reopen with what was typed and the reason
        self.table.setFocus()

    def delete_selected(self) -> None:
        from ...services.routines_undo import DeleteUserRoutineOp

        routine = self.selected()
        if routine is None or routine.origin != "user":
            return
        if self._push(DeleteUserRoutineOp(self.routines, routine.id)):
            self._info(f"{routine.title} deleted (its logged sessions stay). {undo_text()} brings it back.")
        self.table.setFocus()
