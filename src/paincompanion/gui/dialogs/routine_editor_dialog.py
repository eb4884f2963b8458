"""Create a routine of your own, or adapt a copy: title, kind, conditions, length, level, summary, steps, safety.

The dialog checks the routine with domain.routines.validate_routine when Save is pressed; a problem is shown in
plain words next to the buttons, the field concerned gets the focus, and nothing typed is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.routines import (
    CONDITIONS,
    MAX_MINUTES,
    MAX_REPETITIONS,
    MAX_STEP_SECONDS,
    Level,
    Routine,
    RoutineKind,
    Safety,
    Step,
    validate_routine,
)
from ...errors import ValidationError
from ..widgets.message_label import MessageLabel
from ..widgets.routine_detail import step_extra
from .sizing import make_scrollable, stack_when_narrow

USER_PREFIX = "user-"
MAX_SLUG = 40
NEW_STEP_TEXT = ""
STEP_NUMBER = re.compile(r"^Step (\d+) of ")


def new_routine_id(title: str, taken: Iterable[str]) -> str:
    """A fresh user routine id from the title: "user-" + lower-case words joined by hyphens, unique among `taken`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:MAX_SLUG].strip("-") or "routine"
    base = USER_PREFIX + slug
    used = set(taken)
    candidate, number = base, 2
    while candidate in used:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def step_item_text(number: int, step: Step) -> str:
    text = step.text.strip() or "(no text yet)"
    extra = step_extra(step)
    return f"{number}. {text}" + (f" — {extra}" if extra else "")


class RoutineEditorDialog(QDialog):
    """Edit `routine` (a copy to adapt, or one of the user's own), or a new one when it is None.

    `taken_ids` are the ids already in the library; a new routine (or a copy) gets a fresh id made from its title.
    """

    def __init__(
        self,
        routine: Routine | None = None,
        parent: QWidget | None = None,
        *,
        is_new: bool = True,
        taken_ids: Iterable[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("routineEditorDialog")
        self.is_new = is_new
        self.taken_ids = set(taken_ids)
        self.original = routine
        if routine is None:
            self.setWindowTitle("New routine")
        elif is_new:
            self.setWindowTitle("Adapt a copy")
        else:
            self.setWindowTitle(f"Edit: {routine.title}")
        self._steps: list[Step] = list(routine.steps) if routine else [Step(NEW_STEP_TEXT)]
        self._loading = False
        self._build()
        self._load(routine)
        self._apply_sizes()
        self.title_edit.setFocus()
        self._initial = self.routine()

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("routineTitleEdit")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("routineKindEdit")
        for kind in RoutineKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.level_combo = QComboBox(self)
        self.level_combo.setObjectName("routineLevelEdit")
        for level in Level:
            self.level_combo.addItem(level.label, level.value)
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setObjectName("routineMinutesEdit")
        self.minutes_spin.setRange(1, MAX_MINUTES)
        self.minutes_spin.setSuffix(" min")
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setObjectName("routineSummaryEdit")
        self.summary_edit.setTabChangesFocus(True)

        about = QFormLayout()
        about.addRow("&Title", self.title_edit)
        about.addRow("&Kind", self.kind_combo)
        about.addRow("Le&vel", self.level_combo)
        about.addRow("Length (&minutes)", self.minutes_spin)
        about.addRow("Summar&y", self.summary_edit)

        self.conditions_box = QGroupBox("Suits these conditions", self)
        self.conditions_box.setObjectName("routineConditionsEdit")
        grid = QGridLayout(self.conditions_box)
        self.condition_checks: dict[str, QCheckBox] = {}
        for number, (condition_id, name) in enumerate(CONDITIONS.items()):
            check = QCheckBox(name, self.conditions_box)
            check.setObjectName(f"condition-{condition_id}")
            self.condition_checks[condition_id] = check
            grid.addWidget(check, number // 2, number % 2)

        self.steps_box = QWidget(self)
        self.steps_box.setObjectName("routineStepsEdit")
        self.steps_list = QListWidget(self.steps_box)
        self.steps_list.setObjectName("stepsList")
        self.steps_list.setTabKeyNavigation(False)
        self.steps_list.setWordWrap(True)
        self.steps_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps_label = QLabel("Ste&ps", self.steps_box)
        self.steps_label.setBuddy(self.steps_list)
        self.step_text = QPlainTextEdit(self.steps_box)
        self.step_text.setObjectName("stepTextEdit")
        self.step_text.setPlaceholderText("What to do, in a few plain words")
        self.step_text.setTabChangesFocus(True)
        self.step_seconds = QSpinBox(self.steps_box)
        self.step_seconds.setObjectName("stepSecondsEdit")
        self.step_seconds.setRange(0, MAX_STEP_SECONDS)
        self.step_seconds.setSpecialValueText("No timer")
        self.step_seconds.setSuffix(" s")
        self.step_reps = QSpinBox(self.steps_box)
        self.step_reps.setObjectName("stepRepetitionsEdit")
        self.step_reps.setRange(0, MAX_REPETITIONS)
        self.step_reps.setSpecialValueText("Not counted")
        self.step_reps.setSuffix(" times")
        self.add_step_button = self._button("&Add step", "addStep", "Add a step after the chosen one")
        self.remove_step_button = self._button("&Remove step", "removeStep", "Remove the chosen step")
        self.up_button = self._button("Move &up", "moveStepUp", "Move the chosen step up")
        self.down_button = self._button("Move do&wn", "moveStepDown", "Move the chosen step down")

        step_form = QFormLayout()
        step_form.addRow("Step te&xt", self.step_text)
        step_form.addRow("T&imer (seconds)", self.step_seconds)
        step_form.addRow("Repetitio&ns", self.step_reps)
        step_buttons = QHBoxLayout()
        for button in (self.add_step_button, self.remove_step_button, self.up_button, self.down_button):
            step_buttons.addWidget(button)
        steps_layout = QVBoxLayout(self.steps_box)
        steps_layout.setContentsMargins(0, 0, 0, 0)
        steps_layout.addWidget(self.steps_label)
        steps_layout.addWidget(self.steps_list, 1)
        steps_layout.addLayout(step_buttons)
        steps_layout.addLayout(step_form)

        self.safety_box = QGroupBox("Safety notes (one per line)", self)
        self.safety_box.setObjectName("routineSafetyEdit")
        self.stop_if_edit = self._notes("stopIfEdit")
        self.doctor_edit = self._notes("seeDoctorIfEdit")
        self.good_to_know_edit = self._notes("goodToKnowEdit")
        safety = QGridLayout(self.safety_box)
        for column, (text, edit) in enumerate(
            (
                ("St&op if", self.stop_if_edit),
                ("See a &doctor if", self.doctor_edit),
                ("&Good to know", self.good_to_know_edit),
            )
        ):
            label = QLabel(text, self.safety_box)
            label.setBuddy(edit)
            safety.addWidget(label, 0, column)
            safety.addWidget(edit, 1, column)

        self.sources_label = QLabel(self)
        self.sources_label.setObjectName("routineSourcesNote")
        self.sources_label.setWordWrap(True)
        self.sources_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveRoutine")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addLayout(about)
        left.addWidget(self.conditions_box)
        self.top = top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.steps_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.safety_box)
        layout.addWidget(self.sources_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        order: list[QWidget] = [
            self.title_edit,
            self.kind_combo,
            self.level_combo,
            self.minutes_spin,
            self.summary_edit,
        ]
        order += list(self.condition_checks.values())
        order += [
            self.steps_list, self.add_step_button, self.remove_step_button, self.up_button, self.down_button,
            self.step_text, self.step_seconds, self.step_reps, self.stop_if_edit, self.doctor_edit,
            self.good_to_know_edit, self.save_button, self.cancel_button,
        ]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

        self.steps_list.currentRowChanged.connect(self._show_step)
        self.step_text.textChanged.connect(self._step_edited)
        self.step_seconds.valueChanged.connect(self._step_edited)
        self.step_reps.valueChanged.connect(self._step_edited)
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))

    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self.steps_box)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setAutoDefault(False)  # Enter in a field saves the routine, never adds or moves a step
        return button

    def _notes(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self.safety_box)
        edit.setObjectName(name)
        edit.setTabChangesFocus(True)
        return edit

    def _apply_sizes(self) -> None:
        metrics = self.fontMetrics()
        line = metrics.height()
        self.summary_edit.setFixedHeight(line * 4 + 12)
        for edit in (self.stop_if_edit, self.doctor_edit, self.good_to_know_edit):
            edit.setFixedHeight(line * 4 + 12)
        self.steps_list.setMinimumHeight(line * 8)
        self.step_text.setFixedHeight(line * 3 + 12)
        for widget in (self.title_edit, self.save_button, self.cancel_button):
            widget.setMinimumHeight(line * 2)
        big = QFont(self.save_button.font())
        big.setBold(True)
        self.save_button.setFont(big)
        self.resize(metrics.averageCharWidth() * 130, line * 44)
        stack_when_narrow(self, self.top)  # the steps go under the details at large text sizes
        make_scrollable(self, self.message, self.buttons, name="routineEditorScroll")

    # --- loading and reading ----------------------------------------------------------------------

    def _load(self, routine: Routine | None) -> None:
        if routine is not None:
            self.title_edit.setText(routine.title)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(routine.kind.value))
            self.level_combo.setCurrentIndex(self.level_combo.findData(routine.level.value))
            self.minutes_spin.setValue(min(max(routine.minutes, 1), MAX_MINUTES))
            self.summary_edit.setPlainText(routine.summary)
            for condition_id, check in self.condition_checks.items():
                check.setChecked(condition_id in routine.conditions)
            self.stop_if_edit.setPlainText("\n".join(routine.safety.stop_if))
            self.doctor_edit.setPlainText("\n".join(routine.safety.see_doctor_if))
            self.good_to_know_edit.setPlainText("\n".join(routine.safety.good_to_know))
        else:
            self.minutes_spin.setValue(10)
        count = len(routine.sources) if routine else 0
        self.sources_label.setText(
            f"The {count} source{'s' if count != 1 else ''} of the routine you copied stay with your version."
            if count
            else "Your own routine lists no sources."
        )
        self._fill_steps(0)

    def routine(self) -> Routine:
        """What the form says, as a Routine (not yet checked)."""
        title = self.title_edit.text().strip()
        base = self.original
        routine_id = base.id if base is not None and not self.is_new else new_routine_id(title, self.taken_ids)
        return Routine(
            id=routine_id,
            title=title,
            kind=RoutineKind(self.kind_combo.currentData()),
            steps=tuple(replace(s, text=s.text.strip()) for s in self._steps),
            minutes=self.minutes_spin.value(),
            level=Level(self.level_combo.currentData()),
            conditions=tuple(c for c, check in self.condition_checks.items() if check.isChecked()),
            summary=self.summary_edit.toPlainText().strip(),
            flare_tip=base.flare_tip if base else "",
            safety=Safety(
                stop_if=_lines(self.stop_if_edit.toPlainText()),
                see_doctor_if=_lines(self.doctor_edit.toPlainText()),
                good_to_know=_lines(self.good_to_know_edit.toPlainText()),
            ),
            sources=base.sources if base else (),
            worksheet=base.worksheet if base else (),
            origin="user",
            # a copy keeps the library's region (its triage block), crisis advice, dose and levels; pictures stay
            # with their steps. Nobody has reviewed the user's version, so it has no review.
            region=base.region if base else None,
            triage=base.triage if base else None,
            crisis=base.crisis if base else None,
            frequency=base.frequency if base else "",
            focus=base.focus if base else None,
            progression=base.progression if base else None,
        )

    def accept(self) -> None:
        """Save only a routine that keeps the rules; otherwise say what to change and keep everything."""
        try:
            validate_routine(self.routine())
        except ValidationError as exc:
            self.show_problem(str(exc))
            return
        self.message.clear_message()
        super().accept()

    def has_changes(self) -> bool:
        return self.routine() != self._initial

    def reject(self) -> None:
        """Cancel, Escape or closing: ask first when something was typed, so nothing is lost by a slip."""
        if self.isVisible() and self.has_changes() and not self.confirm_discard():
            return
        super().reject()

    def confirm_discard(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question, "Discard changes?", "Close without saving your changes?", parent=self
        )
        discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard

    def show_problem(self, text: str) -> None:
        """Show the problem and put the focus where it can be fixed."""
        self.message.show_error(text)
        match = STEP_NUMBER.match(text)
        if match:
            row = int(match.group(1)) - 1
            if 0 <= row < len(self._steps):
                self.steps_list.setCurrentRow(row)
                self.step_text.setFocus()
                return
        lowered = text.casefold()
        if "title" in lowered:
            self.title_edit.setFocus()
        elif "step" in lowered:
            self.steps_list.setFocus()

    # --- steps ------------------------------------------------------------------------------------

    def steps(self) -> list[Step]:
        return list(self._steps)

    def _fill_steps(self, current: int) -> None:
        self._loading = True
        self.steps_list.clear()
        for number, step in enumerate(self._steps, start=1):
            QListWidgetItem(step_item_text(number, step), self.steps_list)
        self._loading = False
        if self._steps:
            self.steps_list.setCurrentRow(min(max(current, 0), len(self._steps) - 1))
        self._show_step(self.steps_list.currentRow())

    def _show_step(self, row: int) -> None:
        if self._loading:
            return
        has = 0 <= row < len(self._steps)
        for widget in (self.step_text, self.step_seconds, self.step_reps, self.remove_step_button):
            widget.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < len(self._steps) - 1)
        self._loading = True
        step = self._steps[row] if has else Step("")
        self.step_text.setPlainText(step.text)
        self.step_seconds.setValue(step.seconds or 0)
        self.step_reps.setValue(step.repetitions or 0)
        self._loading = False
        if has:
            self.step_text.setAccessibleName(f"Text of step {row + 1}")

    def _step_edited(self, *_: object) -> None:
        row = self.steps_list.currentRow()
        if self._loading or not (0 <= row < len(self._steps)):
            return
        step = replace(
            self._steps[row],
            text=" ".join(self.step_text.toPlainText().split()),  # one line: Enter in the box adds no break
            seconds=self.step_seconds.value() or None,
            repetitions=self.step_reps.value() or None,
        )
        self._steps[row] = step
        item = self.steps_list.item(row)
        if item is not None:
            item.setText(step_item_text(row + 1, step))

    def add_step(self) -> None:
        """A new empty step after the chosen one; the focus goes to its text."""
        row = self.steps_list.currentRow()
        at = row + 1 if row >= 0 else len(self._steps)
        self._steps.insert(at, Step(NEW_STEP_TEXT))
        self._fill_steps(at)
        self.step_text.setFocus()

    def remove_step(self) -> None:
        row = self.steps_list.currentRow()
        if 0 <= row < len(self._steps):
            del self._steps[row]
            self._fill_steps(row)
            (self.steps_list if self._steps else self.add_step_button).setFocus()

    def move_step(self, offset: int) -> None:
        row = self.steps_list.currentRow()
        target = row + offset
        if 0 <= row < len(self._steps) and 0 <= target < len(self._steps):
            self._steps[row], self._steps[target] = self._steps[target], self._steps[row]
            self._fill_steps(target)
            (self.up_button if offset < 0 else self.down_button).setFocus()
            if not (self.up_button if offset < 0 else self.down_button).isEnabled():
                self.steps_list.setFocus()
