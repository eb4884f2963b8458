"""EntryDialog: the full entry form for a new or an existing entry. The caller saves `draft()` (e.g. EditEntryOp).

A NEW entry may be saved with pain "not rated": `draft()` is then a MoodRecordDraft (mood, sleep, what I did
as activities, and the note), kept apart from pain entries so no pain figure counts it.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.diary import DiaryEntry, EntryDraft, validate_draft
from ...domain.mood_record import MoodRecord, MoodRecordDraft, validate_mood_record
from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.entry_form import EntryForm
from ..widgets.message_label import MessageLabel
from .sizing import use_scroll


class EntryDialog(QDialog):
    """Edit all fields; OK checks them first and keeps the dialog open with a plain message if something is off."""

    def __init__(
        self,
        ctx: GuiContext,
        entry: DiaryEntry | None = None,
        parent: QWidget | None = None,
        *,
        record: MoodRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.ctx = ctx
        self.entry = entry
        self.record = record  # a record without a pain score being edited (it stays one)
        self._draft: EntryDraft | MoodRecordDraft | None = None
        self.setWindowTitle("Edit entry" if entry else "New entry")  # never diary text in a title
        layout = QVBoxLayout(self)
        heading = QLabel(self._heading(), self)
        heading.setObjectName("entryDialogHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.form = EntryForm(ctx, compact=False, parent=self)
        if entry is not None:
            self.form.set_draft(entry.as_draft())
        self.form.submitted.connect(self.accept)
        scroll = QScrollArea(self)
        scroll.setObjectName("entryDialogScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        self.not_rated = QCheckBox("Pain &not rated: keep only mood, sleep, what I did and the note", self)
        self.not_rated.setObjectName("painNotRated")
        self.not_rated.setToolTip("Saved as a record without a pain score; no pain average or chart counts it")
        self.not_rated.toggled.connect(self._not_rated_changed)
        self.not_rated.setVisible(entry is None)  # an entry that has a pain score keeps it
        layout.addWidget(self.not_rated)
        if record is not None:
            self._load_record(record)
        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._size_to_content(scroll)
        self.form.focus_first()

    def _load_record(self, record: MoodRecord) -> None:
        self.form.set_draft(EntryDraft(
            at=record.at, pain=0, mood=record.mood, sleep_hours=record.sleep_hours,
            sleep_quality=record.sleep_quality, activity=", ".join(record.activities), note=record.note,
        ))  # fmt: skip
        self.form.pain.clear()
        self.not_rated.setChecked(True)
        self.not_rated.setEnabled(False)  # it stays a record without a pain score; rate pain in a new entry
        self.setWindowTitle("Edit record without a pain score")

    def _heading(self) -> str:
        if self.record is not None:
            return f"Record of {self.record.at:%A %d %B %Y, %H:%M} (no pain score)"
        if self.entry is None:
            return "A new diary entry"
        return f"Entry of {self.entry.at:%A %d %B %Y, %H:%M}"

    def _size_to_content(self, scroll: QScrollArea) -> None:
        hint = self.form.sizeHint()
        chars = self.fontMetrics().averageCharWidth()
        width = min(max(hint.width() + scroll.verticalScrollBar().sizeHint().width() + 30, chars * 90), chars * 120)
        self.resize(width, 0)
        use_scroll(self, scroll)  # as tall as the form, within the screen; the buttons stay below it

    def _not_rated_changed(self, checked: bool) -> None:
        """Without a pain score, the fields only a pain entry has are switched off (they would be lost)."""
        fields = self.form.fields
        self.form.pain.setEnabled(not checked)
        if fields is not None:
            for widget in (fields.locations, fields.qualities, fields.activity_level, fields.triggers, fields.helped):
                widget.setEnabled(not checked)

    def _mood_record(self) -> MoodRecordDraft:
        base = self.form.draft_without_pain()
        activities = tuple(part for part in base.activity.split(",") if part.strip())
        kept = self.record.as_draft() if self.record is not None else MoodRecordDraft(at=base.at)  # name, source
        return replace(kept, at=base.at, mood=base.mood, sleep_hours=base.sleep_hours,
                       sleep_quality=base.sleep_quality, activities=activities, note=base.note)  # fmt: skip

    def accept(self) -> None:
        now = self.ctx.companion.clock.now()
        try:
            if self.not_rated.isChecked():
                draft: EntryDraft | MoodRecordDraft = validate_mood_record(self._mood_record(), now)
            else:
                draft = self.form.draft()
                validate_draft(draft, now)
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            return
        self._draft = draft
        super().accept()

    def draft(self) -> EntryDraft | MoodRecordDraft:
        """The entry as filled in (valid once the dialog was Accepted); a MoodRecordDraft when pain is not rated."""
        if self._draft is not None:
            return self._draft
        return self._mood_record() if self.not_rated.isChecked() else self.form.draft()
