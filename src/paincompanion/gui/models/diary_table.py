"""Table model of diary entries: holds only ids, loads rows lazily in pages (Anki's DataModel idea)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from enum import IntEnum
from itertools import islice
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetrics

from ...domain.body import region_name
from ...domain.changes import Changes
from ...domain.diary import DiaryEntry, EntryFilter
from ...errors import PainCompanionError
from ...services.companion import CompanionApi
from ..change_bus import ChangeBus

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Data role that returns the entry id (int) of a row."""
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 2
"""Data role that returns the whole DiaryEntry of a row (or None if it vanished)."""

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    DATE = 0
    TIME = 1
    PAIN = 2
    WHERE = 3
    FEELS = 4
    MOOD = 5
    SLEEP = 6
    TRIGGERS = 7
    HELPED = 8
    NOTE = 9


HEADERS: dict[Column, tuple[str, str]] = {
    Column.DATE: ("Date", "The day of the entry"),
    Column.TIME: ("Time", "Local time when the entry was made"),
    Column.PAIN: ("Pain", "Pain from 0 (no pain) to 10 (worst imaginable)"),
    Column.WHERE: ("Where", "Where it hurt"),
    Column.FEELS: ("Feels like", "What the pain felt like"),
    Column.MOOD: ("Mood", "Mood from 0 to 10"),
    Column.SLEEP: ("Sleep", "Hours of sleep the night before"),
    Column.TRIGGERS: ("Triggers", "What may have made it worse"),
    Column.HELPED: ("Helped", "What helped"),
    Column.NOTE: ("Note", "First line of the note"),
}

_CENTRED = {Column.PAIN, Column.MOOD, Column.SLEEP}

#: Column sizes in average characters: (smallest, preferred, share of extra space). 0 = measured from sample text.
COLUMN_SIZES: dict[Column, tuple[int, int, int]] = {
    Column.DATE: (0, 0, 0),
    Column.TIME: (0, 0, 0),
    Column.PAIN: (4, 4, 0),
    Column.WHERE: (14, 24, 3),
    Column.FEELS: (10, 16, 2),
    Column.MOOD: (4, 4, 0),
    Column.SLEEP: (9, 9, 0),
    Column.TRIGGERS: (10, 18, 2),
    Column.HELPED: (10, 18, 2),
    Column.NOTE: (12, 30, 4),
}
_NOTE_TOOLTIP_CHARS = 600
#: Before the note of an entry flagged "Show this note to my clinician" (a shape, not a colour).
FLAG_MARK = "⚑"
FLAG_TOOLTIP = "Flagged: this note goes into the appointment summary."


def _qdate(entry: DiaryEntry) -> QDate:
    return QDate(entry.at.year, entry.at.month, entry.at.day)


def _offset_text(entry: DiaryEntry) -> str:
    offset = entry.at.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _sleep_text(entry: DiaryEntry) -> str:
    if entry.sleep_hours is not None:
        return f"{entry.sleep_hours:g} h"
    if entry.sleep_quality is not None:
        return f"quality {entry.sleep_quality}"
    return ""


def first_line(text: str) -> str:
    """The first non-empty line of a note, trimmed."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def cell_text(entry: DiaryEntry, column: Column, locale: QLocale | None = None) -> str:
    """What a cell shows: short, plain, in the entry's own local time."""
    locale = locale or QLocale()
    if column is Column.DATE:
        return locale.toString(_qdate(entry), "ddd d MMM yyyy")
    if column is Column.TIME:
        return locale.toString(QTime(entry.at.hour, entry.at.minute), QLocale.FormatType.ShortFormat)
    if column is Column.PAIN:
        return str(entry.pain)
    if column is Column.WHERE:
        return ", ".join(region_name(loc.region) for loc in entry.locations)
    if column is Column.FEELS:
        return ", ".join(entry.qualities)
    if column is Column.MOOD:
        return "" if entry.mood is None else str(entry.mood)
    if column is Column.SLEEP:
        return _sleep_text(entry)
    if column is Column.TRIGGERS:
        return ", ".join(entry.triggers)
    if column is Column.HELPED:
        return ", ".join(entry.helped)
    note = first_line(entry.note)
    return f"{FLAG_MARK} {note}".rstrip() if entry.flagged else note


def cell_tooltip(entry: DiaryEntry, column: Column, locale: QLocale | None = None) -> str:
    """Longer text for a cell, where the cell itself is cut short."""
    locale = locale or QLocale()
    if column in (Column.DATE, Column.TIME):
        day = locale.toString(_qdate(entry), QLocale.FormatType.LongFormat)
        return f"{day}, {cell_text(entry, Column.TIME, locale)} ({_offset_text(entry)})"
    if column is Column.PAIN:
        return f"Pain {entry.pain} of 10"
    if column is Column.WHERE:
        parts = [
            region_name(loc.region) + ("" if loc.intensity is None else f": {loc.intensity} of 10")
            for loc in entry.locations
        ]
        return "\n".join(parts)
    if column is Column.MOOD:
        return "" if entry.mood is None else f"Mood {entry.mood} of 10"
    if column is Column.SLEEP:
        parts = []
        if entry.sleep_hours is not None:
            parts.append(f"{entry.sleep_hours:g} hours of sleep")
        if entry.sleep_quality is not None:
            parts.append(f"sleep quality {entry.sleep_quality} of 10")
        return ", ".join(parts)
    if column is Column.NOTE:
        note = entry.note.strip()
        note = note if len(note) <= _NOTE_TOOLTIP_CHARS else note[:_NOTE_TOOLTIP_CHARS] + "…"
        return f"{FLAG_TOOLTIP}\n\n{note}".strip() if entry.flagged else note
    return cell_text(entry, column, locale)


def _sample_width(column: Column, metrics: QFontMetrics) -> int:
    """Width of the widest date (any weekday) or time text in this locale."""
    start = datetime(2026, 9, 27, 23, 59)  # a week of long month names, and a two-digit evening hour
    samples = [DiaryEntry(at=start + timedelta(days=d), pain=10) for d in range(7)]
    return max(metrics.horizontalAdvance(cell_text(e, column)) for e in samples)


def column_ranges(metrics: QFontMetrics, header_metrics: QFontMetrics) -> list[tuple[int, int, int]]:
    """(narrowest readable, comfortable, share of extra room) in pixels, per column."""
    char = max(1, metrics.averageCharWidth())
    pad = 2 * char
    ranges = []
    for column in Column:
        low, high, share = COLUMN_SIZES[column]
        if low == 0:
            low = high = 0
            measured = _sample_width(column, metrics) + pad
        else:
            measured = 0
        header = header_metrics.horizontalAdvance(HEADERS[column][0]) + pad
        low_px = max(low * char + pad, measured, header)
        ranges.append((low_px, max(high * char + pad, low_px), share))
    return ranges


def fit_column_widths(
    available: int, metrics: QFontMetrics, header_metrics: QFontMetrics, hidden: Collection[int] = ()
) -> list[int]:
    """Pixel widths that fill `available`: text columns grow and shrink, numbers keep their size.
    `hidden` columns take no room (their width is still given, for when they are shown again)."""
    ranges = column_ranges(metrics, header_metrics)
    shown = [(lo, hi, share) for column, (lo, hi, share) in enumerate(ranges) if column not in hidden]
    lows, highs, shares = (sum(r[i] for r in shown) for i in range(3))
    if available <= lows:
        return [lo for lo, _, _ in ranges]
    if available <= highs:
        ratio = (available - lows) / max(1, highs - lows)
        return [lo + int((hi - lo) * ratio) for lo, hi, _ in ranges]
    extra = available - highs
    return [hi + extra * share // max(1, shares) for _, hi, share in ranges]


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Group sorted row numbers into inclusive (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class DiaryTableModel(QAbstractTableModel):
    """Entries matching a filter, newest first. Only ids are held; rows load in pages on demand.

    Changes announced on the bus are applied after the current event (several deletes become one refresh).
    Pure removals and insertions are signalled as such, so views keep their selection and scroll position.
    """

    PAGE_SIZE = 200
    CACHE_LIMIT = 4000

    #: Emitted after the list of ids changed (filter or refresh); argument: the new row count.
    refreshed = Signal(int)
    #: Emitted with a plain message when loading failed during an automatic refresh or row load.
    loadFailed = Signal(str)

    def __init__(self, companion: CompanionApi, bus: ChangeBus | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._companion = companion
        self._filter = EntryFilter()
        self._blocked = False
        self._ids: list[int] = []
        self._cache: dict[int, DiaryEntry] = {}
        self._missing: set[int] = set()
        self._locale = QLocale()
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._auto_refresh)
        if bus is not None:
            bus.operation_did_execute.connect(self._on_operation)
        self._ids = self._fetch_ids(self._filter)

    # --- public API ---------------------------------------------------------------------------

    @property
    def current_filter(self) -> EntryFilter:
        return self._filter

    def set_filter(self, flt: EntryFilter) -> None:
        """Show entries matching `flt`. A bad filter raises PainCompanionError (plain message) and shows no rows."""
        try:
            ids = self._fetch_ids(flt)
        except PainCompanionError:
            self._blocked = True
            self._apply_ids([])
            raise
        self._blocked = False
        self._filter = flt
        self._apply_ids(ids)

    def refresh(self) -> None:
        """Reload the ids now (rows reload lazily). Raises PainCompanionError if the data cannot be read."""
        self._pending.stop()
        self._apply_ids([] if self._blocked else self._fetch_ids(self._filter))

    @property
    def blocked(self) -> bool:
        """True after a bad filter: no rows until a good filter is set."""
        return self._blocked

    def entry_id(self, row: int) -> int:
        return self._ids[row]

    def entry(self, row: int) -> DiaryEntry | None:
        """The entry shown in `row` (loading its page if needed); None if it is gone."""
        if not 0 <= row < len(self._ids):
            return None
        entry_id = self._ids[row]
        entry = self._cache.get(entry_id)
        if entry is None and entry_id not in self._missing:
            self._load_page(row)
            entry = self._cache.get(entry_id)
        return entry

    def row_of(self, entry_id: int) -> int:
        """The row showing `entry_id`, or -1."""
        try:
            return self._ids.index(entry_id)
        except ValueError:
            return -1

    def rows_of(self, entry_ids: Sequence[int]) -> list[int]:
        """Rows of the ids that are shown, in row order."""
        wanted = set(entry_ids)
        return [row for row, i in enumerate(self._ids) if i in wanted]

    def all_ids(self) -> list[int]:
        return list(self._ids)

    def refresh_pending(self) -> bool:
        return self._pending.isActive()

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(Column):
                return None
            name, tip = HEADERS[Column(section)]
            if role == Qt.ItemDataRole.DisplayRole:
                return name
            if role == Qt.ItemDataRole.ToolTipRole:
                return tip
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._ids):
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids) or index.column() >= len(Column):
            return None
        row = index.row()
        if role == ENTRY_ID_ROLE:
            return self._ids[row]
        column = Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignHCenter if column in _CENTRED else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ENTRY_ROLE):
            return None
        entry = self.entry(row)
        if role == ENTRY_ROLE:
            return entry
        if entry is None:
            return "" if column is not Column.NOTE else "(this entry is no longer there)"
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(entry, column, self._locale)
        return cell_tooltip(entry, column, self._locale) or None

    # --- internals ----------------------------------------------------------------------------

    def _fetch_ids(self, flt: EntryFilter) -> list[int]:
        return self._companion.diary.ids(flt, newest_first=True)

    def _on_operation(self, changes: Changes) -> None:
        if changes.entries:
            self._pending.start()

    def _auto_refresh(self) -> None:
        try:
            self.refresh()
        except PainCompanionError as exc:
            self.loadFailed.emit(str(exc))

    def _load_page(self, row: int) -> None:
        start = (row // self.PAGE_SIZE) * self.PAGE_SIZE
        wanted = [i for i in self._ids[start : start + self.PAGE_SIZE] if i not in self._cache]
        try:
            entries = self._companion.diary.get_many(wanted)
        except PainCompanionError as exc:
            self._missing.update(wanted)
            self.loadFailed.emit(str(exc))
            return
        excess = len(self._cache) + len(entries) - self.CACHE_LIMIT
        if excess > 0:
            for old in list(islice(self._cache, excess)):
                del self._cache[old]
        for entry in entries:
            self._cache[entry.id] = entry
        self._missing.update(set(wanted) - {e.id for e in entries})

    def _apply_ids(self, new: list[int]) -> None:
        old = self._ids
        self._cache.clear()
        self._missing.clear()
        if new == old:
            self._emit_all_changed()
        elif not self._try_remove(old, new) and not self._try_insert(old, new):
            self.beginResetModel()
            self._ids = new
            self.endResetModel()
        else:
            self._emit_all_changed()
        self.refreshed.emit(len(self._ids))

    def _emit_all_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(Column) - 1))

    def _try_remove(self, old: list[int], new: list[int]) -> bool:
        """If `new` is `old` with some ids taken out, remove those rows and return True."""
        keep = set(new)
        if len(new) >= len(old) or [i for i in old if i in keep] != new:
            return False
        removed = [row for row, i in enumerate(old) if i not in keep]
        for first, last in reversed(_runs(removed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._ids[first : last + 1]
            self.endRemoveRows()
        return True

    def _try_insert(self, old: list[int], new: list[int]) -> bool:
        """If `new` is `old` with some ids added, insert those rows and return True."""
        had = set(old)
        if len(new) <= len(old) or [i for i in new if i in had] != old:
            return False
        added = [row for row, i in enumerate(new) if i not in had]
        for first, last in _runs(added):
            self.beginInsertRows(QModelIndex(), first, last)
            self._ids[first:first] = new[first : last + 1]
            self.endInsertRows()
        return True
