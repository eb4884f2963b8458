"""Pieces shared by the unlock and encryption dialogs: a passphrase field with Show, a problem line, a busy line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QWidget

from .message_label import error_colour


class PassphraseField(QWidget):
    """A password-echo line edit with a "Show" toggle button next to it. Give the buddy label `.edit`.

    `spoken_name` ("New passphrase") names the field and its button for screen readers.
    """

    def __init__(self, object_name: str, spoken_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(spoken_name)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_button = QPushButton("Show", self)
        self.show_button.setObjectName(f"{object_name}Show")
        self.show_button.setAccessibleName(f"Show {spoken_name.lower()}")
        self.show_button.setCheckable(True)
        self.show_button.setAutoDefault(False)
        self.show_button.toggled.connect(self._toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.show_button)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def clear(self) -> None:
        self.edit.clear()

    def _toggle(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_button.setText("Hide" if shown else "Show")

    def select_all_and_focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()


class ProblemLabel(QLabel):
    """A plain line that says what is wrong, in the palette's error colour; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemLabel")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_problem(self, text: str) -> None:
        palette = self.palette()
        parent = self.parentWidget()
        source = parent.palette() if parent is not None else palette
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(source))
        self.setPalette(palette)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()

    def clear_problem(self) -> None:
        self.clear()
        self.setAccessibleName("")
        self.hide()


class BusyLine(QWidget):
    """ "Unlocking…" with a moving bar; hidden while idle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("busyLabel")
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Working")
        self.bar.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # its line is kept free, so the dialog does not jump when it shows
        self.setSizePolicy(policy)
        self.hide()

    def start(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleName(text)
        self.show()

    def stop(self) -> None:
        self.hide()
