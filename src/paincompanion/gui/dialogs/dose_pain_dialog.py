"""Logging a dose with the pain right then (optional): one 0–10 scale, prefilled from a recent diary entry."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...errors import PainCompanionError
from ..widgets.pain_scale import PainScale
from .sizing import make_scrollable


class DosePainDialog(QDialog):
    """Asks "pain right now" before a dose is logged; `pain()` is None when left empty (still logged)."""

    def __init__(self, name: str, suggested: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dosePainDialog")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)  # room for the 0–10 words
        self.setWindowTitle("Log a dose")
        self.setAccessibleName(f"Log a dose of {name}")
        layout = QVBoxLayout(self)
        label = QLabel(f"Log a dose of {name} now.\n&Pain right now (optional, 0–10):", self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.scale = PainScale("Pain right now", parent=self, object_name="dosePainScale")
        self.scale.setValue(suggested)
        label.setBuddy(self.scale)
        layout.addWidget(self.scale)
        hint = (
            "Filled in from your diary entry in the last hour; change it if it is different now."
            if suggested is not None
            else "Leave it empty to log the dose without a rating."
        )
        self.hint = QLabel(hint + " About an hour later you can note how it is then.", self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(self)
        log = buttons.addButton("&Log dose", QDialogButtonBox.ButtonRole.AcceptRole)
        log.setDefault(True)
        log.setAutoDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        make_scrollable(self, buttons, name="dosePainScroll")
        self.log_button = log
        self.scale.setFocus()

    def pain(self) -> int | None:
        return self.scale.value()


def ask_dose_pain(companion: object, name: str, parent: QWidget | None) -> tuple[bool, int | None]:
    """(log it?, pain) from the dialog; the prefill comes from `companion.dose_effects.suggested_pain()`."""
    try:
        suggested = companion.dose_effects.suggested_pain()  # type: ignore[attr-defined]
    except PainCompanionError:  # a prefill must never keep a dose from being logged
        suggested = None
    dialog = DosePainDialog(name, suggested, parent)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return ok, dialog.pain()
