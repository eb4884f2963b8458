"""The Medicines page: the patient's list, interaction warnings, "check before I buy" and the dose log.

The bundled dataset is loaded on the first show of the page (never at app start); checks after that take a few ms.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ...domain.changes import Changes
from ...domain.interactions import InteractionWarning, Severity
from ...errors import PainCompanionError
from ..context import GuiContext
from ..models.meds_list import MedsListModel
from ..page_layout import wrap_page
from ..undo import push_op
from ..views.meds_view import MedsView
from ..widgets.naloxone_row import NaloxoneRow
from ..widgets.warnings_panel import NO_WARNING

if TYPE_CHECKING:
    from ...domain.medications import Dose, Medication
    from ...interactions.checker import CheckResult
    from ...services.medications import MedicationService
    from ..dialogs.info_dialog import InfoDialog

RECENT_DOSE_DAYS = 14
TOOK_NAME_CHARS = 24  # longer names: "Took it now" (the accessible name always has the name)
EMPTY_LIST = "Nothing on your list yet. Add the medicines and supplements you take with “Add…”."
NOTHING_TO_CHECK = "Add your medicines and supplements to see what the dataset says about them together."


def undo_text() -> str:
    return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)


def highest_marks(meds: Sequence[Medication], warnings: Sequence[InteractionWarning]) -> dict[int, Severity | None]:
    """The most serious warning that names each active item (warnings name items by what was typed)."""
    by_name: dict[str, list[int]] = {}
    for med in meds:
        if med.active:
            by_name.setdefault(med.name.casefold(), []).append(med.id)
    marks: dict[int, Severity | None] = {}
    for warning in warnings:
        for item in warning.items:
            for med_id in by_name.get(item.casefold(), ()):
                current = marks.get(med_id)
                if current is None or warning.severity > current:
                    marks[med_id] = warning.severity
    return marks


def dose_text(dose: Dose) -> str:
    amount = f" ({dose.amount})" if dose.amount else ""
    return f"{dose.at:%a} {dose.at.day} {dose.at:%b}, {dose.at:%H:%M} — {dose.medication_name}{amount}"


class MedicinesPage(QWidget):
    """Controller of MedsView: loads the list, runs the checks, pushes undo ops."""

    page_title = "Medicines"
    #: A one-line confirmation for the window's status bar.
    status_message = Signal(str)

    def __init__(self, ctx: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("medicinesPage")
        self.ctx = ctx
        self.result: CheckResult | None = None
        self._loaded = False
        self.view = MedsView(self)
        # "naloxone at home?" when an opioid or kratom is listed: under the list, before its warnings
        naloxone = NaloxoneRow(ctx, self.view.list_tab)
        layout = self.view.list_layout
        layout.insertWidget(layout.indexOf(self.view.warnings), naloxone)
        QWidget.setTabOrder(self.view.table, naloxone.yes)
        QWidget.setTabOrder(naloxone.yes, naloxone.no)
        QWidget.setTabOrder(naloxone.no, self.view.warnings.expand_button)
        self.page_scroll = wrap_page(self, self.view, name="medsScroll", accessible_name="Medicines")
        self.model = MedsListModel(self)
        self.view.table.setModel(self.model)
        self.view.fit_columns()
        self.table = self.view.table
        self._connect()
        ctx.bus.operation_did_execute.connect(self._on_changes)

    def _connect(self) -> None:
        v = self.view
        v.add_button.clicked.connect(lambda: self.add())
        v.edit_button.clicked.connect(self.edit_selected)
        v.stop_button.clicked.connect(self.stop_or_restart_selected)
        v.delete_button.clicked.connect(self.delete_selected)
        v.delete_action.triggered.connect(self.delete_selected)
        v.took_button.clicked.connect(self.took_selected)
        v.table.activated.connect(lambda _index: self.edit_selected())
        v.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        v.buy_box.check_button.clicked.connect(lambda: self.check_before_buying())
        v.buy_box.edit.returnPressed.connect(lambda: self.check_before_buying())
        v.buy_box.add_requested.connect(self.add)
        v.kratom_button.clicked.connect(self.show_kratom)
        v.warnings.kratom_requested.connect(self.show_kratom)  # from a kratom or 7-OH warning
        v.buy_box.panel.kratom_requested.connect(self.show_kratom)
        v.about_button.clicked.connect(self.show_about)
        v.liver_check.toggled.connect(lambda on: self.set_apap_answer(liver_disease=on))
        v.alcohol_check.toggled.connect(lambda on: self.set_apap_answer(regular_alcohol=on))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def focus_first(self) -> None:
        if not self._loaded:
            self.reload()
        (self.view.table if self.model.rowCount() else self.view.add_button).setFocus()

    # --- data -------------------------------------------------------------------------------------

    @property
    def meds(self) -> MedicationService:
        return self.ctx.companion.meds

    def reload(self) -> None:
        """Reload the list, the warnings, the amounts and the dose log."""
        if not self._loaded:
            self._loaded = True
            try:
                self.view.buy_box.set_completions(self.meds.name_completions())
            except PainCompanionError:
                pass
        current = self.selected_id()
        try:
            items = self.meds.list_medications()
        except PainCompanionError as exc:
            self.view.message.show_info(f"Your list could not be read: {exc}")
            items = []
        warnings = self._check(items)
        self.model.set_rows(items, highest_marks(items, warnings))
        uncovered = {item.casefold() for item, _ in self.result.no_rules} if self.result else set()
        self.model.set_no_rules(m.id for m in items if m.active and m.name.casefold() in uncovered)
        self.view.show_empty_state("" if items else EMPTY_LIST)
        if current is not None and (row := self.model.row_of(current)) >= 0:
            self.view.table.selectRow(row)
        self._reload_doses(items)
        self._show_apap_answers()
        self._update_buttons()

    def _show_apap_answers(self) -> None:
        try:
            profile = self.meds.apap_profile()
        except PainCompanionError:
            return
        for check, key in ((self.view.liver_check, "liver_disease"), (self.view.alcohol_check, "regular_alcohol")):
            check.blockSignals(True)
            check.setChecked(profile[key])
            check.blockSignals(False)

    def set_apap_answer(self, *, liver_disease: bool | None = None, regular_alcohol: bool | None = None) -> None:
        """Save an answer that lowers the acetaminophen limit; the amounts and warnings follow."""
        try:
            self.meds.set_apap_profile(liver_disease=liver_disease, regular_alcohol=regular_alcohol)
        except PainCompanionError as exc:
            self.view.message.show_info(f"Your answer could not be saved: {exc}")
            self._show_apap_answers()
            return
        limit = self.meds.acetaminophen_today().limit_mg
        self.status_message.emit(f"The acetaminophen limit used for you is now {limit:,} mg a day.")

    def _check(self, items: Sequence[Medication]) -> list[InteractionWarning]:
        """Run the check on the active list and fill the warnings panel; returns the warnings shown."""
        panel = self.view.warnings
        try:
            self.result = self.meds.check()
        except PainCompanionError as exc:
            self.result = None
            panel.show_message(f"The interaction check could not run: {exc}")
            self.view.show_amounts("")
            return []
        warnings = list(self.result.warnings)
        amounts, limit_warning = self._amounts()
        if limit_warning is not None and all(w.kind != "daily-limit" for w in warnings):
            warnings.append(limit_warning)
        active = [m for m in items if m.active]
        suggestions = {  # always with their ingredients, so a suggestion cannot hide a swapped ingredient
            r.input: tuple(c.label for c in (r.candidates or r.suggested))
            for r in self.result.items
            if not r.recognized
        }
        if not active:
            none_text = NOTHING_TO_CHECK
        elif len(self.result.unrecognized) == len(self.result.items):
            none_text = "Nothing on your list is recognised, so the dataset has no interaction information for it."
        elif self.result.no_rules:
            none_text = "The dataset has no warning for the items it has rules for; it has none for some (below)."
        else:
            none_text = NO_WARNING
        panel.show_warnings(
            warnings,
            version=self.result.dataset_version,
            unrecognised=self.result.unrecognized,
            suggestions=suggestions,
            none_text=none_text,
            no_rules=self.result.no_rules,
        )
        self.view.show_amounts(amounts)
        return warnings

    def _amounts(self) -> tuple[str, InteractionWarning | None]:
        """Today's acetaminophen against the daily limit, and the opioid MME a day from the schedule."""
        lines: list[str] = []
        warning = None
        try:
            apap = self.meds.acetaminophen_today()
            if apap.total_mg > 0 or apap.uncounted:
                lines.append(
                    f"Acetaminophen today (schedule and doses logged): {apap.total_mg:,.0f} mg; "
                    f"the daily limit used for you is {apap.limit_mg:,} mg."
                )
                if apap.uncounted:
                    lines.append(f"Amount unknown, not counted: {', '.join(apap.uncounted)}.")
            warning = apap.warning
        except (PainCompanionError, AttributeError):
            pass
        try:
            mme = self.meds.mme_per_day()
            if mme.items:
                lines.append(f"Opioids from the schedule: about {mme.total_mme_per_day:,.0f} MME a day (CDC 2022).")
            taken = self._mme_taken()
            if taken:
                lines.append(taken)
            if mme.items:
                lines += list(mme.notes[1:])  # notes[0] is the general caution; the levels follow
            for missing in mme.not_calculated:
                lines.append(f"{missing.drug}: MME not calculated. {missing.reason}")
        except (PainCompanionError, AttributeError):
            pass
        return "\n".join(lines), warning

    def _mme_taken(self) -> str:
        """'What you took (average a day, last 30 days): N MME', from the dose log ("" without opioid doses)."""
        from ...analysis.mme_taken import TAKEN_DAYS, service_mme_taken

        today = self.ctx.companion.clock.now().date()
        taken = service_mme_taken(self.meds, today - timedelta(days=TAKEN_DAYS - 1), today)
        if not taken.result.items:
            return ""
        value = taken.result.total_mme_per_day
        number = f"{value:,.1f}" if value < 10 else f"{value:,.0f}"
        return f"What you took (average a day, last {TAKEN_DAYS} days): {number} MME."

    def _reload_doses(self, items: Sequence[Medication]) -> None:
        doses_list = self.view.doses_list
        doses_list.clear()
        today = self.ctx.companion.clock.now().date()
        try:
            doses = self.meds.doses(date_from=today - timedelta(days=RECENT_DOSE_DAYS - 1))
        except PainCompanionError as exc:
            self.view.message.show_info(f"The dose log could not be read: {exc}")
            doses = []
        for dose in doses:
            item = QListWidgetItem(dose_text(dose), doses_list)
            item.setData(Qt.ItemDataRole.UserRole, dose.id)
        if not doses:
            item = QListWidgetItem("No doses logged in the last 14 days.", doses_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        uses = []
        for med in items:
            if med.active and med.as_needed:
                try:
                    per_week = self.meds.as_needed_uses_per_week(med.id)
                except PainCompanionError:
                    continue
                uses.append(f"{med.name} {per_week:.1f}× a week")
        text = ("As needed, average of the last 4 weeks: " + "; ".join(uses) + ".") if uses else ""
        self.view.as_needed_label.setText(text)
        self.view.as_needed_label.setAccessibleName(text)

    def _on_changes(self, changes: Changes) -> None:
        if changes.medications and self._loaded:
            self.reload()
            if self.view.buy_box.checked_name:
                self.check_before_buying(self.view.buy_box.checked_name)

    # --- selection --------------------------------------------------------------------------------

    def selected(self) -> Medication | None:
        index: QModelIndex = self.view.table.currentIndex()
        selected = self.view.table.selectionModel().selectedRows()
        if not index.isValid() or not selected:
            return None
        return self.model.medication(index.row())

    def selected_id(self) -> int | None:
        med = self.selected()
        return med.id if med else None

    def select_id(self, med_id: int) -> None:
        row = self.model.row_of(med_id)
        if row >= 0:
            self.view.table.selectRow(row)

    def _update_buttons(self) -> None:
        med = self.selected()
        v = self.view
        for button in (v.edit_button, v.stop_button, v.delete_button):
            button.setEnabled(med is not None)
        v.delete_action.setEnabled(med is not None)
        if med is not None and not med.active:
            v.stop_button.setText("Re&start")
            v.stop_button.setAccessibleName(f"Start taking {med.name} again")
        else:
            v.stop_button.setText("&Stop taking")
            v.stop_button.setAccessibleName(f"Stop taking {med.name}" if med else "Stop taking the chosen medicine")
        v.took_button.setEnabled(med is not None and med.active)
        short = med is not None and med.active and len(med.name) <= TOOK_NAME_CHARS
        v.took_button.setText(f"Took {med.name.replace('&', '&&')} &now" if short and med else "Took it &now")
        took = f"Took {med.name} now" if med and med.active else "Took the chosen medicine now"
        v.took_button.setAccessibleName(took)

    # --- actions ----------------------------------------------------------------------------------

    def _push(self, op: object) -> bool:
        error = push_op(self.ctx.undo_stack, op)  # type: ignore[arg-type]
        if error is not None:
            self.view.message.show_error(str(error))
            return False
        return True

    def add(self, name: str = "") -> None:
        from ...services.meds_undo import AddMedicationOp
        from ..dialogs.medication_dialog import MedicationDialog

        dialog = MedicationDialog(self.ctx, None, self, name=name)
        while dialog.exec() == MedicationDialog.DialogCode.Accepted:
            op = AddMedicationOp(self.meds, dialog.draft())
            error = push_op(self.ctx.undo_stack, op)
            if error is None:
                if op.med is not None:
                    self.select_id(op.med.id)
                self._info(f"{dialog.draft().name} added. {undo_text()} takes it back.")
                break
            dialog.message.show_error(str(error))  # reopen with what was typed and the reason
        self.view.table.setFocus()

    def edit_selected(self) -> None:
        from ...services.meds_undo import EditMedicationOp
        from ..dialogs.medication_dialog import MedicationDialog

        med = self.selected()
        if med is None:
            return
        dialog = MedicationDialog(self.ctx, med, self)
        while dialog.exec() == MedicationDialog.DialogCode.Accepted:
            error = push_op(self.ctx.undo_stack, EditMedicationOp(self.meds, med.id, dialog.draft()))
            if error is None:
                self._info(f"Changes to {dialog.draft().name} saved.")
                break
            dialog.message.show_error(str(error))
        self.view.table.setFocus()

    def stop_or_restart_selected(self) -> None:
        from ...services.meds_undo import RestartMedicationOp, StopMedicationOp

        med = self.selected()
        if med is None:
            return
        if med.active:
            if self._push(StopMedicationOp(self.meds, med.id)):
                self._info(f"{med.name} marked as stopped; it stays on the list. {undo_text()} takes it back.")
        else:
            if self._push(RestartMedicationOp(self.meds, med.id)):
                self._info(f"{med.name} is on your current list again.")
        self.select_id(med.id)
        self.view.table.setFocus()

    def delete_selected(self) -> None:
        from ...services.meds_undo import DeleteMedicationOp

        med = self.selected()
        if med is None:
            return
        if self._push(DeleteMedicationOp(self.meds, med.id, effects=self.ctx.companion.dose_effects)):
            self._info(f"{med.name} deleted with its dose log. {undo_text()} brings it back.")
        self.view.table.setFocus()

    def took_selected(self) -> None:
        from ...services.meds_undo import TakeDoseOp

        med = self.selected()
        if med is None or not med.active:
            return
        pain = None
        if med.as_needed:
            from ..dialogs.dose_pain_dialog import ask_dose_pain

            ok, pain = ask_dose_pain(self.ctx.companion, med.name, self)
            if not ok:
                return
        if self._push(TakeDoseOp(self.meds, med.id, pain=pain, effects=self.ctx.companion.dose_effects)):
            rated = "" if pain is None else f" with pain {pain}"
            self._info(f"Dose of {med.name} logged{rated} — {undo_text()} takes it back.")

    def _info(self, text: str) -> None:
        self.view.message.show_info(text)
        self.status_message.emit(text)

    # --- check before I buy -----------------------------------------------------------------------

    def check_before_buying(self, name: str | None = None) -> None:
        """Show the warnings a product would add to the saved list; nothing is saved."""
        from ..dialogs.medication_dialog import ingredient_names

        self.view.buy_box.run(self.meds.check, self.result, ingredient_names, name, resolve=self.meds.resolve)

    # --- information pages ------------------------------------------------------------------------

    def show_kratom(self) -> None:
        from ..dialogs.info_dialog import KRATOM_TITLE, InfoDialog, kratom_markdown

        self._show_info(KRATOM_TITLE, kratom_markdown, "kratomDialog", InfoDialog)

    def show_about(self) -> None:
        from ..dialogs.info_dialog import InfoDialog, about_markdown

        self._show_info("About the interaction data", about_markdown, "aboutDataDialog", InfoDialog)

    def _show_info(self, title: str, text_fn: Callable[[], str], name: str, cls: type[InfoDialog]) -> None:
        try:
            text = text_fn()
        except PainCompanionError as exc:
            self.view.message.show_error(str(exc))
            return
        self.info_dialog = cls(title, text, self, name=name)
        self.info_dialog.open()
