"""Logging a dose with the pain right then (optional): one 0–10 scale, prefilled from a recent diary entry.

`dose_op` is the one way the GUI turns "I took it" into an undoable dose (Today, the tray menu, the tray
reminder); the Medicines page asks through `ask_dose_pain` with the same rule.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...errors import PainCompanionError
from ..widgets.pain_scale import PainScale
from .sizing import make_scrollable

if TYPE_CHECKING:
    from ...services.meds_undo import TakeDoseOp


def follow_up_words(minutes: int | None) -> str:
    """When the follow-up comes, in plain words ("" when it is switched off)."""
    if minutes is None:
        return ""
    hours = {60: "an hour", 120: "2 hours", 180: "3 hours"}
    when = hours.get(minutes, f"{minutes} minutes")
    return f" With a number, the app asks how your pain is about {when} later."


class DosePainDialog(QDialog):
    """Asks "pain right now" before a dose is logged; `pain()` is None when left empty (still logged)."""

    def __init__(
        self, name: str, suggested: int | None, parent: QWidget | None = None, follow_up: int | None = 60
    ) -> None:
        """`follow_up`: the patient's follow-up delay in minutes, None when it is switched off."""
        super().__init__(parent)
        self.setObjectName("dosePainDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # from the tray the main window may be hidden
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
        self.hint = QLabel(hint + follow_up_words(follow_up), self)
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

    def showEvent(self, event: QShowEvent) -> None:
        """As wide as the scale needs (not one line of the hint), tall enough for the wrapped text and words."""
        layout = self.layout()
        if layout is None:
            return super().showEvent(event)
        layout.activate()
        preferred = min(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 90)
        width = max(self.minimumWidth(), self.minimumSizeHint().width(), preferred)
        height = max(layout.totalHeightForWidth(width), self.minimumSizeHint().height())
        self.resize(width, height)
        super().showEvent(event)

    def pain(self) -> int | None:
        return self.scale.value()


def ask_dose_pain(companion: object, name: str, parent: QWidget | None) -> tuple[bool, int | None]:
    """(log it?, pain) from the dialog; the prefill comes from `companion.dose_effects.suggested_pain()`."""
    try:
        suggested = companion.dose_effects.suggested_pain()  # type: ignore[attr-defined]
    except PainCompanionError:  # a prefill must never keep a dose from being logged
        suggested = None
    try:
        delay = companion.follow_ups.delay()  # type: ignore[attr-defined]
    except PainCompanionError:
        delay = None
    dialog = DosePainDialog(name, suggested, parent, delay)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    return ok, dialog.pain()


def dose_op(
    companion: object, med_id: int, name: str, as_needed: bool, parent: QWidget | None, at: datetime | None = None
) -> TakeDoseOp | None:
    """The dose to push on the undo stack, or None when the patient cancelled.

    An as-needed item taken now first asks "pain right now" (optional; a rating gets the follow-up about an
    hour later). Regular items are not asked (they are taken by the clock, and "what helps" is about as-needed
    items), nor is a dose logged for an earlier time (the pain now is not the pain then).
    """
    from ...services.meds_undo import TakeDoseOp

    pain = None
    if as_needed and at is None:
        ok, pain = ask_dose_pain(companion, name, parent)
        if not ok:
            return None
    meds, effects = companion.meds, companion.dose_effects  # type: ignore[attr-defined]
    return TakeDoseOp(meds, med_id, at, pain=pain, effects=effects)
