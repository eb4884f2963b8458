"""WorksheetDialog: fill in a worksheet routine (thought record, pacing plan, flare-up plan) or change saved answers.

Each question has a buddy label (Alt+number), its help text in view, and a large field. Save checks the answers
(routines/worksheet_answers.py) and keeps everything typed when something needs a change; saving goes through
SaveWorksheetOp, so Undo takes it back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.routine_log import WorksheetRecord
from ...domain.routines import FieldType, Routine, WorksheetField
from ...routines.safety_text import get_help_lines
from ...routines.worksheet_answers import WHOLE_SHEET, check_answers, pacing_suggestion
from ...routines.worksheet_text import GET_HELP, date_text
from ...services.routines_undo import SaveWorksheetOp
from ..context import GuiContext
from ..undo import push_op
from ..widgets.form_fields import OptionalScoreSpin
from ..widgets.message_label import MessageLabel, error_colour
from .sizing import use_scroll

TEXT_LINES = 4
PLACEHOLDERS = {
    FieldType.MINUTES: "minutes, e.g. 20",
    FieldType.NUMBER: "a number, e.g. 3",
}
#: Field id -> a live hint worked out from what is typed there (the pacing plan's planned time and increase).
SUGGESTIONS = {"baseline_minutes": pacing_suggestion}


def _wrapped(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


class WorksheetDialog(QDialog):
    """One question per block: label, help, field, and a message under the field when it needs a change."""

    def __init__(
        self, ctx: GuiContext, routine: Routine, record: WorksheetRecord | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("worksheetDialog")
        self.ctx = ctx
        self.routine = routine
        self.record = record
        self.saved: WorksheetRecord | None = None
        self.inputs: dict[str, QWidget] = {}
        self.field_messages: dict[str, QLabel] = {}
        if record is None:
            self.setWindowTitle(routine.title)
        else:
            self.setWindowTitle(f"{routine.title}, written {date_text(record.at)}")
        self._build()
        if record is not None:
            self.set_answers(record.answers)
        self._initial = self.typed()
        first = self.inputs[routine.worksheet[0].id] if routine.worksheet else None
        if first is not None:
            first.setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("worksheetScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields take focus; the area follows them
        body = QWidget(self.scroll_area)
        body.setObjectName("worksheetBody")
        column = QVBoxLayout(body)
        column.setSpacing(int(self.fontMetrics().height() * 0.3))
        heading = _wrapped(self.routine.title, body, "worksheetHeading")  # scrolls with the questions
        font = QFont(heading.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        column.addWidget(heading)
        intro = self.routine.summary
        hint = "Write as much or as little as you like. Tab moves to the next question; Ctrl+Enter saves."
        column.addWidget(_wrapped(f"{intro}\n{hint}" if intro else hint, body, "worksheetIntro"))
        for number, wf in enumerate(self.routine.worksheet, start=1):
            self._add_field(column, body, number, wf)
        get_help = get_help_lines(self.routine)  # see-a-doctor notes and the shared crisis advice with numbers
        if get_help:
            column.addSpacing(self.fontMetrics().height())
            help_heading = _wrapped(GET_HELP, body, "worksheetGetHelpHeading")
            bold = QFont(help_heading.font())
            bold.setBold(True)
            help_heading.setFont(bold)
            column.addWidget(help_heading)
            text = "\n".join(f"• {item}" for item in get_help)
            column.addWidget(_wrapped(text, body, "worksheetGetHelp"))
        column.addStretch(1)
        self.scroll_area.setWidget(body)
        layout.addWidget(self.scroll_area, 1)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("worksheetSaveButton")
        self.save_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().height()
        self.resize(max(chars * 100, self.sizeHint().width()), lines * 44)
        use_scroll(self, self.scroll_area)  # the one scroll area; capped at the screen

    def _add_field(self, column: QVBoxLayout, body: QWidget, number: int, wf: WorksheetField) -> None:
        mnemonic = f"&{number}" if number <= 9 else str(number)
        label = _wrapped("", body, f"{wf.id}Label")
        label.setTextFormat(Qt.TextFormat.AutoText)
        label.setText(f"{mnemonic}. {wf.label}")
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        if number > 1:
            column.addSpacing(int(self.fontMetrics().height() * 0.6))
        column.addWidget(label)
        if wf.help:
            column.addWidget(_wrapped(wf.help, body, f"{wf.id}Help"))
        field = self._make_input(wf, body)
        field.setObjectName(f"{wf.id}Field")
        field.setAccessibleName(wf.label)
        if wf.help:
            field.setAccessibleDescription(wf.help)
        label.setBuddy(field)
        column.addWidget(field)
        if wf.id in SUGGESTIONS and isinstance(field, QLineEdit):
            hint = _wrapped("", body, f"{wf.id}Suggestion")
            italic = QFont(hint.font())
            italic.setItalic(True)
            hint.setFont(italic)
            hint.hide()
            column.addWidget(hint)
            suggest = SUGGESTIONS[wf.id]

            def update(text: str, hint: QLabel = hint) -> None:
                hint.setText(suggest(text))
                hint.setVisible(bool(hint.text()))
                field.setAccessibleDescription(" ".join(t for t in (wf.help, hint.text()) if t))

            field.textChanged.connect(update)
        problem = _wrapped("", body, f"{wf.id}Problem")
        problem.hide()
        column.addWidget(problem)
        self.inputs[wf.id] = field
        self.field_messages[wf.id] = problem

    def _make_input(self, wf: WorksheetField, parent: QWidget) -> QWidget:
        lines = self.fontMetrics().height()
        if wf.type is FieldType.SCORE:
            spin = OptionalScoreSpin(wf.label, parent)
            spin.setMinimumHeight(int(lines * 1.8))
            spin.setMinimumWidth(self.fontMetrics().averageCharWidth() * 14)
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            return spin
        if wf.type in PLACEHOLDERS:
            edit = QLineEdit(parent)
            edit.setPlaceholderText(PLACEHOLDERS[wf.type])
            edit.setMinimumHeight(int(lines * 1.8))
            edit.setMaximumWidth(self.fontMetrics().averageCharWidth() * 28)
            return edit
        text = QPlainTextEdit(parent)
        text.setTabChangesFocus(True)
        text.setFixedHeight(int(lines * (TEXT_LINES + 0.6)) + 2 * text.frameWidth())  # longer answers scroll
        return text

    # --- values -----------------------------------------------------------------------------------

    def typed(self) -> dict[str, str]:
        """What each field holds right now, as text (empty for nothing)."""
        values: dict[str, str] = {}
        for field_id, widget in self.inputs.items():
            if isinstance(widget, OptionalScoreSpin):
                score = widget.score()
                values[field_id] = "" if score is None else str(score)
            elif isinstance(widget, QPlainTextEdit):
                values[field_id] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                values[field_id] = widget.text()
        return values

    def set_answers(self, answers: dict[str, str]) -> None:
        for field_id, widget in self.inputs.items():
            value = answers.get(field_id, "")
            if isinstance(widget, OptionalScoreSpin):
                widget.setScore(int(value) if value.strip().isdigit() else None)
            elif isinstance(widget, QPlainTextEdit):
                widget.setPlainText(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def is_changed(self) -> bool:
        return self.typed() != self._initial

    # --- saving -----------------------------------------------------------------------------------

    def _show_problems(self, problems: dict[str, str]) -> None:
        colour = error_colour(self.palette()).name()
        for field_id, label in self.field_messages.items():
            text = problems.get(field_id, "")
            label.setText(text)
            label.setAccessibleName(text)
            label.setStyleSheet(f"color: {colour}; font-weight: bold;" if text else "")
            label.setVisible(bool(text))
        if WHOLE_SHEET in problems:
            self.message.show_error(problems[WHOLE_SHEET])
        elif problems:
            count = len(problems)
            what = "One answer needs" if count == 1 else f"{count} answers need"
            self.message.show_error(f"{what} a change; see the message under the question. Nothing was lost.")
        else:
            self.message.clear_message()

    def accept(self) -> None:
        checked = check_answers(self.routine, self.typed())
        self._show_problems(checked.problems)
        if not checked.ok:
            bad = next((self.inputs[f] for f in self.inputs if f in checked.problems), None)
            target = bad or next(iter(self.inputs.values()), None)
            if target is not None:
                target.setFocus()
                self.scroll_area.ensureWidgetVisible(target)
            return
        op = SaveWorksheetOp(
            self.ctx.companion.routines,
            self.routine.id,
            checked.answers,
            worksheet_id=self.record.id if self.record is not None else None,
            label=f"Save {self.routine.title}" if self.record is None else f"Change {self.routine.title}",
        )
        error = push_op(self.ctx.undo_stack, op)
        if error is not None:
            self.message.show_error(str(error))
            return
        self.saved = op.saved
        super().accept()

    def reject(self) -> None:
        if self.is_changed() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        """Ask before throwing away what was typed; the safe answer (keep writing) is the default."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Close without saving?")
        box.setText("You have written something that is not saved yet. Close and lose it?")
        keep = box.addButton("Keep writing", QMessageBox.ButtonRole.RejectRole)
        discard = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard
