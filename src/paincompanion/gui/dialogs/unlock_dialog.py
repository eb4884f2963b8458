"""Shown at start when the diary is encrypted: the passphrase, or the recovery key and a new passphrase.

Checking a passphrase derives a key (about a third of a second), so it runs on a worker thread while the
dialog shows that it is busy. The dialog never opens the diary itself: after Unlock, `passphrase` holds what
opens it. Quit leaves the file untouched.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import WrongPassphrase
from ...paths import AppPaths
from ...storage.cipher_probe import looks_locked_without_key as lost_key_file  # noqa: F401 - tests
from ..background import BackgroundCall, error_text
from ..widgets.passphrase_field import BusyLine, PassphraseField, ProblemLabel
from .sizing import fit_height, make_scrollable

TITLE = "Unlock your diary – Pain Companion"
#: SQLCipher's page size: an encrypted diary is a whole number of these.
WRONG_PASSPHRASE = (
    "That passphrase does not open your diary. Check Caps Lock and try again, "
    "or use your recovery key if you have forgotten it."
)
WRONG_RECOVERY_KEY = "That recovery key does not open your diary. Check each group of letters and digits and try again."
KEY_FILE_MISSING = (
    "The small file that holds your diary's lock is missing or damaged, so your passphrase cannot open it. "
    "Your recovery key still can: enter it below and choose a new passphrase."
)


def heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    return label


def fit_to_width(dialog: QDialog, width: int | None = None) -> None:
    """At least `width` wide (default: as wide as it is), and as tall as its wrapped text needs at that width."""
    if width is not None:
        dialog.setMinimumWidth(width)
    if (layout := dialog.layout()) is not None:
        layout.invalidate()
    fit_height(dialog, width)  # within the screen; a long body scrolls (sizing.make_scrollable)


class UnlockDialog(QDialog):
    """Unlock (the passphrase) or Quit; "Forgot your passphrase?" sets a new one with the recovery key.

    The three core calls can be passed in (tests); by default they are `services.encryption`'s
    `unlock_check`, `reset_passphrase` and `check_new_passphrase` for `paths`.
    """

    def __init__(
        self,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        unlock_check: Callable[[str], None] | None = None,
        reset_passphrase: Callable[[str, str], None] | None = None,
        check_new_passphrase: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(TITLE)
        self.paths = paths
        self._unlock_check = unlock_check or self._core_unlock_check
        self._reset_passphrase = reset_passphrase or self._core_reset_passphrase
        self._check_new = check_new_passphrase or self._core_check_new_passphrase
        #: What opens the diary, once the dialog was accepted.
        self.passphrase: str | None = None
        self._background = BackgroundCall(self, "Unlocking or resetting the passphrase failed")
        self._page = 0
        self._build()
        if not paths.key_file.exists():
            self.show_recovery(KEY_FILE_MISSING)

    # --- the core, by default ---------------------------------------------------------------------

    def _core_unlock_check(self, passphrase: str) -> None:
        from ...services import encryption

        encryption.unlock_check(self.paths, passphrase)

    def _core_reset_passphrase(self, recovery_key: str, new_passphrase: str) -> None:
        from ...services import encryption

        encryption.reset_passphrase(self.paths, recovery_key, new_passphrase)

    @staticmethod
    def _core_check_new_passphrase(text: str) -> str | None:
        from ...services import encryption

        return encryption.check_new_passphrase(text)

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        # Two pages, only one shown (not a QStackedWidget: the dialog takes the height of the page on show).
        self.pages = (self._build_passphrase_page(), self._build_recovery_page())
        self.busy = BusyLine(self)
        self.quit_button = QPushButton("&Quit", self)
        self.quit_button.setObjectName("unlockQuit")
        self.quit_button.setAutoDefault(False)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        for page in self.pages:
            layout.addWidget(page)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.quit_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._show_page(0)
        make_scrollable(self, self.busy, buttons, name="unlockScroll")

    def _build_passphrase_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Your diary is locked", page))
        intro = QLabel("Enter your passphrase to open it.", page)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.passphrase_field = PassphraseField("unlockPassphrase", "Passphrase", page)
        label = QLabel("&Passphrase:", page)
        label.setBuddy(self.passphrase_field.edit)
        form.addRow(label, self.passphrase_field)
        layout.addLayout(form)
        self.problem = ProblemLabel(page)
        self.problem.setObjectName("unlockProblem")
        layout.addWidget(self.problem)
        layout.addStretch(1)

        self.unlock_button = QPushButton("&Unlock", self)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.unlock)
        self.forgot_button = QPushButton("&Forgot your passphrase?", self)
        self.forgot_button.setObjectName("forgotPassphrase")
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(lambda: self.show_recovery())
        self.passphrase_field.edit.returnPressed.connect(self.unlock)
        return page

    def _build_recovery_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading("Set a new passphrase with your recovery key", page))
        self.recovery_intro = QLabel(
            "Your recovery key was shown once when you turned on encryption (8 groups of 4 letters and digits). "
            "Enter it, then choose a new passphrase. Your diary stays as it is.",
            page,
        )
        self.recovery_intro.setObjectName("recoveryIntro")
        self.recovery_intro.setWordWrap(True)
        layout.addWidget(self.recovery_intro)
        form = QFormLayout()
        self.recovery_edit = QLineEdit(page)
        self.recovery_edit.setObjectName("recoveryKey")
        self.recovery_edit.setAccessibleName("Recovery key")
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF())
        self.recovery_edit.setFont(mono)
        self.recovery_edit.setMinimumWidth(self.recovery_edit.fontMetrics().horizontalAdvance("X" * 42))
        recovery_label = QLabel("&Recovery key:", page)
        recovery_label.setBuddy(self.recovery_edit)
        form.addRow(recovery_label, self.recovery_edit)
        self.new_field = PassphraseField("newPassphrase", "New passphrase", page)
        new_label = QLabel("&New passphrase:", page)
        new_label.setBuddy(self.new_field.edit)
        form.addRow(new_label, self.new_field)
        self.repeat_field = PassphraseField("repeatPassphrase", "New passphrase again", page)
        repeat_label = QLabel("New passphrase &again:", page)
        repeat_label.setBuddy(self.repeat_field.edit)
        form.addRow(repeat_label, self.repeat_field)
        layout.addLayout(form)
        self.recovery_problem = ProblemLabel(page)
        self.recovery_problem.setObjectName("recoveryProblem")
        layout.addWidget(self.recovery_problem)
        layout.addStretch(1)

        self.reset_button = QPushButton("&Set passphrase and unlock", self)
        self.reset_button.setObjectName("resetPassphrase")
        self.reset_button.clicked.connect(self.reset)
        self.back_button = QPushButton("&Back", self)
        self.back_button.setObjectName("recoveryBack")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self._show_page(0))
        for edit in (self.recovery_edit, self.new_field.edit, self.repeat_field.edit):
            edit.returnPressed.connect(self.reset)
        return page

    def _show_page(self, index: int) -> None:
        for number, page in enumerate(self.pages):
            page.setVisible(number == index)
        self._page = index
        on_passphrase = index == 0
        self.forgot_button.setVisible(on_passphrase)
        self.unlock_button.setVisible(on_passphrase)
        self.back_button.setVisible(not on_passphrase and self.paths.key_file.exists())
        self.reset_button.setVisible(not on_passphrase)
        (self.unlock_button if on_passphrase else self.reset_button).setDefault(True)
        if on_passphrase:
            self.passphrase_field.select_all_and_focus()
        else:
            self.recovery_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_width(self)

    def show_recovery(self, why: str | None = None) -> None:
        """The "Forgot your passphrase?" page; `why` replaces its first paragraph."""
        if why:
            self.recovery_intro.setText(why)
        self._show_page(1)

    @property
    def on_recovery_page(self) -> bool:
        return self._page == 1

    # --- unlocking --------------------------------------------------------------------------------

    @property
    def working(self) -> bool:
        return self._background.running

    def unlock(self) -> None:
        """Check the passphrase on a worker thread; accept when it opens the diary."""
        if self.working or self.on_recovery_page:
            return
        passphrase = self.passphrase_field.text()
        if not passphrase:
            self.problem.show_problem("Enter your passphrase first.")
            fit_to_width(self)
            self.passphrase_field.select_all_and_focus()
            return
        self.problem.clear_problem()
        self._set_busy("Unlocking…")
        self._background.start(
            lambda: self._unlock_check(passphrase),
            lambda _: self._opened_with(passphrase),
            self._unlock_failed,
        )

    def _unlock_failed(self, exc: BaseException) -> None:
        self._set_busy(None)
        self.problem.show_problem(WRONG_PASSPHRASE if isinstance(exc, WrongPassphrase) else error_text(exc))
        fit_to_width(self)
        self.passphrase_field.select_all_and_focus()

    def reset(self) -> None:
        """Set a new passphrase with the recovery key (on a worker thread); accept when that worked."""
        if self.working or not self.on_recovery_page:
            return
        recovery_key = self.recovery_edit.text().strip()
        new, repeat = self.new_field.text(), self.repeat_field.text()
        problem, field = None, None
        if not recovery_key:
            problem, field = "Enter your recovery key first.", self.recovery_edit
        elif (reason := self._check_new(new)) is not None:
            problem, field = reason, self.new_field.edit
        elif new != repeat:
            problem, field = "The two new passphrases are not the same. Type the new one again.", self.repeat_field.edit
        if problem is not None and field is not None:
            self.recovery_problem.show_problem(problem)
            fit_to_width(self)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            field.selectAll()
            return
        self.recovery_problem.clear_problem()
        self._set_busy("Setting your new passphrase…")
        self._background.start(
            lambda: self._reset_passphrase(recovery_key, new),
            lambda _: self._opened_with(new),
            self._reset_failed,
        )

    def _reset_failed(self, exc: BaseException) -> None:
        self._set_busy(None)
        self.recovery_problem.show_problem(WRONG_RECOVERY_KEY if isinstance(exc, WrongPassphrase) else error_text(exc))
        fit_to_width(self)
        self.recovery_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.recovery_edit.selectAll()

    def _opened_with(self, passphrase: str) -> None:
        self._set_busy(None)
        self.passphrase = passphrase
        self.accept()

    def _set_busy(self, text: str | None) -> None:
        busy = text is not None
        for page in self.pages:
            page.setEnabled(not busy)
        for button in (self.unlock_button, self.reset_button, self.forgot_button, self.back_button, self.quit_button):
            button.setEnabled(not busy)
        if busy:
            self.busy.start(text or "")
        else:
            self.busy.stop()

    # --- closing ----------------------------------------------------------------------------------

    def reject(self) -> None:
        if not self.working:  # a check under way finishes first (it takes a moment)
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
