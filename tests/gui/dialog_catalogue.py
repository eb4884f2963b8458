"""Every dialog and small window of the GUI, each built with the minimal context the test fixtures give.

Used by the fit-the-screen and dark-palette tests and by resources/screenshots/make_dark_screenshots.py.
`DIALOG_BUILDERS` maps a short name to a builder `(ctx, paths) -> QWidget`; `missing_dialog_classes()` lists
dialog classes of gui/dialogs that no builder covers (a test keeps the list empty as dialogs are added).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import UTC, date, datetime, time

from PySide6.QtWidgets import QDialog, QWidget

from paincompanion.domain.reminders import CHECKIN, DOSE, DUE, MISSED, Reminder
from paincompanion.domain.routines import Routine, RoutineKind, Safety, Step
from paincompanion.errors import DatabaseError
from paincompanion.gui.context import GuiContext
from paincompanion.paths import AppPaths

LONG_TEXT = (
    "A longer line of text, as a real diary or leaflet would hold, so the dialog has to wrap it over several "
    "lines at large text sizes and the layout is tested with something close to real use. "
) * 3


def _routine(ctx: GuiContext) -> Routine:
    draft = Routine(
        id="fit-test",
        title="A gentle stretch for the neck and shoulders",
        kind=RoutineKind.EXERCISE,
        steps=(
            Step("Sit comfortably and breathe slowly in and out.", seconds=10),
            Step("Lift both arms slowly.", repetitions=3),
        ),
        minutes=3,
        safety=Safety(stop_if=("Sharp pain.",), see_doctor_if=("Chest pain.",)),
    )
    return ctx.companion.routines.save_user_routine(draft)


def _worksheet_routine(ctx: GuiContext) -> Routine:
    sheets = [r for r in ctx.companion.routines.library().list_routines() if r.is_worksheet]
    assert sheets, "no worksheet in the routine library"
    return max(sheets, key=lambda r: len(r.worksheet))  # the longest one


def _reminders(kind: str, count: int, status: str = DUE) -> list[Reminder]:
    today = date(2026, 3, 10)
    return [
        Reminder(
            kind=kind,
            day=today,
            status=status,
            slot=time(8 + i, 0),
            due_at=datetime(2026, 3, 10, 8 + i, tzinfo=UTC),
            medication_id=i + 1 if kind == DOSE else None,
            name=f"Medicine number {i + 1} with a long name",
        )
        for i in range(count)
    ]


def _reminder_window(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.gui.dialogs.reminder_window import ReminderWindow

    window = ReminderWindow()
    window.set_reminders(_reminders(DOSE, 3) + _reminders(CHECKIN, 1), date(2026, 3, 10))
    return window


def _missed(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.gui.dialogs.reminder_window import MissedDialog

    dialog = MissedDialog()
    dialog.set_reminders(_reminders(DOSE, 4, MISSED), date(2026, 3, 11))
    return dialog


def _follow_up(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.domain.follow_up import FollowUp
    from paincompanion.gui.dialogs.follow_up_window import FollowUpWindow

    window = FollowUpWindow()
    taken = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)
    window.ask(FollowUp(1, "Paracetamol 500 mg and a second medicine with a long name", taken, taken))
    return window


def _passphrase(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.gui.dialogs.passphrase_dialog import PassphraseDialog

    return PassphraseDialog(
        None,
        title="Change passphrase",
        intro=LONG_TEXT,
        action="&Change passphrase",
        busy_text="Changing…",
        work=lambda _current, _new: None,
        check_current=lambda _p: None,
        check_new=lambda _p: None,
    )


def _delete_explain(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.gui.dialogs.erase_dialogs import DeleteExplainDialog

    return DeleteExplainDialog(
        None, folder=paths.data, entries=120, backups=3, size="2.4 MB", on_export=lambda _dialog: None
    )


def _open_error(ctx: GuiContext, paths: AppPaths) -> QWidget:
    from paincompanion.gui.dialogs.open_error_dialog import OpenErrorDialog

    paths.backups.mkdir(parents=True, exist_ok=True)
    backup = str(paths.backups / "pain-companion-2026-03-09.sqlite")
    error = DatabaseError("The diary file is damaged.", newest_backup=backup)
    return OpenErrorDialog(error, paths.backups, paths=paths, data_dir=str(paths.data))


def _imp(module: str, name: str) -> type:
    return getattr(importlib.import_module(f"paincompanion.gui.dialogs.{module}"), name)


DIALOG_BUILDERS: dict[str, Callable[[GuiContext, AppPaths], QWidget]] = {
    "medication_new": lambda ctx, p: _imp("medication_dialog", "MedicationDialog")(ctx),
    "entry_new": lambda ctx, p: _imp("entry_dialog", "EntryDialog")(ctx),
    "player": lambda ctx, p: _imp("player_dialog", "PlayerDialog")(ctx, _routine(ctx)),
    "routine_editor": lambda ctx, p: _imp("routine_editor_dialog", "RoutineEditorDialog")(
        _routine(ctx), is_new=False, taken_ids={"fit-test"}
    ),
    "worksheet": lambda ctx, p: _imp("worksheet_dialog", "WorksheetDialog")(ctx, _worksheet_routine(ctx)),
    "import": lambda ctx, p: _imp("import_dialog", "ImportDialog")(ctx),
    "settings_privacy": lambda ctx, p: _imp("settings_dialog", "SettingsDialog")(ctx, section="privacy"),
    "settings_reminders": lambda ctx, p: _imp("settings_dialog", "SettingsDialog")(ctx, section="reminders"),
    "settings_your_data": lambda ctx, p: _imp("settings_dialog", "SettingsDialog")(ctx, section="your_data"),
    "unlock": lambda ctx, p: _imp("unlock_dialog", "UnlockDialog")(p),
    "passphrase": _passphrase,
    "recovery_key": lambda ctx, p: _imp("recovery_key_dialog", "RecoveryKeyDialog")(
        "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", today=date(2026, 3, 10)
    ),
    "checkin_mood": lambda ctx, p: _imp("checkin_dialog", "MoodCheckinDialog")(ctx),
    "checkin_side_effects": lambda ctx, p: _imp("checkin_dialog", "SideEffectsDialog")(ctx),
    "checkin_change": lambda ctx, p: _imp("checkin_dialog", "ChangeDialog")(ctx),
    "goals": lambda ctx, p: _imp("goals_dialog", "GoalsDialog")(ctx),
    "peg": lambda ctx, p: _imp("peg_dialog", "PegDialog")(ctx),
    "locations": lambda ctx, p: _imp("locations_dialog", "LocationsDialog")(("lower_back",)),
    "reminder_window": _reminder_window,
    "missed": _missed,
    "follow_up": _follow_up,
    "dose_pain": lambda ctx, p: _imp("dose_pain_dialog", "DosePainDialog")("Ibuprofen 200 mg", 6),
    "info": lambda ctx, p: _imp("info_dialog", "InfoDialog")("About", "# Heading\n\n" + LONG_TEXT * 4),
    "open_error": _open_error,
    "delete_explain": _delete_explain,
    "delete_confirm": lambda ctx, p: _imp("erase_dialogs", "DeleteConfirmDialog")(None),
    "deleted": lambda ctx, p: _imp("erase_dialogs", "DeletedDialog")(
        None, [f"Deleted item {i}: {LONG_TEXT[:60]}" for i in range(12)], complete=False
    ),
}


def dialog_classes() -> set[type]:
    """Every QDialog subclass and top-level window class defined in gui/dialogs."""
    import paincompanion.gui.dialogs as package

    found: set[type] = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if obj.__module__ != module.__name__ or obj.__name__.startswith("_"):
                continue
            is_window = issubclass(obj, QDialog) or obj.__name__.endswith("Window")
            if is_window and issubclass(obj, QWidget):
                found.add(obj)
    return found


def missing_dialog_classes(built: list[QWidget]) -> set[str]:
    """Dialog classes no builder made (compared by class, subclasses count for their base)."""
    made = {type(widget) for widget in built}
    return {cls.__name__ for cls in dialog_classes() if not any(issubclass(m, cls) for m in made)}
