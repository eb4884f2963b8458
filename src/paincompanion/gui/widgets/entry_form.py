"""The entry form, shared by the quick entry on Today (compact) and the entry dialog (full).

Keys: Tab moves through the fields; Enter submits (in the notes Enter is a new line in the full form,
and submits in the compact one, where Shift+Enter is a new line); Ctrl+Enter submits everywhere.
In the compact form the optional fields sit under "More details" and are built when first opened.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.clock import SystemClock
from ...domain.diary import EntryDraft
from ...errors import PainCompanionError, ValidationError
from ..context import GuiContext
from .form_fields import chain_tab_order
from .pain_scale import PainScale

if TYPE_CHECKING:
    from .entry_details import DetailFields

SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
FLAG_TEXT = "S&how this note to my clinician"


class EntryForm(QWidget):
    """All fields of a diary entry. `draft()` builds an EntryDraft; `set_draft()` loads one."""

    submitted = Signal()

    def __init__(self, ctx: GuiContext, *, compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryForm")
        self.ctx = ctx
        self.compact = compact
        self._loaded_at: datetime | None = None  # the stored time of an edited entry (kept if not changed)
        self._time_touched = False
        self.fields: DetailFields | None = None
        #: "Show this note to my clinician" (in the compact form it is the last of "More details").
        self.flag_check: QCheckBox | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pain = PainScale("Pain now", parent=self)
        pain_label = QLabel("How much &pain right now?" if compact else "&Pain:", self)
        pain_label.setBuddy(self.pain)
        if compact:
            self._build_compact(outer, pain_label)
        else:
            form = QFormLayout()
            form.addRow(pain_label, self.pain)
            self._build_fields(self)
            assert self.fields is not None
            self.fields.add_rows(form)
            self._make_notes()  # created last so Tab reaches it last, where it is shown
            form.addRow(self._label("&Notes:", self.notes), self.notes)
            self.flag_check = self._make_flag(self)  # right after the note, in Tab order too
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.flag_check)
            outer.addLayout(form)
        self.reset()
        self._clock_timer = QTimer(self)  # an untouched "now" keeps up with the clock while the form is open
        self._clock_timer.setInterval(30_000)
        self._clock_timer.timeout.connect(self._follow_clock)
        self._clock_timer.start()

    # --- building -------------------------------------------------------------------------------

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _make_notes(self) -> None:
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notesEdit")
        self.notes.setAccessibleName("Note")
        self.notes.setTabChangesFocus(True)
        self.notes.installEventFilter(self)
        if self.compact:
            self.notes.setPlaceholderText("Optional. Enter saves; Shift+Enter starts a new line.")
        else:
            self.notes.setPlaceholderText("Anything you want to remember. Ctrl+Enter saves.")

    def _make_flag(self, parent: QWidget) -> QCheckBox:
        check = QCheckBox(FLAG_TEXT, parent)
        check.setObjectName("flagNoteCheck")
        check.setToolTip("The note goes into the appointment summary (Summary page).")
        return check

    def _build_compact(self, outer: QVBoxLayout, pain_label: QLabel) -> None:
        font = pain_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        pain_label.setFont(font)
        outer.addWidget(pain_label)
        outer.addWidget(self.pain)
        self._make_notes()
        outer.addWidget(self._label("&Note:", self.notes))
        self.notes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.notes.setFixedHeight(self.notes.fontMetrics().lineSpacing() * 3 + 14)
        outer.addWidget(self.notes)
        self.details_toggle = QToolButton(self)
        self.details_toggle.setObjectName("detailsToggle")
        self.details_toggle.setText("&More details")
        self.details_toggle.setAccessibleName("More details")
        self.details_toggle.setCheckable(True)
        self.details_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.details_toggle.toggled.connect(self.set_details_visible)
        outer.addWidget(self.details_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        self.details = QWidget(self)
        self.details.setObjectName("detailsPanel")
        self.details.setVisible(False)
        outer.addWidget(self.details)

    def _build_fields(self, parent: QWidget) -> None:
        from .entry_details import DetailFields

        self.fields = DetailFields(parent)
        self.fields.time_edit.dateTimeChanged.connect(self._time_edited)
        self.refresh_suggestions()

    def ensure_details(self) -> DetailFields:
        """The optional fields, built now if the quick entry has not needed them yet."""
        if self.fields is None:
            self._build_fields(self.details)
            assert self.fields is not None
            form = QFormLayout(self.details)
            form.setContentsMargins(0, 0, 0, 0)
            self.fields.add_rows(form)
            self.flag_check = self._make_flag(self.details)
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, self.flag_check)
            self.fields.clear(self._now())
            chain_tab_order(self.details_toggle, [*self.fields.focus_order(), self.flag_check])
        return self.fields

    def set_details_visible(self, visible: bool) -> None:
        if not self.compact:
            return
        if visible:
            self.ensure_details()
        self.details_toggle.setChecked(visible)
        self.details_toggle.setArrowType(Qt.ArrowType.DownArrow if visible else Qt.ArrowType.RightArrow)
        self.details.setVisible(visible)

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in SUBMIT_KEYS:
                mods = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                if mods == Qt.KeyboardModifier.ControlModifier or (
                    self.compact and mods == Qt.KeyboardModifier.NoModifier
                ):
                    self.submitted.emit()
                    return True
                if self.compact and mods == Qt.KeyboardModifier.ShiftModifier:
                    self.notes.insertPlainText("\n")
                    return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in line edits, spin boxes and buttons is left unhandled by them and arrives here.
        if event.key() in SUBMIT_KEYS:
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- time -----------------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self.ctx.companion.clock.now()

    def _time_edited(self) -> None:
        self._time_touched = True

    def _follow_clock(self) -> None:
        if self.fields is not None and not self._time_touched and self._loaded_at is None:
            from .entry_details import set_wall_time

            set_wall_time(self.fields.time_edit, self._now())

    def _chosen_time(self) -> datetime:
        """The moment of the entry: "now" unless the time was changed, the stored time if an edit left it alone."""
        if not self._time_touched or self.fields is None:
            return self._loaded_at or self._now()
        from .entry_details import wall_time

        wall = wall_time(self.fields.time_edit)
        if self._loaded_at is not None:
            return wall.replace(tzinfo=self._loaded_at.tzinfo)  # keep the offset the entry was made in
        if isinstance(self.ctx.companion.clock, SystemClock):
            return wall.astimezone()  # the local offset of that moment (right across a DST change)
        return wall.replace(tzinfo=self._now().tzinfo)

    # --- values ---------------------------------------------------------------------------------

    def draft(self) -> EntryDraft:
        """The form as a draft; raises ValidationError (plain words) if the pain is not chosen."""
        pain = self.pain.value()
        if pain is None:
            raise ValidationError("Please choose how much it hurts (0 to 10): type a number or click one.")
        return replace(self.draft_without_pain(), pain=pain)

    def draft_without_pain(self) -> EntryDraft:
        """The form's other fields, with pain 0 as a placeholder (for a record saved with pain "not rated")."""
        from .entry_details import DetailFields

        values = self.fields.values() if self.fields is not None else DetailFields.empty_values()
        return EntryDraft(
            at=self._chosen_time(),
            pain=0,
            note=self.notes.toPlainText(),
            flagged=self.flag_check is not None and self.flag_check.isChecked(),
            **values,  # type: ignore[arg-type]
        )

    def set_draft(self, draft: EntryDraft) -> None:
        """Load an existing entry (its time is kept unless the user changes it)."""
        fields = self.ensure_details() if self.compact else self.fields
        assert fields is not None
        fields.load(draft)
        self._loaded_at = draft.at
        self._time_touched = False
        self.pain.setValue(draft.pain)
        self.notes.setPlainText(draft.note)
        assert self.flag_check is not None
        self.flag_check.setChecked(draft.flagged)

    def reset(self) -> None:
        """Empty the form for a new entry at "now"."""
        self._loaded_at = None
        if self.fields is not None:
            self.fields.clear(self._now())
        self._time_touched = False
        self.pain.clear()
        self.notes.clear()
        if self.flag_check is not None:
            self.flag_check.setChecked(False)

    def refresh_suggestions(self) -> None:
        if self.fields is None:
            return
        diary = self.ctx.companion.diary
        try:
            self.fields.set_suggestions(diary.suggestions("trigger"), diary.suggestions("helped"))
        except PainCompanionError:  # suggestions are a convenience; never block the form over them
            pass

    def focus_first(self) -> None:
        self.pain.setFocus(Qt.FocusReason.OtherFocusReason)
