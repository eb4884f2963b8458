"""One dialog for the encryption steps in Settings: turn on, change the passphrase, turn off.

It asks for the current passphrase and/or a new one (twice), checks what can be checked at once, then runs
the step on a worker thread (encrypting a big diary takes seconds) with a busy line; the dialog stays open
with a plain message if anything goes wrong, and cannot be closed while the step runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..background import BackgroundCall, error_text
from ..widgets.passphrase_field import BusyLine, PassphraseField, ProblemLabel
from .sizing import make_scrollable
from .unlock_dialog import fit_to_width, heading

WRONG_CURRENT = "That is not your current passphrase. Check Caps Lock and try again."
NOT_THE_SAME = "The two new passphrases are not the same. Type the new one again."


class PassphraseDialog(QDialog):
    """`work(current, new)` runs off the GUI thread once the fields are right; its result is kept in `result`.

    `check_current(text) -> bool` (asked first, on the worker thread too) and `check_new(text) -> reason or
    None` are the core's checks; a field is shown only when its check is given.
    """

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        action: str,
        busy_text: str,
        work: Callable[[str, str], Any],
        check_current: Callable[[str], bool] | None = None,
        check_new: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(f"{title} – Pain Companion")
        self._work, self._check_current, self._check_new = work, check_current, check_new
        self._busy_text = busy_text
        self._background = BackgroundCall(self, "An encryption step failed")
        self.work_result: Any = None
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(heading(title, self))
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("passphraseIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro)
        form = QFormLayout()
        self.current_field: PassphraseField | None = None
        self.new_field: PassphraseField | None = None
        self.repeat_field: PassphraseField | None = None
        if check_current is not None:
            self.current_field = self._add_field(
                form, "currentPassphrase", "Current passphrase", "&Current passphrase:"
            )
        if check_new is not None:
            self.new_field = self._add_field(form, "newPassphrase", "New passphrase", "&New passphrase:")
            self.repeat_field = self._add_field(
                form, "repeatPassphrase", "New passphrase again", "New passphrase &again:"
            )
        layout.addLayout(form)
        if check_new is not None:
            hint = QLabel("At least 8 characters. A few unrelated words are easy to remember and hard to guess.", self)
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.problem = ProblemLabel(self)
        layout.addWidget(self.problem)
        self.busy = BusyLine(self)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.action_button = QPushButton(action, self)
        self.action_button.setObjectName("passphraseAction")
        self.action_button.setDefault(True)
        self.action_button.clicked.connect(self.run)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("passphraseCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        fit_to_width(self, self.fontMetrics().averageCharWidth() * 84)
        make_scrollable(self, self.problem, self.busy, buttons, name="passphraseScroll")
        first = self.current_field or self.new_field
        if first is not None:
            first.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _add_field(self, form: QFormLayout, name: str, spoken: str, label_text: str) -> PassphraseField:
        field = PassphraseField(name, spoken, self)
        label = QLabel(label_text, self)
        label.setBuddy(field.edit)
        form.addRow(label, field)
        field.edit.returnPressed.connect(self.run)
        return field

    @property
    def working(self) -> bool:
        return self._background.running

    def run(self) -> None:
        """Check the fields; then the current passphrase and the step itself, on the worker thread."""
        if self.working:
            return
        current = self.current_field.text() if self.current_field else ""
        new = self.new_field.text() if self.new_field else ""
        if self.current_field is not None and not current:
            return self._refuse("Enter your current passphrase first.", self.current_field)
        if self.new_field is not None and self.repeat_field is not None and self._check_new is not None:
            reason = self._check_new(new)
            if reason is not None:
                return self._refuse(reason, self.new_field)
            if new != self.repeat_field.text():
                return self._refuse(NOT_THE_SAME, self.repeat_field)
        self.problem.clear_problem()
        self._set_busy(True)
        check_current = self._check_current

        def step() -> tuple[bool, Any]:
            if check_current is not None and not check_current(current):
                return False, None
            return True, self._work(current, new)

        self._background.start(step, self._finished, self._failed)

    def _refuse(self, text: str, field: PassphraseField) -> None:
        self.problem.show_problem(text)
        fit_to_width(self)
        field.select_all_and_focus()

    def _finished(self, outcome: tuple[bool, Any]) -> None:
        self._set_busy(False)
        right_passphrase, result = outcome
        if not right_passphrase:
            assert self.current_field is not None
            self._refuse(WRONG_CURRENT, self.current_field)
            return
        self.work_result = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.problem.show_problem(f"{error_text(exc)} Nothing was changed.")
        fit_to_width(self)

    def _set_busy(self, busy: bool) -> None:
        for field in (self.current_field, self.new_field, self.repeat_field):
            if field is not None:
                field.setEnabled(not busy)
        self.action_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        if busy:
            self.busy.start(self._busy_text)
        else:
            self.busy.stop()

    def reject(self) -> None:
        if not self.working:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.working:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.working and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
