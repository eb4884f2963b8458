"""File ▸ Import…: choose a file, see what would be added (a dry run on a worker thread), then import it.

The preview shows the detected format, the counts and period, how the other app's values are mapped, and every
row that will be skipped with its reason. For "Other CSV" the patient says which column is which.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import importers
from ...errors import PainCompanionError
from ...importers.common import rows
from ...importers.generic_csv import guess_mapping
from ...services import transfer
from ...services.transfer import ImportResult
from ..background import BackgroundCall, error_text
from ..context import GuiContext
from ..widgets.import_options import ImportOptionsPanel
from ..widgets.mood_mapping import MoodMappingPanel
from .sizing import make_scrollable

AUTO = "auto"
#: Fields the patient can map for "Other CSV", with their labels.
CSV_FIELDS = (("date", "Date (and time)"), ("time", "Time"), ("pain", "Pain"), ("note", "Note"), ("mood", "Mood"))
NONE_COLUMN = "(not in the file)"
#: The patient's answer when a file's dates like 3/4/24 could be day/month or month/day.
DATE_ORDER_CHOICES = (("Tell from the file", None), ("Day first (3/4/24 is 3 April)", "dmy"),
                      ("Month first (3/4/24 is 4 March)", "mdy"))  # fmt: skip


def describe(result: ImportResult) -> str:
    """One or two plain sentences: what the preview would add, or what the import added."""
    parts = []
    if result.entries:
        parts.append(f"{result.entries} diary {'entry' if result.entries == 1 else 'entries'}")
    if result.doses:
        parts.append(f"{result.doses} {'dose' if result.doses == 1 else 'doses'}")
    if result.medications:
        parts.append(f"{result.medications} new {'medicine' if result.medications == 1 else 'medicines'}")
    if result.peg:
        parts.append(f"{result.peg} PEG check-ins")
    if result.moods:
        parts.append(f"{result.moods} mood-only {'record' if result.moods == 1 else 'records'} (no pain score)")
    if result.routines:
        parts.append(f"{result.routines} routine {'item' if result.routines == 1 else 'items'} (sessions, worksheets…)")
    if result.settings:
        parts.append(f"{result.settings} {'setting' if result.settings == 1 else 'settings'}")
    what = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] if parts else "nothing new"
    verb = "Ready to add" if result.dry_run else "Added"
    text = f"{verb} {what}"
    if result.first and result.last:
        text += f", from {result.first:%d %b %Y} to {result.last:%d %b %Y}"
    text += "."
    if result.skipped:
        n = len(result.skipped)
        text += f" {n} {'row' if n == 1 else 'rows'} {'will be' if result.dry_run else 'were'} skipped (listed below)."
    return text


class ImportDialog(QDialog):
    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import from another app")
        self._ctx = ctx
        self._call = BackgroundCall(self, "An import or its preview failed")
        self.path: Path | None = None
        self.previewed: ImportResult | None = None
        self.imported: ImportResult | None = None
        self._detected: str | None = None
        self._build()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Bring in your history from Migraine Buddy, Privacy Friendly Pain Diary (its backup), Bearable, MedTimer, "
            "Daylio, Flaredown, another CSV file, or a Pain Companion export. You see what would be added before "
            "anything changes; a backup is made first.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("No file chosen yet")
        self.file_edit.setAccessibleName("File to import")
        file_row.addWidget(self.file_edit, 1)
        self.choose_button = QPushButton("&Choose file…", self)
        self.choose_button.setObjectName("importChoose")
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.choose_button)
        file_label = QLabel("File:", self)
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, file_row)
        self.format_combo = QComboBox(self)
        self.format_combo.setObjectName("importFormat")
        self.format_combo.addItem("Tell from the file", AUTO)
        for key in importers.FORMATS[1:]:
            self.format_combo.addItem(importers.LABELS[key], key)
        self.format_combo.currentIndexChanged.connect(lambda _: self._format_changed())
        format_label = QLabel("&Format:", self)
        format_label.setBuddy(self.format_combo)
        form.addRow(format_label, self.format_combo)
        self.detected_label = QLabel("", self)
        self.detected_label.setObjectName("importDetected")
        form.addRow("", self.detected_label)
        self.column_combos: dict[str, QComboBox] = {}
        self._column_labels: list[QLabel] = []
        for key, text in CSV_FIELDS:
            combo = QComboBox(self)
            combo.setObjectName(f"importColumn_{key}")
            combo.currentIndexChanged.connect(lambda _: self.preview())
            label = QLabel(f"{text} column:", self)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.column_combos[key] = combo
            self._column_labels.append(label)
        self.date_order_combo = QComboBox(self)
        self.date_order_combo.setObjectName("importDateOrder")
        for text, order in DATE_ORDER_CHOICES:
            self.date_order_combo.addItem(text, order)
        self.date_order_combo.currentIndexChanged.connect(lambda _: self.preview())
        self._date_order_label = QLabel("&Dates like 3/4/24:", self)
        self._date_order_label.setBuddy(self.date_order_combo)
        form.addRow(self._date_order_label, self.date_order_combo)
        self._show_date_order(False)
        self.options_panel = ImportOptionsPanel(self)  # Flaredown's pain item; Other CSV's scale and row filter
        self.options_panel.add_to(form)
        self.options_panel.changed.connect(self.preview)
        layout.addLayout(form)

        self.summary_label = QLabel("Choose a file to see what it holds.", self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        # Reachable by Tab, so keyboard and screen reader users meet the preview's result in reading order.
        self.summary_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.summary_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        layout.addWidget(self.summary_label)

        mapping_label = QLabel("How the values are read:", self)
        layout.addWidget(mapping_label)
        self.mapping_text = QPlainTextEdit(self)
        self.mapping_text.setObjectName("importMapping")
        self.mapping_text.setReadOnly(True)
        self.mapping_text.setTabChangesFocus(True)
        self.mapping_text.setAccessibleName("How the values are read")
        mapping_label.setBuddy(self.mapping_text)
        layout.addWidget(self.mapping_text, 3)
        self.mood_panel = MoodMappingPanel(self)  # a mood diary's moods and their 0–10 (hidden otherwise)
        self.mood_panel.changed.connect(self.preview)
        layout.addWidget(self.mood_panel, 2)

        skipped_label = QLabel("Rows that will not be imported:", self)
        layout.addWidget(skipped_label)
        self.skipped_table = QTableWidget(0, 2, self)
        self.skipped_table.setObjectName("importSkipped")
        self.skipped_table.setHorizontalHeaderLabels(["Line", "Why"])
        self.skipped_table.setAccessibleName("Rows that will not be imported")
        self.skipped_table.setTabKeyNavigation(False)
        self.skipped_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.skipped_table.verticalHeader().setVisible(False)
        self.skipped_table.setWordWrap(True)
        header = self.skipped_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        skipped_label.setBuddy(self.skipped_table)
        layout.addWidget(self.skipped_table, 2)

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._show_columns(False)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.height() * 44)
        make_scrollable(self, buttons, name="importScroll")  # capped at the screen; the buttons always show
        self.choose_button.setFocus()

    # --- choosing ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose a file to import", str(Path.home()), "Exports (*.csv *.json *.txt);;All files (*)"
        )
        if chosen:
            self.set_file(Path(chosen))

    def set_file(self, path: Path) -> None:
        """Show the file, what format it looks like, and start the preview."""
        self.path = path
        self.file_edit.setText(str(path))
        self.date_order_combo.blockSignals(True)
        self.date_order_combo.setCurrentIndex(0)  # a new file: its own dates decide first
        self.date_order_combo.blockSignals(False)
        self._show_date_order(False)
        self.options_panel.reset()
        self.mood_panel.clear()  # a new file: its own moods
        self.imported = None
        try:
            with path.open("rb") as fh:
                head = fh.read(20_000).decode("utf-8-sig", errors="replace")
        except OSError as exc:
            self._show_error(f"The file cannot be read: {exc.strerror or exc}.")
            return
        detected = importers.detect_format(head)
        self.detected_label.setText(
            f"This looks like: {importers.LABELS[detected]}."
            if detected
            else "The format could not be told from the file; choose it above."
        )
        self._detected = detected
        self._fill_columns(head)
        self._format_changed()

    def _fill_columns(self, head: str) -> None:
        try:
            header = next(rows(head), (0, []))[1]
        except PainCompanionError:
            header = []
        guessed = guess_mapping(header)
        self.options_panel.set_columns(header)
        for key, combo in self.column_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NONE_COLUMN, "")
            for name in header:
                combo.addItem(name, name)
            index = combo.findData(guessed.get(key, ""))
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def _chosen_format(self) -> str:
        return str(self.format_combo.currentData())

    def _effective_format(self) -> str | None:
        fmt = self._chosen_format()
        return self._detected if fmt == AUTO else fmt

    def _format_changed(self) -> None:
        self._show_columns(self._effective_format() == "csv")
        self.options_panel.show_for(self._effective_format())
        self.preview()

    def _show_columns(self, visible: bool) -> None:
        for combo, label in zip(self.column_combos.values(), self._column_labels):
            combo.setVisible(visible)
            label.setVisible(visible)

    def _show_date_order(self, visible: bool) -> None:
        self.date_order_combo.setVisible(visible)
        self._date_order_label.setVisible(visible)

    def _mapping(self) -> dict[str, str] | None:
        if self._effective_format() != "csv":
            return None
        return {key: combo.currentData() for key, combo in self.column_combos.items() if combo.currentData()}

    # --- preview and import -----------------------------------------------------------------------

    def preview(self) -> None:
        if self.path is None:
            return
        self._start(dry_run=True)

    def run_import(self) -> None:
        if self.path is None or self.previewed is None:
            return
        self._start(dry_run=False)

    def _start(self, *, dry_run: bool) -> None:
        """The dry run or the import on the worker thread; a newer choice drops an older preview's result."""
        self.import_button.setEnabled(False)
        self.summary_label.setText("Reading the file…" if dry_run else "Importing… a backup is made first.")
        companion, path, fmt = self._ctx.companion, self.path, self._chosen_format()
        if path is None:
            return
        mapping, order = self._mapping(), self.date_order_combo.currentData()
        options, moods = self.options_panel.options(), self.mood_panel.choices()

        def work() -> ImportResult:
            return transfer.import_file(
                companion, path, dry_run=dry_run, fmt=fmt, mapping=mapping, date_order=order, options=options,
                moods=moods,
            )  # fmt: skip

        self._call.start(work, self._on_done, self._on_failed)

    def _on_done(self, result: ImportResult) -> None:
        if result.dry_run:
            self.previewed = result
        else:
            self.imported, self.previewed = result, None
        self.summary_label.setText(describe(result))
        if result.date_order_needed or self.date_order_combo.currentData():
            self._show_date_order(True)  # the file cannot tell: the patient chooses, nothing is guessed
        self.options_panel.show_choices(result.choices)
        self.mood_panel.set_moods(result.mood_names)
        lines = result.mapping or ["A Pain Companion export: everything comes back as it was."]
        self.mapping_text.setPlainText("\n".join(f"• {line}" for line in lines))
        self.skipped_table.setRowCount(len(result.skipped))
        for row, skip in enumerate(result.skipped):
            self.skipped_table.setItem(row, 0, QTableWidgetItem(str(skip["line"])))
            self.skipped_table.setItem(row, 1, QTableWidgetItem(str(skip["reason"])))
        self.skipped_table.resizeRowsToContents()
        self.import_button.setEnabled(result.dry_run and result.adds_anything)
        if not result.dry_run:
            self.close_button.setFocus()

    def _on_failed(self, exc: BaseException) -> None:
        self.previewed = None
        self._show_error(error_text(exc))

    def _show_error(self, message: str) -> None:
        self.summary_label.setText(f"This file cannot be imported: {message} Nothing was changed.")
        self.mapping_text.clear()
        self.skipped_table.setRowCount(0)
        self.import_button.setEnabled(False)

    @property
    def busy(self) -> bool:
        return self._call.running
