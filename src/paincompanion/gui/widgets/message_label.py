"""A visible message line for errors and confirmations; its error colour is derived from the palette."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from ..theme import error_colour

__all__ = ["MessageLabel", "error_colour"]


class MessageLabel(QLabel):
    """Hidden until there is something to say. Errors stay until replaced or cleared."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageLabel")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.is_error = False
        self._applying = False
        self.hide()

    def show_error(self, text: str) -> None:
        self.is_error = True
        self._show(f"Not saved: {text}" if not text.lower().startswith("not saved") else text)

    def show_info(self, text: str) -> None:
        self.is_error = False
        self._show(text)

    def _show(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self._apply_colour()
        self.show()

    def clear_message(self) -> None:
        self.is_error = False
        self.clear()
        self.hide()

    def _apply_colour(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            palette = QPalette()  # the application palette, nothing overridden: follows light/dark changes
            if self.is_error:
                parent = self.parentWidget()
                source = parent.palette() if parent is not None else palette
                palette.setColor(QPalette.ColorRole.WindowText, error_colour(source))
            self.setPalette(palette)
            font = self.font()
            font.setBold(self.is_error)
            self.setFont(font)
        finally:
            self._applying = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if self.is_error and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.ParentChange,
        ):
            self._apply_colour()
