"""Shown when the data file cannot be opened safely. It explains, names the newest good backup, and quits.

It never touches the data file: restoring is a separate, deliberate step (`paincompanion backup restore`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...errors import DatabaseError, PainCompanionError

RESTORE_HELP = (
    'To go back to that backup, quit and run:  paincompanion backup restore "{path}"\n'
    "(it keeps a copy of the current file first). Or ask someone you trust to help."
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
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openErrorDialog")
        self.setWindowTitle("Pain Companion could not open your diary")
        self.backup_path = error.newest_backup if isinstance(error, DatabaseError) else None
        self.backups_dir = backups_dir
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
            layout.addWidget(help_text)
        else:
            none = QLabel("No backup was found.", self)
            layout.addWidget(none)
        buttons = QDialogButtonBox(self)
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
        width = self.fontMetrics().averageCharWidth() * 100
        layout.activate()
        self.resize(
            width, layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else self.sizeHint().height()
        )
        quit_button.setFocus()

    def copy_path(self) -> None:
        if self.backup_path:
            QGuiApplication.clipboard().setText(self.backup_path)

    def show_folder(self) -> None:
        if self.backups_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_dir)))
