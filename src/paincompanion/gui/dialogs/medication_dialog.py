"""MedicationDialog: add or edit a medicine or supplement, with name completion and a live "recognised as" line.

The caller saves `draft()` through an undo op (AddMedicationOp / EditMedicationOp).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QPersistentModelIndex, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...errors import PainCompanionError
from ..context import GuiContext
from ..widgets.date_fields import TabLeavingDateEdit
from ..widgets.message_label import MessageLabel
from ..widgets.product_choice import ProductChoice
from ..widgets.warnings_panel import NOT_RECOGNISED
from .sizing import grow_to_content, make_scrollable

if TYPE_CHECKING:
    from ...domain.medications import Medication, MedicationDraft
    from ...interactions.normalize import Resolution

KINDS = (("", "Work it out from the name"), ("drug", "Medicine"), ("supplement", "Supplement"), ("herbal", "Herbal"))
UNITS = ("mg", "mcg", "g", "ml", "IU", "%", "drops", "puffs")
FORMS = ("tablet", "capsule", "liquid", "patch", "powder", "tea", "cream or gel", "injection", "spray", "drops")
#: Kinds of lexicon ingredient for which the product and strain fields are shown.
PRODUCT_KINDS = frozenset({"supplement", "herbal"})
INGREDIENTS_HINT = "Not recognised? Type the active ingredients from the pack"
GIVEN_BY_YOU = "ingredients given by you"
_SEPARATORS = re.compile(r"[+;]|(?<!\d),|,(?!\d)")


class ListCompleter(QCompleter):
    """Completes the last part of "paracetamol 500 mg + cod…" (parts separated by + , or ;)."""

    def splitPath(self, path: str) -> list[str]:
        return [_SEPARATORS.split(path)[-1].lstrip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        field = self.widget()
        text = field.text() if isinstance(field, QLineEdit) else ""
        cuts = [m.end() for m in _SEPARATORS.finditer(text)]
        head = text[: cuts[-1]].rstrip() + " " if cuts else ""
        return head + super().pathFromIndex(index)


def ingredient_names(ingredients: tuple[str, ...]) -> list[str]:
    from ...interactions.dataset import load_dataset

    dataset = load_dataset()
    return [dataset.ingredient_name(i) for i in ingredients]


def ingredient_kinds(ingredients: tuple[str, ...]) -> set[str]:
    from ...interactions.dataset import load_dataset

    dataset = load_dataset()
    return {dataset.ingredients[i].kind for i in ingredients if i in dataset.ingredients}


def recognition_text(resolution: Resolution) -> str:
    """ "Recognised as: oxycodone + acetaminophen (Percocet)" or "Not recognised — no interaction information…"."""
    if resolution.given:
        names = " + ".join(ingredient_names(resolution.ingredients)) or "none of them recognised"
        unknown = resolution.unknown_ingredients
        text = f"Checked by the ingredients given by you: {names}."
        if unknown:
            text += " Not recognised, so not checked: " + ", ".join(unknown) + "."
        return text
    if resolution.candidates:
        return "This name could be several products with different ingredients."
    if resolution.recognized and resolution.ingredients:
        names = " + ".join(ingredient_names(resolution.ingredients))
        product = resolution.product
        return f"Recognised as: {names}" + (f" ({product})" if product else "")
    suggested = [c.label for c in resolution.suggested][:3]
    text = NOT_RECOGNISED[0].upper() + NOT_RECOGNISED[1:] + "."
    if suggested:
        text += " Did you mean " + " or ".join(f"“{s}”" for s in suggested) + "?"
    return text + " You can still save it."


class OptionalDate(QWidget):
    """A check box ("known") and a date; unchecked means no date."""

    def __init__(self, what: str, object_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox("Known", self)
        self.check.setObjectName(f"{object_name}Known")
        self.check.setAccessibleName(f"{what} known")
        self.edit = TabLeavingDateEdit(QDate(today.year, today.month, today.day), self)
        self.edit.setObjectName(object_name)
        self.edit.setAccessibleName(what)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.setFocusProxy(self.check)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def value(self) -> date | None:
        if not self.check.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class MedicationDialog(QDialog):
    """All fields of a medicine; Save checks them and keeps the dialog open with a plain message if something is off."""

    def __init__(
        self,
        ctx: GuiContext,
        medication: Medication | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("medicationDialog")
        self.ctx = ctx
        self.medication = medication
        self._draft: MedicationDraft | None = None
        self._resolution: Resolution | None = None
        self.setWindowTitle("Edit medicine" if medication else "Add a medicine or supplement")
        self._build(ctx.companion.clock.now().date())
        if medication is not None:
            self.set_draft(medication)
        else:
            self.name_edit.setText(name)
        self._on_name_changed(self.name_edit.text())
        self._update_kind_fields()
        self.name_edit.setFocus()

    # --- building ---------------------------------------------------------------------------------

    def _build(self, today: date) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(
            "Type the name as it is on the pack or label. Only the name is needed; the rest helps you and your "
            "doctor or pharmacist.",
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form

        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("medNameEdit")
        self.name_edit.setPlaceholderText("e.g. Percocet 5/325, ibuprofen, kratom")
        self.completer = QCompleter(self)
        self.completer.setModel(QStringListModel(self._completions(), self.completer))
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(10)
        self.name_edit.setCompleter(self.completer)
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.name_edit.installEventFilter(self)
        self.recognition = QLabel(self)
        self.recognition.setObjectName("medRecognition")
        self.recognition.setWordWrap(True)
        self.recognition.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion_button = QPushButton(self)
        self.suggestion_button.setObjectName("useSuggestion")
        self.suggestion_button.clicked.connect(self._use_suggestion)
        self.suggestion_button.setVisible(False)
        self.choice = ProductChoice(self, object_name="medProductChoice")
        self.choice.chosen.connect(self._choose_product)
        name_box = QVBoxLayout()
        name_box.addWidget(self.name_edit)
        recognition_row = QHBoxLayout()
        recognition_row.addWidget(self.recognition, 1)
        recognition_row.addWidget(self.suggestion_button, 0, Qt.AlignmentFlag.AlignTop)
        name_box.addLayout(recognition_row)
        name_box.addWidget(self.choice)
        name_label = QLabel("&Name:", self)
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, name_box)

        self.ingredients_edit = QLineEdit(self)
        self.ingredients_edit.setObjectName("medIngredients")
        self.ingredients_edit.setPlaceholderText("e.g. paracetamol 500 mg + codeine 30 mg")
        self.ingredients_edit.setAccessibleName("Active ingredients from the pack")
        self.ingredients_edit.setAccessibleDescription(
            "Optional. Separate them with + or a comma. The item is then checked by these ingredients."
        )
        self.ingredients_completer = ListCompleter(self)
        self.ingredients_completer.setModel(QStringListModel(self._ingredient_completions(), self))
        self.ingredients_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.ingredients_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.ingredients_edit.setCompleter(self.ingredients_completer)
        self.ingredients_edit.installEventFilter(self)
        self.ingredients_edit.textChanged.connect(lambda _text: self._on_name_changed(self.name_edit.text()))
        self.ingredients_hint = QLabel(f"{INGREDIENTS_HINT} (optional; separate them with + or a comma).", self)
        self.ingredients_hint.setWordWrap(True)
        self.ingredients_hint.setObjectName("medIngredientsHint")
        ingredients_box = QVBoxLayout()
        ingredients_box.addWidget(self.ingredients_edit)
        ingredients_box.addWidget(self.ingredients_hint)
        form.addRow(self._label("Active &ingredients from the pack:", self.ingredients_edit), ingredients_box)

        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("medKind")
        for value, text in KINDS:
            self.kind_combo.addItem(text, value)
        form.addRow(self._label("T&ype:", self.kind_combo), self.kind_combo)

        self.strength_spin = QDoubleSpinBox(self)
        self.strength_spin.setObjectName("medStrength")
        self.strength_spin.setAccessibleName("Strength per dose")
        self.strength_spin.setRange(0, 100_000)
        self.strength_spin.setDecimals(2)
        self.strength_spin.setSpecialValueText("not set")
        self.unit_combo = QComboBox(self)
        self.unit_combo.setObjectName("medUnit")
        self.unit_combo.setAccessibleName("Unit")
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(UNITS)
        self.form_combo = QComboBox(self)
        self.form_combo.setObjectName("medForm")
        self.form_combo.setEditable(True)
        self.form_combo.addItems(FORMS)
        self.form_combo.setCurrentIndex(-1)  # empty until chosen or typed
        if (form_edit := self.form_combo.lineEdit()) is not None:
            form_edit.setPlaceholderText("e.g. tablet, capsule, powder")
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_spin, 1)
        # A visible label names the unit box for screen readers (Linux names an editable combo by its value).
        strength_row.addWidget(self._label("unit", self.unit_combo))
        strength_row.addWidget(self.unit_combo)
        strength_label = self._label("&Strength:", self.strength_spin)
        form.addRow(strength_label, strength_row)
        form.addRow(self._label("&Form:", self.form_combo), self.form_combo)

        self.times_spin = QDoubleSpinBox(self)
        self.times_spin.setObjectName("medTimesPerDay")
        self.times_spin.setAccessibleName("Times a day")
        self.times_spin.setRange(0, 24)
        self.times_spin.setDecimals(1)
        self.times_spin.setSingleStep(1)
        self.times_spin.setSpecialValueText("not set")
        self.times_spin.setSuffix(" × a day")
        self.as_needed = QCheckBox("&As needed", self)
        self.as_needed.setObjectName("medAsNeeded")
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.times_spin, 1)
        schedule_row.addWidget(self.as_needed)
        form.addRow(self._label("&How often:", self.times_spin), schedule_row)

        self.start_date = OptionalDate("Start date", "medStart", today, self)
        self.stop_date = OptionalDate("Stop date", "medStop", today, self)
        form.addRow(self._label("Start&ed:", self.start_date.check), self.start_date)
        form.addRow(self._label("St&opped:", self.stop_date.check), self.stop_date)

        self.reason_edit = self._line("medReason", "e.g. back pain, sleep")
        form.addRow(self._label("&Reason:", self.reason_edit), self.reason_edit)
        self.prescriber_edit = self._line("medPrescriber", "a doctor, or a shop or website")
        form.addRow(self._label("&Prescriber or where bought:", self.prescriber_edit), self.prescriber_edit)
        self.product_edit = self._line("medProduct", "brand or product name on the pack")
        form.addRow(self._label("Pro&duct:", self.product_edit), self.product_edit)
        self.strain_edit = self._line("medStrain", "e.g. red vein, Maeng Da")
        form.addRow(self._label("Stra&in:", self.strain_edit), self.strain_edit)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("medNotes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().height() * 4)
        form.addRow(self._label("No&tes:", self.notes_edit), self.notes_edit)
        layout.addLayout(form)

        self.message = MessageLabel(self)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._update_kind_fields)
        self.product_edit.textChanged.connect(lambda _text: self._on_name_changed(self.name_edit.text()))
        chars = self.fontMetrics().averageCharWidth()
        self.resize(max(chars * 100, self.sizeHint().width()), 0)  # as tall as the content at this width
        make_scrollable(self, self.message, self.buttons, name="medicationScroll")

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _completions(self) -> list[str]:
        try:
            return list(self.ctx.companion.meds.name_completions())
        except PainCompanionError:
            return []

    def _ingredient_completions(self) -> list[str]:
        try:
            return list(self.ctx.companion.meds.ingredient_completions())
        except PainCompanionError:
            return []

    # --- behaviour --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter that picks a completion must not also save the dialog: the second Enter saves.
        completers = {self.name_edit: self.completer, self.ingredients_edit: self.ingredients_completer}
        if (
            watched in completers
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and (popup := completers[watched].popup()) is not None
            and popup.isVisible()
        ):
            return True
        return super().eventFilter(watched, event)

    def _on_name_changed(self, text: str) -> None:
        self._resolution = None
        if not text.strip():
            self.recognition.setText("Start typing; names the dataset knows are offered as you type.")
            self.suggestion_button.setVisible(False)
            self.choice.set_candidates(())
            self._update_kind_fields()
            return
        try:
            draft = replace(self._name_draft(), name=text)
            self._resolution = self.ctx.companion.meds.resolve_draft(draft)
            # The list of candidates stays while a product is picked, so the choice can be changed.
            named = self.ctx.companion.meds.resolve(text) if not draft.pack_ingredients else self._resolution
        except PainCompanionError as exc:
            self.recognition.setText(f"The name could not be checked: {exc}")
            self.suggestion_button.setVisible(False)
            self.choice.set_candidates(())
            return
        self.recognition.setText(recognition_text(self._resolution))
        self.recognition.setAccessibleName(self.recognition.text())
        self.choice.set_candidates(named.candidates, self.product_edit.text().strip())
        suggested = () if self._resolution.recognized or self._resolution.given else self._resolution.suggested
        if suggested:  # offered, never applied: the patient presses the button
            self.suggestion_button.setText(f"&Use “{suggested[0].label}”")
            self.suggestion_button.setAccessibleName(f"Use the suggested name {suggested[0].label}")
        self.suggestion_button.setVisible(bool(suggested))
        self._update_kind_fields()
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)  # once shown, the wrapped texts know their width

    def _fit(self) -> None:
        """Grow the dialog when the product choice or longer texts appear, so nothing is squeezed."""
        grow_to_content(self)

    def _name_draft(self) -> MedicationDraft:
        """Name, product and pack ingredients as typed (not validated), for the live recognition line."""
        from ...domain.medications import MedicationDraft, parse_pack_ingredients

        try:
            pack = parse_pack_ingredients(self.ingredients_edit.text())
        except PainCompanionError:
            pack = ()
        return MedicationDraft(self.name_edit.text(), product=self.product_edit.text().strip(), pack_ingredients=pack)

    def _use_suggestion(self) -> None:
        if self._resolution is not None and self._resolution.suggested:
            self.name_edit.setText(self._resolution.suggested[0].name)
            self.name_edit.setFocus()

    def _choose_product(self, name: str) -> None:
        """The patient picked a candidate: it is kept as the item's product, and the item is checked as that."""
        self.product_edit.setText(name)
        self._on_name_changed(self.name_edit.text())
        self.message.show_info(f"Picked: {name}. You can change it in the list.")

    def _update_kind_fields(self) -> None:
        """Product and strain are shown for supplements and herbal products (kratom, CBD…)."""
        kind = self.kind_combo.currentData()
        kinds = {kind} if kind else set()
        if self._resolution is not None and not kind:
            kinds = ingredient_kinds(self._resolution.ingredients)
        show = bool(kinds & PRODUCT_KINDS) or bool(self.product_edit.text() or self.strain_edit.text())
        self.form.setRowVisible(self.product_edit, show)
        self.form.setRowVisible(self.strain_edit, show)

    def set_draft(self, draft: MedicationDraft) -> None:
        self.name_edit.setText(draft.name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(draft.kind)))
        self.strength_spin.setValue(draft.strength or 0)
        self.unit_combo.setCurrentText(draft.unit or "mg")
        self.form_combo.setCurrentText(draft.form)
        self.times_spin.setValue(draft.times_per_day or 0)
        self.as_needed.setChecked(draft.as_needed)
        self.start_date.set_value(draft.start)
        self.stop_date.set_value(draft.stop)
        self.reason_edit.setText(draft.reason)
        self.prescriber_edit.setText(draft.prescriber)
        self.product_edit.setText(draft.product)
        self.strain_edit.setText(draft.strain)
        self.notes_edit.setPlainText(draft.notes)
        self.ingredients_edit.setText(" + ".join(p.text for p in draft.pack_ingredients))
        self._on_name_changed(self.name_edit.text())

    def form_draft(self) -> MedicationDraft:
        from ...domain.medications import MedicationDraft, parse_pack_ingredients

        return MedicationDraft(
            pack_ingredients=parse_pack_ingredients(self.ingredients_edit.text()),
            name=self.name_edit.text().strip(),
            kind=self.kind_combo.currentData() or "",
            strength=self.strength_spin.value() or None,
            unit=self.unit_combo.currentText().strip() or "mg",
            form=self.form_combo.currentText().strip(),
            times_per_day=self.times_spin.value() or None,
            as_needed=self.as_needed.isChecked(),
            start=self.start_date.value(),
            stop=self.stop_date.value(),
            reason=self.reason_edit.text().strip(),
            prescriber=self.prescriber_edit.text().strip(),
            product=self.product_edit.text().strip(),
            strain=self.strain_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        from ...domain.medications import validate_medication

        try:
            draft = validate_medication(self.form_draft(), self.ctx.companion.clock.now().date())
            resolution = self.ctx.companion.meds.resolve_draft(draft)
        except PainCompanionError as exc:
            self.message.show_error(str(exc))
            field = self.ingredients_edit if "ingredient" in str(exc).lower() else self.name_edit
            field.setFocus()
            return
        if resolution.candidates:
            self.message.show_error(
                f"“{draft.name}” could be several products with different ingredients. Pick the one on your pack "
                "in the list, or type the active ingredients from the pack."
            )
            self.choice.list.setFocus()
            if self.choice.list.currentRow() < 0:
                self.choice.list.setCurrentRow(0)
            return
        self._draft = draft
        super().accept()

    def draft(self) -> MedicationDraft:
        """The medicine as filled in (valid once the dialog was Accepted)."""
        return self._draft if self._draft is not None else self.form_draft()
