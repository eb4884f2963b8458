"""The three steps of "Delete all my data": what goes (with an export offered), type DELETE, what was deleted.

The dialogs only ask and show; Settings ▸ Your data (gui/settings_sections/your_data.py) does the work.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .sizing import cap_to_screen, make_scrollable

CONFIRM_WORD = "DELETE"


def title_label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    return label


def text_label(text: str, parent: QWidget, *, rich: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    return label


def _width(widget: QWidget, chars: int) -> int:
    return widget.fontMetrics().averageCharWidth() * chars


class DeleteExplainDialog(QDialog):
    """Step 1: what will be deleted, that there is no undo, and a button to export everything first."""

    def __init__(
        self, parent: QWidget | None, *, folder: Path, entries: int, backups: int, size: str,
        on_export: Callable[[DeleteExplainDialog], None],
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Delete all my data")
        self.setObjectName("deleteExplainDialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(title_label("Delete all your data from this computer?", self))
        what = [
            f"your diary ({entries:,} {'entry' if entries == 1 else 'entries'}), PEG check-ins, medicines and the "
            "dose log, routine sessions, worksheets, your own routines and your settings",
            "your backup" if backups == 1 else f"all {backups} backups" if backups else "backups (there are none yet)",
            "the encryption key file (if your diary is encrypted), window settings and the cache",
        ]
        items = "".join(f"<li>{escape(line)}</li>" for line in what)
        self.body = text_label(
            f"<p>This removes {size} from the folder<br><b>{escape(str(folder))}</b>:</p><ul>{items}</ul>"
            "<p>There is <b>no undo</b>, and the backups go too. If you may want your records later, or want "
            "to move them to another computer, export them first: one file that Pain Companion can import "
            "again.</p>",
            self,
            rich=True,
        )
        self.body.setAccessibleName("What will be deleted")
        plain = " ".join(["This removes", size, "from the folder", str(folder) + ":", *what[:2], what[2] + "."])
        self.body.setAccessibleDescription(plain + " There is no undo, and the backups go too. Export them first?")
        # A Tab stop that gets the focus first, so a screen reader reads what goes before any button (Enter = Cancel).
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.body.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.body)

        export_row = QHBoxLayout()
        self.export_button = QPushButton("&Export everything first…", self)
        self.export_button.setObjectName("exportFirst")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(lambda: on_export(self))
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)
        self.export_status = text_label("", self)
        self.export_status.setObjectName("exportFirstStatus")
        self.export_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_status.hide()
        layout.addWidget(self.export_status)

        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.continue_button = self.buttons.addButton("C&ontinue…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setObjectName("continueToDelete")
        self.cancel_button.setDefault(True)  # Enter never deletes anything
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(_width(self, 80))
        make_scrollable(self, self.export_status, self.buttons, name="deleteExplainScroll")
        self.body.setFocus()

    def show_export_result(self, text: str, ok: bool) -> None:
        self.export_status.setText(text)
        self.export_status.setAccessibleName(text)
        font = self.export_status.font()
        font.setBold(not ok)
        self.export_status.setFont(font)
        self.export_status.show()
        self.export_button.setEnabled(True)

    def set_exporting(self) -> None:
        self.export_button.setEnabled(False)
        self.show_export_result("Exporting… please wait.", True)
        self.export_button.setEnabled(False)


class DeleteConfirmDialog(QDialog):
    """Step 2: type DELETE; the delete button stays disabled until it is typed. While deleting, it cannot close."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Delete all my data")
        self.setObjectName("deleteConfirmDialog")
        self.busy = False
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        layout.addWidget(title_label("Last step: this cannot be undone", self))
        layout.addWidget(
            text_label("Your diary, medicines, routines, settings and all backups will be deleted now.", self)
        )
        prompt = QLabel(f"Type {CONFIRM_WORD} to confirm:", self)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("confirmWord")
        self.typed.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        self.typed.setAccessibleDescription(
            "Last step, this cannot be undone: your diary, medicines, routines, settings and all backups will be "
            "deleted now."
        )
        self.typed.setMaxLength(40)
        self.typed.setMinimumWidth(_width(self, 16))
        prompt.setBuddy(self.typed)
        row = QHBoxLayout()
        row.addWidget(prompt)
        row.addWidget(self.typed)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = text_label("", self)
        self.status.setObjectName("deleteStatus")
        self.status.hide()
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(self)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton("&Delete everything", QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button.setObjectName("deleteEverything")
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.buttons.accepted.connect(self._delete_clicked)
        self.buttons.rejected.connect(self.reject)
        self.typed.textChanged.connect(self._typed_changed)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(_width(self, 80))
        make_scrollable(self, self.status, self.buttons, name="deleteConfirmScroll")
        self.typed.setFocus()
        #: Called when the patient presses "Delete everything" (the section starts the work).
        self.on_delete: Callable[[], None] = lambda: None

    def confirmed(self) -> bool:
        return self.typed.text().strip() == CONFIRM_WORD

    def _typed_changed(self) -> None:
        self.delete_button.setEnabled(self.confirmed())

    def _delete_clicked(self) -> None:
        if self.confirmed() and not self.busy:
            self.on_delete()

    def set_busy(self) -> None:
        self.busy = True
        for widget in (self.typed, self.delete_button, self.cancel_button):
            widget.setEnabled(False)
        self.status.setText("Deleting your data… please wait.")
        self.status.setAccessibleName(self.status.text())
        self.status.show()

    def reject(self) -> None:
        if not self.busy:  # Escape or the window's close button do nothing while files are being deleted
            super().reject()


class DeletedDialog(QDialog):
    """Step 3: exactly what was deleted (and what could not be); closing it closes Pain Companion."""

    def __init__(self, parent: QWidget | None, lines: list[str], *, complete: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Your data was deleted" if complete else "Not everything could be deleted")
        self.setObjectName("deletedDialog")
        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        headline = (
            "Your data was deleted from this computer."
            if complete
            else "Most of your data was deleted, but some files could not be (see below)."
        )
        layout.addWidget(title_label(headline, self))
        self.details = QPlainTextEdit("\n".join(lines), self)
        self.details.setObjectName("deletedFiles")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setAccessibleName("What was deleted")
        self.details.setTabChangesFocus(True)
        self.details.setFont(QFont("monospace", self.font().pointSize()))
        layout.addWidget(self.details, 1)
        layout.addWidget(text_label("Pain Companion will now close.", self))
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton("&Close Pain Companion", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.setObjectName("closeAfterDelete")
        self.close_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(_width(self, 120), self.fontMetrics().height() * 26)
        cap_to_screen(self)  # the list scrolls in its own box
        self.details.setFocus()  # read first; Enter still closes (the default button)
