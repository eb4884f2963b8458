"""Settings ▸ Your data: where it is kept, export everything, import, and delete all of it.

Exporting and deleting run off the GUI thread. Deleting asks twice (what goes, with an export offered;
then type DELETE), shows exactly what was deleted and then closes the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...errors import PainCompanionError
from ...services import transfer
from ...services.erase import ErasureReport, data_summary, erase_everything, human_size
from ..background import BackgroundCall, error_text
from ..context import GuiContext
from ..dialogs.erase_dialogs import DeleteConfirmDialog, DeletedDialog, DeleteExplainDialog, text_label, title_label

TITLE = "Your data"
ORDER = 30

EXPORT_TEXT = (
    "Export everything as one file: your diary, PEG check-ins, medicines and doses, routine sessions, worksheets, "
    "your own routines and your settings. Pain Companion can import it again, on this or another computer."
)
DELETE_TEXT = (
    "Delete all your data, its backups and your settings from this computer. You will be asked twice, and "
    "offered an export first. There is no undo."
)


def _selectable(label: QLabel) -> QLabel:
    """Text that can be selected and reached with Tab (a screen reader reads it on the way)."""
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return label


class Section(QWidget):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("yourDataSection")
        self.ctx = ctx
        self.paths = ctx.companion.paths
        #: The step dialog open right now (tests reach it here).
        self.dialog: DeleteExplainDialog | DeleteConfirmDialog | DeletedDialog | None = None
        #: Where to export to (None = cancelled); replaced in tests.
        self.ask_export_path: Callable[[QWidget], Path | None] = self._ask_export_path
        #: How the app closes once the data is gone; replaced in tests.
        self.quit_app: Callable[[], None] = _quit_without_saving
        self._export_call = BackgroundCall(self, "An export failed", drop_stale=False)
        self._erase_call = BackgroundCall(self, "Deleting all data failed", share_thread_with=self._export_call)

        layout = QVBoxLayout(self)
        spacing = self.fontMetrics().height() // 2
        layout.setSpacing(spacing)
        layout.addWidget(title_label("Where your data is kept", self))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.folder_label = _selectable(text_label(str(self.paths.data), self))
        self.folder_label.setObjectName("dataFolder")
        self.size_label = _selectable(text_label("", self))
        self.size_label.setObjectName("dataSize")
        self.backups_label = _selectable(text_label("", self))
        self.backups_label.setObjectName("backupCount")
        for caption, label in (("Folder:", self.folder_label), ("Size:", self.size_label),
                               ("Backups:", self.backups_label)):  # fmt: skip
            form.addRow(caption, label)
            label.setAccessibleName(caption.rstrip(":"))
        layout.addLayout(form)

        layout.addSpacing(spacing)
        layout.addWidget(title_label("Take it with you", self))
        layout.addWidget(text_label(EXPORT_TEXT, self))
        row = QHBoxLayout()
        self.export_button = QPushButton("&Export everything…", self)
        self.export_button.setObjectName("exportEverything")
        self.export_button.clicked.connect(lambda: self.export_everything())
        self.import_button = QPushButton("&Import…", self)
        self.import_button.setObjectName("importData")
        self.import_button.clicked.connect(self.import_data)
        row.addWidget(self.export_button)
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = _selectable(text_label("", self))
        self.status.setObjectName("yourDataStatus")
        self.status.hide()
        layout.addWidget(self.status)

        layout.addSpacing(spacing)
        layout.addWidget(title_label("Delete all my data", self))
        layout.addWidget(text_label(DELETE_TEXT, self))
        row = QHBoxLayout()
        self.delete_button = QPushButton("&Delete all my data…", self)
        self.delete_button.setObjectName("deleteAllData")
        self.delete_button.clicked.connect(self.start_delete)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.refresh()

    # --- where the data is kept -------------------------------------------------------------------

    def refresh(self) -> None:
        size, backups = data_summary(self.paths)
        self.size_label.setText(human_size(size))
        self.backups_label.setText(f"{backups} (in {self.paths.backups})" if backups else "none yet")
        for label in (self.folder_label, self.size_label, self.backups_label):
            label.setAccessibleDescription(label.text())

    def _say(self, text: str, ok: bool = True) -> None:
        self.status.setText(text)
        self.status.setAccessibleName(text)
        font = self.status.font()
        font.setBold(not ok)
        self.status.setFont(font)
        self.status.show()

    # --- export and import ------------------------------------------------------------------------

    def _ask_export_path(self, parent: QWidget) -> Path | None:
        today = self.ctx.companion.clock.now().date().isoformat()
        suggested = str(Path.home() / f"pain-companion-export-{today}.json")
        chosen, _ = QFileDialog.getSaveFileName(parent, "Export everything", suggested, "JSON export (*.json)")
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(".json")

    def export_everything(self, dialog: DeleteExplainDialog | None = None) -> None:
        """Ask where, then write the JSON export on a worker thread; say where it went (here and in `dialog`)."""
        path = self.ask_export_path(dialog or self)
        if path is None:
            return
        companion = self.ctx.companion
        self.export_button.setEnabled(False)
        self._say("Exporting… please wait.")
        if dialog is not None:
            dialog.set_exporting()

        def done(count: int) -> None:
            text = f"Exported {count:,} diary entries and everything else to {path}."
            self._report_export(text, True, dialog)

        def failed(exc: BaseException) -> None:
            self._report_export(f"The export failed: {error_text(exc)}", False, dialog)

        self._export_call.start(lambda: transfer.export_json(companion, path), done, failed)

    def _report_export(self, text: str, ok: bool, dialog: DeleteExplainDialog | None) -> None:
        self.export_button.setEnabled(True)
        self._say(text, ok)
        if dialog is not None:
            dialog.show_export_result(text, ok)

    def import_data(self) -> None:
        from ..dialogs.import_dialog import ImportDialog  # loaded when first used

        ImportDialog(self.ctx, self).exec()
        self.refresh()

    # --- delete all my data -----------------------------------------------------------------------

    def start_delete(self) -> None:
        """Step 1: explain, offer an export; Continue leads to step 2, Cancel ends here with nothing deleted."""
        self.refresh()
        size, backups = data_summary(self.paths)
        try:
            entries = self.ctx.companion.diary.count()
        except PainCompanionError:
            entries = 0
        dialog = DeleteExplainDialog(
            self, folder=self.paths.data, entries=entries, backups=backups, size=human_size(size),
            on_export=self.export_everything,
        )  # fmt: skip
        dialog.accepted.connect(self._confirm_delete)
        dialog.rejected.connect(self._cancelled)
        self._show(dialog)

    def _confirm_delete(self) -> None:
        """Step 2: type DELETE."""
        dialog = DeleteConfirmDialog(self)
        dialog.on_delete = lambda: self._erase(dialog)
        dialog.rejected.connect(self._cancelled)
        self._show(dialog)

    def _cancelled(self) -> None:
        self.dialog = None
        self._say("Nothing was deleted.")

    def _erase(self, dialog: DeleteConfirmDialog) -> None:
        dialog.set_busy()
        companion = self.ctx.companion
        self._erase_call.start(lambda: erase_everything(companion), lambda report: self._erased(dialog, report),
                               lambda exc: self._erase_failed(dialog, error_text(exc)))  # fmt: skip

    def _erased(self, dialog: DeleteConfirmDialog, report: ErasureReport) -> None:
        """Step 3: exactly what was deleted; closing it closes the app."""
        dialog.busy = False
        dialog.accept()
        self._show_result(report.lines(), complete=report.complete)

    def _erase_failed(self, dialog: DeleteConfirmDialog, text: str) -> None:
        dialog.busy = False
        dialog.accept()
        self._show_result([f"Deleting stopped with an error: {text}", f"Your data folder is {self.paths.data}."],
                          complete=False)  # fmt: skip

    def _show_result(self, lines: list[str], *, complete: bool) -> None:
        result = DeletedDialog(self, lines, complete=complete)
        result.finished.connect(lambda _: self.quit_app())
        self._show(result)

    def _show(self, dialog: DeleteExplainDialog | DeleteConfirmDialog | DeletedDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.open()


def _quit_without_saving() -> None:
    """Leave the event loop at once: no window state is saved and no backup is tried on the way out, so nothing
    writes into the data folder again (QApplication.quit() would run the main window's close handling)."""
    QCoreApplication.exit(0)
