"""Shown when the data file cannot be opened safely. It explains, names the newest good backup, and quits.

It never touches the data file: restoring is a separate, deliberate step (`paincompanion backup restore`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...errors import DatabaseError, DiaryLocked, PainCompanionError, WrongPassphrase
from ...paths import AppPaths
from .sizing import make_scrollable

RESTORE_HELP = (
    "“Restore this backup” puts it in place of the damaged file. The damaged file is kept, unchanged, next to it."
    ' (From a terminal: paincompanion {data_dir}backup restore "{path}")'
)


class OpenErrorDialog(QDialog):
    """A plain explanation of why the diary did not open; the only way out is Quit."""

    def __init__(
        self,
        error: PainCompanionError,
        backups_dir: Path | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: str | None = None,
        paths: AppPaths | None = None,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openErrorDialog")
        self.setWindowTitle("Pain Companion could not open your diary")
        self.backup_path = error.newest_backup if isinstance(error, DatabaseError) else None
        if isinstance(error, DiaryLocked | WrongPassphrase):
            self.backup_path = None  # a locked diary is not damaged: never offer to replace it
        self.passphrase = passphrase  # an encrypted diary's backups open with it; the restored file stays encrypted
        self.backups_dir = backups_dir
        self.paths = paths
        #: Where the unopenable file was put after a successful restore (then the dialog is accepted).
        self.restored_aside: Path | None = None
        layout = QVBoxLayout(self)
        heading = QLabel("Your diary could not be opened", self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        layout.addWidget(heading)
        message = QLabel(str(error) + " Nothing was changed or deleted.", self)
        message.setObjectName("openErrorMessage")
        message.setWordWrap(True)
        message.setTextFormat(Qt.TextFormat.PlainText)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        message.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # selectable text, not a Tab stop
        layout.addWidget(message)
        self.path_edit: QLineEdit | None = None
        data_option = f'--data-dir "{data_dir}" ' if data_dir else ""
        if self.backup_path:
            label = QLabel("The newest good &backup is:", self)
            layout.addWidget(label)
            self.path_edit = QLineEdit(self.backup_path, self)
            self.path_edit.setObjectName("backupPathEdit")
            self.path_edit.setReadOnly(True)
            self.path_edit.setCursorPosition(0)
            self.path_edit.setAccessibleName("Newest good backup")
            label.setBuddy(self.path_edit)
            layout.addWidget(self.path_edit)
            help_text = QLabel(
                RESTORE_HELP.format(path=self.backup_path, data_dir=data_option),
                self,
            )
            help_text.setWordWrap(True)
            help_text.setTextFormat(Qt.TextFormat.PlainText)
            help_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            help_text.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # selectable text, not a Tab stop
            layout.addWidget(help_text)
        else:
            none = QLabel("No backup was found.", self)
            layout.addWidget(none)
        self.problem = QLabel("", self)
        self.problem.setObjectName("restoreProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(self)
        self.restore_button: QPushButton | None = None
        if self.backup_path and paths is not None:
            self.restore_button = QPushButton("&Restore this backup", self)
            self.restore_button.setObjectName("restoreBackupButton")
            self.restore_button.clicked.connect(self.restore)
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        if self.backup_path:
            copy = QPushButton("&Copy backup path", self)
            copy.clicked.connect(self.copy_path)
            buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        if backups_dir is not None and backups_dir.is_dir():
            show = QPushButton("&Show backups folder", self)
            show.clicked.connect(self.show_folder)
            buttons.addButton(show, QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("quitButton")
        quit_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 100, 0)
        make_scrollable(self, self.problem, buttons, name="openErrorScroll")  # as tall as the text, within the screen
        quit_button.setFocus()

    def restore(self) -> None:
        """Put the newest good backup in place; the unopenable file is kept aside unchanged."""
        from ...domain.clock import SystemClock
        from ...services.backups import restore_unopenable

        assert self.paths is not None and self.backup_path is not None
        try:
            self.restored_aside = restore_unopenable(
                self.paths, self.backup_path, SystemClock().now(), passphrase=self.passphrase
            )
        except PainCompanionError as exc:
            self.problem.setText(f"The backup could not be restored: {exc}")
            self.problem.show()
            return
        self.accept()

    def copy_path(self) -> None:
        if self.backup_path:
            QGuiApplication.clipboard().setText(self.backup_path)

    def show_folder(self) -> None:
        if self.backups_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_dir)))
