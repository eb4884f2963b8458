"""EntryDialog: the full entry form for a new or an existing entry. The caller saves `draft()` (e.g. EditEntryOp)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...domain.diary import DiaryEntry, EntryDraft, validate_draft
from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.entry_form import EntryForm
from ..widgets.message_label import MessageLabel
from .sizing import use_scroll


class EntryDialog(QDialog):
    """Edit all fields; OK checks them first and keeps the dialog open with a plain message if something is off."""

    def __init__(self, ctx: GuiContext, entry: DiaryEntry | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.ctx = ctx
        self.entry = entry
        self._draft: EntryDraft | None = None
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

    def _heading(self) -> str:
        if self.entry is None:
            return "A new diary entry"
        return f"Entry of {self.entry.at:%A %d %B %Y, %H:%M}"

    def _size_to_content(self, scroll: QScrollArea) -> None:
        hint = self.form.sizeHint()
        chars = self.fontMetrics().averageCharWidth()
        width = min(max(hint.width() + scroll.verticalScrollBar().sizeHint().width() + 30, chars * 90), chars * 120)
        self.resize(width, 0)
        use_scroll(self, scroll)  # as tall as the form, within the screen; the buttons stay below it

    def accept(self) -> None:
        try:
            draft = self.form.draft()
            validate_draft(draft, self.ctx.companion.clock.now())
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            return
        self._draft = draft
        super().accept()

    def draft(self) -> EntryDraft:
        """The entry as filled in (valid once the dialog was Accepted)."""
        return self._draft if self._draft is not None else self.form.draft()
