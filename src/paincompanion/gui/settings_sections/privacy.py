"""Settings ▸ Privacy and encryption: whether the diary is encrypted, what that means, and turning it on or off."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ...logsetup import log_caught
from ..background import error_text
from ..context import GuiContext
from ..dialogs.passphrase_dialog import PassphraseDialog
from ..dialogs.recovery_key_dialog import RecoveryKeyDialog
from ..dialogs.unlock_dialog import heading
from ..widgets.passphrase_field import ProblemLabel

if TYPE_CHECKING:
    from ...services.encryption import EncryptionService

_log = logging.getLogger(__name__)


TITLE = "Privacy and encryption"
ORDER = 10

WHAT_IT_DOES = (
    "Encryption protects your diary file and its backups if someone copies them or your computer is stolen: "
    "without your passphrase the file cannot be read. It does not protect against someone using your computer "
    "while your diary is open."
)
LOSS_WARNING = (
    "If you lose both your passphrase and your recovery key, your diary cannot be opened by anyone, including us."
)
STATUS_ON = "Encryption is on. Your diary and its new backups are locked with your passphrase."
STATUS_OFF = "Encryption is off. Anyone who can copy your diary file can read it."


class Section(QWidget):
    """Status, explanation and the buttons; each step opens a dialog that does the work off the GUI thread."""

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacySection")
        self.ctx = ctx
        #: The step dialog or question open right now (tests reach it here).
        self.dialog: PassphraseDialog | RecoveryKeyDialog | QMessageBox | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(heading(TITLE, self))
        self.status = QLabel(self)
        self.status.setObjectName("encryptionStatus")
        self.status.setWordWrap(True)
        font = self.status.font()
        font.setBold(True)
        self.status.setFont(font)
        # A Tab stop, so keyboard and screen reader users meet the status first.
        self.status.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.status.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.status)
        for text in (WHAT_IT_DOES, LOSS_WARNING):
            label = QLabel(text, self)
            label.setWordWrap(True)
            layout.addWidget(label)

        buttons = QHBoxLayout()
        self.turn_on_button = QPushButton("Turn &on encryption…", self)
        self.turn_on_button.setObjectName("turnOnEncryption")
        self.turn_on_button.clicked.connect(self.turn_on)
        self.change_button = QPushButton("&Change passphrase…", self)
        self.change_button.setObjectName("changePassphrase")
        self.change_button.clicked.connect(self.change_passphrase)
        self.turn_off_button = QPushButton("Turn o&ff encryption…", self)
        self.turn_off_button.setObjectName("turnOffEncryption")
        self.turn_off_button.clicked.connect(self.turn_off)
        for button in (self.turn_on_button, self.change_button, self.turn_off_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.plain_backups_label = QLabel(self)
        self.plain_backups_label.setObjectName("plainBackups")
        self.plain_backups_label.setWordWrap(True)
        layout.addWidget(self.plain_backups_label)
        backups_row = QHBoxLayout()
        self.delete_backups_button = QPushButton("&Delete the unencrypted backups…", self)
        self.delete_backups_button.setObjectName("deletePlainBackups")
        self.delete_backups_button.clicked.connect(self.offer_to_delete_plain_backups)
        backups_row.addWidget(self.delete_backups_button)
        backups_row.addStretch(1)
        layout.addLayout(backups_row)

        self.done_label = QLabel(self)
        self.done_label.setObjectName("privacyDone")
        self.done_label.setWordWrap(True)
        layout.addWidget(self.done_label)
        self.problem = ProblemLabel(self)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.done_label.hide()
        self.refresh()

    @property
    def encryption(self) -> EncryptionService:
        return self.ctx.companion.encryption

    def refresh(self) -> None:
        """Show the status and only the buttons that apply to it."""
        enabled = bool(self.encryption.enabled)
        self.status.setText(STATUS_ON if enabled else STATUS_OFF)
        self.status.setAccessibleName(self.status.text())
        self.turn_on_button.setVisible(not enabled)
        self.change_button.setVisible(enabled)
        self.turn_off_button.setVisible(enabled)
        plain = self._plain_backups() if enabled else []
        if plain:
            count = len(plain)
            self.plain_backups_label.setText(
                f"{count} older {'backup was' if count == 1 else 'backups were'} made before encryption was turned "
                f"on and {'is' if count == 1 else 'are'} not encrypted: anyone who copies "
                f"{'it' if count == 1 else 'them'} can read {'it' if count == 1 else 'them'}."
            )
        self.plain_backups_label.setVisible(bool(plain))
        self.delete_backups_button.setVisible(bool(plain))

    def _plain_backups(self) -> list[Path]:
        try:
            return list(self.encryption.plain_backups())
        except Exception as exc:  # a listing problem must not hide the rest of the section
            log_caught(_log, "The backups could not be listed", exc)
            self.problem.show_problem(f"The backups could not be listed: {error_text(exc)}")
            return []

    def _said(self, text: str) -> None:
        self.problem.clear_problem()
        self.done_label.setText(text)
        self.done_label.setAccessibleName(text)
        self.done_label.show()

    # --- the three steps --------------------------------------------------------------------------

    def turn_on(self) -> None:
        service = self.encryption
        from ...services.encryption import check_new_passphrase

        self._open_step(
            PassphraseDialog(
                self,
                title="Turn on encryption",
                intro=(
                    "Choose a passphrase. You will type it each time you open Pain Companion. Next you will get a "
                    "recovery key, shown once: print it or save it, because it is the only way in if you forget "
                    "the passphrase."
                ),
                action="&Turn on encryption",
                busy_text="Encrypting your diary… This can take a little while; please wait.",
                work=lambda _current, new: service.encrypt(new),
                check_new=check_new_passphrase,
            ),
            self._turned_on,
        )

    def _turned_on(self, recovery_key: object) -> None:
        self.refresh()
        self._said("Done. From now on Pain Companion asks for your passphrase each time it starts.")
        dialog = RecoveryKeyDialog(str(recovery_key), self, today=self.ctx.companion.clock.now().date())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the key is not kept once it was shown
        dialog.finished.connect(lambda _: self._after_recovery_key())
        self._show(dialog)

    def _after_recovery_key(self) -> None:
        self.dialog = None
        self.offer_to_delete_plain_backups()

    def change_passphrase(self) -> None:
        service = self.encryption
        from ...services.encryption import check_new_passphrase

        self._open_step(
            PassphraseDialog(
                self,
                title="Change passphrase",
                intro="Your recovery key stays the same. Your diary is not re-encrypted, so this is quick.",
                action="&Change passphrase",
                busy_text="Changing your passphrase…",
                work=lambda _current, new: service.change_passphrase(new),
                check_current=service.check_passphrase,
                check_new=check_new_passphrase,
            ),
            lambda _: self._said("Your passphrase was changed. Use the new one next time you open Pain Companion."),
        )

    def turn_off(self) -> None:
        service = self.encryption
        self._open_step(
            PassphraseDialog(
                self,
                title="Turn off encryption",
                intro=(
                    "Your diary will be stored without encryption, and new backups too: anyone who can copy the "
                    "file can read it. Backups made while encryption was on are decrypted too. Pain Companion will "
                    "no longer ask for a passphrase. Enter your passphrase to confirm."
                ),
                action="&Turn off encryption",
                busy_text="Decrypting your diary… This can take a little while; please wait.",
                work=lambda _current, _new: service.decrypt(),
                check_current=service.check_passphrase,
            ),
            lambda _: self._said("Encryption is off. Pain Companion no longer asks for a passphrase."),
        )

    def _open_step(self, dialog: PassphraseDialog, on_done: Callable[[object], None]) -> None:
        def finished(code: int) -> None:
            self.dialog = None
            if code == PassphraseDialog.DialogCode.Accepted:
                self.refresh()
                on_done(dialog.work_result)
            dialog.deleteLater()

        dialog.finished.connect(finished)
        self._show(dialog)

    def _show(self, dialog: PassphraseDialog | RecoveryKeyDialog | QMessageBox) -> None:
        self.dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.open()

    # --- older, unencrypted backups ---------------------------------------------------------------

    def offer_to_delete_plain_backups(self) -> None:
        """After turning encryption on: the backups made before are still readable; offer to delete them."""
        plain = self._plain_backups() if self.encryption.enabled else []
        if not plain:
            self.refresh()
            return
        count = len(plain)
        question = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete the unencrypted backups? – Pain Companion",
            f"{count} older {'backup is' if count == 1 else 'backups are'} not encrypted. "
            f"Delete {'it' if count == 1 else 'them'}?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        question.setObjectName("deletePlainBackupsQuestion")
        one = count == 1
        question.setInformativeText(
            f"{'It was' if one else 'They were'} made before you turned on encryption, so anyone who copies "
            f"{'it' if one else 'them'} can read {'it' if one else 'them'}. Your diary and the backups made from "
            "now on are encrypted and are not touched."
        )
        delete = question.addButton("&Delete older backups", QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("deletePlainBackupsYes")
        keep = question.addButton("&Keep them", QMessageBox.ButtonRole.RejectRole)
        keep.setObjectName("deletePlainBackupsNo")
        question.setDefaultButton(keep)

        def answered(_: int) -> None:
            self.dialog = None
            if question.clickedButton() is delete:
                self._delete_plain_backups()
            question.deleteLater()

        question.finished.connect(answered)
        self._show(question)

    def _delete_plain_backups(self) -> None:
        try:
            deleted = self.encryption.delete_plain_backups()
        except Exception as exc:
            log_caught(_log, "Older unencrypted backups could not all be deleted", exc)
            self.problem.show_problem(f"The older backups could not all be deleted: {error_text(exc)}")
        else:
            count = len(deleted)
            self._said(f"Deleted {count} unencrypted {'backup' if count == 1 else 'backups'}.")
        self.refresh()
