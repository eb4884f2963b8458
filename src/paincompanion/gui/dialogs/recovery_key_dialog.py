"""The recovery key, shown once when encryption is turned on: print it, save it, or copy it before closing."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFontDatabase, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...files import atomic_write
from ..widgets.passphrase_field import ProblemLabel
from .sizing import make_scrollable
from .unlock_dialog import fit_to_width, heading

FILE_NAME = "pain-companion-recovery-key.txt"
EXPLANATION = (
    "If you forget your passphrase, this key is the only way to open your diary. "
    "On the unlock screen, choose “Forgot your passphrase?” and enter it."
)
KEEP_SAFE = "Keep it somewhere safe and away from this computer, for example printed in a drawer."


def key_text(recovery_key: str, today: date) -> str:
    """What the saved text file holds."""
    return f"Pain Companion – recovery key\n\n{recovery_key}\n\nMade on {today:%d %B %Y}. {EXPLANATION}\n{KEEP_SAFE}\n"


def key_html(recovery_key: str, today: date) -> str:
    """The printed page."""
    return (
        "<h1>Pain Companion – recovery key</h1>"
        f"<p style='font-family: monospace; font-size: 20pt; font-weight: bold'>{html.escape(recovery_key)}</p>"
        f"<p>Made on {today:%d %B %Y}.</p><p>{html.escape(EXPLANATION)}</p><p>{html.escape(KEEP_SAFE)}</p>"
    )


def write_private_text(path: Path, text: str) -> None:
    """Write `text` to `path`, readable only by this user where the system allows it."""
    atomic_write(path, text, mode=0o600)


class RecoveryKeyDialog(QDialog):
    """Close stays disabled until "I have printed or saved my recovery key" is ticked.

    `choose_save_path` and `print_page` can be replaced (tests); by default they are the system's file
    and print dialogs.
    """

    def __init__(self, recovery_key: str, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Your recovery key – Pain Companion")
        self.recovery_key = recovery_key
        self.today = today or date.today()
        self.choose_save_path: Callable[[], Path | None] = self._ask_save_path
        self.print_page: Callable[[str], bool] = self._print
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(heading("Encryption is on. This is your recovery key", self))
        once = QLabel(f"It is shown only this once. {EXPLANATION}", self)
        once.setWordWrap(True)
        layout.addWidget(once)

        self.key_label = QLabel(self.recovery_key, self)
        self.key_label.setObjectName("recoveryKeyText")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF() * 1.7)
        mono.setBold(True)
        self.key_label.setFont(mono)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setAccessibleName(f"Recovery key: {self.recovery_key}")
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        margin = self.fontMetrics().height()
        self.key_label.setContentsMargins(margin, margin, margin, margin)
        layout.addWidget(self.key_label)

        safe = QLabel(KEEP_SAFE, self)
        safe.setWordWrap(True)
        layout.addWidget(safe)

        actions = QHBoxLayout()
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setObjectName("recoveryPrint")
        self.print_button.clicked.connect(self.print_key)
        self.save_button = QPushButton("&Save as text file…", self)
        self.save_button.setObjectName("recoverySave")
        self.save_button.clicked.connect(self.save_key)
        self.copy_button = QPushButton("C&opy", self)
        self.copy_button.setObjectName("recoveryCopy")
        self.copy_button.setAccessibleName("Copy the recovery key")
        self.copy_button.clicked.connect(self.copy_key)
        for button in (self.print_button, self.save_button, self.copy_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.result_label = QLabel("", self)
        self.result_label.setObjectName("recoveryResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        self.problem = ProblemLabel(self)
        layout.addWidget(self.problem)

        self.confirm_box = QCheckBox("&I have printed or saved my recovery key", self)
        self.confirm_box.setObjectName("recoveryConfirm")
        self.confirm_box.toggled.connect(self._confirmed)
        layout.addWidget(self.confirm_box)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        self.close_button = QPushButton("&Close", self)
        self.close_button.setObjectName("recoveryClose")
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        close_row.addWidget(self.close_button)
        layout.addLayout(close_row)
        width = max(self.key_label.sizeHint().width() + 4 * margin, self.fontMetrics().averageCharWidth() * 80)
        fit_to_width(self, width)
        make_scrollable(self, self.result_label, self.problem, self.confirm_box, close_row, name="recoveryKeyScroll")
        self.key_label.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- actions ----------------------------------------------------------------------------------

    def print_key(self) -> None:
        if self.print_page(key_html(self.recovery_key, self.today)):
            self._said("Sent to the printer. Check that the page came out and the key is readable.")

    def _print(self, page: str) -> bool:
        from ..printing import print_html

        return print_html(page, self, "Recovery key")

    def save_key(self) -> None:
        path = self.choose_save_path()
        if path is None:
            return
        try:
            write_private_text(path, key_text(self.recovery_key, self.today))
        except OSError as exc:
            self.problem.show_problem(f"The file could not be saved: {exc.strerror or exc}. Try another place.")
            return
        self._said(f"Saved to {path}. Keep a copy away from this computer too (a USB stick, or printed).")

    def _ask_save_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the recovery key", str(Path.home() / FILE_NAME), "Text files (*.txt)"
        )
        return Path(chosen) if chosen else None

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self._said("Copied. Paste it into a safe place, such as a password manager.")

    def _said(self, text: str) -> None:
        self.problem.clear_problem()
        self.result_label.setText(text)
        self.result_label.setAccessibleName(text)
        self.result_label.show()

    # --- closing only after the key is kept -------------------------------------------------------

    def _confirmed(self, checked: bool) -> None:
        self.close_button.setEnabled(checked)
        self.close_button.setDefault(checked)

    def reject(self) -> None:
        if self.confirm_box.isChecked():
            super().reject()
        else:
            self.problem.show_problem(
                "The key is not shown again. Print, save or copy it, then tick “I have printed or saved my "
                "recovery key”."
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_box.isChecked():
            event.ignore()
            self.reject()  # says why it stays open
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.confirm_box.isChecked():
            return
        super().keyPressEvent(event)
