"""The Diary's list of records WITHOUT a pain score (a mood diary's history, or "pain not rated" entries).

Shown under the Diary's table, newest first, for the Diary's filter (period, text, tag): every row says
"not rated" in its Pain column, so a mood-only day is never mistaken for a day without pain. Selected rows can
be deleted (Undo brings them back). Hidden while the diary has no such record.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import Changes
from ...domain.diary import EntryFilter
from ...domain.mood_record import MoodRecord
from ...errors import PainCompanionError
from ...logsetup import log_caught
from ...services.moods import DeleteMoodRecordsOp
from ..context import GuiContext
from ..undo import push_op

_log = logging.getLogger(__name__)

HEADERS = ("Date", "Time", "Pain", "Mood", "Sleep", "Activities", "Note")
NOT_RATED = "not rated"
NOTE_CHARS = 80
#: Rows listed at most (newest first), so a decade of Daylio stays quick to show; a period narrows the list.
MAX_ROWS = 1000
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def mood_text(record: MoodRecord) -> str:
    """ "8 (content)", "8", "content" or ""."""
    if record.mood is not None and record.mood_name:
        return f"{record.mood} ({record.mood_name})"
    return str(record.mood) if record.mood is not None else record.mood_name


def sleep_text(record: MoodRecord) -> str:
    parts = []
    if record.sleep_hours is not None:
        parts.append(f"{record.sleep_hours:g} h")
    if record.sleep_quality is not None:
        parts.append(f"quality {record.sleep_quality}")
    return ", ".join(parts)


def row_texts(record: MoodRecord) -> list[str]:
    note = " ".join(record.note.split())
    return [
        f"{record.at:%a} {record.at.day} {record.at:%b %Y}",
        f"{record.at:%H:%M}",
        NOT_RATED,
        mood_text(record),
        sleep_text(record),
        ", ".join(record.activities),
        note if len(note) <= NOTE_CHARS else note[: NOTE_CHARS - 1] + "…",
    ]


def matches(record: MoodRecord, flt: EntryFilter) -> bool:
    """The Diary's text and tag filters applied to a record (the period is applied when reading)."""
    if flt.tag and flt.tag not in record.activities:
        return False
    if flt.text:
        needle = flt.text.casefold()
        haystack = " ".join((record.note, record.mood_name, *record.activities)).casefold()
        return needle in haystack
    return not flt.location  # a record has no body places


class MoodRecordsPanel(QWidget):
    """Heading, table and a Delete button for records without a pain score; Enter or a double click on a row
    asks for it to be edited (`edit_requested`, with its id)."""

    edit_requested = Signal(int)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moodRecordsPanel")
        self.ctx = ctx
        self.filter = EntryFilter()
        self.records: list[MoodRecord] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setObjectName("moodRecordsHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        top.addWidget(self.heading, 1)
        self.delete_button = QPushButton("Delete record", self)
        self.delete_button.setObjectName("moodRecordsDelete")
        self.delete_button.setAccessibleName("Delete the chosen records without a pain score")
        self.delete_button.setToolTip("Delete the chosen records without a pain score (Undo brings them back)")
        self.delete_button.clicked.connect(self.delete_selected)
        top.addWidget(self.delete_button)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("moodRecordsTable")
        self.table.setAccessibleName("Records without a pain score")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.heading.setBuddy(self.table)
        rows = self.fontMetrics().height() + 8
        self.table.setMinimumHeight(rows * 4)
        self.table.setMaximumHeight(rows * 9)
        layout.addWidget(self.table)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the entries' table grows
        self.table.installEventFilter(self)
        self.table.activated.connect(self._on_activated)
        ctx.bus.operation_did_execute.connect(self._on_changes)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Delete in the table deletes the chosen records (as on the Diary's own table)."""
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self.delete_selected()
            return True
        return super().eventFilter(watched, event)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(self.records):
            self.edit_requested.emit(self.records[index.row()].id)

    def set_filter(self, flt: EntryFilter) -> None:
        self.filter = flt
        self.reload()

    def _on_changes(self, changes: Changes) -> None:
        if changes.entries:
            self.reload()

    def reload(self) -> None:
        flt = self.filter
        try:
            found = self.ctx.companion.moods.list_records(flt.date_from, flt.date_to, newest_first=True)
            total = found if flt == EntryFilter() else self.ctx.companion.moods.list_records()
        except PainCompanionError as exc:
            log_caught(_log, "The records without a pain score could not be read", exc)
            self.heading.setText("The records without a pain score could not be read.")
            return
        matching = [r for r in found if matches(r, flt)]
        self.records = matching[:MAX_ROWS]
        self.setVisible(bool(total))
        shown, all_ = len(matching), len(total)
        what = "record" if all_ == 1 else "records"
        self.heading.setText(
            f"Without a pain score: {all_:,} {what} of mood, sleep, activities or notes (pain not rated)"
            + (f", {shown:,} in this view" if shown != all_ else "")
            + (f"; the newest {MAX_ROWS:,} are listed (choose a period for older ones)." if shown > MAX_ROWS else ".")
        )
        self.table.setRowCount(len(self.records))
        for row, record in enumerate(self.records):
            for column, text in enumerate(row_texts(record)):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(ID_ROLE, record.id)
                if column == HEADERS.index("Pain"):
                    item.setToolTip("No pain score: this record is not counted in any pain figure")
                if column == HEADERS.index("Note") and record.note:
                    item.setToolTip(record.note[:600])
                self.table.setItem(row, column, item)
        self.delete_button.setEnabled(bool(self.records))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        return [self.records[row].id for row in rows if row < len(self.records)]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._delete(ids)

    def _delete(self, ids: Sequence[int]) -> None:
        error = push_op(self.ctx.undo_stack, DeleteMoodRecordsOp(self.ctx.companion.moods, list(ids)))
        if error is not None:
            self.heading.setText(str(error))
