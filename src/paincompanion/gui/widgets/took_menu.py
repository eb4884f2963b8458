"""The "Took my medicine" menu, filled when it opens: one entry per current medicine (Today and the tray)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu

from ...errors import PainCompanionError

if TYPE_CHECKING:  # the Today page loads before SQLAlchemy (services.companion imports it): types only
    from ...services.companion import CompanionApi

#: Called with the medicine's id, name and whether it is taken as needed.
Chosen = Callable[[int, str, bool], None]


def fill_took_menu(menu: QMenu, companion: CompanionApi, chosen: Chosen, *, later: bool = False) -> None:
    """Rebuild `menu` from the current list; `later` calls `chosen` after the menu's signal has returned (for a
    dialog with its own event loop while the menu may be rebuilt)."""
    menu.clear()
    try:
        meds = companion.meds.list_medications(include_stopped=False)
    except PainCompanionError as exc:
        menu.addAction(f"Your medicines could not be read: {exc}").setEnabled(False)
        return
    for med in meds:
        label = " ".join(part for part in (med.name, med.strength_text) if part).replace("&", "&&")
        action = menu.addAction(label)

        def choose(_: bool = False, med_id: int = med.id, name: str = med.name, ask: bool = med.as_needed) -> None:
            if later:
                QTimer.singleShot(0, lambda: chosen(med_id, name, ask))
            else:
                chosen(med_id, name, ask)

        action.triggered.connect(choose)
    if not meds:
        menu.addAction("No medicines on your list yet: add them on the Medicines page").setEnabled(False)
